"""The export as one zip file for upload: the same bytes for the same site."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

from app.core.export.layout import MANIFEST_PATH, resolve_inside
from app.core.ownership import partial_file

# A fixed time for every entry, so the archive depends only on the files.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def write_zip(out: Path, paths: Iterable[str], target: Path) -> None:
    """Packs ``paths`` (relative to ``out``) and the manifest into ``target``, atomically.

    ``target`` was checked by :func:`app.core.ownership.check_target_file` before the
    export began; the exporter's state folder never goes in.
    """
    with (
        partial_file(target, "zip") as partial,
        zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        for relative in sorted({*paths, MANIFEST_PATH}):
            source = resolve_inside(out, relative)
            info = zipfile.ZipInfo(relative, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, source.read_bytes())
