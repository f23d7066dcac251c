"""Find the Markdown files to import under the paths a person gave, as Hugo would see them."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from app.core.importing.errors import ImportFileError
from app.core.importing.fields import language
from app.core.slugs import slugify

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
_BUNDLE_INDEX = re.compile(r"index(?:\.[^.]+)?\.(?:md|markdown)", re.I)
_SECTION_INDEX = re.compile(r"_index(?:\.[^.]+)?\.(?:md|markdown)", re.I)


@dataclass(frozen=True)
class ImportCandidate:
    """A file to import, with what its name and folder say about it.

    ``bundle_slug`` is the slugified folder name when the file is a Hugo page bundle's
    ``index.md`` / ``index.<lang>.md``; ``lang`` is the Babel language code in a
    ``name.<lang>.md`` file name, when Babel knows it.
    """

    path: Path
    bundle_slug: str | None
    lang: str | None


def candidate_for(path: Path) -> ImportCandidate:
    """Describe one file from its name alone (``parse_file`` uses this too)."""
    lang = _name_language(path.name)
    bundle_slug = None
    if _is_bundle_index(path.name):
        bundle_slug = slugify(path.absolute().parent.name) or None
    return ImportCandidate(path, bundle_slug, lang)


def discover(paths: Iterable[Path]) -> list[ImportCandidate]:
    """Every Markdown file to import from ``paths``, each once, in a repeatable order.

    A file given by name is taken whatever its name. A folder is searched recursively for
    ``*.md`` and ``*.markdown``, in the order of the given paths and then by path within each
    folder; hidden files and folders are skipped, and so are Hugo section pages
    (``_index.md``). A folder holding ``index.md`` is a Hugo leaf bundle: its other files,
    Markdown included, belong to that page and are not pages themselves.
    Raises ``ImportFileError`` for a path that does not exist.
    """
    candidates: list[ImportCandidate] = []
    seen: set[Path] = set()
    for given in paths:
        if given.is_dir():
            files = _markdown_files(given)
        elif given.is_file():
            files = [given]
        else:
            raise ImportFileError(given, "no such file or folder")
        for file in files:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                candidates.append(candidate_for(file))
    return candidates


def _markdown_files(root: Path) -> list[Path]:
    found: list[Path] = []
    for folder, dirnames, filenames in os.walk(root):
        markdown = [
            name
            for name in filenames
            if not name.startswith(".")
            and Path(name).suffix.lower() in MARKDOWN_SUFFIXES
            and not _SECTION_INDEX.fullmatch(name)
        ]
        bundle = [name for name in markdown if _is_bundle_index(name)]
        if bundle:
            dirnames.clear()
            markdown = bundle
        else:
            dirnames[:] = [name for name in dirnames if not name.startswith(".")]
        found.extend(Path(folder, name) for name in markdown)
    return sorted(found, key=lambda path: path.relative_to(root).parts)


def _name_language(name: str) -> str | None:
    parts = name.split(".")
    return language(parts[-2]) if len(parts) >= 3 and parts[-2] else None


def _is_bundle_index(name: str) -> bool:
    """``index.md`` or ``index.<lang>.md``, but not ``index.old.md``."""
    return bool(_BUNDLE_INDEX.fullmatch(name)) and (
        name.count(".") == 1 or _name_language(name) is not None
    )
