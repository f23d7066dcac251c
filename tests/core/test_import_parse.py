"""Finding and parsing Hugo and Pelican Markdown files, good and bad, from real fixture files."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest

from app.core.importing.discover import candidate_for, discover
from app.core.importing.errors import ImportFileError
from app.core.importing.parse import ParsedDocument, parse_file

DATA = Path(__file__).parent / "data" / "import"
HUGO = DATA / "hugo" / "posts"
PELICAN = DATA / "pelican" / "content"
BAD = DATA / "bad"
OFFICE_TZ = "Asia/Dushanbe"


def parse(path: Path, *, default_lang: str = "en", office_tz: str = OFFICE_TZ) -> ParsedDocument:
    return parse_file(path, default_lang=default_lang, office_tz=office_tz)


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# discover


def test_discover_finds_pages_in_path_order_and_skips_what_hugo_would_not_publish() -> None:
    found = [
        c.path.relative_to(DATA).as_posix() for c in discover([DATA / "hugo", PELICAN]).candidates
    ]
    assert found == [
        "hugo/posts/bom-crlf.md",
        "hugo/posts/budget-2024/index.md",
        "hugo/posts/budget-2024/index.ru.md",
        "hugo/posts/press/release.md",
        "hugo/posts/press/release.ru.md",
        "hugo/posts/toml-statement.md",
        "hugo/posts/yaml-statement.md",
        "pelican/content/draft-without-date.markdown",
        "pelican/content/statement-ru.md",
        "pelican/content/statement-tg.md",
    ]
    # Left out: _index.md (section page), .drafts/ (hidden), budget-2024/notes.md (a resource
    # of the bundle), images.


def test_discover_reads_bundle_slug_and_language_from_names() -> None:
    by_name = {
        c.path.relative_to(HUGO).as_posix(): (c.bundle_slug, c.lang)
        for c in discover([HUGO]).candidates
    }
    assert by_name["budget-2024/index.md"] == ("budget-2024", None)
    assert by_name["budget-2024/index.ru.md"] == ("budget-2024", "ru")
    assert by_name["press/release.ru.md"] == (None, "ru")
    assert by_name["press/release.md"] == (None, None)


def test_discover_lists_each_file_once_and_keeps_the_order_given() -> None:
    release = HUGO / "press" / "release.md"
    found = discover([release, HUGO / "press", release]).candidates
    assert [c.path.name for c in found] == ["release.md", "release.ru.md"]
    found = discover([PELICAN / "statement-tg.md", HUGO / "press"]).candidates
    assert [c.path.name for c in found] == ["statement-tg.md", "release.md", "release.ru.md"]


def test_discover_order_does_not_depend_on_creation_order(tmp_path: Path) -> None:
    for name in ["b/z.md", "b/a.markdown", "a.md", "c.MD", "notes.txt", "b/a/y.md"]:
        write(tmp_path, name, "Title: x\n")
    found = [c.path.relative_to(tmp_path).as_posix() for c in discover([tmp_path]).candidates]
    assert found == ["a.md", "b/a/y.md", "b/a.markdown", "b/z.md", "c.MD"]
    assert [c.path for c in discover([tmp_path]).candidates] == [
        c.path for c in discover([tmp_path]).candidates
    ]


def test_discover_takes_a_named_file_whatever_its_extension(tmp_path: Path) -> None:
    note = write(tmp_path, "statement.txt", "Title: x\n")
    assert [c.path for c in discover([note]).candidates] == [note]


def test_discover_refuses_a_path_that_does_not_exist(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    found = discover([missing, HUGO / "press"])
    assert [str(e) for e in found.errors] == [f"{missing}: no such file or folder"]
    assert [c.path.name for c in found.candidates] == ["release.md", "release.ru.md"]


@pytest.mark.parametrize(
    ("name", "bundle_slug", "lang"),
    [
        ("index.md", "my-post", None),
        ("index.tg.md", "my-post", "tg"),
        ("index.old.md", None, None),
        ("report.old.md", None, None),
        ("report.v2.md", None, None),
        ("report.pt-br.md", None, "pt_BR"),
        ("_index.md", None, None),
    ],
)
def test_candidate_for_reads_only_real_language_suffixes(
    name: str, bundle_slug: str | None, lang: str | None, tmp_path: Path
) -> None:
    candidate = candidate_for(tmp_path / "My Post" / name)
    assert (candidate.bundle_slug, candidate.lang) == (bundle_slug, lang)


# Hugo


def test_hugo_yaml_front_matter() -> None:
    doc = parse(HUGO / "yaml-statement.md")
    assert doc.title == "Паёми Президенти Ҷумҳурии Тоҷикистон"
    assert doc.date == utc(2020, 4, 18, 1, 28)
    assert doc.tags == ("Economy", "Foreign policy")  # categories ignored, repeat dropped
    assert doc.lead == "The President addressed the nation on the economy."
    assert doc.body == "# Address\n\nThe text of the address."
    # Hugo's address for the page: the file's name.
    assert (doc.lang, doc.slug, doc.draft, doc.is_translation) == (
        "en",
        "yaml-statement",
        False,
        False,
    )


def test_hugo_toml_front_matter_with_a_local_time_and_translation_key() -> None:
    doc = parse(HUGO / "toml-statement.md")
    assert doc.title == "Қарори Ҳукумат оид ба ғалла"
    assert doc.date == utc(2021, 6, 1, 4, 0)  # 09:00 in Dushanbe (UTC+5)
    assert doc.draft is True
    assert doc.tags == ("Agriculture",)
    assert doc.lead == "The Government decided on grain."
    assert doc.translation_key == "grain-2021"
    assert doc.body == "Body of the decision."


def test_unknown_keys_are_ignored(tmp_path: Path) -> None:
    plain = write(tmp_path, "plain/a.md", "---\ntitle: T\ndate: 2020-04-18\n---\nBody\n")
    extra = write(
        tmp_path,
        "extra/a.md",
        "---\ntitle: T\nweight: 3\nparams: {x: [1, 2]}\nmenu: main\ndate: 2020-04-18\n"
        "aliases: [/old/]\n---\nBody\n",
    )
    # Only the path (and the Hugo translation key made from it) may differ.
    assert replace(parse(extra), path=plain, translation_key=None, origin="") == replace(
        parse(plain), translation_key=None, origin=""
    )


def test_hugo_bundle_takes_its_folder_name_and_the_images_beside_it() -> None:
    bundle = HUGO / "budget-2024"
    doc = parse(bundle / "index.md")
    assert doc.slug == "budget-2024"
    assert doc.lead_image == (bundle / "cover.png").resolve()
    assert doc.body_images == (("chart.png", (bundle / "chart.png").resolve()),)
    # Remote, data: and code-block images are not files to import; the lost one is reported.
    assert doc.missing_images == ("photos/lost.png",)
    assert doc.date == utc(2024, 1, 15, 5, 0)


def test_hugo_translations_share_a_key_and_take_the_language_from_the_file_name() -> None:
    english, russian = parse(HUGO / "press" / "release.md"), parse(HUGO / "press" / "release.ru.md")
    assert (english.lang, russian.lang) == ("en", "ru")
    assert english.translation_key == russian.translation_key
    assert english.translation_key != parse(HUGO / "yaml-statement.md").translation_key

    bundle_en = parse(HUGO / "budget-2024" / "index.md")
    bundle_ru = parse(HUGO / "budget-2024" / "index.ru.md")
    assert (bundle_ru.lang, bundle_ru.slug) == ("ru", "budget-2024")
    assert bundle_en.translation_key == bundle_ru.translation_key


def test_front_matter_lang_wins_over_the_file_name(tmp_path: Path) -> None:
    path = write(tmp_path, "a.ru.md", "---\ntitle: T\ndate: 2020-04-18\nlang: TG\n---\n")
    assert parse(path).lang == "tg"
    path = write(tmp_path, "b.md", "---\ntitle: T\ndate: 2020-04-18\n---\n")
    assert parse(path, default_lang="ru").lang == "ru"


# Pelican


def test_pelican_header_with_office_time_zone() -> None:
    doc = parse(PELICAN / "statement-tg.md")
    assert doc.title == "Изҳороти хадамоти матбуот"
    assert doc.date == utc(2020, 4, 18, 1, 28)  # 06:28 in Dushanbe is 5 hours earlier in UTC
    assert doc.lang == "tg"
    assert doc.slug == "press-service-statement"
    assert doc.tags == ("Сиёсат", "economy")
    assert doc.lead == "A short summary\nthat continues on a second line."
    assert doc.body == "Body of the statement.\n\n![Photo]({static}/images/photo.png)"
    photo = (PELICAN / "images" / "photo.png").resolve()
    assert doc.lead_image == photo
    assert doc.body_images == (("{static}/images/photo.png", photo),)
    assert (doc.draft, doc.is_translation, doc.missing_images) == (False, False, ())


def test_pelican_translations_are_linked_by_slug() -> None:
    source, translation = parse(PELICAN / "statement-tg.md"), parse(PELICAN / "statement-ru.md")
    assert translation.lang == "ru"
    assert translation.is_translation is True
    assert source.translation_key == translation.translation_key == "press-service-statement"


def test_a_draft_may_have_no_date() -> None:
    doc = parse(PELICAN / "draft-without-date.markdown")
    assert (doc.title, doc.draft, doc.date) == ("Unfinished thoughts", True, None)
    assert doc.translation_key is None  # no slug: Pelican has nothing to link it by


# dates


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-04-18", utc(2020, 4, 17, 19, 0)),
        ('"2020-04-18 06:28"', utc(2020, 4, 18, 1, 28)),
        ('"2020-04-18T06:28:00+05:00"', utc(2020, 4, 18, 1, 28)),
        ('"2020-04-18T06:28:00+03:00"', utc(2020, 4, 18, 3, 28)),
        ('"2020-04-18T06:28:00Z"', utc(2020, 4, 18, 6, 28)),
        ("2020-04-18 06:28:00", utc(2020, 4, 18, 1, 28)),  # YAML native, no offset
        ("2020-04-18T06:28:00+05:00", utc(2020, 4, 18, 1, 28)),  # YAML native, offset
    ],
)
def test_yaml_dates_become_utc(value: str, expected: dt.datetime, tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", f"---\ntitle: T\ndate: {value}\n---\n")
    date = parse(path).date
    assert date == expected
    assert date is not None and date.utcoffset() == dt.timedelta(0)


def test_dates_without_offset_follow_the_office_time_zone(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", "Title: T\nDate: 2020-07-01 12:00\n\nBody\n")
    assert parse(path, office_tz="Asia/Dushanbe").date == utc(2020, 7, 1, 7, 0)
    assert parse(path, office_tz="Europe/Berlin").date == utc(2020, 7, 1, 10, 0)


def test_toml_native_dates(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", '+++\ntitle = "T"\ndate = 2020-04-18\n+++\n')
    assert parse(path).date == utc(2020, 4, 17, 19, 0)
    path = write(tmp_path, "b.md", '+++\ntitle = "T"\ndate = 2020-04-18T06:28:00Z\n+++\n')
    assert parse(path).date == utc(2020, 4, 18, 6, 28)


# slugs from front matter


def test_front_matter_slug_wins_and_is_made_safe(tmp_path: Path) -> None:
    bundle = write(tmp_path, "folder/index.md", "---\ntitle: T\ndate: 2020-04-18\n---\n")
    assert parse(bundle).slug == "folder"
    path = write(
        tmp_path, "other/index.md", "---\ntitle: T\ndate: 2020-04-18\nslug: ../../etc/passwd\n---\n"
    )
    assert parse(path).slug == "etc-passwd"


# images


def test_body_images_in_every_markdown_form(tmp_path: Path) -> None:
    for name in ["a.png", "my photo.png", "sub/b.png", "ref.png"]:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"png")
    body = (
        "![a](a.png) ![again](a.png)\n"
        "![spaced](<my photo.png>) ![escaped](my%20photo.png)\n"
        "![titled](sub/b.png 'Title') ![up](../outside.png)\n"
        "![by ref][logo] `![code](code.png)` ![abs](/static/x.png) ![win](C:\\x.png)\n"
        "\n[logo]: ref.png\n"
    )
    path = write(tmp_path, "doc.md", f"---\ntitle: T\ndate: 2020-04-18\n---\n{body}")
    doc = parse(path)
    root = tmp_path.resolve()
    assert doc.body_images == (
        ("a.png", root / "a.png"),
        ("my photo.png", root / "my photo.png"),
        ("my%20photo.png", root / "my photo.png"),
        ("sub/b.png", root / "sub" / "b.png"),
        ("ref.png", root / "ref.png"),
    )
    assert doc.missing_images == ()
    assert doc.refused_images == ("../outside.png",)  # outside the folder imported


def test_a_remote_lead_image_is_reported_as_not_imported(tmp_path: Path) -> None:
    path = write(
        tmp_path, "a.md", "---\ntitle: T\ndate: 2020-04-18\nimage: https://x.org/a.png\n---\n"
    )
    doc = parse(path)
    assert doc.lead_image is None
    assert doc.missing_images == ("https://x.org/a.png",)


# encoding


def test_bom_and_crlf_line_ends_are_read_as_plain_text() -> None:
    path = HUGO / "bom-crlf.md"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # the fixture is still Windows-made
    doc = parse(path)
    assert doc.title == "Windows Notepad file"
    assert doc.body == "First line\nSecond line\nOld Mac line"


def test_broken_utf8_names_the_byte_offset() -> None:
    path = BAD / "broken-utf8.md"
    offset = path.read_bytes().index(b"\xd0\x28")
    with pytest.raises(ImportFileError) as caught:
        parse(path)
    assert str(caught.value) == f"{path}: not valid UTF-8: bad byte at offset {offset} (line 5)"


def test_decomposed_unicode_is_composed(tmp_path: Path) -> None:
    title = unicodedata.normalize("NFD", "Ҷумҳурӣ ёлка")
    path = write(tmp_path, "a.md", f"Title: {title}\nDate: 2020-04-18\n\nйод\n")
    doc = parse(path)
    assert doc.title == unicodedata.normalize("NFC", "Ҷумҳурӣ ёлка")
    assert doc.body == unicodedata.normalize("NFC", "йод")


# bad input


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("no-front-matter.md", "no front matter: expected '---', '+++' or a 'Title:' header"),
        (
            "invalid-yaml.md",
            "invalid YAML front matter at line 4: expected ',' or ']', but got '<stream end>'",
        ),
        ("invalid-toml.md", "invalid TOML front matter at line 4, column 15: Unclosed array"),
        ("unclosed-yaml.md", "front matter opened with '---' on line 1 is never closed"),
        (
            "missing-date.md",
            "missing date: give one, or import with --date-from-file to date it from the file",
        ),
        ("unknown-language.md", "unknown language 'xx'"),
        ("unquoted-boolean-title.md", "title must be text, not False (put it in quotes)"),
    ],
)
def test_bad_files_raise_one_line_naming_file_and_reason(name: str, reason: str) -> None:
    path = BAD / name
    with pytest.raises(ImportFileError) as caught:
        parse(path)
    assert caught.value.path == path
    assert caught.value.reason == reason
    assert str(caught.value) == f"{path}: {reason}"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("---\ntitle: T\n---\n", "missing date: give one, or import with --date-from-file"),
        ("---\ndate: 2020-04-18\n---\n", "missing title"),
        ("---\ntitle:\ndate: 2020-04-18\n---\n", "missing title"),
        ("---\n- a\n- b\n---\n", "front matter is not a list of 'key: value' fields"),
        ("Date: 2020-04-18\n\nNo title\n", "no front matter"),
        ("---\ntitle: T\ndate: yesterday\n---\n", "date 'yesterday' is not a date"),
        ("---\ntitle: T\ndate: 2020-04-18\ndraft: maybe\n---\n", "draft must be true or false"),
        ("Title: T\nDate: 2020-04-18\nStatus: publishd\n\n", "status must be one of"),
        (
            "---\ntitle: T\ndate: 2020-04-18\nslug: '!!!'\n---\n",
            "slug '!!!' has no letters or digits",
        ),
        ("---\ntitle: T\ndate: 2020-04-18\ntags: {a: 1}\n---\n", "tags must be a list"),
        ('+++\ntitle = "T"\ndate = 07:30:00\n+++\n', "date must be a date or a date and time"),
        ("---\ntitle: [a, b]\ndate: 2020-04-18\n---\n", "title must be text, not a list"),
    ],
)
def test_bad_fields_are_named(text: str, reason: str, tmp_path: Path) -> None:
    path = write(tmp_path, "bad.md", text)
    with pytest.raises(ImportFileError) as caught:
        parse(path)
    assert caught.value.reason.startswith(reason)
    assert "\n" not in str(caught.value)


def test_yaml_alias_bomb_is_refused_without_expanding(tmp_path: Path) -> None:
    lines = ["---", "title: T", "date: 2020-04-18", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 9)]
    lines += ["tags: *a8", "---", ""]
    path = write(tmp_path, "bomb.md", "\n".join(lines))
    with pytest.raises(ImportFileError) as caught:
        parse(path)
    assert caught.value.reason == "tags must be text, not a list (put it in quotes)"


def test_a_folder_or_unreadable_path_is_an_import_error(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError) as caught:
        parse(tmp_path)
    assert caught.value.reason == "not a regular file (a folder, pipe or device)"


def test_pelican_static_images_are_found_in_the_content_root(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "p.png").write_bytes(b"png")
    path = write(
        tmp_path,
        "posts/2020/a.md",
        "Title: T\nDate: 2020-04-18\nImage: {static}/images/p.png\n\n![x]({attach}/images/q.png)\n",
    )
    (candidate,) = discover([tmp_path]).candidates
    doc = parse_file(path, default_lang="en", office_tz=OFFICE_TZ, candidate=candidate)
    assert doc.lead_image == (tmp_path / "images" / "p.png").resolve()
    assert doc.missing_images == ("{attach}/images/q.png",)


def test_utf16_files_with_a_byte_order_mark_are_read(tmp_path: Path) -> None:
    path = tmp_path / "notepad.md"
    path.write_bytes("Title: Ҷумҳурӣ\r\nDate: 2020-04-18\r\n\r\nМатн\r\n".encode("utf-16"))
    doc = parse(path)
    assert (doc.title, doc.body) == ("Ҷумҳурӣ", "Матн")
