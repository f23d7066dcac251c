"""Publishing benchmarks (issue "Scheduling and publishing").

    .venv/bin/python bench/bench_publish.py [--count 10000] [--runs 3]

Builds (once) a demo archive of --count statements in bench/out/ (copied per run, so the
archive stays as built), exports it in full into a folder, then measures, as the running app
does it (modules loaded, engine warm), the time from the minute to the last file renamed
when one due statement with three languages is published and exported incrementally. Then
`pressdesk publish-due` with nothing due, as cron starts it, as whole processes.

Targets: publishing one statement under 1 s; publish-due with nothing due under 0.2 s.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


from app.core import publishing, workflow  # noqa: E402
from app.core.content import TextContent  # noqa: E402
from app.core.export.run import export_site  # noqa: E402
from app.core.migrate import open_database  # noqa: E402
from app.core.models import Role, Statement, Status  # noqa: E402
from app.core.saving import StatementSave, save_statement  # noqa: E402
from app.core.sqltypes import utcnow  # noqa: E402
from app.core.users import add_user  # noqa: E402
from bench.bench_export import archive  # noqa: E402

WORK = ROOT / "bench" / "out" / "publish"


def due_statement(db, editor: int, writer: int, translator: int, at) -> int:
    """A statement in tg, ru and en, approved and scheduled for ``at``."""
    with db.transaction() as s:
        sid = save_statement(
            s,
            StatementSave(
                None,
                "tg",
                content=TextContent(
                    "Паёми табрикотӣ ба муносибати Рӯзи Конститутсия",
                    "Президент мардумро табрик гуфт.",
                    "Матни паём дар бораи Конститутсия ва сулҳ.\n",
                ),
            ),
            writer,
        ).statement_id
        for lang, title in (("ru", "Поздравление с Днём Конституции"), ("en", "Message")):
            save_statement(
                s,
                StatementSave(sid, lang, content=TextContent(title, "Лид.", "Текст послания.\n")),
                translator,
            )
        workflow.submit(s, sid, writer)
        workflow.approve(s, sid, None, editor)
        workflow.schedule(s, sid, editor, at, now=at - timedelta(minutes=1))
    return sid


def settle_demo_schedule(db, editor: int) -> None:
    """The archive's own schedule (dated from the demo's reference day) out of the way: what
    is due goes out now, the rest is taken off the schedule, so each timed run publishes
    exactly the one statement it scheduled."""
    publishing.publish_due(db)
    with db.transaction() as s:
        waiting = s.scalars(select(Statement.id).where(Statement.status == Status.SCHEDULED))
        for sid in list(waiting):
            workflow.unschedule(s, sid, editor)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    source = archive(args.count)
    WORK.mkdir(parents=True, exist_ok=True)
    path, out = WORK / "publish.db", WORK / "site"
    shutil.copyfile(source, path)
    for extra in (path.with_name(path.name + ".media"), out):
        shutil.rmtree(extra, ignore_errors=True)
    if source.with_name(source.name + ".media").exists():
        shutil.copytree(
            source.with_name(source.name + ".media"), path.with_name(path.name + ".media")
        )
    db = open_database(str(path))
    with db.transaction() as s:
        admin = add_user(s, "bench-admin", "Admin", {Role.ADMIN}, password="bench-password").id
        people = {
            role: add_user(s, f"bench-{role.value}", role.value, {role}, actor_id=admin).id
            for role in (Role.WRITER, Role.TRANSLATOR, Role.EDITOR)
        }
    settle_demo_schedule(db, people[Role.EDITOR])
    started = time.perf_counter()
    export_site(db, out, start="spawn")
    print(f"full export into {out}: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    times = []
    for run in range(args.runs):
        at = utcnow() + timedelta(seconds=2)
        due_statement(db, people[Role.EDITOR], people[Role.WRITER], people[Role.TRANSLATOR], at)
        while utcnow() < at:
            time.sleep(0.01)
        # From the minute to the last file renamed, as the app's timer does it.
        started = time.perf_counter()
        result = publishing.publish_due(
            db, export=lambda: export_site(db, out, changed_only=True, start="spawn")
        )
        elapsed = time.perf_counter() - started
        assert result.ok and len(result.published) == 1, result
        times.append(elapsed)
        written = len(result.export.written)
        print(f"run {run + 1}: published 1 statement, {written} files, {elapsed:.2f} s")
    print(f"publish one due statement: median {statistics.median(times):.2f} s (target < 1 s)")
    db.close()
    quiet = []
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "app", "--db", str(path), "publish-due", "--out", str(out)],
            check=True,
            capture_output=True,
        )
        quiet.append(time.perf_counter() - started)
    print(f"publish-due with nothing due: median {statistics.median(quiet):.3f} s (target < 0.2 s)")


if __name__ == "__main__":
    main()
