"""Plain, immutable views of the site and its pages: everything the templates may see, no ORM.

Every `url` is a path relative to the root of the exported site (OUT), with forward slashes and
no leading slash, e.g. "ru/2020/04/slug.html" or "media/ab12cd.jpg"; the page renderer turns it
into a link relative to the page that shows it, so the site works from disk.
Datetimes are timezone-aware (UTC); date lines are already formatted with `dates.date_line`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class SiteView:
    """The site as a whole: names, languages in office order, time zone."""

    names: Mapping[str, str]  # site name per language code
    languages: tuple[str, ...]  # office order; the first published language comes first
    default_lang: str
    language_names: Mapping[str, str]  # each language's own name ("Тоҷикӣ", "Русский")
    timezone: str  # IANA name, e.g. "Asia/Dushanbe"
    base_url: str = ""  # e.g. "https://example.tj/press"; empty when unknown
    logo: str = ""  # the office's emblem, e.g. "media/ab12cd….png"; empty when none
    menu: tuple[MenuEntryView, ...] = ()  # the site's navigation menu, in order
    contacts: Mapping[str, str] = field(default_factory=dict)  # contact details per language
    footers: Mapping[str, str] = field(default_factory=dict)  # footer text per language

    def name(self, lang: str) -> str:
        """The site name in `lang`, or in the default language when it has none."""
        return self._in(self.names, lang)

    def contact(self, lang: str) -> str:
        return self._in(self.contacts, lang)

    def footer(self, lang: str) -> str:
        return self._in(self.footers, lang)

    def menu_links(self, lang: str) -> tuple[NavLink, ...]:
        """The menu for a page in `lang`: its labels, ``{lang}`` in links made `lang`."""
        return tuple(
            NavLink(self._in(entry.labels, lang), entry.link.replace("{lang}", lang))
            for entry in self.menu
            if self._in(entry.labels, lang)
        )

    def _in(self, texts: Mapping[str, str], lang: str) -> str:
        return texts.get(lang) or texts.get(self.default_lang, "")

    def language_name(self, lang: str) -> str:
        return self.language_names.get(lang, lang)

    def absolute_url(self, path: str) -> str | None:
        """`path` under `base_url`, or None when the site has no base URL."""
        if not self.base_url:
            return None
        return f"{self.base_url.rstrip('/')}/{path}"


@dataclass(frozen=True, slots=True)
class MenuEntryView:
    """An item of the site's menu: its label per language, and its link (see settings.MenuItem)."""

    labels: Mapping[str, str]
    link: str


@dataclass(frozen=True, slots=True)
class ImageView:
    url: str
    alt: str
    caption: str = ""
    width: int | None = None
    height: int | None = None
    srcset: tuple[tuple[str, int], ...] = ()  # resized variants: (url, pixel width)


@dataclass(frozen=True, slots=True)
class NavLink:
    """A plain link with a title: a tag, a month archive."""

    title: str
    url: str


@dataclass(frozen=True, slots=True)
class AlternateView:
    """The same statement (or page) in another language."""

    lang: str
    url: str
    name: str  # the language's own name


@dataclass(frozen=True, slots=True)
class LinkView:
    """A link to one statement in one language, as shown in lists and the sidebar."""

    title: str
    url: str
    published_at: datetime
    date_line: str
    lead: str = ""
    image: ImageView | None = None


@dataclass(frozen=True, slots=True)
class CorrectionView:
    """A dated correction note on a published statement's page."""

    at: datetime
    date_line: str
    note: str


@dataclass(frozen=True, slots=True)
class ArticleView:
    """One statement in one language; `url` is "<lang>/<yyyy>/<mm>/<slug>.html"."""

    statement_id: int
    slug: str
    lang: str
    url: str
    title: str
    lead: str
    body_html: str  # trusted: already sanitised by the body renderer, inserted as is
    published_at: datetime
    date_line: str
    image: ImageView | None = None
    tags: tuple[NavLink, ...] = ()
    alternates: tuple[AlternateView, ...] = ()  # the other languages of this statement
    related: tuple[LinkView, ...] = ()  # same language as the article
    corrections: tuple[CorrectionView, ...] = ()


@dataclass(frozen=True, slots=True)
class WithdrawnView:
    """What stays at a withdrawn statement's address, in one language (office setting)."""

    lang: str
    url: str
    title: str
    withdrawn_at: datetime
    date_line: str
    alternates: tuple[AlternateView, ...] = ()


@dataclass(frozen=True, slots=True)
class IndexPageView:
    """One page of the statements in one language, newest first: the front page (``page``
    0), or a page counted from the oldest."""

    lang: str
    url: str  # "<lang>/index.html" for the front page
    items: tuple[LinkView, ...]
    page: int = 0
    prev_url: str | None = None  # newer statements
    next_url: str | None = None  # older statements
    months: tuple[NavLink, ...] = ()  # month archives to list beside the items, newest first


@dataclass(frozen=True, slots=True)
class ArchiveView:
    """All statements of one month in one language; `title` from `dates.month_title`."""

    lang: str
    url: str  # "<lang>/archive/<yyyy>-<mm>.html"
    year: int
    month: int
    title: str
    items: tuple[LinkView, ...]
    prev_url: str | None = None  # the month before, if any
    next_url: str | None = None  # the month after, if any


@dataclass(frozen=True, slots=True)
class TagView:
    lang: str
    url: str  # "<lang>/tags/<tag>.html", then "<lang>/tags/<tag>/<page>.html"
    name: str
    items: tuple[LinkView, ...]
    page: int = 0  # 0: the front page; else counted from the oldest
    prev_url: str | None = None  # newer statements
    next_url: str | None = None  # older statements


@dataclass(frozen=True, slots=True)
class FeedEntryView:
    statement_id: int
    title: str
    url: str
    published_at: datetime
    updated_at: datetime
    summary: str = ""
    content_html: str | None = None  # sanitised body; escaped into the feed as type="html"


@dataclass(frozen=True, slots=True)
class FeedView:
    """The Atom feed of one language, newest entries first."""

    lang: str
    url: str  # "<lang>/feed.xml"
    entries: tuple[FeedEntryView, ...]
    home_url: str = ""  # the language's index page; "<lang>/index.html" when empty


@dataclass(frozen=True, slots=True)
class SitemapEntryView:
    """One page in the sitemap, with the same page in the other languages."""

    url: str
    lang: str
    lastmod: datetime | None = None
    alternates: tuple[AlternateView, ...] = ()
