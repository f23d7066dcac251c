"""Changing the office settings: an admin's operation in one transaction, audited."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy.orm import Session

from app.core import audit
from app.core.media import MediaStore
from app.core.permissions import Action, require
from app.core.settings import OfficeSettings, load_settings, save_settings


def save_office(
    session: Session,
    store: MediaStore,
    actor_id: int | None,
    settings: OfficeSettings,
    *,
    logo_file: Path | None = None,
) -> tuple[str, ...]:
    """Stores the office settings (with ``logo_file`` as the new logo); returns what changed.

    Raises PermissionDenied for anyone but an admin, PressDeskError for an invalid value or
    an unreadable image; nothing is stored then.
    """
    require(session, actor_id, Action.OFFICE_SETTINGS)
    if logo_file is not None:
        settings = replace(settings, logo=store.add_file(session, logo_file).file_name)
    before = load_settings(session)
    save_settings(session, settings)
    changed = settings.changed_from(before)
    if changed:
        audit.record(session, "office.settings", actor_id, None, changed=list(changed))
    return changed
