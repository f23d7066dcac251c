"""The append-only audit log: who did what to which statement, and when."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from app.core.models import AuditEvent
from app.core.sqltypes import utcnow


def record(
    session: Session, action: str, user_id: int | None, statement_id: int | None, **details: Any
) -> None:
    session.add(
        AuditEvent(
            at=utcnow(),
            user_id=user_id,
            action=action,
            statement_id=statement_id,
            details=json.dumps(details, ensure_ascii=False, sort_keys=True, default=str),
        )
    )
