"""Find the Markdown and Word files to import under the paths a person gave, as Hugo would."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from app.core.importing.errors import ImportFileError
from app.core.importing.fields import language
from app.core.slugs import slugify

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
WORD_SUFFIX = ".docx"
_BUNDLE_INDEX = re.compile(r"index(?:\.[^.]+)?\.(?:md|markdown)", re.I)
_SECTION_INDEX = re.compile(r"_index(?:\.[^.]+)?\.(?:md|markdown)", re.I)


@dataclass(frozen=True)
class ImportCandidate:
    """A file to import, with what its name and folder say about it.

    ``bundle_slug`` is the slugified folder name when the file is a Hugo page bundle's
    ``index.md`` / ``index.<lang>.md``; ``lang`` is the Babel language code in a
    ``name.<lang>.md`` file name, when Babel knows it. ``root`` is the resolved folder the
    file was found in (a file given by name: its own folder), the one folder its images may
    come from; ``origin`` is the file's path inside it, led by the folder's name
    (``content/posts/a.md``): what identifies the file when it is imported again.
    """

    path: Path
    bundle_slug: str | None
    lang: str | None
    root: Path | None = None
    origin: str = ""

    @property
    def is_word(self) -> bool:
        return self.path.suffix.lower() == WORD_SUFFIX


@dataclass
class Discovery:
    """The files to import, and what was left out with the reason, one line each."""

    candidates: list[ImportCandidate] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    errors: list[ImportFileError] = field(default_factory=list)


def candidate_for(
    path: Path, root: Path | None = None, inside: Path | None = None
) -> ImportCandidate:
    """Describe one file from its name and place (``parse_file`` uses this too).

    ``root`` defaults to the file's own folder, and ``inside``, the file's path in it, to
    its name.
    """
    lang = _name_language(path.name)
    bundle_slug = None
    if _is_bundle_index(path.name):
        bundle_slug = slugify(path.absolute().parent.name) or None
    root = root or path.absolute().parent.resolve()
    origin = Path(root.name, inside or path.name).as_posix()
    return ImportCandidate(path, bundle_slug, lang, root, unicodedata.normalize("NFC", origin))


def discover(paths: Iterable[Path]) -> Discovery:
    """Every Markdown and Word file to import from ``paths``, each once, in a repeatable order.

    A file given by name is taken whatever its name. A folder is searched recursively for
    ``*.md``, ``*.markdown`` and ``*.docx``, in the order of the given paths and then by path
    within each folder; hidden files and folders are skipped, and so are Hugo section pages
    (``_index.md``) and Word's lock files (``~$name.docx``). A folder holding ``index.md`` is
    a Hugo leaf bundle: its other files, Markdown included, belong to that page and are not
    pages themselves. Only regular files are taken (a pipe would block the import forever),
    and none that a symbolic link leads to from outside the folder. A path that does not
    exist is an error of its own; the others are still found.
    """
    found = Discovery()
    seen: set[Path] = set()
    for given in paths:
        if given.is_dir():
            root = given.resolve()
            files = _files_in(given, found.skipped)
        elif given.is_file():
            root, files = given.resolve().parent, [given]
        elif given.exists():
            found.errors.append(ImportFileError(given, "not a regular file (a pipe or device)"))
            continue
        else:
            found.errors.append(ImportFileError(given, "no such file or folder"))
            continue
        for file in files:
            key = file.resolve()
            if not key.is_relative_to(root):
                found.skipped.append(f"{file}: skipped: a link to a file outside {given}")
            elif key not in seen:
                seen.add(key)
                inside = file.relative_to(given) if file != given else Path(key.name)
                found.candidates.append(candidate_for(file, root, inside))
    return found


def _files_in(root: Path, skipped: list[str]) -> list[Path]:
    found: list[Path] = []
    for folder, dirnames, filenames in os.walk(root):
        markdown = [
            name
            for name in filenames
            if not name.startswith((".", "~$"))
            and Path(name).suffix.lower() in (*MARKDOWN_SUFFIXES, WORD_SUFFIX)
            and not _SECTION_INDEX.fullmatch(name)
        ]
        for name in [n for n in markdown if not Path(folder, n).is_file()]:
            skipped.append(f"{Path(folder, name)}: skipped: not a regular file (a pipe or device)")
            markdown.remove(name)
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
