"""Several people at once, as two processes on one database: no save is ever silently lost,
and no save fails for a lock that a short wait would have let through."""

from __future__ import annotations

import multiprocessing
from collections import Counter

import pytest
from sqlalchemy import select

from app.core.content import TextContent
from app.core.db import Database
from app.core.models import Revision, StatementText
from tests.core import concurrent_saves
from tests.core.conftest import Office, new_statement

TRIALS = 100


def url_of(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


def race(db: Database, office: Office, plans: dict[str, list[tuple[int, str]]]) -> list[tuple]:
    """Runs the two workers' plans at the same moments; every save's outcome."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(len(plans))
    results = context.Queue()
    ids = {"nigora": office.writer, "farhod": office.translator, "malika": office.editor}
    workers = [
        context.Process(
            target=concurrent_saves.run,
            args=(url_of(db), ids[name], name, plan, barrier, results),
        )
        for name, plan in plans.items()
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=300) for _ in range(sum(len(p) for p in plans.values()))]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    return outcomes


def titles(db: Database, statement_id: int, lang: str) -> list[str]:
    with db.reading() as s:
        return list(
            s.scalars(
                select(Revision.title)
                .join(StatementText, StatementText.id == Revision.text_id)
                .where(StatementText.statement_id == statement_id, StatementText.lang == lang)
                .order_by(Revision.number)
            )
        )


@pytest.mark.slow
def test_two_people_saving_the_same_text(db: Database, office: Office) -> None:
    sid = new_statement(db, office.writer, TextContent("Start"))
    plan = [(sid, "tg")] * TRIALS
    outcomes = race(db, office, {"nigora": plan, "malika": plan})
    per_trial = Counter((trial, outcome) for trial, _, outcome, _ in outcomes)
    errors = [o for o in outcomes if o[2].startswith("error")]
    assert errors == []
    for trial in range(TRIALS):
        assert per_trial[(trial, "saved")] == 1, f"trial {trial}: {per_trial}"
        assert per_trial[(trial, "conflict")] == 1
    saved = [title for _, _, outcome, title in sorted(outcomes) if outcome == "saved"]
    # Every save that said "saved" is a revision, in order: none was overwritten silently.
    assert titles(db, sid, "tg") == ["Start", *saved]


@pytest.mark.slow
def test_two_people_saving_different_statements(db: Database, office: Office) -> None:
    first = new_statement(db, office.writer, TextContent("First"))
    second = new_statement(db, office.writer, TextContent("Second"))
    outcomes = race(
        db, office, {"nigora": [(first, "tg")] * TRIALS, "malika": [(second, "tg")] * TRIALS}
    )
    assert Counter(outcome for _, _, outcome, _ in outcomes) == {"saved": 2 * TRIALS}
    assert len(titles(db, first, "tg")) == len(titles(db, second, "tg")) == TRIALS + 1


@pytest.mark.slow
def test_two_translators_starting_the_same_language(db: Database, office: Office) -> None:
    trials = 30
    ids = [new_statement(db, office.writer, TextContent(f"S{i}")) for i in range(trials)]
    plan = [(sid, "ru") for sid in ids]
    outcomes = race(db, office, {"farhod": plan, "malika": plan})
    assert [o for o in outcomes if o[2].startswith("error")] == []
    per_trial = Counter((trial, outcome) for trial, _, outcome, _ in outcomes)
    for trial, sid in enumerate(ids):
        assert per_trial[(trial, "saved")] == 1 and per_trial[(trial, "conflict")] == 1
        (title,) = titles(db, sid, "ru")
        winner = next(t for n, _, o, t in sorted(outcomes) if n == trial and o == "saved")
        assert title == winner
