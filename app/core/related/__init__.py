"""Related articles: distinctive terms of each text, and the related statements of a page.

Terms are needed on every save; the ranking loads numpy and scipy, so it is imported
only when a page's related statements are asked for (this keeps them out of start-up).
"""

from typing import TYPE_CHECKING, Any

from app.core.related.store import store_missing_terms, store_terms
from app.core.related.terms import distinctive_terms

if TYPE_CHECKING:
    from app.core.related.finder import DEFAULT_LIMIT, RelatedFinder, related_for

__all__ = [
    "DEFAULT_LIMIT",
    "RelatedFinder",
    "distinctive_terms",
    "related_for",
    "store_missing_terms",
    "store_terms",
]

_RANKING = {"DEFAULT_LIMIT", "RelatedFinder", "related_for"}


def __getattr__(name: str) -> Any:
    if name in _RANKING:
        from app.core.related import finder

        return getattr(finder, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
