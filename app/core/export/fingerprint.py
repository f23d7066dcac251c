"""Fingerprints of planned pages: equal exactly when everything the page shows is equal.

A page shows its texts (its own, its sidebar's, its statement's other languages, or a
list's), its place in the site and what every page shows (theme, versions, site). Each
text carries a digest of itself; a page combines the digests of its texts with its
place, so no view is built to fingerprint it.
"""

from __future__ import annotations

import hashlib

from app.core.export.site import PlannedPage, PublishedText, SitePlan


class Fingerprinter:
    def __init__(self, base: bytes, plan: SitePlan) -> None:
        # Everything every page depends on: theme files, renderer and export versions, site.
        self.base = hashlib.blake2b(base, digest_size=16).digest()
        self.plan = plan

    def page(self, page: PlannedPage) -> str:
        plan = self.plan
        digest = hashlib.blake2b(self.base, digest_size=20)
        # An article's body is its text's content: the text's digest covers it.
        digest.update(f"{page.kind}|{page.path}|{page.place!r}|".encode())
        text = page.text
        if text is not None:
            digest.update(text.digest)
            digest.update(_digests(plan.related_texts(text)))
            digest.update(_digests(plan.by_statement[text.statement_id]))  # other languages
            digest.update(repr([plan.tag_stems[tag] for tag in plan.shown_tags(text)]).encode())
            return digest.hexdigest()
        digest.update(_digests(page.items))
        if page.kind == "index":  # every index page lists the language's months
            digest.update(repr(plan.months(page.place[0])).encode())
        elif page.kind == "sitemap":  # each entry names its statement's other languages
            for item in page.items:
                digest.update(_digests(plan.by_statement[item.statement_id]))
        return digest.hexdigest()


def _digests(texts: list[PublishedText] | tuple[PublishedText, ...]) -> bytes:
    return b"".join([text.digest for text in texts])
