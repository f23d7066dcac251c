"""Smaller copies of lead images for the export, kept in the user's cache folder between runs.

Resizing costs milliseconds per image and gives the same bytes every time, so an export
into a new folder reuses the copies an earlier export made. Each cached file starts with
the SHA-256 of the copy: a damaged file is noticed and made again.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import platformdirs
from PIL import __version__ as PILLOW_VERSION

from app.core.media import resized

# Bump when resized() makes different bytes for the same image and width.
VARIANT_VERSION = 1
_DIGEST = 32


def cache_dir() -> Path:
    return platformdirs.user_cache_path("pressdesk", appauthor=False) / "image-variants"


def variant(data: bytes, name: str, width: int) -> bytes:
    """``resized(data, width)`` for the stored image ``name`` (``<sha256>.<ext>``)."""
    path = cache_dir() / f"{name}.{width}w.v{VARIANT_VERSION}-pillow{PILLOW_VERSION}"
    try:
        kept = path.read_bytes()
    except OSError:
        kept = b""
    if len(kept) > _DIGEST and hashlib.sha256(kept[_DIGEST:]).digest() == kept[:_DIGEST]:
        return kept[_DIGEST:]
    small = resized(data, width)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(f"{path.name}.{os.getpid()}.part")
        part.write_bytes(hashlib.sha256(small).digest() + small)
        os.replace(part, path)
    except OSError:
        pass  # a cache that cannot be written only costs the next export the resizing
    return small
