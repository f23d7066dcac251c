"""Import keeps every statement apart, finds each again by its file, and keeps addresses
and dates as the old site had them (issue 9: items 1, 7 and 8, identity by origin)."""

from __future__ import annotations

import shutil
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree

from sqlalchemy import func, select

from app.core.content import TextContent
from app.core.db import Database
from app.core.export.run import export_site
from app.core.models import Revision, Statement, StatementText, Status
from app.core.statements import create_statement, current_revision, history
from tests.core.conftest import import_as_admin

ATOM = "{http://www.w3.org/2005/Atom}"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def hugo(title: str, date: str, body: str = "Body.", **more: str) -> str:
    extra = "".join(f"{key}: {value}\n" for key, value in more.items())
    return f"---\ntitle: {title}\ndate: {date}\n{extra}---\n{body}\n"


def all_statements(db: Database) -> list[Statement]:
    with db.transaction() as s:
        return list(s.scalars(select(Statement).order_by(Statement.id)))


def app_draft(db: Database, title: str, body: str) -> int:
    """A statement a writer made in the app."""
    with db.transaction() as s:
        content = TextContent(title, body=body)
        return create_statement(s, source_lang="tg", content=content, actor_id=None).id


def source_text(db: Database, statement_id: int, lang: str = "tg") -> Revision:
    with db.transaction() as s:
        return current_revision(s, statement_id, lang)


def site_files(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and ".pressdesk" not in p.parts
    }


# Item 1: different statements never merge


def pelican(title: str, date: str, body: str = "Body.") -> str:
    return f"Title: {title}\nDate: {date}\n\n{body}\n"


def test_three_files_with_one_title_stay_three_statements(db: Database, tmp_path: Path) -> None:
    for year in (2020, 2021, 2022):
        body = f"Congratulations of {year}."
        write(
            tmp_path, f"posts/{year}.md", pelican("Congratulatory message", f"{year}-05-01", body)
        )
    result = import_as_admin(db, [tmp_path / "posts"])
    assert (result.created, result.updated, result.errors) == (3, 0, [])
    found = all_statements(db)
    assert [s.published_at.year for s in found] == [2020, 2021, 2022]
    assert [s.slug for s in found] == [
        "congratulatory-message",
        "congratulatory-message-2",
        "congratulatory-message-3",
    ]
    for statement, year in zip(found, (2020, 2021, 2022), strict=True):
        assert source_text(db, statement.id).body == f"Congratulations of {year}."
    # Each newcomer's warning names the statement whose address it could not have.
    assert any(
        "2021.md" in w and "congratulatory-message" in w and "posts/2020.md" in w
        for w in result.warnings
    )


def test_an_old_file_never_overwrites_a_draft_made_in_the_app(db: Database, tmp_path: Path) -> None:
    draft = app_draft(db, "Press release", "New.")
    write(tmp_path, "old/release.md", pelican("Press release", "2015-03-02", "Old text of 2015."))
    result = import_as_admin(db, [tmp_path / "old"])
    assert result.created == 1 and result.updated == 0
    with db.transaction() as s:
        kept = s.get(Statement, draft)
        assert (kept.status, kept.published_at, kept.slug) == (Status.DRAFT, None, "press-release")
        assert current_revision(s, draft, "tg").body == "New."
        assert len(history(s, draft, "tg")) == 1
        imported = s.scalar(select(Statement).where(Statement.id != draft))
        assert imported.slug == "press-release-2" and imported.status == Status.PUBLISHED
    assert any("made in the app" in w and "press-release-2" in w for w in result.warnings)


def test_titles_alike_but_not_equal_stay_apart(db: Database, tmp_path: Path) -> None:
    composed = "Ёлка дар Душанбе"
    titles = [
        composed,
        unicodedata.normalize("NFD", composed),  # the same title from a Mac
        "Press Release",
        "press release!",
        "PRESS-RELEASE",
    ]
    for n, title in enumerate(titles):
        write(tmp_path, f"posts/{n}.md", pelican(title, f"2020-01-0{n + 1}", f"Text {n}."))
    result = import_as_admin(db, [tmp_path / "posts"])
    assert result.created == 5 and result.errors == []
    bodies = sorted(source_text(db, s.id).body for s in all_statements(db))
    assert bodies == [f"Text {n}." for n in range(5)]


def test_reimport_updates_exactly_the_statements_of_those_files(
    db: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "content"
    for n in range(3):
        write(folder, f"posts/{n}.md", hugo("Statement", f"2020-01-0{n + 1}", f"Text {n}."))
    import_as_admin(db, [folder])
    with db.transaction() as s:
        first = s.scalar(select(Statement).order_by(Statement.id))
        first.status = Status.WITHDRAWN  # an editor took it off the site meanwhile
    write(folder, "posts/0.md", hugo("Statement", "2020-01-01", "Text 0, corrected."))
    again = import_as_admin(db, [folder])
    assert (again.created, again.updated, again.unchanged) == (0, 1, 2)
    found = all_statements(db)
    assert len(found) == 3
    assert source_text(db, found[0].id).body == "Text 0, corrected."
    assert found[0].status == Status.WITHDRAWN  # import never changes the workflow status
    # One file, or the folder inside, given on its own, is still that file.
    write(folder, "posts/1.md", hugo("Statement", "2020-01-02", "Text 1, corrected."))
    alone = import_as_admin(db, [folder / "posts" / "1.md"])
    assert (alone.created, alone.updated) == (0, 1)
    assert source_text(db, found[1].id).body == "Text 1, corrected."
    assert import_as_admin(db, [folder / "posts"]).unchanged == 3


def test_folders_of_different_years_do_not_mix(db: Database, tmp_path: Path) -> None:
    write(tmp_path, "2020/press/index.md", hugo("Year report", "2020-12-30", "Of 2020."))
    write(tmp_path, "2021/press/index.md", hugo("Year report", "2021-12-30", "Of 2021."))
    import_as_admin(db, [tmp_path / "2020"])
    second = import_as_admin(db, [tmp_path / "2021"])
    assert second.created == 1 and second.updated == 0
    # A file both could be is refused, not guessed.
    write(tmp_path, "press/index.md", hugo("Year report", "2022-12-30", "Of 2022."))
    third = import_as_admin(db, [tmp_path / "press"])
    assert third.created == 0 and len(third.errors) == 1
    assert "2020/press/index.md" in third.errors[0] and "2021/press/index.md" in third.errors[0]


def test_statement_made_in_the_app_is_updated_only_when_asked(db: Database, tmp_path: Path) -> None:
    draft = app_draft(db, "Press release", "New.")
    write(tmp_path, "in/press-release.md", hugo("Press release", "2015-03-02", "From the file."))
    preview = import_as_admin(db, [tmp_path / "in"], update_matching=True, dry_run=True)
    assert [(i.outcome, i.statement_id) for i in preview.statements] == [("update", draft)]
    assert source_text(db, draft).body == "New." and len(all_statements(db)) == 1
    result = import_as_admin(db, [tmp_path / "in"], update_matching=True)
    assert (result.created, result.updated) == (0, 1)
    assert any(f"statement {draft}" in w and "made in the app" in w for w in result.warnings)
    with db.transaction() as s:
        kept = s.get(Statement, draft)
        assert kept.status == Status.DRAFT and kept.published_at is None
    assert source_text(db, draft).body == "From the file."
    # From now on the file is known: importing again finds it without being asked.
    assert import_as_admin(db, [tmp_path / "in"]).unchanged == 1


def test_a_translation_key_already_taken_names_the_other_statement(
    db: Database, tmp_path: Path
) -> None:
    write(tmp_path, "a/x.md", hugo("First", "2020-01-01", translationKey="visit"))
    write(tmp_path, "b/y.md", hugo("Second", "2020-01-02", translationKey="visit"))
    import_as_admin(db, [tmp_path / "a"])
    result = import_as_admin(db, [tmp_path / "b"])
    assert result.created == 1
    assert any("'visit'" in w and "a/x.md" in w for w in result.warnings)


def test_a_dry_run_changes_nothing(db: Database, tmp_path: Path) -> None:
    write(tmp_path, "posts/a.md", hugo("A", "2020-01-01"))
    result = import_as_admin(db, [tmp_path / "posts"], dry_run=True)
    assert [(i.outcome, i.slug) for i in result.statements] == [("new", "a")]
    assert all_statements(db) == []


# Item 7: addresses are kept


def test_pelican_slug_is_kept_verbatim_as_the_page_address(db: Database, tmp_path: Path) -> None:
    slug = "python-virtualenv-on-mac-osx-mountain-lion-10.8"
    write(tmp_path, "c/a.md", f"Title: Virtualenv\nDate: 2012-09-01 10:00\nSlug: {slug}\n\nBody\n")
    write(tmp_path, "c/b.md", "Title: Odd\nDate: 2012-09-02 10:00\nSlug: a b/../c\n\nBody\n")
    result = import_as_admin(db, [tmp_path / "c"])
    assert result.errors == []
    assert [s.slug for s in all_statements(db)] == [slug, "a-b-c"]
    assert any("'a b/../c'" in w and "'a-b-c'" in w for w in result.warnings)
    export_site(db, tmp_path / "out", workers=1)
    assert (tmp_path / "out" / "tg" / "2012" / "09" / f"{slug}.html").is_file()


def test_pelican_status_skip_skips_and_hidden_is_published_unlisted(
    db: Database, tmp_path: Path
) -> None:
    write(tmp_path, "c/skip.md", "Title: Skipped\nDate: 2020-01-01\nStatus: skip\n\nBody\n")
    write(tmp_path, "c/hidden.md", "Title: Hidden\nDate: 2020-01-02\nStatus: hidden\n\nBody\n")
    result = import_as_admin(db, [tmp_path / "c"])
    assert result.errors == [] and result.created == 1
    assert any("skip.md" in note for note in result.notes)
    (statement,) = all_statements(db)
    assert (statement.status, statement.hidden) == (Status.PUBLISHED, True)
    export_site(db, tmp_path / "out", workers=1)
    out = tmp_path / "out" / "tg"
    assert (out / "2020" / "01" / "hidden.html").is_file()
    assert "hidden.html" not in (out / "index.html").read_text(encoding="utf-8")
    assert "hidden.html" not in (out / "feed.xml").read_text(encoding="utf-8")


# Item 8: dates say when each text really changed, and import is repeatable


def test_atom_updated_is_the_files_last_change_not_the_import(db: Database, tmp_path: Path) -> None:
    write(tmp_path, "c/a.md", hugo("Changed later", "2019-03-01T10:00:00Z", lastmod="2020-06-01"))
    write(
        tmp_path,
        "c/b.md",
        "Title: Pelican\nDate: 2019-04-01 10:00\nModified: 2019-05-01 10:00\n\nBody\n",
    )
    write(tmp_path, "c/c.md", hugo("Never changed", "2018-01-01T08:00:00Z"))
    import_as_admin(db, [tmp_path / "c"])
    with db.transaction() as s:
        times = [
            t.isoformat() for t in s.scalars(select(Revision.created_at).order_by(Revision.id))
        ]
        assert times == [
            "2020-05-31T19:00:00+00:00",  # midnight in Dushanbe
            "2019-05-01T05:00:00+00:00",
            "2018-01-01T08:00:00+00:00",
        ]
        assert s.scalar(select(func.max(StatementText.updated_at))) < datetime(
            2021, 1, 1, tzinfo=UTC
        )
    export_site(db, tmp_path / "out", workers=1)
    feed = ElementTree.parse(tmp_path / "out" / "tg" / "feed.xml").getroot()
    updated = sorted(e.findtext(f"{ATOM}updated") for e in feed.iter(f"{ATOM}entry"))
    assert updated == ["2018-01-01T08:00:00Z", "2019-05-01T05:00:00Z", "2020-05-31T19:00:00Z"]


def test_two_imports_of_the_same_files_give_the_same_site(
    db: Database, sqlite_template: Path, tmp_path: Path
) -> None:
    from tests.conftest import make_sqlite_db

    for n in range(4):
        write(tmp_path, f"c/{n}.md", hugo(f"Statement {n}", f"2020-0{n + 1}-01", tags="[water]"))
        write(tmp_path, f"c/{n}.ru.md", hugo(f"Заявление {n}", f"2020-0{n + 1}-01"))
    import_as_admin(db, [tmp_path / "c"])
    export_site(db, tmp_path / "one", workers=1)
    assert import_as_admin(db, [tmp_path / "c"]).unchanged == 4
    export_site(db, tmp_path / "one", workers=1)
    other = make_sqlite_db(sqlite_template, tmp_path)
    try:
        import_as_admin(other, [tmp_path / "c"])
        export_site(other, tmp_path / "two", workers=1)
    finally:
        other.close()
    assert site_files(tmp_path / "one") == site_files(tmp_path / "two")


def test_the_real_site_fixture_reimports_unchanged_and_exports_the_same_bytes(
    db: Database, tmp_path: Path
) -> None:
    fixture = Path(__file__).parent / "data" / "import"
    folder = tmp_path / "content"
    shutil.copytree(fixture / "hugo" / "posts", folder / "hugo")
    shutil.copytree(fixture / "pelican" / "content", folder / "pelican")
    first = import_as_admin(db, [folder])
    export_site(db, tmp_path / "out", workers=1)
    before = site_files(tmp_path / "out")
    second = import_as_admin(db, [folder])
    assert second.created == second.updated == 0
    assert second.unchanged == first.created
    export_site(db, tmp_path / "out", workers=1)
    assert site_files(tmp_path / "out") == before
