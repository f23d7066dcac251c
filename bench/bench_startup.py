"""Start-up benchmark: launch to the main window showing its first list page (target under 1 s).

    .venv/bin/python bench/bench_startup.py [--count 10000] [--db PATH] [--runs 5]

Uses (building once if missing) the demo archive bench/out/archive-<count>.db, copied so the run
never changes it. Each run starts `pressdesk --db COPY` as a new process on the offscreen platform
with PRESSDESK_EXIT_AFTER_SHOWN=1: the app prints the seconds from process start to the first
list page shown and quits. Prints every run and the median, both as the app measured it and as
seen from outside (launch until that line is printed).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
PRESSDESK = ROOT / ".venv" / "bin" / "pressdesk"
TARGET_S = 1.0
_SHOWN = re.compile(r"first list page shown after ([0-9.]+) s")


def build_archive(path: Path, count: int) -> None:
    print(f"building {path} with {count} demo statements …", file=sys.stderr)
    start = time.perf_counter()
    subprocess.run([str(PRESSDESK), "--db", str(path), "demo", "--count", str(count)], check=True)
    print(f"built in {time.perf_counter() - start:.1f} s", file=sys.stderr)


def one_run(db: Path) -> tuple[float, float]:
    """(seconds the app reports, seconds from launch to its report line)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PRESSDESK_EXIT_AFTER_SHOWN="1")
    start = time.perf_counter()
    process = subprocess.Popen(
        [str(PRESSDESK), "--db", str(db)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    reported = outside = None
    for line in process.stdout:
        if match := _SHOWN.search(line):
            outside = time.perf_counter() - start
            reported = float(match.group(1))
            break
    process.wait(timeout=60)
    if reported is None:
        raise SystemExit(f"pressdesk exited with {process.returncode} before showing its list")
    return reported, outside


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--db", type=Path, help="an existing SQLite archive to measure instead")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    archive = args.db or OUT / f"archive-{args.count}.db"
    if not archive.exists():
        build_archive(archive, args.count)
    work = Path(tempfile.mkdtemp(prefix="pressdesk-bench-startup-"))
    try:
        copy = work / archive.name
        shutil.copyfile(archive, copy)
        media = archive.with_name(archive.name + ".media")
        if media.is_dir():
            shutil.copytree(media, work / media.name)
        one_run(copy)  # warm the file cache, as a second start of the day would be
        runs = [one_run(copy) for _ in range(args.runs)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for number, (reported, outside) in enumerate(runs, 1):
        print(f"run {number}: {reported:.3f} s (app), {outside:.3f} s (from launch)")
    median = statistics.median(r for r, _ in runs)
    median_outside = statistics.median(o for _, o in runs)
    verdict = "met" if median < TARGET_S else "MISSED"
    print(
        f"archive {archive.name}: median {median:.3f} s to the first list page "
        f"({median_outside:.3f} s from launch); target {TARGET_S:.1f} s {verdict}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
