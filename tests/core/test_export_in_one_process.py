"""Two exports in one process (a scheduled publication beside an export started by hand) share
no state: into two folders they run side by side, into one folder they queue."""

from __future__ import annotations

import threading
from pathlib import Path

from app.core.db import Database
from app.core.export import run
from app.core.export.run import export_site
from tests.core.test_export import files, publish


def _many(db: Database, count: int) -> None:
    for i in range(count):
        publish(db, f"Заявление номер {i}", body=f"Текст {i}.", tags=(f"тема{i % 5}",))


def test_two_exports_side_by_side_each_write_their_own_site(db: Database, tmp_path: Path):
    _many(db, 70)  # more than one chunk of pages
    first_out, second_out = tmp_path / "first", tmp_path / "second"
    second_started = threading.Event()
    done: dict[str, object] = {}

    def first_progress(finished: int, total: int) -> None:
        # After its first chunk, the first run lets the second one start, and goes on
        # rendering only once the second has its own pages in hand.
        if finished < total:
            second_started.wait(timeout=30)

    def second() -> None:
        def progress(finished: int, total: int) -> None:
            second_started.set()

        done["second"] = export_site(
            db, second_out, workers=1, base_url="https://b.example.tj", progress=progress
        )

    thread = threading.Thread(target=second)
    first_thread = threading.Thread(
        target=lambda: done.setdefault(
            "first",
            export_site(
                db, first_out, workers=1, base_url="https://a.example.tj", progress=first_progress
            ),
        )
    )
    first_thread.start()
    thread.start()
    first_thread.join(timeout=120)
    thread.join(timeout=120)
    assert done["first"].ok and done["second"].ok
    assert run._jobs == {}
    alone_a, alone_b = tmp_path / "alone-a", tmp_path / "alone-b"
    export_site(db, alone_a, workers=1, base_url="https://a.example.tj")
    export_site(db, alone_b, workers=1, base_url="https://b.example.tj")
    assert files(first_out) == files(alone_a)
    assert files(second_out) == files(alone_b)


def test_two_exports_into_one_folder_queue(db: Database, tmp_path: Path) -> None:
    _many(db, 20)
    out = tmp_path / "site"
    reports = []
    threads = [
        threading.Thread(target=lambda: reports.append(export_site(db, out, workers=1)))
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(reports) == 2 and all(r.ok for r in reports)
    fresh = tmp_path / "fresh"
    export_site(db, fresh, workers=1)
    assert files(out) == files(fresh)
