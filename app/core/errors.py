"""Errors the core raises for a person to read: one clear line, never a traceback."""


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
