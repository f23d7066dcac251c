"""The render cache: sanitised body HTML, stored once per content hash, language and renderer."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.models import RenderedBody, Revision
from app.core.render.markdown import RENDERER_VERSION

_CHUNK = 400

Key = tuple[str, str]  # (content hash, language)


def cached(session: Session, keys: Iterable[Key]) -> dict[Key, str]:
    """The bodies already rendered by this renderer version, for the keys that have one.

    Looked up by hash alone on purpose: SQLite answers ``(hash, lang) IN (…)`` with a
    full scan of the cache.
    """
    wanted = set(keys)
    hashes = sorted({content_hash for content_hash, _ in wanted})
    found: dict[Key, str] = {}
    for start in range(0, len(hashes), _CHUNK):
        for content_hash, lang, html in session.execute(
            select(RenderedBody.content_hash, RenderedBody.lang, RenderedBody.html).where(
                RenderedBody.renderer_version == RENDERER_VERSION,
                RenderedBody.content_hash.in_(hashes[start : start + _CHUNK]),
            )
        ):
            if (content_hash, lang) in wanted:
                found[(content_hash, lang)] = html
    return found


def sources(session: Session, hashes: Iterable[str]) -> dict[str, str]:
    """The Markdown body for each content hash (any revision with that hash has the same body)."""
    wanted = sorted(set(hashes))
    bodies: dict[str, str] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        for content_hash, body in session.execute(
            select(Revision.content_hash, Revision.body).where(Revision.content_hash.in_(chunk))
        ):
            bodies.setdefault(content_hash, body)
    return bodies


def store(session: Session, rendered: dict[Key, str]) -> None:
    """Remembers freshly rendered bodies; a body someone else stored meanwhile is kept."""
    if not rendered:
        return
    rows = [
        {"content_hash": h, "lang": lang, "renderer_version": RENDERER_VERSION, "html": html}
        for (h, lang), html in sorted(rendered.items())
    ]
    # The dialect's own INSERT (imported here: a read-only run needs neither).
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    for start in range(0, len(rows), _CHUNK):
        session.execute(insert(RenderedBody).on_conflict_do_nothing(), rows[start : start + _CHUNK])
