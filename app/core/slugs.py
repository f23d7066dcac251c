"""URL slugs from titles in any script, and file names that are safe on every desktop system.

Transliteration: Tajik and Russian Cyrillic use our own table (the usual press practice:
ж→zh, х→kh, ц→ts, ч→ch, ш→sh, щ→shch, ю→yu, я→ya, й→y, ы→y, ь/ъ dropped, and ё→yo rather
than e, because Tajik spells ё as a distinct letter: "Паёми" is "payomi", never "paemi").
The Tajik letters ғ→gh, ӣ→i, қ→q, ӯ→u, ҳ→h, ҷ→j follow the official Latin spellings
("Тоҷикистон" → "tojikiston"). Every other script goes through text-unidecode.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from text_unidecode import unidecode

DEFAULT_MAX_LENGTH = 80
FILE_STEM_MAX_LENGTH = 80

_CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    # Tajik
    "ғ": "gh",
    "ӣ": "i",
    "қ": "q",
    "ӯ": "u",
    "ҳ": "h",
    "ҷ": "j",
}

# Apostrophes vanish instead of splitting a word: "Don't" → "dont", not "don-t".
_APOSTROPHES = re.compile(r"['`ʼʻ‘’]")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# An address kept as another site gave it ("python-on-mac-osx-10.8", "Annual_Report"):
# ASCII letters, digits, "-", "_" and ".", never starting with a dot.
_KEPT_SLUG = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_.-]*")

# Windows refuses these as a file's stem whatever the extension and letter case.
# COM0/LPT0 and the superscript variants are in Microsoft's current list too.
_WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in "0123456789¹²³"}
)
_FORBIDDEN_IN_FILE_NAMES = frozenset('<>:"/\\|?*')
# Appended to a reserved stem. slugify() never emits "_", so "con_" cannot be another slug.
_RESERVED_SUFFIX = "_"


def slugify(title: str, max_length: int = DEFAULT_MAX_LENGTH) -> str:
    """Return the ASCII slug of ``title`` (``[a-z0-9]`` words joined by ``-``), or ``""``.

    The slug is cut at a word boundary to at most ``max_length`` characters; a single word longer
    than that is cut hard. An empty result (punctuation, emoji) lets the caller fall back.
    """
    if max_length < 1:
        raise ValueError("max_length must be at least 1")
    text = unicodedata.normalize("NFKC", title)
    # Format characters (zero-width, bidi overrides, soft hyphen) are invisible: drop them.
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf").lower()
    text = "".join(_transliterate(ch) for ch in text).lower()
    slug = _NOT_SLUG.sub("-", _APOSTROPHES.sub("", text)).strip("-")
    return _cut(slug, max_length)


def unique_slug(
    base: str,
    is_taken: Callable[[str], bool],
    *,
    fallback: str = "statement",
    max_length: int = DEFAULT_MAX_LENGTH,
) -> str:
    """Return ``base`` as a slug, or ``base-2``, ``base-3`` … the first one not taken.

    ``base`` may be a title or a slug (slugify is idempotent on slugs); when it yields nothing,
    ``fallback`` is used instead. Suffixes shorten the base at a word boundary so the result
    stays within ``max_length``. ``is_taken`` is asked once per candidate, in order.
    """
    slug = slugify(base, max_length) or slugify(fallback, max_length)
    if not slug:
        raise ValueError(f"fallback {fallback!r} gives an empty slug")
    if not is_taken(slug):
        return slug
    n = 2
    while True:
        suffix = f"-{n}"
        room = max_length - len(suffix)
        if room < 1:
            raise ValueError(f"max_length {max_length} leaves no room for the suffix {suffix!r}")
        candidate = _cut(slug, room) + suffix
        if not is_taken(candidate):
            return candidate
        n += 1


def portable_file_stem(slug: str) -> str:
    """Return a file stem for ``slug`` that Windows, macOS and Linux all accept.

    A valid slug of at most 80 characters is returned unchanged unless it is a Windows reserved
    device name, which gets ``_`` appended (``con`` → ``con_``, ``lpt1`` → ``lpt1_``); since
    slugs never contain ``_`` this cannot collide with another slug. Anything else is slugified
    first. Raises ``ValueError`` when nothing usable is left.
    """
    stem = (
        slug if _SLUG.fullmatch(slug) or is_safe_slug(slug) else slugify(slug, FILE_STEM_MAX_LENGTH)
    )
    stem = _cut(stem, FILE_STEM_MAX_LENGTH)
    if not stem:
        raise ValueError(f"{slug!r} has no characters usable in a file name")
    if stem.upper() in _WINDOWS_RESERVED:
        stem += _RESERVED_SUFFIX
    return stem


def is_safe_slug(slug: str, max_length: int = DEFAULT_MAX_LENGTH) -> bool:
    """Tell whether ``slug`` can be a page's address as it is, on the web and on every disk.

    Letters, digits, ``-``, ``_`` and ``.`` (not first), at most ``max_length`` of them,
    and no Windows device name, even with the ``_`` :func:`portable_file_stem` adds to
    one: ``con`` and ``con_`` are both refused, so no kept slug can share a file with a
    slug made from a title.
    """
    if len(slug) > max_length or not _KEPT_SLUG.fullmatch(slug):
        return False
    return slug.split(".", 1)[0].rstrip("_").upper() not in _WINDOWS_RESERVED


def is_portable_file_stem(name: str) -> bool:
    """Tell whether ``name`` is a file name every desktop system accepts and keeps in its folder.

    Rejects empty names, ``.`` and ``..``, path separators and other characters Windows forbids,
    control characters, a trailing dot or space, Windows device names (``CON``, ``nul.txt``,
    ``Com1 .html`` …) and names longer than 80 characters.
    """
    if not name or len(name) > FILE_STEM_MAX_LENGTH or name in {".", ".."}:
        return False
    if any(ch in _FORBIDDEN_IN_FILE_NAMES or ord(ch) < 32 or ch == "\x7f" for ch in name):
        return False
    if name[-1] in ". ":
        return False
    # Windows ignores everything from the first dot, and trailing spaces before it.
    device = name.split(".", 1)[0].rstrip(" ").upper()
    return device not in _WINDOWS_RESERVED


def _transliterate(ch: str) -> str:
    if ch.isascii():
        return ch
    mapped = _CYRILLIC.get(ch)
    if mapped is not None:
        return mapped
    return unidecode(ch)


def _cut(slug: str, max_length: int) -> str:
    """Shorten ``slug`` to ``max_length`` at a ``-`` if there is one, else mid-word."""
    if len(slug) <= max_length:
        return slug
    head = slug[: max_length + 1]
    if head[-1] == "-":
        return head[:-1].rstrip("-")
    boundary = head.rfind("-")
    cut = head[:boundary] if boundary > 0 else head[:max_length]
    return cut.strip("-")
