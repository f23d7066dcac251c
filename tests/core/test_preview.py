"""The preview shows the page the export writes, from unsaved typing, with its sidebar."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.content import TextContent
from app.core.db import Database
from app.core.errors import PressDeskError
from app.core.export.run import export_site
from app.core.media import MediaStore
from app.core.models import Statement, Status
from app.core.preview import PreviewRenderer
from app.core.statements import create_statement
from tests.core.test_export import WHEN, publish


@pytest.fixture
def renderer(db: Database):
    renderer = PreviewRenderer(db)
    yield renderer
    renderer.close()


def test_preview_of_published_statement_equals_the_exported_page(
    db: Database, renderer: PreviewRenderer, tmp_path: Path
) -> None:
    sid = publish(db, "Рогунская ГЭС", body="Строительство Рогунской ГЭС идёт.", tags=("energy",))
    publish(db, "Визит на Рогун", body="Президент посетил Рогунскую ГЭС.", tags=("energy",))
    export_site(db, tmp_path / "site", workers=1)
    with db.transaction() as s:
        slug = s.get(Statement, sid).slug
    page = renderer.render(
        sid,
        "ru",
        TextContent("Рогунская ГЭС", "Лид", "Строительство Рогунской ГЭС идёт."),
        tags=("energy",),
    )
    exported = (tmp_path / "site" / "ru" / "2020" / "04" / f"{slug}.html").read_text()
    assert page.html == exported
    assert page.base_url.name == f"{slug}.html"
    assert (page.base_url.parents[3] / "assets" / "style.css").exists()


def test_preview_follows_typing_and_shows_related(db: Database, renderer: PreviewRenderer):
    publish(db, "Навруз в Душанбе", body="Праздник Навруз отметили в Душанбе.", tags=("culture",))
    with db.transaction() as s:
        draft = create_statement(
            s, source_lang="ru", content=TextContent("Черновик"), actor_id=None
        ).id
    typed = TextContent("Навруз", body="Праздник **Навруз** в столице <script>alert(1)</script>")
    page = renderer.render(draft, "ru", typed, tags=("culture",))
    assert "<strong>Навруз</strong>" in page.html
    assert "<script>alert" not in page.html
    assert "Навруз в Душанбе" in page.html  # the sidebar, from typing not yet saved
    new = renderer.render(None, "ru", TextContent("Новый", body="Совсем новый текст"))
    assert "Совсем новый текст" in new.html


def test_preview_shows_the_lead_image(db: Database, renderer: PreviewRenderer) -> None:
    from app.core.demo.images import demo_image

    with db.transaction() as s:
        media = MediaStore.for_database(db).add(s, demo_image(1), "photo.jpg")
        sid = create_statement(s, source_lang="tg", content=TextContent("Акс"), actor_id=None).id
        s.get(Statement, sid).lead_media_id = media.id
        name = media.file_name
    page = renderer.render(
        sid, "tg", TextContent("Акс", image_caption="Душанбе"), lead_media_id=media.id
    )
    assert name in page.html and "Душанбе" in page.html
    assert (page.base_url.parents[3] / "media" / name).exists()


def test_pathological_body_gives_a_clear_message(renderer: PreviewRenderer) -> None:
    with pytest.raises(PressDeskError, match="preview cannot show"):
        renderer.render(None, "ru", TextContent("Плохо", body="- " * 3000 + "x"))


def test_status_is_not_required_for_preview(db: Database, renderer: PreviewRenderer) -> None:
    sid = publish(db, "Опубликовано", when=WHEN)
    with db.transaction() as s:
        s.get(Statement, sid).status = Status.WITHDRAWN
    assert "Опубликовано" in renderer.render(sid, "ru", TextContent("Опубликовано")).html


def test_a_killed_apps_preview_folder_is_removed_by_the_next_start(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from app.core.preview import sweep_stale_folders

    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        check=True,
    )
    dead = int(ended.stdout)
    stale = tmp_path / f"pressdesk-preview-{dead}-abc123"
    (stale / "assets").mkdir(parents=True)
    (stale / "assets" / "style.css").write_text("body {}")
    running = tmp_path / f"pressdesk-preview-{os.getppid()}-def456"  # a live app's
    running.mkdir()
    other = tmp_path / "pressdesk-preview-notes"  # not one of ours by name
    other.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = tmp_path / f"pressdesk-preview-{dead}-link"
    link.symlink_to(elsewhere)
    assert sweep_stale_folders(tmp_path) == [stale]
    assert not stale.exists()
    assert running.is_dir() and other.is_dir() and link.is_symlink() and elsewhere.is_dir()
