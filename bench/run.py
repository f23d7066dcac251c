"""Benchmarks of the core on a demo archive: builds it once, times the operations, prints a table.

    .venv/bin/python bench/run.py [--count 100000] [--db PATH]

The archive is cached in bench/out/archive-<count>.db (built with `pressdesk demo`).
Targets are the ones the issues set; a figure over its target is marked.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.content import TextContent
from app.core.demo.writer import write_demo
from app.core.desk import Desk
from app.core.listing import SortKey, StatementFilter
from app.core.migrate import open_database

OUT = Path(__file__).resolve().parent / "out"
QUERIES = ("прези мул", "рог нер", "econ coop", "ҳукум қар", "visit kh", "душан вст")


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def row(name: str, samples: list[float], target_ms: float | None) -> str:
    median = statistics.median(samples)
    p95 = sorted(samples)[max(0, int(len(samples) * 0.95) - 1)]
    mark = "" if target_ms is None or median <= target_ms else "  OVER TARGET"
    target = f"{target_ms:g}" if target_ms is not None else "-"
    return f"{name:<44} {median:>9.2f} {p95:>9.2f} {target:>8}{mark}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--db", type=Path, help="an existing archive to measure instead")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    path = args.db or OUT / f"archive-{args.count}.db"
    if not path.exists():
        print(f"building {path} with {args.count} demo statements …", file=sys.stderr)
        start = time.perf_counter()
        db = open_database(str(path), create=True)
        write_demo(db, args.count)
        db.close()
        print(f"built in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    # Writes go to a copy, so the cached archive stays as built.
    work = Path(tempfile.mkdtemp(prefix="pressdesk-bench-")) / path.name
    shutil.copyfile(path, work)
    db = open_database(str(work))
    desk = Desk.for_workstation(db)
    languages = desk.settings().languages
    print(f"archive: {path} ({desk.count(StatementFilter())} statements)")
    print(f"{'operation':<44} {'median ms':>9} {'p95 ms':>9} {'target':>8}")
    created: list[int] = []
    body = "Дар ҷаласа масъалаҳои рушди иқтисодиёт баррасӣ шуданд.\n\n" * 60
    print(
        row(
            "create a statement",
            timed(
                lambda: created.append(desk.create("tg", TextContent("Санҷиши суръат", body=body))),
                30,
            ),
            50,
        )
    )
    sid = created[0]
    counter = iter(range(10_000))

    def save() -> None:
        version = desk.statement(sid).texts["tg"].version
        desk.save(sid, "tg", TextContent("Санҷиши суръат", body=body + str(next(counter))), version)

    print(row("save a text (new revision, read-then-write)", timed(save, 30), 50))
    for query in QUERIES[:2]:
        flt = StatementFilter(query=query)
        print(
            row(
                f"search as you type {query!r} (first page)",
                timed(
                    lambda f=flt: desk.rows(
                        desk.page_ids(f, SortKey.RELEVANCE, False, 0, 50), languages
                    ),
                    20,
                ),
                50,
            )
        )
    many = [StatementFilter(query=q) for q in QUERIES]
    print(
        row(
            "search, 6 two-word prefix queries, ids only",
            timed(lambda: [desk.page_ids(f, SortKey.RELEVANCE, False, 0, 50) for f in many], 10),
            300,
        )
    )
    everything = StatementFilter()
    print(row("count all statements", timed(lambda: desk.count(everything), 20), 50))
    print(
        row(
            "list page (100 rows, newest first)",
            timed(
                lambda: desk.rows(
                    desk.page_ids(everything, SortKey.UPDATED, True, 0, 100), languages
                ),
                20,
            ),
            50,
        )
    )
    print(
        row(
            "list page deep in the archive (offset 5000)",
            timed(
                lambda: desk.rows(
                    desk.page_ids(everything, SortKey.UPDATED, True, 5000, 100), languages
                ),
                20,
            ),
            50,
        )
    )
    print(
        row(
            "list page sorted by title",
            timed(
                lambda: desk.rows(
                    desk.page_ids(everything, SortKey.TITLE, False, 0, 100), languages
                ),
                10,
            ),
            200,
        )
    )
    db.close()
    shutil.rmtree(work.parent, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
