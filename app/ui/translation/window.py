"""The translation desk: source and target side by side, segment by segment, with the memory's
suggestions, the glossary, the source's changes since the translation's base, and the preview.

The target is edited whole, as Markdown; its alignment with the source is recomputed by the
core as the translator types. Keyboard: Alt+Down / Alt+Up go to the next / previous segment
that needs work, Ctrl+Return confirms the current segment and goes on, Alt+1 … Alt+5
insert a memory suggestion, Ctrl+S saves, Ctrl+Shift+Return marks the translation done
(or updated). Confirming the last segment that needed work marks it done by itself.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QColor, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.content import TextContent
from app.core.desk import Desk, StatementDetail
from app.core.i18n import _, ngettext, number
from app.core.recovery import draft_key
from app.core.saving import StatementSave
from app.core.translation.addresses import TagLabel
from app.core.translation.align import Change, Row, State, progress, rows_for
from app.core.translation.glossary import Glossary
from app.core.translation.memory import Match
from app.core.translation.segments import Kind, Segment, written
from app.core.translation.work import Completed, TranslationView
from app.ui import colours
from app.ui.errors import user_message
from app.ui.preview.pane import PreviewPane, PreviewRequest, Renderer
from app.ui.tasks import TaskRunner
from app.ui.translation.panels import ChangesView, GlossaryView, SuggestionsView
from app.ui.translation.sides import TextSide
from app.ui.translation.tag_names import TagNamesBar

# Marks behind segments, as hues: colours.tint makes each readable on the palette in use.
CURRENT, UNTRANSLATED, CHANGED, REMOVED = (
    colours.INFO,
    colours.WARNING + 18,
    colours.WARNING,
    colours.ERROR,
)
RECOMPUTE_MS = 120
DRAFT_MS = 3000
MAX_SUGGESTIONS = 5


def _identity(row: Row) -> str:
    if row.source is not None:
        return f"{row.source.field}:{row.source.key}"
    return f"removed:{row.target.key if row.target else ''}"


class TranslationWindow(QMainWindow):
    """One translation of one statement, open for work."""

    #: A revision of the translation was saved (statement id, language).
    translationSaved = Signal(int, str)
    #: The memory suggestions for the current segment are shown.
    suggestionsShown = Signal()
    #: A message for the person (also in the status bar).
    problemShown = Signal(str)

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        view: TranslationView,
        detail: StatementDetail,
        renderer_factory: Callable[[], Renderer],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk, self.runner = desk, runner
        self.view = view
        self.detail = detail
        self.glossary = Glossary([])
        self.rows: list[Row] = []
        self.current: int | None = None
        self.confirmed: set[str] = set()
        self._looked_up: Segment | None = None
        self._tag_names = detail.tags
        self._saved_content = view.target or TextContent("")
        self._version = view.target_version
        self._busy = False
        self._close_after_save = False
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(
            _("Translation {source} → {target}: {title}").format(
                source=view.source_lang.upper(), target=view.lang.upper(), title=view.source.title
            )
        )
        self._build(renderer_factory)
        self._create_actions()
        self.source.set_content(view.source)
        self.target.set_content(self._saved_content)
        self._recompute_timer = QTimer(self)
        self._recompute_timer.setSingleShot(True)
        self._recompute_timer.setInterval(RECOMPUTE_MS)
        self._recompute_timer.timeout.connect(self.recompute)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_MS)
        self._draft_timer.timeout.connect(self._keep_draft)
        self.target.edited.connect(self._edited)
        self.target.caretMoved.connect(self._caret_moved)
        self.source.caretMoved.connect(self._source_caret_moved)
        self.changes.rowChosen.connect(lambda index: self.go_to(index))
        self.recompute()
        self.runner.run(self.desk.glossary, on_done=self._glossary_loaded, serial=True)
        self._load_tags()
        self.resize(1560, 940)

    # Building

    def _build(self, renderer_factory: Callable[[], Renderer]) -> None:
        languages = f"{self.view.source_lang.upper()} → {self.view.lang.upper()}"
        self.status = QLabel(self)
        self.status.setObjectName("translation-progress")
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(
            f"QLabel {{ background: {colours.tint(colours.WARNING).name()}; padding: 4px; }}"
        )
        self.notice.hide()
        self.glossary_state = QLabel(self)
        self.done_button = QPushButton(self)
        self.done_button.clicked.connect(self.mark_done)
        self.save_button = QPushButton(_("Save"), self)
        self.save_button.clicked.connect(lambda: self.save())
        self.next_button = QPushButton(_("Next to do (Alt+↓)"), self)
        self.next_button.clicked.connect(lambda: self.step(1))

        header = QHBoxLayout()
        header.addWidget(QLabel(f"<b>{languages}</b>", self))
        header.addWidget(self.status, 1)
        header.addWidget(self.glossary_state)
        header.addWidget(self.next_button)
        header.addWidget(self.save_button)
        header.addWidget(self.done_button)

        self.source = TextSide(
            _("Source ({lang}, revision {number})").format(
                lang=self.view.source_lang.upper(), number=self.view.source_revision_number
            ),
            read_only=True,
            parent=self,
        )
        self.target = TextSide(
            _("Translation ({lang})").format(lang=self.view.lang.upper()),
            read_only=False,
            parent=self,
        )
        self.suggestions = SuggestionsView(self)
        self.terms = GlossaryView(self)
        self.changes = ChangesView(self)
        right = QSplitter(Qt.Orientation.Vertical, self)
        for title, panel in (
            (_("Translation memory"), self.suggestions),
            (_("Glossary"), self.terms),
            (_("Source changes since the translation's base"), self.changes),
        ):
            box = QWidget(self)
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            label = QLabel(f"<b>{title}</b>", box)
            box_layout.addWidget(label)
            box_layout.addWidget(panel, 1)
            right.addWidget(box)
        self.changes_box = right.widget(2)
        self.preview = PreviewPane(self.runner, renderer_factory, self)
        right.addWidget(self.preview)
        right.setSizes([260, 160, 200, 380])
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        for widget in (self.source, self.target, right):
            self.splitter.addWidget(widget)
        self.splitter.setSizes([520, 520, 520])

        self.tags = TagNamesBar(self)
        self.tags.hide()
        self.tags.nameEdited.connect(self._name_tag)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(header)
        layout.addWidget(self.notice)
        layout.addWidget(self.tags)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

    def _action(self, text: str, keys: list[str], slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _create_actions(self) -> None:
        self.next_action = self._action(
            _("&Next segment to do"), ["Alt+Down"], lambda: self.step(1)
        )
        self.previous_action = self._action(
            _("&Previous segment to do"), ["Alt+Up"], lambda: self.step(-1)
        )
        self.confirm_action = self._action(
            _("&Confirm segment"), ["Ctrl+Return", "Ctrl+Enter"], self.confirm
        )
        self.save_action = self._action(_("&Save"), ["Ctrl+S"], lambda: self.save())
        self.done_action = self._action(
            _("&Mark as done"), ["Ctrl+Shift+Return", "Ctrl+Shift+Enter"], self.mark_done
        )
        self.preview_action = self._action(_("&Preview"), ["F9"], self.toggle_preview)
        self.close_action = self._action(_("&Close"), ["Ctrl+W"], self.close)
        self.insert_actions = [
            self._action(
                _("Insert suggestion {n}").format(n=n),
                [f"Alt+{n}"],
                lambda n=n: self.insert_suggestion(n - 1),
            )
            for n in range(1, MAX_SUGGESTIONS + 1)
        ]
        self.import_memory_action = self._action(_("&Import TMX…"), [], self.import_memory)
        self.export_memory_action = self._action(_("&Export TMX…"), [], self.export_memory)
        bar = self.menuBar()
        work = bar.addMenu(_("&Translation"))
        work.addActions(
            [
                self.next_action,
                self.previous_action,
                self.confirm_action,
                self.save_action,
                self.done_action,
            ]
        )
        work.addSeparator()
        work.addAction(self.close_action)
        memory_menu = bar.addMenu(_("&Memory"))
        memory_menu.addActions(self.insert_actions)
        memory_menu.addSeparator()
        memory_menu.addActions([self.import_memory_action, self.export_memory_action])
        view_menu = bar.addMenu(_("&View"))
        view_menu.addAction(self.preview_action)

    # State

    def is_dirty(self) -> bool:
        return self.target.content() != self._saved_content

    def pending(self) -> set[int]:
        """Rows that still need work: untranslated, or changed in the source and not yet
        confirmed."""
        return {
            index
            for index, row in enumerate(self.rows)
            if row.state is State.UNTRANSLATED
            or (row.change is not Change.NONE and _identity(row) not in self.confirmed)
        }

    def recompute(self) -> None:
        """Aligns the target as it is now and shows progress, highlights and panels."""
        self._recompute_timer.stop()
        self.rows = rows_for(self.view.source, self.target.content(), self.view.base)
        self._find_current()
        self._follow_current()
        self._show_state()
        self._highlight()
        self.changes.show_rows(self.rows, self.pending())
        self._show_terms()
        self.preview.request(
            PreviewRequest(
                self.view.statement_id,
                self.view.lang,
                self.target.content(),
                self._tag_names,
                self.detail.lead_media_id,
            )
        )

    def _show_state(self) -> None:
        counts = progress(self.rows)
        pending_changes = sum(
            1 for index in self.pending() if self.rows[index].change is not Change.NONE
        )
        text = ngettext(
            "{done} of {total} segment translated",
            "{done} of {total} segments translated",
            counts.total,
        ).format(done=counts.done, total=counts.total)
        if pending_changes:
            text += _(" · source changes to go: {n}").format(n=pending_changes)
        if self.is_dirty():
            text += _(" · unsaved")
        self.status.setText(text)
        if self.view.needs_update:
            self.notice.setText(
                _(
                    "Needs update: the {lang} text changed since this translation was made from "
                    "its revision {base} (now {now}). The changed segments are marked; confirm "
                    "each (Ctrl+Return) or mark the translation as updated."
                ).format(
                    lang=self.view.source_lang.upper(),
                    base=self.view.base_revision_number,
                    now=self.view.source_revision_number,
                )
            )
            self.notice.show()
            self.changes_box.show()
            self.done_button.setText(_("Mark as updated"))
            self.done_action.setText(_("&Mark as updated"))
        else:
            self.notice.hide()
            self.changes_box.hide()
            self.done_button.setText(_("Mark as done"))
            self.done_action.setText(_("&Mark as done"))

    def _highlight(self) -> None:
        source_marks: list[tuple[Segment, QColor]] = []
        target_marks: list[tuple[Segment, QColor]] = []
        pending = self.pending()
        for index, row in enumerate(self.rows):
            if row.change is not Change.NONE and index in pending:
                colour = colours.tint(REMOVED if row.change is Change.REMOVED else CHANGED)
                if row.source is not None:
                    source_marks.append((row.source, colour))
                if row.target is not None:
                    target_marks.append((row.target, colour))
            elif row.state is State.UNTRANSLATED and row.target is not None:
                target_marks.append((row.target, colours.tint(UNTRANSLATED)))
        if self.current is not None:
            row = self.rows[self.current]
            if row.source is not None:
                source_marks.append((row.source, colours.tint(CURRENT)))
            if row.target is not None:
                target_marks.append((row.target, colours.tint(CURRENT)))
        self.source.highlight(source_marks)
        self.target.highlight(target_marks)

    # The current segment

    def _row_at(self, side: str, field: str, index: int) -> int | None:
        best = None
        for row_number, row in enumerate(self.rows):
            segment = row.target if side == "target" else row.source
            if segment is None or segment.field != field:
                continue
            if segment.start <= index <= segment.end:
                return row_number
            if segment.start <= index:
                best = row_number
        return best

    def _find_current(self) -> None:
        caret = self.target.caret()
        if caret is not None:
            self.current = self._row_at("target", *caret)
        elif self.current is not None and self.current >= len(self.rows):
            self.current = None

    def _caret_moved(self) -> None:
        caret = self.target.caret()
        if caret is None or self._recompute_timer.isActive():
            return
        found = self._row_at("target", *caret)
        if found != self.current:
            self._set_current(found, reveal_source=True)

    def _source_caret_moved(self) -> None:
        caret = self.source.caret()
        if caret is None:
            return
        found = self._row_at("source", *caret)
        if found is not None and found != self.current:
            self.go_to(found)

    def _set_current(self, index: int | None, *, reveal_source: bool) -> None:
        self.current = index
        self._highlight()
        self._show_terms()
        row = self.rows[index] if index is not None else None
        if row is not None and row.source is not None and reveal_source and not self.source.caret():
            self.source.reveal(row.source, focus=False)
        self._follow_current()

    def _follow_current(self) -> None:
        """Asks the memory about the current source segment, once per segment."""
        row = self.rows[self.current] if self.current is not None else None
        source = row.source if row is not None else None
        if source != self._looked_up:
            self._looked_up = source
            if source is None:
                self.suggestions.show_matches([])
            else:
                self._lookup(source)

    def _lookup(self, segment: Segment) -> None:
        if not segment.translatable:
            self.suggestions.show_matches([])
            return

        def shown(matches: list[Match]) -> None:
            self.suggestions.show_matches(matches)
            self.suggestionsShown.emit()

        self.runner.run_latest(
            ("translation-memory", id(self)),
            self.desk.memory_matches,
            self.view.source_lang,
            self.view.lang,
            segment.text,
            on_done=shown,
            on_error=lambda error: self.suggestions.show_empty(
                user_message(error, _("looking up the translation memory"))
            ),
            serial=True,
        )

    def _show_terms(self) -> None:
        warnings = 0
        for row in self.rows:
            if row.source is not None and row.target is not None and row.state is State.TRANSLATED:
                warnings += len(
                    self.glossary.check(
                        self.view.source_lang, row.source.text, self.view.lang, row.target.text
                    ).issues
                )
        self.glossary_state.setText(
            _("Glossary warnings: {n}").format(n=warnings) if warnings else ""
        )
        self.glossary_state.setStyleSheet(
            colours.style_colour(colours.WARNING) + " font-weight: bold;"
        )
        if self.current is None or self.rows[self.current].source is None:
            self.terms.show_empty()
            return
        row = self.rows[self.current]
        self.terms.show_terms(
            self.glossary.check(
                self.view.source_lang,
                row.source.text,
                self.view.lang,
                row.target.text if row.target else "",
            ),
            row.source.text,
        )

    def _load_tags(self) -> None:
        view = self.view

        def load() -> tuple[list[TagLabel], list[TagLabel]]:
            return (
                self.desk.tag_labels(view.statement_id, view.source_lang),
                self.desk.tag_labels(view.statement_id, view.lang),
            )

        def loaded(labels: tuple[list[TagLabel], list[TagLabel]]) -> None:
            self.tags.set_labels(*labels)
            self._tag_names = tuple(label.name for label in labels[1])
            self.recompute()

        self.runner.run(load, on_done=loaded, serial=True)

    def _name_tag(self, tag_id: int, name: str) -> None:
        self.runner.run(
            self.desk.set_tag_name,
            tag_id,
            self.view.lang,
            name,
            on_done=lambda _label: (
                self._load_tags(),
                self.translationSaved.emit(self.view.statement_id, self.view.lang),
            ),
            on_error=self._failed,
            serial=True,
        )

    def _glossary_loaded(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._show_terms()

    # Moving and editing

    def step(self, direction: int) -> None:
        """To the next (1) or previous (-1) segment that needs work."""
        self.recompute()
        pending = sorted(self.pending())
        if not pending:
            self.statusBar().showMessage(_("Every segment is translated."), 5000)
            return
        here = self.current if self.current is not None else -1
        if direction > 0:
            following = [i for i in pending if i > here]
            index = following[0] if following else pending[0]
        else:
            preceding = [i for i in pending if i < here]
            index = preceding[-1] if preceding else pending[-1]
        self.go_to(index)

    def go_to(self, index: int) -> None:
        """Puts the caret in a row's target segment, making a place for it if it has none."""
        row = self.rows[index]
        if row.target is None and row.source is not None:
            self._make_place(index)
            row = self.rows[self.current] if self.current is not None else row
        if row.source is not None:
            self.source.reveal(row.source, focus=False)
        if row.target is not None:
            self.target.reveal(row.target, focus=True)
        self._set_current(self._row_of(row), reveal_source=False)

    def _row_of(self, row: Row) -> int | None:
        for index, candidate in enumerate(self.rows):
            if candidate == row:
                return index
        return None

    def _make_place(self, index: int) -> None:
        """Adds a target segment for a source segment that has none yet, holding the source's
        words (selected, so that typing replaces them)."""
        source = self.rows[index].source
        if source.field != "body":
            self.target.replace_range(source.field, 0, len(self.target.value(source.field)), "")
            self.target.replace_range(source.field, 0, 0, source.text)
        else:
            body = self.target.value("body")
            ends = [
                row.target
                for row in self.rows[:index]
                if row.target is not None and row.target.field == "body"
            ]
            marker = source.marker if source.kind in (Kind.HEADING, Kind.ITEM, Kind.QUOTE) else ""
            words = marker + written(source, source.text)
            if not ends:
                position, insertion = 0, words + ("\n\n" if body.strip() else "\n")
            else:
                previous = max(ends, key=lambda segment: segment.end)
                line_end = body.find("\n", previous.end)
                position = len(body) if line_end < 0 else line_end
                same_list = previous.kind is Kind.ITEM and source.kind is Kind.ITEM
                insertion = ("\n" if same_list else "\n\n") + words
            self.target.replace_range("body", position, position, insertion)
        self.recompute()
        for index, row in enumerate(self.rows):
            if row.source == source:
                self.current = index
                return

    def insert_suggestion(self, number: int) -> None:
        """Puts memory suggestion ``number`` (from 0) in place of the current target segment."""
        matches = self.suggestions.matches
        if self.current is None or number >= len(matches):
            return
        if self.rows[self.current].target is None:
            self.go_to(self.current)
        row = self.rows[self.current]
        if row.target is None:
            return
        self.target.replace_range(
            row.target.field,
            row.target.start,
            row.target.end,
            written(row.target, matches[number].target),
        )
        self.recompute()

    def confirm(self) -> None:
        """The current segment is done: remember it, and go on (or finish when it was the
        last one that needed work)."""
        self.recompute()
        if self.current is None:
            self.step(1)
            return
        self.confirmed.add(_identity(self.rows[self.current]))
        self.recompute()
        if not self.pending():
            self.mark_done()
            return
        self.step(1)

    def _edited(self) -> None:
        self._recompute_timer.start()
        self._draft_timer.start()
        self._show_state()

    # Saving

    def _keep_draft(self) -> None:
        if not self.is_dirty():
            return
        self.runner.run(
            lambda: self.desk.keep_draft(
                draft_key(self.view.statement_id, self.view.lang),
                statement_id=self.view.statement_id,
                lang=self.view.lang,
                base_version=self._version or 0,
                content=self.target.content(),
            ),
            on_error=lambda _error: None,
            serial=True,
        )

    def save(self, then: Callable[[], None] | None = None) -> None:
        """Saves what is typed as a revision (the base stays where it is)."""
        if self._busy:
            return
        if not self.is_dirty():
            if then is not None:
                then()
            return
        content = self.target.content()
        self._busy = True

        def write() -> int:
            request = StatementSave(
                self.view.statement_id,
                self.view.lang,
                content=content,
                text_version=self._version,
                draft_key=draft_key(self.view.statement_id, self.view.lang),
            )
            return self.desk.save_statement(request).text_version

        def saved(version: int) -> None:
            self._busy = False
            self._version = version
            self._saved_content = content
            self._show_state()
            self.statusBar().showMessage(_("Saved."), 4000)
            self.translationSaved.emit(self.view.statement_id, self.view.lang)
            if then is not None:
                then()

        self.runner.run(write, on_done=saved, on_error=self._failed, serial=True)

    def mark_done(self) -> None:
        """Saves the translation as covering the source as it is now and feeds the memory."""
        if self._busy:
            return
        content = self.target.content()
        self._busy = True
        view = self.view

        def write() -> tuple[Completed, TranslationView]:
            completed = self.desk.complete_translation(
                view.statement_id,
                view.lang,
                content,
                self._version,
                draft_key(view.statement_id, view.lang),
            )
            return completed, self.desk.translation(view.statement_id, view.lang)

        def done(result: tuple[Completed, TranslationView]) -> None:
            completed, fresh = result
            self._busy = False
            self.view = fresh
            self._version = fresh.target_version
            self._saved_content = content
            self.confirmed.clear()
            self.recompute()
            self.statusBar().showMessage(
                _("The translation covers the source's revision {number}.").format(
                    number=fresh.source_revision_number
                )
                + " "
                + ngettext(
                    "{pairs} segment pair added to the memory.",
                    "{pairs} segment pairs added to the memory.",
                    completed.pairs_added,
                ).format(pairs=number(completed.pairs_added)),
                8000,
            )
            self.translationSaved.emit(view.statement_id, view.lang)

        self.runner.run(write, on_done=done, on_error=self._failed, serial=True)

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self._close_after_save = False
        message = user_message(error, _("saving the translation"))
        self.statusBar().showMessage(message, 10000)
        box = QMessageBox(QMessageBox.Icon.Warning, self.windowTitle(), message, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.problemShown.emit(message)

    # Memory files

    def import_memory(self) -> None:
        from app.ui.translation.import_dialog import ImportMemoryDialog

        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import a translation memory"), "", _("TMX files (*.tmx)")
        )
        if path:
            dialog = ImportMemoryDialog(self.desk, self.runner, Path(path), self)
            dialog.open()

    def export_memory(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export the translation memory"), "memory.tmx", _("TMX (*.tmx)")
        )
        if not path:
            return
        pair = (self.view.source_lang, self.view.lang)
        self.runner.run(
            self.desk.export_memory,
            Path(path),
            pair,
            on_done=lambda count: self.statusBar().showMessage(
                ngettext("{count} unit written.", "{count} units written.", count).format(
                    count=number(count)
                ),
                6000,
            ),
            on_error=self._failed,
            serial=True,
        )

    # Window

    def toggle_preview(self) -> None:
        self.preview.setVisible(not self.preview.isVisible())
        if self.preview.isVisible():
            self.preview.activate()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.preview.isVisible():
            QTimer.singleShot(0, self.preview.activate)
        QTimer.singleShot(0, lambda: self.step(1) if self.current is None else None)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_dirty() and not self._close_after_save:
            event.ignore()
            self._close_after_save = True
            self.save(then=self.close)
            return
        self.preview.stop()
        super().closeEvent(event)
