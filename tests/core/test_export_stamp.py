"""The change counter and the export stamp: an unchanged export stops at once, changes are seen."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from app.core import changes
from app.core.content import TextContent
from app.core.db import Database
from app.core.export import stamp
from app.core.export.run import export_site
from app.core.models import (
    Change,
    OfficeSetting,
    RelatedStatement,
    Statement,
    StatementTag,
    Tag,
    TextTerm,
)
from app.core.related.store import store_missing_terms
from app.core.sqltypes import utcnow
from app.core.statements import create_statement, save_text
from tests.conftest import approve_change, put_on_site
from tests.core.test_export import WHEN, archive, files, publish

__all__ = ["archive"]  # the fixture, used by name

ROOT = Path(__file__).resolve().parents[2]


def first_statement(db: Database) -> int:
    with db.transaction() as s:
        return s.scalar(select(Statement.id).order_by(Statement.id))


def test_every_change_the_export_reads_moves_the_counter(db: Database) -> None:
    sid = publish(db, "Заявление", tags=("water",))
    other = publish(db, "Другое")

    def after(change) -> tuple[tuple[int, int], set[int] | None]:
        with db.transaction() as s:
            before = changes.mark(s)
        with db.transaction() as s:
            change(s)
        with db.transaction() as s:
            now = changes.mark(s)
            assert now[0] > before[0] and now != before
            return now, changes.changed_since(s, before[0])

    content = TextContent("Заявление", "Лид", "Новый текст.")
    assert after(lambda s: save_text(s, sid, "ru", content, actor_id=None))[1] == {sid}
    assert after(lambda s: s.execute(StatementTag.__table__.delete()))[1] == {sid}
    assert after(lambda s: s.add(RelatedStatement(statement_id=sid, related_id=other, position=0)))[
        1
    ] == {sid}
    assert after(
        lambda s: s.execute(update(Statement).values(slug="x").where(Statement.id == other))
    )[1] == {other}
    assert after(lambda s: s.execute(update(Tag).values(name="вода")))[1] is None
    assert after(lambda s: s.merge(OfficeSetting(key="related_count", value="3")))[1] is None
    assert after(lambda s: changes.note(s, [other]))[1] == {other}


def test_a_log_that_no_longer_reaches_back_cannot_tell(db: Database) -> None:
    sid = publish(db, "Заявление")
    with db.transaction() as s:
        newest = changes.mark(s)[0]
        s.execute(Change.__table__.delete().where(Change.seq < newest))
        assert changes.changed_since(s, newest) == set()
        assert changes.changed_since(s, newest - 1) == {sid}
        assert changes.changed_since(s, newest - 2) is None


def test_backfilled_terms_count_as_a_change_of_every_page(db: Database) -> None:
    publish(db, "Заявление")
    with db.transaction() as s:
        s.execute(TextTerm.__table__.delete())
        before = changes.mark(s)[0]
        assert store_missing_terms(s) == 1
        assert changes.changed_since(s, before) is None


def test_unchanged_export_stops_at_once_and_any_change_is_seen(
    archive: Database, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    assert export_site(archive, out, workers=1).written
    site = files(out)
    for changed_only in (False, True):
        report = export_site(archive, out, workers=1, changed_only=changed_only)
        assert not report.written and not report.removed
        assert report.unchanged == len([p for p in site if p.endswith((".html", ".xml"))])
    sid = first_statement(archive)
    with archive.transaction() as s:
        save_text(s, sid, "ru", TextContent("Заявление о воде", "Лид", "Другое."), actor_id=None)
        approve_change(s, sid, ["ru"])
    report = export_site(archive, out, workers=1, changed_only=True)
    assert "ru/2020/04/zayavlenie-o-vode.html" in report.written


def test_a_removed_page_is_written_again(archive: Database, tmp_path: Path) -> None:
    out = tmp_path / "site"
    export_site(archive, out, workers=1)
    (out / "ru" / "index.html").unlink()
    report = export_site(archive, out, workers=1, changed_only=True)
    assert report.written == ["ru/index.html"]


def test_a_changed_theme_or_option_is_not_unchanged(archive: Database, tmp_path: Path) -> None:
    out, theme = tmp_path / "site", tmp_path / "theme"
    (theme / "assets").mkdir(parents=True)
    (theme / "assets" / "style.css").write_text("body { color: navy }\n")
    export_site(archive, out, workers=1, theme_dir=theme)
    assert not export_site(archive, out, workers=1, theme_dir=theme).written
    (theme / "assets" / "style.css").write_text("body { color: black }\n")
    assert export_site(archive, out, workers=1, theme_dir=theme).written == ["assets/style.css"]
    assert (
        "sitemap.xml"
        in export_site(
            archive, out, workers=1, theme_dir=theme, base_url="https://press.example.tj"
        ).written
    )


def test_the_stamp_ends_when_a_statement_expires(archive: Database, tmp_path: Path) -> None:
    due = utcnow() + timedelta(hours=1)
    with archive.transaction() as s:
        st = create_statement(s, source_lang="ru", content=TextContent("Позже"), actor_id=None)
        put_on_site(s, st.id, WHEN)
        st.expires_at = due
    out = tmp_path / "site"
    export_site(archive, out, workers=1)
    last = stamp.read(out)
    assert last is not None and last.valid_until is not None
    with archive.transaction() as s:
        mark = changes.mark(s)
    inputs = stamp.inputs_digest(None, None)
    assert last.holds(out, mark, inputs, None, due - timedelta(seconds=1))
    assert not last.holds(out, mark, inputs, None, due)
    assert not last.holds(out, (mark[0], mark[1] + 1), inputs, None, WHEN)  # another history


def test_a_failed_or_cancelled_run_leaves_no_stamp(archive: Database, tmp_path: Path) -> None:
    out = tmp_path / "site"
    export_site(archive, out, workers=1)
    assert stamp.read(out) is not None
    with archive.transaction() as s:
        s.execute(update(Statement).values(published_at=WHEN + timedelta(days=30)))
    with pytest.raises(Exception, match="cancelled"):
        export_site(archive, out, workers=1, cancelled=lambda: True)
    assert stamp.read(out) is None


def test_zip_must_still_be_there(archive: Database, tmp_path: Path) -> None:
    out, packed = tmp_path / "site", tmp_path / "site.zip"
    export_site(archive, out, workers=1, zip_path=packed)
    with archive.transaction() as s:
        mark = changes.mark(s)
    last, inputs = stamp.read(out), stamp.inputs_digest(None, None)
    assert last is not None and last.holds(out, mark, inputs, packed, utcnow())
    packed.unlink()
    assert not last.holds(out, mark, inputs, packed, utcnow())
    export_site(archive, out, workers=1, zip_path=packed)
    assert packed.exists()


def pressdesk(script: str, args: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", script, *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, check=True)


def test_cli_tells_an_unchanged_sqlite_database_without_loading_sqlalchemy(
    sqlite_db: Database, tmp_path: Path
) -> None:
    publish(sqlite_db, "Заявление", translations={"en": TextContent("Statement")})
    out = tmp_path / "site"
    export_site(sqlite_db, out, workers=1)
    script = (
        "import sys; from app.cli import main; code = main(sys.argv[1:]); "
        "print('sqlalchemy' in sys.modules, code)"
    )
    args = ["--db", sqlite_db.url.database, "export", "--out", str(out), "--changed-only"]
    run = pressdesk(script, args)
    assert run.stdout.split() == ["False", "0"]
    pages = stamp.read(out).pages
    assert f"0 files written, 0 removed, {pages} pages unchanged" in run.stderr
    with sqlite_db.transaction() as s:
        s.execute(update(Statement).values(slug="zayavlenie-2"))
    run = pressdesk(script, args)
    assert run.stdout.splitlines()[-1] == "True 0"
    assert "written ru/2020/04/zayavlenie-2.html" in run.stdout


def test_the_code_digest_reads_source_not_bytecode(tmp_path: Path) -> None:
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "module.py").write_text("x = 1\n")
    (tmp_path / "__pycache__" / "module.cpython-311.pyc").write_bytes(b"one")
    before = stamp.files_digest([tmp_path], pattern="*.py").hexdigest()
    (tmp_path / "__pycache__" / "module.cpython-311.pyc").write_bytes(b"two")
    assert stamp.files_digest([tmp_path], pattern="*.py").hexdigest() == before
    (tmp_path / "module.py").write_text("x = 2\n")
    assert stamp.files_digest([tmp_path], pattern="*.py").hexdigest() != before


def test_cli_reads_the_office_folder_and_theme_without_loading_sqlalchemy(
    sqlite_db: Database, tmp_path: Path
) -> None:
    from app.core.settings import load_settings, save_settings

    publish(sqlite_db, "Заявление")
    out, theme = tmp_path / "site", tmp_path / "theme"
    (theme / "assets").mkdir(parents=True)
    (theme / "assets" / "style.css").write_text("body { color: navy }\n")
    with sqlite_db.transaction() as s:
        office = replace(load_settings(s), export_folder=str(out), theme_dir=str(theme))
        save_settings(s, office)
    export_site(sqlite_db, out, workers=1)
    script = (
        "import sys; from app.cli import main; code = main(sys.argv[1:]); "
        "print('sqlalchemy' in sys.modules, code)"
    )
    args = ["--db", sqlite_db.url.database, "export"]
    assert pressdesk(script, args).stdout.split() == ["False", "0"]
    (theme / "assets" / "style.css").write_text("body { color: teal }\n")
    run = pressdesk(script, args)
    assert "written assets/style.css" in run.stdout
    assert (out / "assets" / "style.css").read_text() == "body { color: teal }\n"
