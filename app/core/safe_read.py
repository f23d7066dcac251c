"""Reading a file a person pointed at: only a regular file, its size checked before reading.

A FIFO would block the read forever and a device never ends; a sparse file claims
gigabytes it would take to read. Opening without blocking and asking the open file what it
is leaves no gap between the check and the read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from app.core.errors import PressDeskError


class UnreadableFile(PressDeskError):
    """The file is not a regular file, is too large, or cannot be read; ``str()`` says why."""


def read_limited(path: Path, max_bytes: int, what: str = "file") -> bytes:
    """The bytes of ``path``, a regular file of at most ``max_bytes``; else UnreadableFile."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise UnreadableFile(f"cannot read the {what}: {error.strerror or error}") from error
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(f"not a regular {what} (a folder, pipe or device)")
        if info.st_size > max_bytes:
            raise UnreadableFile(f"the {what} is larger than {_size(max_bytes)}")
        chunks: list[bytes] = []
        left = max_bytes + 1
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as error:
        raise UnreadableFile(f"cannot read the {what}: {error.strerror or error}") from error
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > max_bytes:  # it grew while being read
        raise UnreadableFile(f"the {what} is larger than {_size(max_bytes)}")
    return data


def _size(count: int) -> str:
    return f"{count // (1024 * 1024)} MB" if count >= 1024 * 1024 else f"{count // 1024} KB"
