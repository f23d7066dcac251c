"""Password hashes with scrypt, a memory-hard function from the standard library."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from app.core.errors import PressDeskError
from app.core.i18n import _, ngettext

# 16 MiB of memory per hash (128 · n · r bytes): slow to guess in bulk, quick enough to sign in.
_N, _R, _P = 2**14, 8, 1
_KEY_BYTES = 32
MIN_LENGTH = 8


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * n * r, dklen=_KEY_BYTES
    )


def check_new_password(password: str) -> None:
    """Refuses a password too short to protect an office's publishing rights."""
    if len(password) < MIN_LENGTH:
        raise PressDeskError(
            ngettext(
                "a password needs at least {count} character",
                "a password needs at least {count} characters",
                MIN_LENGTH,
            ).format(count=MIN_LENGTH)
        )
    if any(ord(c) < 32 or ord(c) == 127 for c in password):
        raise PressDeskError(_("a password cannot contain control characters"))


def hash_password(password: str) -> str:
    """``scrypt$n$r$p$salt$key``: the parameters travel with the hash so they can grow later."""
    salt = secrets.token_bytes(16)
    key = _derive(password, salt, _N, _R, _P)
    return f"scrypt${_N}${_R}${_P}${_b64(salt)}${_b64(key)}"


def verify_password(password: str, stored: str | None) -> bool:
    """True when ``password`` is the one ``stored`` was made from (in constant time)."""
    if not stored:
        return False
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != "scrypt":
            return False
        derived = _derive(password, base64.b64decode(salt), int(n), int(r), int(p))
        return hmac.compare_digest(derived, base64.b64decode(key))
    except (ValueError, TypeError):
        return False
