"""The interface in Tajik and Russian: every visible text of the main window, its docks and its
dialogs comes from the catalogs (nothing English left), the catalogs are complete, plurals are
right for 0, 1, 2, 5 and 21, Qt's own buttons follow, and dates are written in the language."""

from __future__ import annotations

import ast
import re
from datetime import UTC, datetime, timedelta
from gettext import c2py
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.pofile import read_po
from babel.plural import to_python
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QFontComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTableView,
    QTreeView,
    QTreeWidget,
    QWidget,
    QWizard,
)

from app.core import i18n
from app.core.conflicts import TextConflict, TheirText
from app.core.content import TextContent
from app.core.db import Database
from app.core.recovery import Draft
from app.ui.calendar.overdue import OverdueDialog, overdue_entries
from app.ui.correction_dialog import CorrectionDialog
from app.ui.editor.conflict_dialog import ConflictDialog
from app.ui.editor.recovery import RecoveredDraft
from app.ui.editor.recovery_dialog import RecoveryDialog
from app.ui.errors import ErrorDialog, describe
from app.ui.first_run_wizard import FirstRunWizard
from app.ui.schedule_dialog import ScheduleDialog
from app.ui.sign_in import SignInDialog
from tests.ui.scheduling import approved, scheduled_before
from tests.ui.test_overdue_ui import waiting_office

ROOT = Path(__file__).resolve().parents[2]
LOCALE_DIR = ROOT / "resources" / "locale"

# Names that stay as they are in every language: the product, formats, programs, keys.
TECHNICAL = re.compile(
    r"Press Desk|Markdown|Hugo|Pelican|Word|HTML|CSV|TMX|JSON|Hunspell|Enchant|"
    r"\b(Ctrl|Shift|Alt|Enter|Return|Page (Up|Down)|PgUp|PgDown|Esc|Del|F\d+)\b|"
    r"https?://\S+|\*\.\w+|\.(docx|dic|aff)\b|\b[a-z]{2}_[A-Z]{2}\b|\b(TG|RU|EN|tg|ru|en)\b|"
    r"pressdesk --db \S+ demo|\b[A-Z]\)|\b[A-Z][a-z]+/[A-Za-z_]+\b|"
    # A language in its own name, in the interface language chooser; Qt's Russian "OK".
    r"\bEnglish\b|\bOK\b"
)
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Russian letters that Tajik does not write: a Tajik interface holding one shows Russian.
NOT_TAJIK = re.compile(r"[цщыьЦЩЫЬ]")


def texts_of(root: QWidget) -> list[tuple[str, str]]:
    """(what, text) for every text a person sees or hears in ``root`` and its children."""
    found: list[tuple[str, str]] = []

    def add(where: object, text: str | None) -> None:
        if text and text.strip():
            found.append((type(where).__name__, re.sub(r"<[^>]+>", "", text)))

    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        if widget.isWindow() or widget.parent() is None:
            add(widget, widget.windowTitle())
        add(widget, widget.toolTip())
        add(widget, widget.accessibleName())
        if isinstance(widget, QLabel | QAbstractButton):
            add(widget, widget.text())
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            add(widget, widget.placeholderText())
        if isinstance(widget, QGroupBox):
            add(widget, widget.title())
        if isinstance(widget, QAbstractSpinBox):
            add(widget, widget.specialValueText())
        if isinstance(widget, QComboBox) and not isinstance(widget, QFontComboBox):
            if widget.isEditable():  # a time zone: names of places, not words to translate
                continue
            for i in range(widget.count()):
                add(widget, widget.itemText(i))
        if isinstance(widget, QTabBar):
            for i in range(widget.count()):
                add(widget, widget.tabText(i))
                add(widget, widget.tabToolTip(i))
        if isinstance(widget, QTableView | QTreeView) and widget.model() is not None:
            header = widget.header() if isinstance(widget, QTreeView) else widget.horizontalHeader()
            for column in range(header.count()):
                add(widget, widget.model().headerData(column, Qt.Orientation.Horizontal))
        if isinstance(widget, QTreeWidget):
            for i in range(widget.topLevelItemCount()):
                add(widget, widget.topLevelItem(i).text(0))
        if isinstance(widget, QWizard):
            page = widget.currentPage()
            add(widget, page.title())
            add(widget, page.subTitle())
        if isinstance(widget, QMenu):
            add(widget, widget.title())
    for action in root.findChildren(QAction):
        add(action, action.text())
        add(action, action.toolTip())
    return found


def untranslated(found: list[tuple[str, str]], lang: str, data: set[str]) -> list[str]:
    """The texts that are still English (or Russian, in Tajik)."""
    wrong = []
    for where, text in found:
        rest = TECHNICAL.sub(" ", text)
        for word in data:
            rest = rest.replace(word, " ")
        if LATIN_WORD.search(rest) or (lang == "tg" and NOT_TAJIK.search(rest)):
            wrong.append(f"{where}: {text!r}")
    return sorted(set(wrong))


@pytest.mark.parametrize("lang", ["ru", "tg"])
def test_every_window_dock_and_dialog_speaks_the_language(
    lang: str, speak, qtbot, open_window, sync_runner, sqlite_db: Database, tmp_path: Path
) -> None:
    speak(lang)
    earlier = {w for w in QApplication.topLevelWidgets() if w.isVisible()}  # other tests'
    desks = waiting_office(sqlite_db)  # an overdue statement waits for the editor
    sid = approved(desks)
    other = approved(desks, title="Изҳороти дигар")
    scheduled_before(sqlite_db, desks["malika"], other, datetime.now(UTC) - timedelta(hours=2))
    editor = desks["malika"]
    window = open_window(editor)
    window.open_statement(sid)
    window.calendar.show()
    window.open_export()
    window.open_import()
    window.open_office_settings()
    window.open_preferences()
    window.open_history()
    window.open_audit_log()
    detail = editor.statement(sid)
    zone = window.office.timezone
    window.translation.open("ru")
    extra: list[QWidget] = [
        ScheduleDialog(editor, sync_runner, detail, zone, window),
        CorrectionDialog(editor, sync_runner, detail, ["tg", "ru", "en"], window),
        OverdueDialog(
            editor, sync_runner, zone, window.office.languages, overdue_entries(editor), window
        ),
        ConflictDialog(
            TextConflict(
                "",
                TheirText(sid, "tg", 2, TextContent("Сарлавҳа"), "Нигора", datetime.now(UTC)),
            ),
            TextContent("Сарлавҳаи ман"),
            (),
            "",
            zone,
            window,
        ),
        RecoveryDialog(
            [
                RecoveredDraft(
                    Draft("k", sid, "tg", 1, TextContent("Сиёҳ"), datetime.now(UTC)),
                    TextContent("Захира"),
                )
            ],
            zone,
            window,
        ),
        ErrorDialog(describe(KeyError("ru"), i18n._("saving the statement")), window),
        SignInDialog(sqlite_db),
    ]
    for dialog in extra:
        qtbot.addWidget(dialog)
        dialog.show()
    window.comments.new_comment("tg", 0, "Сархати якум.")
    windows = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w not in earlier]
    assert len(windows) >= 15
    slugs = {editor.statement(s).slug for s in (sid, other)}
    data = {*slugs, *(d.actor.username for d in desks.values()), str(sqlite_db.url.database)}
    try:
        found = [text for root in windows for text in texts_of(root)]
        assert len(found) > 500
        wrong = untranslated(found, lang, data)
        assert not wrong, "\n".join(wrong)
    finally:
        for root in windows:
            root.close()


@pytest.mark.parametrize("lang", ["ru", "tg"])
def test_the_first_run_wizard_and_the_empty_list_speak_the_language(
    lang: str, speak, qtbot, make_window, sqlite_db: Database
) -> None:
    speak(lang)
    wizard = FirstRunWizard(sqlite_db)
    qtbot.addWidget(wizard)
    wizard.show()
    found = texts_of(wizard)
    wizard.admin_page.username.setText("malika")
    for _page in range(2):
        wizard.next()
        found += texts_of(wizard)
    wizard.admin_page._shared_toggled(False)
    found += texts_of(wizard.admin_page)
    window = make_window(sqlite_db)
    window.show()
    assert window.list.showing_empty
    found += texts_of(window)
    login = window.desk.actor.username
    wrong = untranslated(found, lang, {"malika", login})
    assert not wrong, "\n".join(wrong)


def catalog(lang: str):
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "pressdesk.po").open("rb") as file:
        return read_po(file, locale=lang)


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{[^}]*\}", text))


@pytest.mark.parametrize("lang", ["ru", "tg"])
def test_the_catalog_translates_every_string_with_its_placeholders(lang: str) -> None:
    with (LOCALE_DIR / "pressdesk.pot").open("rb") as file:
        template = read_po(file)
    translations = catalog(lang)
    wanted = {(m.context, m.id) for m in template if m.id}
    have = {(m.context, m.id): m for m in translations if m.id}
    assert wanted <= set(have), sorted(wanted - set(have), key=str)[:10]
    for key in wanted:
        message = have[key]
        assert "fuzzy" not in message.flags, key
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), key
        for string in strings:
            # Russian's form for 1 (and 21) may name the count where English says "a".
            assert placeholders(string) <= placeholders(" ".join(sources)) | {"{count}"}, key
            if len(strings) == 1:
                assert placeholders(string) == placeholders(sources[0]), key


def test_the_catalogs_cover_every_marked_string_of_the_code() -> None:
    """A string marked in the code since the last `make catalogs` is missing from them."""
    marked = set()
    for path in (ROOT / "app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                args = [a.value for a in node.args if isinstance(a, ast.Constant)]
                if node.func.id in ("_", "N_") and args:
                    marked.add((None, args[0]))
                elif node.func.id in ("pgettext", "NC_") and len(args) == 2:
                    marked.add((args[0], args[1]))
                elif node.func.id == "ngettext" and args:
                    marked.add((None, args[0]))
    with (LOCALE_DIR / "pressdesk.pot").open("rb") as file:
        template = {
            (m.context, m.id[0] if isinstance(m.id, tuple) else m.id) for m in read_po(file) if m.id
        }
    assert marked - template == set()


@pytest.mark.parametrize(
    ("lang", "forms"), [("ru", ("one", "few", "many")), ("tg", ("one", "other"))]
)
def test_the_plural_rule_is_cldrs(lang: str, forms: tuple[str, ...]) -> None:
    """Each catalog form is one of CLDR's categories for whole numbers, in CLDR's order
    (`pybabel init -l tg` writes (n != 1), but CLDR counts 0 with 1 in Tajik)."""
    rule = to_python(Locale.parse(lang).plural_form)
    translations = catalog(lang)
    plural = c2py(translations.plural_expr)
    assert translations.num_plurals == len(forms)
    for n in range(1000):
        assert forms[plural(n)] == rule(n), (lang, n)


PLURALS = {
    "ru": {
        0: "0 комментариев",
        1: "1 комментарий",
        2: "2 комментария",
        5: "5 комментариев",
        21: "21 комментарий",
    },
    "tg": {0: "0 шарҳ", 1: "1 шарҳ", 2: "2 шарҳ", 5: "5 шарҳ", 21: "21 шарҳ"},
}


@pytest.mark.parametrize("lang", ["ru", "tg"])
def test_plural_forms_for_0_1_2_5_21(lang: str, speak) -> None:
    speak(lang)
    for n, expected in PLURALS[lang].items():
        assert i18n.ngettext("{n} comment", "{n} comments", n).format(n=n) == expected
    files = {n: i18n.ngettext("{n} file written", "{n} files written", n) for n in (1, 2, 5, 21)}
    if lang == "ru":
        assert files == {
            1: "записан {n} файл",
            2: "записано {n} файла",
            5: "записано {n} файлов",
            21: "записан {n} файл",
        }
        assert i18n.ngettext(
            "{done} of {total} segment translated", "{done} of {total} segments translated", 4
        ).format(done=3, total=4) == ("переведено 3 из 4 сегментов")
    else:
        # Tajik counts with the singular; form 0 is CLDR's "one" (0 and 1), form 1 the rest.
        assert i18n.ngettext("+{count} more", "+{count} more", 0) == "боз {count}"
        assert files[2] == files[21] == "{n} файл навишта шуд"


@pytest.mark.parametrize(
    ("lang", "cancel", "yes"), [("ru", "Отмена", "&Да"), ("tg", "Бекор кардан", "&Ҳа")]
)
def test_qts_own_buttons_follow_with_russian_under_tajik(
    lang: str, cancel: str, yes: str, speak, qtbot
) -> None:
    speak(lang)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Yes | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(buttons)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == cancel
    assert buttons.button(QDialogButtonBox.StandardButton.Yes).text() == yes
    # Qt strings our catalog leaves to Qt: Russian, in Tajik too.
    assert QApplication.translate("QFileDialog", "Look in:") == "Перейти к:"


def test_dates_and_numbers_are_written_in_the_language(speak) -> None:
    when = datetime(2024, 5, 3, 14, 5, tzinfo=UTC)
    written = {}
    for lang in ("en", "ru", "tg"):
        speak(lang)
        written[lang] = (
            i18n.office_moment(when, "Asia/Dushanbe"),
            i18n.full_moment(when, "Asia/Dushanbe"),
            i18n.number(12345),
            i18n.language_name("tg"),
        )
    assert written["en"] == ("03/05/2024 19:05 (Dushanbe)", "3 May 2024, 19:05", "12,345", "Tajik")
    assert written["ru"] == (
        "03.05.2024 19:05 (Душанбе)",
        "3 мая 2024\u202fг., 19:05",
        "12\xa0345",
        "Таджикский",
    )
    assert written["tg"] == (
        "03.05.2024 19:05 (Душанбе)",
        "03 Май 2024, 19:05",
        "12\xa0345",
        "Тоҷикӣ",
    )


def test_the_system_language_is_chosen_when_the_person_chose_none() -> None:
    assert i18n.best_language(["tg-Cyrl-TJ", "ru-RU"]) == "tg"
    assert i18n.best_language(["de-DE", "ru-RU"]) == "ru"
    assert i18n.best_language(["de-DE", "fr"]) == "en"


# Calls whose text arguments a person sees, with the argument positions that hold text.
_SHOWN = {
    **dict.fromkeys(
        [
            "setText",
            "setToolTip",
            "setWindowTitle",
            "setPlaceholderText",
            "setAccessibleName",
            "setStatusTip",
            "showMessage",
            "addItem",
            "addMenu",
            "setTitle",
            "setSubTitle",
            "addButton",
            "setSpecialValueText",
            "setSuffix",
            "addRow",
            "setHeaderLabels",
            "setHorizontalHeaderLabels",
            "addToolBar",
            "set_labels",
            "setLabelText",
            "QLabel",
            "QPushButton",
            "QCheckBox",
            "QGroupBox",
            "QAction",
            "QToolButton",
            "QRadioButton",
            "QProgressDialog",
            "QDockWidget",
            "QTreeWidgetItem",
            "QListWidgetItem",
            "QTableWidgetItem",
            "QMenu",
        ],
        (0,),
    ),
    **dict.fromkeys(("addTab", "insertRow", "setTabText", "setTabToolTip", "setButtonText"), (1,)),
    **dict.fromkeys(("critical", "warning", "question", "information"), (1, 2)),
}
# Literal values shown as they are: examples of a value, and names that are not words.
_AS_IS = {"https://press.example.tj", "tg, ru, en"}


def _literal_words(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value not in _AS_IS and LATIN_WORD.search(node.value) is not None
    if isinstance(node, ast.JoinedStr):
        return any(_literal_words(value) for value in node.values)
    if isinstance(node, ast.List | ast.Tuple):
        return any(_literal_words(item) for item in node.elts)
    if isinstance(node, ast.BinOp):
        return _literal_words(node.left) or _literal_words(node.right)
    return False


def test_no_visible_text_of_the_interface_escapes_the_catalogs() -> None:
    """Status messages, tooltips and dialogs the walks above do not open: text given to Qt
    is always a string from our catalogs, never a literal nor Qt's tr()."""
    escaped = []
    for path in sorted((ROOT / "app" / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("tr", "translate"):  # Qt's own lookup: not in our catalogs
                escaped.append(f"{path.relative_to(ROOT)}:{node.lineno}")
                continue
            receiver = getattr(func, "value", None)
            if name not in _SHOWN or getattr(receiver, "id", "") in ("log", "logging"):
                continue
            for position in _SHOWN[name]:
                if position < len(node.args) and _literal_words(node.args[position]):
                    escaped.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert escaped == []
