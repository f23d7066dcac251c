"""Keystroke to preview HTML ready (render only, not the web engine paint): the authoring desk.

    .venv/bin/python bench/bench_preview.py [--count 10000] [--runs 40]

On a copy of the demo archive, types one character at a time into a published statement's
Tajik text and times `PreviewRenderer.render` (Markdown body, related-articles sidebar, the
page through the theme) for a body of about 600 and about 5,000 words.
Targets: median under 20 ms (600 words) and under 100 ms (5,000 words).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from app.core.content import TextContent  # noqa: E402
from app.core.demo.writer import write_demo  # noqa: E402
from app.core.migrate import open_database  # noqa: E402
from app.core.models import Statement, StatementTag, Status, Tag  # noqa: E402
from app.core.preview import PreviewRenderer  # noqa: E402
from app.core.statements import current_revision  # noqa: E402

OUT = ROOT / "bench" / "out"


def words(body: str, count: int) -> str:
    """The body repeated or cut to about ``count`` words, keeping its Markdown paragraphs."""
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    result: list[str] = []
    total = 0
    while total < count:
        for paragraph in paragraphs:
            result.append(paragraph)
            total += len(paragraph.split())
            if total >= count:
                break
    return "\n\n".join(result)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    source = OUT / f"archive-{args.count}.db"
    if not source.exists():
        OUT.mkdir(exist_ok=True)
        db = open_database(str(source), create=True)
        write_demo(db, args.count)
        db.close()
    work = Path(tempfile.mkdtemp(prefix="pressdesk-preview-bench-")) / "archive.db"
    shutil.copyfile(source, work)
    db = open_database(str(work))
    with db.transaction() as s:
        sid = s.scalar(
            select(Statement.id)
            .where(Statement.status == Status.PUBLISHED, Statement.source_lang == "tg")
            .order_by(Statement.id.desc())
        )
        rev = current_revision(s, sid, "tg")
        tags = tuple(
            s.scalars(select(Tag.name).join(StatementTag).where(StatementTag.statement_id == sid))
        )
    renderer = PreviewRenderer(db)
    renderer.render(sid, "tg", TextContent(rev.title, rev.lead, rev.body), tags=tags)  # warm up
    print(f"archive: {args.count} statements; statement {sid} (tg)")
    for size, target in ((600, 20.0), (5000, 100.0)):
        body = words(rev.body, size)
        samples = []
        for i in range(args.runs):
            typed = TextContent(rev.title, rev.lead, body + " ҳ" * (i + 1))
            start = time.perf_counter()
            page = renderer.render(sid, "tg", typed, tags=tags)
            samples.append((time.perf_counter() - start) * 1000)
            assert "ҳ" in page.html
        median = statistics.median(samples)
        verdict = "met" if median <= target else "NOT met"
        p95 = sorted(samples)[int(len(samples) * 0.95) - 1]
        print(
            f"{len(body.split())} words: median {median:.1f} ms, p95 {p95:.1f} ms; "
            f"target {target:g} ms {verdict}"
        )
    renderer.close()
    db.close()
    shutil.rmtree(work.parent, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
