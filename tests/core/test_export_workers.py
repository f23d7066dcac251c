"""An export's worker processes end with it, killed or crashed: nothing is left running
(issue 10, item 10)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.core.test_cli import run

# The export in a child process: pages one per task, so that a small site uses the pool;
# once pages come back it prints its worker processes and waits to be killed.
EXPORTER = """
import os, sys, time
from pathlib import Path
from app.core.export import run
from app.core.migrate import open_database

run.CHUNK, run.SPAWN_ABOVE = 1, 0
me = str(os.getpid())

def children():
    found = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat") as stat:
                if stat.read().rsplit(")", 1)[1].split()[1] == me:
                    found.append(entry)
        except (OSError, IndexError):
            pass
    return found

def stop_here(done, total):
    print(" ".join(children()), flush=True)
    time.sleep(600)

db = open_database(sys.argv[1])
run.export_site(db, Path(sys.argv[2]), workers=2, start=sys.argv[3], progress=stop_here)
"""


def _alive(pid: str) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.fixture(scope="module")
def small_office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("office") / "press.db"
    assert run("--db", str(path), "demo", "--count", "30").returncode == 0
    return path


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_workers_end_within_a_second_of_a_killed_export(
    small_office: Path, tmp_path: Path, start: str
) -> None:
    exporter = subprocess.Popen(
        [sys.executable, "-c", EXPORTER, str(small_office), str(tmp_path / "site"), start],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        workers = exporter.stdout.readline().split()
        assert len(workers) >= 2, workers
        assert all(_alive(pid) for pid in workers)
    finally:
        os.kill(exporter.pid, signal.SIGKILL)
        exporter.wait()
    deadline = time.monotonic() + 1.5
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [pid for pid in workers if _alive(pid)]
    for pid in left:  # not to leave them running when the test fails
        os.kill(int(pid), signal.SIGKILL)
    assert not left
