"""The glossary: terms found in inflected forms (ru, tg, en), never in look-alike words; the
segment check; CSV in and out."""

# ruff: noqa: E501 (tables of phrases read best one per line)
from __future__ import annotations

from pathlib import Path

import pytest

from app.core.db import Database
from app.core.errors import PressDeskError
from app.core.translation import glossary
from app.core.translation.glossary import Glossary, Term
from app.core.translation.tajik import fold, same_word
from app.core.translation.terms import TermEntry, TermMatcher

RU_TERMS = {
    "president": "Президент Республики Таджикистан",
    "republic": "Республика Таджикистан",
    "mfa": "Министерство иностранных дел",
    "parliament": "Маджлиси Оли",
    "leader": "Лидер нации",
    "government": "Правительство",
    "peace": "мир",
    "dushanbe": "Душанбе",
}
TG_TERMS = {
    "president": "Президенти Ҷумҳурии Тоҷикистон",
    "republic": "Ҷумҳурии Тоҷикистон",
    "mfa": "Вазорати корҳои хориҷӣ",
    "leader": "Пешвои миллат",
    "nation": "миллат",
    "government": "Ҳукумат",
    "state": "давлат",
    "founder": "Асосгузори сулҳу ваҳдати миллӣ",
}
EN_TERMS = {
    "president": "President of the Republic of Tajikistan",
    "mfa": "Ministry of Foreign Affairs",
    "leader": "Leader of the Nation",
    "nation": "nation",
    "government": "Government",
    "minister": "minister",
}


def _found(lang: str, terms: dict[str, str], text: str) -> list[tuple[str, str]]:
    matcher = TermMatcher(lang, [TermEntry(c, t) for c, t in terms.items()])
    return [(f.concept, text[f.start : f.end]) for f in matcher.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Указ Президента Республики Таджикистан", [("president", "Президента Республики Таджикистан")]),
        ("встреча с Президентом Республики Таджикистан", [("president", "Президентом Республики Таджикистан")]),
        ("письмо Президенту Республики Таджикистан", [("president", "Президенту Республики Таджикистан")]),
        ("о Президенте Республики Таджикистан", [("president", "Президенте Республики Таджикистан")]),
        ("Президент Республики Таджикистан Эмомали Рахмон", [("president", "Президент Республики Таджикистан")]),
        ("в Республике Таджикистан", [("republic", "Республике Таджикистан")]),
        ("Республикой Таджикистан подписано", [("republic", "Республикой Таджикистан")]),
        ("Министерством иностранных дел", [("mfa", "Министерством иностранных дел")]),
        ("в Министерстве иностранных дел", [("mfa", "Министерстве иностранных дел")]),
        ("депутаты Маджлиси Оли", [("parliament", "Маджлиси Оли")]),
        ("поздравил Лидера нации", [("leader", "Лидера нации")]),
        ("Лидером нации", [("leader", "Лидером нации")]),
        ("заседание Правительства", [("government", "Правительства")]),
        ("ради мира", [("peace", "мира")]),
        ("в Душанбе", [("dushanbe", "Душанбе")]),
        ("«Президента Республики Таджикистан»", [("president", "Президента Республики Таджикистан")]),
    ],
)  # fmt: skip
def test_russian_terms_are_found_inflected(text: str, expected: list) -> None:
    assert _found("ru", RU_TERMS, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "президентский указ",
        "президентство",
        "республиканский бюджет",
        "правительственная комиссия",
        "мировой рынок",
        "министерский уровень",
        "национальность",
        "Президента, Республики Таджикистан",  # a comma breaks a term
        "Президента. Республики Таджикистан",
    ],
)
def test_russian_look_alikes_are_not_terms(text: str) -> None:
    assert [
        c for c, _ in _found("ru", RU_TERMS, text) if c in ("president", "government", "peace")
    ] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Президенти Ҷумҳурии Тоҷикистон", [("president", "Президенти Ҷумҳурии Тоҷикистон")]),
        ("Президенти Ҷумҳурии Тоҷикистонро табрик гуфт", [("president", "Президенти Ҷумҳурии Тоҷикистонро")]),
        ("Паёми Президенти Ҷумҳурии Тоҷикистон ба Маҷлиси Олӣ", [("president", "Президенти Ҷумҳурии Тоҷикистон")]),
        ("бо Президенти Ҷумҳурии Тоҷикистону ҳайати ҳамроҳ", [("president", "Президенти Ҷумҳурии Тоҷикистону")]),
        ("Президенти Чумхурии Точикистон", [("president", "Президенти Чумхурии Точикистон")]),
        ("Ҳукумати Ҷумҳурии Тоҷикистон", [("government", "Ҳукумати"), ("republic", "Ҷумҳурии Тоҷикистон")]),
        ("Вазорати корҳои хориҷии Ҷумҳурии Тоҷикистон", [("mfa", "Вазорати корҳои хориҷии"), ("republic", "Ҷумҳурии Тоҷикистон")]),
        ("Пешвои миллатро", [("leader", "Пешвои миллатро")]),
        ("Пешвои миллатамон", [("leader", "Пешвои миллатамон")]),
        ("миллатҳои гуногун", [("nation", "миллатҳои")]),
        ("давлатҳои аъзо", [("state", "давлатҳои")]),
        ("давлатҳоро", [("state", "давлатҳоро")]),
        ("давлатамон", [("state", "давлатамон")]),
        ("Ҳукуматро", [("government", "Ҳукуматро")]),
        ("Асосгузори сулҳу ваҳдати миллӣ", [("founder", "Асосгузори сулҳу ваҳдати миллӣ")]),
        ("Асосгузори сулҳу ваҳдати миллӣ — Пешвои миллат", [("founder", "Асосгузори сулҳу ваҳдати миллӣ"), ("leader", "Пешвои миллат")]),
    ],
)  # fmt: skip
def test_tajik_terms_are_found_with_izafat_and_endings(text: str, expected: list) -> None:
    assert _found("tg", TG_TERMS, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ваҳдати миллӣ",  # national, not nation
        "давлатӣ",  # state (adjective)
        "Президент",  # not the full title
        "президентӣ",
        "миллатгаро",  # nationalist
        "Ҳукуматдорӣ",
        "Ҷумҳурии Қирғизистон",
    ],
)
def test_tajik_look_alikes_are_not_terms(text: str) -> None:
    assert _found("tg", TG_TERMS, text) == []


def test_tajik_rules() -> None:
    def same(term: str, word: str, last: bool = True) -> bool:
        return same_word(fold(term), fold(word), last=last)

    assert same("Тоҷикистон", "Тоҷикистонро")
    assert same("Президенти", "Президентҳои", last=False)
    assert same("Ҷумҳурӣ", "Ҷумҳурии")
    assert same("Ҷумҳурӣ", "Ҷумҳуриҳо")
    assert same("бача", "бачагон")
    assert same("донишҷӯ", "донишҷӯён")
    assert same("китоб", "китобҳоямонро")
    assert not same("миллат", "миллӣ")
    assert not same("милли", "миллат")
    assert not same("кор", "корхона")
    assert not same("ном", "нома")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the President of the Republic of Tajikistan", [("president", "President of the Republic of Tajikistan")]),
        ("President of the Republic of Tajikistan's decree", [("president", "President of the Republic of Tajikistan's")]),
        ("the Ministry of Foreign Affairs said", [("mfa", "Ministry of Foreign Affairs")]),
        ("Leader of the Nation", [("leader", "Leader of the Nation")]),
        ("all nations", [("nation", "nations")]),
        ("the Government's plan", [("government", "Government's")]),
        ("two ministers", [("minister", "ministers")]),
    ],
)  # fmt: skip
def test_english_terms_are_found_inflected(text: str, expected: list) -> None:
    assert _found("en", EN_TERMS, text) == expected


@pytest.mark.parametrize(
    "text",
    ["the presidency", "national unity", "governmental bodies", "the ministry", "nationwide"],
)
def test_english_look_alikes_are_not_terms(text: str) -> None:
    assert _found("en", EN_TERMS, text) == []


GLOSSARY = Glossary(
    [
        Term("president", "tg", "Президенти Ҷумҳурии Тоҷикистон"),
        Term(
            "president",
            "ru",
            "Президент Республики Таджикистан",
            ("Президент Таджикистана", "Президент РТ"),
        ),
        Term("leader", "tg", "Пешвои миллат"),
        Term("leader", "ru", "Лидер нации"),
    ]
)


def test_the_check_lists_source_terms_and_flags_missing_and_forbidden_ones() -> None:
    source = "Президенти Ҷумҳурии Тоҷикистонро Пешвои миллат меноманд."
    good = GLOSSARY.check(
        "tg", source, "ru", "Президента Республики Таджикистан называют Лидером нации."
    )
    assert [(f.concept, required) for f, required in good.source_terms] == [
        ("president", "Президент Республики Таджикистан"),
        ("leader", "Лидер нации"),
    ]
    assert good.issues == ()
    bad = GLOSSARY.check("tg", source, "ru", "Президента Таджикистана называют вождём.")
    # The forbidden variant is flagged as such, not also as a missing term.
    assert [(i.kind, i.concept, i.found) for i in bad.issues] == [
        ("missing", "leader", ""),
        ("forbidden", "president", "Президента Таджикистана"),
    ]


def test_the_draft_check_flags_forbidden_variants_in_the_source() -> None:
    issues = GLOSSARY.check_draft("ru", "Сегодня Президент РТ посетил Хатлон.")
    assert [(i.kind, i.found, i.expected) for i in issues] == [
        ("forbidden", "Президент РТ", "Президент Республики Таджикистан")
    ]


def test_csv_import_and_export(db: Database, tmp_path: Path) -> None:
    source = tmp_path / "terms.csv"
    source.write_text(
        "\ufeffconcept;lang;term;forbidden;note\n"
        "president;ru;Президент Республики Таджикистан;Президент РТ | Президент Таджикистана;титул\n"
        "president;tg;Президенти Ҷумҳурии Тоҷикистон;;\n"
        ";ru;без понятия;;\n",
        encoding="utf-8",
    )
    with db.transaction() as s:
        report = glossary.import_csv(s, source, ("tg", "ru", "en"))
    assert (report.added, report.updated, sum(report.skipped.values())) == (2, 0, 1)
    with db.transaction() as s:
        again = glossary.import_csv(s, source, ("tg", "ru", "en"))
        loaded = glossary.load(s)
    assert (again.added, again.unchanged) == (0, 2)
    assert loaded.required("president", "ru").forbidden == (
        "Президент РТ",
        "Президент Таджикистана",
    )
    out = tmp_path / "out.csv"
    with db.transaction() as s:
        assert glossary.export_csv(s, out) == 2
    # What was exported reads back the same.
    with db.transaction() as s:
        assert glossary.import_csv(s, out, ("tg", "ru", "en")).unchanged == 2


def test_csv_errors_are_one_clear_line(db: Database, tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("name,language\nx,ru\n", encoding="utf-8")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("concept,lang,term\nx,ru,Президент\n".encode("cp1251"))
    foreign = tmp_path / "foreign.csv"
    foreign.write_text("concept,lang,term\nx,de,Präsident\n", encoding="utf-8")
    for path, message in ((wrong, "no column concept"), (latin, "not UTF-8"), (foreign, "line 2")):
        with db.transaction() as s, pytest.raises(PressDeskError, match=message):
            glossary.import_csv(s, path, ("tg", "ru", "en"))
    with db.transaction() as s:
        assert len(glossary.load(s)) == 0
