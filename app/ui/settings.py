"""Per-workstation UI settings in QSettings: preferences declared once, window layout kept apart.

Preferences (`UiPreferences`) are typed values with defaults; a value equal to its default is not
stored, so a later change of default reaches everyone who never changed it. Window geometry and
splitter or header states are opaque blobs under their own group, so clearing the layout never
touches preferences.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtCore import QByteArray, QSettings

_PREFERENCES = "preferences"
_LAYOUT = "layout"


@dataclass(slots=True)
class UiPreferences:
    """What a person chooses about the desk's look; each field with its default."""

    preview_visible: bool = True
    preview_mobile: bool = False
    autosave_delay_ms: int = 3000
    export_folder: str = ""
    export_changed_only: bool = False


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
                raw = self._settings.value(f.name, default)
                setattr(prefs, f.name, _coerce(raw, default))
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


def _coerce(raw: object, default: bool | int | str) -> bool | int | str:
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
    return str(raw)
