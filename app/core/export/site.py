"""What the exported site contains: published texts read from the database, turned into page views.

Articles are planned with their body left out (``body_key`` says which cached body goes
in), so that every page can be fingerprinted without rendering anything.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from app.core.export import layout
from app.core.models import Media, Revision, Statement, StatementTag, StatementText, Status, Tag
from app.core.render.dates import date_line, language_name, month_title
from app.core.render.views import (
    AlternateView,
    ArchiveView,
    ArticleView,
    FeedEntryView,
    FeedView,
    ImageView,
    IndexPageView,
    LinkView,
    NavLink,
    SitemapEntryView,
    SiteView,
    TagView,
)
from app.core.settings import OfficeSettings

FEED_ENTRIES = 30


@dataclass(frozen=True, slots=True)
class PublishedText:
    """One language of one published statement, as far as the site needs it."""

    statement_id: int
    slug: str
    lang: str
    title: str
    lead: str
    image_caption: str
    content_hash: str
    published_at: datetime
    updated_at: datetime
    lead_media: str | None  # media file name
    lead_size: tuple[int, int] | None
    tags: tuple[str, ...]
    path: str


@dataclass(frozen=True, slots=True)
class BodyKey:
    """Which rendered body an article needs: the render cache's key."""

    content_hash: str
    lang: str


@dataclass(frozen=True, slots=True)
class PlannedPage:
    """A page to write. An article carries its text, and its view is built only to render it."""

    path: str
    kind: str  # article, index, archive, tag, feed, sitemap, chooser
    view: object
    body: BodyKey | None = None
    text: PublishedText | None = None


def site_view(settings: OfficeSettings) -> SiteView:
    return SiteView(
        names=dict(settings.site_name),
        languages=tuple(settings.languages),
        default_lang=settings.default_lang,
        language_names={lang: language_name(lang) for lang in settings.languages},
        timezone=settings.timezone,
        base_url=settings.base_url,
    )


def load_published(
    session: Session,
    settings: OfficeSettings,
    *,
    statement_ids: Collection[int] | None = None,
    at: datetime | None = None,
) -> list[PublishedText]:
    """Every published text in an office language, newest first (ties by id: deterministic).

    With ``statement_ids`` (the preview), only those statements, published or not: an
    unpublished one is dated by its schedule, else by ``at``.
    """
    zone = ZoneInfo(settings.timezone)
    if statement_ids is None:
        wanted = [Statement.status == Status.PUBLISHED, Statement.published_at.is_not(None)]
    else:
        wanted = [Statement.id.in_(sorted(statement_ids))]
    tags: dict[int, list[str]] = defaultdict(list)
    for sid, name in session.execute(
        select(StatementTag.statement_id, Tag.name)
        .join(Tag, Tag.id == StatementTag.tag_id)
        .join(Statement, Statement.id == StatementTag.statement_id)
        .where(*wanted)
        .order_by(StatementTag.statement_id, Tag.name)
    ):
        tags[sid].append(name)
    rows = session.execute(
        select(
            Statement.id,
            Statement.slug,
            Statement.published_at,
            Statement.scheduled_at,
            StatementText.lang,
            StatementText.updated_at,
            Revision.title,
            Revision.lead,
            Revision.image_caption,
            Revision.content_hash,
            Media.sha256,
            Media.extension,
            Media.width,
            Media.height,
        )
        .join(StatementText, StatementText.statement_id == Statement.id)
        .join(
            Revision,
            and_(
                Revision.text_id == StatementText.id,
                Revision.number == StatementText.revision_number,
            ),
        )
        .outerjoin(Media, Media.id == Statement.lead_media_id)
        .where(*wanted, StatementText.lang.in_(settings.languages))
        .order_by(Statement.published_at.desc(), Statement.id.desc(), StatementText.lang)
    )
    result = []
    for row in rows:
        media = f"{row.sha256}.{row.extension}" if row.sha256 else None
        when = row.published_at or row.scheduled_at or at or row.updated_at
        result.append(
            PublishedText(
                statement_id=row.id,
                slug=row.slug,
                lang=row.lang,
                title=row.title,
                lead=row.lead,
                image_caption=row.image_caption,
                content_hash=row.content_hash,
                published_at=when,
                updated_at=max(row.updated_at, when),
                lead_media=media,
                lead_size=(row.width, row.height) if media else None,
                tags=tuple(tags.get(row.id, ())),
                path=layout.article_path(row.lang, when.astimezone(zone), row.slug),
            )
        )
    return result


RelatedLookup = Callable[[int, str], list[int]]


class SitePlan:
    """Every page of the site as a view, from the published texts and related lookups."""

    def __init__(
        self, settings: OfficeSettings, texts: list[PublishedText], related: RelatedLookup
    ) -> None:
        self.settings = settings
        self.site = site_view(settings)
        self.texts = texts
        self.related = related
        self.zone = ZoneInfo(settings.timezone)
        self.by_key = {(t.statement_id, t.lang): t for t in texts}
        self.by_statement: dict[int, list[PublishedText]] = defaultdict(list)
        self.by_lang: dict[str, list[PublishedText]] = defaultdict(list)
        for text in texts:
            self.by_statement[text.statement_id].append(text)
            self.by_lang[text.lang].append(text)
        self.tag_stems = layout.tag_stems(sorted({tag for t in texts for tag in t.tags}))
        self._links: dict[tuple[int, str], LinkView] = {}
        self._languages_of: dict[int, tuple[AlternateView, ...]] = {}

    def languages(self) -> list[str]:
        """Office languages that have at least one published text, in office order."""
        return [lang for lang in self.settings.languages if self.by_lang.get(lang)]

    def link(self, text: PublishedText) -> LinkView:
        key = (text.statement_id, text.lang)
        link = self._links.get(key)
        if link is None:
            link = LinkView(
                title=text.title,
                url=text.path,
                published_at=text.published_at,
                date_line=date_line(text.published_at, text.lang, self.settings.timezone),
                lead=text.lead,
                image=self._image(text),
            )
            self._links[key] = link
        return link

    def _image(self, text: PublishedText) -> ImageView | None:
        if text.lead_media is None or text.lead_size is None:
            return None
        return ImageView(
            url=layout.media_path(text.lead_media),
            alt=text.image_caption or text.title,
            caption=text.image_caption,
            width=text.lead_size[0],
            height=text.lead_size[1],
            srcset=(
                *(
                    (layout.media_path(layout.variant_name(text.lead_media, w)), w)
                    for w in layout.variant_widths(text.lead_size[0])
                ),
                (layout.media_path(text.lead_media), text.lead_size[0]),
            ),
        )

    def alternates(self, text: PublishedText) -> tuple[AlternateView, ...]:
        """The statement's other languages, in office order."""
        every = self._languages_of.get(text.statement_id)
        if every is None:
            order = {lang: i for i, lang in enumerate(self.settings.languages)}
            every = tuple(
                AlternateView(t.lang, t.path, self.site.language_name(t.lang))
                for t in sorted(self.by_statement[text.statement_id], key=lambda t: order[t.lang])
            )
            self._languages_of[text.statement_id] = every
        return tuple(a for a in every if a.lang != text.lang)

    def related_texts(self, text: PublishedText) -> list[PublishedText]:
        """The texts of the page's sidebar (related statements published in its language)."""
        return [
            self.by_key[(sid, text.lang)]
            for sid in self.related(text.statement_id, text.lang)
            if (sid, text.lang) in self.by_key
        ]

    def article(self, text: PublishedText) -> PlannedPage:
        return PlannedPage(text.path, "article", None, BodyKey(text.content_hash, text.lang), text)

    def article_view(self, text: PublishedText) -> ArticleView:
        related = tuple(self.link(t) for t in self.related_texts(text))
        return ArticleView(
            statement_id=text.statement_id,
            slug=text.slug,
            lang=text.lang,
            url=text.path,
            title=text.title,
            lead=text.lead,
            body_html="",
            published_at=text.published_at,
            date_line=self.link(text).date_line,
            image=self._image(text),
            tags=tuple(
                NavLink(tag, layout.tag_path(text.lang, self.tag_stems[tag])) for tag in text.tags
            ),
            alternates=self.alternates(text),
            related=related,
        )

    def _months(self, lang: str) -> list[tuple[int, int]]:
        seen: dict[tuple[int, int], None] = {}
        for text in self.by_lang[lang]:
            local = text.published_at.astimezone(self.zone)
            seen.setdefault((local.year, local.month), None)
        return list(seen)

    def pages(self) -> Iterator[PlannedPage]:
        """All pages in a stable order: the long ones first (sitemap, lists), then articles.

        Rendering in parallel goes in this order, so the costliest pages start early and
        the workers finish together.
        """
        if self.site.base_url:  # a sitemap lists absolute addresses only
            yield PlannedPage("sitemap.xml", "sitemap", tuple(self._sitemap()))
        for lang in self.languages():
            yield from self._language_pages(lang)
        yield PlannedPage("index.html", "chooser", None)
        for text in self.texts:
            yield self.article(text)

    def _language_pages(self, lang: str) -> Iterator[PlannedPage]:
        texts = self.by_lang[lang]
        months = self._months(lang)
        month_links = tuple(
            NavLink(month_title(y, m, lang), layout.archive_path(lang, y, m)) for y, m in months
        )
        size = max(1, self.settings.index_page_size)
        page_count = max(1, -(-len(texts) // size))
        for page in range(1, page_count + 1):
            chunk = texts[(page - 1) * size : page * size]
            path = layout.index_path(lang, page)
            view = IndexPageView(
                lang=lang,
                url=path,
                items=tuple(self.link(t) for t in chunk),
                page=page,
                page_count=page_count,
                prev_url=layout.index_path(lang, page - 1) if page > 1 else None,
                next_url=layout.index_path(lang, page + 1) if page < page_count else None,
                months=month_links,
            )
            yield PlannedPage(path, "index", view)
        by_month: dict[tuple[int, int], list[PublishedText]] = defaultdict(list)
        for text in texts:
            local = text.published_at.astimezone(self.zone)
            by_month[(local.year, local.month)].append(text)
        for i, (year, month) in enumerate(months):
            newer = months[i - 1] if i > 0 else None
            older = months[i + 1] if i + 1 < len(months) else None
            path = layout.archive_path(lang, year, month)
            view = ArchiveView(
                lang=lang,
                url=path,
                year=year,
                month=month,
                title=month_title(year, month, lang),
                items=tuple(self.link(t) for t in by_month[(year, month)]),
                prev_url=layout.archive_path(lang, *older) if older else None,
                next_url=layout.archive_path(lang, *newer) if newer else None,
            )
            yield PlannedPage(path, "archive", view)
        by_tag: dict[str, list[PublishedText]] = defaultdict(list)
        for text in texts:
            for tag in text.tags:
                by_tag[tag].append(text)
        for tag in sorted(by_tag):
            path = layout.tag_path(lang, self.tag_stems[tag])
            view = TagView(lang, path, tag, tuple(self.link(t) for t in by_tag[tag]))
            yield PlannedPage(path, "tag", view)
        entries = tuple(
            FeedEntryView(
                statement_id=t.statement_id,
                title=t.title,
                url=t.path,
                published_at=t.published_at,
                updated_at=t.updated_at,
                summary=t.lead,
            )
            for t in texts[:FEED_ENTRIES]
        )
        path = layout.feed_path(lang)
        yield PlannedPage(path, "feed", FeedView(lang, path, entries, layout.index_path(lang, 1)))

    def _sitemap(self) -> Iterator[SitemapEntryView]:
        for text in self.texts:
            yield SitemapEntryView(
                url=text.path,
                lang=text.lang,
                lastmod=text.updated_at,
                alternates=self.alternates(text),
            )


def with_body(view: ArticleView, body_html: str) -> ArticleView:
    return replace(view, body_html=body_html)
