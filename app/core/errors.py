"""Errors the core raises for a person to read: one clear line, never a traceback."""

from __future__ import annotations

import traceback
from dataclasses import dataclass


class PressDeskError(Exception):
    """A failure caused by input or environment, reported to the user as its message."""


class DatabaseError(PressDeskError):
    """The database cannot be opened, read or written."""


class SchemaTooNewError(DatabaseError):
    """The database was written by a newer Press Desk and is left untouched."""


class ConflictError(PressDeskError):
    """Someone else saved the same text first (optimistic locking)."""


class NotFoundError(PressDeskError):
    """A statement, text, revision or user that was asked for does not exist."""


class PermissionDenied(PressDeskError):
    """The acting user's roles do not allow the operation."""


@dataclass(frozen=True, slots=True)
class ErrorReport:
    """What to tell a person about an exception: one clear line, and details for a bug report."""

    message: str
    # The traceback of an unexpected error; empty for a PressDeskError, whose message is all.
    details: str

    @property
    def expected(self) -> bool:
        return not self.details


def describe_error(
    error: BaseException, doing: str, unexpected: str = "Something went wrong while {doing}."
) -> ErrorReport:
    """A PressDeskError's own message; for anything else ``unexpected`` and the traceback.

    ``doing`` says what was being done ("saving the statement"); ``unexpected`` is the
    sentence around it, in the interface language.
    """
    if isinstance(error, PressDeskError):
        return ErrorReport(str(error), "")
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return ErrorReport(unexpected.format(doing=doing), details)
