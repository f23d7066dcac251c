"""Related articles: distinctive terms of each text, and the related statements of a page."""

from app.core.related.finder import DEFAULT_LIMIT, RelatedFinder, related_for
from app.core.related.store import store_missing_terms, store_terms
from app.core.related.terms import distinctive_terms

__all__ = [
    "DEFAULT_LIMIT",
    "RelatedFinder",
    "distinctive_terms",
    "related_for",
    "store_missing_terms",
    "store_terms",
]
