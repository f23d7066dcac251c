"""The statement editor: one text of a statement (title, lead, body, caption), tags, slug, image.

It owns opening, saving and autosave of what it shows, so the main window only wires it up. All
database work goes through the serial `TaskRunner`; the form keeps the typed text whatever happens
(a failed save leaves it in place and marked unsaved).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.content import TextContent
from app.core.desk import Desk, StatementDetail
from app.core.recovery import Draft, draft_key
from app.core.spelling import SpellChecker
from app.ui.editor.autosave import AutosaveController, DraftSnapshot
from app.ui.editor.language_switcher import LanguageSwitcher
from app.ui.editor.tag_edit import TagEdit
from app.ui.errors import user_message
from app.ui.tasks import TaskRunner
from app.ui.widgets.markdown_editor import MarkdownEditor
from app.ui.widgets.tajik_letters import TajikLetterBar, install_tajik_shortcuts

# The lead image's thumbnail is as tall as this many lines of text.
THUMBNAIL_LINES = 3


@dataclass(frozen=True, slots=True)
class _Baseline:
    """What the form shows as saved; the form is "unsaved" when it differs from this."""

    content: TextContent
    tags: tuple[str, ...]
    slug: str


@dataclass(frozen=True, slots=True)
class _SaveRequest:
    statement_id: int | None
    lang: str
    content: TextContent
    expected_version: int | None
    tags: tuple[str, ...]
    tags_changed: bool
    slug: str | None
    slug_changed: bool
    draft_key: str


def _write(desk: Desk, request: _SaveRequest) -> StatementDetail:
    """One save as the user sees it: the text, then tags and slug, then forget the draft."""
    statement_id = request.statement_id
    if statement_id is None:
        statement_id = desk.create(request.lang, request.content, request.tags)
    else:
        desk.save(statement_id, request.lang, request.content, request.expected_version)
        if request.tags_changed:
            desk.set_tags(statement_id, request.tags)
    if request.slug_changed:
        desk.set_slug(statement_id, request.slug)
    desk.discard_draft(request.draft_key)
    return desk.statement(statement_id)


class StatementEditor(QWidget):
    """Edits one language of one statement (or a new statement)."""

    #: The statement shown changed (its id, or None for a new one) or was reloaded.
    statementLoaded = Signal(object)
    #: A save made a revision: (statement id, whether the statement was created by it).
    statementSaved = Signal(int, bool)
    #: A save failed; the message is for the user (the typed text is kept).
    saveFailed = Signal(str)
    #: "Saved", "Unsaved changes", "Saving…", "Draft kept": for the status bar.
    saveStateChanged = Signal(str)
    #: The language shown changed.
    languageChanged = Signal(str)
    #: Any field changed (for the preview and counts).
    contentEdited = Signal()

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        languages: tuple[str, ...],
        default_lang: str,
        autosave_delay_ms: int = 3000,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._runner = runner
        self.languages = languages
        self.default_lang = default_lang
        self.detail: StatementDetail | None = None
        self.lang = default_lang
        self._new_id = uuid.uuid4().hex
        self._baseline = _Baseline(TextContent(""), (), "")
        self._saving = False
        self._after_save: list[Callable[[], None]] = []
        self._filling = False
        self._last_field: QWidget | None = None
        self.lead_media_id: int | None = None
        self.save_state = ""

        self._build()
        self.autosave = AutosaveController(
            desk, runner, self, self.draft_snapshot, autosave_delay_ms, self
        )
        self.autosave.draftKept.connect(self._draft_kept)
        install_tajik_shortcuts(self, self.insert_letter)
        self._spellcheckers: dict[str, SpellChecker | None] = {}
        self.languageChanged.connect(self._use_spellchecker)
        QApplication.instance().focusChanged.connect(self._remember_field)
        self._fill(None, default_lang, TextContent(""), (), "")

    # Building

    def _build(self) -> None:
        self.switcher = LanguageSwitcher(self.languages, self)
        self.switcher.languageRequested.connect(self.switch_language)

        self.title = QLineEdit(self)
        self.title.setPlaceholderText(self.tr("Title"))
        self.title.setAccessibleName(self.tr("Title"))
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)

        self.lead = QPlainTextEdit(self)
        self.lead.setPlaceholderText(self.tr("Lead: one or two sentences that sum it up"))
        self.lead.setAccessibleName(self.tr("Lead"))
        self.lead.setTabChangesFocus(True)
        self.lead.setFixedHeight(self.lead.fontMetrics().lineSpacing() * 3 + 14)

        self.tags = TagEdit(self)
        self.tags.setAccessibleName(self.tr("Tags"))
        self.slug = QLineEdit(self)
        self.slug.setAccessibleName(self.tr("Slug"))
        self.slug.setPlaceholderText(self.tr("derived from the title"))

        self.image_label = QLabel(self.tr("No lead image"), self)
        self.image_label.setAccessibleName(self.tr("Lead image"))
        self.choose_image = QPushButton(self.tr("Choose image…"), self)
        self.choose_image.clicked.connect(self.pick_lead_image)
        self.remove_image = QPushButton(self.tr("Remove"), self)
        self.remove_image.clicked.connect(lambda: self._set_lead_image(None))
        self.caption = QLineEdit(self)
        self.caption.setPlaceholderText(self.tr("Image caption in this language"))
        self.caption.setAccessibleName(self.tr("Image caption"))

        self.letters = TajikLetterBar(self)
        self.letters.letterChosen.connect(self.insert_letter)
        self.body = MarkdownEditor(self)
        self.body.setAccessibleName(self.tr("Body"))
        self.body.setPlaceholderText(self.tr("Write the statement in Markdown…"))

        # One column of fields under their labels' column: a narrow editor (1024 pixels
        # for the whole window) keeps every field wide, the image row under them.
        image_row = QHBoxLayout()
        image_row.addWidget(self.image_label)
        image_row.addWidget(self.choose_image)
        image_row.addWidget(self.remove_image)
        image_row.addStretch(1)
        details = QGridLayout()
        details.setContentsMargins(0, 0, 0, 0)
        for row, (text, field) in enumerate(
            (
                (self.tr("&Tags"), self.tags),
                (self.tr("S&lug"), self.slug),
                (self.tr("Image"), image_row),
                (self.tr("&Caption"), self.caption),
            )
        ):
            label = QLabel(text, self)
            if isinstance(field, QWidget):
                label.setBuddy(field)
                details.addWidget(field, row, 1)
            else:
                details.addLayout(field, row, 1)
            details.addWidget(label, row, 0)
        details.setColumnStretch(1, 1)

        top = QHBoxLayout()
        top.addWidget(self.switcher)
        top.addStretch(1)
        top.addWidget(self.letters)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.title)
        layout.addWidget(self.lead)
        layout.addLayout(details)
        layout.addWidget(self.body, 1)

        for line in (self.title, self.tags, self.slug, self.caption):
            line.textEdited.connect(self._edited)
        for edit in (self.lead, self.body):
            edit.textChanged.connect(self._edited)

    # What the form holds

    @property
    def statement_id(self) -> int | None:
        return self.detail.id if self.detail is not None else None

    @property
    def draft_key(self) -> str:
        return draft_key(self.statement_id, self.lang, self._new_id)

    def content(self) -> TextContent:
        return TextContent(
            title=self.title.text(),
            lead=self.lead.toPlainText(),
            body=self.body.toPlainText(),
            image_caption=self.caption.text(),
        )

    def is_dirty(self) -> bool:
        return (
            self.content() != self._baseline.content
            or self.tags.tags() != self._baseline.tags
            or self.slug.text().strip() != self._baseline.slug
        )

    def _version(self) -> int | None:
        text = self.detail.texts.get(self.lang) if self.detail else None
        return text.version if text else None

    def draft_snapshot(self) -> DraftSnapshot | None:
        if self.content() == self._baseline.content:
            return None
        return DraftSnapshot(
            self.draft_key, self.statement_id, self.lang, self._version() or 0, self.content()
        )

    def cursor_fraction(self) -> float:
        """Where the caret is in the body, 0.0–1.0 (for keeping the preview near it)."""
        if not self.body.hasFocus() and self._last_field is not self.body:
            return 0.0
        blocks = max(1, self.body.document().blockCount() - 1)
        return min(1.0, self.body.textCursor().blockNumber() / blocks)

    # Loading

    def new_statement(self, lang: str | None = None) -> None:
        """Show an empty form for a statement that does not exist yet."""
        self.detail = None
        self._new_id = uuid.uuid4().hex
        self.lead_media_id = None
        self._fill(None, lang or self.default_lang, TextContent(""), (), "")
        self.title.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_statement(self, statement_id: int, lang: str | None = None) -> None:
        self._runner.run(
            self._desk.statement,
            statement_id,
            on_done=lambda detail: self._show_detail(detail, lang),
            on_error=lambda error: self.saveFailed.emit(
                user_message(error, self.tr("opening the statement"))
            ),
            serial=True,
        )

    def open_draft(self, draft: Draft) -> None:
        """Show a recovered draft over its statement's saved state, unsaved, to be saved."""
        if draft.statement_id is None:
            self.detail = None
            self._new_id = draft.key.removeprefix("new:")
            self.lead_media_id = None
            self._fill(None, draft.lang, TextContent(""), (), "")
            self._put_content(draft.content)
            return

        def show(detail: StatementDetail) -> None:
            self._show_detail(detail, draft.lang)
            self._put_content(draft.content)

        self._runner.run(
            self._desk.statement,
            draft.statement_id,
            on_done=show,
            on_error=lambda error: self.saveFailed.emit(
                user_message(error, self.tr("opening the statement"))
            ),
            serial=True,
        )

    def load_known_tags(self) -> None:
        self._runner.run(self._desk.tag_names, on_done=self.tags.set_known_tags, serial=True)

    def _show_detail(self, detail: StatementDetail, lang: str | None) -> None:
        self.detail = detail
        self.lead_media_id = detail.lead_media_id
        if lang is None:
            lang = self.lang if self.lang in detail.texts else detail.source_lang
        text = detail.texts.get(lang)
        content = text.content if text else TextContent("")
        self._fill(detail.id, lang, content, detail.tags, detail.slug)
        self._load_thumbnail()

    def _fill(
        self,
        statement_id: int | None,
        lang: str,
        content: TextContent,
        tags: tuple[str, ...],
        slug: str,
    ) -> None:
        self._filling = True
        try:
            self.lang = lang
            self._put_fields(content)
            self.tags.set_tags(tags)
            self.slug.setText(slug)
            for line in (self.title, self.tags, self.slug, self.caption):
                line.setCursorPosition(0)  # show the start of a long title, not its end
            self.body.document().clearUndoRedoStacks()
            self.lead.document().clearUndoRedoStacks()
        finally:
            self._filling = False
        self._baseline = _Baseline(content, self.tags.tags(), slug)
        published = self.detail is not None and self.detail.published_at is not None
        self.slug.setReadOnly(published)
        self.slug.setToolTip(
            self.tr("The slug of a published statement is its public address and stays fixed.")
            if published
            else self.tr("Part of the page address; leave empty to follow the title.")
        )
        present = set(self.detail.texts) if self.detail else set()
        self.switcher.set_present(present, self.detail.source_lang if self.detail else lang)
        self.switcher.show_language(lang)
        self.autosave.saved()
        self._show_image_state()
        self._set_state(self.tr("Saved") if statement_id is not None else self.tr("New statement"))
        self.languageChanged.emit(lang)
        self.statementLoaded.emit(statement_id)
        self.contentEdited.emit()

    def _put_fields(self, content: TextContent) -> None:
        self.title.setText(content.title)
        self.lead.setPlainText(content.lead)
        self.body.setPlainText(content.body)
        self.caption.setText(content.image_caption)

    def _put_content(self, content: TextContent) -> None:
        """Replace the fields as an edit (undoable in the body, marked unsaved)."""
        self.title.setText(content.title)
        self.lead.setPlainText(content.lead)
        self.caption.setText(content.image_caption)
        cursor = self.body.textCursor()
        cursor.select(cursor.SelectionType.Document)
        cursor.insertText(content.body)
        self._edited()

    def _use_spellchecker(self, lang: str) -> None:
        """Underline misspellings in `lang` where a dictionary exists (loaded off the UI thread)."""
        if lang in self._spellcheckers:
            self.body.spellchecker = self._spellcheckers[lang]
            return

        def loaded(checker: SpellChecker | None) -> None:
            self._spellcheckers[lang] = checker
            if self.lang == lang:
                self.body.spellchecker = checker

        self._runner.run(
            SpellChecker.for_language, lang, on_done=loaded, on_error=lambda _e: None, serial=False
        )

    # Editing

    def _edited(self) -> None:
        if self._filling:
            return
        self._set_state(self.tr("Unsaved changes") if self.is_dirty() else self.tr("Saved"))
        self.autosave.edited()
        self.contentEdited.emit()

    def _set_state(self, text: str) -> None:
        self.save_state = text
        self.saveStateChanged.emit(text)

    def _draft_kept(self) -> None:
        if self.save_state != self.tr("Not saved"):
            self._set_state(self.tr("Draft kept"))

    def _remember_field(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new in (self.title, self.lead, self.tags, self.slug, self.caption, self.body):
            self._last_field = new

    def insert_letter(self, letter: str) -> None:
        """Type `letter` into the field that has (or last had) the caret; the body by default."""
        field = self._last_field or self.body
        if isinstance(field, QLineEdit):
            if not field.isReadOnly():
                field.insert(letter)
                self._edited()
        elif isinstance(field, MarkdownEditor):
            field.insert_text_at_cursor(letter)
        elif isinstance(field, QPlainTextEdit):
            field.insertPlainText(letter)
        field.setFocus(Qt.FocusReason.OtherFocusReason)

    def focused_text_widget(self) -> QLineEdit | QPlainTextEdit:
        """The field Undo and Redo act on."""
        focus = QApplication.focusWidget()
        if isinstance(focus, QLineEdit | QPlainTextEdit) and self.isAncestorOf(focus):
            return focus
        return self._last_field if self._last_field is not None else self.body

    # Saving

    def save(self, then: Callable[[], None] | None = None) -> None:
        """Make a revision of what is typed (if anything changed), then call `then`.

        `then` is not called when the save fails: the caller stays on this text.
        """
        if then is not None:
            self._after_save.append(then)
        if self._saving:
            return
        if not self.is_dirty():
            self._run_after_save()
            return
        baseline = self._baseline
        content = self.content()
        tags = self.tags.tags()
        slug = self.slug.text().strip()
        request = _SaveRequest(
            statement_id=self.statement_id,
            lang=self.lang,
            content=content,
            expected_version=self._version(),
            tags=tags,
            tags_changed=tags != baseline.tags,
            slug=slug or None,
            slug_changed=slug != baseline.slug,
            draft_key=self.draft_key,
        )
        self._saving = True
        self._baseline = _Baseline(content, tags, slug)
        self._set_state(self.tr("Saving…"))
        self._runner.run(
            _write,
            self._desk,
            request,
            on_done=lambda detail: self._saved(request, detail),
            on_error=lambda error: self._save_failed(baseline, error),
            serial=True,
        )

    def _saved(self, request: _SaveRequest, detail: StatementDetail) -> None:
        self._saving = False
        created = request.statement_id is None
        self.detail = detail
        self.autosave.saved()
        if self.slug.text().strip() == (request.slug or ""):
            # Only a slug the user did not touch meanwhile follows the one the core chose.
            self._filling = True
            self.slug.setText(detail.slug)
            self._filling = False
            self._baseline = replace(self._baseline, slug=detail.slug)
        self.switcher.set_present(set(detail.texts), detail.source_lang)
        self._set_state(self.tr("Unsaved changes") if self.is_dirty() else self.tr("Saved"))
        self.statementSaved.emit(detail.id, created)
        if created:
            self.statementLoaded.emit(detail.id)
        self._run_after_save()

    def _save_failed(self, baseline: _Baseline, error: BaseException) -> None:
        self._saving = False
        self._after_save.clear()
        self._baseline = baseline
        self._set_state(self.tr("Not saved"))
        # Whatever went wrong, the typing is at least in the recovery store.
        self.autosave.flush()
        self.saveFailed.emit(user_message(error, self.tr("saving the statement")))

    def _run_after_save(self) -> None:
        callbacks, self._after_save = self._after_save, []
        for callback in callbacks:
            callback()

    def switch_language(self, lang: str) -> None:
        """Save this language (if changed), then show `lang` (empty if it has no text yet)."""
        if lang == self.lang:
            return
        if self.detail is None:
            # A statement not saved yet: the language being typed in is its source language.
            self.lang = lang
            self.switcher.show_language(lang)
            self.languageChanged.emit(lang)
            self.contentEdited.emit()
            return
        self.save(then=lambda: self._show_detail(self.detail, lang))

    # Lead image

    def pick_lead_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the lead image"),
            "",
            self.tr("Images (*.jpg *.jpeg *.png *.webp *.gif)"),
        )
        if path:
            self.save(then=lambda: self._set_lead_image(Path(path)))

    def _set_lead_image(self, path: Path | None) -> None:
        statement_id = self.statement_id
        if statement_id is None:
            self.saveFailed.emit(
                self.tr("Save the statement (it needs a title) before adding an image.")
            )
            return

        def done(media_id: int | None) -> None:
            self.lead_media_id = media_id
            self._show_image_state()
            self._load_thumbnail()
            self.contentEdited.emit()

        self._runner.run(
            self._desk.set_lead_image,
            statement_id,
            path,
            on_done=done,
            on_error=lambda error: self.saveFailed.emit(
                user_message(error, self.tr("setting the lead image"))
            ),
            serial=True,
        )

    def _show_image_state(self) -> None:
        self.remove_image.setEnabled(self.lead_media_id is not None)
        self.caption.setEnabled(True)
        if self.lead_media_id is None:
            self.image_label.setPixmap(QPixmap())
            self.image_label.setText(self.tr("No lead image"))

    def _load_thumbnail(self) -> None:
        media_id = self.lead_media_id
        if media_id is None:
            return

        def show(data: bytes) -> None:
            if media_id != self.lead_media_id:
                return
            pixmap = QPixmap()
            if pixmap.loadFromData(data):
                height = self.fontMetrics().lineSpacing() * THUMBNAIL_LINES
                self.image_label.setPixmap(
                    pixmap.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation)
                )
            else:
                self.image_label.setText(self.tr("Image cannot be shown"))

        self._runner.run(self._desk.image_bytes, media_id, on_done=show, serial=True)
