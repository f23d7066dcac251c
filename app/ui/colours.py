"""The system's look followed: a dark palette when the desktop asks for one, and the few colours
the app adds (states, notices, differences) made readable on whatever palette is in use."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

# Hues, in degrees, of the meanings the app shows in colour (besides a text or a symbol).
ERROR, WARNING, OK, INFO, CHANGED = 2, 32, 125, 212, 285
# Overrides the desktop's choice when it tells Qt nothing: "dark" or "light".
SCHEME_ENV = "PRESSDESK_COLOUR_SCHEME"


def palette() -> QPalette:
    return QGuiApplication.palette()


def is_dark(colours: QPalette | None = None) -> bool:
    """Whether text is light on a dark background in ``colours`` (the app's by default)."""
    base = (colours or palette()).color(QPalette.ColorRole.Base)
    return base.lightnessF() < 0.5


def tone(hue: int, colours: QPalette | None = None) -> QColor:
    """Text in ``hue`` that reads well on the palette's background (contrast at least 4.5)."""
    return QColor.fromHslF(hue / 360, 0.7, 0.72 if is_dark(colours) else 0.3)


def tint(hue: int, colours: QPalette | None = None) -> QColor:
    """A background in ``hue`` under the palette's own text colour."""
    return QColor.fromHslF(hue / 360, 0.55, 0.25 if is_dark(colours) else 0.88)


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours, 1 to 21."""

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        r, g, b_ = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def style_colour(hue: int) -> str:
    """``color: …`` for a style sheet, from the palette in use now."""
    return f"color: {tone(hue).name()};"


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style, for desktops that ask for dark but give none."""
    colours = QPalette()
    window, base, text = QColor("#202124"), QColor("#17181a"), QColor("#e8eaed")
    highlight = QColor("#4c8bf5")
    for role, colour in (
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.AlternateBase, QColor("#26272a")),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, QColor("#2d2e31")),
        (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.ToolTipBase, QColor("#2d2e31")),
        (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.PlaceholderText, QColor("#9aa0a6")),
        (QPalette.ColorRole.Highlight, highlight),
        (QPalette.ColorRole.HighlightedText, QColor("#ffffff")),
        (QPalette.ColorRole.Link, QColor("#8ab4f8")),
        (QPalette.ColorRole.BrightText, QColor("#ff8a80")),
        (QPalette.ColorRole.Light, QColor("#3c4043")),
        (QPalette.ColorRole.Midlight, QColor("#35363a")),
        (QPalette.ColorRole.Mid, QColor("#2a2b2e")),
        (QPalette.ColorRole.Dark, QColor("#101113")),
        (QPalette.ColorRole.Shadow, QColor("#000000")),
    ):
        colours.setColor(role, colour)
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        colours.setColor(QPalette.ColorGroup.Disabled, role, QColor("#80868b"))
    return colours


def follow_colour_scheme(app: QApplication) -> None:
    """Use a dark palette when the desktop (or ``PRESSDESK_COLOUR_SCHEME``) asks for dark
    and the platform's palette is still light; the system font is Qt's default already."""
    wanted = os.environ.get(SCHEME_ENV, "").lower()
    dark = wanted == "dark" or (
        wanted != "light" and app.styleHints().colorScheme() == Qt.ColorScheme.Dark
    )
    if dark and not is_dark(app.palette()):
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
