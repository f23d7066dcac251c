"""Audit events in words: what each action is called, and its details as a line a person reads
("RU · revision 12 · text 3f2a1b9c0d", "In review → Approved") instead of JSON."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from app.core.i18n import N_, NC_, _, full_moment, ngettext, number, pgettext
from app.core.models import Status
from app.ui.statements.model import status_label

#: Characters of a content hash shown (enough to tell revisions apart by eye).
HASH_PREVIEW = 10


_ACTIONS = {
    "workflow.submitted": NC_("audit action", "Submitted for review"),
    "workflow.approved": NC_("audit action", "Approved"),
    "workflow.sent_back": NC_("audit action", "Sent back"),
    "workflow.status": NC_("audit action", "Status changed"),
    "workflow.scheduled": NC_("audit action", "Scheduled"),
    "workflow.unscheduled": NC_("audit action", "Taken off the schedule"),
    "workflow.published": NC_("audit action", "Published"),
    "workflow.withdrawn": NC_("audit action", "Withdrawn"),
    "approval.voided": NC_("audit action", "Approval voided by an edit"),
    "checklist.overridden": NC_("audit action", "Checklist overridden"),
    "publication.updated": NC_("audit action", "Published texts updated"),
    "publication.corrected": NC_("audit action", "Correction published"),
    "publish.failed": NC_("audit action", "Publishing failed"),
    "comment.added": NC_("audit action", "Comment added"),
    "comment.edited": NC_("audit action", "Comment edited"),
    "comment.resolved": NC_("audit action", "Comment thread resolved"),
    "comment.reopened": NC_("audit action", "Comment thread reopened"),
    "statement.created": NC_("audit action", "Statement created"),
    "statement.slug": NC_("audit action", "Address changed"),
    "statement.tags": NC_("audit action", "Tags changed"),
    "statement.image": NC_("audit action", "Lead image changed"),
    "statement.imported": NC_("audit action", "Imported"),
    "import.published": NC_("audit action", "Imported as published"),
    "export": NC_("audit action", "Website exported"),
    "presence.taken_over": NC_("audit action", "Took over editing"),
    "user.added": NC_("audit action", "User added"),
    "user.roles": NC_("audit action", "Roles changed"),
    "user.password": NC_("audit action", "Password set"),
    "user.signed_in": NC_("audit action", "Signed in"),
    "user.sign_in_failed": NC_("audit action", "Sign-in failed"),
    "demo.written": NC_("audit action", "Demo statements written"),
}

_FAMILIES = {
    "workflow": N_("Workflow"),
    "approval": N_("Voided approvals"),
    "checklist": N_("Checklist overrides"),
    "publication": N_("Publications"),
    "publish": N_("Publishing failures"),
    "comment": N_("Comments"),
    "statement": N_("Statement changes"),
    "import": N_("Imports"),
    "export": N_("Exports"),
    "presence": N_("Take-overs"),
    "user": N_("Users and sign-in"),
    "demo": N_("Demo content"),
}


def action_label(action: str) -> str:
    """ "workflow.approved" → "Approved"; an action this version does not know, as it is."""
    return pgettext("audit action", _ACTIONS[action]) if action in _ACTIONS else action


def family_of(action: str) -> str:
    return action.split(".", 1)[0]


def family_label(family: str) -> str:
    return _(_FAMILIES[family]) if family in _FAMILIES else family


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
        return full_moment(datetime.fromisoformat(str(value)), zone)
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
    "revision_id": lambda v, _z, f: _("revision id {n}").format(n=v) if f else None,
    "content_hash": lambda v, _z, f: _("text {hash}").format(hash=_hash(v, f)),
    "hashes": lambda v, _z, f: _("texts {hashes}").format(hashes=_hashes(v, f)),
    "approved": lambda v, _z, f: _("approved {hashes}").format(hashes=_hashes(v, f)),
    "now": lambda v, _z, f: _("now {hashes}").format(hashes=_hashes(v, f)),
    "comment": lambda v, _z, _f: f"“{v}”" if v else None,
    "reason": lambda v, _z, _f: _("reason: “{reason}”").format(reason=v) if v else None,
    "failures": lambda v, _z, _f: _("failed: {items}").format(items="; ".join(v)) if v else None,
    "at": lambda v, z, _f: _("for {when}").format(when=_moment(v, z)),
    "embargo": lambda v, z, _f: _("embargo until {when}").format(when=_moment(v, z)) if v else None,
    "since": lambda v, z, _f: _("open since {when}").format(when=_moment(v, z)),
    "published_at": lambda v, z, _f: _("published {when}").format(when=_moment(v, z)),
    "delay_seconds": lambda v, _z, _f: (
        ngettext("{n} second late", "{n} seconds late", v).format(n=number(v)) if v else None
    ),
    "slug": lambda v, _z, _f: _("address “{slug}”").format(slug=v),
    "tags": lambda v, _z, _f: _("tags: {tags}").format(tags=_words(v) or _("none")),
    "media_id": lambda v, _z, _f: _("image {id}").format(id=v) if v else _("image removed"),
    "files": lambda v, _z, _f: _("from {files}").format(files=_words(v)),
    "hidden": lambda v, _z, _f: _("hidden") if v else None,
    "username": lambda v, _z, _f: _("user name “{name}”").format(name=v),
    "roles": lambda v, _z, _f: _("roles: {roles}").format(roles=_words(v) or _("none")),
    "active": lambda v, _z, _f: None if v else _("inactive"),
    "where": lambda v, _z, _f: {"app": _("in the app"), "cli": _("on the command line")}.get(
        v, str(v)
    ),
    "from_name": lambda v, _z, _f: _("from {name}").format(name=v),
    "from_user": lambda _v, _z, _f: None,
    "comment_id": lambda v, _z, f: _("comment id {n}").format(n=v) if f else None,
    "correction_id": lambda v, _z, f: _("correction id {n}").format(n=v) if f else None,
    "parent_id": lambda v, _z, _f: _("a reply") if v else None,
    "written": lambda v, _z, _f: ngettext("{n} file written", "{n} files written", v).format(
        n=number(v)
    ),
    "removed": lambda v, _z, _f: ngettext("{n} removed", "{n} removed", v).format(n=number(v)),
    "errors": lambda v, _z, _f: (
        ngettext("{n} error", "{n} errors", v).format(n=number(v)) if v else None
    ),
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
