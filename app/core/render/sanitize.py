"""Allowlist sanitiser for body HTML: only known-harmless tags, attributes and URLs survive.

Everything that Markdown produced (including raw HTML a writer typed) passes through one nh3
cleaner configured here. Images are accepted only from the content-addressed media store and
are re-pointed at the exported ``media/`` folder; any other image is replaced by its alt text.
"""

import html
import re

import nh3

ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "code",
        "del",
        "div",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)

# Tags removed together with their content: their text is code, styling or a foreign document,
# never prose a reader should see.
DROPPED_WITH_CONTENT: frozenset[str] = frozenset(
    {
        "embed",
        "iframe",
        "math",
        "noembed",
        "noframes",
        "noscript",
        "object",
        "script",
        "style",
        "svg",
        "template",
        "textarea",
        "title",
        "xmp",
    }
)

# No ``style`` anywhere: CSS can carry url(javascript:) and expression(), and a body has no
# business restyling the page. ``class`` and ``id`` are further narrowed by _filter_attribute.
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title", "class"},
    "abbr": {"title"},
    "code": {"class"},
    "div": {"class"},
    "img": {"src", "alt", "title"},
    "li": {"id"},
    "ol": {"start"},
    "sup": {"id"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}

_ALIGNMENTS = {"left", "center", "right"}
ALLOWED_ATTRIBUTE_VALUES: dict[str, dict[str, set[str]]] = {
    "td": {"align": _ALIGNMENTS},
    "th": {"align": _ALIGNMENTS},
}

URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})

MEDIA_EXTENSIONS: frozenset[str] = frozenset({"png", "jpg", "jpeg", "gif", "webp"})
_MEDIA_SRC = re.compile(r"media/([0-9a-f]{64}\.(?:" + "|".join(sorted(MEDIA_EXTENSIONS)) + "))")

_CLASS_VALUES = {
    "a": re.compile(r"footnote-(?:ref|backref)"),
    "div": re.compile(r"footnote"),
    "code": re.compile(r"language-[A-Za-z0-9_+#.-]{1,40}"),
}
_FOOTNOTE_ID = re.compile(r"fn(?:ref)?:[^\s]{1,100}")
_SMALL_NUMBER = re.compile(r"[0-9]{1,4}")


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    """Narrow the allowed attributes to the values our Markdown extensions produce."""
    if name == "class":
        pattern = _CLASS_VALUES.get(tag)
        return value if pattern is not None and pattern.fullmatch(value) else None
    if name == "id":
        return value if _FOOTNOTE_ID.fullmatch(value) else None
    if name in ("start", "colspan", "rowspan"):
        return value if _SMALL_NUMBER.fullmatch(value) else None
    if tag == "img" and name == "src":
        return value if _MEDIA_SRC.fullmatch(value) else None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes=ALLOWED_ATTRIBUTES,
    attribute_filter=_filter_attribute,
    strip_comments=True,
    link_rel="noopener noreferrer",
    tag_attribute_values=ALLOWED_ATTRIBUTE_VALUES,
    url_schemes=set(URL_SCHEMES),
)

# Control characters are invalid in HTML text; nh3 decodes entities such as &#1; into them.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# nh3 serialises every attribute double-quoted with '"' escaped inside, so this finds whole tags.
_IMG_TAG = re.compile(r'<img\b(?:[^>"]|"[^"]*")*>')
_SRC_ATTRIBUTE = re.compile(r'\ssrc="([^"]*)"')
_ALT_ATTRIBUTE = re.compile(r'\salt="([^"]*)"')


def sanitize_body_html(body_html: str, media_prefix: str) -> str:
    """Return *body_html* reduced to the allowlist, with media-store images under *media_prefix*.

    An image that does not come from the media store loses its src in the cleaner and is then
    replaced here by its (escaped) alt text, so the reader still gets the words and the page
    never fetches anything from elsewhere.
    """
    cleaned = _CONTROL_CHARACTERS.sub("", _CLEANER.clean(body_html))
    if "<img" not in cleaned:
        return cleaned
    src_prefix = ' src="' + html.escape(media_prefix, quote=True)

    def place_image(match: re.Match[str]) -> str:
        tag = match.group()
        src = _SRC_ATTRIBUTE.search(tag)
        if src is not None:
            file_name = _MEDIA_SRC.fullmatch(src.group(1))
            if file_name is not None:
                return tag[: src.start()] + src_prefix + file_name.group(1) + '"' + tag[src.end() :]
        alt = _ALT_ATTRIBUTE.search(tag)
        return html.escape(html.unescape(alt.group(1)), quote=False) if alt else ""

    return _IMG_TAG.sub(place_image, cleaned)
