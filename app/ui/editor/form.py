"""The statement editor: one text of a statement (title, lead, body, caption), tags, slug, image.

It owns opening, saving and autosave of what it shows, so the main window only wires it up. All
database work goes through the serial `TaskRunner`; the form keeps the typed text whatever happens
(a failed save leaves it in place and marked unsaved). A save is one core operation
(`Desk.save_statement`) built from what the person changed, against the versions they opened;
when someone else saved first, the conflict dialog shows both versions and the person chooses.
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

from app.core.approvals import LangState
from app.core.conflicts import StatementConflict, TextConflict
from app.core.content import TextContent
from app.core.desk import Desk, StatementDetail
from app.core.i18n import _, moment
from app.core.models import Status
from app.core.permissions import Action
from app.core.recovery import Draft, draft_key
from app.core.saving import NewValue, SaveOutcome, StatementSave
from app.core.spelling import SpellChecker
from app.ui.editor.autosave import AutosaveController, DraftSnapshot
from app.ui.editor.conflict_dialog import Choice, ConflictDialog, TheirVersionWindow
from app.ui.editor.glossary_note import GlossaryNote
from app.ui.editor.language_switcher import LanguageSwitcher
from app.ui.editor.presence_bar import PresenceBar
from app.ui.editor.tag_edit import TagEdit
from app.ui.errors import user_message
from app.ui.settings import UiPreferences
from app.ui.statements.model import lang_state_label, status_label
from app.ui.tasks import TaskRunner
from app.ui.widgets.markdown_editor import MarkdownEditor
from app.ui.widgets.plain_text import exact_text
from app.ui.widgets.tajik_letters import TajikLetterBar, install_tajik_shortcuts

# The lead image's thumbnail is as tall as this many lines of text.
THUMBNAIL_LINES = 3


@dataclass(frozen=True, slots=True)
class _Baseline:
    """What the form shows as saved; the form is "unsaved" when it differs from this."""

    content: TextContent
    tags: tuple[str, ...]
    slug: str


def _write(desk: Desk, request: StatementSave) -> tuple[SaveOutcome, StatementDetail]:
    """One save as the user sees it, then the statement as it now stands."""
    outcome = desk.save_statement(request)
    return outcome, desk.statement(outcome.statement_id)


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
    #: A save voided the approval of these languages (a list of codes).
    approvalsVoided = Signal(list)
    #: The dialog for a save that met someone else's is open (the dialog is passed).
    conflictShown = Signal(object)
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
        timezone: str = "UTC",
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._runner = runner
        self.languages = languages
        self.default_lang = default_lang
        self.timezone = timezone
        # The versions this person opened (or chose to build on after a conflict).
        self._text_version = 0
        self._meta_version = 0
        self._their_version: TheirVersionWindow | None = None
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
        # Spell checking on, a dictionary per language, a folder of more dictionaries.
        self._spelling: tuple[bool, dict[str, str], Path | None] = (True, {}, None)
        self.languageChanged.connect(self._use_spellchecker)
        QApplication.instance().focusChanged.connect(self._remember_field)
        self._fill(None, default_lang, TextContent(""), (), "")

    # Building

    def _build(self) -> None:
        self.switcher = LanguageSwitcher(self.languages, self)
        self.switcher.languageRequested.connect(self.switch_language)
        self.presence = PresenceBar(self._desk, self._runner, self.timezone, self)
        self.presence.holdingChanged.connect(lambda _holding: self._apply_editability())
        self.state_line = QLabel(self)
        self.state_line.setObjectName("statement-state")
        self.state_line.setAccessibleName(_("Workflow state"))
        self.state_line.setWordWrap(True)
        self.glossary_note = GlossaryNote(
            self._desk, self._runner, lambda: (self.lang, self.content()), self
        )
        self.read_only_note = QLabel(self)
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setStyleSheet("color: palette(mid);")
        self.read_only_note.hide()

        self.title = QLineEdit(self)
        self.title.setPlaceholderText(_("Title"))
        self.title.setAccessibleName(_("Title"))
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)

        self.lead = QPlainTextEdit(self)
        self.lead.setPlaceholderText(_("Lead: one or two sentences that sum it up"))
        self.lead.setAccessibleName(_("Lead"))
        self.lead.setTabChangesFocus(True)
        self.lead.setFixedHeight(self.lead.fontMetrics().lineSpacing() * 3 + 14)

        self.tags = TagEdit(self)
        self.tags.setAccessibleName(_("Tags"))
        self.slug = QLineEdit(self)
        self.slug.setAccessibleName(_("Slug"))
        self.slug.setPlaceholderText(_("derived from the title"))

        self.image_label = QLabel(_("No lead image"), self)
        self.image_label.setAccessibleName(_("Lead image"))
        self.choose_image = QPushButton(_("Choose image…"), self)
        self.choose_image.clicked.connect(self.pick_lead_image)
        self.remove_image = QPushButton(_("Remove"), self)
        self.remove_image.clicked.connect(lambda: self._set_lead_image(None))
        self.caption = QLineEdit(self)
        self.caption.setPlaceholderText(_("Image caption in this language"))
        self.caption.setAccessibleName(_("Image caption"))

        self.letters = TajikLetterBar(self)
        self.letters.letterChosen.connect(self.insert_letter)
        self.body = MarkdownEditor(self)
        self.body.setAccessibleName(_("Body"))
        self.body.setPlaceholderText(_("Write the statement in Markdown…"))

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
                (_("&Tags"), self.tags),
                (_("S&lug"), self.slug),
                (_("Image"), image_row),
                (_("&Caption"), self.caption),
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
        layout.addWidget(self.presence)
        layout.addWidget(self.state_line)
        layout.addWidget(self.read_only_note)
        layout.addWidget(self.title)
        layout.addWidget(self.lead)
        layout.addLayout(details)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.glossary_note)

        for line in (self.title, self.tags, self.slug, self.caption):
            line.textEdited.connect(self._edited)
        for edit in (self.lead, self.body):
            edit.textChanged.connect(self._edited)

    # What the form holds

    @property
    def saving(self) -> bool:
        """A save is on its way to the database."""
        return self._saving

    @property
    def statement_id(self) -> int | None:
        return self.detail.id if self.detail is not None else None

    @property
    def draft_key(self) -> str:
        return draft_key(self.statement_id, self.lang, self._new_id)

    def content(self) -> TextContent:
        """What the fields hold, every character exactly (no-break spaces included)."""
        return TextContent(
            title=self.title.text(),
            lead=exact_text(self.lead),
            body=exact_text(self.body),
            image_caption=self.caption.text(),
        )

    def _content_changed(self) -> bool:
        # Compared as they would be stored: line endings and Unicode forms do not count.
        return self.content().normalized() != self._baseline.content.normalized()

    def is_dirty(self) -> bool:
        return (
            self._content_changed()
            or self.tags.tags() != self._baseline.tags
            or self.slug.text().strip() != self._baseline.slug
        )

    def draft_snapshot(self) -> DraftSnapshot | None:
        if not self._content_changed():
            return None
        return DraftSnapshot(
            self.draft_key, self.statement_id, self.lang, self._text_version, self.content()
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
        self.presence.watch(None)
        self.detail = None
        self._new_id = uuid.uuid4().hex
        self.lead_media_id = None
        self._fill(None, lang or self.default_lang, TextContent(""), (), "")
        self.title.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_statement(self, statement_id: int, lang: str | None = None) -> None:
        self.presence.watch(statement_id)
        self._runner.run(
            self._desk.statement,
            statement_id,
            on_done=lambda detail: self._show_detail(detail, lang),
            on_error=lambda error: self.saveFailed.emit(
                user_message(error, _("opening the statement"))
            ),
            serial=True,
        )

    def open_draft(self, draft: Draft) -> None:
        """Show a recovered draft over its statement's saved state, unsaved, to be saved."""
        self.presence.watch(draft.statement_id)
        if draft.statement_id is None:
            self.detail = None
            self._new_id = draft.key.removeprefix("new:")
            self.lead_media_id = None
            self._fill(None, draft.lang, TextContent(""), (), "")
            self._put_content(draft.content)
            return

        def show(detail: StatementDetail) -> None:
            self._show_detail(detail, draft.lang)
            # Typed on the version it was kept from: a save tells if someone saved since.
            self._text_version = draft.base_version
            self._put_content(draft.content)

        self._runner.run(
            self._desk.statement,
            draft.statement_id,
            on_done=show,
            on_error=lambda error: self.saveFailed.emit(
                user_message(error, _("opening the statement"))
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
        text = self.detail.texts.get(lang) if self.detail else None
        self._text_version = text.version if text else 0
        self._meta_version = self.detail.meta_version if self.detail else 0
        published = self.detail is not None and self.detail.published_at is not None
        self.slug.setReadOnly(published)
        self.slug.setToolTip(
            _("The slug of a published statement is its public address and stays fixed.")
            if published
            else _("Part of the page address; leave empty to follow the title.")
        )
        present = set(self.detail.texts) if self.detail else set()
        self.switcher.set_present(present, self.detail.source_lang if self.detail else lang)
        self.switcher.show_language(lang)
        self.autosave.saved()
        self._show_image_state()
        self._show_workflow_state()
        self.glossary_note.check()
        self._set_state(_("Saved") if statement_id is not None else _("New statement"))
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

    def use_preferences(self, prefs: UiPreferences) -> None:
        """The person's editor font and dictionaries (the autosave pause is the caller's)."""
        font = QFont(self.font())
        if prefs.editor_font:
            font.setFamily(prefs.editor_font)
        if prefs.editor_font_size:
            font.setPointSize(prefs.editor_font_size)
        for field in (self.body, self.lead):
            field.setFont(font)
        self.lead.setFixedHeight(self.lead.fontMetrics().lineSpacing() * 3 + 14)
        spelling = (
            prefs.spelling,
            dict(prefs.spelling_dictionaries),
            Path(prefs.dictionary_folder) if prefs.dictionary_folder else None,
        )
        if spelling != self._spelling:
            self._spelling = spelling
            self._spellcheckers.clear()
            self._use_spellchecker(self.lang)

    def _use_spellchecker(self, lang: str) -> None:
        """Underline misspellings in `lang` where a dictionary exists (loaded off the UI thread)."""
        if lang in self._spellcheckers:
            self.body.spellchecker = self._spellcheckers[lang]
            return
        enabled, dictionaries, folder = self._spelling
        dictionary = dictionaries.get(lang, lang)
        if not enabled or dictionary == "off":
            self._spellcheckers[lang] = self.body.spellchecker = None
            return

        def loaded(checker: SpellChecker | None) -> None:
            self._spellcheckers[lang] = checker
            if self.lang == lang:
                self.body.spellchecker = checker

        self._runner.run(
            SpellChecker.for_language,
            dictionary,
            folder,
            on_done=loaded,
            on_error=lambda _e: None,
            serial=False,
        )

    # Editing

    def _edited(self) -> None:
        if self._filling:
            return
        self.glossary_note.check()
        if self.is_dirty():
            self._set_state(_("Unsaved changes"))
        else:
            self._set_state(_("Saved") if self.statement_id is not None else _("New statement"))
        self.autosave.edited()
        self.contentEdited.emit()

    def _set_state(self, text: str) -> None:
        self.save_state = text
        self.saveStateChanged.emit(text)

    def _draft_kept(self) -> None:
        if self.save_state != _("Not saved"):
            self._set_state(_("Draft kept"))

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

    def save(
        self,
        then: Callable[[], None] | None = None,
        *,
        lead_image: NewValue[Path | None] | None = None,
    ) -> None:
        """Make a revision of what is typed (if anything changed), then call `then`.

        With `lead_image`, the image changes in the same save. `then` is not called when the
        save fails: the caller stays on this text.
        """
        if then is not None:
            self._after_save.append(then)
        if self._saving:
            return
        if not self.is_dirty() and lead_image is None:
            self._run_after_save()
            return
        baseline = self._baseline
        content = self.content()
        tags = self.tags.tags()
        slug = self.slug.text().strip()
        new = self.statement_id is None
        request = StatementSave(
            statement_id=self.statement_id,
            lang=self.lang,
            content=content if new or self._content_changed() else None,
            text_version=self._text_version,
            meta_version=self._meta_version,
            tags=tags if tags != baseline.tags else None,
            slug=NewValue(slug or None) if slug != baseline.slug else None,
            lead_image=lead_image,
            draft_key=self.draft_key,
        )
        self._saving = True
        self._baseline = _Baseline(content, tags, slug)
        self._set_state(_("Saving…"))
        self._runner.run(
            _write,
            self._desk,
            request,
            on_done=lambda result: self._saved(request, slug, *result),
            on_error=lambda error: self._save_failed(baseline, error),
            serial=True,
        )

    def _saved(
        self, request: StatementSave, typed_slug: str, outcome: SaveOutcome, detail: StatementDetail
    ) -> None:
        self._saving = False
        created = request.statement_id is None
        self.detail = detail
        text = detail.texts.get(self.lang)
        self._text_version = text.version if text else 0
        self._meta_version = detail.meta_version
        self.autosave.saved()
        if self.slug.text().strip() == (
            request.slug.value or "" if request.slug else self._baseline.slug
        ):
            # Only a slug the user did not touch meanwhile follows the one the core chose.
            self._filling = True
            self.slug.setText(detail.slug)
            self._filling = False
            self._baseline = replace(self._baseline, slug=detail.slug)
        if detail.lead_media_id != self.lead_media_id:
            self.lead_media_id = detail.lead_media_id
            self._show_image_state()
            self._load_thumbnail()
            self.contentEdited.emit()
        if created:
            self.presence.watch(detail.id)
        self.switcher.set_present(set(detail.texts), detail.source_lang)
        self._show_workflow_state()
        self._set_state(_("Unsaved changes") if self.is_dirty() else _("Saved"))
        if outcome.voided:
            self.approvalsVoided.emit(list(outcome.voided))
        self.statementSaved.emit(detail.id, created)
        if created:
            self.statementLoaded.emit(detail.id)
        self._run_after_save()

    def _save_failed(self, baseline: _Baseline, error: BaseException) -> None:
        self._saving = False
        self._after_save.clear()
        self._baseline = baseline
        self._set_state(_("Not saved"))
        # Whatever went wrong, the typing is at least in the recovery store.
        self.autosave.flush()
        if isinstance(error, TextConflict | StatementConflict):
            self._offer_conflict(error)
            return
        self.saveFailed.emit(user_message(error, _("saving the statement")))

    def _offer_conflict(self, error: TextConflict | StatementConflict) -> None:
        dialog = ConflictDialog(
            error, self.content(), self.tags.tags(), self.slug.text().strip(), self.timezone, self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._conflict_decided(error, dialog.choice))
        dialog.open()
        self.conflictShown.emit(dialog)

    def _conflict_decided(self, error: TextConflict | StatementConflict, choice: Choice) -> None:
        """Acts on the person's choice; afterwards the form builds on the version they chose,
        so the next save does not meet the same conflict again."""
        if choice is Choice.LATER:
            self.saveFailed.emit(user_message(error, _("saving the statement")))
            return
        if isinstance(error, TextConflict):
            theirs = error.theirs
            self._text_version = theirs.version
            if choice is Choice.KEEP_MINE:
                self.save()
            elif choice is Choice.TAKE_THEIRS:
                self._baseline = replace(self._baseline, content=theirs.content)
                self._filling = True
                self._put_fields(theirs.content)
                self._filling = False
                self._runner.run(self._desk.discard_draft, self.draft_key, serial=True)
                self.autosave.saved()
                self._edited()
            else:
                mine = self.content()
                self._baseline = replace(self._baseline, content=theirs.content)
                self._their_version = TheirVersionWindow(error, mine, self.timezone, self)
                self._their_version.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                self._their_version.show()
                self._edited()
            return
        theirs = error.theirs
        self._meta_version = theirs.meta_version
        if choice is Choice.KEEP_MINE:
            self.save()
            return
        self._filling = True
        self.tags.set_tags(theirs.tags)
        self.slug.setText(theirs.slug)
        self._filling = False
        self._baseline = replace(self._baseline, tags=self.tags.tags(), slug=theirs.slug)
        self.lead_media_id = theirs.lead_media_id
        self._show_image_state()
        self._load_thumbnail()
        self._edited()

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
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose the lead image"),
            "",
            _("Images (*.jpg *.jpeg *.png *.webp *.gif)"),
        )
        if path:
            self._set_lead_image(Path(path))

    def _set_lead_image(self, path: Path | None) -> None:
        """Changes the lead image, saving what is typed with it in the same save."""
        if self.statement_id is None and not self.title.text().strip():
            self.saveFailed.emit(_("Give the statement a title before adding an image."))
            return
        self.save(lead_image=NewValue(path))

    def _may_edit_text(self) -> bool:
        actor = self._desk.actor
        if self.detail is None:
            return actor.may(Action.CREATE)
        source = self.lang == self.detail.source_lang
        return actor.may(Action.EDIT_SOURCE if source else Action.EDIT_TRANSLATION)

    def _apply_editability(self) -> None:
        """Fields are read-only while someone else holds the statement, or for a language the
        person's roles do not let them edit (they can still read it and comment)."""
        holding = self.presence.holding
        text_ok = holding and self._may_edit_text()
        meta_ok = holding and (
            self._desk.actor.may(Action.CREATE if self.detail is None else Action.EDIT_STATEMENT)
        )
        for field in (self.title, self.caption):
            field.setReadOnly(not text_ok)
        for edit in (self.lead, self.body):
            edit.setReadOnly(not text_ok)
        self.letters.setEnabled(text_ok)
        published = self.detail is not None and self.detail.published_at is not None
        self.slug.setReadOnly(not meta_ok or published)
        self.tags.setReadOnly(not meta_ok)
        self.choose_image.setEnabled(meta_ok)
        self.remove_image.setEnabled(meta_ok and self.lead_media_id is not None)
        if holding and not self._may_edit_text():
            who = (
                _("writers and editors")
                if self.detail is not None and self.lang == self.detail.source_lang
                else _("translators and editors")
            )
            self.read_only_note.setText(
                _("You can read and comment on this text; {who} edit it.").format(who=who)
            )
            self.read_only_note.show()
        else:
            self.read_only_note.hide()
            self.read_only_note.clear()

    def _show_workflow_state(self) -> None:
        """ "In review · TG approved · RU changed after approval" above the title."""
        detail = self.detail
        if detail is None:
            self.state_line.setText(_("New statement (draft)"))
            return
        parts = [status_label(detail.status)]
        if detail.status is Status.SCHEDULED and detail.scheduled_at is not None:
            parts[0] += f" {moment(detail.scheduled_at, self.timezone)}"
        for lang in self.languages:
            text = detail.texts.get(lang)
            state = text.state if text else LangState.MISSING
            parts.append(f"{lang.upper()} {lang_state_label(state)}")
        self.state_line.setText(" · ".join(parts))

    def _show_image_state(self) -> None:
        self._apply_editability()
        if self.lead_media_id is None:
            self.image_label.setPixmap(QPixmap())
            self.image_label.setText(_("No lead image"))

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
                self.image_label.setText(_("Image cannot be shown"))

        self._runner.run(self._desk.image_bytes, media_id, on_done=show, serial=True)
