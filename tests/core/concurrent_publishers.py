"""A publisher process for the concurrency tests: runs publish_due at the same moment as others."""

from __future__ import annotations

from datetime import datetime
from multiprocessing.synchronize import Barrier
from typing import Any

from app.core.migrate import open_database
from app.core.publishing import publish_due


def run(url: str, now: datetime, barrier: Barrier, results: Any) -> None:
    db = open_database(url, upgrade=False)
    try:
        barrier.wait(timeout=60)
        outcome = publish_due(db, now=now)
        results.put(
            ([o.statement_id for o in outcome.published], [o.reason for o in outcome.failed])
        )
    finally:
        db.close()
