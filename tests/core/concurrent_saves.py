"""A worker process for the concurrency tests: saves at the same moment as its twin.

Each trial, both workers read the text they will save (so both start from the same version),
meet at a barrier, and save at once. The outcome of each save goes back to the test.
"""

from __future__ import annotations

from multiprocessing.synchronize import Barrier
from typing import Any

from app.core.conflicts import TextConflict
from app.core.content import TextContent
from app.core.desk import Actor, Desk
from app.core.errors import PressDeskError
from app.core.migrate import open_database
from app.core.models import Role
from app.core.saving import StatementSave


def run(
    url: str,
    actor_id: int,
    name: str,
    plan: list[tuple[int, str]],
    barrier: Barrier,
    results: Any,
) -> None:
    """``plan``: for each trial, the statement and language this worker saves."""
    db = open_database(url, upgrade=False)
    desk = Desk(db, Actor(actor_id, name, name, frozenset(Role)))
    try:
        for trial, (statement_id, lang) in enumerate(plan):
            text = desk.statement(statement_id).texts.get(lang)
            opened = text.version if text else 0
            content = TextContent(f"{name} {trial}", body=f"{name} wrote this in trial {trial}.\n")
            barrier.wait(timeout=60)
            try:
                desk.save_statement(
                    StatementSave(statement_id, lang, content=content, text_version=opened)
                )
                outcome = "saved"
            except TextConflict:
                outcome = "conflict"
            except PressDeskError as error:
                outcome = f"error: {error}"
            results.put((trial, name, outcome, content.title))
    finally:
        db.close()
