"""The export writes only its own files: OUT is Press Desk's or refused, the zip never lands on
the database or on someone's file, the state folder is never followed, a site never shrinks
unasked (issue 10, items 1, 3, 4 and 7)."""

from __future__ import annotations

import json
import os
import sqlite3
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from app.core.content import TextContent
from app.core.db import Database
from app.core.errors import PressDeskError
from app.core.export.run import SiteWouldShrink, export_site
from app.core.models import Statement, Status
from tests.core.test_export import WHEN, publish


@pytest.fixture
def archive(db: Database) -> Database:
    """Seven published statements, in Russian and English."""
    for i in range(7):
        publish(
            db,
            f"Заявление номер {i}",
            when=WHEN + timedelta(days=i),
            translations={"en": TextContent(f"Statement {i}", body="Text.")},
        )
    return db


def test_zip_never_replaces_the_database_or_its_files(archive: Database, tmp_path: Path) -> None:
    if archive.backend != "sqlite":
        pytest.skip("a server database has no files here")
    path = Path(archive.url.database)
    with archive.engine.connect() as conn:  # the WAL and its index exist while it is open
        conn.exec_driver_sql("SELECT count(*) FROM statements").scalar()
        (path.parent / (path.name + ".media")).mkdir(exist_ok=True)
        before = path.read_bytes()
        for own in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
            with pytest.raises(PressDeskError, match="refusing to write the zip"):
                export_site(archive, tmp_path / "site", zip_path=own, overwrite=True, workers=1)
        with pytest.raises(PressDeskError, match="is a folder"):
            export_site(
                archive, tmp_path / "site", zip_path=archive.media_dir, overwrite=True, workers=1
            )
    assert path.read_bytes() == before
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_zip_through_a_hard_link_to_the_database_is_refused(
    archive: Database, tmp_path: Path
) -> None:
    if archive.backend != "sqlite":
        pytest.skip("a server database has no files here")
    alias = tmp_path / "elsewhere.zip"
    os.link(archive.url.database, alias)
    with pytest.raises(PressDeskError, match="refusing to write the zip"):
        export_site(archive, tmp_path / "site", zip_path=alias, overwrite=True, workers=1)


def test_an_existing_file_is_replaced_only_with_overwrite(
    archive: Database, tmp_path: Path
) -> None:
    target = tmp_path / "notes.zip"
    target.write_text("the minutes of Monday's meeting", encoding="utf-8")
    with pytest.raises(PressDeskError, match="already exists: give --overwrite"):
        export_site(archive, tmp_path / "site", zip_path=target, workers=1)
    assert target.read_text(encoding="utf-8") == "the minutes of Monday's meeting"
    assert not (tmp_path / "site" / "ru").exists()
    export_site(archive, tmp_path / "site", zip_path=target, overwrite=True, workers=1)
    assert "manifest.json" in zipfile.ZipFile(target).namelist()


def test_the_zip_the_last_export_wrote_is_replaced(archive: Database, tmp_path: Path) -> None:
    target = tmp_path / "site.zip"
    export_site(archive, tmp_path / "site", zip_path=target, workers=1)
    publish(archive, "Новое заявление")
    export_site(archive, tmp_path / "site", zip_path=target, workers=1)
    assert any("novoe" in name for name in zipfile.ZipFile(target).namelist())


def test_a_failing_zip_leaves_the_old_file_and_no_partial(
    archive: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "upload").mkdir()
    target = tmp_path / "upload" / "site.zip"
    target.write_bytes(b"old")

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", full_disk)
    with pytest.raises(PressDeskError, match=r"cannot write the zip .*No space left"):
        export_site(archive, tmp_path / "site", zip_path=target, overwrite=True, workers=1)
    assert target.read_bytes() == b"old"
    assert [p.name for p in target.parent.iterdir()] == ["site.zip"]


def test_the_state_folder_is_never_packed_or_listed(archive: Database, tmp_path: Path) -> None:
    out = tmp_path / "site"
    export_site(archive, out, zip_path=tmp_path / "site.zip", workers=1)
    assert (out / ".pressdesk").is_dir()
    names = zipfile.ZipFile(tmp_path / "site.zip").namelist()
    listed = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert not [n for n in [*names, *listed] if n.startswith(".pressdesk")]


def test_a_folder_of_someone_elses_files_is_refused(archive: Database, tmp_path: Path) -> None:
    out = tmp_path / "userdir"
    (out / "assets").mkdir(parents=True)
    mine = {"index.html": "<p>my page</p>", "manifest.json": "{}", "assets/style.css": "p{}"}
    for name, text in mine.items():
        (out / name).write_text(text, encoding="utf-8")
    with pytest.raises(PressDeskError, match="not an export folder of Press Desk"):
        export_site(archive, out, workers=1)
    with pytest.raises(PressDeskError, match=r"assets/style\.css, index\.html, manifest\.json"):
        export_site(archive, out, force=True, workers=1)
    assert {n: (out / n).read_text(encoding="utf-8") for n in mine} == mine
    assert not (out / "ru").exists()


def test_force_exports_beside_other_files_and_keeps_them(archive: Database, tmp_path: Path) -> None:
    out = tmp_path / "userdir"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    export_site(archive, out, force=True, workers=1)
    assert (out / "ru" / "index.html").exists()
    assert (out / "notes.txt").read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize("where", ["root", "home", "database folder"])
def test_never_into_root_home_or_the_databases_folder(
    archive: Database, tmp_path: Path, where: str
) -> None:
    if where == "database folder" and archive.backend != "sqlite":
        pytest.skip("a server database has no folder here")
    out = {
        "root": Path("/"),
        "home": Path.home(),
        "database folder": Path(archive.url.database or "").parent,
    }[where]
    before = sorted(os.listdir(out))
    with pytest.raises(PressDeskError, match=r"refusing to export into|not an export folder"):
        export_site(archive, out, force=True, workers=1)
    assert sorted(os.listdir(out)) == before


def test_a_state_folder_that_is_a_link_is_refused_and_not_followed(
    archive: Database, tmp_path: Path
) -> None:
    home = tmp_path / "victim"
    (home / "tmp").mkdir(parents=True)
    (home / "tmp" / "thesis.odt").write_text("three years of work", encoding="utf-8")
    out = tmp_path / "site"
    out.mkdir()
    (out / ".pressdesk").symlink_to(home, target_is_directory=True)
    with pytest.raises(PressDeskError, match="not a folder Press Desk made"):
        export_site(archive, out, workers=1)
    assert (home / "tmp" / "thesis.odt").read_text(encoding="utf-8") == "three years of work"


def test_links_inside_the_state_folder_are_removed_not_followed(
    archive: Database, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    export_site(archive, out, workers=1)
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "letter.txt").write_text("dear", encoding="utf-8")
    (out / ".pressdesk" / "tmp").symlink_to(victim, target_is_directory=True)
    (out / ".pressdesk" / "stamp.part").symlink_to(victim / "letter.txt")
    publish(archive, "Ещё одно заявление")
    export_site(archive, out, workers=1)
    assert sorted(p.name for p in victim.iterdir()) == ["letter.txt"]
    assert (victim / "letter.txt").read_text(encoding="utf-8") == "dear"


def test_a_site_shrinking_below_half_needs_allow_shrink(archive: Database, tmp_path: Path) -> None:
    out = tmp_path / "site"
    export_site(archive, out, workers=1)
    before = sorted(p.relative_to(out) for p in out.rglob("*.html"))
    with archive.transaction() as s:
        s.execute(update(Statement).values(status=Status.WITHDRAWN, published_at=None))
    with pytest.raises(SiteWouldShrink, match="--allow-shrink") as refused:
        export_site(archive, out, workers=1)
    assert refused.value.after < refused.value.before / 2
    assert sorted(p.relative_to(out) for p in out.rglob("*.html")) == before
    export_site(archive, out, allow_shrink=True, workers=1)
    assert not (out / "ru").exists()
