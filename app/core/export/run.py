"""`pressdesk export`: the whole static site, or only what changed, written safely into OUT."""

from __future__ import annotations

import gc
import hashlib
import itertools
import logging
import multiprocessing
import os
import pickle
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial
from pathlib import Path

from sqlalchemy import select

from app.core import audit, changes, live, ownership, validation
from app.core.db import Database, create_engine_for
from app.core.errors import PressDeskError
from app.core.export import layout, stamp, variants
from app.core.export.fingerprint import Fingerprinter
from app.core.export.layout import MANIFEST_PATH
from app.core.export.output import ExportFolder, FileRecord, write_atomic
from app.core.export.related_lists import RelatedLists
from app.core.export.site import PlannedPage, SitePlan, load_published, with_body
from app.core.lifeline import die_with_parent
from app.core.media import MediaStore
from app.core.models import Media, Publication
from app.core.render import cache, pages
from app.core.render.bounded import RenderError, render_body_bounded
from app.core.render.markdown import RENDERER_VERSION
from app.core.render.theme import Theme, ThemeError
from app.core.settings import load_settings, office_theme_dir
from app.core.sqltypes import utcnow

log = logging.getLogger(__name__)

# Bump when the export's own output changes for the same input (not the theme's).
EXPORT_FORMAT = "1"
# Pages per task of a render worker: small enough that the workers finish together.
CHUNK = 64
# A worker started afresh takes about a second (imports, the plan) before its first page:
# below this many pages, rendering in this process alone is sooner.
SPAWN_ABOVE = 4000

Progress = Callable[[int, int], None]


class Cancelled(PressDeskError):
    """The person stopped the export; what was written so far is complete and consistent."""


class SiteWouldShrink(PressDeskError):
    """The export would replace a site with one of fewer than half its pages (a wrong
    database, most often): it goes ahead only when the person confirms."""

    def __init__(self, out: Path, before: int, after: int) -> None:
        super().__init__(
            f"the export would replace the {before} pages in {out} with {after}, fewer than "
            "half: is this the right database? Give --allow-shrink to export all the same"
        )
        self.before, self.after = before, after


def _page_count(paths: Iterable[str]) -> int:
    """The site's pages among its files (not its assets, images or manifest)."""
    return sum(
        1
        for path in paths
        if path != MANIFEST_PATH and path.split("/")[0] not in ("assets", "media")
    )


@dataclass
class ExportReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _theme_fingerprint(theme: Theme) -> str:
    digest = hashlib.sha256(f"{EXPORT_FORMAT}|{RENDERER_VERSION}".encode())
    return stamp.files_digest(theme.folders, digest).hexdigest()


def _render(theme: Theme, plan: SitePlan, page: PlannedPage, body_html: str | None) -> str:
    plan_site = plan.site
    if page.kind == "article":
        assert page.text is not None
        view = with_body(plan.article_view(page.text), body_html or "")
        return pages.render_article(theme, plan_site, view)
    if page.kind == "withdrawn":
        assert page.text is not None
        return pages.render_withdrawn(theme, plan_site, plan.withdrawn_view(page.text))
    view = plan.view(page)
    if page.kind == "index":
        return pages.render_index(theme, plan_site, view)
    if page.kind == "archive":
        return pages.render_archive(theme, plan_site, view)
    if page.kind == "tag":
        return pages.render_tag(theme, plan_site, view)
    if page.kind == "feed":
        return pages.render_feed(theme, plan_site, view)
    if page.kind == "sitemap":
        return pages.render_sitemap(theme, plan_site, view)
    return pages.render_language_chooser(theme, plan_site)


# Each run's state, under its own key: what forked workers inherit, and what an in-process
# run reads, set just before its pages render and removed after. Two runs in one process
# (a scheduled publication beside an export started by hand) never see each other's.
_jobs: dict[int, dict[str, object]] = {}
_run_keys = itertools.count(1)

# Per page rendered: path, SHA-256, size, whether the file changed, fingerprint, and the
# media files its body shows.
Rendered = tuple[str, str, int, bool, str, frozenset[str]]


def _render_chunk(key: int, indexes: Sequence[int]) -> tuple[list[Rendered], list[str], list[str]]:
    """Renders and writes some pages; returns what was written, what could not be, and
    warnings (a cached body that failed its digest, rendered again from its text).

    Each chunk reads its own bodies from the render cache and renders (and stores) the
    ones it lacks, so no process holds the whole site's HTML and a cold cache costs no
    separate pass.
    """
    job = _jobs[key]
    theme: Theme = job["theme"]  # type: ignore[assignment]
    plan: SitePlan = job["plan"]  # type: ignore[assignment]
    todo: list[PlannedPage] = job["pages"]  # type: ignore[assignment]
    previous: dict[str, FileRecord] = job["previous"]  # type: ignore[assignment]
    fingerprints: dict[str, str] = job["fingerprints"]  # type: ignore[assignment]
    fingerprinter: Fingerprinter = job["fingerprinter"]  # type: ignore[assignment]
    db: Database = job["db"]  # type: ignore[assignment]
    out: Path = job["out"]  # type: ignore[assignment]
    chunk = [todo[i] for i in indexes]
    bodies, failed, tampered = _bodies(
        db, {(p.body.content_hash, p.body.lang) for p in chunk if p.body}
    )
    results: list[Rendered] = []
    errors: list[str] = []
    warnings: list[str] = []
    for page in chunk:
        key = (page.body.content_hash, page.body.lang) if page.body else None
        if key in tampered and page.text is not None:
            warnings.append(
                f"statement {page.text.statement_id} ({page.text.lang}, {page.text.slug}): its "
                "cached rendering did not match its digest and was not published; the page "
                "was rendered again from its text (pressdesk check --repair)"
            )
        if key in failed:
            text = page.text
            assert text is not None
            errors.append(
                f"statement {text.statement_id} ({text.lang}, {text.slug}) was not exported: "
                f"{failed[key]}"
            )
            continue
        body = bodies.get(key) if key else None
        data = _render(theme, plan, page, body).encode("utf-8")
        written = write_atomic(out, page.path, data, previous.get(page.path))
        fingerprint = fingerprints.get(page.path) or fingerprinter.page(page)
        shown = frozenset(layout.media_in_html(body)) if body else frozenset()
        results.append(
            (page.path, written.sha256, written.size, written.changed, fingerprint, shown)
        )
    return results, errors, warnings


def _bodies(
    db: Database, keys: set[tuple[str, str]]
) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], str], set[tuple[str, str]]]:
    """The bodies for ``keys`` from the render cache, rendering and storing the missing ones.

    Returns the bodies, the reason for each body that could not be rendered, and the keys
    whose cached body failed its digest (rendered again, never published).
    """
    if not keys:
        return {}, {}, set()
    with db.reading() as session:
        found = cache.lookup(session, keys)
        bodies = found.bodies
        missing = sorted(keys - set(bodies))
        markdown = cache.sources(session, {h for h, _ in missing}) if missing else {}
    fresh: dict[tuple[str, str], str] = {}
    failed: dict[tuple[str, str], str] = {}
    for content_hash, lang in missing:
        try:
            fresh[(content_hash, lang)] = render_body_bounded(markdown.get(content_hash, ""), lang)
        except RenderError as error:
            failed[(content_hash, lang)] = error.reason
    if fresh and not db.read_only:
        with db.transaction() as session:
            cache.store(session, fresh, found.secret)
    bodies.update(fresh)
    return bodies, failed, found.tampered


def _forked_worker(parent: int, key: int) -> None:
    die_with_parent(parent)
    # The parent's pooled connections are the parent's: a forked worker opens its own.
    db = _jobs[key].get("db")
    if isinstance(db, Database):
        db.engine.dispose(close=False)


def _spawned_worker(job: bytes, parent: int, key: int) -> None:
    """Sets up a worker started afresh with what a forked one would have inherited."""
    die_with_parent(parent)
    url, theme_dir, state = pickle.loads(job)
    _jobs[key] = {
        **state,
        "theme": Theme.load(theme_dir),
        "db": Database(url, create_engine_for(url)),
    }


def _pool(
    workers: int, start: str, job: Callable[[], bytes], key: int
) -> ProcessPoolExecutor | None:
    if workers <= 1:
        return None
    if start == "fork" and "fork" in multiprocessing.get_all_start_methods():
        # Forked workers share the plan's memory until they write to it; the collector's
        # passes would write to every object, so existing objects are kept out of them.
        gc.freeze()
        return ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_forked_worker,
            initargs=(os.getpid(), key),
        )
    return ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_spawned_worker,
        initargs=(job(), os.getpid(), key),
    )


def export_site(
    db: Database,
    out: Path,
    *,
    changed_only: bool = False,
    theme_dir: Path | None = None,
    zip_path: Path | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    workers: int | None = None,
    start: str = "fork",
    actor_id: int | None = None,
    base_url: str | None = None,
    force: bool = False,
    overwrite: bool = False,
    allow_shrink: bool = False,
    at: datetime | None = None,
) -> ExportReport:
    """Exports every published statement; see DESIGN.md for the layout of OUT.

    The theme (``theme_dir``, else the office's theme folder, over the default theme) is
    loaded, and every template compiled, before anything is written, so a broken theme
    leaves the previous export untouched. ``base_url`` (else the office setting) is where
    the site will be published; without one there is no sitemap.
    OUT must be Press Desk's (see :class:`ExportFolder`; ``force`` to export beside other
    files, replacing none); ``zip_path`` must not exist unless ``overwrite`` or it is the
    zip the last export wrote; a site shrinking below half its pages needs
    ``allow_shrink``. All of this is decided before anything is written.
    Pages render in ``workers`` processes, forked, or with ``start="spawn"`` started
    afresh (beside a GUI, whose threads a fork would copy half-way). The site is what is
    live at ``at`` (now by default; the publisher passes its own moment).
    """
    if base_url is not None:
        base_url = validation.base_url(base_url)
    if theme_dir is None:
        with db.reading() as session:
            theme_dir = office_theme_dir(load_settings(session))
    try:
        theme = Theme.load(theme_dir)
    except ThemeError as error:
        raise PressDeskError(f"the theme cannot be used: {error}") from error
    out = out.expanduser().absolute()
    own_files = ownership.database_files(db)
    workers = workers or min(os.cpu_count() or 1, 8)
    report = ExportReport()
    started = time.perf_counter()

    def phase(name: str) -> None:
        log.info("export: %s done after %.2f s", name, time.perf_counter() - started)

    with ExportFolder(out, protected=ownership.database_folders(db), force=force) as folder:
        with db.reading() as session:
            # Read first: the texts read next are at least as new as this mark.
            mark = changes.mark(session)
            at = at or utcnow()
            inputs = stamp.inputs_digest(theme_dir, base_url)
            last = stamp.read(out)
            if last is not None and last.holds(out, mark, inputs, zip_path, at):
                log.info("export: nothing changed since the last export (change %d)", mark[0])
                report.unchanged, report.warnings = last.pages, list(last.warnings)
                return report
            if zip_path is not None:
                zip_path = _zip_target(zip_path, out, own_files, last, overwrite)
            stamp.forget(out)
            # What is live changes by itself only at this moment (an expiry, a future date).
            valid_until = live.next_change(session, at)
            settings = load_settings(session)
            if base_url is not None:
                settings = replace(settings, base_url=base_url)
            elif settings.base_url:
                settings = replace(settings, base_url=validation.base_url(settings.base_url))
            if not settings.base_url:
                report.warnings.append(
                    "no sitemap.xml: it needs the address the site is published at (--base-url)"
                )
            texts = load_published(session, settings, at=at)
            related = RelatedLists(
                session,
                {t.lang for t in texts},
                at,
                settings.related_count,
                mark[0],
            )
            by_lang: dict[str, list[int]] = {}
            for text in texts:
                by_lang.setdefault(text.lang, []).append(text.statement_id)
            related.prepare(by_lang)
            phase(
                f"loading {len(texts)} texts and related lists (reused: {related.reused}; "
                f"ranked: {related.ranked})"
            )
            plan = SitePlan(settings, texts, related.known())
            planned = list(plan.pages())
            phase(f"planning {len(planned)} pages")
        base = pickle.dumps((_theme_fingerprint(theme), plan.site), protocol=5)
        previous = folder.previous()
        before, after = _page_count(previous), len(planned)
        if after < before / 2 and not allow_shrink:
            raise SiteWouldShrink(out, before, after)
        folder.refuse_replacing({MANIFEST_PATH, *(page.path for page in planned)})
        fingerprinter = Fingerprinter(base, plan)
        fingerprints: dict[str, str] = {}
        todo = planned
        if changed_only and previous:
            # Only pages whose fingerprint changed are rendered. Otherwise every page is,
            # and the workers fingerprint the pages they render, side by side.
            fingerprints = {page.path: fingerprinter.page(page) for page in planned}
            intact = stamp.intact_folders(out, last)

            def present(path: str) -> bool:
                return (path.rpartition("/")[0] or ".") in intact or (out / path).exists()

            todo = [
                page
                for page in planned
                if not (
                    (old := previous.get(page.path)) is not None
                    and old.fingerprint == fingerprints[page.path]
                    and present(page.path)
                )
            ]
        redo = {page.path for page in todo}
        records = {
            path: previous[path] for path in fingerprints if path in previous and path not in redo
        }
        report.unchanged = len(planned) - len(todo)
        phase(f"fingerprints ({len(todo)} pages to render)")
        total = len(todo)
        media: set[str] = set()
        state = {
            "plan": plan,
            "pages": todo,
            "previous": previous,
            "fingerprints": fingerprints,
            "fingerprinter": fingerprinter,
            "out": out,
        }
        key = next(_run_keys)
        _jobs[key] = {**state, "theme": theme, "db": db}

        def job() -> bytes:
            return pickle.dumps((db.url, theme_dir, state), protocol=5)

        lead_widths = {t.lead_media: t.lead_size[0] for t in plan.texts if t.lead_media}
        # Which statements show each image, to name them when the image cannot be had.
        shown_by: dict[str, set[int]] = {}
        for text in plan.texts:
            if text.lead_media:
                shown_by.setdefault(text.lead_media, set()).add(text.statement_id)
        statement_of = {text.path: text.statement_id for text in plan.texts}
        try:
            chunks = [range(i, min(i + CHUNK, total)) for i in range(0, total, CHUNK)]
            enough = total > (SPAWN_ABOVE if start == "spawn" else 4 * CHUNK)
            pool = _pool(workers, start, job, key) if enough else None
            render = partial(_render_chunk, key)
            results = pool.map(render, chunks) if pool else map(render, chunks)
            # Theme assets and lead images while the workers render: this process only waits.
            _copy_files(
                db,
                folder,
                theme,
                sorted(lead_widths),
                lead_widths,
                previous,
                records,
                report,
                shown_by,
            )
            done = 0
            try:
                for chunk_results, chunk_errors, chunk_warnings in results:
                    for path, sha, size, changed, fingerprint, shown in chunk_results:
                        records[path] = FileRecord(sha, size, fingerprint)
                        media |= shown
                        for name in shown:
                            shown_by.setdefault(name, set()).add(statement_of[path])
                        if changed:
                            report.written.append(path)
                    report.errors.extend(chunk_errors)
                    report.warnings.extend(chunk_warnings)
                    done += len(chunk_results) + len(chunk_errors)
                    if progress:
                        progress(done, total)
                    if cancelled and cancelled():
                        raise Cancelled("export cancelled; the pages written so far are complete")
            finally:
                if pool:
                    pool.shutdown(cancel_futures=True)
                    if start == "fork":
                        gc.unfreeze()
        finally:
            del _jobs[key]
        phase("rendering and writing pages")
        if changed_only:
            # Pages left alone may show images this run did not look at: keep them all.
            records.update(
                {p: r for p, r in previous.items() if p.startswith("media/") and p not in records}
            )
        if plan.settings.logo:
            media.add(plan.settings.logo)
        body_images = sorted(media - set(lead_widths))
        _copy_files(db, folder, None, body_images, lead_widths, previous, records, report, shown_by)
        for path in sorted(set(previous) - set(records)):
            folder.remove(path)
            report.removed.append(path)
        phase("images and assets")
        if records != previous or report.written or report.removed:
            folder.save(records)
        if db.read_only:
            report.warnings.append(
                "the database is read-only: this export is not recorded in it (publications, "
                "audit log, kept rankings)"
            )
        else:
            _record_run(db, plan, report, actor_id, related)
        phase("state, manifest and publications")
        if zip_path is not None:
            from app.core.export.archive import write_zip

            write_zip(out, sorted(records), zip_path)
        if not report.errors:  # still holding OUT's lock: no other run can slip in between
            stamp.write(out, mark, inputs, valid_until, len(planned), report.warnings, zip_path)
    report.written.sort()
    return report


def _zip_target(
    zip_path: Path,
    out: Path,
    own_files: tuple[Path, ...],
    last: stamp.Stamp | None,
    overwrite: bool,
) -> Path:
    """Where the zip may go: never over the database's files or into OUT; over an existing
    file only with ``overwrite``, or when it is the zip the last export wrote, untouched."""
    ours = last is not None and last.zip is not None and stamp.zip_record(zip_path) == last.zip
    return ownership.check_target_file(
        zip_path,
        "zip of the site",
        protected=(*own_files, out.resolve()),
        overwrite=overwrite or ours,
    )


def _copy_files(
    db: Database,
    folder: ExportFolder,
    theme: Theme | None,
    names: list[str],
    lead_widths: dict[str, int],
    previous: dict[str, FileRecord],
    records: dict[str, FileRecord],
    report: ExportReport,
    shown_by: dict[str, set[int]],
) -> None:
    """Theme assets (unless ``theme`` is None), images the pages show, smaller lead images.

    An image missing from the media store, or not the image its name says, is an error
    naming the statements that show it; the other images are copied all the same.
    """

    def put(path: str, data: bytes) -> None:
        written = write_atomic(folder.out, path, data, previous.get(path))
        records[path] = FileRecord(written.sha256, written.size, "")
        if written.changed:
            report.written.append(path)

    for relative, source in theme.assets() if theme else ():
        put(f"assets/{relative}", source.read_bytes())
    store = MediaStore.for_database(db)
    with db.reading() as session:
        ids = dict(session.execute(select(Media.sha256, Media.id)).all()) if names else {}
        for name in names:
            path = layout.media_path(name)
            sizes = [
                (layout.media_path(layout.variant_name(name, w)), w)
                for w in layout.variant_widths(lead_widths.get(name, 0))
            ]
            wanted = [path, *(p for p, _ in sizes)]
            if all(p in previous and (folder.out / p).exists() for p in wanted):
                records.update({p: previous[p] for p in wanted})
                continue
            media_id = ids.get(name.split(".")[0])
            if media_id is None:
                continue
            try:
                data = store.read(session, media_id)
            except PressDeskError as error:
                shown = ", ".join(str(sid) for sid in sorted(shown_by.get(name, ())))
                report.errors.append(f"{error}; it is shown by statement {shown or '?'}")
                continue
            put(path, data)
            for variant_path, width in sizes:
                put(variant_path, variants.variant(data, name, width))


def _record_run(
    db: Database, plan: SitePlan, report: ExportReport, actor_id: int | None, related: RelatedLists
) -> None:
    """What the database keeps of a run: which revision of which text went out (for the
    pages it wrote), the audit event, and the rankings made afresh."""
    written = set(report.written)
    now = utcnow()
    rows = [
        {
            "statement_id": t.statement_id,
            "lang": t.lang,
            "content_hash": t.content_hash,
            "path": t.path,
            "exported_at": now,
        }
        for t in plan.texts
        if t.path in written
    ]
    with db.transaction() as session:
        if rows:
            session.execute(Publication.__table__.insert(), rows)
        audit.record(
            session,
            "export",
            actor_id,
            None,
            written=len(report.written),
            removed=len(report.removed),
            errors=len(report.errors),
        )
        changes.prune(session)
        related.store(session)
