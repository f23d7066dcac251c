"""The audit events loaded so far as a table: time, who, action, statement, details in words."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.core.audit import AuditEntry
from app.core.i18n import N_, _, full_moment
from app.ui.audit.wording import action_label, details_text

COLUMNS = (N_("Time"), N_("Who"), N_("Action"), N_("Statement"), N_("Details"))

Index = QModelIndex | QPersistentModelIndex


class AuditTableModel(QAbstractTableModel):
    """Newest first; `append` adds an older page at the bottom."""

    def __init__(self, timezone: str, parent: Any = None) -> None:
        super().__init__(parent)
        self._zone = timezone
        self.entries: list[AuditEntry] = []
        self._rows: list[tuple[str, ...]] = []

    def set_entries(self, entries: list[AuditEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self._rows = [self._row(e) for e in entries]
        self.endResetModel()

    def append(self, entries: list[AuditEntry]) -> None:
        if not entries:
            return
        first = len(self.entries)
        self.beginInsertRows(QModelIndex(), first, first + len(entries) - 1)
        self.entries.extend(entries)
        self._rows.extend(self._row(e) for e in entries)
        self.endInsertRows()

    def _row(self, entry: AuditEntry) -> tuple[str, ...]:
        return (
            full_moment(entry.at, self._zone),
            entry.user or "—",
            action_label(entry.action),
            entry.slug or (f"#{entry.statement_id}" if entry.statement_id else ""),
            details_text(entry.details, self._zone),
        )

    def row_texts(self, row: int) -> tuple[str, ...]:
        """What a row shows, column by column."""
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        text = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            entry = self.entries[index.row()]
            if index.column() == 1 and entry.username:
                return entry.username
            if index.column() == 2:
                return entry.action
            if index.column() == 4:
                return details_text(entry.details, self._zone, full=True) or None
            return text or None
        return None
