"""The log file in the user's state folder, where unexpected errors leave their tracebacks."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

import platformdirs

FILE_NAME = "pressdesk.log"
MAX_BYTES = 1_000_000
KEEP = 3

log = logging.getLogger("pressdesk")


class _LogFile(logging.handlers.RotatingFileHandler):
    """Press Desk's own log file, told apart from handlers others may have added."""


def default_log_path() -> Path:
    """``~/.local/state/pressdesk/log/pressdesk.log`` on Linux (``XDG_STATE_HOME``)."""
    return platformdirs.user_log_path("pressdesk", appauthor=False) / FILE_NAME


def start_log_file(path: Path | None = None) -> Path | None:
    """Sends warnings and errors of every logger to the log file (once); returns its path.

    Returns None when the file cannot be opened: the program runs on without it.
    """
    path = path or default_log_path()
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, _LogFile) and Path(handler.baseFilename) == path:
            return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _LogFile(path, maxBytes=MAX_BYTES, backupCount=KEEP, encoding="utf-8")
    except OSError:
        return None
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if root.level > logging.WARNING or root.level == logging.NOTSET:
        root.setLevel(logging.WARNING)
    return path


def current_log_path() -> Path | None:
    """The log file errors go to, if one was started."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, _LogFile):
            return Path(handler.baseFilename)
    return None


def log_error(error: BaseException, doing: str) -> None:
    """Writes an unexpected error with its traceback to the log."""
    log.error(
        "unexpected error while %s", doing, exc_info=(type(error), error, error.__traceback__)
    )
