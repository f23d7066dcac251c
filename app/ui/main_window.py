"""The main window: statement list | editor | preview, with menus, toolbar and status bar.

Wiring only: the list, editor and preview do their own work; this class connects them, offers
the actions with their shortcuts, and remembers the layout.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QToolBar,
    QWidget,
)

from app.core.calendar import CalendarEntry
from app.core.desk import Desk, StatementDetail
from app.core.i18n import _, language_name, ngettext, number, office_moment
from app.core.permissions import Action
from app.core.publishing import PublishRun
from app.core.recovery import Draft
from app.core.settings import OfficeSettings
from app.core.workflow import StepResult
from app.ui.calendar.dock import CalendarDock
from app.ui.comments.caret import paragraph_at_caret
from app.ui.comments.panel import CommentsPanel
from app.ui.demo_content import fill_with_demo
from app.ui.editor.form import StatementEditor
from app.ui.editor.recovery import RecoveredDraft, drafts_to_offer, restore_draft
from app.ui.errors import user_message
from app.ui.language import restart
from app.ui.preview.pane import PreviewPane, PreviewRequest, Renderer
from app.ui.publisher import Publisher, notify
from app.ui.review.panel import ReviewQueuePanel
from app.ui.roles import roles_text
from app.ui.settings import UiPreferences, UiSettings
from app.ui.statements.list_view import StatementListPane
from app.ui.tasks import TaskRunner
from app.ui.translation.launch import TranslationLauncher
from app.ui.widgets.counted_dock import CountedDock
from app.ui.workflow_actions import WorkflowActions, describe

WINDOW_TITLE = "Press Desk"
#: How often the window asks whether anyone changed anything (one cheap query).
POLL_MS = 3000


def default_renderer_factory(desk: Desk) -> Callable[[], Renderer]:
    def build() -> Renderer:
        from app.core.preview import PreviewRenderer

        return PreviewRenderer(desk.db)

    return build


def default_pane_widths(width: int) -> list[int]:
    """List, editor and preview widths for a first start: on a small screen (1024 or 1100
    pixels) the list shows all its columns and the editor its fields; the preview, which
    F9 hides, gets the rest."""
    pane_list = max(int(width * 0.36), min(600, int(width * 0.52)))
    editor = max(int(width * 0.30), 330)
    return [pane_list, editor, max(0, width - pane_list - editor)]


class MainWindow(QMainWindow):
    """One workstation's desk on one database."""

    #: The window is on screen and the list shows its first page.
    firstPageShown = Signal()
    #: The restore offer for unsaved drafts is open (the dialog is passed).
    recoveryOffered = Signal(object)
    #: A message box telling the user something went wrong is open (the box is passed).
    problemShown = Signal(object)
    #: The poll saw that someone changed something (the panels look again).
    changesSeen = Signal()

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        *,
        ui_settings: UiSettings | None = None,
        renderer_factory: Callable[[], Renderer] | None = None,
        autosave_delay_ms: int | None = None,
        search_debounce_ms: int | None = None,
        poll_ms: int = POLL_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.runner = runner
        self.ui_settings = ui_settings or UiSettings()
        self._export_dialog: QDialog | None = None
        self._import_dialog: QDialog | None = None
        self.preferences = self.ui_settings.preferences()
        self.office = desk.settings()
        # Who works in this window: two people may have windows side by side.
        self.setWindowTitle(
            _("{app} — {person}[*]").format(app=WINDOW_TITLE, person=desk.actor.display_name)
        )
        self._closing = False
        self._close_unsaved = False
        self._first_page_pending = True
        #: Start again when closed (a new interface language).
        self.restart_requested = False

        languages, zone = self.office.languages, self.office.timezone
        self.list = StatementListPane(
            desk, runner, languages, zone, self, search_debounce_ms=search_debounce_ms
        )
        self.editor = StatementEditor(
            desk,
            runner,
            languages,
            self.office.default_lang,
            autosave_delay_ms or self.preferences.autosave_delay_ms,
            self,
            timezone=zone,
        )
        self.editor.use_preferences(self.preferences)
        self.renderer_factory = renderer_factory or default_renderer_factory(desk)
        self.preview = PreviewPane(runner, self.renderer_factory, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        for widget in (self.list, self.editor, self.preview):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setStretchFactor(2, 4)
        self.setCentralWidget(self.splitter)
        # Until the person moves a divider, the panes follow default_pane_widths.
        self._panes_by_default = True
        self.splitter.splitterMoved.connect(self._panes_moved)

        self._create_actions()
        self._create_status_bar()
        self._connect()
        self._restore_layout()
        self.preview.setVisible(self.preferences.preview_visible)
        self.preview.set_mobile(self.preferences.preview_mobile)
        if self.ui_settings.layout("geometry") is None:
            screen = self.screen().availableGeometry()
            self.resize(min(1500, screen.width()), min(900, screen.height()))

        self.list.model.reload()
        self.editor.load_known_tags()
        self._load_tag_filter()
        self._change_mark: tuple[int, int] | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self.poll_changes)
        self._poll.start()
        if desk.read_only:
            self._read_only()

    def _read_only(self) -> None:
        """A database this app may only read: said in the title bar, and nothing to edit."""
        self.setWindowTitle(
            _("{app} — {person} — read-only[*]").format(
                app=WINDOW_TITLE, person=self.desk.actor.display_name
            )
        )
        for action in (self.new_action, self.save_action, self.image_action):
            action.setEnabled(False)
        self.list.empty.set_read_only(True)
        self.editor.setEnabled(False)

    # Actions

    def _action(
        self,
        text: str,
        shortcuts: list[QKeySequence | str],
        slot: Callable[[], None],
        checkable: bool = False,
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setCheckable(checkable)
        if shortcuts:
            native = QKeySequence(shortcuts[0]).toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text.replace('&', '')} ({native})")
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _create_actions(self) -> None:
        Key = QKeySequence.StandardKey
        self.new_action = self._action(_("&New statement"), [Key.New], self.new_statement)
        self.save_action = self._action(_("&Save"), [Key.Save], self.save)
        self.image_action = self._action(
            _("Lead &picture…"), ["Ctrl+Shift+I"], self.editor.pick_lead_image
        )
        self.history_action = self._action(_("&History…"), ["Ctrl+Shift+H"], self.open_history)
        self.export_action = self._action(_("E&xport website…"), ["Ctrl+Shift+X"], self.open_export)
        self.import_action = self._action(_("&Import…"), ["Ctrl+Shift+O"], self.open_import)
        self.office_action = self._action(_("&Office settings…"), [], self.open_office_settings)
        self.quit_action = self._action(_("&Close"), ["Ctrl+Q"], self.close)
        self.undo_action = self._action(
            _("&Undo"), [Key.Undo], lambda: self.editor.focused_text_widget().undo()
        )
        self.redo_action = self._action(
            _("&Redo"), [Key.Redo], lambda: self.editor.focused_text_widget().redo()
        )
        self.find_action = self._action(_("&Find"), [Key.Find], self.list.focus_search)
        self.preferences_action = self._action(
            _("Pr&eferences…"), ["Ctrl+,"], self.open_preferences
        )
        self.focus_list_action = self._action(
            _("Go to the &list"), ["Ctrl+L"], lambda: self.list.table.setFocus()
        )
        self.focus_editor_action = self._action(
            _("Go to the &editor"), ["Ctrl+Shift+E"], lambda: self.editor.body.setFocus()
        )
        self.preview_action = self._action(
            _("&Preview"), ["F9", "Ctrl+Shift+P"], self.set_preview_visible, checkable=True
        )
        self.mobile_action = self._action(
            _("&Mobile width"), ["Ctrl+Shift+M"], self.set_preview_mobile, checkable=True
        )
        self.next_action = self._action(
            _("&Next statement"), ["Ctrl+PgDown", "Alt+Down"], lambda: self.list.move(1)
        )
        self.previous_action = self._action(
            _("&Previous statement"), ["Ctrl+PgUp", "Alt+Up"], lambda: self.list.move(-1)
        )
        self.next_lang_action = self._action(
            _("Next lan&guage"), ["Ctrl+Shift+PgDown"], lambda: self.editor.switcher.step(1)
        )
        self.previous_lang_action = self._action(
            _("Pre&vious language"),
            ["Ctrl+Shift+PgUp"],
            lambda: self.editor.switcher.step(-1),
        )

        bar = self.menuBar()
        file_menu = bar.addMenu(_("&File"))
        file_menu.addActions([self.new_action, self.save_action, self.image_action])
        file_menu.addSeparator()
        file_menu.addActions([self.import_action, self.export_action, self.office_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(_("&Edit"))
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.preferences_action)
        view_menu = bar.addMenu(_("&View"))
        view_menu.addActions(
            [
                self.preview_action,
                self.mobile_action,
                self.focus_list_action,
                self.focus_editor_action,
            ]
        )
        view_menu.addSeparator()
        view_menu.addAction(self._create_calendar())
        statement_menu = bar.addMenu(_("&Statement"))
        statement_menu.addActions(
            [
                self.next_action,
                self.previous_action,
                self.next_lang_action,
                self.previous_lang_action,
                self.history_action,
            ]
        )
        self.workflow = WorkflowActions(self.desk, self.runner, self.editor, self)
        statement_menu.addSeparator()
        statement_menu.addActions(self.workflow.actions)
        self.translation = TranslationLauncher(self, statement_menu)
        format_menu = bar.addMenu(_("F&ormat"))
        format_menu.addActions(list(self.editor.body.actions_by_name.values()))

        toolbar = self.addToolBar(_("Main"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions([self.new_action, self.save_action, self.history_action])
        toolbar.addSeparator()
        body_actions = self.editor.body.actions_by_name
        toolbar.addActions(
            [
                body_actions[name]
                for name in (
                    "bold",
                    "italic",
                    "heading2",
                    "bulleted_list",
                    "quote",
                    "link",
                    "image",
                )
            ]
        )
        toolbar.addSeparator()
        toolbar.addAction(self.preview_action)
        self._create_panels(file_menu, view_menu, statement_menu, toolbar)

    def _create_calendar(self) -> QAction:
        """The calendar dock, hidden until View → Calendar (the action returned) shows it."""
        self.calendar = CalendarDock(
            self.desk, self.runner, self.office.timezone, self.office.languages, self
        )
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.calendar)
        self.calendar.setFloating(True)
        self.calendar.hide()
        self.calendar_action = self.calendar.toggleViewAction()
        self.calendar_action.setText(_("&Calendar"))
        self.calendar_action.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.addAction(self.calendar_action)
        return self.calendar_action

    def _create_status_bar(self) -> None:
        self.save_state = QLabel(self)
        self.counts = QLabel(self)
        self.language = QLabel(self)
        actor = self.desk.actor
        self.signed_in = QLabel(actor.display_name, self)
        self.signed_in.setToolTip(
            _("Signed in as {user} ({roles})").format(
                user=actor.username, roles=roles_text(actor.roles)
            )
        )
        status = self.statusBar()
        status.addWidget(self.save_state, 1)
        status.addPermanentWidget(self.counts)
        status.addPermanentWidget(self.language)
        status.addPermanentWidget(self.signed_in)

    def _connect(self) -> None:
        self.list.statementChosen.connect(self.open_statement)
        self.list.empty.newRequested.connect(self.new_action.trigger)
        self.list.empty.importRequested.connect(self.import_action.trigger)
        self.list.empty.demoRequested.connect(lambda: fill_with_demo(self))
        self.list.model.reloaded.connect(self._list_reloaded)
        self.list.model.loadFailed.connect(self.show_problem)
        self.list.model.loadFailed.connect(self._list_reloaded)
        self.editor.contentEdited.connect(self._content_edited)
        self.editor.saveStateChanged.connect(self._save_state_changed)
        self.editor.languageChanged.connect(
            lambda lang: self.language.setText(
                _("Language: {lang}").format(lang=language_name(lang))
            )
        )
        self.editor.statementSaved.connect(self._statement_saved)
        self.editor.statementLoaded.connect(
            lambda statement_id: (
                statement_id is not None and self.list.select_statement(statement_id)
            )
        )
        self.editor.saveFailed.connect(self._save_failed)
        self.editor.approvalsVoided.connect(self._approvals_voided)
        self.workflow.stepTaken.connect(self._step_taken)
        self.workflow.stepFailed.connect(self.show_problem)
        self.workflow.corrected.connect(self._corrected)
        self.calendar.statementOpened.connect(self.open_statement)
        self.calendar.stepTaken.connect(self._step_taken)
        self.calendar.stepFailed.connect(self.show_problem)
        self.publisher = Publisher(self.desk, self.runner, self)
        self.publisher.ran.connect(self._publisher_ran)
        # What missed its minute while the app was closed goes out first (by the office's
        # policy); what still waits for an editor is offered next.
        self.firstPageShown.connect(self.publisher.start)
        self.firstPageShown.connect(self.check_overdue)
        self.editor.body.cursorPositionChanged.connect(
            lambda: self.preview.follow_cursor(self.editor.cursor_fraction())
        )
        self.preview.statementLinkClicked.connect(self.open_linked_statement)
        self.preview_action.setChecked(self.preferences.preview_visible)
        self.mobile_action.setChecked(self.preferences.preview_mobile)
        self.preview.width_button.toggled.connect(self.set_preview_mobile)
        self._connect_panels()

    # Review queue, comments and the audit log

    def _create_panels(
        self, file_menu: QMenu, view_menu: QMenu, statement_menu: QMenu, toolbar: QToolBar
    ) -> None:
        zone = self.office.timezone
        self.review = ReviewQueuePanel(
            self.desk, self.runner, zone, self, save_first=lambda then: self.editor.save(then=then)
        )
        self.review_dock = CountedDock(_("Review"), "review-dock", self.review, self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.review_dock)
        self.comments = CommentsPanel(self.desk, self.runner, zone, self)
        self.comments_dock = CountedDock(_("Comments"), "comments-dock", self.comments, self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.comments_dock)
        self.splitDockWidget(self.review_dock, self.comments_dock, Qt.Orientation.Vertical)
        self.resizeDocks([self.review_dock], [360], Qt.Orientation.Horizontal)
        # Closed until someone opens them (the toolbar's "Review (n)" counts meanwhile), so a
        # 1024-pixel screen keeps the list, the editor and the preview; the window's saved
        # state brings back what a person left open.
        self.review_dock.hide()
        self.comments_dock.hide()
        self.review_action = self.review_dock.action
        self.comments_action = self.comments_dock.action
        for action, shortcut in (
            (self.review_action, "Ctrl+Shift+R"),
            (self.comments_action, "Ctrl+Shift+C"),
        ):
            action.setShortcut(QKeySequence(shortcut))
            self.addAction(action)
        self.comment_action = self._action(
            _("Co&mment on this paragraph…"), ["Ctrl+Alt+M"], self.new_comment
        )
        self.comment_action.setEnabled(self.comments.may_comment)
        self.audit_action = self._action(_("&Audit log…"), ["Ctrl+Shift+L"], self.open_audit_log)
        self.audit_action.setEnabled(self.desk.actor.may(Action.VIEW_AUDIT))
        view_menu.addSeparator()
        view_menu.addActions([self.review_action, self.comments_action])
        statement_menu.addAction(self.comment_action)
        file_menu.insertAction(self.quit_action, self.audit_action)
        file_menu.insertSeparator(self.quit_action)
        toolbar.addSeparator()
        toolbar.addActions([self.review_action, self.comments_action])

    def _connect_panels(self) -> None:
        self.review.openRequested.connect(self.open_statement)
        self.review.stepTaken.connect(self._step_taken)
        self.review.stepTaken.connect(lambda _result: self.comments.refresh())
        self.review.countChanged.connect(self.review_dock.set_count)
        self.comments.countChanged.connect(self.comments_dock.set_count)
        self.comments.newCommentRequested.connect(self.new_comment)
        self.editor.statementLoaded.connect(self.comments.show_statement)
        self.editor.statementSaved.connect(lambda _sid, _created: self.review.refresh())
        self.workflow.stepTaken.connect(lambda _result: self.review.refresh())
        self.workflow.stepTaken.connect(lambda _result: self.comments.refresh())
        self.changesSeen.connect(self.review.refresh)
        self.changesSeen.connect(self.comments.refresh)
        self.review.refresh()

    def new_comment(self) -> None:
        """Save what is typed, then ask for a comment on the paragraph at the caret (or on
        the statement or this text, as the person chooses)."""

        def ask() -> None:
            detail = self.editor.detail
            if detail is None:
                self.statusBar().showMessage(_("Save the statement before commenting on it."), 5000)
                return
            if not self.comments_dock.isVisible():
                self.comments_dock.show_or_hide()
            lang = self.editor.lang if self.editor.lang in detail.texts else None
            paragraph, quote = paragraph_at_caret(self.editor.body) if lang else (None, "")
            self.comments.new_comment(lang, paragraph, quote)

        self.editor.save(then=ask)

    def open_audit_log(self) -> None:
        from app.ui.audit.dialog import AuditDialog  # not needed to start up

        dialog = AuditDialog(self.desk, self.runner, self.office.timezone, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.audit_dialog = dialog
        dialog.show()

    def _load_tag_filter(self) -> None:
        self.runner.run(self.desk.tag_names, on_done=self.list.filter_bar.set_tags, serial=True)

    # Layout

    def _restore_layout(self) -> None:
        if (geometry := self.ui_settings.layout("geometry")) is not None:
            self.restoreGeometry(geometry)
        if (state := self.ui_settings.layout("window")) is not None:
            self.restoreState(state)
        if (splitter := self.ui_settings.layout("splitter")) is not None:
            self._panes_by_default = not self.splitter.restoreState(splitter)
        if (header := self.ui_settings.layout("list-columns")) is not None:
            self.list.table.horizontalHeader().restoreState(header)

    def _save_layout(self) -> None:
        self.ui_settings.save_layout("geometry", self.saveGeometry())
        self.ui_settings.save_layout("window", self.saveState())
        self.ui_settings.save_layout(
            "splitter", QByteArray() if self._panes_by_default else self.splitter.saveState()
        )
        self.ui_settings.save_layout("list-columns", self.list.table.horizontalHeader().saveState())
        self.ui_settings.save_preferences(self.preferences)
        self.ui_settings.sync()

    # Statements

    def new_statement(self) -> None:
        self.editor.save(then=self.editor.new_statement)

    def save(self) -> None:
        self.editor.save()

    def open_statement(self, statement_id: int, lang: str | None = None) -> None:
        """Save what is being typed, then show the statement (in `lang` if given)."""
        if statement_id == self.editor.statement_id and lang in (None, self.editor.lang):
            return
        self.editor.save(then=lambda: self.editor.open_statement(statement_id, lang))

    def open_export(self) -> None:
        """Save what is being typed (so it can go out), then offer the export."""
        if self._export_dialog is None:
            # The export's modules (Markdown, numpy, …) load only when someone exports.
            from app.ui.export_dialog import ExportDialog

            self._export_dialog = ExportDialog(
                self.desk, self.runner, self.ui_settings, self, self.office.export_folder
            )
            self._export_dialog.finished_export.connect(
                lambda summary: self.statusBar().showMessage(summary, 10000)
            )
        self.editor.save(then=self._export_dialog.show)

    def open_office_settings(self) -> None:
        from app.ui.office_dialog import OfficeDialog  # not needed to start up

        dialog = OfficeDialog(self.desk, self.runner, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._office_saved)
        self.office_dialog = dialog
        dialog.load()
        dialog.open()

    def open_preferences(self) -> None:
        from app.ui.preferences_dialog import PreferencesDialog  # not needed to start up

        dialog = PreferencesDialog(
            self.preferences,
            self.office.languages,
            self.desk.actor.may(Action.OFFICE_SETTINGS),
            self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.officeRequested.connect(self.open_office_settings)
        dialog.acceptedPreferences.connect(self.use_preferences)
        self.preferences_dialog = dialog
        dialog.open()

    def use_preferences(self, prefs: UiPreferences) -> None:
        """The workstation's new preferences, stored; a new interface language asks to restart."""
        from app.ui.preferences_dialog import offer_restart

        language_changed = prefs.interface_language != self.preferences.interface_language
        self.preferences = prefs
        self.ui_settings.save_preferences(prefs)
        self.ui_settings.sync()
        self.editor.autosave.set_delay(prefs.autosave_delay_ms)
        self.editor.use_preferences(prefs)
        if language_changed and offer_restart(self, prefs.interface_language):
            self.restart_requested = True
            self.close()

    def _office_saved(self, changed: tuple[str, ...]) -> None:
        def loaded(office: OfficeSettings) -> None:
            self.office = office
            message = _("Office settings saved.")
            if {"languages", "default_lang", "timezone"} & set(changed):
                message += " " + _("New languages and the time zone apply after a restart.")
            self.statusBar().showMessage(message, 10000)
            self._content_edited()  # the preview shows the office as it is now

        self.runner.run(self.desk.settings, on_done=loaded, serial=True)

    def open_import(self) -> None:
        """Offer to import files; the list loads again when statements came in."""
        if self._import_dialog is None:
            from app.ui.import_dialog import ImportDialog

            dialog = ImportDialog(self.desk, self.runner, self.office.languages, self)
            dialog.imported.connect(self.list_changed_elsewhere)
            self._import_dialog = dialog
        self._import_dialog.show()

    def list_changed_elsewhere(self) -> None:
        """Statements arrived in bulk (an import, the demo): the list, its tag filter and the
        editor's known tags are read again."""
        self.list.model.reload()
        self._load_tag_filter()
        self.editor.load_known_tags()

    def open_linked_statement(self, lang: str, slug: str) -> None:
        """A link in the preview: another language of this statement, or a statement listed."""
        detail = self.editor.detail
        if detail is not None and detail.slug == slug:
            if lang in self.office.languages:
                self.editor.switch_language(lang)
            return
        target_lang = lang if lang in self.office.languages else None

        def found(statement_id: int | None) -> None:
            if statement_id is None:
                self.statusBar().showMessage(
                    _("No statement has the address “{slug}”.").format(slug=slug), 8000
                )
                return
            self.open_statement(statement_id, target_lang)
            self.list.select_statement(statement_id)

        self.runner.run(self.desk.statement_id_by_slug, slug, on_done=found, serial=True)

    def _statement_saved(self, statement_id: int, created: bool) -> None:
        if created:
            self.list.model.reload()
            self._load_tag_filter()
        else:
            self.list.model.refresh_rows()
        self.editor.load_known_tags()
        self.setWindowModified(self.editor.is_dirty())

    def _approvals_voided(self, langs: list[str]) -> None:
        self.statusBar().showMessage(
            _("Your edit voided the approval of {langs}: an editor approves it again.").format(
                langs=", ".join(lang.upper() for lang in langs)
            ),
            10000,
        )

    def _step_taken(self, result: StepResult) -> None:
        self.statusBar().showMessage(describe(result, self.office.timezone), 10000)
        self.list.model.refresh_rows()
        self.calendar.refresh()
        if result.statement_id == self.editor.statement_id and not self.editor.is_dirty():
            self.editor.open_statement(result.statement_id, self.editor.lang)

    def _corrected(self) -> None:
        self.statusBar().showMessage(
            _("Correction added: the website shows it from the next export."), 10000
        )
        # The publisher's run exports what changed (into the office's export folder).
        self.publisher.publish_now()
        self._content_edited()  # the preview shows the note, as the page will

    def poll_changes(self) -> None:
        """Shows what others changed: the list's rows, and the open statement if untouched."""
        if self.runner.closed:
            self._poll.stop()
            return
        self.runner.run(
            self.desk.change_mark, on_done=self._changes_seen, on_error=lambda _e: None, serial=True
        )

    def _changes_seen(self, mark: tuple[int, int]) -> None:
        previous, self._change_mark = self._change_mark, mark
        if previous is None or previous == mark:
            return
        self.changesSeen.emit()
        self.list.model.refresh_rows()
        self.calendar.refresh()
        self.publisher.rearm()
        detail = self.editor.detail
        if detail is None or self.editor.saving:
            return

        def compare(now: StatementDetail) -> None:
            shown = detail.texts.get(self.editor.lang)
            theirs = now.texts.get(self.editor.lang)
            moved = (shown.version if shown else 0) != (theirs.version if theirs else 0)
            if now == detail or self.editor.detail is not detail:
                return
            if not self.editor.is_dirty():
                self.editor.open_statement(now.id, self.editor.lang)
            elif moved:
                self.statusBar().showMessage(
                    _(
                        "{name} saved this text meanwhile; saving yours will show both versions."
                    ).format(name=theirs.updated_by or _("Someone")),
                    15000,
                )

        self.runner.run(self.desk.statement, detail.id, on_done=compare, on_error=lambda _e: None)

    def _list_reloaded(self) -> None:
        if self.editor.statement_id is not None:
            self.list.select_statement(self.editor.statement_id)
        if self._first_page_pending:
            self._first_page_pending = False
            self.firstPageShown.emit()
        self._start_preview()

    def _content_edited(self) -> None:
        editor = self.editor
        self.setWindowModified(editor.is_dirty())
        words, characters = editor.body.counts()
        self.counts.setText(
            ngettext("{n} word", "{n} words", words).format(n=number(words))
            + ", "
            + ngettext("{n} character", "{n} characters", characters).format(n=number(characters))
        )
        if self.preview.isVisible() or self.preview.last_page is None:
            self.preview.request(
                PreviewRequest(
                    editor.statement_id,
                    editor.lang,
                    editor.content(),
                    editor.tags.tags(),
                    editor.lead_media_id,
                ),
                editor.cursor_fraction(),
            )

    def _save_state_changed(self, text: str) -> None:
        self.save_state.setText(text)
        self.setWindowModified(self.editor.is_dirty())

    def _save_failed(self, message: str) -> None:
        if self.editor.statement_id is not None:
            self.list.select_statement(self.editor.statement_id)
        if self._closing:
            self._closing = False
            self._ask_close_unsaved(message)
            return
        self.show_problem(
            _("{message}\n\nYour text is still in the editor and kept for recovery.").format(
                message=message
            )
        )

    def show_problem(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, WINDOW_TITLE, message, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.problemShown.emit(box)

    # The calendar

    def check_overdue(self) -> None:
        """At start, an editor sees what missed its minute (overdue or failed)."""
        if self.desk.actor.may(Action.SCHEDULE):
            from app.ui.calendar.overdue import overdue_entries  # not needed to start up

            self.runner.run(overdue_entries, self.desk, on_done=self._offer_overdue, serial=True)

    def _offer_overdue(self, entries: list[CalendarEntry]) -> None:
        if not entries:
            return
        from app.ui.calendar.overdue import OverdueDialog

        dialog = OverdueDialog(
            self.desk, self.runner, self.office.timezone, self.office.languages, entries, self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.stepTaken.connect(self._step_taken)
        dialog.stepFailed.connect(self.show_problem)
        dialog.showRequested.connect(self.calendar.show_entry)
        self.overdue_dialog = dialog
        self.statusBar().showMessage(dialog.intro.text(), 15000)
        dialog.show()
        # Above the window even when the window reached the screen after it.
        dialog.raise_()
        dialog.activateWindow()

    def _publisher_ran(self, run: PublishRun) -> None:
        zone = self.office.timezone
        if run.published or run.failed:
            self.list.model.refresh_rows()
            self.calendar.refresh()
        if run.published:
            self.statusBar().showMessage(
                _("Published on time: {titles}").format(
                    titles=", ".join(f"“{o.title}”" for o in run.published)
                ),
                30000,
            )
        # A failure is told once; the calendar keeps showing it while it waits.
        fresh = [o for o in run.failed if not o.repeated]
        if fresh:
            lines = "\n".join(
                _("• “{title}”, due {due}: {reason}").format(
                    title=o.title, due=office_moment(o.due, zone), reason=o.reason
                )
                for o in fresh
            )
            message = _("Not published at its minute:\n{lines}").format(lines=lines)
            notify(self, _("Press Desk: publication failed"), message)
            self.show_problem(message)

    # History

    def open_history(self) -> None:
        from app.ui.editor.history_dialog import HistoryDialog  # not needed to start up

        def show() -> None:
            statement_id = self.editor.statement_id
            if statement_id is None or self.editor.lang not in (self.editor.detail.texts or {}):
                self.statusBar().showMessage(_("This text has no saved revisions yet."), 5000)
                return
            lang = self.editor.lang
            dialog = HistoryDialog(
                self.desk, self.runner, statement_id, lang, self.office.timezone, self
            )
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.restored.connect(
                lambda _result: (
                    self.editor.open_statement(statement_id, lang),
                    self.list.model.refresh_rows(),
                )
            )
            self.history_dialog = dialog
            dialog.open()

        self.editor.save(then=show)

    # Recovery

    def check_recovery(self) -> None:
        """Offer to restore typing that was never saved (after a crash or kill)."""
        self.runner.run(drafts_to_offer, self.desk, on_done=self._offer_recovery, serial=True)

    def _offer_recovery(self, offers: list[RecoveredDraft]) -> None:
        if not offers:
            return
        from app.ui.editor.recovery_dialog import RecoveryDialog  # not needed to start up

        dialog = RecoveryDialog(offers, self.office.timezone, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restoreRequested.connect(self._restore_draft)
        dialog.discardRequested.connect(
            lambda draft: self.runner.run(self.desk.discard_draft, draft.key, serial=True)
        )
        dialog.open()
        self.recoveryOffered.emit(dialog)

    def _restore_draft(self, draft: Draft) -> None:
        def restored(statement_id: int) -> None:
            self.list.model.reload()
            self.editor.open_statement(statement_id, draft.lang)

        def failed(error: BaseException) -> None:
            self.editor.open_draft(draft)
            self.show_problem(
                _(
                    "{message}\n\nThe recovered text is open in the editor: check it and save."
                ).format(message=user_message(error, _("restoring the draft")))
            )

        self.runner.run(
            restore_draft, self.desk, draft, on_done=restored, on_error=failed, serial=True
        )

    # Preview and window

    def set_preview_visible(self, visible: bool) -> None:
        self.preferences.preview_visible = visible
        self.preview_action.setChecked(visible)
        self.preview.setVisible(visible)
        if visible:
            self.preview.activate()
            self._content_edited()

    def set_preview_mobile(self, mobile: bool) -> None:
        self.preferences.preview_mobile = mobile
        self.mobile_action.setChecked(mobile)
        self.preview.set_mobile(mobile)

    def _start_preview(self) -> None:
        """Start the web engine once the window and its first list page are on screen."""
        if (
            self.isVisible()
            and not self._first_page_pending
            and self.preview.isVisibleTo(self)
            and self.preview.view is None
        ):
            QTimer.singleShot(0, self.preview.activate)

    def showEvent(self, event: QShowEvent) -> None:
        self._default_panes()
        super().showEvent(event)
        self._start_preview()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._default_panes()

    def _default_panes(self) -> None:
        if self._panes_by_default:
            self.splitter.setSizes(default_pane_widths(self.splitter.width() or self.width()))

    def _panes_moved(self) -> None:
        self._panes_by_default = False

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.editor.is_dirty() and not self._close_unsaved:
            event.ignore()
            if not self._closing:
                self._closing = True
                self.editor.autosave.flush()
                self.editor.save(then=self._close_after_save)
            return
        self._save_layout()
        self._poll.stop()
        self.publisher.stop()
        self.editor.autosave.stop()
        self.editor.presence.leave()
        self.preview.stop()
        super().closeEvent(event)
        if self.restart_requested:
            restart()

    def _close_after_save(self) -> None:
        self._close_unsaved = True
        self.close()

    def _ask_close_unsaved(self, message: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            WINDOW_TITLE,
            _(
                "{message}\n\nClose anyway? What you typed is kept and offered for recovery at "
                "the next start."
            ).format(message=message),
            QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def answered(button: int) -> None:
            if button == QMessageBox.StandardButton.Close:
                self.editor.autosave.flush()
                self._close_after_save()

        box.finished.connect(answered)
        box.open()
        self.problemShown.emit(box)
