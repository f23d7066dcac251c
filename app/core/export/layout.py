"""Where each page of the exported site lives under OUT: paths built only from core-made slugs."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from functools import lru_cache
from pathlib import Path, PurePosixPath

from app.core.errors import PressDeskError
from app.core.slugs import portable_file_stem, slugify

STATE_DIR = ".pressdesk"
MANIFEST_PATH = "manifest.json"


def article_path(lang: str, local_date: datetime, slug: str) -> str:
    return f"{lang}/{local_date.year:04d}/{local_date.month:02d}/{portable_file_stem(slug)}.html"


def index_path(lang: str, page: int) -> str:
    """The front page (0) of a language's newest statements, or a page counted from the
    oldest (1, 2 …), whose address keeps what it shows as new statements arrive."""
    return f"{lang}/index.html" if page == 0 else f"{lang}/page/{page}.html"


def archive_path(lang: str, year: int, month: int) -> str:
    return f"{lang}/archive/{year:04d}-{month:02d}.html"


def feed_path(lang: str) -> str:
    return f"{lang}/feed.xml"


def media_path(file_name: str) -> str:
    return f"media/{file_name}"


# Smaller copies of lead images for lists and phones; never wider than the original.
VARIANT_WIDTHS = (480, 960)


def variant_name(file_name: str, width: int) -> str:
    stem, _, extension = file_name.rpartition(".")
    return f"{stem}-w{width}.{extension}"


def variant_widths(original_width: int) -> tuple[int, ...]:
    return tuple(w for w in VARIANT_WIDTHS if w < original_width)


_BODY_MEDIA = re.compile(r'media/([0-9a-f]{64}\.(?:png|jpg|jpeg|gif|webp))"')


def media_in_html(html: str) -> set[str]:
    """Media file names (``<sha256>.<ext>``) that a rendered body shows."""
    return set(_BODY_MEDIA.findall(html))


def tag_stems(names: list[str]) -> dict[str, str]:
    """A distinct, portable file stem for every tag name, stable for a given set of names.

    Tags that slugify alike ("Economy", "economy") or to nothing (emoji) get a short
    hash of their name, so no two tags share a page.
    """
    stems: dict[str, str] = {}
    used: set[str] = set()
    for name in sorted(names):
        stem = slugify(name, max_length=60)
        if not stem or stem in used:
            digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]
            stem = f"{stem}-{digest}" if stem else f"tag-{digest}"
        stems[name] = portable_file_stem(stem)
        used.add(stems[name])
    return stems


def tag_path(lang: str, stem: str, page: int = 0) -> str:
    """A topic's front page (0), or one of its pages counted from the oldest."""
    return f"{lang}/tags/{stem}.html" if page == 0 else f"{lang}/tags/{stem}/{page}.html"


def resolve_inside(out: Path, relative: str) -> Path:
    """The file for ``relative`` under ``out``; refuses anything that would land outside it.

    The folder must resolve (symbolic links followed) inside ``out``. The file itself may
    be a link: it is replaced by a rename or removed, never written through.
    """
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or "\\" in relative or not pure.parts:
        raise PressDeskError(f"refusing to write {relative!r}: not a path inside the export folder")
    target = out.joinpath(*pure.parts)
    if not _resolved(target.parent).is_relative_to(_resolved(out)):
        raise PressDeskError(f"refusing to write {relative!r}: it leads outside the export folder")
    return target


@lru_cache(maxsize=4096)
def _resolved(folder: Path) -> Path:
    # Pages share a few hundred folders; resolving each once saves two lstat() per part.
    return folder.resolve()


def forget_resolved_folders() -> None:
    """Folders may have been moved or replaced since the last run: resolve them afresh."""
    _resolved.cache_clear()
