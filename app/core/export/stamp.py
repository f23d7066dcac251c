"""What the last export into OUT was made from, so that a run with the same inputs stops at once.

After a complete export, ``OUT/.pressdesk/stamp.json`` records the database's change
counter (moved by triggers with every change the export could show, see
:mod:`app.core.changes`), a digest of the code, the installed libraries, the theme and the
options, when the result stops holding (the next scheduled statement comes due), and the
modification time of every folder of OUT (a removed or added file changes its folder's).
An export whose inputs all still match has nothing to write.

Only the standard library is needed, so ``pressdesk export`` checks an SQLite database
before SQLAlchemy, Jinja2 or numpy load: a no-change export takes a fraction of a second.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import sqlite3
import sys
from collections.abc import Iterable
from contextlib import closing
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.core.export.layout import STATE_DIR
from app.core.location import DEFAULT_THEME_DIR, database_target, sqlite_file
from app.core.schema import SCHEMA_HEAD

log = logging.getLogger(__name__)

STAMP_VERSION = 1
STAMP_FILE = "stamp.json"
# The counter's value and token; the same text for sqlite3 and for SQLAlchemy.
MARK_SQL = "SELECT value, token FROM change_counter WHERE id = 1"
# The office settings (app/core/settings.py) that name OUT and the theme when not given.
OFFICE_SQL = "SELECT key, value FROM office_settings WHERE key IN ('export_folder', 'theme_dir')"
_CORE = Path(__file__).resolve().parents[1]
# Libraries whose versions change pages (Markdown, nh3, Jinja2, Babel, Pillow): their
# site-packages folder's distribution names carry every installed version.
_LIBRARY = "markdown"


@dataclass(frozen=True, slots=True)
class Stamp:
    mark: tuple[int, int]  # the change counter's value and token
    inputs: str  # see inputs_digest
    valid_until: str | None  # ISO time of the next scheduled statement, UTC
    folders: dict[str, int]  # folder under OUT → st_mtime_ns
    pages: int  # the site's pages, for "N pages unchanged"
    warnings: tuple[str, ...]
    zip: tuple[str, int, int] | None  # path, size, st_mtime_ns

    def holds(
        self,
        out: Path,
        mark: tuple[int, int],
        inputs: str,
        zip_path: Path | None,
        now: datetime,
    ) -> bool:
        """Whether an export now, from a database at ``mark``, would write nothing."""
        if tuple(mark) != self.mark or inputs != self.inputs:
            return False
        if self.valid_until is not None and datetime.fromisoformat(self.valid_until) <= now:
            return False
        if zip_path is not None and zip_record(zip_path) != self.zip:
            return False
        return folder_times(out) == self.folders


def files_digest(
    folders: Iterable[Path], digest: hashlib._Hash | None = None, pattern: str = "*"
) -> hashlib._Hash:
    """Names and bytes of every file under ``folders`` matching ``pattern``, in a stable order."""
    digest = digest or hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob(pattern)):
            if path.is_file():
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
                digest.update(path.read_bytes())
    return digest


def theme_folders(theme_dir: Path | None) -> tuple[Path, ...]:
    """The folders a theme is read from, the office's first (see render/theme.py)."""
    if theme_dir is None:
        return (DEFAULT_THEME_DIR,)
    return (theme_dir.expanduser().resolve(), DEFAULT_THEME_DIR)


def inputs_digest(theme_dir: Path | None, base_url: str | None) -> str:
    """Everything besides the database that the exported bytes depend on."""
    digest = hashlib.sha256(f"{STAMP_VERSION}|{base_url!r}|".encode())
    files_digest([_CORE], digest, "*.py")  # the source, not the bytecode Python caches
    if getattr(sys, "frozen", False):  # a bundle's code is inside its program file
        program = os.stat(sys.executable)
        digest.update(f"{program.st_size}|{program.st_mtime_ns}".encode())
    spec = importlib.util.find_spec(_LIBRARY)
    if spec is not None and spec.origin is not None:
        site = Path(spec.origin).parents[1]
        digest.update(" ".join(sorted(n for n in os.listdir(site) if ".dist-info" in n)).encode())
    files_digest(theme_folders(theme_dir), digest)
    return digest.hexdigest()


def folder_times(out: Path) -> dict[str, int]:
    """Every folder of OUT but the state folder, with its modification time."""
    times: dict[str, int] = {}
    for folder, subfolders, _files in os.walk(out):
        relative = os.path.relpath(folder, out)
        if relative == ".":
            subfolders[:] = [name for name in subfolders if name != STATE_DIR]
        times[relative] = os.stat(folder).st_mtime_ns
    return times


def intact_folders(out: Path, last: Stamp | None) -> set[str]:
    """Folders of OUT (as in :func:`folder_times`) untouched since the export ``last`` ended.

    No file has been added to, removed from or renamed in such a folder since.
    """
    if last is None:
        return set()
    intact = set()
    for folder, recorded in last.folders.items():
        try:
            if os.stat(out / folder).st_mtime_ns == recorded:
                intact.add(folder)
        except OSError:
            continue
    return intact


def zip_record(zip_path: Path) -> tuple[str, int, int] | None:
    path = zip_path.expanduser().absolute()
    try:
        info = path.stat()
    except OSError:
        return None
    return (str(path), info.st_size, info.st_mtime_ns)


def read(out: Path) -> Stamp | None:
    try:
        data = json.loads((out / STATE_DIR / STAMP_FILE).read_text(encoding="utf-8"))
        if data.pop("version") != STAMP_VERSION:
            return None
        return Stamp(
            mark=tuple(data["mark"]),
            inputs=data["inputs"],
            valid_until=data["valid_until"],
            folders=data["folders"],
            pages=data["pages"],
            warnings=tuple(data["warnings"]),
            zip=tuple(data["zip"]) if data["zip"] else None,
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def write(
    out: Path,
    mark: tuple[int, int],
    inputs: str,
    valid_until: datetime | None,
    pages: int,
    warnings: Iterable[str],
    zip_path: Path | None,
) -> None:
    """Records a complete export; call it after the last file of OUT is in place."""
    stamp = Stamp(
        mark=tuple(mark),
        inputs=inputs,
        valid_until=valid_until.astimezone(UTC).isoformat() if valid_until else None,
        folders=folder_times(out),
        pages=pages,
        warnings=tuple(warnings),
        zip=zip_record(zip_path) if zip_path is not None else None,
    )
    target = out / STATE_DIR / STAMP_FILE
    part = target.with_suffix(".part")
    part.unlink(missing_ok=True)  # a link planted there is removed, not written through
    part.write_text(json.dumps({"version": STAMP_VERSION, **asdict(stamp)}), encoding="utf-8")
    os.replace(part, target)


def forget(out: Path) -> None:
    """Drops the stamp before OUT changes: a run that stops halfway leaves none."""
    (out / STATE_DIR / STAMP_FILE).unlink(missing_ok=True)


# Scheduled statements whose minute has come (times are stored as naive UTC text).
DUE_SQL = "SELECT 1 FROM statements WHERE status = 'scheduled' AND scheduled_at <= ? LIMIT 1"


def unchanged_sqlite(
    db_target: str | None,
    out: Path | None,
    theme_dir: Path | None,
    base_url: str | None,
    zip_path: Path | None,
    *,
    at: datetime | None = None,
    nothing_due: bool = False,
) -> Stamp | None:
    """The stamp of OUT when an export from this SQLite database would write nothing at
    ``at`` (now by default); with ``nothing_due``, also no scheduled statement due by then
    (the publisher's quick answer).

    ``out`` and ``theme_dir`` default to the office's settings, as for the export itself.
    None means "not known to be unchanged": another kind of database, no stamp, any
    difference, or any trouble reading (the full export then says what is wrong).
    """
    now = at or datetime.now(UTC)
    path = sqlite_file(database_target(db_target))
    if path is None:
        return None
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
            (version,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            mark = connection.execute(MARK_SQL).fetchone()
            office = {key: json.loads(value) for key, value in connection.execute(OFFICE_SQL)}
            moment = now.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
            if nothing_due and connection.execute(DUE_SQL, (moment,)).fetchone():
                return None
    except (sqlite3.Error, TypeError, ValueError):
        return None
    if version != SCHEMA_HEAD:
        return None
    out = out or (Path(office["export_folder"]) if office.get("export_folder") else None)
    if out is None:
        return None
    if theme_dir is None and office.get("theme_dir"):
        theme_dir = Path(office["theme_dir"])
    out = out.expanduser().absolute()
    stamp = read(out)
    if stamp is None or (out / STATE_DIR / "lock").exists():
        return None
    if not stamp.holds(out, mark, inputs_digest(theme_dir, base_url), zip_path, now):
        return None
    log.info("export: nothing changed since the last export (change %d)", mark[0])
    return stamp
