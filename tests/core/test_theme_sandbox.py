"""Themes are data: an office theme cannot run code or publish files from outside its folder,
and breaking the sandbox's rules fails like a broken template, before anything is written
(issue 10, item 8)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.db import Database
from app.core.errors import PressDeskError
from app.core.export.run import export_site
from app.core.render.pages import render_article
from app.core.render.theme import Theme, ThemeError
from tests.core.test_export import publish
from tests.core.test_theme import ARTICLE, SITE, write

ESCAPES = {
    "cycler": "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "joiner": "{{ joiner.__init__.__globals__ }}",
    "dunder item": "{{ article['__class__'] }}",
    "private attribute": "{{ article._secret }}",
    "range": "{% for i in range(10**9) %}{% endfor %}",
    "namespace": "{% set ns = namespace(x=1) %}{{ ns.x }}",
}


def office_article(folder: Path, expression: str) -> Path:
    return write(
        folder / "templates" / "article.html",
        '{% extends "base.html" %}{% block main %}\n<h1>{{ article.title }}</h1>\n'
        f"{expression}\n{{% endblock %}}",
    )


@pytest.mark.parametrize("expression", ESCAPES.values(), ids=ESCAPES.keys())
def test_a_theme_that_reaches_out_of_the_sandbox_is_refused_with_file_and_line(
    tmp_path: Path, expression: str
) -> None:
    office_article(tmp_path / "office", expression)
    with pytest.raises(ThemeError, match=r"article\.html:3: a theme may not use"):
        Theme.load(tmp_path / "office")


def test_the_export_writes_nothing_for_such_a_theme(db: Database, tmp_path: Path) -> None:
    publish(db, "Заявление")
    office_article(tmp_path / "office", ESCAPES["cycler"])
    with pytest.raises(PressDeskError, match=r"the theme cannot be used: .*article\.html:3"):
        export_site(db, tmp_path / "site", theme_dir=tmp_path / "office", workers=1)
    assert not (tmp_path / "site").exists()


def test_unsafe_access_found_only_while_rendering_is_a_theme_error(tmp_path: Path) -> None:
    # A name computed at run time escapes the load-time check; the sandbox still refuses it.
    office_article(tmp_path / "office", "{{ article['_' ~ '_class__'] }}")
    theme = Theme.load(tmp_path / "office")
    with pytest.raises(ThemeError, match=r"article\.html:3: SecurityError"):
        render_article(theme, SITE, ARTICLE)


def test_only_the_filters_the_default_theme_uses(tmp_path: Path) -> None:
    office_article(tmp_path / "office", "{{ article.title|attr('__class__') }}")
    with pytest.raises(ThemeError, match="No filter named 'attr'"):
        Theme.load(tmp_path / "office")


def test_an_asset_linked_outside_the_theme_is_refused(tmp_path: Path) -> None:
    office = tmp_path / "office"
    (office / "assets").mkdir(parents=True)
    secret = write(tmp_path / "passwd", "root:x:0:0:root:/root:/bin/bash")
    (office / "assets" / "passwd.txt").symlink_to(secret)
    with pytest.raises(ThemeError, match=r"passwd\.txt: a link to .*outside the theme folder"):
        Theme.load(office)


def test_a_template_linked_outside_the_theme_is_refused(tmp_path: Path) -> None:
    office = tmp_path / "office"
    (office / "templates").mkdir(parents=True)
    secret = write(tmp_path / "notes.html", "private notes")
    (office / "templates" / "footer.html").symlink_to(secret)
    with pytest.raises(ThemeError, match=r"footer\.html: a link to"):
        Theme.load(office)


def test_links_inside_the_theme_are_fine(tmp_path: Path) -> None:
    office = tmp_path / "office"
    css = write(office / "assets" / "css" / "site.css", "p { margin: 0 }")
    (office / "assets" / "style.css").symlink_to(css)
    assets = dict(Theme.load(office).assets())
    assert assets["style.css"].read_text(encoding="utf-8") == "p { margin: 0 }"


def test_the_default_theme_renders_in_the_sandbox() -> None:
    html = render_article(Theme.load(None), SITE, ARTICLE)
    assert "<h1" in html and "Visit" in html
