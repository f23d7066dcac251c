"""An office with approved statements to schedule, for the scheduling and calendar UI tests."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import select

from app.core import workflow
from app.core.content import TextContent
from app.core.db import Database
from app.core.desk import Desk
from app.core.models import AuditEvent
from app.core.settings import load_settings, save_settings
from tests.ui.test_workflow_ui import office

LANGUAGES = ("tg", "ru", "en")


def approved(
    desks: dict[str, Desk], title: str = "Изҳороти матбуотӣ", en_lead: str = "In short."
) -> int:
    """A statement written, translated, submitted and approved by the office's people."""
    sid = desks["nigora"].create("tg", TextContent(title, "Кӯтоҳ.", "Матн.\n"))
    desks["farhod"].save(sid, "ru", TextContent("Заявление", "Коротко.", "Текст.\n"), 0)
    desks["farhod"].save(sid, "en", TextContent("Statement", en_lead, "Text.\n"), 0)
    desks["nigora"].submit(sid)
    desks["malika"].approve(sid)
    return sid


def scheduled_before(db: Database, desk: Desk, sid: int, at: datetime) -> None:
    """Scheduled for ``at`` as if an editor had done it before then (``at`` may have passed)."""
    with db.transaction() as session:
        workflow.schedule(session, sid, desk.actor.id, at, now=at - timedelta(hours=1))


def void_english(desks: dict[str, Desk], sid: int) -> None:
    """The translator edits the English text: its approval no longer holds."""
    text = desks["farhod"].statement(sid).texts["en"]
    desks["farhod"].save(sid, "en", TextContent("Statement", "Changed.", "Text.\n"), text.version)


def audit(db: Database, action: str, sid: int) -> list[dict]:
    with db.reading() as session:
        rows = session.scalars(
            select(AuditEvent.details)
            .where(AuditEvent.action == action, AuditEvent.statement_id == sid)
            .order_by(AuditEvent.id)
        )
        return [json.loads(row) for row in rows]


def set_zone(db: Database, zone: str) -> None:
    with db.transaction() as session:
        save_settings(session, replace(load_settings(session), timezone=zone))


__all__ = [
    "LANGUAGES",
    "approved",
    "audit",
    "office",
    "scheduled_before",
    "set_zone",
    "void_english",
]
