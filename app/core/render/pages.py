"""Whole pages of the exported site (and the preview) from views and a theme: HTML, Atom, sitemap.

Each page knows its own path under OUT and links everything relative to it, so the site works
when opened from disk as well as from a web server.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from app.core.hygiene import xml_safe
from app.core.render.dates import text_direction
from app.core.render.theme import Theme
from app.core.render.views import (
    AlternateView,
    ArchiveView,
    ArticleView,
    FeedView,
    IndexPageView,
    SitemapEntryView,
    SiteView,
    TagView,
    WithdrawnView,
)

CHOOSER_PATH = "index.html"
SITEMAP_PATH = "sitemap.xml"

# A scheme ("https:", "mailto:"), a network path ("//host") or a bare fragment stays as it is.
_ABSOLUTE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.\-]*:|//|#)")
_URL_SAFE = "/!$&'()*+,;=:@~"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def relative_url(from_page: str, to_path: str) -> str:
    """The link from page `from_page` to `to_path`, both paths relative to OUT.

    >>> relative_url("ru/2020/04/slug.html", "assets/style.css")
    '../../../assets/style.css'

    The result is percent-encoded (non-ASCII, spaces); absolute URLs are returned unchanged.
    """
    # Called for every link of every page: the folder of the page is what matters, and
    # pages of one folder share their links to assets, indexes and each other.
    return _relative_from_folder(from_page.rpartition("/")[0], to_path)


@lru_cache(maxsize=65536)
def _relative_from_folder(folder: str, to_path: str) -> str:
    from_page = f"{folder}/x" if folder else "x"
    if _ABSOLUTE.match(to_path):
        return to_path
    target, hash_mark, fragment = to_path.lstrip("/").partition("#")
    from_dirs = from_page.lstrip("/").split("/")[:-1]
    to_parts = target.split("/")
    common = 0
    limit = min(len(from_dirs), len(to_parts) - 1)
    while common < limit and from_dirs[common] == to_parts[common]:
        common += 1
    relative = "../" * (len(from_dirs) - common) + "/".join(to_parts[common:])
    return quote(relative or "./", safe=_URL_SAFE) + hash_mark + fragment


def render_article(theme: Theme, site: SiteView, article: ArticleView) -> str:
    """The page of one statement in one language (also what the preview shows)."""
    own = AlternateView(article.lang, article.url, site.language_name(article.lang))
    return _render(
        theme,
        "article.html",
        site,
        article.lang,
        article.url,
        switcher=_switcher(site, article.lang, (own, *article.alternates)),
        head_alternates=(own, *article.alternates),
        article=article,
        body=Markup(article.body_html),
    )


def render_withdrawn(theme: Theme, site: SiteView, notice: WithdrawnView) -> str:
    """The short notice left at a withdrawn statement's address."""
    own = AlternateView(notice.lang, notice.url, site.language_name(notice.lang))
    return _render(
        theme,
        "withdrawn.html",
        site,
        notice.lang,
        notice.url,
        switcher=_switcher(site, notice.lang, (own, *notice.alternates)),
        head_alternates=(own, *notice.alternates),
        notice=notice,
    )


def render_index(theme: Theme, site: SiteView, page: IndexPageView) -> str:
    """One page of the newest statements of one language."""
    indexes = _language_indexes(site)
    return _render(
        theme,
        "index.html",
        site,
        page.lang,
        page.url,
        switcher=_switcher(site, page.lang, indexes),
        head_alternates=indexes if page.page == 1 else (),
        index=page,
    )


def render_archive(theme: Theme, site: SiteView, archive: ArchiveView) -> str:
    """The statements of one month in one language."""
    return _render(
        theme,
        "archive.html",
        site,
        archive.lang,
        archive.url,
        switcher=_switcher(site, archive.lang, ()),
        head_alternates=(),
        archive=archive,
    )


def render_tag(theme: Theme, site: SiteView, tag: TagView) -> str:
    """The statements with one tag in one language."""
    return _render(
        theme,
        "tag.html",
        site,
        tag.lang,
        tag.url,
        switcher=_switcher(site, tag.lang, ()),
        head_alternates=(),
        tag=tag,
    )


def render_language_chooser(theme: Theme, site: SiteView) -> str:
    """OUT/index.html: a plain page linking to each language's front page."""
    indexes = _language_indexes(site)
    return _render(
        theme,
        "chooser.html",
        site,
        site.default_lang,
        CHOOSER_PATH,
        switcher=(),
        head_alternates=indexes,
        choices=indexes,
    )


def render_feed(theme: Theme, site: SiteView, feed: FeedView) -> str:
    """The Atom feed of one language (entries newest first, as given)."""
    updated = max((entry.updated_at for entry in feed.entries), default=_EPOCH)
    document = _render(
        theme,
        "feed.xml",
        site,
        feed.lang,
        feed.url,
        feed=feed,
        feed_id=_atom_id(site, feed.url, f"feed:{feed.lang}"),
        home_url=feed.home_url or f"{feed.lang}/index.html",
        updated=updated,
        entry_id=lambda entry: _atom_id(site, entry.url, f"{entry.statement_id}:{feed.lang}"),
        content=lambda entry: None if entry.content_html is None else str(entry.content_html),
    )
    return xml_safe(document)


def render_sitemap(theme: Theme, site: SiteView, entries: Sequence[SitemapEntryView]) -> str:
    """OUT/sitemap.xml with hreflang alternates between the languages of one statement.

    The sitemap protocol wants absolute URLs: without `site.base_url` the locations are paths
    relative to OUT, which is only useful for inspection.
    """
    document = _render(theme, "sitemap.xml", site, site.default_lang, SITEMAP_PATH, entries=entries)
    return xml_safe(document)


def _render(
    theme: Theme, name: str, site: SiteView, lang: str, page_path: str, **values: Any
) -> str:
    def url(path: str) -> str:
        return relative_url(page_path, path)

    def abs_url(path: str) -> str:
        return _absolute(site, path) or relative_url(page_path, path)

    def t(key: str, **fields: Any) -> str:
        text = theme.text(key, lang)
        return text.format(**fields) if fields else text

    context: dict[str, Any] = {
        "site": site,
        "site_name": site.name(lang),
        "lang": lang,
        "dir": text_direction(lang),
        "page_path": page_path,
        "canonical": _absolute(site, page_path),
        "feed_url": f"{lang}/feed.xml",
        "home_url": f"{lang}/index.html",
        "url": url,
        "abs_url": abs_url,
        "t": t,
    }
    context.update(values)
    return theme.render(name, context)


def _absolute(site: SiteView, path: str) -> str | None:
    """`path` as an absolute, percent-encoded URL under the site's base URL, if it has one."""
    if _ABSOLUTE.match(path):
        return path
    target, hash_mark, fragment = path.lstrip("/").partition("#")
    absolute = site.absolute_url(quote(target, safe=_URL_SAFE))
    return None if absolute is None else absolute + hash_mark + fragment


def _language_indexes(site: SiteView) -> tuple[AlternateView, ...]:
    return tuple(
        AlternateView(code, f"{code}/index.html", site.language_name(code))
        for code in site.languages
    )


def _switcher(
    site: SiteView, lang: str, available: Iterable[AlternateView]
) -> tuple[AlternateView, ...]:
    """Every site language: the same page where it exists, else that language's front page."""
    by_lang = {alternate.lang: alternate for alternate in available}
    return tuple(
        by_lang.get(code) or AlternateView(code, f"{code}/index.html", site.language_name(code))
        for code in site.languages
    )


def _atom_id(site: SiteView, path: str, key: str) -> str:
    """The page's URL when the site has one, else a stable name-based UUID URN."""
    absolute = _absolute(site, path)
    if absolute:
        return absolute
    seed = f"pressdesk:{site.name(site.default_lang)}:{key}"
    return uuid.uuid5(uuid.NAMESPACE_URL, seed).urn
