"""A hidden statement is published but unlisted: its page is there, nothing lists it
(Pelican's ``Status: hidden``; issue 9, item 7)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from app.core.content import TextContent
from app.core.db import Database
from app.core.export.run import export_site
from app.core.models import Statement
from app.core.preview import PreviewRenderer
from tests.core.test_export import WHEN, publish


def hide(db: Database, statement_id: int) -> str:
    with db.transaction() as s:
        statement = s.get(Statement, statement_id)
        statement.hidden = True
        return statement.slug


@pytest.fixture
def site(db: Database) -> tuple[Database, str, str]:
    """Two statements on the same subject and tag, in the same month; one is hidden."""
    shown = publish(db, "Рогун и вода", body="Рогунская ГЭС и вода Вахша.", tags=("energy",))
    hidden = publish(
        db,
        "Рогун: скрытое заявление",
        body="Рогунская ГЭС и вода Вахша, скрыто.",
        tags=("energy",),
        when=WHEN + timedelta(hours=1),
    )
    with db.transaction() as s:
        shown_slug = s.get(Statement, shown).slug
    return db, shown_slug, hide(db, hidden)


def test_a_hidden_statement_has_its_page_and_no_listing(
    site: tuple[Database, str, str], tmp_path: Path
) -> None:
    db, shown, hidden = site
    export_site(db, tmp_path / "out", workers=1, base_url="https://press.example.tj")
    out = tmp_path / "out"
    page = out / "ru" / "2020" / "04" / f"{hidden}.html"
    assert page.is_file()
    listings = [
        out / "ru" / "index.html",
        out / "ru" / "feed.xml",
        out / "ru" / "archive" / "2020-04.html",
        out / "ru" / "tags" / "energy.html",
        out / "sitemap.xml",
        out / "ru" / "2020" / "04" / f"{shown}.html",  # its related-articles sidebar
    ]
    for listing in listings:
        text = listing.read_text(encoding="utf-8")
        assert f"{shown}.html" in text or listing.name == f"{shown}.html", listing
        assert hidden not in text, listing
    # Its own page still has a sidebar, with the listed statement.
    assert f"{shown}.html" in page.read_text(encoding="utf-8")


def test_the_preview_sidebar_leaves_hidden_statements_out(site: tuple[Database, str, str]) -> None:
    db, _, hidden = site
    renderer = PreviewRenderer(db)
    try:
        page = renderer.render(
            None, "ru", TextContent("Новый", body="Рогунская ГЭС и вода Вахша."), tags=("energy",)
        )
    finally:
        renderer.close()
    assert "Рогун и вода" in page.html
    assert "скрытое" not in page.html and hidden not in page.html
