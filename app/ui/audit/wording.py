"""Audit events in words: what each action is called, and its details as a line a person reads
("RU · revision 12 · text 3f2a1b9c0d", "In review → Approved") instead of JSON."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.core.models import Status
from app.core.render.dates import date_line
from app.ui.statements.model import status_label

#: Characters of a content hash shown (enough to tell revisions apart by eye).
HASH_PREVIEW = 10


def _tr(text: str) -> str:
    return QCoreApplication.translate("AuditWording", text)


_ACTIONS = {
    "workflow.submitted": "Submitted for review",
    "workflow.approved": "Approved",
    "workflow.sent_back": "Sent back",
    "workflow.status": "Status changed",
    "workflow.scheduled": "Scheduled",
    "workflow.unscheduled": "Taken off the schedule",
    "workflow.published": "Published",
    "workflow.withdrawn": "Withdrawn",
    "approval.voided": "Approval voided by an edit",
    "checklist.overridden": "Checklist overridden",
    "publication.updated": "Published texts updated",
    "publication.corrected": "Correction published",
    "publish.failed": "Publishing failed",
    "comment.added": "Comment added",
    "comment.edited": "Comment edited",
    "comment.resolved": "Comment thread resolved",
    "comment.reopened": "Comment thread reopened",
    "statement.created": "Statement created",
    "statement.slug": "Address changed",
    "statement.tags": "Tags changed",
    "statement.image": "Lead image changed",
    "statement.imported": "Imported",
    "import.published": "Imported as published",
    "export": "Website exported",
    "presence.taken_over": "Took over editing",
    "user.added": "User added",
    "user.roles": "Roles changed",
    "user.password": "Password set",
    "user.signed_in": "Signed in",
    "user.sign_in_failed": "Sign-in failed",
    "demo.written": "Demo statements written",
}

_FAMILIES = {
    "workflow": "Workflow",
    "approval": "Voided approvals",
    "checklist": "Checklist overrides",
    "publication": "Publications",
    "publish": "Publishing failures",
    "comment": "Comments",
    "statement": "Statement changes",
    "import": "Imports",
    "export": "Exports",
    "presence": "Take-overs",
    "user": "Users and sign-in",
    "demo": "Demo content",
}


def action_label(action: str) -> str:
    """ "workflow.approved" → "Approved"; an action this version does not know, as it is."""
    return _tr(_ACTIONS[action]) if action in _ACTIONS else action


def family_of(action: str) -> str:
    return action.split(".", 1)[0]


def family_label(family: str) -> str:
    return _tr(_FAMILIES[family]) if family in _FAMILIES else family


def _hashes(value: Any, full: bool) -> str:
    if not isinstance(value, dict):
        return _hash(value, full)
    return ", ".join(f"{lang.upper()} {_hash(h, full)}" for lang, h in sorted(value.items()))


def _hash(value: Any, full: bool) -> str:
    return str(value) if full else str(value)[:HASH_PREVIEW]


def _status(value: Any) -> str:
    try:
        return status_label(Status(value))
    except ValueError:
        return str(value)


def _moment(value: Any, zone: str) -> str:
    try:
        return date_line(datetime.fromisoformat(str(value)), "en", zone)
    except (TypeError, ValueError):
        return str(value)


def _words(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


# Each known detail: how it reads (None leaves it out), given the office time zone and whether
# to show it in full (hashes and ids, for a tooltip) or short (for the table's line).
_DETAILS: dict[str, Callable[[Any, str, bool], str | None]] = {
    "lang": lambda v, _z, _f: str(v).upper(),
    "langs": lambda v, _z, _f: ", ".join(str(x).upper() for x in v),
    "revision_id": lambda v, _z, f: _tr("revision id {n}").format(n=v) if f else None,
    "content_hash": lambda v, _z, f: _tr("text {hash}").format(hash=_hash(v, f)),
    "hashes": lambda v, _z, f: _tr("texts {hashes}").format(hashes=_hashes(v, f)),
    "approved": lambda v, _z, f: _tr("approved {hashes}").format(hashes=_hashes(v, f)),
    "now": lambda v, _z, f: _tr("now {hashes}").format(hashes=_hashes(v, f)),
    "comment": lambda v, _z, _f: f"“{v}”" if v else None,
    "reason": lambda v, _z, _f: _tr("reason: “{reason}”").format(reason=v) if v else None,
    "failures": lambda v, _z, _f: _tr("failed: {items}").format(items="; ".join(v)) if v else None,
    "at": lambda v, z, _f: _tr("for {when}").format(when=_moment(v, z)),
    "embargo": lambda v, z, _f: (
        _tr("embargo until {when}").format(when=_moment(v, z)) if v else None
    ),
    "since": lambda v, z, _f: _tr("open since {when}").format(when=_moment(v, z)),
    "published_at": lambda v, z, _f: _tr("published {when}").format(when=_moment(v, z)),
    "delay_seconds": lambda v, _z, _f: _tr("{n} s late").format(n=v) if v else None,
    "slug": lambda v, _z, _f: _tr("address “{slug}”").format(slug=v),
    "tags": lambda v, _z, _f: _tr("tags: {tags}").format(tags=_words(v) or _tr("none")),
    "media_id": lambda v, _z, _f: _tr("image {id}").format(id=v) if v else _tr("image removed"),
    "files": lambda v, _z, _f: _tr("from {files}").format(files=_words(v)),
    "hidden": lambda v, _z, _f: _tr("hidden") if v else None,
    "username": lambda v, _z, _f: _tr("user name “{name}”").format(name=v),
    "roles": lambda v, _z, _f: _tr("roles: {roles}").format(roles=_words(v) or _tr("none")),
    "active": lambda v, _z, _f: None if v else _tr("inactive"),
    "where": lambda v, _z, _f: {"app": _tr("in the app"), "cli": _tr("on the command line")}.get(
        v, str(v)
    ),
    "from_name": lambda v, _z, _f: _tr("from {name}").format(name=v),
    "from_user": lambda _v, _z, _f: None,
    "comment_id": lambda v, _z, f: _tr("comment id {n}").format(n=v) if f else None,
    "correction_id": lambda v, _z, f: _tr("correction id {n}").format(n=v) if f else None,
    "parent_id": lambda v, _z, _f: _tr("a reply") if v else None,
    "written": lambda v, _z, _f: _tr("{n} files written").format(n=v),
    "removed": lambda v, _z, _f: _tr("{n} removed").format(n=v),
    "errors": lambda v, _z, _f: _tr("{n} errors").format(n=v) if v else None,
}


_ORDER = {key: i for i, key in enumerate(_DETAILS)}


def _reading_order(key: str) -> tuple[int, str]:
    return (_ORDER.get(key, len(_ORDER)), key)


def details_text(details: dict[str, Any], zone: str, *, full: bool = False) -> str:
    """The details of an event on one line, in the order they matter most to a reader;
    ``full`` adds ids and whole hashes."""
    parts = []
    if "before" in details and "after" in details:
        parts.append(f"{_status(details['before'])} → {_status(details['after'])}")
    for key in sorted(details, key=_reading_order):
        value = details[key]
        if key in ("before", "after") or value is None:
            continue
        if key in _DETAILS:
            text = _DETAILS[key](value, zone, full)
        else:
            text = f"{key.replace('_', ' ')}: {_words(value)}"
        if text:
            parts.append(text)
    return " · ".join(parts)
