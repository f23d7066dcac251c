"""Read a Word draft (.docx) as one text: mammoth makes HTML of it, markdownify Markdown.

mammoth reads headings, paragraphs, bold and italic, lists, links, footnotes and images
by their Word styles, as a writer meant them, and leaves out the look (fonts, colours);
the quote styles are mapped to block quotes here. The document's first heading (or its
"Title" paragraph, else its document title, else the file name) becomes the title and
leaves the body; embedded images travel as bytes for the media store.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.etree import ElementTree

import mammoth
from bs4 import BeautifulSoup
from markdownify import MarkdownConverter

from app.core.importing import fields
from app.core.importing.discover import ImportCandidate, candidate_for
from app.core.importing.errors import ImportFileError
from app.core.importing.parse import ParsedDocument
from app.core.safe_read import UnreadableFile, read_limited

# Reports with photos run to a few megabytes; the parts unpacked may be larger, not vastly.
MAX_WORD_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .docx and old .doc files
_STYLE_MAP = """
p[style-name='Title'] => h1.document-title:fresh
p[style-name='Quote'] => blockquote > p:fresh
p[style-name='Intense Quote'] => blockquote > p:fresh
"""
_IMAGE_TYPES = {
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/webp": "webp",
}
_NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
}
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


def parse_word(
    path: Path,
    *,
    default_lang: str,
    languages: Sequence[str] | None = None,
    candidate: ImportCandidate | None = None,
    chosen_lang: str | None = None,
) -> ParsedDocument:
    """The draft in the Word file ``path``; raise ``ImportFileError`` in one line if it is
    not a readable, unprotected .docx.

    Its language is ``chosen_lang`` when the person chose one, else the one Word recorded
    for the document when that is an office language (``languages``), else the file
    name's (``report.ru.docx``), else ``default_lang``. Word records its template's
    language as often as the writer's, so a choice wins over it.
    """
    candidate = candidate or candidate_for(path)
    try:
        data = read_limited(path, MAX_WORD_BYTES, "file")
    except UnreadableFile as error:
        raise ImportFileError(path, str(error)) from error
    if data.startswith(_OLE_MAGIC):
        raise ImportFileError(
            path,
            "the Word file is password-protected or in the old .doc format: "
            "save it as a .docx without a password",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        if sum(item.file_size for item in archive.infolist()) > MAX_UNPACKED_BYTES:
            raise ImportFileError(path, "the Word file unpacks to far more than it holds")
        title, language = _properties(archive)
        images: list[tuple[str, bytes]] = []
        result = mammoth.convert_to_html(
            io.BytesIO(data),
            style_map=_STYLE_MAP,
            convert_image=mammoth.images.img_element(_image_collector(images)),
        )
    except ImportFileError:
        raise
    except Exception as error:
        # A damaged file can fail anywhere in zipfile, the XML parser or mammoth, with any
        # exception; what the person needs to know is the same.
        raise ImportFileError(path, "the Word file is damaged or not a .docx") from error
    heading, body = _title_and_body(result.value)
    title = fields.text(heading or title or path.stem, "title")
    lang = chosen_lang or _language(language, languages) or candidate.lang or default_lang
    return ParsedDocument(
        path=path,
        title=title,
        lang=lang,
        slug=None,
        translation_key=None,
        date=None,
        draft=True,
        tags=(),
        lead="",
        body=body,
        lead_image=None,
        body_images=tuple(images),
        missing_images=(),
        is_translation=False,
        origin=candidate.origin,
        is_word=True,
    )


def _image_collector(images: list[tuple[str, bytes]]):
    """mammoth calls this for each embedded image: keep its bytes under a name for the body."""

    def convert(image) -> dict[str, str]:
        with image.open() as stream:
            data = stream.read(MAX_WORD_BYTES + 1)
        extension = _IMAGE_TYPES.get(image.content_type, "bin")
        name = f"word-image-{len(images) + 1}.{extension}"
        images.append((name, data))
        return {"src": name, "alt": image.alt_text or ""}

    return convert


def _properties(archive: zipfile.ZipFile) -> tuple[str, str]:
    """The document title and language from its properties, else the default text language."""
    title = language = ""
    core = _xml(archive, "docProps/core.xml")
    if core is not None:
        title = (core.findtext("dc:title", "", _NS) or "").strip()
        language = (core.findtext("dc:language", "", _NS) or "").strip()
    if not language:
        styles = _xml(archive, "word/styles.xml")
        path = "w:docDefaults/w:rPrDefault/w:rPr/w:lang"
        found = styles.find(path, _NS) if styles is not None else None
        if found is not None:
            language = found.get(f"{{{_NS['w']}}}val", "")
    return title, language


def _xml(archive: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    try:
        with archive.open(name) as part:
            return ElementTree.fromstring(part.read(1024 * 1024))
    except (KeyError, ElementTree.ParseError):
        return None


def _language(code: str, languages: Sequence[str] | None) -> str | None:
    if not code:
        return None
    if languages is None:
        return fields.language(code)
    return fields.office_language(code, languages)


def _title_and_body(html: str) -> tuple[str, str]:
    """The title (the "Title" paragraph, else the first heading) and the rest as Markdown."""
    soup = BeautifulSoup(html, "html.parser")
    heading = soup.find("h1", class_="document-title") or soup.find(
        ["h1", "h2", "h3", "h4", "h5", "h6"]
    )
    title = ""
    if heading is not None:
        title = heading.get_text(" ", strip=True)
        heading.decompose()
    converter = MarkdownConverter(heading_style="ATX", bullets="-", escape_misc=False)
    markdown = converter.convert_soup(soup)
    return title, _MANY_BLANK_LINES.sub("\n\n", markdown).strip("\n")
