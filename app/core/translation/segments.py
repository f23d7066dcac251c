"""A text cut into the units a translator works on: title, lead, caption and the body's blocks.

A body segment is a paragraph, a heading, one list item or one quote block. Each keeps
its place in its field (``start``/``end`` span the words, not the block's marker such as
``## `` or ``- ``), so the desk can highlight it and replace its words while the rest of
the Markdown stays as the translator wrote it. Code, rules, images and blocks with only
links or no letters are kept as segments but are not translatable: they never count as
untranslated.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from app.core.content import TextContent
from app.core.diff import normalize, split_paragraphs


class Kind(enum.StrEnum):
    TITLE = "title"
    LEAD = "lead"
    CAPTION = "caption"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"
    QUOTE = "quote"
    CODE = "code"
    RULE = "rule"
    IMAGE = "image"


#: The fields of a text in the order the desk shows them.
FIELDS = ("title", "lead", "body", "image_caption")
_FIELD_KIND = {"title": Kind.TITLE, "lead": Kind.LEAD, "image_caption": Kind.CAPTION}

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
_ITEM = re.compile(r"^( {0,3}(?:[-*+]|\d{1,9}[.)]))(?:[ \t]+|$)")
_QUOTE = re.compile(r"^ {0,3}> ?")
_RULE = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_FENCE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[[^\]]*\]\([^)]*\)|<[a-z][a-z0-9+.-]*:[^>\s]*>|\bhttps?://\S+", re.I)
_LETTER = re.compile(r"[^\W\d_]")


def has_words(text: str) -> bool:
    """True when ``text`` has letters outside images and links: something to translate."""
    return bool(_LETTER.search(_LINK.sub(" ", _IMAGE.sub(" ", text))))


@dataclass(frozen=True, slots=True)
class Segment:
    """One unit of a text: where it is, what kind it is, and its words."""

    field: str
    kind: Kind
    start: int
    end: int
    # The words as written (inner line breaks and quote markers of later lines removed).
    text: str
    # The block's marker: "## ", "- ", "1. ", "> " (empty for paragraphs and fields).
    marker: str = ""

    @property
    def key(self) -> str:
        return normalize(self.text)

    @property
    def translatable(self) -> bool:
        return self.kind not in (Kind.CODE, Kind.RULE, Kind.IMAGE) and has_words(self.text)


def segments(content: TextContent) -> list[Segment]:
    """The segments of a whole text, field by field in :data:`FIELDS` order."""
    found: list[Segment] = []
    for field in FIELDS:
        value = getattr(content, field)
        if field == "body":
            found.extend(body_segments(value))
        elif value.strip():
            start = len(value) - len(value.lstrip())
            end = len(value.rstrip())
            found.append(Segment(field, _FIELD_KIND[field], start, end, value[start:end]))
    return found


def _line_spans(body: str) -> list[tuple[int, int]]:
    spans, offset = [], 0
    for line in body.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        spans.append((offset, offset + len(content)))
        offset += len(line)
    return spans


def _blocks(body: str) -> list[list[tuple[int, int]]]:
    """The body's blocks (as ``split_paragraphs`` cuts them), each a list of line spans."""
    lines = _line_spans(body)
    blocks: list[list[tuple[int, int]]] = []
    index = 0
    for paragraph in split_paragraphs(body):
        count = paragraph.count("\n") + 1
        first = paragraph.split("\n", 1)[0]
        while index < len(lines) and body[lines[index][0] : lines[index][1]] != first:
            index += 1
        blocks.append(lines[index : index + count])
        index += count
    return blocks


def body_segments(body: str) -> list[Segment]:
    """The segments of a Markdown body, in order."""
    result: list[Segment] = []
    for block in _blocks(body):
        result.extend(_block_segments(body, block))
    return result


def _span(body: str, kind: Kind, lines: list[tuple[int, int]], marker_end: int, marker: str):
    start, end = marker_end, lines[-1][1]
    while start < end and body[start] in " \t":
        start += 1
    raw = body[start:end]
    if kind is Kind.QUOTE:
        text = "\n".join(_QUOTE.sub("", line, count=1) for line in raw.split("\n"))
    else:
        text = raw
    return Segment("body", kind, start, end, text, marker)


def _block_segments(body: str, lines: list[tuple[int, int]]) -> list[Segment]:
    first = body[lines[0][0] : lines[0][1]]
    if _FENCE.match(first):
        return [
            Segment("body", Kind.CODE, lines[0][0], lines[-1][1], body[lines[0][0] : lines[-1][1]])
        ]
    texts = [body[s:e] for s, e in lines]
    if len(lines) >= 2 and _SETEXT.match(texts[-1]) and not _ITEM.match(texts[0]):
        return [_span(body, Kind.HEADING, lines[:-1], lines[0][0], "")]
    result: list[Segment] = []
    group: list[tuple[int, int]] = []
    group_kind: Kind | None = None
    group_marker = ""

    def close() -> None:
        nonlocal group, group_kind
        if group and group_kind is not None:
            marker_end = group[0][0] + len(group_marker)
            segment = _span(body, group_kind, group, marker_end, group_marker)
            if group_kind is Kind.PARAGRAPH and _IMAGE.fullmatch(segment.text.strip()):
                segment = Segment("body", Kind.IMAGE, segment.start, segment.end, segment.text)
            result.append(segment)
        group, group_kind = [], None

    for span, text in zip(lines, texts, strict=True):
        heading = _HEADING.match(text)
        item = _ITEM.match(text)
        quote = _QUOTE.match(text)
        if _RULE.match(text) and not group:
            result.append(Segment("body", Kind.RULE, span[0], span[1], text))
        elif heading:
            close()
            group, group_kind, group_marker = [span], Kind.HEADING, text[: heading.end()]
            close()
        elif item:
            close()
            group, group_kind, group_marker = [span], Kind.ITEM, text[: item.end()]
        elif quote and group_kind is not Kind.QUOTE:
            close()
            group, group_kind, group_marker = [span], Kind.QUOTE, text[: quote.end()]
        elif group_kind is None:
            group, group_kind, group_marker = [span], Kind.PARAGRAPH, ""
        else:
            group.append(span)
    close()
    return result


def written(segment: Segment, words: str) -> str:
    """``words`` as they are written in ``segment``'s place (quote markers on new lines)."""
    words = words.strip()
    if segment.kind is Kind.QUOTE:
        return words.replace("\n", "\n> ")
    if segment.field == "body":
        return words.replace("\n", " ")
    return words


def replace_text(value: str, segment: Segment, words: str) -> str:
    """``value`` (the segment's field) with the segment's words replaced by ``words``."""
    return value[: segment.start] + written(segment, words) + value[segment.end :]
