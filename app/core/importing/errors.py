"""The errors Markdown import raises: one line a person can act on, naming the file."""

from __future__ import annotations

from pathlib import Path


class FrontMatterError(ValueError):
    """Something in a file's text is wrong; the caller adds which file."""


class ImportFileError(Exception):
    """A file cannot be imported; ``str()`` is the one line ``"PATH: reason"``."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        # Parser messages span lines; the command line and dialogs show exactly one.
        self.reason = " ".join(reason.split())
        super().__init__(f"{path}: {self.reason}")


class SkippedFile(ImportFileError):
    """A file that says it is not to be imported (Pelican's ``Status: skip``)."""
