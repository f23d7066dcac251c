"""The export as one zip file for upload: the same bytes for the same site."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterable
from pathlib import Path

from app.core.errors import PressDeskError
from app.core.export.layout import MANIFEST_PATH, resolve_inside

# A fixed time for every entry, so the archive depends only on the files.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def write_zip(out: Path, paths: Iterable[str], target: Path) -> None:
    """Packs ``paths`` (relative to ``out``) and the manifest into ``target``, atomically."""
    target = target.expanduser().absolute()
    if not target.parent.is_dir():
        raise PressDeskError(f"cannot write {target}: folder {target.parent} does not exist")
    partial = target.with_name(target.name + ".partial")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for relative in sorted({*paths, MANIFEST_PATH}):
                source = resolve_inside(out, relative)
                info = zipfile.ZipInfo(relative, date_time=_ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, source.read_bytes())
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
