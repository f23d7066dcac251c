"""Whole pages from views: valid HTML5, escaping, links that work from disk, feed and sitemap."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from app.core.render.dates import date_line, language_name
from app.core.render.pages import (
    relative_url,
    render_archive,
    render_article,
    render_feed,
    render_index,
    render_language_chooser,
    render_sitemap,
    render_tag,
)
from app.core.render.theme import Theme
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

TZ = "Asia/Dushanbe"
WHEN = datetime(2020, 4, 18, 1, 28, tzinfo=UTC)
LANGS = ("tg", "ru", "en")
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
EVIL = "<script>alert(1)</script>"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@pytest.fixture(scope="module")
def theme() -> Theme:
    return Theme.load(None)


def make_site(base_url: str = "", languages: tuple[str, ...] = LANGS) -> SiteView:
    return SiteView(
        names={"tg": "Хадамоти матбуот", "ru": "Пресс-служба", "en": "Press Service"},
        languages=languages,
        default_lang=languages[0],
        language_names={code: language_name(code) for code in languages},
        timezone=TZ,
        base_url=base_url,
    )


def article_url(lang: str, slug: str = "visit") -> str:
    return f"{lang}/2020/04/{slug}.html"


def make_article(
    lang: str = "ru", title: str = "Визит", others: tuple[str, ...] = ("tg",)
) -> ArticleView:
    related = LinkView(
        title="Другое заявление",
        url=f"{lang}/2020/03/other.html",
        published_at=WHEN - timedelta(days=30),
        date_line=date_line(WHEN - timedelta(days=30), lang, TZ),
    )
    return ArticleView(
        statement_id=42,
        slug="visit",
        lang=lang,
        url=article_url(lang),
        title=title,
        lead="Краткое содержание",
        body_html="<p>Текст <strong>заявления</strong>.</p>",
        published_at=WHEN,
        date_line=date_line(WHEN, lang, TZ),
        image=ImageView("media/ab12.png", alt="Фото", caption="Подпись к фото", width=8, height=6),
        tags=(NavLink("Экономика", f"{lang}/tags/economy.html"),),
        alternates=tuple(
            AlternateView(code, article_url(code), language_name(code)) for code in others
        ),
        related=(related,),
    )


def make_link(lang: str, title: str = "Визит") -> LinkView:
    return LinkView(title, article_url(lang), WHEN, date_line(WHEN, lang, TZ), lead="Лид")


def all_html_pages(theme: Theme, site: SiteView, title: str = "Визит") -> dict[str, str]:
    """Path under OUT -> HTML of one page of every kind."""
    article = make_article("ru", title)
    items = (make_link("ru", title),)
    return {
        article.url: render_article(theme, site, article),
        "ru/index.html": render_index(
            theme,
            site,
            IndexPageView(
                "ru",
                "ru/index.html",
                items,
                page=0,
                next_url="ru/page/2.html",
                months=(NavLink("Апрель 2020", "ru/archive/2020-04.html"),),
            ),
        ),
        "ru/archive/2020-04.html": render_archive(
            theme,
            site,
            ArchiveView("ru", "ru/archive/2020-04.html", 2020, 4, "Апрель 2020", items),
        ),
        "ru/tags/economy.html": render_tag(
            theme, site, TagView("ru", "ru/tags/economy.html", "Экономика", items)
        ),
        "index.html": render_language_chooser(theme, site),
    }


class _Structure(HTMLParser):
    """Collects tags and fails on unbalanced or mis-nested elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.links: list[str] = []
        self.html_attrs: dict[str, str | None] = {}
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.html_attrs = values
        if tag == "script":
            self.scripts += 1
        for name in ("href", "src"):
            if values.get(name):
                self.links.append(values[name] or "")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> with open {self.stack}")
        else:
            self.stack.pop()


def structure(page: str) -> _Structure:
    parser = _Structure()
    parser.feed(page)
    parser.close()
    return parser


def test_relative_url_from_pages_at_every_depth() -> None:
    assert relative_url("ru/2020/04/slug.html", "assets/style.css") == "../../../assets/style.css"
    assert relative_url("ru/2020/04/slug.html", "ru/2020/04/other.html") == "other.html"
    assert relative_url("ru/2020/04/slug.html", "ru/2020/03/other.html") == "../03/other.html"
    assert relative_url("ru/2020/04/slug.html", "tg/2020/04/slug.html") == (
        "../../../tg/2020/04/slug.html"
    )
    assert relative_url("ru/index.html", "ru/2020/04/slug.html") == "2020/04/slug.html"
    assert relative_url("ru/index.html", "ru/feed.xml") == "feed.xml"
    assert relative_url("index.html", "tg/index.html") == "tg/index.html"
    assert relative_url("ru/tags/a.html", "media/x.png") == "../../media/x.png"
    assert relative_url("ru/index.html", "ru/") == "./"


def test_relative_url_encodes_and_leaves_absolute_alone() -> None:
    assert relative_url("tg/index.html", "tg/tags/ҳукумат.html") == (
        "tags/%D2%B3%D1%83%D0%BA%D1%83%D0%BC%D0%B0%D1%82.html"
    )
    assert relative_url("ru/index.html", "ru/a b.html#part") == "a%20b.html#part"
    for absolute in ("https://example.tj/x.html", "mailto:press@example.tj", "//cdn/x", "#top"):
        assert relative_url("ru/2020/04/slug.html", absolute) == absolute


def test_every_page_is_html5_with_lang_and_balanced(theme: Theme) -> None:
    for path, page in all_html_pages(theme, make_site()).items():
        assert page.startswith("<!DOCTYPE html>\n"), path
        parsed = structure(page)
        assert parsed.errors == [], path
        assert parsed.stack == [], path
        assert parsed.html_attrs.get("lang"), path
        assert parsed.scripts == 0, path
        assert '<meta charset="utf-8">' in page


def test_every_page_parses_strictly_as_html5(theme: Theme) -> None:
    html5lib = pytest.importorskip("html5lib")
    for path, page in all_html_pages(theme, make_site()).items():
        html5lib.HTMLParser(strict=True).parse(page)  # raises on any parse error
        assert path


def test_links_work_when_opened_from_disk(theme: Theme, tmp_path: Path) -> None:
    pages = all_html_pages(theme, make_site())
    for path, page in pages.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(page, encoding="utf-8")
    article_dir = (tmp_path / article_url("ru")).parent
    links = structure(pages[article_url("ru")]).links
    resolved = {(article_dir / unquote(link)).resolve() for link in links if "://" not in link}
    root = tmp_path.resolve()
    assert root / "assets" / "style.css" in resolved
    assert root / "media" / "ab12.png" in resolved
    assert root / "ru" / "tags" / "economy.html" in resolved
    assert root / "tg" / "2020" / "04" / "visit.html" in resolved
    assert root / "ru" / "index.html" in resolved
    assert all(path.is_relative_to(root) for path in resolved)


def test_title_is_escaped_everywhere(theme: Theme) -> None:
    site = make_site()
    pages = all_html_pages(theme, site, title=EVIL)
    del pages["index.html"]  # the language chooser shows no statement
    entry = FeedEntryView(42, EVIL, article_url("ru"), WHEN, WHEN, summary=EVIL)
    pages["feed"] = render_feed(theme, site, FeedView("ru", "ru/feed.xml", (entry,)))
    for path, page in pages.items():
        assert "<script" not in page, path
        assert "&lt;script&gt;" in page, path


def test_sitemap_escapes_and_encodes_urls(theme: Theme) -> None:
    site = make_site(base_url="https://example.tj/?site=press&x=<y>")
    alternate = AlternateView("tg", f"tg/{EVIL}.html", "Тоҷикӣ")
    sitemap = render_sitemap(
        theme, site, [SitemapEntryView(article_url("ru"), "ru", WHEN, (alternate,))]
    )
    assert "<script" not in sitemap
    assert "&amp;x=&lt;y&gt;" in sitemap
    root = ET.fromstring(sitemap.encode("utf-8"))
    links = root.findall(f"{SITEMAP}url/{XHTML}link")
    assert links[1].get("href") == (
        "https://example.tj/?site=press&x=<y>/tg/%3Cscript%3Ealert(1)%3C/script%3E.html"
    )


def test_article_page_content(theme: Theme) -> None:
    article = make_article("ru", others=("tg", "en"))
    page = render_article(theme, make_site(), article)
    assert "<p>Текст <strong>заявления</strong>.</p>" in page  # trusted body as is
    assert '<time datetime="2020-04-18T01:28:00Z">18 апреля 2020\u202fг., 06:28</time>' in page
    assert re.search(r"<figure[^>]*>\s*<img [^>]*>\s*<figcaption>Подпись к фото</figcaption>", page)
    assert '<aside class="sidebar">' in page
    assert "Читайте также" in page
    assert '<link rel="alternate" hreflang="tg" href="../../../tg/2020/04/visit.html">' in page
    assert '<link rel="alternate" hreflang="en" href="../../../en/2020/04/visit.html">' in page
    assert '<link rel="alternate" hreflang="ru" href="visit.html">' in page


def test_language_switcher_falls_back_to_front_page(theme: Theme) -> None:
    page = render_article(theme, make_site(), make_article("ru", others=("tg",)))
    assert '<a href="../../../tg/2020/04/visit.html" lang="tg"' in page
    assert '<a href="../../../en/index.html" lang="en"' in page


def test_absolute_alternates_with_base_url(theme: Theme) -> None:
    site = make_site(base_url="https://example.tj/press/")
    page = render_article(theme, site, make_article("ru"))
    assert '<link rel="canonical" href="https://example.tj/press/ru/2020/04/visit.html">' in page
    assert 'hreflang="tg" href="https://example.tj/press/tg/2020/04/visit.html"' in page
    assert 'href="../../../assets/style.css"' in page  # assets stay relative


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("ru", "Читайте также"), ("tg", "Инчунин хонед"), ("en", "Related"), ("de", "Related")],
)
def test_sidebar_heading_is_localised(theme: Theme, lang: str, heading: str) -> None:
    site = make_site(languages=(*LANGS, "de") if lang == "de" else LANGS)
    page = render_article(theme, site, make_article(lang))
    assert f'<h2 class="sidebar__title">{heading}</h2>' in page
    assert f'<html lang="{lang}"' in page


def test_index_page_lists_items_and_pager(theme: Theme) -> None:
    page = all_html_pages(theme, make_site())["ru/index.html"]
    assert '<a href="2020/04/visit.html">Визит</a>' in page
    assert 'rel="next" href="page/2.html"' in page
    assert "Страница" not in page  # the front page has no number
    assert 'href="archive/2020-04.html">Апрель 2020</a>' in page


def test_chooser_links_every_language(theme: Theme) -> None:
    page = render_language_chooser(theme, make_site())
    for code in LANGS:
        assert f'<a href="{code}/index.html" hreflang="{code}">' in page
    assert "<meta http-equiv" not in page


def test_feed_is_atom(theme: Theme) -> None:
    site = make_site()
    entries = (
        FeedEntryView(42, "Визит", article_url("ru"), WHEN, WHEN + timedelta(hours=2), "Лид"),
        FeedEntryView(
            41,
            "Ранее",
            article_url("ru", "older"),
            WHEN - timedelta(days=1),
            WHEN - timedelta(days=1),
            content_html="<p>Тело & <b>жирный</b></p>",
        ),
    )
    feed = render_feed(theme, site, FeedView("ru", "ru/feed.xml", entries))
    root = ET.fromstring(feed.encode("utf-8"))
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}updated") == "2020-04-18T03:28:00Z"
    parsed = root.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in parsed] == ["Визит", "Ранее"]
    first, second = parsed
    assert first.findtext(f"{ATOM}id", "").startswith("urn:uuid:")
    assert first.findtext(f"{ATOM}id") != second.findtext(f"{ATOM}id")
    assert first.find(f"{ATOM}link").get("href") == "2020/04/visit.html"  # type: ignore[union-attr]
    assert first.findtext(f"{ATOM}summary") == "Лид"
    assert first.findtext(f"{ATOM}published") == "2020-04-18T01:28:00Z"
    content = second.find(f"{ATOM}content")
    assert content is not None and content.get("type") == "html"
    assert content.text == "<p>Тело & <b>жирный</b></p>"


def test_feed_ids_are_urls_with_base_url_and_stable_without(theme: Theme) -> None:
    entry = FeedEntryView(42, "Визит", article_url("ru"), WHEN, WHEN)
    feed = FeedView("ru", "ru/feed.xml", (entry,))
    with_base = ET.fromstring(render_feed(theme, make_site("https://example.tj"), feed))
    assert with_base.findtext(f"{ATOM}entry/{ATOM}id") == (
        "https://example.tj/ru/2020/04/visit.html"
    )
    first = render_feed(theme, make_site(), feed)
    assert first == render_feed(theme, make_site(), feed)


def test_empty_feed_is_valid(theme: Theme) -> None:
    root = ET.fromstring(render_feed(theme, make_site(), FeedView("en", "en/feed.xml", ())))
    assert root.findtext(f"{ATOM}updated") == "1970-01-01T00:00:00Z"
    assert root.findall(f"{ATOM}entry") == []


def test_sitemap_hreflang_alternates(theme: Theme) -> None:
    site = make_site("https://example.tj")
    entries = []
    for code in LANGS:
        others = tuple(
            AlternateView(other, article_url(other), language_name(other))
            for other in LANGS
            if other != code
        )
        entries.append(SitemapEntryView(article_url(code), code, WHEN, others))
    entries.append(SitemapEntryView("ru/index.html", "ru"))
    root = ET.fromstring(render_sitemap(theme, site, entries).encode("utf-8"))
    urls = root.findall(f"{SITEMAP}url")
    assert len(urls) == 4
    for url, code in zip(urls, LANGS, strict=False):
        assert url.findtext(f"{SITEMAP}loc") == f"https://example.tj/{article_url(code)}"
        assert url.findtext(f"{SITEMAP}lastmod") == "2020-04-18T01:28:00Z"
        links = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
        assert links == {other: f"https://example.tj/{article_url(other)}" for other in LANGS}
    assert urls[3].findall(f"{XHTML}link") == []


def test_rendering_is_deterministic(theme: Theme) -> None:
    site = make_site()
    first = all_html_pages(theme, site)
    again = all_html_pages(Theme.load(None), site)
    assert first == again
    article = replace(make_article("en"), title="Same")
    assert render_article(theme, site, article) == render_article(theme, site, article)


def test_list_pages_are_counted_from_the_oldest() -> None:
    from app.core.export.site import _paged

    def pages(count: int, size: int = 3) -> list[tuple[int, list[int], int | None, int | None]]:
        texts = [f"t{i}" for i in range(count)][::-1]  # newest first, as the site lists
        return [
            (p.number, [int(t[1:]) for t in p.items], p.newer, p.older)
            for p in _paged(texts, size)  # type: ignore[arg-type]
        ]

    assert pages(0) == [(0, [], None, None)]
    assert pages(2) == [(0, [1, 0], None, None)]
    assert pages(5) == [(0, [4, 3, 2, 1, 0], None, None)]  # size to 2 × size - 1 on the front
    assert pages(6) == [(0, [5, 4, 3], None, 1), (1, [2, 1, 0], 0, None)]
    assert pages(7) == [(0, [6, 5, 4, 3], None, 1), (1, [2, 1, 0], 0, None)]
    assert pages(9) == [
        (0, [8, 7, 6], None, 2),
        (2, [5, 4, 3], 0, 1),
        (1, [2, 1, 0], 2, None),
    ]
