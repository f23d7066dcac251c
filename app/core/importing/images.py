"""Find the images a Markdown body refers to by relative path, and the files they name."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

# Fenced blocks and code spans show Markdown as text; images there are not images.
_FENCED_CODE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}\1[ \t]*$|\Z)", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_ALT = r"\[((?:[^\[\]\\]|\\.|\[[^\]]*\])*)\]"
_DESTINATION = r"(<[^>\n]*>|[^\s()<>]+(?:\([^\s()]*\)[^\s()<>]*)*)"
_TITLE = r"""(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?"""
_INLINE_IMAGE = re.compile(rf"!{_ALT}\(\s*{_DESTINATION}{_TITLE}\s*\)")
_REFERENCE_IMAGE = re.compile(rf"!{_ALT}(?:\[([^\]]*)\])?")
_DEFINITION = re.compile(rf"^ {{0,3}}\[([^\]]+)\]:[ \t]*{_DESTINATION}", re.M)
# Anything with a scheme (http:, data:, c:) or rooted at / is not relative to the file.
_NOT_RELATIVE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|/|\\)")
# Pelican's placeholders: {static}/x is relative to the content root, {static}x to the file.
_PELICAN_PLACEHOLDER = re.compile(r"^\{(?:static|attach|filename)\}")


def image_references(body: str) -> list[str]:
    """The relative image paths in ``body`` as written, first appearance first, no repeats.

    Covers inline images ``![alt](path "title")`` and reference images ``![alt][label]``
    whose definition ``[label]: path`` is in the body. Absolute URLs, ``data:`` and
    site-rooted paths are left out: they are not files beside the document.
    """
    body = _CODE_SPAN.sub("", _FENCED_CODE.sub("", body))
    definitions: dict[str, str] = {}
    for match in _DEFINITION.finditer(body):
        definitions.setdefault(_label(match.group(1)), match.group(2))
    found: list[tuple[int, str]] = [(m.start(), m.group(2)) for m in _INLINE_IMAGE.finditer(body)]
    for match in _REFERENCE_IMAGE.finditer(body):
        if body.startswith("(", match.end()) and match.group(2) is None:
            continue
        label = _label(match.group(2) or match.group(1))
        if label in definitions:
            found.append((match.start(), definitions[label]))
    references: list[str] = []
    for _, destination in sorted(found):
        reference = destination[1:-1] if destination.startswith("<") else destination
        if reference and reference not in references and _is_relative(reference):
            references.append(reference)
    return references


class ImageRefused(Exception):
    """The reference names a file outside the folder being imported."""


def resolve_image(reference: str, folder: Path, root: Path) -> Path | None:
    """The regular file ``reference`` names, seen from the document's ``folder``, or ``None``.

    Percent-escapes are decoded and a ``?query`` or ``#fragment`` is dropped. Pelican's
    ``{static}/path`` is looked up in each folder from the document's up to ``root``, nearest
    first. Only files inside ``root`` (a resolved folder) are taken: a path that leads out of
    it, by ``..`` or a symbolic link, raises :class:`ImageRefused`, so that no photo or scan
    elsewhere on the computer is published by a reference in a file.
    """
    if not _is_relative(reference):
        return None
    placeholder = _PELICAN_PLACEHOLDER.match(reference)
    path_text = unquote(re.split(r"[?#]", reference[placeholder.end() if placeholder else 0 :])[0])
    if not path_text:
        return None
    relative = PurePosixPath(path_text)
    folder = folder.absolute()
    if placeholder and relative.is_absolute():
        relative = relative.relative_to("/")
        bases = [folder, *folder.parents]
        bases = bases[: next((i + 1 for i, b in enumerate(bases) if b.resolve() == root), 1)]
    else:
        bases = [folder]
    for base in bases:
        candidate = base.joinpath(*relative.parts).resolve()
        if not candidate.is_relative_to(root):
            raise ImageRefused(reference)
        if candidate.is_file():
            return candidate
    return None


def _is_relative(reference: str) -> bool:
    return not _NOT_RELATIVE.match(reference)


def _label(label: str) -> str:
    return " ".join(label.split()).casefold()
