"""The right pane: the statement's real page, rendered off the UI thread as the user types.

Renders are debounced and run through `TaskRunner.run_latest`, so only the newest result is shown.
The web engine is heavy to start, so the view is only created by `activate()`, which the main
window calls once it is on screen; renders before that are kept and shown then.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Protocol

import shiboken6
from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.content import TextContent
from app.core.i18n import _
from app.ui import colours
from app.ui.errors import user_message
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWebEngineWidgets import QWebEngineView

RENDER_DEBOUNCE_MS = 200
SLOW_NOTICE_MS = 1500
MOBILE_WIDTH = 390


class RenderedPage(Protocol):
    html: str
    base_url: Path


class Renderer(Protocol):
    def render(
        self,
        statement_id: int | None,
        lang: str,
        content: TextContent,
        *,
        tags: tuple[str, ...] = (),
        lead_media_id: int | None = None,
    ) -> RenderedPage: ...


@dataclass(frozen=True, slots=True)
class PreviewRequest:
    statement_id: int | None
    lang: str
    content: TextContent
    tags: tuple[str, ...]
    lead_media_id: int | None


class _LazyRenderer:
    """Builds the renderer on first use, on the worker thread (loading a theme takes a while)."""

    def __init__(self, factory: Callable[[], Renderer]) -> None:
        self._factory = factory
        self._renderer: Renderer | None = None
        self._lock = threading.Lock()

    def render(self, request: PreviewRequest) -> RenderedPage:
        with self._lock:
            if self._renderer is None:
                self._renderer = self._factory()
            return self._renderer.render(
                request.statement_id,
                request.lang,
                request.content,
                tags=request.tags,
                lead_media_id=request.lead_media_id,
            )

    def close(self) -> None:
        close = getattr(self._renderer, "close", None)
        if close is not None:
            close()


class PreviewPane(QWidget):
    """Shows the rendered page; reports clicks on links to other statements."""

    statementLinkClicked = Signal(str, str)  # lang, slug
    #: A new page is ready (emitted before the web view paints it).
    pageRendered = Signal(object)
    #: A render failed; the message is shown in the pane.
    renderFailed = Signal(str)
    #: The web view finished loading a page (whether it could).
    pageShown = Signal(bool)

    def __init__(
        self,
        runner: TaskRunner,
        renderer_factory: Callable[[], Renderer],
        parent: QWidget | None = None,
        debounce_ms: int = RENDER_DEBOUNCE_MS,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._renderer = _LazyRenderer(renderer_factory)
        self._request: PreviewRequest | None = None
        self._fraction = 0.0
        self.last_page: RenderedPage | None = None
        self.view: QWebEngineView | None = None
        self._mobile = False

        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(colours.style_colour(colours.WARNING))
        self.notice.hide()
        self.width_button = QToolButton(self)
        self.width_button.setCheckable(True)
        self.width_button.setText(_("Mobile width"))
        self.width_button.setToolTip(_("Show the page as on a phone (Ctrl+Shift+M)"))
        self.width_button.toggled.connect(self.set_mobile)
        self.placeholder = QLabel(_("The preview opens in a moment…"), self)
        self.placeholder.setWordWrap(True)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        title = QLabel(_("<b>Preview</b>"), self)
        bar.addWidget(title)
        bar.addStretch(1)
        bar.addWidget(self.width_button)
        self._frame = QHBoxLayout()
        self._frame.setContentsMargins(0, 0, 0, 0)
        self._frame.addWidget(self.placeholder, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.notice)
        layout.addLayout(self._frame, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self.render_now)
        self._slow = QTimer(self)
        self._slow.setSingleShot(True)
        self._slow.setInterval(SLOW_NOTICE_MS)
        self._slow.timeout.connect(
            lambda: self._show_notice(_("The preview is taking longer than usual…"))
        )

    # The web view

    def activate(self) -> None:
        """Start the web engine and show the page (call once the window is on screen)."""
        if self.view is not None:
            return
        from PySide6.QtWebEngineWidgets import QWebEngineView

        from app.ui.preview.web_page import PreviewWebPage

        self.view = QWebEngineView(self)
        self.view.setAccessibleName(_("Preview"))
        page = PreviewWebPage(self.view)
        page.statementLinkClicked.connect(self.statementLinkClicked)
        page.externalLinkClicked.connect(self._offer_browser)
        page.loadFinished.connect(lambda _ok: self._scroll())
        page.loadFinished.connect(self.pageShown)
        self.view.setPage(page)
        self._frame.removeWidget(self.placeholder)
        self.placeholder.hide()
        self._frame.addWidget(self.view, 1)
        self.set_mobile(self._mobile)
        if self.last_page is not None:
            self._load(self.last_page)

    def set_mobile(self, mobile: bool) -> None:
        """Narrow the page to a phone's width, or let it fill the pane."""
        self._mobile = mobile
        if self.width_button.isChecked() != mobile:
            self.width_button.setChecked(mobile)
        if self.view is not None:
            self.view.setMaximumWidth(MOBILE_WIDTH if mobile else 16777215)

    @property
    def mobile(self) -> bool:
        return self._mobile

    # Rendering

    def request(self, request: PreviewRequest, cursor_fraction: float = 0.0) -> None:
        """Render this content once typing pauses."""
        self._request = request
        self._fraction = cursor_fraction
        self._debounce.start()

    def follow_cursor(self, fraction: float) -> None:
        self._fraction = fraction
        self._scroll()

    def render_now(self) -> None:
        self._debounce.stop()
        if self._request is None:
            return
        self._slow.start()
        self._runner.run_latest(
            ("preview", id(self)),
            partial(self._renderer.render, self._request),
            on_done=self._rendered,
            on_error=self._failed,
            serial=True,
        )

    def _rendered(self, page: RenderedPage) -> None:
        self._slow.stop()
        self.notice.hide()
        self.last_page = page
        self.pageRendered.emit(page)
        if self.view is not None:
            self._load(page)

    def _failed(self, error: BaseException) -> None:
        self._slow.stop()
        message = user_message(error, _("rendering the preview"))
        self._show_notice(message)
        self.renderFailed.emit(message)

    def _show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()

    def _load(self, page: RenderedPage) -> None:
        self.view.setHtml(page.html, QUrl.fromLocalFile(str(page.base_url)))

    def _scroll(self) -> None:
        if self.view is None:
            return
        from PySide6.QtWebEngineCore import QWebEngineScript

        script = (
            "window.scrollTo(0, Math.max(0, document.documentElement.scrollHeight"
            f" - window.innerHeight) * {self._fraction:.4f});"
        )
        self.view.page().runJavaScript(script, QWebEngineScript.ScriptWorldId.ApplicationWorld)

    def _offer_browser(self, url: QUrl) -> None:
        answer = QMessageBox.question(
            self,
            _("Open link"),
            _("Links are not followed inside the preview. Open {url} in your web browser?").format(
                url=url.toDisplayString()
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            QDesktopServices.openUrl(url)

    def stop(self) -> None:
        """Render nothing more and remove the renderer's files (the window is closing)."""
        self._debounce.stop()
        self._slow.stop()
        self._request = None
        self._renderer.close()
        if self.view is not None:
            # The page must go before the web engine's profile does, at the latest when the
            # application ends; waiting for Qt to delete it then crashes on exit.
            view, self.view = self.view, None
            shiboken6.delete(view)
