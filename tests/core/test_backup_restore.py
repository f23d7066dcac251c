"""A backup is one file that restores everything, written only where it may be, and `restore`
checks it before it replaces anything (issue 10, items 2 and 6)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from app.core.backup import backup
from app.core.db import Database
from app.core.errors import PressDeskError
from app.core.export.run import export_site
from app.core.media import MediaStore
from app.core.migrate import open_database
from app.core.models import Statement
from app.core.restore import restore
from tests.core.test_cli import assert_one_line_error, run
from tests.core.test_export import publish


def _photo() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (640, 400), (30, 90, 150)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def office(sqlite_db: Database) -> Database:
    """A database with a published statement whose lead image lives in the media folder."""
    sid = publish(sqlite_db, "Заявление с фотографией")
    with sqlite_db.transaction() as s:
        media = MediaStore.for_database(sqlite_db).add(s, _photo(), "rogun.jpg")
        s.get(Statement, sid).lead_media_id = media.id
    return sqlite_db


def test_a_backup_restores_the_database_and_its_images(office: Database, tmp_path: Path) -> None:
    archive = tmp_path / "backups" / "monday.pdbk"
    archive.parent.mkdir()
    assert backup(office, archive) == 1
    assert [p.name for p in archive.parent.iterdir()] == ["monday.pdbk"]  # one file
    restored = tmp_path / "elsewhere" / "press.db"
    restored.parent.mkdir()
    result = restore(archive, restored)
    assert (result.statements, result.images) == (1, 1)
    checked = run("--db", str(restored), "check")
    assert checked.returncode == 0, checked.stderr
    db = open_database(str(restored))
    try:
        report = export_site(db, tmp_path / "site", workers=1)
    finally:
        db.close()
    assert report.ok, report.errors  # every image is there
    assert any(p.startswith("media/") for p in report.written)


def test_a_backup_refuses_a_damaged_image(office: Database, tmp_path: Path) -> None:
    (image,) = office.media_dir.iterdir()
    image.write_bytes(image.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(PressDeskError, match="not the image it should be"):
        backup(office, tmp_path / "b.pdbk")
    assert sorted(p.name for p in tmp_path.iterdir() if "pdbk" in p.name) == []


def test_restore_checks_the_backup_before_replacing_anything(
    office: Database, tmp_path: Path
) -> None:
    archive = tmp_path / "b.pdbk"
    backup(office, archive)
    with sqlite3.connect(archive) as conn:  # an image damaged inside the backup
        conn.execute("UPDATE media SET data = substr(data, 1, 100)")
    target = tmp_path / "existing.db"
    target.write_bytes(b"the office's current database")
    with pytest.raises(PressDeskError, match="cannot be restored, nothing was changed: image"):
        restore(archive, target, overwrite=True)
    assert target.read_bytes() == b"the office's current database"
    assert not (tmp_path / "existing.db.media").exists()


def test_a_truncated_backup_is_damaged_and_replaces_nothing(
    office: Database, tmp_path: Path
) -> None:
    archive = tmp_path / "b.pdbk"
    backup(office, archive)
    archive.write_bytes(archive.read_bytes()[: 3 * 4096])
    target = tmp_path / "existing.db"
    target.write_bytes(b"the office's current database")
    with pytest.raises(PressDeskError, match="nothing was changed: the backup is damaged"):
        restore(archive, target, overwrite=True)
    assert target.read_bytes() == b"the office's current database"
    assert sorted(p.name for p in tmp_path.iterdir() if "existing" in p.name) == ["existing.db"]


def test_restore_never_replaces_a_database_unasked(office: Database, tmp_path: Path) -> None:
    archive = tmp_path / "b.pdbk"
    backup(office, archive)
    target = Path(office.url.database)
    with pytest.raises(PressDeskError, match="already exists: give --overwrite"):
        restore(archive, target)


def test_restore_refuses_what_is_no_backup(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear editor,", encoding="utf-8")
    with pytest.raises(PressDeskError, match="not a Press Desk backup"):
        restore(letter, tmp_path / "x.db")
    assert not (tmp_path / "x.db").exists()


def test_backup_only_where_it_may_write(tmp_path: Path) -> None:
    live = tmp_path / "live.db"
    assert run("--db", str(live), "demo", "--count", "5").returncode == 0
    holder = sqlite3.connect(live)  # the app has it open
    holder.execute("SELECT count(*) FROM statements").fetchone()
    try:
        for target in (live, Path(f"{live}-wal"), Path(f"{live}-shm")):
            assert_one_line_error(
                run("--db", str(live), "backup", "--to", str(target), "--overwrite"),
                "refusing to write the backup",
            )
        assert_one_line_error(
            run("--db", str(live), "backup", "--to", str(tmp_path / "live.db.media")),
            "is a folder",
        )
        assert holder.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        holder.close()
    folder = tmp_path / "backups"
    folder.mkdir()
    assert_one_line_error(run("--db", str(live), "backup", "--to", str(folder)), "is a folder")
    assert list(folder.iterdir()) == []
    existing = tmp_path / "notes.txt"
    existing.write_text("notes", encoding="utf-8")
    assert_one_line_error(
        run("--db", str(live), "backup", "--to", str(existing)), "give --overwrite"
    )
    assert existing.read_text(encoding="utf-8") == "notes"
    assert run("--db", str(live), "backup", "--to", str(existing), "--overwrite").returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir() if "partial" in p.name) == []


def test_restore_command(tmp_path: Path) -> None:
    live = tmp_path / "live.db"
    assert run("--db", str(live), "demo", "--count", "8").returncode == 0
    assert run("--db", str(live), "backup", "--to", str(tmp_path / "b.pdbk")).returncode == 0
    shutil.rmtree(tmp_path / "live.db.media", ignore_errors=True)
    result = run("restore", str(tmp_path / "b.pdbk"), "--to", str(tmp_path / "back.db"))
    assert result.returncode == 0, result.stderr
    assert "restored 8 statements" in result.stdout
    assert_one_line_error(
        run("restore", str(tmp_path / "b.pdbk"), "--to", str(tmp_path / "back.db")),
        "give --overwrite",
    )
    again = run(
        "restore", str(tmp_path / "b.pdbk"), "--to", str(tmp_path / "back.db"), "--overwrite"
    )
    assert again.returncode == 0, again.stderr
    assert run("--db", str(tmp_path / "back.db"), "check").returncode == 0
