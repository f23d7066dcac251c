"""Per-workstation UI settings in QSettings: preferences declared once, window layout kept apart.

Preferences (`UiPreferences`) are typed values with defaults, each with its own check, as the
office's settings are declared in ``app/core/settings.py``; a value equal to its default is not
stored, so a later change of default reaches everyone who never changed it, and a stored value
that fails its check (an ini file edited by hand) reads as the default. Window geometry and
splitter or header states are opaque blobs under their own group, so clearing the layout never
touches preferences.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from app.core.i18n import INTERFACE_LANGUAGES, _

log = logging.getLogger(__name__)

_PREFERENCES = "preferences"
_LAYOUT = "layout"
#: A dictionary as Enchant names it ("ru_RU", "tg", "en_GB"), or "off".
_DICTIONARY = re.compile(r"^(off|[A-Za-z]{2,3}(_[A-Za-z0-9]+)*)$")

Check = Callable[[Any], None]


def preference(default: Any, check: Check | None = None) -> Any:
    """Declares one preference: its default and the check a value must pass."""
    if isinstance(default, dict):
        return field(default_factory=lambda: dict(default), metadata={"check": check})
    return field(default=default, metadata={"check": check})


def _between(low: int, high: int) -> Check:
    def check(value: int) -> None:
        if not low <= value <= high:
            raise ValueError(_("must be between {low} and {high}").format(low=low, high=high))

    return check


def _interface_language(code: str) -> None:
    if code and code not in INTERFACE_LANGUAGES:
        raise ValueError(_("Press Desk has no interface in {code!r}").format(code=code))


def _folder(path: str) -> None:
    if path and not Path(path).is_dir():
        raise ValueError(_("the folder {path} does not exist on this computer").format(path=path))


def _dictionaries(choices: dict[str, str]) -> None:
    for lang, tag in choices.items():
        if not _DICTIONARY.match(lang) or not _DICTIONARY.match(tag):
            raise ValueError(_("{tag!r} is not a dictionary's name").format(tag=tag))


def _font_size(points: int) -> None:
    if points and not 6 <= points <= 48:
        raise ValueError(_("a font size is between 6 and 48 points"))


class InvalidPreference(ValueError):
    """A preference's value is refused: ``name`` says which, the message why."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(reason)
        self.name = name


@dataclass(slots=True)
class UiPreferences:
    """What a person chooses about this workstation; each field with its default."""

    preview_visible: bool = True
    preview_mobile: bool = False
    #: After this pause in typing, what is typed is kept for recovery.
    autosave_delay_ms: int = preference(3000, _between(500, 60_000))
    export_folder: str = ""
    export_changed_only: bool = False
    #: "" follows the system's language (English when Press Desk has none for it).
    interface_language: str = preference("", _interface_language)
    spelling: bool = True
    #: An office language's dictionary ("ru_RU", "off"); a language not named is automatic.
    spelling_dictionaries: dict[str, str] = preference({}, _dictionaries)
    #: A folder of Hunspell dictionaries (``tg_TJ.dic`` and ``tg_TJ.aff``) besides the system's.
    dictionary_folder: str = preference("", _folder)
    #: The editor's font family and size in points ("" and 0: the system's).
    editor_font: str = ""
    editor_font_size: int = preference(0, _font_size)

    def validate(self) -> None:
        """Raises :class:`InvalidPreference` for the first value that fails its check."""
        for f in fields(self):
            check = f.metadata.get("check")
            if check is not None:
                try:
                    check(getattr(self, f.name))
                except ValueError as error:
                    raise InvalidPreference(f.name, str(error)) from None


class UiSettings:
    """Reads and writes `UiPreferences` and the saved window layout."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings if settings is not None else QSettings()

    def preferences(self) -> UiPreferences:
        prefs = UiPreferences()
        self._settings.beginGroup(_PREFERENCES)
        try:
            for f in fields(UiPreferences):
                default = getattr(prefs, f.name)
                if not self._settings.contains(f.name):
                    continue
                value = _coerce(self._settings.value(f.name), default)
                check = f.metadata.get("check")
                try:
                    if check is not None:
                        check(value)
                except ValueError as error:
                    log.warning("preference %s is refused (%s): using its default", f.name, error)
                    continue
                setattr(prefs, f.name, value)
        finally:
            self._settings.endGroup()
        return prefs

    def save_preferences(self, prefs: UiPreferences) -> None:
        defaults = UiPreferences()
        self._settings.beginGroup(_PREFERENCES)
        try:
            for f in fields(UiPreferences):
                value = getattr(prefs, f.name)
                if value == getattr(defaults, f.name):
                    self._settings.remove(f.name)
                elif isinstance(value, dict):
                    self._settings.setValue(f.name, json.dumps(value, sort_keys=True))
                else:
                    self._settings.setValue(f.name, value)
        finally:
            self._settings.endGroup()

    def layout(self, name: str) -> QByteArray | None:
        """A saved geometry or state blob (window, splitter, header), or None if never saved."""
        value = self._settings.value(f"{_LAYOUT}/{name}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def save_layout(self, name: str, state: QByteArray) -> None:
        self._settings.setValue(f"{_LAYOUT}/{name}", state)

    def sync(self) -> None:
        self._settings.sync()


def _coerce(raw: object, default: Any) -> Any:
    """QSettings returns strings from INI files; turn them back into the default's type."""
    if isinstance(default, bool):
        if isinstance(raw, str):
            return raw.lower() in ("true", "1", "yes")
        return bool(raw)
    if isinstance(default, int):
        try:
            return int(raw)
        except (TypeError, ValueError):
            return default
    if isinstance(default, dict):
        try:
            value = json.loads(str(raw))
        except ValueError:
            return default
        if isinstance(value, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            return value
        return default
    return str(raw)
