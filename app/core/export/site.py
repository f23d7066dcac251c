"""What the exported site contains: published texts read from the database, planned as pages.

A planned page names its texts and its place (page number, month, tag), not its view:
every page can be fingerprinted from its texts without building anything, and a view
(links with date lines, images) is built only for a page about to be rendered.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from app.core import live, visibility
from app.core.export import layout
from app.core.models import (
    AuditEvent,
    Correction,
    Media,
    PublishedRevision,
    Revision,
    Statement,
    StatementTag,
    StatementText,
    Status,
    Tag,
)
from app.core.render.dates import date_line, language_name, month_title
from app.core.render.views import (
    AlternateView,
    ArchiveView,
    ArticleView,
    CorrectionView,
    FeedEntryView,
    FeedView,
    ImageView,
    IndexPageView,
    LinkView,
    MenuEntryView,
    NavLink,
    SitemapEntryView,
    SiteView,
    TagView,
    WithdrawnView,
)
from app.core.settings import OfficeSettings
from app.core.sqltypes import utcnow
from app.core.translation import addresses

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
    listed: bool = True  # see app.core.visibility
    # Corrections of the published statement in this language: (when, note), oldest first.
    corrections: tuple[tuple[datetime, str], ...] = ()
    # Withdrawn from the site, when the office leaves a notice at its address.
    withdrawn_at: datetime | None = None
    # A digest of all the above, for fingerprints of the pages that show the text.
    digest: bytes = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Every field, by repr of plain values (dates as ISO text): quicker than the
        # dataclass's own repr, and as unambiguous.
        fields = (
            self.statement_id,
            self.slug,
            self.lang,
            self.title,
            self.lead,
            self.image_caption,
            self.content_hash,
            self.published_at.isoformat(),
            self.updated_at.isoformat(),
            self.lead_media,
            self.lead_size,
            self.tags,
            self.path,
            self.listed,
            tuple((when.isoformat(), note) for when, note in self.corrections),
            self.withdrawn_at.isoformat() if self.withdrawn_at else None,
        )
        digest = hashlib.blake2b(repr(fields).encode(), digest_size=16).digest()
        object.__setattr__(self, "digest", digest)


@dataclass(frozen=True, slots=True)
class BodyKey:
    """Which rendered body an article needs: the render cache's key."""

    content_hash: str
    lang: str


@dataclass(frozen=True, slots=True)
class PlannedPage:
    """A page to write: an article's text and body, or a list page's texts and place.

    ``place`` is what besides its texts a list page shows: (lang, page, page count) for
    an index page, (lang, year, month, older month, newer month) for a month archive,
    (lang, tag, page, page count) for a tag page, (lang,) for a feed.
    """

    path: str
    kind: str  # article, withdrawn, index, archive, tag, feed, sitemap, chooser
    body: BodyKey | None = None
    text: PublishedText | None = None
    items: tuple[PublishedText, ...] = ()
    place: tuple = ()


def site_view(settings: OfficeSettings) -> SiteView:
    return SiteView(
        names=dict(settings.site_name),
        languages=tuple(settings.languages),
        default_lang=settings.default_lang,
        language_names={lang: language_name(lang) for lang in settings.languages},
        timezone=settings.timezone,
        base_url=settings.base_url,
        logo=layout.media_path(settings.logo) if settings.logo else "",
        menu=tuple(MenuEntryView(dict(item.labels), item.link) for item in settings.menu),
        contacts=dict(settings.contact),
        footers=dict(settings.footer),
    )


def load_published(
    session: Session,
    settings: OfficeSettings,
    *,
    statement_ids: Collection[int] | None = None,
    at: datetime | None = None,
    as_drafted: bool = False,
) -> list[PublishedText]:
    """Every text on the website at ``at`` (now by default) in an office language, as its
    pinned revision (what was approved and published, never a later edit), newest first
    (ties by id: deterministic); with ``statement_ids``, only those statements'.

    ``as_drafted`` (the preview of a statement being written): those statements live or
    not, as they stand now; an unpublished one is dated by its schedule, else by ``at``.
    """
    zone = ZoneInfo(settings.timezone)
    chosen = [Statement.id.in_(sorted(statement_ids))] if statement_ids is not None else []
    notices = settings.withdrawn_pages == "notice" and not as_drafted
    withdrawn = and_(Statement.status == Status.WITHDRAWN, Statement.published_at.is_not(None))
    if not as_drafted:
        shown_at = live.live_at(at or utcnow())
        wanted = [or_(shown_at, withdrawn) if notices else shown_at, *chosen]
        shown = and_(
            PublishedRevision.statement_id == StatementText.statement_id,
            PublishedRevision.lang == StatementText.lang,
        )
        revision = and_(Revision.id == PublishedRevision.revision_id)
    else:
        wanted = chosen
        shown = None
        revision = and_(
            Revision.text_id == StatementText.id,
            Revision.number == StatementText.revision_number,
        )
    db = session.connection()  # Core rows: no ORM result processing for plain columns
    tags: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for sid, tag_id, name in db.execute(
        select(StatementTag.statement_id, Tag.id, Tag.name)
        .join(Tag, Tag.id == StatementTag.tag_id)
        .join(Statement, Statement.id == StatementTag.statement_id)
        .where(*wanted)
        .order_by(StatementTag.statement_id, Tag.name)
    ):
        tags[sid].append((tag_id, name))
    names = addresses.names_in(
        session, {tag_id for found in tags.values() for tag_id, _ in found}, settings.languages
    )

    def tags_in(sid: int, lang: str) -> tuple[str, ...]:
        return tuple(sorted(names.get((tag_id, lang), own) for tag_id, own in tags.get(sid, ())))

    query = select(
        Statement.id,
        func.coalesce(StatementText.slug, Statement.slug).label("slug"),
        Statement.published_at,
        Statement.scheduled_at,
        visibility.listed().label("listed"),
        _withdrawn_at().label("withdrawn_at"),
        StatementText.lang,
        # When the words last changed (an import dates its revisions by the file).
        Revision.created_at.label("updated_at"),
        Revision.title,
        Revision.lead,
        Revision.image_caption,
        Revision.content_hash,
        Media.sha256,
        Media.extension,
        Media.width,
        Media.height,
    ).join(StatementText, StatementText.statement_id == Statement.id)
    if shown is not None:
        query = query.join(PublishedRevision, shown)
    rows = db.execute(
        query.join(Revision, revision)
        .outerjoin(Media, Media.id == Statement.lead_media_id)
        .where(*wanted, StatementText.lang.in_(settings.languages))
        .order_by(Statement.published_at.desc(), Statement.id.desc(), StatementText.lang)
    )
    corrections = _corrections(session, statement_ids)
    result = []
    for row in rows:
        media = f"{row.sha256}.{row.extension}" if row.sha256 else None
        when = row.published_at or row.scheduled_at or at or row.updated_at
        corrected = corrections.get((row.id, row.lang), ())
        # A correction is an update: feeds and sitemaps say when the page last changed.
        updated = max(row.updated_at, when, *(moment for moment, _ in corrected))
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
                updated_at=updated,
                lead_media=media,
                lead_size=(row.width, row.height) if media else None,
                tags=tags_in(row.id, row.lang),
                path=layout.article_path(row.lang, when.astimezone(zone), row.slug),
                listed=bool(row.listed) and row.withdrawn_at is None,
                corrections=corrected,
                withdrawn_at=row.withdrawn_at if notices else None,
            )
        )
    return result


def _withdrawn_at():
    """When a withdrawn statement was withdrawn (None for any other), from the audit log."""
    when = (
        select(func.max(AuditEvent.at))
        .where(AuditEvent.statement_id == Statement.id, AuditEvent.action == "workflow.withdrawn")
        .correlate(Statement)
        .scalar_subquery()
    )
    # Asked only of withdrawn statements: the others cost no look into the log.
    return case((Statement.status == Status.WITHDRAWN, when), else_=None)


def _corrections(
    session: Session, statement_ids: Collection[int] | None
) -> dict[tuple[int, str], tuple[tuple[datetime, str], ...]]:
    """Each published text's correction notes, oldest first."""
    query = select(Correction.statement_id, Correction.created_at, Correction.notes).order_by(
        Correction.created_at, Correction.id
    )
    if statement_ids is not None:
        query = query.where(Correction.statement_id.in_(sorted(statement_ids)))
    found: dict[tuple[int, str], list[tuple[datetime, str]]] = defaultdict(list)
    for sid, when, notes in session.execute(query):
        for lang, note in json.loads(notes).items():
            found[(sid, lang)].append((when, note))
    return {key: tuple(value) for key, value in found.items()}


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
        self.listed = [t for t in texts if t.listed]
        # Sidebars, lists, feeds and the sitemap show only listed texts.
        self.by_key = {(t.statement_id, t.lang): t for t in self.listed}
        self.by_statement: dict[int, list[PublishedText]] = defaultdict(list)
        self.by_lang: dict[str, list[PublishedText]] = defaultdict(list)
        self.languages_shown: set[str] = set()
        for text in texts:
            self.by_statement[text.statement_id].append(text)
            self.languages_shown.add(text.lang)
        for text in self.listed:
            self.by_lang[text.lang].append(text)
        self.tag_stems = layout.tag_stems(sorted({tag for t in self.listed for tag in t.tags}))
        self._links: dict[tuple[int, str], LinkView] = {}
        self._languages_of: dict[int, tuple[AlternateView, ...]] = {}
        self._months: dict[str, list[tuple[int, int]]] = {}
        self._month_links: dict[str, tuple[NavLink, ...]] = {}

    def languages(self) -> list[str]:
        """Office languages that have at least one published text, in office order."""
        return [lang for lang in self.settings.languages if lang in self.languages_shown]

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
        if text.withdrawn_at is not None:
            return PlannedPage(text.path, "withdrawn", text=text)
        return PlannedPage(text.path, "article", BodyKey(text.content_hash, text.lang), text)

    def withdrawn_view(self, text: PublishedText) -> WithdrawnView:
        assert text.withdrawn_at is not None
        return WithdrawnView(
            lang=text.lang,
            url=text.path,
            title=text.title,
            withdrawn_at=text.withdrawn_at,
            date_line=date_line(text.withdrawn_at, text.lang, self.settings.timezone),
            alternates=self.alternates(text),
        )

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
                NavLink(tag, layout.tag_path(text.lang, self.tag_stems[tag]))
                for tag in self.shown_tags(text)
            ),
            alternates=self.alternates(text),
            related=related,
            corrections=tuple(
                CorrectionView(moment, date_line(moment, text.lang, self.settings.timezone), note)
                for moment, note in text.corrections
            ),
        )

    def shown_tags(self, text: PublishedText) -> tuple[str, ...]:
        """The tags an article links to: none on an unlisted one, whose tag pages omit it."""
        return text.tags if text.listed else ()

    def months(self, lang: str) -> list[tuple[int, int]]:
        """The (year, month) of the language's month archives, newest first."""
        known = self._months.get(lang)
        if known is None:
            seen: dict[tuple[int, int], None] = {}
            for text in self.by_lang[lang]:
                local = text.published_at.astimezone(self.zone)
                seen.setdefault((local.year, local.month), None)
            known = self._months[lang] = list(seen)
        return known

    def pages(self) -> Iterator[PlannedPage]:
        """All pages in a stable order: the long ones first (sitemap, lists), then articles.

        Rendering in parallel goes in this order, so the costliest pages start early and
        the workers finish together.
        """
        if self.site.base_url:  # a sitemap lists absolute addresses only
            yield PlannedPage("sitemap.xml", "sitemap", items=tuple(self.listed))
        for lang in self.languages():
            yield from self._language_pages(lang)
        yield PlannedPage("index.html", "chooser")
        for text in self.texts:
            yield self.article(text)

    def _language_pages(self, lang: str) -> Iterator[PlannedPage]:
        texts = self.by_lang[lang]
        size = max(1, self.settings.index_page_size)
        for page in _paged(texts, size):
            yield PlannedPage(
                layout.index_path(lang, page.number),
                "index",
                items=page.items,
                place=(lang, page.number, page.newer, page.older),
            )
        by_month: dict[tuple[int, int], list[PublishedText]] = defaultdict(list)
        for text in texts:
            local = text.published_at.astimezone(self.zone)
            by_month[(local.year, local.month)].append(text)
        months = self.months(lang)
        for i, (year, month) in enumerate(months):
            newer = months[i - 1] if i > 0 else None
            older = months[i + 1] if i + 1 < len(months) else None
            yield PlannedPage(
                layout.archive_path(lang, year, month),
                "archive",
                items=tuple(by_month[(year, month)]),
                place=(lang, year, month, older, newer),
            )
        by_tag: dict[str, list[PublishedText]] = defaultdict(list)
        for text in texts:
            for tag in text.tags:
                by_tag[tag].append(text)
        for tag in sorted(by_tag):
            for page in _paged(by_tag[tag], size):
                yield PlannedPage(
                    layout.tag_path(lang, self.tag_stems[tag], page.number),
                    "tag",
                    items=page.items,
                    place=(lang, tag, page.number, page.newer, page.older),
                )
        yield PlannedPage(
            layout.feed_path(lang), "feed", items=tuple(texts[:FEED_ENTRIES]), place=(lang,)
        )

    def view(self, page: PlannedPage) -> object:
        """The view of a list page, the sitemap's entries, or None for the language chooser."""
        if page.kind == "index":
            lang, number, newer, older = page.place
            return IndexPageView(
                lang=lang,
                url=page.path,
                items=tuple(self.link(t) for t in page.items),
                page=number,
                prev_url=layout.index_path(lang, newer) if newer is not None else None,
                next_url=layout.index_path(lang, older) if older is not None else None,
                months=self.month_links(lang),
            )
        if page.kind == "archive":
            lang, year, month, older, newer = page.place
            return ArchiveView(
                lang=lang,
                url=page.path,
                year=year,
                month=month,
                title=month_title(year, month, lang),
                items=tuple(self.link(t) for t in page.items),
                prev_url=layout.archive_path(lang, *older) if older else None,
                next_url=layout.archive_path(lang, *newer) if newer else None,
            )
        if page.kind == "tag":
            lang, tag, number, newer, older = page.place
            stem = self.tag_stems[tag]
            return TagView(
                lang=lang,
                url=page.path,
                name=tag,
                items=tuple(self.link(t) for t in page.items),
                page=number,
                prev_url=layout.tag_path(lang, stem, newer) if newer is not None else None,
                next_url=layout.tag_path(lang, stem, older) if older is not None else None,
            )
        if page.kind == "feed":
            (lang,) = page.place
            entries = tuple(
                FeedEntryView(
                    statement_id=t.statement_id,
                    title=t.title,
                    url=t.path,
                    published_at=t.published_at,
                    updated_at=t.updated_at,
                    summary=t.lead,
                )
                for t in page.items
            )
            return FeedView(lang, page.path, entries, layout.index_path(lang, 0))
        if page.kind == "sitemap":
            return tuple(
                SitemapEntryView(
                    url=t.path, lang=t.lang, lastmod=t.updated_at, alternates=self.alternates(t)
                )
                for t in page.items
            )
        return None

    def month_links(self, lang: str) -> tuple[NavLink, ...]:
        """Links to the language's month archives, newest first, as every index page lists."""
        known = self._month_links.get(lang)
        if known is None:
            known = self._month_links[lang] = tuple(
                NavLink(month_title(y, m, lang), layout.archive_path(lang, y, m))
                for y, m in self.months(lang)
            )
        return known


@dataclass(frozen=True, slots=True)
class ListPage:
    """One page of a list: ``number`` 0 for the front page (the newest), else counted from
    the oldest; ``newer`` and ``older`` the numbers of the pages it links to (0: the front)."""

    number: int
    items: tuple[PublishedText, ...]
    newer: int | None
    older: int | None


def _paged(texts: list[PublishedText], size: int) -> Iterator[ListPage]:
    """The pages of a list of texts, newest first, whose addresses keep what they show.

    Pages are counted from the oldest, ``size`` texts each, so a new statement changes the
    front page and at most two numbered pages, not every page of the list. The front page
    shows the newest one or two numbered pages' worth (``size`` to ``2 × size - 1`` texts);
    the numbered pages it shows are not written apart, and it links to the one below them.
    """
    oldest_first = texts[::-1]
    count = -(-len(oldest_first) // size)  # numbered pages, the newest possibly not full
    front_from = count - 1 if count >= 2 and len(oldest_first) % size else count
    front_from = max(front_from, 1)
    below = front_from - 1
    yield ListPage(
        0,
        tuple(oldest_first[(front_from - 1) * size :][::-1]) if count else (),
        None,
        below or None,
    )
    for number in range(below, 0, -1):
        yield ListPage(
            number,
            tuple(oldest_first[(number - 1) * size : number * size][::-1]),
            number + 1 if number + 1 < front_from else 0,
            number - 1 or None,
        )


def with_body(view: ArticleView, body_html: str) -> ArticleView:
    return replace(view, body_html=body_html)
