"""Read one Hugo or Pelican Markdown file into a ``ParsedDocument``, checking everything a
person could have got wrong in it."""

from __future__ import annotations

import codecs
import datetime as dt
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from app.core.importing import fields
from app.core.importing.discover import candidate_for
from app.core.importing.errors import FrontMatterError, ImportFileError
from app.core.importing.frontmatter import FrontMatter, split_front_matter
from app.core.importing.images import image_references, resolve_image
from app.core.slugs import slugify

# A statement is a few pages; a bigger file was picked by mistake (a PDF renamed, a dump).
MAX_FILE_BYTES = 10 * 1024 * 1024
_PELICAN_STATUSES = frozenset({"draft", "published", "hidden"})


@dataclass(frozen=True)
class ParsedDocument:
    """One language of one statement as a Markdown file described it.

    ``slug`` is already a valid slug, or ``None`` when neither the front matter nor a page
    bundle gave one (derive it from the title). ``translation_key`` groups the files that are
    translations of each other; compare keys only for equality. ``date`` is aware UTC, ``None``
    only for drafts. Image paths are absolute; ``body_images`` pairs each reference as written
    in ``body`` with its file, and ``missing_images`` lists references (the lead image's too)
    that name no file here, for the caller to warn about.
    """

    path: Path
    title: str
    lang: str
    slug: str | None
    translation_key: str | None
    date: dt.datetime | None
    draft: bool
    tags: tuple[str, ...]
    lead: str
    body: str
    lead_image: Path | None
    body_images: tuple[tuple[str, Path], ...]
    missing_images: tuple[str, ...]
    is_translation: bool


def parse_file(path: Path, *, default_lang: str, office_tz: str) -> ParsedDocument:
    """Parse ``path``; raise ``ImportFileError`` saying in one line what is wrong with it.

    ``default_lang`` is the language of a file that names none; ``office_tz`` (an IANA name
    such as ``"Asia/Dushanbe"``) is where dates without a UTC offset were written; an unknown
    zone raises ``zoneinfo.ZoneInfoNotFoundError``, a setup error rather than the file's.
    """
    text = _read_text(path)
    try:
        return _document(path, split_front_matter(text), default_lang, ZoneInfo(office_tz))
    except FrontMatterError as error:
        raise ImportFileError(path, str(error)) from error


def _read_text(path: Path) -> str:
    try:
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ImportFileError(path, f"cannot read the file: {error.strerror or error}") from error
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(path, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, skip = "utf-16", 0
    else:
        encoding, skip = "utf-8", len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[skip:].decode(encoding)
    except UnicodeDecodeError as error:
        offset = skip + error.start
        line = data.count(b"\n", 0, offset) + 1
        raise ImportFileError(
            path, f"not valid {encoding.upper()}: bad byte at offset {offset} (line {line})"
        ) from error
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    # One spelling per character, so titles and slugs from macOS (NFD) match everyone else's.
    return unicodedata.normalize("NFC", text)


def _document(
    path: Path, front: FrontMatter, default_lang: str, office_tz: ZoneInfo
) -> ParsedDocument:
    raw = front.fields
    candidate = candidate_for(path)
    pelican = front.style == "pelican"

    title_key = _given(raw, "title")
    title = fields.text(raw[title_key], "title") if title_key else ""
    if not title:
        raise FrontMatterError("missing title")
    draft = _is_draft(raw)
    date_key = _given(raw, "date", "publishdate")
    date = fields.utc_datetime(raw[date_key], date_key, office_tz) if date_key else None
    if date is None and not draft:
        raise FrontMatterError("missing date (only a draft may leave it out)")

    slug = candidate.bundle_slug
    if slug_key := _given(raw, "slug"):
        slug = slugify(fields.text(raw[slug_key], "slug"))
        if not slug:
            raise FrontMatterError(f"slug {raw[slug_key]!r} has no letters or digits")

    if key_key := _given(raw, "translationkey"):
        translation_key: str | None = fields.text(raw[key_key], "translationKey")
    elif pelican:
        # Pelican links translations by their shared slug.
        translation_key = slug
    else:
        translation_key = _hugo_translation_base(path, candidate.lang)

    lead_key = _given(raw, "summary", "description")
    lead_reference = _lead_image_reference(raw)
    lead_image = resolve_image(lead_reference, path.parent) if lead_reference else None
    body_images, missing = _body_images(front.body, path.parent)
    if lead_reference and lead_image is None and lead_reference not in missing:
        missing.insert(0, lead_reference)
    return ParsedDocument(
        path=path,
        title=title,
        lang=_language(raw, candidate.lang, default_lang),
        slug=slug,
        translation_key=translation_key,
        date=date,
        draft=draft,
        tags=fields.tags(raw.get("tags")),
        lead=fields.paragraph(raw[lead_key], lead_key) if lead_key else "",
        body=front.body,
        lead_image=lead_image,
        body_images=tuple(body_images),
        missing_images=tuple(missing),
        is_translation=pelican and fields.boolean(raw.get("translation", False), "translation"),
    )


def _given(raw: dict[str, object], *keys: str) -> str | None:
    """The first of ``keys`` with a value; an empty Pelican line or YAML ``~`` gives none."""
    return next((key for key in keys if raw.get(key) not in (None, "")), None)


def _is_draft(raw: dict[str, object]) -> bool:
    """Hugo says ``draft: true``; Pelican says ``Status: draft``."""
    draft = fields.boolean(raw["draft"], "draft") if _given(raw, "draft") else False
    if _given(raw, "status"):
        status = fields.text(raw["status"], "status").lower()
        if status not in _PELICAN_STATUSES:
            allowed = ", ".join(sorted(_PELICAN_STATUSES))
            raise FrontMatterError(f"status must be one of {allowed}, not {status!r}")
        draft = draft or status == "draft"
    return draft


def _language(raw: dict[str, object], lang_in_name: str | None, default_lang: str) -> str:
    """Front matter ``lang`` first, then a ``name.<lang>.md`` file name, then the default."""
    if lang_key := _given(raw, "lang"):
        code = fields.text(raw[lang_key], "lang")
        known = fields.language(code)
        if known is None:
            raise FrontMatterError(f"unknown language {code!r}")
        return known
    return lang_in_name or default_lang


def _lead_image_reference(raw: dict[str, object]) -> str:
    """Hugo's ``images:`` list (its first entry) or a single ``image:`` (Hugo or Pelican)."""
    images = raw.get("images")
    if isinstance(images, list):
        images = images[0] if images else None
    value = images if images not in (None, "") else raw.get("image")
    return fields.text(value, "image") if value not in (None, "") else ""


def _body_images(body: str, folder: Path) -> tuple[list[tuple[str, Path]], list[str]]:
    found: list[tuple[str, Path]] = []
    missing: list[str] = []
    for reference in image_references(body):
        image = resolve_image(reference, folder)
        if image is None:
            missing.append(reference)
        else:
            found.append((reference, image))
    return found, missing


def _hugo_translation_base(path: Path, lang_in_name: str | None) -> str:
    """Hugo makes ``about.md`` and ``about.ru.md`` in one folder translations of each other."""
    name = path.name.rsplit(".", 2 if lang_in_name else 1)[0]
    return (path.absolute().parent / name).as_posix()
