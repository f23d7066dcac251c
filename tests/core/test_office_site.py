"""The office reaches the site: name, address, menu, logo and footer on every page; its theme
used by the export, the preview and the command alike."""

from __future__ import annotations

import hashlib
import posixpath
import subprocess
import sys
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sqlalchemy import select

from app.core.content import TextContent
from app.core.db import Database
from app.core.demo.images import demo_image
from app.core.export.run import export_site
from app.core.media import MediaStore
from app.core.models import Role, User, UserRole
from app.core.office import save_office
from app.core.preview import PreviewRenderer
from app.core.settings import DEFAULTS, MenuItem, OfficeSettings, load_settings
from app.core.users import add_user
from tests.core.test_export import archive, files

__all__ = ["archive"]  # the fixture, used by name

OFFICE = replace(
    DEFAULTS,
    base_url="https://press.example.tj",
    contact={"ru": "Душанбе, пр. Рудаки 80", "tg": "Душанбе, хиёбони Рӯдакӣ 80"},
    footer={"en": "Reprinting requires a link to the source."},
    menu=(
        MenuItem("{lang}/tags/visits.html", {"tg": "Сафарҳо", "ru": "Визиты", "en": "Visits"}),
        MenuItem("https://president.tj", {"ru": "Сайт Президента", "en": "President's site"}),
    ),
)


def configure(db: Database, settings: OfficeSettings, logo: Path | None = None) -> None:
    with db.transaction() as s:
        admin = s.scalar(
            select(User.id)
            .join(UserRole, UserRole.user_id == User.id)
            .where(UserRole.role == Role.ADMIN)
            .limit(1)
        )
        if admin is None:
            admin = add_user(s, "admin", "Admin", {Role.ADMIN}).id
        save_office(s, MediaStore.for_database(db), admin, settings, logo_file=logo)


class Page(HTMLParser):
    """What a visitor sees of the office on one page."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.links: dict[str, str] = {}
        self.images: list[str] = []
        self.text: list[str] = []
        self._href: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a":
            self._href = values.get("href") or ""
        if tag == "img":
            self.images.append(values.get("src") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._href = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._href is not None and data.strip():
            self.links[data.strip()] = self._href


@pytest.fixture
def emblem(tmp_path: Path) -> Path:
    path = tmp_path / "emblem.jpg"
    path.write_bytes(demo_image(5))
    return path


def test_every_page_shows_the_office(archive: Database, tmp_path: Path, emblem: Path) -> None:
    configure(archive, OFFICE, emblem)
    logo = load_settings_of(archive).logo
    out = tmp_path / "site"
    assert export_site(archive, out, workers=1).ok
    written = files(out)
    assert f"media/{logo}" in written
    pages = [path for path in written if path.endswith(".html")]
    assert {"index.html", "ru/index.html", "ru/tags/water.html", "ru/archive/2020-04.html"} <= set(
        pages
    )
    for path in pages:
        lang = path.split("/")[0] if "/" in path else "tg"
        page = Page(written[path].decode())
        text = "".join(page.text)
        assert OFFICE.site_name[lang] in text, path
        depth = path.count("/")
        assert "../" * depth + f"media/{logo}" in page.images, path
        if lang == "en":
            assert OFFICE.footer["en"] in text
            assert resolve(path, page.links["Visits"]) == "en/tags/visits.html", path
            assert page.links["President's site"] == "https://president.tj"
        if lang == "ru":
            assert "Душанбе, пр. Рудаки 80" in text
            assert resolve(path, page.links["Визиты"]) == "ru/tags/visits.html", path
        if lang == "tg":
            # No Tajik label for the President's site: the default language has none either.
            assert "Сафарҳо" in page.links and "Сайт Президента" not in page.links
    feed = written["ru/feed.xml"].decode()
    assert "<id>https://press.example.tj/ru/feed.xml</id>" in feed
    assert (
        "https://press.example.tj/ru/2020/04/zayavlenie-o-vode.html"
        in written["sitemap.xml"].decode()
    )


def resolve(page: str, link: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), link))


def load_settings_of(db: Database) -> OfficeSettings:
    with db.transaction() as s:
        return load_settings(s)


def test_the_office_site_is_byte_identical_run_after_run(
    archive: Database, tmp_path: Path, emblem: Path
) -> None:
    configure(archive, OFFICE, emblem)
    export_site(archive, tmp_path / "a", workers=1)
    export_site(archive, tmp_path / "b", workers=2)
    assert files(tmp_path / "a") == files(tmp_path / "b")


def test_a_changed_office_rewrites_every_page(archive: Database, tmp_path: Path) -> None:
    out = tmp_path / "site"
    export_site(archive, out, workers=1)
    configure(archive, replace(DEFAULTS, footer={"tg": "Ҳамаи ҳуқуқҳо ҳифз шудаанд."}))
    report = export_site(archive, out, workers=1, changed_only=True)
    pages = [p for p in files(out) if p.endswith(".html")]
    assert set(pages) <= set(report.written)
    assert "Ҳамаи ҳуқуқҳо" in (out / "tg" / "index.html").read_text()


def office_theme(tmp_path: Path, colour: str) -> Path:
    theme = tmp_path / f"theme-{colour}"
    (theme / "assets").mkdir(parents=True)
    (theme / "assets" / "style.css").write_text(f"body {{ color: {colour} }}\n")
    (theme / "templates").mkdir()
    (theme / "templates" / "chooser.html").write_text(
        '{% extends "base.html" %}{% block main %}<p>office chooser</p>{% endblock %}\n'
    )
    return theme


def test_the_office_theme_is_used_and_an_explicit_theme_wins(archive: Database, tmp_path: Path):
    navy, black = office_theme(tmp_path, "navy"), office_theme(tmp_path, "black")
    configure(archive, replace(DEFAULTS, theme_dir=str(navy)))
    out = tmp_path / "site"
    export_site(archive, out, workers=1)
    assert (out / "assets" / "style.css").read_text() == "body { color: navy }\n"
    assert "office chooser" in (out / "index.html").read_text()
    export_site(archive, out, workers=1, theme_dir=black)
    assert (out / "assets" / "style.css").read_text() == "body { color: black }\n"


def test_the_preview_shows_the_exported_page_with_the_office_theme(
    archive: Database, tmp_path: Path, emblem: Path
) -> None:
    navy = office_theme(tmp_path, "navy")
    (navy / "templates" / "article.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1>office: {{ article.title }}</h1>'
        "{{ body }}{% endblock %}\n"
    )
    configure(archive, replace(OFFICE, theme_dir=str(navy)), emblem)
    out = tmp_path / "site"
    export_site(archive, out, workers=1)
    renderer = PreviewRenderer(archive)
    try:
        sid = 1
        page = renderer.render(
            sid, "ru", TextContent("Заявление о воде", "Лид", "Вода и **энергия** Рогуна.")
        )
        exported = (out / "ru" / "2020" / "04" / "zayavlenie-o-vode.html").read_text()
        assert page.html == exported and "office: Заявление о воде" in page.html
        site = page.base_url.parents[3]
        assert (site / "assets" / "style.css").read_text() == "body { color: navy }\n"
        assert (site / "media" / load_settings_of(archive).logo).exists()
        # The office changes its theme: the next preview follows, as the next export would.
        configure(archive, replace(OFFICE, theme_dir=""))
        page = renderer.render(sid, "ru", TextContent("Заявление о воде"))
        assert "office:" not in page.html
        assert "color: navy" not in (site / "assets" / "style.css").read_text()
    finally:
        renderer.close()


def pressdesk(
    *args: str, user: str | None = None, password: str | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(Path.home())}
    if password is not None:
        env["PRESSDESK_PASSWORD"] = password
    command = [sys.executable, "-m", "app", *(["--user", user] if user else []), *args]
    return subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=120, input=stdin
    )


def test_the_command_configures_the_office(sqlite_db: Database, tmp_path: Path) -> None:
    db = sqlite_db.url.database
    assert db is not None
    emblem = tmp_path / "emblem.jpg"
    emblem.write_bytes(demo_image(2))
    navy = office_theme(tmp_path, "navy")
    for key, value in [
        ("site_name.ru", "Пресс-служба"),
        ("base_url", "https://press.example.tj/"),
        ("menu", '[{"link": "{lang}/index.html", "labels": {"ru": "Главная"}}]'),
        ("logo", str(emblem)),
        ("theme_dir", str(navy)),
        ("export_folder", str(tmp_path / "site")),
    ]:
        result = pressdesk("--db", db, "office", "set", key, value)
        assert result.returncode == 0, result.stderr
    shown = pressdesk("--db", db, "office", "show").stdout
    assert "base_url = https://press.example.tj\n" in shown
    assert '"ru": "Пресс-служба"' in shown and "# the office's name in each language" in shown
    logo = hashlib.sha256(emblem.read_bytes()).hexdigest() + ".jpg"
    assert pressdesk("--db", db, "office", "show", "logo").stdout == f"{logo}\n"
    # Without --out or --theme the export takes the office's folder and theme.
    result = pressdesk("--db", db, "export")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "assets" / "style.css").read_text() == "body { color: navy }\n"
    again = pressdesk("--db", db, "export")
    assert "0 files written" in again.stderr
    (navy / "assets" / "style.css").write_text("body { color: teal }\n")
    assert "written assets/style.css" in pressdesk("--db", db, "export").stdout
    assert pressdesk("--db", db, "office", "reset", "theme_dir").returncode == 0
    assert pressdesk("--db", db, "office", "show", "theme_dir").stdout == "\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("office", "set", "base_url", "press.example.tj"), "base_url: 'press.example.tj' is"),
        (("office", "set", "colour", "blue"), "no office setting 'colour'"),
        (("office", "show", "colour"), "no office setting 'colour'"),
        (("export",), "give --out DIR, or set the office's export folder"),
    ],
)
def test_the_command_reports_mistakes_in_one_line(
    sqlite_db: Database, args: tuple[str, ...], message: str
) -> None:
    result = pressdesk("--db", str(sqlite_db.url.database), *args)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith("pressdesk: ") and message in line


def test_the_command_refuses_a_non_admin(sqlite_db: Database) -> None:
    db = str(sqlite_db.url.database)
    added = pressdesk("--db", db, "users", "add", "admin", "--password-stdin", stdin="admin-pass\n")
    assert added.returncode == 0, added.stderr
    added = pressdesk(
        "--db", db, "users", "add", "malika", "--roles", "writer", "--password-stdin",
        user="admin", password="admin-pass", stdin="malika-pass\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    result = pressdesk(
        "--db", db, "office", "set", "four_eyes", "no", user="malika", password="malika-pass"
    )
    assert result.returncode == 1
    assert result.stderr == ("pressdesk: malika may not change office settings: only admins may\n")
    done = pressdesk(
        "--db", db, "office", "set", "four_eyes", "no", user="admin", password="admin-pass"
    )
    assert done.stdout == "four_eyes = no\n"
