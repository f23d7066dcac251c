"""The preview: the real page for what is typed, off the UI thread, links kept inside the app."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl

from app.core.content import TextContent
from app.core.desk import Desk
from app.core.errors import PressDeskError
from app.ui.preview.pane import PreviewPane, PreviewRequest
from app.ui.tasks import TaskRunner
from tests.conftest import put_on_site
from tests.ui.conftest import FakeRenderer, type_text


def test_the_real_page_with_its_sidebar_follows_typing(sqlite_db, make_window, qtbot):
    from app.core.preview import PreviewRenderer

    desk = Desk.for_workstation(sqlite_db)
    earlier = desk.create(
        "tg", TextContent("Сохтмони роҳ дар Хуҷанд", body="Роҳи нав дар Хуҷанд сохта мешавад.")
    )
    with sqlite_db.transaction() as session:  # published yesterday: eligible for the sidebar
        put_on_site(session, earlier, datetime.now(UTC) - timedelta(days=1))
    window = make_window(sqlite_db, renderer_factory=lambda: PreviewRenderer(sqlite_db))
    window.new_statement()
    type_text(window.editor.title, "Роҳи нав")
    type_text(window.editor.body, "Дар Хуҷанд роҳи нав сохта мешавад. Қарори ҳукумат.")
    qtbot.waitUntil(
        lambda: (
            window.preview.last_page is not None
            and "Қарори ҳукумат" in window.preview.last_page.html
        ),
        timeout=5000,
    )
    page = window.preview.last_page
    assert "<h1" in page.html and "Роҳи нав" in page.html
    assert 'lang="tg"' in page.html
    assert '<aside class="sidebar">' in page.html  # the related-articles sidebar
    assert "Сохтмони роҳ дар Хуҷанд" in page.html
    assert page.base_url.name.endswith(".html")


def test_renders_run_off_the_ui_thread_and_only_the_latest_shows(qtbot, tmp_path):
    renderer = FakeRenderer(tmp_path)
    runner = TaskRunner()
    try:
        pane = PreviewPane(runner, lambda: renderer, debounce_ms=20)
        qtbot.addWidget(pane)
        for word in ("one", "two", "three"):
            pane.request(PreviewRequest(None, "en", TextContent("T", body=word), (), None))
        with qtbot.waitSignal(pane.pageRendered, timeout=5000) as rendered:
            pass
        assert "three" in rendered.args[0].html
        assert [call[2].body for call in renderer.calls] == ["three"]  # debounced
    finally:
        runner.shutdown()


def test_a_failed_render_shows_a_notice(qtbot, sync_runner):
    class Broken:
        def render(self, *args, **kwargs):
            raise PressDeskError("the preview cannot show this text: it took too long")

    pane = PreviewPane(sync_runner, Broken, debounce_ms=1)
    qtbot.addWidget(pane)
    pane.show()
    with qtbot.waitSignal(pane.renderFailed):
        pane.request(PreviewRequest(1, "en", TextContent("T"), (), None))
    assert pane.notice.isVisible()
    assert "took too long" in pane.notice.text()


@pytest.fixture
def web_page(qapp):
    from app.ui.preview.web_page import PreviewWebPage

    page = PreviewWebPage()
    yield page
    page.deleteLater()


def test_links_to_statements_are_reported_and_external_links_not_followed(web_page, qtbot):
    from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineSettings

    clicked = QWebEnginePage.NavigationType.NavigationTypeLinkClicked
    site = Path("/tmp/pressdesk-preview-x")
    other = QUrl.fromLocalFile(str(site / "ru" / "2024" / "05" / "vizit-v-khudzhand.html"))
    with qtbot.waitSignal(web_page.statementLinkClicked) as statement:
        assert web_page.acceptNavigationRequest(other, clicked, True) is False
    assert statement.args == ["ru", "vizit-v-khudzhand"]

    with qtbot.waitSignal(web_page.externalLinkClicked) as external:
        assert (
            web_page.acceptNavigationRequest(QUrl("https://example.org/"), clicked, True) is False
        )
    assert external.args[0].host() == "example.org"

    index = QUrl.fromLocalFile(str(site / "ru" / "index.html"))
    with qtbot.assertNotEmitted(web_page.statementLinkClicked):
        assert web_page.acceptNavigationRequest(index, clicked, True) is False
    assert not web_page.settings().testAttribute(QWebEngineSettings.WebAttribute.JavascriptEnabled)


def test_a_preview_link_opens_the_linked_statement(sqlite_db, make_window):
    desk = Desk.for_workstation(sqlite_db)
    first = desk.create("en", TextContent("First statement"))
    second = desk.create("en", TextContent("Second statement"))
    window = make_window(sqlite_db)
    window.open_statement(first)
    slug = desk.statement(second).slug
    window.preview.statementLinkClicked.emit("en", slug)
    assert window.editor.statement_id == second
    assert window.editor.title.text() == "Second statement"


def test_a_link_to_a_statement_outside_the_filtered_list_still_opens(qtbot, sqlite_db, make_window):
    desk = Desk.for_workstation(sqlite_db)
    first = desk.create("en", TextContent("Water summit"))
    other = desk.create("en", TextContent("Navruz holiday"))
    window = make_window(sqlite_db)
    window.list.filter_bar.search.setText("water")
    qtbot.waitUntil(lambda: window.list.model.statement_filter.query == "water", timeout=2000)
    assert window.list.model.rowCount() == 1
    window.open_statement(first)
    window.preview.statementLinkClicked.emit("en", desk.statement(other).slug)
    assert window.editor.statement_id == other
    window.preview.statementLinkClicked.emit("en", "no-such-statement")
    assert "no-such-statement" in window.statusBar().currentMessage()
