"""Loading the site theme: office overrides, assets, UI strings, clear errors for broken themes."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.core.render.pages import render_article, render_index
from app.core.render.theme import DEFAULT_THEME_DIR, PAGE_TEMPLATES, Theme, ThemeError
from app.core.render.views import ArticleView, IndexPageView, SiteView

WHEN = datetime(2020, 4, 18, 1, 28, tzinfo=UTC)
SITE = SiteView(
    names={"en": "Press Service", "ru": "Пресс-служба"},
    languages=("en", "ru"),
    default_lang="en",
    language_names={"en": "English", "ru": "Русский"},
    timezone="Asia/Dushanbe",
)
ARTICLE = ArticleView(
    statement_id=1,
    slug="visit",
    lang="en",
    url="en/2020/04/visit.html",
    title="Visit",
    lead="",
    body_html="<p>Body</p>",
    published_at=WHEN,
    date_line="18 April 2020, 06:28",
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_default_theme_lives_in_repository_resources() -> None:
    assert DEFAULT_THEME_DIR.parts[-3:] == ("resources", "themes", "default")
    assert (DEFAULT_THEME_DIR.parent.parent.parent / "app").is_dir()
    for name in PAGE_TEMPLATES:
        assert (DEFAULT_THEME_DIR / "templates" / name).is_file()


def test_default_assets_include_the_stylesheet() -> None:
    assets = dict(Theme.load(None).assets())
    assert assets["style.css"] == DEFAULT_THEME_DIR / "assets" / "style.css"


def test_office_override_replaces_article_template_and_css(tmp_path: Path) -> None:
    office = tmp_path / "office"
    write(
        office / "templates" / "article.html",
        '{% extends "base.html" %}{% block main %}<h1 class="office">{{ article.title }}</h1>'
        "{% endblock %}",
    )
    office_css = write(office / "assets" / "style.css", "body { color: red; }")
    logo = write(office / "assets" / "img" / "logo.svg", "<svg/>")
    write(office / "assets" / ".DS_Store", "junk")
    theme = Theme.load(office)

    page = render_article(theme, SITE, ARTICLE)
    assert '<h1 class="office">Visit</h1>' in page
    assert '<a class="skip" href="#main">' in page  # base.html still from the default theme
    index = render_index(theme, SITE, IndexPageView("en", "en/index.html", ()))
    assert "Nothing has been published yet." in index  # index.html from the default theme
    assert list(theme.assets()) == [("img/logo.svg", logo), ("style.css", office_css)]
    assert 'class="office"' not in render_article(Theme.load(None), SITE, ARTICLE)


def test_office_strings_win_key_by_key(tmp_path: Path) -> None:
    office = tmp_path / "office"
    write(office / "strings.yaml", "en:\n  related: See also\nde:\n  related: Siehe auch\n")
    theme = Theme.load(office)
    assert theme.text("related", "en") == "See also"
    assert theme.text("related", "de") == "Siehe auch"
    assert theme.text("related", "de_AT") == "Siehe auch"
    assert theme.text("archive", "de") == "Archive"  # English fallback
    assert theme.text("related", "ru") == "Читайте также"
    with pytest.raises(ThemeError, match="no_such_key"):
        theme.text("no_such_key", "en")


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    office = tmp_path / "office"
    broken = write(office / "templates" / "tag.html", "<p>\n{{ tag.name }}\n{% if %}\n")
    with pytest.raises(ThemeError) as caught:
        Theme.load(office)
    assert f"{broken}:3:" in str(caught.value)


def test_missing_include_fails_at_load_naming_file_and_line(tmp_path: Path) -> None:
    office = tmp_path / "office"
    broken = write(
        office / "templates" / "article.html",
        '{% extends "base.html" %}\n{% block main %}\n{% include "nowhere.html" %}\n{% endblock %}',
    )
    with pytest.raises(ThemeError) as caught:
        Theme.load(office)
    assert f"{broken}:3:" in str(caught.value)
    assert "nowhere.html" in str(caught.value)


def test_undefined_variable_fails_at_render_naming_file_and_line(tmp_path: Path) -> None:
    office = tmp_path / "office"
    broken = write(
        office / "templates" / "article.html",
        '{% extends "base.html" %}\n{% block main %}\n<p>\n{{ article.subtitle }}\n'
        "</p>\n{% endblock %}",
    )
    theme = Theme.load(office)
    with pytest.raises(ThemeError) as caught:
        render_article(theme, SITE, ARTICLE)
    assert f"{broken}:4:" in str(caught.value)
    assert "subtitle" in str(caught.value)


def test_broken_strings_file_is_a_theme_error(tmp_path: Path) -> None:
    office = tmp_path / "office"
    strings = write(office / "strings.yaml", "en:\n  related: [unclosed\n")
    with pytest.raises(ThemeError, match=str(strings)):
        Theme.load(office)
    write(office / "strings.yaml", "- just\n- a list\n")
    with pytest.raises(ThemeError, match="mapping"):
        Theme.load(office)


def test_missing_office_folder_is_a_theme_error(tmp_path: Path) -> None:
    with pytest.raises(ThemeError, match="does not exist"):
        Theme.load(tmp_path / "nowhere")
