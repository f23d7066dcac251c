"""The office glossary: fixed terms per concept and language, CSV in and out, and the check.

CSV columns (a header row names them, in any order): ``concept``, ``lang``, ``term``,
``forbidden`` (variants not to use, separated by ``|``) and ``note``. UTF-8 with or
without a byte-order mark, comma or semicolon separated (as spreadsheets write it).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.errors import PressDeskError
from app.core.models import GlossaryTerm
from app.core.translation.files import replacing
from app.core.translation.terms import Found, TermEntry, TermMatcher

COLUMNS = ("concept", "lang", "term", "forbidden", "note")
MAX_CSV_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Term:
    concept: str
    lang: str
    term: str
    forbidden: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Issue:
    """A glossary problem in a segment: a required term missing, or a forbidden variant."""

    kind: str  # "missing" or "forbidden"
    concept: str
    # The term the glossary requires in this language.
    expected: str
    # For a forbidden variant: what was written and where.
    found: str = ""
    start: int = -1
    end: int = -1


@dataclass(frozen=True, slots=True)
class SegmentTerms:
    """The glossary's view of one segment pair."""

    # Terms of the source segment with their required translation ("" when there is none).
    source_terms: tuple[tuple[Found, str], ...]
    issues: tuple[Issue, ...]


class Glossary:
    """The glossary in memory, with one matcher per language, built once."""

    def __init__(self, terms: list[Term]) -> None:
        self.terms = terms
        self._by_concept: dict[tuple[str, str], Term] = {(t.concept, t.lang): t for t in terms}
        self._matchers: dict[str, TermMatcher] = {}

    def __len__(self) -> int:
        return len(self.terms)

    def required(self, concept: str, lang: str) -> Term | None:
        return self._by_concept.get((concept, lang))

    def matcher(self, lang: str) -> TermMatcher:
        """Finds this language's terms and forbidden variants."""
        if lang not in self._matchers:
            entries = []
            for term in self.terms:
                if term.lang != lang:
                    continue
                entries.append(TermEntry(term.concept, term.term))
                entries.extend(TermEntry(term.concept, v, True) for v in term.forbidden)
            self._matchers[lang] = TermMatcher(lang, entries)
        return self._matchers[lang]

    def find(self, lang: str, text: str) -> list[Found]:
        return self.matcher(lang).find(text)

    def check(self, source_lang: str, source: str, target_lang: str, target: str) -> SegmentTerms:
        """Terms of the source segment, and what the target segment misses or misuses."""
        in_source = [f for f in self.find(source_lang, source) if not f.forbidden]
        in_target = self.find(target_lang, target)
        # A forbidden variant is flagged as such; it is not also reported missing.
        present = {f.concept for f in in_target}
        issues: list[Issue] = []
        listed = []
        seen: set[str] = set()
        for found in in_source:
            wanted = self.required(found.concept, target_lang)
            listed.append((found, wanted.term if wanted else ""))
            if wanted and found.concept not in present and found.concept not in seen:
                issues.append(Issue("missing", found.concept, wanted.term))
            seen.add(found.concept)
        issues.extend(self._forbidden(target_lang, target, in_target))
        return SegmentTerms(tuple(listed), tuple(issues))

    def check_draft(self, lang: str, text: str) -> list[Issue]:
        """Forbidden variants in a text being drafted (the source check)."""
        return self._forbidden(lang, text, self.find(lang, text))

    def _forbidden(self, lang: str, text: str, found: list[Found]) -> list[Issue]:
        issues = []
        for item in found:
            if item.forbidden:
                wanted = self.required(item.concept, lang)
                issues.append(
                    Issue(
                        "forbidden",
                        item.concept,
                        wanted.term if wanted else "",
                        text[item.start : item.end],
                        item.start,
                        item.end,
                    )
                )
        return issues


def load(session: Session) -> Glossary:
    rows = session.scalars(select(GlossaryTerm).order_by(GlossaryTerm.concept, GlossaryTerm.lang))
    return Glossary(
        [
            Term(
                row.concept,
                row.lang,
                row.term,
                tuple(v.strip() for v in row.forbidden.splitlines() if v.strip()),
                row.note,
            )
            for row in rows
        ]
    )


@dataclass(slots=True)
class CsvReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: Counter[str] = field(default_factory=Counter)


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        if path.stat().st_size > MAX_CSV_BYTES:
            raise PressDeskError(f"{path.name} is larger than 50 MB: not a glossary")
        raw = path.read_bytes()
    except OSError as error:
        raise PressDeskError(f"cannot read {path}: {error.strerror}") from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PressDeskError(
            f"{path.name} is not UTF-8 (byte {error.start}): save it as CSV UTF-8"
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    missing = [c for c in ("concept", "lang", "term") if c not in header]
    if missing:
        raise PressDeskError(
            f"{path.name} has no column {', '.join(missing)}: the header row must name "
            f"{', '.join(COLUMNS)}"
        )
    reader.fieldnames = header
    try:
        return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]
    except csv.Error as error:
        raise PressDeskError(f"{path.name} line {reader.line_num}: {error}") from None


def import_csv(session: Session, path: Path, languages: tuple[str, ...]) -> CsvReport:
    """Adds or updates the terms of a CSV file (by concept and language)."""
    report = CsvReport()
    existing = {(t.concept, t.lang): t for t in session.scalars(select(GlossaryTerm))}
    for line, row in enumerate(_read_csv(path), start=2):
        concept, lang, term = row.get("concept", ""), row.get("lang", ""), row.get("term", "")
        if not concept or not term:
            report.skipped["no concept or term"] += 1
            continue
        if lang not in languages:
            raise PressDeskError(
                f"{path.name} line {line}: {lang!r} is not an office language "
                f"({', '.join(languages)})"
            )
        forbidden = "\n".join(
            v.strip() for v in row.get("forbidden", "").replace("\n", "|").split("|") if v.strip()
        )
        note = row.get("note", "")
        current = existing.get((concept[:200], lang))
        if current is None:
            current = GlossaryTerm(
                concept=concept[:200], lang=lang, term=term, forbidden=forbidden, note=note
            )
            session.add(current)
            existing[(current.concept, lang)] = current
            report.added += 1
        elif (current.term, current.forbidden, current.note) == (term, forbidden, note):
            report.unchanged += 1
        else:
            current.term, current.forbidden, current.note = term, forbidden, note
            report.updated += 1
    session.flush()
    return report


def export_csv(session: Session, path: Path) -> int:
    """Writes the glossary as CSV (UTF-8 with a byte-order mark, for spreadsheets)."""
    terms = load(session).terms
    with replacing(path, encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for term in terms:
            writer.writerow(
                [term.concept, term.lang, term.term, " | ".join(term.forbidden), term.note]
            )
    return len(terms)
