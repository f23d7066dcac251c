"""Language-aware typography: curly quotes, apostrophes, em dashes and ellipses.

The same rules serve plain titles (:func:`typographize`) and the text nodes of sanitised body
HTML (:func:`typographize_html`), so a quote looks the same in a title and in the body. Body
HTML is flattened into one string in which every tag becomes a one-character separator; this
lets a quote see its neighbours across ``<em>`` and friends while tags, attributes, code and
URLs stay untouched. The flattening is done by a few regex substitutions rather than a loop
over tags because the renderer runs on every keystroke of the preview.
"""

import bisect
import re

# Outer open, outer close, inner open, inner close.
_GUILLEMETS = ("«", "»", "„", "“")
_QUOTES: dict[str, tuple[str, str, str, str]] = {
    "en": ("“", "”", "‘", "’"),
    "de": ("„", "“", "‚", "‘"),
    "ru": _GUILLEMETS,
    "tg": _GUILLEMETS,
    "uk": _GUILLEMETS,
    "be": _GUILLEMETS,
    "kk": _GUILLEMETS,
    "ky": _GUILLEMETS,
}
_APOSTROPHE = "’"

# Separators standing in for tags in flattened HTML. An inline tag is transparent (a quote looks
# through it), a block tag acts like the start of a line, and the tags around code act like
# letters, with everything between them left as it is.
_INLINE = "\x00"
_BLOCK = "\x01"
_CODE_START = "\x03"
_CODE_END = "\x04"

# The leading lookahead lets the engine skip quickly to the few characters that can start a rule.
_RULES = re.compile(
    r"(?=[-.\"'\x01])(?:"
    r"(?P<dash>(?<!-)-{1,3}(?!-))"
    r"|(?P<ellipsis>\.\.\.)"
    r"|(?P<quote>[\"'])"
    r"|(?P<block>\x01))"
)
_MAY_NEED_WORK = re.compile(r"[\"']| \x00*-|\.\.\.")

# Lookbehinds keep these linear on long runs without spaces.
_URL_OR_EMAIL = re.compile(
    r"(?<![\w+.-])(?:https?:|ftp:|mailto:|www\.)[^\s\x00\x01<>\"«»]+"
    r"|(?<![\w.+'-])[\w.+'-]+@[\w-]+(?:\.[\w-]+)+"
)
_CODE = re.compile(r"\x03[^\x04]*\x04")
# A quote after one of these (or after a space or the start of a block) opens.
_OPENERS = frozenset("([{«„“‘‚—–-/\u2018\u201c")


def _primary_language(lang: str) -> str:
    return lang.replace("-", "_").split("_", 1)[0].lower()


def _protected_spans(text: str) -> list[int]:
    """Flat, sorted [start0, end0, start1, end1, ...] of code, URLs and e-mail addresses."""
    spans: list[tuple[int, int]] = []
    if _CODE_START in text:
        spans.extend(match.span() for match in _CODE.finditer(text))
    if "://" in text or "www." in text or "@" in text or "mailto:" in text:
        spans.extend(match.span() for match in _URL_OR_EMAIL.finditer(text))
    flat: list[int] = []
    for start, end in sorted(spans):
        if flat and start < flat[-1]:
            flat[-1] = max(flat[-1], end)
        else:
            flat.extend((start, end))
    return flat


def _is_space(char: str) -> bool:
    return char == _BLOCK or char.isspace()


def _is_word(char: str) -> bool:
    return char.isalnum() or char in (_CODE_START, _CODE_END)


def _apply(text: str, lang: str) -> str:
    if not _MAY_NEED_WORK.search(text):
        return text
    language = _primary_language(lang)
    quotes = _QUOTES.get(language)
    english = language == "en"
    protected = _protected_spans(text)
    depth = 0
    last_opening = -1

    def before(index: int) -> tuple[int, str]:
        """Index and character of the nearest non-tag character before *index*."""
        index -= 1
        while index >= 0 and text[index] == _INLINE:
            index -= 1
        return index, text[index] if index >= 0 else _BLOCK

    def after(index: int) -> str:
        """The nearest non-tag character at or after *index*."""
        while index < len(text) and text[index] == _INLINE:
            index += 1
        return text[index] if index < len(text) else _BLOCK

    def between_words(start: int, end: int) -> bool:
        """Whether text[start:end] stands alone between two words: "a - b", not "a-b" or "- a"."""
        space_before, char = before(start)
        if char != " " or _is_space(before(space_before)[1]):
            return False
        while end < len(text) and text[end] == _INLINE:
            end += 1
        return end < len(text) and text[end] == " " and not _is_space(after(end + 1))

    def replace(match: re.Match[str]) -> str:
        nonlocal depth, last_opening
        kind = match.lastgroup
        found = match.group()
        if kind == "block":
            depth = 0
            return found
        start = match.start()
        if protected and bisect.bisect_right(protected, start) % 2 == 1:
            return found
        if kind == "dash":
            return "—" if between_words(start, match.end()) else found
        if kind == "ellipsis":
            return "…"
        previous_index, previous = before(start)
        following = after(start + 1)
        opens = _is_space(previous) or previous in _OPENERS or previous_index == last_opening
        if found == '"':
            if quotes is None:
                return found
            if opens:
                if _is_space(following):
                    return found
                last_opening = start
                depth += 1
                return quotes[0] if depth == 1 else quotes[2]
            depth = max(depth - 1, 0)
            return quotes[1] if depth == 0 else quotes[3]
        if _is_word(previous) and _is_word(following):
            return _APOSTROPHE
        if not english:
            return found
        if opens:
            if following.isdigit():
                return _APOSTROPHE
            if _is_space(following):
                return found
            last_opening = start
            return "‘"
        return _APOSTROPHE

    return _RULES.sub(replace, text)


def typographize(text: str, lang: str) -> str:
    """Return plain *text* (a title, a lead) with the typography of language *lang*.

    Straight double quotes become the language's quotes («» with „“ inside for Russian and
    Tajik, “” with ‘’ inside for English; left alone where the language is not known), an
    apostrophe inside a word becomes ’ (in English also at the ends of words), a hyphen or
    double hyphen between spaces becomes an em dash, and three dots an ellipsis.
    """
    return _apply(text, lang)


_TAG = re.compile(r'<(?:[^>"]|"[^"]*")*>')
_CODE_START_TAG = re.compile(r'<(?:code|pre|kbd)\b(?:[^>"]|"[^"]*")*>')
_CODE_END_TAG = re.compile(r"</(?:code|pre|kbd)\s*>")
_BLOCK_TAG = re.compile(
    r"</?(?:blockquote|br|caption|dd|div|dl|dt|figcaption|figure|h[1-6]|hr|li|ol|p|table|tbody"
    r'|td|tfoot|th|thead|tr|ul)\b(?:[^>"]|"[^"]*")*>'
)
_SEPARATORS = re.compile(r"[\x00\x01\x03\x04]")
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def typographize_html(body_html: str, lang: str) -> str:
    """Apply :func:`typographize` to the text of sanitised *body_html*.

    Expects well-formed HTML with double-quoted attributes and ``<``, ``>`` escaped in text and
    attributes, as the sanitiser writes it. Tags and attributes are copied unchanged, and so is
    everything inside ``code``, ``pre`` and ``kbd``.
    """
    body_html = _CONTROL_CHARACTERS.sub("", body_html)
    flattened = _CODE_START_TAG.sub(_CODE_START, body_html)
    flattened = _CODE_END_TAG.sub(_CODE_END, flattened)
    flattened = _BLOCK_TAG.sub(_BLOCK, flattened)
    flattened = _TAG.sub(_INLINE, flattened)
    # The sanitiser writes every non-breaking space as &nbsp;; as a character it counts as
    # the space it is when deciding whether a quote opens.
    typeset = _apply(flattened.replace("&nbsp;", "\u00a0"), lang).replace("\u00a0", "&nbsp;")
    texts = _SEPARATORS.split(typeset)
    tags = _TAG.findall(body_html)
    tags.append("")
    return "".join(text + tag for text, tag in zip(texts, tags, strict=True))
