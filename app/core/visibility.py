"""Which statements the site lists: every published one but the hidden ones.

A hidden statement (Pelican's ``Status: hidden``) is published: its pages exist at their
addresses. No index, month archive, tag page, feed, sitemap or related-articles sidebar
shows it. The export, the related-articles ranking and the preview all ask this module.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, false

from app.core.models import Statement


def listed() -> ColumnElement[bool]:
    """True for a statement that lists and sidebars may show (when it is published)."""
    return Statement.hidden == false()
