"""The one check of the values a person gives that name or address something: refused, not mended.

Python strings can hold what no database or file can store: a lone surrogate (from a
command-line argument that was not valid UTF-8) raises ``UnicodeEncodeError`` deep in a
driver, and control characters (a newline in a user name, an ANSI escape in a display
name) make one thing look like another in a list or a terminal. Texts a person writes
(titles, bodies, tags) are cleaned of such characters when saved (:mod:`app.core.hygiene`);
a name, an address, a filter or a page name is refused instead by :func:`check_text`, since
changing it silently would make it name something else. User names also pass
:func:`user_name`, which refuses a name that only looks like an existing one (Cyrillic
"аdmin" beside Latin "admin").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit

from app.core.errors import PressDeskError
from app.core.i18n import _

_USER_NAME = re.compile(r"[\w.@-]{1,64}")
# Letters of other scripts drawn like Latin ones, as Unicode's confusables list maps them
# (the lower-case forms: names are compared case-folded).
_LOOKS_LATIN = str.maketrans(
    {
        **dict(zip("аеһіјӏорԛѕԝхуԁѵсԍьвкмнт", "aehijlopqswxydvcgbbkmht", strict=True)),
        **dict(zip("αβεικνορτυχ", "abeikvoptux", strict=True)),
    }
)


class InvalidInput(PressDeskError):
    """A value a person gave that Press Desk cannot store or would show misleadingly."""


def check_text(value: str, what: str) -> str:
    """``value`` unchanged when it holds no lone surrogate and no control character."""
    for position, char in enumerate(value):
        category = unicodedata.category(char)
        if category == "Cs":
            raise InvalidInput(
                f"{what} holds an invalid character at position {position + 1} "
                "(text that was not valid UTF-8)"
            )
        if category == "Cc":
            raise InvalidInput(
                f"{what} holds a control character (U+{ord(char):04X}) at position {position + 1}"
            )
    return value


def skeleton(name: str) -> str:
    """What a name looks like: NFKC, case-folded, letters of other scripts as their Latin twins."""
    return unicodedata.normalize("NFKC", name).casefold().translate(_LOOKS_LATIN)


def _scripts(name: str) -> set[str]:
    """The scripts of the letters in ``name`` (LATIN, CYRILLIC, …); digits and marks have none."""
    return {
        unicodedata.name(char, "?").split(" ")[0]
        for char in name
        if unicodedata.category(char).startswith("L")
    }


def user_name(value: str, existing: Iterable[str]) -> str:
    """The user name to store for ``value``, checked against the ``existing`` names.

    The name is NFKC-normalised and must be 1 to 64 letters, digits and ``. @ - _``,
    all of its letters of one script, and must not look like an existing name.
    """
    check_text(value, "a user name")
    name = unicodedata.normalize("NFKC", value)
    if not _USER_NAME.fullmatch(name):
        raise InvalidInput(
            _("{name!r} is not a valid user name (1 to 64 letters, digits, . @ - _)").format(
                name=value
            )
        )
    scripts = _scripts(name)
    if len(scripts) > 1:
        raise InvalidInput(
            _("{name!r} mixes letters of {scripts}: a user name uses one script").format(
                name=value, scripts=" and ".join(sorted(scripts)).lower()
            )
        )
    look = skeleton(name)
    for other in existing:
        if other == name:
            raise InvalidInput(_("user {name!r} already exists").format(name=name))
        if skeleton(other) == look:
            raise InvalidInput(
                _("{name!r} looks the same as the existing user {other!r}").format(
                    name=value, other=other
                )
            )
    return name


def display_name(value: str) -> str:
    """A display name: one line of text without control characters, outer blanks removed."""
    return check_text(value, "a display name").strip()


def base_url(value: str) -> str:
    """The address a site is published at: an absolute http or https URL, without a final /."""
    check_text(value, "the site address")
    try:
        parts = urlsplit(value.strip())
        host = parts.hostname
    except ValueError:
        host = None
    if host is None or parts.scheme not in ("http", "https") or " " in value.strip():
        raise InvalidInput(
            f"{value!r} is not a site address: give an absolute http:// or https:// URL"
        )
    return value.strip().rstrip("/")
