"""Read one Hugo or Pelican Markdown file into a ``ParsedDocument``, checking everything a
person could have got wrong in it."""

from __future__ import annotations

import codecs
import datetime as dt
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from app.core.importing import fields
from app.core.importing.discover import ImportCandidate, candidate_for
from app.core.importing.errors import FrontMatterError, ImportFileError, SkippedFile
from app.core.importing.frontmatter import FrontMatter, split_front_matter
from app.core.importing.images import ImageRefused, image_references, resolve_image
from app.core.safe_read import UnreadableFile, read_limited
from app.core.slugs import is_safe_slug, slugify

# A statement is a few pages; a bigger file was picked by mistake (a PDF renamed, a dump).
MAX_FILE_BYTES = 10 * 1024 * 1024
_PELICAN_STATUSES = frozenset({"draft", "published", "hidden", "skip"})
# Hugo's and Pelican's names for the date of publication and of the last change.
_DATE_KEYS = ("date", "publishdate", "pubdate", "published")
_MODIFIED_KEYS = ("lastmod", "modified")

# A body image: the file beside the document, or the bytes a Word file embeds.
ImageSource = Path | bytes


@dataclass(frozen=True)
class ParsedDocument:
    """One language of one statement as a Markdown (or Word) file described it.

    ``slug`` is the address the file gave (kept as it is when safe, see ``is_safe_slug``,
    else made safe), a page bundle's folder, or ``None`` (derive it from the title);
    ``slug_given`` tells whether the file named it. ``translation_key`` groups the files
    that are translations of each other; compare keys only for equality. ``date`` and
    ``modified`` are aware UTC, ``date`` ``None`` only for drafts. ``body_images`` pairs
    each reference as written in ``body`` with its file (an absolute path inside the
    import root) or bytes; ``missing_images`` lists references (the lead image's too)
    that name no file, ``refused_images`` those that lead out of the import root.
    ``notes`` are warnings about how the file was read (a slug made safe, a date taken
    from the file). ``origin`` identifies the file when it is imported again.
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
    body_images: tuple[tuple[str, ImageSource], ...]
    missing_images: tuple[str, ...]
    is_translation: bool
    modified: dt.datetime | None = None
    hidden: bool = False
    slug_given: bool = False
    refused_images: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    origin: str = ""
    is_word: bool = False

    @property
    def revision_time(self) -> dt.datetime | None:
        """When the text last changed, as the file says: its last change, else its date."""
        return self.modified or self.date


def parse_file(
    path: Path,
    *,
    default_lang: str,
    office_tz: str,
    languages: Sequence[str] | None = None,
    date_from_file: bool | None = None,
    candidate: ImportCandidate | None = None,
) -> ParsedDocument:
    """Parse ``path``; raise ``ImportFileError`` saying in one line what is wrong with it.

    ``default_lang`` is the language of a file that names none; ``languages``, when given,
    are the only ones a file may name (a region such as ``ru-RU`` counts as ``ru``).
    ``office_tz`` (an IANA name such as ``"Asia/Dushanbe"``) is where dates without a UTC
    offset were written; an unknown zone raises ``zoneinfo.ZoneInfoNotFoundError``, a
    setup error rather than the file's. A published file without a date is dated by its
    modification time when ``date_from_file`` says so (``None``: for Pelican files, as
    Pelican does); else it is an error. A file that says ``Status: skip`` raises
    ``SkippedFile``. ``candidate`` says where the file was found (default: its folder).
    """
    candidate = candidate or candidate_for(path)
    text = _read_text(path)
    try:
        front = split_front_matter(text)
        return _document(
            path, front, candidate, default_lang, ZoneInfo(office_tz), languages, date_from_file
        )
    except FrontMatterError as error:
        raise ImportFileError(path, str(error)) from error


def _read_text(path: Path) -> str:
    try:
        data = read_limited(path, MAX_FILE_BYTES)
    except UnreadableFile as error:
        raise ImportFileError(path, str(error)) from error
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
    path: Path,
    front: FrontMatter,
    candidate: ImportCandidate,
    default_lang: str,
    office_tz: ZoneInfo,
    languages: Sequence[str] | None,
    date_from_file: bool | None,
) -> ParsedDocument:
    raw = front.fields
    pelican = front.style == "pelican"
    notes: list[str] = []

    title_key = _given(raw, "title")
    title = fields.text(raw[title_key], "title") if title_key else ""
    if not title:
        raise FrontMatterError("missing title")
    status = _status(raw)
    if status == "skip":
        raise SkippedFile(path, "skipped: it says 'Status: skip'")
    draft = status == "draft"
    date_key = _given(raw, *_DATE_KEYS)
    date = fields.utc_datetime(raw[date_key], date_key, office_tz) if date_key else None
    if date is None and not draft:
        date = _file_date(path, pelican if date_from_file is None else date_from_file)
        notes.append(f"{path}: no date: dated {date:%Y-%m-%d %H:%M} UTC from the file")
    modified_key = _given(raw, *_MODIFIED_KEYS)
    modified = (
        fields.utc_datetime(raw[modified_key], modified_key, office_tz) if modified_key else None
    )

    slug_key = _given(raw, "slug")
    if slug_key:
        slug = _kept_slug(fields.text(raw[slug_key], "slug"), path, notes)
    elif pelican:
        slug = None  # Pelican makes the address from the title, as Press Desk does
    else:
        # Hugo's address is the bundle's folder or the file's name, in lower case.
        named = path.absolute().parent.name if candidate.bundle_slug else path.name
        slug = _kept_slug(_base_name(named, candidate.lang).lower(), path, notes, given_slug=False)

    if key_key := _given(raw, "translationkey"):
        translation_key: str | None = fields.text(raw[key_key], "translationKey")
    elif pelican:
        # Pelican links translations by their shared slug.
        translation_key = slug
    else:
        translation_key = _hugo_translation_base(path, candidate.lang)

    root = candidate.root or path.absolute().parent.resolve()
    lead_key = _given(raw, "summary", "description")
    lead_reference = _lead_image_reference(raw)
    body_images, missing, refused = _body_images(front.body, path.parent, root)
    lead_image = None
    if lead_reference:
        try:
            lead_image = resolve_image(lead_reference, path.parent, root)
        except ImageRefused:
            if lead_reference not in refused:
                refused.insert(0, lead_reference)
        else:
            if lead_image is None and lead_reference not in missing:
                missing.insert(0, lead_reference)
    return ParsedDocument(
        path=path,
        title=title,
        lang=_language(raw, candidate.lang, default_lang, languages),
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
        modified=modified,
        hidden=status == "hidden",
        slug_given=bool(slug_key),
        refused_images=tuple(refused),
        notes=tuple(notes),
        origin=candidate.origin,
    )


def _kept_slug(given: str, path: Path, notes: list[str], *, given_slug: bool = True) -> str | None:
    """The address as it is when it is safe, else made safe with a note naming both.

    An address that has no letters or digits is an error when the file gave it as its
    slug; one from a file name leaves the address to the title.
    """
    if is_safe_slug(given):
        return given
    made = slugify(given)
    if not made:
        if given_slug:
            raise FrontMatterError(f"slug {given!r} has no letters or digits")
        return None
    notes.append(f"{path}: address {given!r} is not a safe one: imported as {made!r}")
    return made


def _base_name(name: str, lang_in_name: str | None) -> str:
    """``about.ru.md`` → ``about``; ``index.md`` → ``index``."""
    return name.rsplit(".", 2 if lang_in_name else 1)[0]


def _file_date(path: Path, allowed: bool) -> dt.datetime:
    if not allowed:
        raise FrontMatterError(
            "missing date: give one, or import with --date-from-file to date it from the file"
        )
    try:
        moment = fields.file_datetime(path.stat().st_mtime)
    except OSError:
        moment = None
    if moment is None:
        raise FrontMatterError("missing date, and the file's own date cannot be shown on a page")
    return moment


def _given(raw: dict[str, object], *keys: str) -> str | None:
    """The first of ``keys`` with a value; an empty Pelican line or YAML ``~`` gives none."""
    return next((key for key in keys if raw.get(key) not in (None, "")), None)


def _status(raw: dict[str, object]) -> str:
    """draft, published, hidden or skip: Hugo says ``draft: true``, Pelican ``Status: …``."""
    draft = fields.boolean(raw["draft"], "draft") if _given(raw, "draft") else False
    status = "published"
    if _given(raw, "status"):
        status = fields.text(raw["status"], "status").lower()
        if status not in _PELICAN_STATUSES:
            allowed = ", ".join(sorted(_PELICAN_STATUSES))
            raise FrontMatterError(f"status must be one of {allowed}, not {status!r}")
    return "draft" if draft and status != "skip" else status


def _language(
    raw: dict[str, object],
    lang_in_name: str | None,
    default_lang: str,
    languages: Sequence[str] | None,
) -> str:
    """Front matter ``lang`` first, then a ``name.<lang>.md`` file name, then the default."""
    lang_key = _given(raw, "lang")
    code = fields.text(raw[lang_key], "lang") if lang_key else lang_in_name
    if code is None:
        return default_lang
    known = fields.language(code) if languages is None else fields.office_language(code, languages)
    if known is None:
        if languages is None or fields.language(code) is None:
            raise FrontMatterError(f"unknown language {code!r}")
        raise FrontMatterError(
            f"language {code!r} is not one of the office's languages ({', '.join(languages)})"
        )
    return known


def _lead_image_reference(raw: dict[str, object]) -> str:
    """Hugo's ``images:`` list (its first entry) or a single ``image:`` (Hugo or Pelican)."""
    images = raw.get("images")
    if isinstance(images, list):
        images = images[0] if images else None
    value = images if images not in (None, "") else raw.get("image")
    return fields.text(value, "image") if value not in (None, "") else ""


def _body_images(
    body: str, folder: Path, root: Path
) -> tuple[list[tuple[str, ImageSource]], list[str], list[str]]:
    found: list[tuple[str, ImageSource]] = []
    missing: list[str] = []
    refused: list[str] = []
    for reference in image_references(body):
        try:
            image = resolve_image(reference, folder, root)
        except ImageRefused:
            refused.append(reference)
            continue
        if image is None:
            missing.append(reference)
        else:
            found.append((reference, image))
    return found, missing, refused


def _hugo_translation_base(path: Path, lang_in_name: str | None) -> str:
    """Hugo makes ``about.md`` and ``about.ru.md`` in one folder translations of each other."""
    return (path.absolute().parent / _base_name(path.name, lang_in_name)).as_posix()
