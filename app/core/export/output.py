"""The export folder: atomic writes, what the last export wrote, the manifest, one run at a time."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import PressDeskError
from app.core.export.layout import (
    MANIFEST_PATH,
    STATE_DIR,
    forget_resolved_folders,
    resolve_inside,
)

STATE_VERSION = 1


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


class ExportFolder:
    """OUT, locked for one export run, with the records of what the last run wrote."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.state_dir = out / STATE_DIR
        self._locked = False

    def __enter__(self) -> ExportFolder:
        if not self.out.parent.is_dir():
            raise PressDeskError(
                f"cannot export to {self.out}: folder {self.out.parent} does not exist"
            )
        if self.out.exists() and not self.out.is_dir():
            raise PressDeskError(f"cannot export to {self.out}: it is a file, not a folder")
        self.state_dir.mkdir(parents=True, exist_ok=True)
        lock = self.state_dir / "lock"
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            if _lock_is_live(lock):
                raise PressDeskError(f"another export into {self.out} is running") from None
            lock.unlink(missing_ok=True)
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        with os.fdopen(fd, "w") as handle:
            handle.write(str(os.getpid()))
        self._locked = True
        # Leftovers of a run that was killed: partial files never reached a final name.
        shutil.rmtree(self.state_dir / "tmp", ignore_errors=True)
        _folders.clear()
        forget_resolved_folders()
        return self

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.state_dir / "tmp", ignore_errors=True)
        _folders.clear()
        if self._locked:
            (self.state_dir / "lock").unlink(missing_ok=True)

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


def _lock_is_live(lock: Path) -> bool:
    try:
        pid = int(lock.read_text().strip())
    except (OSError, ValueError):
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
