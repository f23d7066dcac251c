"""Fixtures for the desk's UI tests: a Desk on a fresh SQLite database, a synchronous task runner,
private QSettings, and a stand-in renderer that shows what it was asked to render."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QLocale, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.core.content import TextContent
from app.core.db import Database
from app.core.desk import Desk
from app.ui.language import apply_language
from app.ui.main_window import MainWindow
from app.ui.settings import UiSettings
from app.ui.tasks import SynchronousTaskRunner


@dataclass(frozen=True)
class FakePage:
    html: str
    base_url: Path


@dataclass
class FakeRenderer:
    """Renders a page that contains the typed title and body, and a sidebar marker."""

    folder: Path
    calls: list[tuple[int | None, str, TextContent]] = field(default_factory=list)

    def render(
        self,
        statement_id: int | None,
        lang: str,
        content: TextContent,
        *,
        tags: tuple[str, ...] = (),
        lead_media_id: int | None = None,
    ) -> FakePage:
        self.calls.append((statement_id, lang, content))
        page = (
            f"<html lang='{lang}'><body><h1>{html.escape(content.title)}</h1>"
            f"<p>{html.escape(content.body)}</p><aside class='related'>Related</aside>"
            "</body></html>"
        )
        return FakePage(page, self.folder / lang / "2024" / "05" / "preview.html")


@pytest.fixture
def speak(qapp) -> Iterator[Callable[[str], None]]:
    """Switches the interface (our catalogs, Qt's and the default locale) for one test."""
    before = QLocale()

    def switch(lang: str) -> None:
        assert apply_language(qapp, lang) == lang

    yield switch
    apply_language(qapp, "en")
    QLocale.setDefault(before)


@pytest.fixture
def desk(sqlite_db: Database) -> Desk:
    return Desk.for_workstation(sqlite_db)


@pytest.fixture
def sync_runner(qapp) -> Iterator[SynchronousTaskRunner]:
    runner = SynchronousTaskRunner()
    yield runner
    runner.shutdown()


@pytest.fixture
def ui_settings(tmp_path: Path) -> UiSettings:
    return UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def fake_renderer(tmp_path: Path) -> FakeRenderer:
    return FakeRenderer(tmp_path / "site")


@pytest.fixture
def make_window(qtbot, sync_runner, ui_settings, fake_renderer) -> Callable[..., MainWindow]:
    """Build a main window on a database (the desk of a fresh start on it)."""

    def build(db: Database, *, managed: bool = True, **options) -> MainWindow:
        options.setdefault("autosave_delay_ms", 50)
        options.setdefault("search_debounce_ms", 10)
        options.setdefault("renderer_factory", lambda: fake_renderer)
        window = MainWindow(
            Desk.for_workstation(db), sync_runner, ui_settings=ui_settings, **options
        )
        if managed:  # closed (and so saved) at the end of the test
            qtbot.addWidget(window)
        return window

    return build


def window_for(desk: Desk, qtbot, sync_runner, ui_settings, fake_renderer) -> MainWindow:
    """A shown main window for this desk (several people may have one on the same database)."""
    window = MainWindow(
        desk,
        sync_runner,
        ui_settings=ui_settings,
        renderer_factory=lambda: fake_renderer,
        autosave_delay_ms=50,
        search_debounce_ms=10,
    )
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def open_window(qtbot, sync_runner, ui_settings, fake_renderer) -> Callable[[Desk], MainWindow]:
    """A shown main window for this desk (several people may have one on the same database),
    with the review and comments panels opened, as a person reviewing would."""

    def build(desk: Desk, *, panels: bool = True) -> MainWindow:
        window = window_for(desk, qtbot, sync_runner, ui_settings, fake_renderer)
        if panels:
            for dock in (window.review_dock, window.comments_dock):
                if dock.isHidden():
                    dock.action.trigger()
        return window

    return build


def type_text(widget: QWidget, text: str) -> None:
    """Type any Unicode text as key presses (QTest's keyClicks handles ASCII only)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )
