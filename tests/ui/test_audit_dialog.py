"""The audit log viewer: events in words with office times, filters, older pages on request, and
the filtered log exported as CSV; only editors and admins open it."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog

from app.core.render.dates import date_line
from app.ui.audit.dialog import AuditDialog
from app.ui.audit.wording import details_text
from tests.ui.office import TG, drafted, office_desks


def column(dialog: AuditDialog, index: int) -> list[str]:
    return [dialog.model.row_texts(row)[index] for row in range(dialog.model.rowCount())]


def choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_the_log_in_words_with_filters(sqlite_db, open_window) -> None:
    desks = office_desks(sqlite_db)
    sid = drafted(desks)
    desks["writer"].submit(sid)
    desks["editor"].approve(sid, ["tg"])
    desks["editor"].send_back(sid, "ru", "Рақамҳоро санҷед.")
    other = desks["writer"].create("tg", TG)
    window = open_window(desks["editor"])
    window.audit_action.trigger()
    dialog = window.audit_dialog
    assert dialog.isVisible()

    first = dialog.model.entries[0]
    assert dialog.model.row_texts(0) == (
        date_line(first.at, "en", "Asia/Dushanbe"),
        "Нигора Раҳимова",
        "Statement created",
        desks["writer"].statement(other).slug,
        f"address “{desks['writer'].statement(other).slug}”",
    )
    sent_back = column(dialog, 2).index("Sent back")
    assert dialog.model.row_texts(sent_back)[1] == "Малика Назарова"
    details = dialog.model.row_texts(sent_back)[4]
    assert details.startswith("In review → Draft · RU · text ")
    assert details.endswith(" · “Рақамҳоро санҷед.”")
    hash_ = dialog.model.entries[sent_back].details["content_hash"]
    assert f"text {hash_[:10]} ·" in details
    tooltip = dialog.model.data(dialog.model.index(sent_back, 4), Qt.ItemDataRole.ToolTipRole)
    assert f"revision id {dialog.model.entries[sent_back].details['revision_id']}" in tooltip
    assert f"text {hash_} ·" in tooltip
    assert not any("{" in text for text in column(dialog, 4))  # no JSON

    choose(dialog.who, "nigora")
    assert set(column(dialog, 1)) == {"Нигора Раҳимова"}
    assert "Submitted for review" in column(dialog, 2)
    choose(dialog.what, "workflow")
    assert column(dialog, 2) == ["Submitted for review"]
    choose(dialog.who, None)
    assert column(dialog, 2) == ["Sent back", "Approved", "Submitted for review"]
    assert [dialog.what.itemText(i) for i in range(dialog.what.count())][:2] == [
        "All actions",
        "Comments",
    ]

    choose(dialog.what, None)
    dialog.statement.setText(desks["writer"].statement(other).slug)
    dialog.statement.editingFinished.emit()
    assert column(dialog, 2) == ["Statement created"]
    dialog.statement.setText(str(sid))
    dialog.statement.editingFinished.emit()
    assert "Statement created" in column(dialog, 2) and "Sent back" in column(dialog, 2)
    assert set(column(dialog, 3)) == {desks["writer"].statement(sid).slug}
    dialog.statement.setText("no-such-statement")
    dialog.statement.editingFinished.emit()
    assert dialog.state.text() == "No statement has the address “no-such-statement”"
    dialog.statement.clear()
    dialog.statement.editingFinished.emit()

    today = datetime.now(UTC).astimezone().date()
    dialog.until.setDate(QDate(2001, 1, 1))
    assert dialog.state.text() == "No events match."
    dialog.until.setDate(QDate(today.year, today.month, today.day))
    dialog.since.setDate(QDate(today.year, today.month, today.day).addDays(-1))
    assert dialog.model.rowCount() > 0


def test_older_pages_and_the_csv_of_every_matching_event(
    sqlite_db, open_window, qtbot, tmp_path: Path, monkeypatch
) -> None:
    desks = office_desks(sqlite_db)
    for _ in range(4):
        desks["writer"].create("tg", TG)
    dialog = AuditDialog(
        desks["admin"], open_window(desks["admin"]).runner, "Asia/Dushanbe", page_size=3
    )
    qtbot.addWidget(dialog)
    choose(dialog.who, "nigora")
    assert dialog.model.rowCount() == 3 and dialog.older_button.isEnabled()
    assert dialog.state.text() == "The newest 3 events; older ones on request."

    target = tmp_path / "audit.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "CSV files (*.csv)")
    )
    dialog.export_button.click()
    assert dialog.state.text() == f"Exported 4 events to {target}."
    with target.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [r["name"] for r in rows] == ["Нигора Раҳимова"] * 4  # all, not only the page shown

    dialog.older_button.click()
    assert dialog.model.rowCount() == 4 and not dialog.older_button.isEnabled()
    assert dialog.state.text() == "All 4 matching events."
    ids = [e.id for e in dialog.model.entries]
    assert ids == sorted(ids, reverse=True)


def test_only_editors_and_admins_open_the_log(sqlite_db, open_window) -> None:
    desks = office_desks(sqlite_db)
    assert not open_window(desks["writer"]).audit_action.isEnabled()
    assert not open_window(desks["translator"]).audit_action.isEnabled()
    assert open_window(desks["admin"]).audit_action.isEnabled()
    assert open_window(desks["editor"]).audit_action.shortcut().toString() == "Ctrl+Shift+L"


def test_details_read_as_words() -> None:
    zone = "Asia/Dushanbe"
    voided = {
        "langs": ["en"],
        "approved": {"en": "a" * 64},
        "now": {"en": "b" * 64},
        "before": "approved",
        "after": "in_review",
    }
    assert details_text(voided, zone) == (
        "Approved → In review · EN · approved EN aaaaaaaaaa · now EN bbbbbbbbbb"
    )
    failed = {"username": "nobody", "where": "cli"}
    assert details_text(failed, zone) == "user name “nobody” · on the command line"
    scheduled = {"at": "2025-06-01T05:00:00+00:00", "embargo": None, "hashes": {"tg": "c" * 64}}
    assert details_text(scheduled, zone) == "texts TG cccccccccc · for 1 June 2025, 10:00"
    assert details_text({"something_new": [1, 2]}, zone) == "something new: 1, 2"
