"""The preview's web page: no navigation away from the rendered page, link clicks reported instead.

A link to another statement's page (``<lang>/<yyyy>/<mm>/<slug>.html``, as the export writes it)
becomes `statementLinkClicked`; a web or mail link becomes `externalLinkClicked`. Scripts from
texts never run: JavaScript is off for page content (the pane's own scroll calls run in the
application's separate script world).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineSettings

_STATEMENT_PAGE = re.compile(
    r"/(?P<lang>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)/\d{4}/\d{2}/(?P<slug>[^/]+)\.html$"
)
_EXTERNAL_SCHEMES = {"http", "https", "mailto"}


def statement_link(url: QUrl) -> tuple[str, str] | None:
    """(lang, slug) when `url` is a local statement page of the exported site."""
    if not url.isLocalFile():
        return None
    match = _STATEMENT_PAGE.search(url.toLocalFile())
    return (match["lang"], match["slug"]) if match else None


def _without_fragment(url: QUrl) -> str:
    return url.toString().split("#", 1)[0]


class PreviewWebPage(QWebEnginePage):
    statementLinkClicked = Signal(str, str)  # lang, slug
    externalLinkClicked = Signal(QUrl)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        settings = self.settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.JavascriptEnabled, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.PluginsEnabled, False)
        settings.setAttribute(
            QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False
        )
        settings.setAttribute(QWebEngineSettings.WebAttribute.JavascriptCanOpenWindows, False)

    def acceptNavigationRequest(
        self, url: QUrl | str, nav_type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        url = QUrl(url)
        if nav_type != QWebEnginePage.NavigationType.NavigationTypeLinkClicked:
            # The pane's own setHtml loads (and frames of the page itself).
            return True
        if url.hasFragment() and _without_fragment(url) == _without_fragment(self.url()):
            return True  # a jump within the page (footnotes, the table of contents)
        link = statement_link(url)
        if link is not None:
            self.statementLinkClicked.emit(*link)
        elif url.scheme() in _EXTERNAL_SCHEMES:
            self.externalLinkClicked.emit(url)
        return False
