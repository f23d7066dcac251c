"""How the main window reaches the translation desk: Statement → Translate into → a language
(Ctrl+Shift+T shows that menu where the editor is)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from app.core.desk import StatementDetail
from app.core.i18n import _, language_name
from app.core.translation.work import TranslationView
from app.ui.errors import user_message

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow
    from app.ui.translation.window import TranslationWindow


class TranslationLauncher:
    """The "Translate into" menu of a main window and the desks it opened."""

    def __init__(self, window: MainWindow, statement_menu: QMenu) -> None:
        self.window = window
        self.desks: dict[tuple[int, str], TranslationWindow] = {}
        self.menu = statement_menu.addMenu(_("&Translate into"))
        self.menu.aboutToShow.connect(self._update)
        self.actions: dict[str, QAction] = {}
        for lang in window.office.languages:
            action = self.menu.addAction(lang.upper())
            action.triggered.connect(lambda _checked=False, lang=lang: self.open(lang))
            self.actions[lang] = action
        self.shortcut = QAction(_("Translate into…"), window)
        self.shortcut.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.shortcut.triggered.connect(self.show_menu)
        window.addAction(self.shortcut)

    def _update(self) -> None:
        detail = self.window.editor.detail
        for lang, action in self.actions.items():
            name = f"{language_name(lang)} ({lang.upper()})"
            if detail is not None and lang == detail.source_lang:
                action.setText(_("{name}: the source").format(name=name))
            elif detail is not None and lang in detail.texts:
                action.setText(_("{name}: open the translation").format(name=name))
            else:
                action.setText(_("{name}: start the translation").format(name=name))
            action.setEnabled(detail is not None and lang != detail.source_lang)

    def show_menu(self) -> None:
        editor = self.window.editor
        self._update()
        self.menu.popup(editor.mapToGlobal(QPoint(editor.width() // 3, 40)))

    def open(self, lang: str) -> None:
        """Saves what the editor holds, then opens (starting if needed) the translation."""
        self.window.editor.save(then=lambda: self._start(lang))

    def _start(self, lang: str) -> None:
        detail = self.window.editor.detail
        if detail is None:
            self.window.statusBar().showMessage(
                _("Open or save a statement to translate it."), 6000
            )
            return
        key = (detail.id, lang)
        if key in self.desks:
            self.desks[key].raise_()
            self.desks[key].activateWindow()
            return
        desk = self.window.desk

        def load() -> tuple[TranslationView, StatementDetail]:
            return desk.start_translation(detail.id, lang), desk.statement(detail.id)

        self.window.runner.run(
            load,
            on_done=self._show,
            on_error=lambda error: self.window.show_problem(
                user_message(error, _("opening the translation"))
            ),
            serial=True,
        )

    def _show(self, loaded: tuple[TranslationView, StatementDetail]) -> None:
        from app.ui.translation.window import TranslationWindow

        view, detail = loaded
        desk = TranslationWindow(
            self.window.desk, self.window.runner, view, detail, self.window.renderer_factory
        )
        key = (view.statement_id, view.lang)
        self.desks[key] = desk
        desk.destroyed.connect(lambda *_: self.desks.pop(key, None))
        desk.translationSaved.connect(self._saved)
        self.window.list.model.refresh_rows()
        desk.show()

    def _saved(self, statement_id: int, lang: str) -> None:
        self.window.list.model.refresh_rows()
        editor = self.window.editor
        if editor.statement_id == statement_id and not editor.is_dirty():
            editor.open_statement(statement_id, editor.lang)
