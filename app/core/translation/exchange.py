"""Bringing a translation memory in from TMX and taking it out again.

An import is one transaction: a broken file, a cancel or any error leaves the memory as it
was. Language codes in any case and form (``ru``, ``RU``, ``ru-RU``, ``ru_RU``) map to the
office's languages; ``lang_map`` covers the rest (``ru-RU=ru``, ``tj=tg``).
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import and_, or_, select, text
from sqlalchemy.orm import Session

from app.core.errors import PressDeskError
from app.core.models import TranslationMemoryEntry
from app.core.translation.memory import PairIn, add_pairs
from app.core.translation.tmx import OutUnit, TmxReader, Unit, Variant, write_tmx


class ImportCancelled(PressDeskError):
    """The person cancelled an import; nothing of it was kept."""


@dataclass(slots=True)
class ImportReport:
    units: int = 0
    imported: int = 0
    pairs_added: int = 0
    pairs_known: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)


def parse_lang_map(items: list[str] | tuple[str, ...]) -> dict[str, str]:
    """``["ru-RU=ru", …]`` as a mapping; a malformed item is a user error."""
    mapping = {}
    for item in items:
        code, sep, lang = item.partition("=")
        if not sep or not code.strip() or not lang.strip():
            raise PressDeskError(f"--lang-map takes CODE=LANG, not {item!r}")
        mapping[_canonical(code)] = lang.strip()
    return mapping


def _canonical(code: str) -> str:
    return code.strip().replace("_", "-").lower()


def language_mapper(
    languages: tuple[str, ...], lang_map: dict[str, str]
) -> Callable[[str | None], str | None]:
    """A function from a TMX language code to an office language (or ``None``)."""
    office = {lang.lower(): lang for lang in languages}
    explicit = {_canonical(k): v for k, v in lang_map.items()}

    def mapped(code: str | None) -> str | None:
        if not code:
            return None
        canonical = _canonical(code)
        if canonical in explicit:
            return explicit[canonical] if explicit[canonical] in languages else None
        if canonical in office:
            return office[canonical]
        return office.get(canonical.split("-", 1)[0])

    return mapped


def _unit_pairs(
    unit: Unit,
    mapped: Callable[[str | None], str | None],
    languages: tuple[str, ...],
    default_srclang: str | None,
    origin: str,
) -> tuple[list[PairIn], str | None]:
    """The pairs a unit gives, or why it gives none."""
    chosen: dict[str, Variant] = {}
    unknown = []
    empty = False
    for variant in unit.variants:
        lang = mapped(variant.lang)
        if lang is None:
            unknown.append(variant.lang)
        elif not variant.text.strip():
            empty = True
        else:
            chosen.setdefault(lang, variant)
    if len(chosen) < 2:
        if unknown:
            return [], f"language {unknown[0]} is not an office language (use --lang-map)"
        if empty:
            return [], "an empty segment"
        return [], "fewer than two languages"
    order = [lang for lang in languages if lang in chosen]
    srclang = unit.srclang or default_srclang
    source = mapped(srclang) if srclang and srclang != "*all*" else None
    if source in chosen:
        order.remove(source)
        order.insert(0, source)
    meta: dict = {}
    if unit.attributes:
        meta["attributes"] = unit.attributes
    if unit.props:
        meta["props"] = unit.props
    if unit.notes:
        meta["notes"] = unit.notes
    pairs = []
    for first, second in itertools.combinations(order, 2):
        pair_meta = dict(meta)
        markup = {
            side: chosen[lang].markup
            for side, lang in (("source", first), ("target", second))
            if chosen[lang].markup
        }
        if markup:
            pair_meta["markup"] = markup
        pairs.append(
            PairIn(
                first,
                second,
                chosen[first].text,
                chosen[second].text,
                origin,
                None,
                pair_meta or None,
            )
        )
    return pairs, None


def import_tmx(
    session: Session,
    path: Path,
    *,
    languages: tuple[str, ...],
    lang_map: dict[str, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    """Adds the pairs of a TMX file to the memory, inside the caller's transaction.

    Raises :class:`ImportCancelled` when ``cancelled()`` turns true: the caller's
    transaction then rolls back, and the memory is as it was.
    """
    reader = TmxReader(path)
    mapped = language_mapper(languages, lang_map or {})
    report = ImportReport()

    def pairs() -> Iterator[PairIn]:
        for unit in reader.units(progress, cancelled):
            report.units += 1
            tuid = unit.attributes.get("tuid")
            origin = f"{path.name} #{tuid}" if tuid else path.name
            found, reason = _unit_pairs(unit, mapped, languages, reader.srclang, origin)
            if reason is not None:
                report.skipped[reason] += 1
                continue
            report.imported += 1
            yield from found

    if session.get_bind().dialect.name == "sqlite":
        # The word index outgrows SQLite's default 2 MB page cache within seconds.
        session.execute(text("PRAGMA cache_size = -131072"))
    result = add_pairs(session, pairs())
    if cancelled is not None and cancelled():
        raise ImportCancelled(f"import of {path.name} cancelled: nothing was imported")
    report.pairs_added, report.pairs_known = result.added, result.duplicates
    report.warnings.extend(reader.warnings)
    return report


def _out_unit(entry: TranslationMemoryEntry, first_lang: str | None) -> OutUnit:
    meta = json.loads(entry.meta) if entry.meta else {}
    markup = meta.get("markup", {})
    source = Variant(entry.source_lang, entry.source_text, markup.get("source", {}))
    target = Variant(entry.target_lang, entry.target_text, markup.get("target", {}))
    variants = (target, source) if first_lang == entry.target_lang else (source, target)
    attributes = dict(meta.get("attributes", {}))
    attributes.setdefault("creationdate", entry.created_at.strftime("%Y%m%dT%H%M%SZ"))
    props = [tuple(p) for p in meta.get("props", [])]
    if entry.origin and not any(kind == "x-pressdesk-origin" for kind, _ in props):
        props.append(("x-pressdesk-origin", entry.origin))
    return OutUnit(
        variants,
        tuple(sorted(attributes.items())),
        tuple(props),
        tuple(meta.get("notes", [])),
    )


def export_tmx(
    session: Session, path: Path, *, pair: tuple[str, str] | None, tool_version: str
) -> int:
    """Writes the memory (or the pairs of one language pair, either way round) as TMX 1.4."""
    E = TranslationMemoryEntry
    query = select(E).order_by(E.id)
    if pair is not None:
        a, b = pair
        query = query.where(
            or_(
                and_(E.source_lang == a, E.target_lang == b),
                and_(E.source_lang == b, E.target_lang == a),
            )
        )
    entries = session.scalars(query.execution_options(yield_per=2000))
    first = pair[0] if pair else None
    return write_tmx(
        path,
        (_out_unit(entry, first) for entry in entries),
        srclang=first or "*all*",
        tool_version=tool_version,
    )
