"""Related statements: distinctive terms, pinned and suggested statements, and both loaders."""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.core.content import TextContent
from app.core.db import Database
from app.core.models import (
    PublishedRevision,
    RelatedStatement,
    Statement,
    StatementTag,
    StatementText,
    Status,
    Tag,
    TextTerm,
)
from app.core.related import (
    RelatedFinder,
    distinctive_terms,
    related_for,
    store_missing_terms,
    store_terms,
)
from app.core.related.scoring import COMMON_MIN_DF, COMMON_SHARE, TAG_SCORE, UNITS
from app.core.statements import create_statement, current_revision, save_text
from tests.conftest import approve_change, put_on_site, take_off_site

BASE = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
NOW = BASE + timedelta(days=1000)


def add(
    s,
    title: str,
    body: str = "",
    *,
    lang: str = "ru",
    tags: tuple[str, ...] = (),
    status: Status = Status.PUBLISHED,
    day: float = 0,
) -> int:
    """A statement in ``status`` dated ``day`` days after BASE (saving stores its terms).

    Published and withdrawn ones go through the workflow (their texts pinned for the site);
    the other statuses keep a statement off the site whatever they are, and are set as is.
    """
    date = BASE + timedelta(days=day)
    statement = create_statement(
        s,
        source_lang=lang,
        content=TextContent(title, body=body),
        actor_id=None,
        tags=tags,
        created_at=date,
    )
    if status in (Status.PUBLISHED, Status.WITHDRAWN):
        put_on_site(s, statement.id, date)
        if status is Status.WITHDRAWN:
            take_off_site(s, statement.id)
    else:
        statement.status = status
        if status == Status.SCHEDULED:
            statement.scheduled_at = date
    return statement.id


def translate(s, statement_id: int, lang: str, title: str, body: str = "") -> None:
    save_text(s, statement_id, lang, TextContent(title, body=body), actor_id=None)


def pin(s, statement_id: int, related_ids: list[int]) -> None:
    s.add_all(
        RelatedStatement(statement_id=statement_id, related_id=related_id, position=position)
        for position, related_id in enumerate(related_ids)
    )


def related(db: Database, statement_id: int, lang: str = "ru", at=NOW, limit=5) -> list[int]:
    """The preview's answer, checked to be the export's too."""
    with db.transaction() as s:
        preview = related_for(s, statement_id, lang, at, limit)
        export = RelatedFinder.for_language(s, lang, at).related(statement_id, limit)
    assert preview == export
    return preview


# --- distinctive terms -------------------------------------------------------------------


def test_terms_merge_inflections_and_weigh_the_title_most() -> None:
    terms = distinctive_terms(
        "Рогунская ГЭС",
        "Президент посетил стройку",
        "Строительство Рогуна идёт. На Рогуне работают тысячи людей. Стройка большая.",
        "ru",
    )
    assert next(iter(terms)) == "рогун"
    assert terms["рогун"] > terms["строи"] > terms["работ"]  # "й" folds to "и"
    assert "гэс" not in terms  # three letters
    assert sum(w * w for w in terms.values()) == pytest.approx(1.0, abs=1e-5)
    assert list(terms) == sorted(terms, key=lambda t: (-terms[t], t))


def test_tajik_forms_and_letters_fold_together() -> None:
    terms = distinctive_terms("Роғун", "", "Сохтмони Роғунро идома медиҳанд. НБО Роғуни", "tg")
    assert next(iter(terms)) == "рогун"  # search.fold reads ғ as г
    assert "сохтм" in terms


def test_markup_urls_digits_and_stop_words_are_not_terms() -> None:
    body = (
        "## Заголовок\n\n**Важное** _событие_ 2024 года: [подробности](https://president.tj/news/x)"
        " и <https://example.org/path>, <span class='note'>примечание</span>, &nbsp;"
        " пишите: press@president.tj, www.president.tj. Также которые\n\n"
        "[ref]: https://ref.example.com/target\n"
    )
    terms = distinctive_terms("Новость", "", body, "ru")
    assert {"загол", "важн", "событ", "подро", "приме", "пишит"} <= set(terms)
    for absent in ("https", "presid", "news", "exampl", "span", "class", "note", "nbsp", "target"):
        assert not any(t.startswith(absent[:4]) for t in terms), absent
    assert "такж" not in terms and "котор" not in terms  # Russian stop words


def test_stop_words_depend_on_the_language() -> None:
    assert "which" not in distinctive_terms("Which energy", "", "", "en")
    assert "which" in distinctive_terms("Which energy", "", "", "fr")


def test_at_most_sixteen_terms_deterministically_ordered() -> None:
    words = [
        "абрикос",
        "баклажан",
        "виноград",
        "горошек",
        "дыня",
        "ежевика",
        "земляника",
        "инжир",
        "кабачок",
        "лимон",
        "малина",
        "нектарин",
        "облепиха",
        "персик",
        "редис",
        "свекла",
        "томат",
        "укроп",
        "фасоль",
        "хурма",
    ]
    body = " ".join(w for i, w in enumerate(words) for _ in range(i % 3 + 1))
    first = distinctive_terms("Заголовок", "", body, "ru")
    assert len(first) == 16
    assert first == distinctive_terms("Заголовок", "", body, "ru")
    assert list(first) == list(distinctive_terms("Заголовок", "", body, "ru"))
    assert distinctive_terms("", "", "", "ru") == {}


# --- storing terms ------------------------------------------------------------------------


def _stored(s, text_id: int) -> dict[str, float]:
    rows = s.execute(select(TextTerm.term, TextTerm.weight).where(TextTerm.text_id == text_id))
    return dict(rows.all())


def test_store_terms_replaces_the_text_rows(db: Database) -> None:
    with db.transaction() as s:
        sid = add(s, "Рогунская ГЭС", "Строительство станции")
        text_id = current_revision(s, sid, "ru").text_id
        store_terms(s, text_id, {"школа": 1.0})
        assert _stored(s, text_id) == {"школа": 1.0}
        store_terms(s, text_id, {})
        assert _stored(s, text_id) == {}


def test_store_missing_terms_fills_texts_without_terms(db: Database) -> None:
    with db.transaction() as s:
        sid = create_statement(
            s, source_lang="ru", content=TextContent("Рогунская ГЭС"), actor_id=None
        ).id
        s.execute(TextTerm.__table__.delete())
        text_id = current_revision(s, sid, "ru").text_id
        assert store_missing_terms(s) == 1
        assert _stored(s, text_id) == {"рогун": 1.0}
        assert store_missing_terms(s) == 0


# --- related statements -------------------------------------------------------------------


def test_pinned_come_first_in_order_and_ineligible_pins_are_skipped(db: Database) -> None:
    with db.transaction() as s:
        page = add(s, "Рогунская ГЭС: пуск второго агрегата", day=10)
        first = add(s, "Открытие школы", day=1)
        second = add(s, "Концерт оркестра", day=2)
        draft = add(s, "Рогунская ГЭС черновик", status=Status.DRAFT)
        withdrawn = add(s, "Рогунская ГЭС отозвано", status=Status.WITHDRAWN)
        english = add(s, "Rogun dam", lang="en")
        later = add(s, "Рогунская ГЭС в будущем", status=Status.SCHEDULED, day=3)
        suggested = add(s, "Агрегат Рогунской ГЭС", day=3)
        pin(s, page, [second, draft, suggested, withdrawn, english, later, first])
    assert related(db, page) == [second, suggested, first]
    assert related(db, page, limit=2) == [second, suggested]


def test_shared_terms_and_tags_rank_above_unrelated(db: Database) -> None:
    with db.transaction() as s:
        page = add(s, "Строительство Рогунской ГЭС", tags=("Энергетика",), day=5)
        both = add(s, "Рогунская ГЭС: пуск агрегата", tags=("Энергетика",), day=1)
        terms_only = add(s, "Рогунская ГЭС: пуск агрегата", day=2)
        tag_only = add(s, "Новые линии электропередачи", tags=("Энергетика",), day=3)
        add(s, "Открытие школы в Хороге", tags=("Образование",), day=9)
    assert related(db, page) == [both, terms_only, tag_only]


def test_ties_go_newest_first_then_highest_id(db: Database) -> None:
    with db.transaction() as s:
        page = add(s, "Заседание правительства", tags=("Экономика",), day=50)
        old = add(s, "Открытие школы", tags=("Экономика",), day=1)
        new = add(s, "Концерт оркестра", tags=("Экономика",), day=5)
        same_day = add(s, "Выставка картин", tags=("Экономика",), day=5)
        add(s, "Турнир по борьбе", tags=("Экономика",), status=Status.SCHEDULED, day=3)
        coming = add(s, "Турнир по борьбе", tags=("Экономика",), day=4)
    assert same_day > new
    # A scheduled statement is not on the site until the publisher has published it.
    assert related(db, page) == [same_day, new, coming, old]


def test_drafts_and_withdrawn_never_appear(db: Database) -> None:
    with db.transaction() as s:
        page = add(s, "Рогунская ГЭС", "Пуск агрегата", tags=("Энергетика",))
        hidden = [
            add(s, "Рогунская ГЭС", "Пуск агрегата", tags=("Энергетика",), status=status)
            for status in (Status.DRAFT, Status.IN_REVIEW, Status.APPROVED, Status.WITHDRAWN)
        ]
        shown = add(s, "Рогунская ГЭС", "Пуск агрегата", tags=("Энергетика",))
    assert related(db, page) == [shown]
    # A draft's preview still shows what would be related; same score and day: newest id first.
    assert related(db, hidden[0]) == [shown, page]


def test_a_statement_appears_only_while_it_is_live(db: Database) -> None:
    with db.transaction() as s:
        page = add(s, "Рогунская ГЭС", day=1)
        dated_later = add(s, "Рогунская ГЭС: пуск", day=30)
        add(s, "Рогунская ГЭС: пуск", status=Status.SCHEDULED, day=20)
        s.get(Statement, dated_later).expires_at = BASE + timedelta(days=40)
    when = BASE + timedelta(days=30)
    assert related(db, page, at=when - timedelta(seconds=1)) == []
    assert related(db, page, at=when) == [dated_later]
    assert related(db, page, at=BASE + timedelta(days=40)) == []


def test_only_statements_with_a_text_in_the_language(db: Database) -> None:
    with db.transaction() as s:
        page = add(s, "Рогунская ГЭС", day=1, status=Status.DRAFT)
        translate(s, page, "en", "Rogun power plant")
        put_on_site(s, page, BASE + timedelta(days=1))
        russian_only = add(s, "Рогунская ГЭС: пуск", day=2)
        english_only = add(s, "Rogun power plant opens", lang="en", day=3)
        both = add(s, "Rogun power plant turbine", lang="en", day=4, status=Status.DRAFT)
        translate(s, both, "ru", "Турбина Рогунской ГЭС")
        put_on_site(s, both, BASE + timedelta(days=4))
        # A translation made after publication is not on the site until approved.
        late = add(s, "Rogun power plant turbine", lang="en", day=5)
        translate(s, late, "ru", "Турбина Рогунской ГЭС")
    assert related(db, page, "ru") == [both, russian_only]
    assert related(db, page, "en") == [late, both, english_only]


def test_limit_and_determinism(db: Database) -> None:
    with db.transaction() as s:
        page = add(s, "Рогунская ГЭС", tags=("Энергетика",), day=100)
        others = [add(s, f"Рогунская ГЭС {i}", tags=("Энергетика",), day=i) for i in range(8)]
    top = related(db, page, limit=3)
    assert top == [others[7], others[6], others[5]]  # equal scores: newest first
    assert related(db, page, limit=3) == top
    assert related(db, page, limit=8)[:3] == top
    assert related(db, page, limit=0) == []


def test_a_term_most_texts_share_relates_nothing(db: Database) -> None:
    letters = "абвгдежзиклмнопрстуфхцчшщэюя"
    with db.transaction() as s:
        page = add(s, "Республика", "Республика отмечает праздник")
        for i in range(40):
            add(s, f"Республика {letters[i % 28]}дома{letters[i // 28]}", f"Заметка {i}")
    assert related(db, page) == []


def test_preview_follows_unsaved_text_and_tags(db: Database) -> None:
    with db.transaction() as s:
        page = add(s, "Открытие школы", status=Status.DRAFT)
        rogun = add(s, "Рогунская ГЭС: пуск агрегата", day=1)
        tagged = add(s, "Новые линии электропередачи", tags=("Энергетика",), day=2)
    with db.transaction() as s:
        assert related_for(s, page, "ru", NOW) == []
        typed = distinctive_terms("Рогунская ГЭС", "", "", "ru")
        assert related_for(s, page, "ru", NOW, terms=typed) == [rogun]
        assert related_for(s, page, "ru", NOW, tags=["Энергетика", "Новый тег"]) == [tagged]
        # A statement not saved yet has no id.
        assert related_for(s, None, "ru", NOW, terms=typed, tags=["Энергетика"]) == [rogun, tagged]
        assert related_for(s, None, "ru", NOW) == []


def test_preview_sees_every_change_since_its_last_answer(db: Database) -> None:
    with db.transaction() as s:
        page = add(s, "Рогунская ГЭС", day=10)
        first = add(s, "Рогунская ГЭС", day=1)
    assert related(db, page) == [first]
    with db.transaction() as s:
        later = add(s, "Рогунская ГЭС", day=2)
    assert related(db, page) == [later, first]
    with db.transaction() as s:
        take_off_site(s, later)
    assert related(db, page) == [first]
    with db.transaction() as s:
        store_terms(s, current_revision(s, first, "ru").text_id, {"школа": 1.0})
    assert related(db, page) == []
    with db.transaction() as s:
        translate(s, first, "ru", "Рогунская ГЭС и школа")
    # The site shows the approved words: an edit counts once an editor approves it.
    assert related(db, page) == []
    with db.transaction() as s:
        approve_change(s, first, ["ru"])
    assert related(db, page) == [first]


# --- the two loaders agree -----------------------------------------------------------------

_VOCABULARY = {
    "ru": [
        "Рогунская",
        "станция",
        "энергетика",
        "агрегат",
        "турбина",
        "школа",
        "учитель",
        "образование",
        "больница",
        "врач",
        "дорога",
        "тоннель",
        "граница",
        "таможня",
        "экспорт",
        "хлопок",
        "урожай",
        "фермер",
        "выставка",
        "музей",
        "театр",
        "концерт",
        "спортсмен",
        "турнир",
        "чемпионат",
        "инвестиции",
        "банк",
        "бюджет",
        "налоги",
        "делегация",
        "визит",
        "переговоры",
        "соглашение",
        "сотрудничество",
        "вода",
        "ледник",
        "климат",
        "горы",
        "туризм",
    ],
    "en": [
        "Rogun",
        "station",
        "energy",
        "turbine",
        "school",
        "teacher",
        "education",
        "hospital",
        "doctor",
        "road",
        "tunnel",
        "border",
        "customs",
        "export",
        "cotton",
        "harvest",
        "farmer",
        "exhibition",
        "museum",
        "theatre",
        "concert",
        "athlete",
        "tournament",
        "championship",
        "investment",
        "budget",
        "taxes",
        "delegation",
        "visit",
        "talks",
        "agreement",
        "cooperation",
        "water",
        "glacier",
        "climate",
        "mountains",
        "tourism",
    ],
}
_TAGS = ("Энергетика", "Образование", "Здоровье", "Экономика", "Культура", "Спорт", "Визиты")
_STATUSES = [Status.PUBLISHED] * 6 + [
    Status.SCHEDULED,
    Status.SCHEDULED,
    Status.DRAFT,
    Status.WITHDRAWN,
    Status.IN_REVIEW,
]


def _text(rng: random.Random, lang: str) -> tuple[str, str]:
    words = _VOCABULARY[lang]
    topic = rng.randrange(len(words) - 6)
    near = words[topic : topic + 6]
    title = " ".join(rng.choices(near, k=3))
    body = " ".join(
        rng.choice(near) if rng.random() < 0.6 else rng.choice(words) for _ in range(30)
    )
    return title, body


def _build_corpus(db: Database) -> list[int]:
    rng = random.Random(1)
    ids: list[int] = []
    with db.transaction() as s:
        for _ in range(260):
            lang = rng.choice(("ru", "ru", "en"))
            title, body = _text(rng, lang)
            # Whole days, so that many statements share a date and ties are exercised.
            sid = add(
                s,
                title,
                body,
                lang=lang,
                tags=tuple(rng.sample(_TAGS, rng.randrange(3))),
                status=rng.choice(_STATUSES),
                day=rng.randrange(60),
            )
            if rng.random() < 0.4:
                other = "en" if lang == "ru" else "ru"
                translate(s, sid, other, *_text(rng, other))
            ids.append(sid)
        for sid in rng.sample(ids, 30):
            pin(s, sid, rng.sample([i for i in ids if i != sid], rng.randrange(1, 4)))
    return ids


def _plainly_related(s, statement_id: int, lang: str, at: datetime, limit: int) -> list[int]:
    """The definition, computed the slow way: every candidate scored, then sorted."""
    statements = {st.id: st for st in s.scalars(select(Statement))}
    texts = {(t.statement_id, t.lang): t.id for t in s.scalars(select(StatementText))}
    stored = {}
    for text_id, term, weight in s.execute(
        select(TextTerm.text_id, TextTerm.term, TextTerm.weight)
    ):
        stored.setdefault(text_id, {})[term] = weight
    tags = {}
    for sid, tag_id in s.execute(select(StatementTag.statement_id, StatementTag.tag_id)):
        tags.setdefault(sid, set()).add(tag_id)

    pinned = set(s.execute(select(PublishedRevision.statement_id, PublishedRevision.lang)))

    def eligible(sid: int) -> bool:
        st = statements[sid]
        return (
            (sid, lang) in pinned
            and st.status == Status.PUBLISHED
            and st.published_at <= at
            and (st.expires_at is None or at < st.expires_at)
        )

    others = [sid for sid in statements if sid != statement_id and eligible(sid)]
    own = stored.get(texts.get((statement_id, lang)), {})
    n = len(others)
    common = max(COMMON_MIN_DF, int(COMMON_SHARE * n))
    query = {}
    for term, weight in own.items():
        df = sum(term in stored.get(texts[(sid, lang)], {}) for sid in others)
        if 0 < df <= common:
            query[term] = round(weight * (math.log((n + 1) / df) / math.log(n + 1)) * UNITS)
    pins = s.scalars(
        select(RelatedStatement.related_id)
        .where(RelatedStatement.statement_id == statement_id)
        .order_by(RelatedStatement.position)
    )
    pinned = [sid for sid in pins if eligible(sid)][:limit]
    scored = []
    for sid in others:
        if sid in pinned:
            continue
        theirs = stored.get(texts[(sid, lang)], {})
        score = sum(q * round(theirs[t] * UNITS) for t, q in query.items() if t in theirs)
        score += round(TAG_SCORE * UNITS * UNITS) * len(
            tags.get(statement_id, set()) & tags.get(sid, set())
        )
        if score > 0:
            st = statements[sid]
            date = st.published_at or st.scheduled_at or st.created_at
            scored.append((score, date, sid))
    scored.sort(reverse=True)
    return pinned + [sid for _, _, sid in scored][: limit - len(pinned)]


def _given(s, statement_id: int, lang: str, at: datetime) -> list[int]:
    text_id = current_revision(s, statement_id, lang).text_id
    names = s.scalars(
        select(Tag.name)
        .join(StatementTag, StatementTag.tag_id == Tag.id)
        .where(StatementTag.statement_id == statement_id)
    )
    return related_for(s, statement_id, lang, at, 5, terms=_stored(s, text_id), tags=list(names))


def test_both_loaders_give_the_defined_ranking_on_a_generated_corpus(db: Database) -> None:
    _build_corpus(db)
    compared = 0
    for at in (BASE + timedelta(days=30), NOW):
        for lang in ("ru", "en"):
            with db.transaction() as s:
                finder = RelatedFinder.for_language(s, lang, at)
                has_text = s.scalars(
                    select(StatementText.statement_id).where(StatementText.lang == lang)
                )
                for sid in sorted(has_text):
                    expected = finder.related(sid, 5)
                    assert related_for(s, sid, lang, at, 5) == expected, (sid, lang, at)
                    compared += bool(expected)
                    if sid % 5 == 0:  # the preview given the stored terms and tags
                        assert _given(s, sid, lang, at) == expected, (sid, lang, at)
                    if sid % 7 == 0:
                        assert finder.related(sid, 4) == _plainly_related(s, sid, lang, at, 4)
    assert compared > 300
