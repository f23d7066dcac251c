"""The statement list: a lazy, id-backed model that passes Qt's model tester and never loads all."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from app.core.content import TextContent
from app.core.desk import Desk
from app.core.listing import SortKey, StatementFilter
from app.ui.statements.list_view import StatementListPane
from app.ui.statements.model import COLUMN_INDEX, PAGE_SIZE, StatementListModel
from app.ui.tasks import TaskRunner


class CountingDesk(Desk):
    """A desk that remembers how many ids each page query asked for."""

    limits: list[int]

    def page_ids(self, flt, sort, descending, offset, limit):
        self.limits.append(limit)
        return super().page_ids(flt, sort, descending, offset, limit)


def counting(desk: Desk) -> CountingDesk:
    spy = CountingDesk(desk.db, desk.actor)
    spy.limits = []
    return spy


def fill(desk: Desk, count: int) -> list[int]:
    words = ["budget", "visit", "water", "school", "road", "energy"]
    return [
        desk.create(
            "tg",
            TextContent(f"Statement {n:03d} about {words[n % len(words)]}", body=f"Body {n}."),
        )
        for n in range(count)
    ]


def model_for(desk: Desk, runner) -> StatementListModel:
    model = StatementListModel(desk, runner, ("tg", "ru", "en"), "Asia/Dushanbe")
    model.reload()
    return model


def test_model_passes_the_qt_model_tester_with_several_pages(desk, sync_runner, qtmodeltester):
    fill(desk, 250)
    model = model_for(desk, sync_runner)
    assert model.rowCount() == 250
    qtmodeltester.check(model, force_py=True)
    model.set_filter(StatementFilter(query="water"))
    qtmodeltester.check(model, force_py=True)


def test_no_query_asks_for_more_than_a_page(desk, sync_runner):
    fill(desk, 250)
    spy = counting(desk)
    model = model_for(spy, sync_runner)
    last = model.index(model.rowCount() - 1, COLUMN_INDEX["title"])
    assert model.data(last) == "Statement 000 about budget"  # newest first: the oldest is last
    assert spy.limits and max(spy.limits) <= PAGE_SIZE
    # Only the first and the last page were fetched, not the ones in between.
    assert len(spy.limits) == 2


def test_columns_show_status_languages_and_office_time(desk, sync_runner):
    [statement_id] = fill(desk, 1)
    desk.save(statement_id, "ru", TextContent("Заявление"), None)
    model = model_for(desk, sync_runner)
    row = model.statement_row(0)
    assert model.data(model.index(0, COLUMN_INDEX["status"])) == "Draft"
    assert model.data(model.index(0, COLUMN_INDEX["languages"])) == "✎ ✎ ·"
    shown = model.data(model.index(0, COLUMN_INDEX["updated"]))
    dushanbe = row.updated_at + timedelta(hours=5)  # UTC+5 all year
    assert shown == f"{dushanbe:%d/%m %H:%M}"  # this year: no year, narrower
    whole = model.data(model.index(0, COLUMN_INDEX["updated"]), Qt.ItemDataRole.ToolTipRole)
    assert whole == dushanbe.strftime("%d/%m/%Y %H:%M")
    tip = model.data(model.index(0, COLUMN_INDEX["languages"]), Qt.ItemDataRole.ToolTipRole)
    assert "en: missing" in tip


def test_sorting_by_title_and_relevance_for_a_search(desk, sync_runner):
    fill(desk, 12)
    model = model_for(desk, sync_runner)
    model.sort(COLUMN_INDEX["title"], Qt.SortOrder.AscendingOrder)
    titles = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert titles == sorted(titles)
    model.set_filter(StatementFilter(query="energy"))
    assert model.sort_key is SortKey.RELEVANCE
    assert {model.data(model.index(r, 0)) for r in range(model.rowCount())} == {
        "Statement 005 about energy",
        "Statement 011 about energy",
    }


def test_search_as_you_type_through_the_filter_bar(desk, sync_runner, qtbot):
    fill(desk, 30)
    pane = StatementListPane(
        desk, sync_runner, ("tg", "ru", "en"), "Asia/Dushanbe", search_debounce_ms=20
    )
    qtbot.addWidget(pane)
    pane.model.reload()
    assert pane.model.rowCount() == 30
    with qtbot.waitSignal(pane.model.reloaded, timeout=2000):
        qtbot.keyClicks(pane.filter_bar.search, "school")
    assert pane.model.rowCount() == 5
    assert all("school" in pane.model.data(pane.model.index(r, 0)) for r in range(5))


def test_rows_arrive_later_when_fetched_off_the_ui_thread(desk, qtbot):
    fill(desk, 150)
    runner = TaskRunner()
    try:
        model = StatementListModel(desk, runner, ("tg", "ru", "en"), "Asia/Dushanbe")
        with qtbot.waitSignal(model.reloaded, timeout=5000):
            model.reload()
        far = model.index(149, 0)
        with qtbot.waitSignal(model.dataChanged, timeout=5000):
            assert model.data(far) == "…"
        assert model.data(far) == "Statement 000 about budget"
    finally:
        runner.shutdown()
