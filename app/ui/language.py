"""The interface language of the app: chosen once at start, for our strings and for Qt's own.

Our strings come from the gettext catalogs (``app.core.i18n``). Qt's own (the buttons of message
boxes and dialog button boxes, the text fields' context menus, the file dialog) come from the
translations the PySide6 wheel ships: ``qtbase_ru.qm`` for Russian. Qt has none for Tajik, so a
Tajik interface takes Russian for those, except the common buttons and edit actions, which our
catalog has in Tajik (:data:`QT_STRINGS`). Dates in Qt's own widgets (the calendar's weekday
names, date fields) follow the default ``QLocale``, set to the same language.
"""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.core.i18n import NC_, SOURCE_LANGUAGE, best_language, pgettext, use_language
from app.ui.settings import UiPreferences

#: Qt's locale for each interface language (English with a 24-hour clock, as on the site).
_QT_LOCALE = {"en": "en_GB", "ru": "ru_RU", "tg": "tg_TJ"}
#: Qt's own translations to load for each interface language (Tajik falls back to Russian).
_QT_CATALOG = {"ru": "ru", "tg": "ru"}
#: Qt's strings our catalog has for a language Qt does not ship (context "Qt"), by Qt's context.
QT_STRINGS: dict[str, tuple[str, ...]] = {
    "QPlatformTheme": (
        NC_("Qt", "OK"),
        NC_("Qt", "Save"),
        NC_("Qt", "Save All"),
        NC_("Qt", "Open"),
        NC_("Qt", "&Yes"),
        NC_("Qt", "Yes to &All"),
        NC_("Qt", "&No"),
        NC_("Qt", "N&o to All"),
        NC_("Qt", "Abort"),
        NC_("Qt", "Retry"),
        NC_("Qt", "Ignore"),
        NC_("Qt", "Close"),
        NC_("Qt", "Cancel"),
        NC_("Qt", "Discard"),
        NC_("Qt", "Help"),
        NC_("Qt", "Apply"),
        NC_("Qt", "Reset"),
        NC_("Qt", "Restore Defaults"),
    ),
    "QLineEdit": (
        NC_("Qt", "&Undo"),
        NC_("Qt", "&Redo"),
        NC_("Qt", "Cu&t"),
        NC_("Qt", "&Copy"),
        NC_("Qt", "&Paste"),
        NC_("Qt", "Delete"),
        NC_("Qt", "Select All"),
    ),
    "QWidgetTextControl": (
        NC_("Qt", "&Undo"),
        NC_("Qt", "&Redo"),
        NC_("Qt", "Cu&t"),
        NC_("Qt", "&Copy"),
        NC_("Qt", "Copy &Link Location"),
        NC_("Qt", "&Paste"),
        NC_("Qt", "Delete"),
        NC_("Qt", "Select All"),
    ),
    "QMessageBox": (NC_("Qt", "Show Details..."), NC_("Qt", "Hide Details...")),
    # The buttons of a dock's title bar, for screen readers.
    "QDockWidget": (NC_("Qt", "Float"), NC_("Qt", "Close")),
}


class _QtStringsFromCatalog(QTranslator):
    """Qt's strings of :data:`QT_STRINGS` from our catalog; None lets Qt ask the next one."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if source in QT_STRINGS.get(context, ()):
            text = pgettext("Qt", source)
            return text if text != source else None
        return None

    def isEmpty(self) -> bool:
        return False


def chosen_language(prefs: UiPreferences) -> str:
    """The person's choice, else the system's language when Press Desk has it, else English."""
    return prefs.interface_language or best_language(QLocale.system().uiLanguages())


def apply_language(app: QCoreApplication, lang: str) -> str:
    """Shows the interface in ``lang`` (before any window is made); returns the language used.

    Qt's translators of an earlier call are taken away first."""
    for earlier in app.findChildren(QTranslator):
        app.removeTranslator(earlier)
        earlier.deleteLater()
    lang = use_language(lang)
    QLocale.setDefault(QLocale(_QT_LOCALE.get(lang, lang)))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translators: list[QTranslator] = []
    if lang != SOURCE_LANGUAGE and _QT_CATALOG.get(lang) != lang:
        # Asked by Qt for each of its strings: only where Qt has no translation of its own.
        translators.append(_QtStringsFromCatalog(app))
    if lang in _QT_CATALOG:
        qt = QTranslator(app)
        if qt.load(f"qtbase_{_QT_CATALOG[lang]}", folder):
            translators.append(qt)
    # The last installed is asked first: our Tajik strings before Qt's Russian.
    for translator in reversed(translators):
        app.installTranslator(translator)
    return lang


def restart() -> None:
    """Starts Press Desk again as it was started (the caller then quits this one)."""
    if getattr(sys, "frozen", False):  # a bundle: the program is the executable
        command = [sys.executable, *sys.argv[1:]]
    else:
        command = [sys.executable, *sys.argv]
    subprocess.Popen(command, start_new_session=True, env=os.environ.copy())
