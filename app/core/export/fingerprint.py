"""Fingerprints of planned pages: equal exactly when everything the page shows is equal.

The same statement appears on many pages (its sidebar links, index and archive entries),
so each link is digested once and pages combine the digests of their parts.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from app.core.export.site import PlannedPage
from app.core.render.views import ArticleView, LinkView


class Fingerprinter:
    def __init__(self, base: bytes) -> None:
        # Everything every page depends on: theme files, renderer and export versions, site.
        self.base = hashlib.blake2b(base, digest_size=16).digest()
        # Keyed by id(); the value keeps the object alive, so an id is never reused.
        self._parts: dict[int, tuple[object, bytes]] = {}

    def _part(self, value: object) -> bytes:
        known = self._parts.get(id(value))
        if known is not None:
            return known[1]
        digest = hashlib.blake2b(repr(value).encode(), digest_size=16).digest()
        self._parts[id(value)] = (value, digest)
        return digest

    def _links(self, links: tuple[LinkView, ...]) -> bytes:
        return b"".join(self._part(link) for link in links)

    def page(self, page: PlannedPage) -> str:
        digest = hashlib.blake2b(self.base, digest_size=20)
        digest.update(f"{page.kind}|{page.path}|{page.body!r}|".encode())
        view = page.view
        if isinstance(view, ArticleView):
            digest.update(repr(replace(view, related=())).encode())
            digest.update(self._links(view.related))
        elif hasattr(view, "items"):
            months = getattr(view, "months", ())
            digest.update(
                repr(replace(view, items=(), **({"months": ()} if months else {}))).encode()
            )
            digest.update(self._links(view.items))
            digest.update(self._part(months) if months else b"")
        else:
            digest.update(repr(view).encode())
        return digest.hexdigest()
