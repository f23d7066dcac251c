"""The glossary's word on the text being drafted: forbidden variants, with the office's term.

The same matcher as the translation desk and the pre-publish checklist, run off the UI thread
a moment after typing pauses; the glossary itself is loaded once and again on `reload()`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from app.core.content import TextContent
from app.core.desk import Desk
from app.core.i18n import _, ngettext
from app.core.translation.glossary import Glossary, Issue
from app.ui import colours
from app.ui.tasks import TaskRunner


def _check(glossary: Glossary, lang: str, content: TextContent) -> list[Issue]:
    text = "\n\n".join((content.title, content.lead, content.body, content.image_caption))
    return glossary.check_draft(lang, text)


class GlossaryNote(QLabel):
    """Hidden while the text uses the glossary's terms; otherwise lists what to change."""

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        drafted: Callable[[], tuple[str, TextContent]],
        parent: QWidget | None = None,
        delay_ms: int = 400,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._runner = runner
        # The language and text being drafted, read when the wait ends (not on each keystroke).
        self._drafted = drafted
        self._glossary: Glossary | None = None
        self._pending = False
        self.setWordWrap(True)
        self.setAccessibleName(_("Glossary warnings"))
        self.setStyleSheet(colours.style_colour(colours.WARNING))
        self.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._run)
        self.reload()

    def reload(self) -> None:
        self._runner.run(self._desk.glossary, on_done=self._loaded, on_error=lambda _e: None)

    def check(self) -> None:
        """Check the text a moment from now (typing restarts the wait)."""
        self._pending = True
        self._timer.start()

    def _loaded(self, glossary: Glossary) -> None:
        self._glossary = glossary
        if self._pending:
            self._run()

    def _run(self) -> None:
        if self._glossary is None or not self._pending or not len(self._glossary):
            self.hide()
            return
        lang, content = self._drafted()
        self._runner.run_latest(
            ("glossary", id(self)), _check, self._glossary, lang, content, on_done=self._show
        )

    def _show(self, issues: list[Issue]) -> None:
        if not issues:
            self.hide()
            return
        lines = [
            _("“{found}”: the glossary has “{term}”").format(found=issue.found, term=issue.expected)
            for issue in issues[:3]
        ]
        if len(issues) > 3:
            more = len(issues) - 3
            lines.append(ngettext("and {count} more", "and {count} more", more).format(count=more))
        self.setText(_("Glossary: ") + "; ".join(lines))
        self.show()
