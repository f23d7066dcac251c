"""Writing an exchange file (TMX, CSV) whole or not at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from app.core.errors import PressDeskError


@contextmanager
def replacing(path: Path, *, encoding: str, newline: str | None = None) -> Iterator[TextIO]:
    """A text file that takes the place of ``path`` only when the block ends without error."""
    path = path.expanduser()
    folder = path.resolve().parent
    if not folder.is_dir():
        raise PressDeskError(f"cannot write {path}: folder {folder} does not exist")
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.")
    try:
        with open(descriptor, "w", encoding=encoding, newline=newline) as handle:
            yield handle
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
