"""How a calendar entry looks: its kind (the colour an editor reads at a glance), its words,
and its language badges."""

from __future__ import annotations

import enum

from PySide6.QtGui import QColor, QIcon, QPixmap

from app.core.approvals import LangState
from app.core.calendar import CalendarEntry, Mark
from app.core.i18n import _, office_moment
from app.core.models import Status
from app.ui.statements.model import LANG_BADGES, lang_state_label


class ChipKind(enum.Enum):
    READY = "ready"  # scheduled, every required language approved as it stands
    NOT_READY = "not ready"  # scheduled, but some required language is not approved
    OVERDUE = "overdue"
    FAILED = "failed"
    PUBLISHED = "published"
    EXPIRES = "expires"


#: The kind's colour: the chip's bar and, lightened, its background.
COLOURS: dict[ChipKind, QColor] = {
    ChipKind.READY: QColor("#1565c0"),
    ChipKind.NOT_READY: QColor("#f9a825"),
    ChipKind.OVERDUE: QColor("#ef6c00"),
    ChipKind.FAILED: QColor("#c62828"),
    ChipKind.PUBLISHED: QColor("#2e7d32"),
    ChipKind.EXPIRES: QColor("#757575"),
}


def swatch(kind: ChipKind) -> QIcon:
    """A small square of the kind's colour, for lists."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(COLOURS[kind])
    return QIcon(pixmap)


#: What an editor must see first when a day has more than its cell shows.
URGENCY: tuple[ChipKind, ...] = (
    ChipKind.FAILED,
    ChipKind.OVERDUE,
    ChipKind.NOT_READY,
    ChipKind.READY,
    ChipKind.EXPIRES,
    ChipKind.PUBLISHED,
)


def chip_kind(entry: CalendarEntry) -> ChipKind:
    if entry.mark is Mark.SCHEDULED:
        return ChipKind.READY if entry.ready else ChipKind.NOT_READY
    return {
        Mark.OVERDUE: ChipKind.OVERDUE,
        Mark.FAILED: ChipKind.FAILED,
        Mark.PUBLISHED: ChipKind.PUBLISHED,
        Mark.EXPIRES: ChipKind.EXPIRES,
    }[entry.mark]


def kind_label(kind: ChipKind) -> str:
    return {
        ChipKind.READY: _("scheduled, every language ready"),
        ChipKind.NOT_READY: _("scheduled, not every language ready"),
        ChipKind.OVERDUE: _("overdue: its minute passed and it is not published"),
        ChipKind.FAILED: _("publishing failed"),
        ChipKind.PUBLISHED: _("published"),
        ChipKind.EXPIRES: _("comes down from the website"),
    }[kind]


def background(kind: ChipKind) -> QColor:
    """The kind's colour mixed with white, so dark text stays readable on it."""
    colour = COLOURS[kind]
    amount = 0.3
    return QColor.fromRgbF(
        1 - (1 - colour.redF()) * amount,
        1 - (1 - colour.greenF()) * amount,
        1 - (1 - colour.blueF()) * amount,
    )


def badges(entry: CalendarEntry, languages: tuple[str, ...], *, compact: bool = False) -> str:
    """ "TG✓ RU✓ EN✎": each office language with its state's sign; compact, the signs alone
    in the office's language order ("✓✓✎")."""
    signs = [LANG_BADGES[entry.languages.get(lang, LangState.MISSING)] for lang in languages]
    if compact:
        return "".join(signs)
    return " ".join(f"{lang.upper()}{sign}" for lang, sign in zip(languages, signs, strict=True))


def movable(entry: CalendarEntry) -> bool:
    """Whether the entry is a schedule an editor can still move (not what already went out)."""
    return entry.status is Status.SCHEDULED and entry.mark in (
        Mark.SCHEDULED,
        Mark.OVERDUE,
        Mark.FAILED,
    )


def why(entry: CalendarEntry) -> str:
    return _("Why: {reason}").format(reason=entry.reason)


def describe(
    entry: CalendarEntry, zone: str, languages: tuple[str, ...], *, reason: bool = True
) -> str:
    """Everything about the entry in a few lines (with why it failed, unless ``reason`` is
    False), for its tooltip and the details pane."""
    kind = chip_kind(entry)
    lines = [
        entry.title,
        f"{office_moment(entry.at, zone)} · {kind_label(kind)}",
        " · ".join(
            f"{lang.upper()} {lang_state_label(entry.languages.get(lang, LangState.MISSING))}"
            for lang in languages
        ),
    ]
    if reason and entry.reason:
        lines.append(why(entry))
    return "\n".join(lines)
