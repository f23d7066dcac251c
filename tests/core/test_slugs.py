"""Slugs from titles in Tajik, Russian and other scripts, and file names safe on every system."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from app.core.slugs import is_portable_file_stem, portable_file_stem, slugify, unique_slug

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

NASTY_TITLES = [
    "../../etc/passwd",
    "..\\..\\windows\\system32",
    "/absolute/path",
    "C:\\Users\\press\\file",
    "CON",
    "con.txt",
    "Nul",
    "LPT1",
    "com9",
    ".",
    "..",
    "...",
    "   ",
    "!!! ??? …",
    "😀🎉🇹🇯",
    "\u200b\u200c\u200d\ufeff",
    "\u202egnp.exe\u202c",
    "title.",
    "trailing space ",
    'a<b>c:d"e|f?g*h',
    "tab\tnew\nline\x00nul",
    "Заявление пресс-службы Президента " * 20,
    "x" * 300,
]


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Паёми Президенти Ҷумҳурии Тоҷикистон", "payomi-prezidenti-jumhurii-tojikiston"),
        ("Қарори Ҳукумат оид ба ғалла", "qarori-hukumat-oid-ba-ghalla"),
        ("ҒӢҚӮҲҶ ғӣқӯҳҷ", "ghiquhj-ghiquhj"),
        ("Заявление пресс-службы Президента", "zayavlenie-press-sluzhby-prezidenta"),
        ("Щёлково и Хабаровск", "shchyolkovo-i-khabarovsk"),
        ("Цена, жильё, объём, Юрий, Эльза, выход", "tsena-zhilyo-obyom-yuriy-elza-vykhod"),
        ("中文 标题", "zhong-wen-biao-ti"),
        ("Ελληνικά νέα", "ellenika-nea"),
        ("Café naïve — Straße", "cafe-naive-strasse"),
        ("Don't panic: it's 2024!", "dont-panic-its-2024"),
        ("  --Already--a--slug--  ", "already-a-slug"),
        ("ＦＵＬＬＷＩＤＴＨ １２３", "fullwidth-123"),
    ],
)
def test_slugify_transliterates_to_lowercase_ascii_words(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_nfc_and_nfd_spellings_of_a_title_give_one_slug() -> None:
    title = "Йод, ёлка, Ҷумҳурӣ, Café"
    nfc, nfd = unicodedata.normalize("NFC", title), unicodedata.normalize("NFD", title)
    assert nfc != nfd
    assert slugify(nfc) == slugify(nfd) == "yod-yolka-jumhuri-cafe"


def test_invisible_and_bidi_control_characters_are_dropped() -> None:
    assert slugify("Пре\u200bзидент\u200d \u202eевил\u202c \u2066ok\u2069 soft\u00adhyphen") == (
        "prezident-evil-ok-softhyphen"
    )


@pytest.mark.parametrize("title", ["", "   ", "!!! ??? …", "😀🎉🇹🇯", "\u200b\u202e", "«»—–"])
def test_titles_without_letters_or_digits_give_an_empty_slug(title: str) -> None:
    assert slugify(title) == ""


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("../../etc/passwd", "etc-passwd"),
        ("..\\..\\windows", "windows"),
        ("/absolute/path", "absolute-path"),
        ("C:\\Users\\file", "c-users-file"),
    ],
)
def test_path_traversal_titles_become_plain_words(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_long_titles_are_cut_at_a_word_boundary() -> None:
    title = "Заявление пресс-службы Президента " * 10
    slug = slugify(title)
    assert len(slug) <= 80
    assert slug.endswith("-prezidenta")
    # The cut lands between words: the full slug continues with "-" right after it.
    assert slugify(title, max_length=1000).startswith(slug + "-")
    assert slugify("x" * 300) == "x" * 80
    assert len(slugify("word " * 100, max_length=12)) <= 12
    assert slugify("word " * 100, max_length=12) == "word-word"


@pytest.mark.parametrize("title", NASTY_TITLES)
def test_slugify_output_is_always_a_clean_slug_and_stable(title: str) -> None:
    slug = slugify(title)
    assert slug == "" or SLUG.fullmatch(slug)
    assert len(slug) <= 80
    assert slugify(slug) == slug


def test_unique_slug_numbers_repeats_from_two() -> None:
    taken = {"budget", "budget-2"}
    assert unique_slug("Budget", taken.__contains__) == "budget-3"
    assert unique_slug("Budget", set().__contains__) == "budget"


def test_unique_slug_falls_back_when_the_title_has_no_letters() -> None:
    taken = {"statement"}
    assert unique_slug("😀!!!", set().__contains__) == "statement"
    assert unique_slug("😀!!!", taken.__contains__) == "statement-2"
    assert unique_slug("", set().__contains__, fallback="Заявление") == "zayavlenie"


def test_unique_slug_stays_within_max_length_with_its_suffix() -> None:
    slug = unique_slug("word " * 100, lambda candidate: not candidate.endswith("-12"))
    assert slug.endswith("-12")
    assert len(slug) <= 80
    assert SLUG.fullmatch(slug)


def test_unique_slug_asks_in_order_and_stops_at_the_first_free_one() -> None:
    asked: list[str] = []

    def is_taken(slug: str) -> bool:
        asked.append(slug)
        return len(asked) < 3

    assert unique_slug("Report", is_taken) == "report-3"
    assert asked == ["report", "report-2", "report-3"]


@pytest.mark.parametrize(
    ("slug", "stem"),
    [
        ("con", "con_"),
        ("prn", "prn_"),
        ("aux", "aux_"),
        ("nul", "nul_"),
        ("com1", "com1_"),
        ("lpt9", "lpt9_"),
        ("con-statement", "con-statement"),
        ("console", "console"),
        ("budget-2024", "budget-2024"),
    ],
)
def test_portable_file_stem_renames_only_windows_device_names(slug: str, stem: str) -> None:
    assert portable_file_stem(slug) == stem
    assert is_portable_file_stem(stem)


def test_renamed_device_names_cannot_collide_with_any_slug() -> None:
    # slugify never emits "_", so no title can produce "con_".
    assert all("_" not in slugify(title) for title in ["con_", "CON _", "con__"])
    assert portable_file_stem("con") not in {slugify(t) for t in ["con_", "con-", "con 1"]}


@pytest.mark.parametrize("title", NASTY_TITLES)
def test_any_title_gives_a_file_name_that_stays_in_the_output_folder(
    title: str, tmp_path: Path
) -> None:
    slug = unique_slug(title, set().__contains__)
    stem = portable_file_stem(slug)
    assert is_portable_file_stem(stem)
    target = (tmp_path / f"{stem}.html").resolve()
    assert target.parent == tmp_path.resolve()
    target.write_text("ok", encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == [f"{stem}.html"]


def test_portable_file_stem_cleans_what_is_not_a_slug() -> None:
    assert portable_file_stem("../../CON") == "con_"
    assert portable_file_stem("x" * 200) == "x" * 80
    with pytest.raises(ValueError):
        portable_file_stem("😀")


@pytest.mark.parametrize(
    "name",
    [
        "",
        ".",
        "..",
        "CON",
        "con",
        "Con.html",
        "nul.tar.gz",
        "COM1",
        "lpt3.txt",
        "CON .txt",
        "com¹",
        "name.",
        "name ",
        "a/b",
        "a\\b",
        "a:b",
        'a"b',
        "a|b",
        "a?b",
        "a*b",
        "a<b>",
        "tab\there",
        "x" * 81,
    ],
)
def test_is_portable_file_stem_rejects_names_some_system_refuses(name: str) -> None:
    assert not is_portable_file_stem(name)


@pytest.mark.parametrize(
    "name", ["con_", "console", "com10", "lpt", "budget-2024", "a.b", "x" * 80]
)
def test_is_portable_file_stem_accepts_ordinary_names(name: str) -> None:
    assert is_portable_file_stem(name)
