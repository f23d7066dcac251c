"""Reading and writing TMX 1.4 files, streamed and safely, as they come from real tools.

Reading copes with what OmegaT, Trados, memoQ and Okapi write: UTF-8 and UTF-16 (LE or BE,
with or without a byte-order mark) and legacy 8-bit encodings named in the XML
declaration; ``xml:lang`` and TMX 1.1's ``lang``; any number of languages per unit;
``prop`` and ``note``; a header claiming another version (read, with a warning). Inline
markup (``bpt``, ``ept``, ``ph``, ``it``, ``ut``, ``hi``) becomes numbered placeholders
such as ``{1}`` … ``{/1}`` in the text, with the original XML kept beside it so that
writing gives it back. The parser refuses entity declarations and external references
(no billion laughs, no XXE), and reads the file in chunks, reporting progress.
"""

from __future__ import annotations

import codecs
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from app.core.errors import PressDeskError
from app.core.translation.files import replacing

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
READ_CHUNK = 1 << 20
SUPPORTED_VERSIONS = ("1.4", "1.4a", "1.4b")
PLACEHOLDER = re.compile(r"\{/?\d+\}")
_DECLARATION = re.compile(rb"^<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")
_TEXT_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class TmxError(PressDeskError):
    """A file that cannot be read as TMX; the message names the file and the place."""


@dataclass(frozen=True, slots=True)
class Variant:
    """One language of a unit: its code as written, its text, and its inline markup."""

    lang: str
    text: str
    # Placeholder ("{1}", "{/1}") → the XML it stands for.
    markup: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Unit:
    """One ``tu``: its languages, its source language if it names one, props and notes."""

    variants: list[Variant] = field(default_factory=list)
    srclang: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _sniff(head: bytes, name: str) -> tuple[str, int]:
    """The codec of a file from its first bytes, and the length of its byte-order mark."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8", 3
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le", 2
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be", 2
    if head.startswith(b"<\x00"):
        return "utf-16-le", 0
    if head.startswith(b"\x00<"):
        return "utf-16-be", 0
    declared = _DECLARATION.match(head.lstrip())
    if declared is None:
        return "utf-8", 0
    label = declared.group(1).decode("ascii")
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        raise TmxError(f"{name} declares the unknown encoding {label!r}") from None
    if codec.startswith(("utf-16", "utf-32")):
        raise TmxError(f"{name} declares {label} but is not written in it")
    return codec, 0


def _flatten(seg: ET.Element) -> tuple[str, dict[str, str]]:
    """A ``seg``'s text with inline elements as placeholders, and what each stands for."""
    parts: list[str] = []
    markup: dict[str, str] = {}
    counter = 0
    paired: dict[str, int] = {}

    def take() -> int:
        nonlocal counter
        counter += 1
        return counter

    def walk(element: ET.Element) -> None:
        parts.append(element.text or "")
        for child in element:
            kind = _local(child.tag)
            if kind == "hi":
                number = take()
                attributes = "".join(f" {k}={quoteattr(v)}" for k, v in child.attrib.items())
                markup[f"{{{number}}}"] = f"<hi{attributes}>"
                markup[f"{{/{number}}}"] = "</hi>"
                parts.append(f"{{{number}}}")
                walk(child)
                parts.append(f"{{/{number}}}")
            else:
                if kind == "ept" and child.get("i") in paired:
                    placeholder = f"{{/{paired.pop(child.get('i'))}}}"
                else:
                    number = take()
                    if kind == "bpt" and child.get("i") is not None:
                        paired[child.get("i")] = number
                    placeholder = f"{{{number}}}"
                tail, child.tail = child.tail, None
                markup[placeholder] = ET.tostring(child, encoding="unicode")
                child.tail = tail
                parts.append(placeholder)
            parts.append(child.tail or "")

    walk(seg)
    return "".join(parts), markup


class _Target:
    """Receives the parser's events and collects finished units (no tree kept but a seg's)."""

    def __init__(self, reader: TmxReader) -> None:
        self.reader = reader
        self.units: list[Unit] = []
        self.unit: Unit | None = None
        self.lang: str | None = None
        self.seg: ET.TreeBuilder | None = None
        self.depth = 0
        self.text: list[str] | None = None
        self.prop_type = ""
        self.root_seen = False

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if self.seg is not None:
            self.seg.start(tag, attrib)
            self.depth += 1
            return
        name = _local(tag)
        if not self.root_seen:
            self.root_seen = True
            if name != "tmx":
                raise TmxError(f"{self.reader.name} is not a TMX file (it starts with <{name}>)")
            self.reader.version = attrib.get("version", "")
            if self.reader.version not in SUPPORTED_VERSIONS:
                self.reader.warnings.append(
                    f"{self.reader.name} says it is TMX {self.reader.version or '(no version)'}, "
                    "not 1.4: what is readable was read"
                )
        elif name == "header":
            self.reader.srclang = attrib.get("srclang")
        elif name == "tu":
            attributes = {k: v for k, v in attrib.items() if k != "srclang"}
            self.unit = Unit(srclang=attrib.get("srclang"), attributes=attributes)
        elif name == "tuv" and self.unit is not None:
            self.lang = attrib.get(XML_LANG) or attrib.get("lang") or attrib.get("xml:lang")
        elif name == "seg" and self.unit is not None and self.lang is not None:
            self.seg = ET.TreeBuilder()
            self.seg.start("seg", {})
            self.depth = 1
        elif name in ("prop", "note"):
            self.text = []
            self.prop_type = attrib.get("type", "")

    def data(self, data: str) -> None:
        if self.seg is not None:
            self.seg.data(data)
        elif self.text is not None:
            self.text.append(data)

    def end(self, tag: str) -> None:
        if self.seg is not None:
            self.depth -= 1
            if self.depth > 0:
                self.seg.end(tag)
                return
            self.seg.end("seg")
            text, markup = _flatten(self.seg.close())
            self.seg = None
            if self.unit is not None and self.lang is not None:
                self.unit.variants.append(Variant(self.lang, text, markup))
            return
        name = _local(tag)
        if name == "tu" and self.unit is not None:
            self.units.append(self.unit)
            self.unit = None
        elif name == "tuv":
            self.lang = None
        elif name in ("prop", "note") and self.text is not None:
            value = "".join(self.text)
            self.text = None
            if self.unit is not None and self.lang is None:
                if name == "prop":
                    self.unit.props.append((self.prop_type, value))
                else:
                    self.unit.notes.append(value)

    def close(self) -> None:
        return None


class TmxReader:
    """Reads the units of one TMX file in order; ``warnings`` says what was odd about it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name
        self.version = ""
        self.srclang: str | None = None
        self.warnings: list[str] = []
        try:
            self.size = path.stat().st_size
        except OSError as error:
            raise TmxError(f"cannot read {path}: {error.strerror}") from error

    def units(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Iterator[Unit]:
        """The units, as the file is read; ``progress(bytes read, size)`` after each chunk.

        Raises :class:`TmxError` (broken file) and stops quietly when ``cancelled()``.
        """
        target = _Target(self)
        parser = DefusedXMLParser(target=target, forbid_dtd=False)
        try:
            with self.path.open("rb") as handle:
                head = handle.read(4096)
                codec, bom = _sniff(head, self.name)
                decoder = codecs.getincrementaldecoder(codec)("strict")
                handle.seek(bom)
                first, done = True, bom
                while True:
                    if cancelled is not None and cancelled():
                        return
                    chunk = handle.read(READ_CHUNK)
                    done += len(chunk)
                    text = self._decode(decoder, chunk, not chunk, codec, done)
                    if first:
                        text = _TEXT_DECLARATION.sub("", text.lstrip("\ufeff"), count=1)
                        first = False
                    parser.feed(text.encode("utf-8"))
                    yield from target.units
                    target.units.clear()
                    if progress is not None:
                        progress(done, self.size)
                    if not chunk:
                        break
                parser.close()
                yield from target.units
        except ET.ParseError as error:
            line, column = error.position
            reason = str(error).split(":")[0]
            raise TmxError(
                f"{self.name} is not well-formed XML (line {line}, column {column}): {reason}"
            ) from None
        except DefusedXmlException:
            raise TmxError(
                f"{self.name} declares XML entities or external references, which are not "
                "read (they can be used to attack the computer)"
            ) from None
        except OSError as error:
            raise TmxError(f"cannot read {self.path}: {error.strerror}") from error
        if not target.root_seen:
            raise TmxError(f"{self.name} is empty")

    def _decode(self, decoder, chunk: bytes, final: bool, codec: str, done: int) -> str:
        try:
            return decoder.decode(chunk, final=final)
        except UnicodeDecodeError as error:
            offset = done - len(chunk) + error.start
            if codec == "utf-8":
                raise TmxError(
                    f"{self.name} is not UTF-8 (byte {offset}) and its XML declaration names "
                    "no other encoding"
                ) from None
            raise TmxError(f"{self.name} is not valid {codec} at byte {offset}") from None


@dataclass(frozen=True, slots=True)
class OutUnit:
    """A unit to write: its languages in order (the first is the source)."""

    variants: tuple[Variant, ...]
    attributes: tuple[tuple[str, str], ...] = ()
    props: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()


def _seg(variant: Variant) -> str:
    if not variant.markup:
        return escape(_INVALID_XML_CHARS.sub("", variant.text))
    out, position = [], 0
    for match in PLACEHOLDER.finditer(variant.text):
        out.append(escape(_INVALID_XML_CHARS.sub("", variant.text[position : match.start()])))
        token = match.group(0)
        out.append(variant.markup.get(token, escape(token)))
        position = match.end()
    out.append(escape(_INVALID_XML_CHARS.sub("", variant.text[position:])))
    return "".join(out)


def write_tmx(path: Path, units: Iterable[OutUnit], *, srclang: str, tool_version: str) -> int:
    """Writes a TMX 1.4 file (UTF-8), whole or not at all; returns the units written."""
    count = 0
    with replacing(path, encoding="utf-8", newline="\n") as handle:
        handle.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n')
        handle.write(
            f'  <header creationtool="Press Desk" creationtoolversion={quoteattr(tool_version)}'
            ' segtype="paragraph" o-tmf="Press Desk" adminlang="en"'
            f' srclang={quoteattr(srclang)} datatype="plaintext"/>\n  <body>\n'
        )
        for unit in units:
            attributes = "".join(f" {k}={quoteattr(v)}" for k, v in unit.attributes)
            handle.write(f"    <tu{attributes} srclang={quoteattr(unit.variants[0].lang)}>\n")
            for kind, value in unit.props:
                handle.write(f"      <prop type={quoteattr(kind)}>{escape(value)}</prop>\n")
            for note in unit.notes:
                handle.write(f"      <note>{escape(note)}</note>\n")
            for variant in unit.variants:
                handle.write(
                    f"      <tuv xml:lang={quoteattr(variant.lang)}>"
                    f"<seg>{_seg(variant)}</seg></tuv>\n"
                )
            handle.write("    </tu>\n")
            count += 1
        handle.write("  </body>\n</tmx>\n")
    return count
