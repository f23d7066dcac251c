"""Fingerprints of planned pages: equal exactly when everything the page shows is equal.

The same statement appears on many pages (its sidebar links, index and archive entries),
so each part is digested once and pages combine the digests of their parts. Articles are
fingerprinted from their inputs, so an export that renders nothing builds no article view.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from app.core.export.site import PlannedPage, SitePlan
from app.core.render.views import ArchiveView, IndexPageView, LinkView, TagView


class Fingerprinter:
    def __init__(self, base: bytes, plan: SitePlan) -> None:
        # Everything every page depends on: theme files, renderer and export versions, site.
        self.base = hashlib.blake2b(base, digest_size=16).digest()
        self.plan = plan
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
        if page.text is not None:
            # An article's view is a function of its text, its sidebar's texts, its other
            # languages and its tags' page names: digest those instead of building the view.
            text = page.text
            digest.update(self._part(text))
            digest.update(b"".join(self._part(t) for t in self.plan.related_texts(text)))
            digest.update(
                b"".join(self._part(t) for t in self.plan.by_statement[text.statement_id])
            )
            digest.update(repr([self.plan.tag_stems[tag] for tag in text.tags]).encode())
        elif isinstance(view, IndexPageView):
            digest.update(repr(replace(view, items=(), months=())).encode())
            digest.update(self._links(view.items))
            digest.update(self._part(view.months))
        elif isinstance(view, ArchiveView | TagView):
            digest.update(repr(replace(view, items=())).encode())
            digest.update(self._links(view.items))
        else:
            digest.update(repr(view).encode())
        return digest.hexdigest()
