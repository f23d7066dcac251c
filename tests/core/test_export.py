"""The HTML export: what lands in OUT, that it is safe, deterministic, atomic and incremental."""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest

from app.core.content import TextContent
from app.core.db import Database
from app.core.errors import PressDeskError
from app.core.export.run import export_site
from app.core.models import Statement, Status
from app.core.statements import create_statement, save_text
from tests.conftest import approve_change, put_on_site, take_off_site

WHEN = datetime(2020, 4, 18, 1, 28, tzinfo=UTC)


def publish(
    db: Database,
    title: str,
    *,
    lang: str = "ru",
    body: str = "Текст.",
    tags=(),
    when: datetime = WHEN,
    translations: dict[str, TextContent] | None = None,
) -> int:
    with db.transaction() as s:
        st = create_statement(
            s,
            source_lang=lang,
            content=TextContent(title, "Лид", body),
            actor_id=None,
            tags=tuple(tags),
            created_at=when,
        )
        for other, content in (translations or {}).items():
            save_text(s, st.id, other, content, actor_id=None)
        put_on_site(s, st.id, when)
        return st.id


@pytest.fixture
def archive(db: Database) -> Database:
    publish(
        db,
        "Заявление о воде",
        tags=("water",),
        body="Вода и **энергия** Рогуна.",
        translations={
            "en": TextContent("Statement on water", body="Water and energy."),
            "tg": TextContent("Изҳорот дар бораи об", body="Об ва энергия."),
        },
    )
    for i in range(6):
        publish(
            db,
            f"Встреча номер {i}",
            tags=("visits",),
            body=f"Вода и встреча {i}.",
            when=WHEN + timedelta(days=i + 1),
        )
    with db.transaction() as s:
        st = create_statement(s, source_lang="ru", content=TextContent("Черновик"), actor_id=None)
        assert st.status == Status.DRAFT
    return db


def files(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and ".pressdesk" not in p.parts
    }


def test_site_layout(archive: Database, tmp_path: Path) -> None:
    out = tmp_path / "site"
    report = export_site(archive, out, workers=1, base_url="https://press.example.tj/")
    assert report.ok
    written = files(out)
    assert "index.html" in written and "sitemap.xml" in written and "manifest.json" in written
    assert "ru/2020/04/zayavlenie-o-vode.html" in written
    # Each language's page has the address of its own title.
    assert "en/2020/04/statement-on-water.html" in written
    assert "tg/index.html" in written and "ru/archive/2020-04.html" in written
    assert "ru/tags/water.html" in written and "assets/style.css" in written
    assert not any("chernovik" in p for p in written)
    page = written["ru/2020/04/zayavlenie-o-vode.html"].decode()
    assert '<html lang="ru"' in page and "18 апреля 2020" in page
    assert "<strong>энергия</strong>" in page
    assert 'hreflang="en"' in page
    assert "Встреча номер" in page  # the related-articles sidebar
    feed = ElementTree.fromstring(written["ru/feed.xml"])
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == 7
    manifest = json.loads(written["manifest.json"])["files"]
    assert set(manifest) == set(written) - {"manifest.json"}
    sitemap = written["sitemap.xml"].decode()
    assert "<loc>https://press.example.tj/ru/2020/04/zayavlenie-o-vode.html</loc>" in sitemap
    assert 'hreflang="en" href="https://press.example.tj/en/2020/04/statement-on-water.html"' in (
        sitemap
    )


def test_without_a_base_url_there_is_no_sitemap(archive: Database, tmp_path: Path) -> None:
    report = export_site(archive, tmp_path / "site", workers=1)
    assert not (tmp_path / "site" / "sitemap.xml").exists()
    assert any("sitemap" in w for w in report.warnings)


def test_same_database_gives_byte_identical_site(archive: Database, tmp_path: Path) -> None:
    export_site(archive, tmp_path / "a", workers=1)
    export_site(archive, tmp_path / "b", workers=2)
    assert files(tmp_path / "a") == files(tmp_path / "b")


def test_unchanged_database_writes_nothing(archive: Database, tmp_path: Path) -> None:
    out = tmp_path / "site"
    export_site(archive, out, workers=1)
    again = export_site(archive, out, workers=1)
    assert again.written == [] and again.removed == []
    incremental = export_site(archive, out, changed_only=True, workers=1)
    assert incremental.written == [] and incremental.removed == []


def test_changed_only_rewrites_the_edit_and_its_dependants(archive: Database, tmp_path: Path):
    out = tmp_path / "site"
    export_site(archive, out, workers=1)
    with archive.transaction() as s:
        sid = s.query(Statement).filter_by(slug="vstrecha-nomer-3").one().id
        save_text(
            s, sid, "ru", TextContent("Встреча номер 3", "Лид", "Новый текст."), actor_id=None
        )
    # An edit stays off the site until an editor approves it.
    assert export_site(archive, out, changed_only=True, workers=1).written == []
    with archive.transaction() as s:
        approve_change(s, sid, ["ru"])
    report = export_site(archive, out, changed_only=True, workers=1)
    assert "ru/2020/04/vstrecha-nomer-3.html" in report.written
    assert "Новый текст." in (out / "ru/2020/04/vstrecha-nomer-3.html").read_text()
    assert "en/2020/04/statement-on-water.html" not in report.written
    full = tmp_path / "full"
    export_site(archive, full, workers=1)
    assert files(out) == files(full)


def test_withdrawn_statement_is_removed(archive: Database, tmp_path: Path) -> None:
    out = tmp_path / "site"
    export_site(archive, out, workers=1, base_url="https://press.example.tj")
    with archive.transaction() as s:
        take_off_site(s, s.query(Statement).filter_by(slug="zayavlenie-o-vode").one().id)
    report = export_site(
        archive, out, changed_only=True, workers=1, base_url="https://press.example.tj"
    )
    assert "en/2020/04/statement-on-water.html" in report.removed
    assert not (out / "en").exists() or not (out / "en/2020/04/statement-on-water.html").exists()
    assert "zayavlenie-o-vode" not in (out / "sitemap.xml").read_text()


class _Active(HTMLParser):
    """Collects anything that could run: script tags, event handlers, dangerous URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "iframe", "object", "embed", "base", "form", "svg", "math"}:
            self.found.append(tag)
        if tag == "meta" and any(k == "http-equiv" for k, _ in attrs):
            self.found.append("meta refresh")
        for key, value in attrs:
            lowered = "".join((value or "").split()).lower()
            if key.startswith("on") or (key == "style" and "expression" in lowered):
                self.found.append(f"{tag} {key}")
            if key in {"href", "src", "action"} and lowered.startswith(
                ("javascript:", "vbscript:", "data:")
            ):
                self.found.append(f"{tag} {key}={value}")


HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "../../../../etc/passwd",
    "CON",
    "<iframe src=javascript:alert(1)>",
    "\u202eevil\u202c title",
    "🙂🙂🙂",
    "!!!",
    "x" * 300,
]


@pytest.mark.parametrize("title", HOSTILE)
def test_hostile_titles_stay_inert_and_inside_out(db: Database, tmp_path: Path, title: str):
    body = (
        "[click](javascript:alert(1)) <script>alert(2)</script> "
        "<a href='JaVaScRiPt&#58;alert(3)'>x</a> ![x](data:image/svg+xml;base64,PHN2Zz4=) "
        "<svg onload=alert(4)></svg> <meta http-equiv=refresh content='0;url=http://evil'>"
        '<form action="http://evil"><input></form><base href="http://evil/">'
        '<p style="background:url(javascript:alert(5))">s</p>'
    )
    publish(db, title, body=body, tags=(title[:90],))
    publish(db, title, body="second with the same title")
    out = tmp_path / "site"
    report = export_site(db, out, workers=1)
    assert report.ok
    paths = list(out.rglob("*"))
    assert all(p.resolve().is_relative_to(out.resolve()) for p in paths)
    articles = [p for p in paths if p.suffix == ".html" and len(p.relative_to(out).parts) == 4]
    assert len(articles) == 2
    for path in paths:
        name = path.name.split(".")[0].upper()
        assert name not in {"CON", "NUL", "PRN", "AUX"}
        assert len(path.name) <= 90
        if path.suffix in {".html", ".xml"}:
            parser = _Active()
            parser.feed(path.read_text(encoding="utf-8"))
            assert parser.found == [], (path, parser.found)


def test_broken_theme_leaves_previous_export_untouched(archive: Database, tmp_path: Path):
    out = tmp_path / "site"
    export_site(archive, out, workers=1)
    before = files(out)
    theme = tmp_path / "theme" / "templates"
    theme.mkdir(parents=True)
    (theme / "article.html").write_text(
        "{% extends 'base.html' %}\n{% block content %}\n{{ x(", encoding="utf-8"
    )
    with pytest.raises(PressDeskError, match=r"article\.html:3"):
        export_site(archive, out, theme_dir=tmp_path / "theme", workers=1)
    assert files(out) == before


def test_office_theme_overrides_css(archive: Database, tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    (theme / "assets").mkdir(parents=True)
    (theme / "assets" / "style.css").write_text("body { color: green }", encoding="utf-8")
    export_site(archive, tmp_path / "site", theme_dir=theme, workers=1)
    assert (tmp_path / "site/assets/style.css").read_text() == "body { color: green }"


def test_leftovers_of_a_killed_run_are_cleaned(archive: Database, tmp_path: Path) -> None:
    out = tmp_path / "site"
    leftover = out / ".pressdesk" / "tmp" / "123-abc.part"
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"<html><body>half a pa")
    (out / ".pressdesk" / "lock").write_text("999999999")  # a dead process
    export_site(archive, out, workers=1)
    assert not leftover.exists()
    assert not (out / ".pressdesk" / "lock").exists()


def test_zip_is_deterministic(archive: Database, tmp_path: Path) -> None:
    export_site(archive, tmp_path / "a", zip_path=tmp_path / "a.zip", workers=1)
    export_site(archive, tmp_path / "b", zip_path=tmp_path / "b.zip", workers=1)
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.zip") as archive_file:
        assert "manifest.json" in archive_file.namelist()
        assert all(not n.startswith((".", "/")) and ".." not in n for n in archive_file.namelist())


def test_pathological_body_is_reported_not_fatal(db: Database, tmp_path: Path) -> None:
    good = publish(db, "Хороший", body="Нормальный текст.")
    bad = publish(db, "Плохой", body="- " * 3000 + "x")
    report = export_site(db, tmp_path / "site", workers=1)
    assert not report.ok
    assert any(f"statement {bad}" in e for e in report.errors)
    assert (tmp_path / "site/ru/2020/04/khoroshiy.html").exists()
    assert good != bad


def test_lead_images_with_smaller_copies(db: Database, tmp_path: Path) -> None:
    from app.core.demo.images import demo_image
    from app.core.media import MediaStore

    sid = publish(db, "С фотографией")
    with db.transaction() as s:
        media = MediaStore.for_database(db).add(s, demo_image(3), "photo.jpg")
        s.get(Statement, sid).lead_media_id = media.id
        name = media.file_name
    out = tmp_path / "site"
    export_site(db, out, workers=1)
    stem = name.rsplit(".", 1)[0]
    assert (out / "media" / name).read_bytes() == demo_image(3)
    small = out / "media" / f"{stem}-w480.jpg"
    from PIL import Image

    with Image.open(small) as image:
        assert image.width == 480
    page = (out / "ru/2020/04/s-fotografiey.html").read_text()
    assert f"{stem}-w480.jpg 480w" in page
    again = export_site(db, out, changed_only=True, workers=1)
    assert again.written == [] and again.removed == []
    assert small.exists()


def test_smaller_copies_are_kept_between_exports_and_checked(tmp_path: Path) -> None:
    from app.core.demo.images import demo_image
    from app.core.export import variants
    from app.core.media import resized

    data = demo_image(4)
    made = variants.variant(data, "abc.jpg", 480)
    assert made == resized(data, 480)
    (kept,) = variants.cache_dir().glob("abc.jpg.480w.*")
    assert kept.read_bytes()[32:] == made
    kept.write_bytes(kept.read_bytes()[:-10])  # a damaged copy is made again
    assert variants.variant(data, "abc.jpg", 480) == made
    assert kept.read_bytes()[32:] == made


def test_feed_is_valid_atom_for_a_feed_reader(archive: Database, tmp_path: Path) -> None:
    import feedparser

    export_site(archive, tmp_path / "site", workers=1)
    for lang in ("ru", "en", "tg"):
        feed = feedparser.parse((tmp_path / "site" / lang / "feed.xml").read_bytes())
        assert not feed.bozo, feed.get("bozo_exception")
        assert feed.version == "atom10"
        assert all(entry.title and entry.link for entry in feed.entries)


def test_cancelled_export_leaves_only_whole_files(archive: Database, tmp_path: Path) -> None:
    from app.core.export.run import Cancelled

    out = tmp_path / "site"
    with pytest.raises(Cancelled):
        export_site(archive, out, cancelled=lambda: True, workers=1)
    assert not (out / ".pressdesk" / "tmp").exists()
    assert not (out / ".pressdesk" / "lock").exists()
    finished = export_site(archive, out, workers=1)
    assert finished.ok and (out / "manifest.json").exists()


def test_sidebars_follow_pins_and_tags_between_exports(archive: Database, tmp_path: Path):
    from app.core.models import RelatedStatement
    from app.core.statements import set_tags

    out = tmp_path / "site"
    export_site(archive, out, workers=1)
    with archive.transaction() as s:
        water = s.query(Statement).filter_by(slug="zayavlenie-o-vode").one().id
        meeting = s.query(Statement).filter_by(slug="vstrecha-nomer-5").one().id
        s.add(RelatedStatement(statement_id=meeting, related_id=water, position=0))
        set_tags(s, water, ["visits"])
    report = export_site(archive, out, changed_only=True, workers=1)
    assert "ru/2020/04/vstrecha-nomer-5.html" in report.written
    sidebar = (out / "ru/2020/04/vstrecha-nomer-5.html").read_text().split("<aside")[-1]
    assert sidebar.index("Заявление о воде") < sidebar.index("Встреча номер")
    fresh = tmp_path / "fresh"
    export_site(archive, fresh, workers=1)
    assert files(out) == files(fresh)


def test_redating_a_statement_is_seen_by_the_sidebars(archive: Database, tmp_path: Path):
    out = tmp_path / "site"
    export_site(archive, out, workers=1)
    with archive.transaction() as s:
        st = s.query(Statement).filter_by(slug="vstrecha-nomer-0").one()
        st.published_at = WHEN + timedelta(days=20)
    export_site(archive, out, changed_only=True, workers=1)
    fresh = tmp_path / "fresh"
    export_site(archive, fresh, workers=1)
    assert files(out) == files(fresh)


def test_a_folder_linked_outside_out_is_refused(archive: Database, tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    elsewhere.mkdir()
    export_site(archive, out, workers=1)
    shutil.rmtree(out / "ru")
    (out / "ru").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(PressDeskError, match="outside the export folder"):
        export_site(archive, out, workers=1)
    assert not any(elsewhere.iterdir())


def test_workers_started_afresh_write_the_same_site(
    archive: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.core.export import run

    monkeypatch.setattr(run, "SPAWN_ABOVE", 0)
    here, spawned = tmp_path / "here", tmp_path / "spawned"
    export_site(archive, here, workers=1)
    report = export_site(archive, spawned, workers=2, start="spawn")
    assert report.ok and report.written
    assert files(spawned) == files(here)


def test_long_lists_are_paged_from_the_oldest_so_addresses_keep_their_content(
    archive: Database, tmp_path: Path
) -> None:
    from dataclasses import replace

    from app.core.settings import load_settings, save_settings

    with archive.transaction() as s:
        save_settings(s, replace(load_settings(s), index_page_size=4))
    for i in range(6, 10):
        publish(archive, f"Встреча номер {i}", tags=("visits",), when=WHEN + timedelta(days=i))
    out = tmp_path / "site"
    export_site(archive, out, workers=1)
    front = (out / "ru/tags/visits.html").read_text()
    oldest = (out / "ru/tags/visits/1.html").read_text()
    # The front page shows the newest one or two pages' worth; page 1 the four oldest.
    assert front.count('<li class="teaser') == 6 and oldest.count('<li class="teaser') == 4
    assert 'rel="next" href="visits/1.html"' in front
    assert 'rel="prev" href="../visits.html"' in oldest
    assert "Встреча номер 9" in front and "Встреча номер 0" in oldest  # newest first
    assert front.index("Встреча номер 9") < front.index("Встреча номер 4")
    assert not (out / "ru/tags/visits/2.html").exists()
    page = (out / "ru/2020/04/vstrecha-nomer-0.html").read_text()
    assert 'href="../../tags/visits.html"' in page  # articles link to the front page
    # A new statement rewrites the front pages, not the pages of older statements.
    publish(archive, "Встреча номер 10", tags=("visits",), when=WHEN + timedelta(days=10))
    report = export_site(archive, out, workers=1, changed_only=True)
    assert "ru/tags/visits.html" in report.written and "ru/index.html" in report.written
    assert "ru/tags/visits/1.html" not in report.written
    # At most the two newest numbered pages: one leaving the front page, one before it.
    assert len([p for p in report.written if p.startswith("ru/page/")]) <= 2
    fresh = tmp_path / "fresh"
    export_site(archive, fresh, workers=1)
    assert files(out) == files(fresh)
