"""The body renderer shared by preview and export: Markdown → sanitised, typeset HTML.

This function has no time bound of its own; callers use
:func:`app.core.render.bounded.render_body_bounded`, which guards it against the inputs on
which Python-Markdown is quadratic or recursive.
"""

import re
import threading

import markdown
import nh3

from app.core.render.sanitize import sanitize_body_html
from app.core.render.typography import typographize_html

# Part of every render-cache key: bump the first number whenever this package's output changes.
# The library versions are included because an upgrade of either can change the output too.
RENDERER_VERSION: str = f"1+markdown-{markdown.__version__}+nh3-{nh3.__version__}"

DEFAULT_MEDIA_PREFIX = "../../../media/"

# `extra` without attr_list and md_in_html (both let text set arbitrary attributes) and without
# def_list (it recurses once per consecutive definition and fails on a few thousand).
_EXTENSIONS = ("abbr", "fenced_code", "footnotes", "tables", "sane_lists")

_BACKLINK_TITLES = {
    "en": "Back to footnote %d in the text",
    "ru": "Вернуться к сноске %d в тексте",
    "tg": "Бозгашт ба эзоҳи %d дар матн",
}

# Markdown keeps its placeholders between STX and ETX; no control character belongs in a body.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# A Markdown instance costs far more to build than to reset, but is not thread-safe: keep one
# per language in each thread.
_converters = threading.local()


def _primary_language(lang: str) -> str:
    return lang.replace("-", "_").split("_", 1)[0].lower()


def _converter(language: str) -> markdown.Markdown:
    cache: dict[str, markdown.Markdown] = _converters.__dict__.setdefault("by_language", {})
    converter = cache.get(language)
    if converter is None:
        converter = markdown.Markdown(
            extensions=list(_EXTENSIONS),
            extension_configs={
                "footnotes": {
                    "BACKLINK_TITLE": _BACKLINK_TITLES.get(language, _BACKLINK_TITLES["en"])
                },
                "tables": {"use_align_attribute": True},
            },
            output_format="html",
        )
        cache[language] = converter
    return converter


def render_body(markdown_text: str, lang: str, *, media_prefix: str = DEFAULT_MEDIA_PREFIX) -> str:
    """Render a statement body to the HTML that goes between the page's own tags.

    The result holds only allowlisted tags and attributes, links with http, https, mailto or
    relative URLs, and images from the media store addressed as ``media_prefix + file``.
    The same arguments always give the same string.
    """
    language = _primary_language(lang)
    converter = _converter(language)
    try:
        raw_html = converter.convert(_CONTROL_CHARACTERS.sub("", markdown_text))
    except BaseException:
        # A failed conversion can leave the instance half-way through a document.
        del _converters.by_language[language]
        raise
    converter.reset()
    return typographize_html(sanitize_body_html(raw_html, media_prefix), lang)
