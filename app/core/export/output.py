"""The export folder: atomic writes, what the last export wrote, the manifest, one run at a time."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from app.core import processes
from app.core.errors import PressDeskError
from app.core.export.layout import (
    MANIFEST_PATH,
    STATE_DIR,
    forget_resolved_folders,
    resolve_inside,
)

STATE_VERSION = 1
# Written into the state folder when an export makes it: what makes OUT Press Desk's.
MARKER = "export-folder"
MARKER_TEXT = "This folder is a website exported by Press Desk; .pressdesk/ holds its state.\n"


@dataclass(frozen=True, slots=True)
class FileRecord:
    sha256: str
    size: int
    fingerprint: str


@dataclass(frozen=True, slots=True)
class Written:
    sha256: str
    size: int
    changed: bool


def write_atomic(out: Path, relative: str, data: bytes, previous: FileRecord | None) -> Written:
    """Writes ``data`` to ``relative`` unless the file already holds exactly that.

    The bytes go to a temporary file in the state folder first and are renamed into
    place, so a crash never leaves a truncated file under its final name.
    """
    sha = hashlib.sha256(data).hexdigest()
    target = resolve_inside(out, relative)
    if previous is not None and previous.sha256 == sha and _same_size(target, len(data)):
        return Written(sha, len(data), changed=False)
    _ensure_folder(target.parent)
    # One folder per process: workers creating files side by side do not queue for one
    # folder's lock.
    tmp_dir = out / STATE_DIR / "tmp" / str(os.getpid())
    _ensure_folder(tmp_dir)
    tmp = tmp_dir / f"{sha[:16]}.part"
    with open(tmp, "wb") as handle:
        handle.write(data)
    os.replace(tmp, target)
    return Written(sha, len(data), changed=True)


_queues: dict[Path, threading.Lock] = {}
_queues_guard = threading.Lock()


def _process_queue(out: Path) -> threading.Lock:
    with _queues_guard:
        return _queues.setdefault(out.resolve(), threading.Lock())


# Folders this process made or found, so that 30,000 pages cost no 60,000 mkdir calls.
_folders: set[Path] = set()


def _ensure_folder(folder: Path) -> None:
    if folder not in _folders:
        folder.mkdir(parents=True, exist_ok=True)
        _folders.add(folder)


def _same_size(path: Path, size: int) -> bool:
    try:
        return path.stat().st_size == size
    except OSError:
        return False


class ExportBusy(PressDeskError):
    """Another process is exporting into the same folder right now."""


class ExportFolder:
    """OUT, locked for one export run, with the records of what the last run wrote.

    OUT is Press Desk's or refused: it must be missing, empty, or hold the state folder of
    an earlier export (a real folder, never a link). ``force`` lets an export go into a
    folder holding other files, as long as it replaces none of them (see :attr:`foreign`).
    ``protected`` folders (the database's) are never an export folder.
    """

    def __init__(self, out: Path, *, protected: Iterable[Path] = (), force: bool = False) -> None:
        self.out = out
        self.state_dir = out / STATE_DIR
        self.protected = tuple(protected)
        self.force = force
        # Files of someone else's in OUT (with ``force``), relative to OUT.
        self.foreign: frozenset[str] = frozenset()
        self._locked = False

    def _refuse_unless_ours(self) -> None:
        out = self.out
        if not out.parent.is_dir():
            raise PressDeskError(f"cannot export to {out}: folder {out.parent} does not exist")
        if out.exists() and not out.is_dir():
            raise PressDeskError(f"cannot export to {out}: it is a file, not a folder")
        real = out.resolve()
        home = Path.home().resolve()
        if real.parent == real or real == home:
            raise PressDeskError(
                f"refusing to export into {out}: choose a folder of its own for the website"
            )
        for own in self.protected:
            if real == own:
                raise PressDeskError(
                    f"refusing to export into {out}: it holds the database's own files"
                )
        if os.path.islink(self.state_dir) or (
            os.path.lexists(self.state_dir) and not self.state_dir.is_dir()
        ):
            raise PressDeskError(
                f"refusing to export into {out}: {self.state_dir} is not a folder Press Desk "
                "made (a link or a file); remove it first"
            )
        if not out.exists() or any(
            (self.state_dir / name).is_file() for name in (MARKER, "state.json", "stamp.json")
        ):
            return
        others = sorted(_files_under(out))
        if not others:
            return
        if not self.force:
            shown = ", ".join(others[:5]) + (
                f" and {len(others) - 5} more" if len(others) > 5 else ""
            )
            raise PressDeskError(
                f"{out} is not an export folder of Press Desk and holds other files ({shown}): "
                "choose an empty or new folder, or give --force to export beside them "
                "(nothing of theirs is replaced)"
            )
        self.foreign = frozenset(others)

    def refuse_replacing(self, paths: Iterable[str]) -> None:
        """Refuses, listing them, when files the export writes are someone else's in OUT."""
        clash = sorted(
            path
            for path in self.foreign
            if path in paths or path.split("/")[0] in ("assets", "media")
        )
        if clash:
            shown = ", ".join(clash[:10]) + (
                f" and {len(clash) - 10} more" if len(clash) > 10 else ""
            )
            raise PressDeskError(
                f"the export would replace files in {self.out} that Press Desk did not write "
                f"({shown}): move them away or choose another folder"
            )

    def __enter__(self) -> ExportFolder:
        self._refuse_unless_ours()
        # Two runs of this process into one folder (a scheduled publication beside an
        # export started by hand) queue; other processes are kept out by the lock file.
        self._queue = _process_queue(self.out)
        self._queue.acquire()
        try:
            return self._enter()
        except BaseException:
            self._queue.release()
            raise

    def _enter(self) -> ExportFolder:
        self.out.mkdir(exist_ok=True)
        try:
            self.state_dir.mkdir()
            (self.state_dir / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        except FileExistsError:
            pass
        lock = self.state_dir / "lock"
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            if _lock_is_live(lock):
                raise ExportBusy(f"another export into {self.out} is running") from None
            lock.unlink(missing_ok=True)
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        with os.fdopen(fd, "w") as handle:
            handle.write(str(os.getpid()))
        self._locked = True
        # Leftovers of a run that was killed: partial files never reached a final name.
        _clear_tmp(self.state_dir / "tmp")
        _folders.clear()
        forget_resolved_folders()
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            _clear_tmp(self.state_dir / "tmp")
            _folders.clear()
            if self._locked:
                (self.state_dir / "lock").unlink(missing_ok=True)
        finally:
            self._queue.release()

    def previous(self) -> dict[str, FileRecord]:
        try:
            data = json.loads((self.state_dir / "state.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if data.get("version") != STATE_VERSION:
            return {}
        return {path: FileRecord(*record) for path, record in data.get("files", {}).items()}

    def save(self, records: dict[str, FileRecord]) -> None:
        files = {path: [r.sha256, r.size, r.fingerprint] for path, r in sorted(records.items())}
        state = json.dumps({"version": STATE_VERSION, "files": files}, separators=(",", ":"))
        write_atomic(self.out, f"{STATE_DIR}/state.json", state.encode("utf-8"), None)
        # One file per line, written by hand: json's indenting encoder is pure Python, and
        # slow for the 30,000 files of a large site.
        lines = ",\n".join(
            f' {json.dumps(path, ensure_ascii=False)}: {{"sha256": "{r.sha256}", "size": {r.size}}}'
            for path, r in sorted(records.items())
        )
        body = f'{{"files": {{\n{lines}\n}}}}\n' if lines else '{"files": {}}\n'
        write_atomic(self.out, MANIFEST_PATH, body.encode("utf-8"), None)

    def remove(self, relative: str) -> None:
        target = resolve_inside(self.out, relative)
        target.unlink(missing_ok=True)
        for parent in target.parents:
            if parent == self.out or not parent.is_relative_to(self.out):
                break
            with contextlib.suppress(OSError):
                parent.rmdir()  # only when empty
                _folders.discard(parent)


def _files_under(out: Path) -> Iterator[str]:
    """Every file and link in OUT but the state folder, relative to OUT."""
    for folder, subfolders, files in os.walk(out):
        relative = Path(folder).relative_to(out)
        if relative == Path("."):
            subfolders[:] = [name for name in subfolders if name != STATE_DIR]
        for name in files:
            yield (relative / name).as_posix()
        for name in subfolders:
            if os.path.islink(os.path.join(folder, name)):
                yield (relative / name).as_posix()


def _clear_tmp(tmp: Path) -> None:
    """Removes the temporary folder of the state folder; a link there is removed, never
    followed."""
    if os.path.islink(tmp):
        tmp.unlink()
    else:
        shutil.rmtree(tmp, ignore_errors=True)


def _lock_is_live(lock: Path) -> bool:
    try:
        pid = int(lock.read_text().strip())
    except (OSError, ValueError):
        return False
    return processes.alive(pid)
