"""Export benchmarks (issue "Rendering and the HTML export"): whole `pressdesk export` runs.

    .venv/bin/python bench/bench_export.py [--count 10000] [--hugo]

Builds (once) a demo archive of --count statements in bench/out/, then measures:
cold full export (render cache emptied), warm full export, no-change export, and
`--changed-only` after editing one statement; wall time and peak memory of the process.
With --hugo (and Debian's `hugo` installed) the same corpus is written as a Hugo site
and built side by side, for the comparison the issue asks for.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import and_, delete, select  # noqa: E402

from app.core.content import TextContent  # noqa: E402
from app.core.demo.writer import write_demo  # noqa: E402
from app.core.migrate import open_database  # noqa: E402
from app.core.models import RenderedBody, Revision, Statement, StatementText, Status  # noqa: E402
from app.core.statements import save_text  # noqa: E402

OUT = ROOT / "bench" / "out"
PRESSDESK = [sys.executable, "-m", "app"]


def archive(count: int) -> Path:
    OUT.mkdir(exist_ok=True)
    path = OUT / f"archive-{count}.db"
    if not path.exists():
        print(f"building {path} …", file=sys.stderr)
        db = open_database(str(path))
        write_demo(db, count)
        db.close()
    return path


def run(args: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB (the child and its workers), and stderr's last line."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stderr[-2000:]}")
    last = (result.stderr.strip().splitlines() or [""])[-1]
    return wall, max(peak, before) / 1024, last


def edit_one(db_path: Path) -> None:
    db = open_database(str(db_path))
    with db.transaction() as s:
        sid = s.scalar(
            select(Statement.id).where(Statement.status == Status.PUBLISHED).order_by(Statement.id)
        )
        row = s.execute(
            select(Revision)
            .join(StatementText, StatementText.id == Revision.text_id)
            .where(
                and_(
                    StatementText.statement_id == sid,
                    StatementText.is_source.is_(True),
                    Revision.number == StatementText.revision_number,
                )
            )
        ).scalar_one()
        lang = s.get(StatementText, row.text_id).lang
        content = TextContent(row.title, row.lead, row.body + "\n\nEdited for the benchmark.\n")
        save_text(s, sid, lang, content, actor_id=None)
    db.close()


def hugo_site(db_path: Path, folder: Path) -> None:
    """The same published texts as a Hugo site: one Markdown file per statement per language."""
    db = open_database(str(db_path))
    content = folder / "content"
    with db.transaction() as s:
        rows = s.execute(
            select(Statement.slug, Statement.published_at, StatementText.lang, Revision)
            .join(StatementText, StatementText.statement_id == Statement.id)
            .join(
                Revision,
                and_(
                    Revision.text_id == StatementText.id,
                    Revision.number == StatementText.revision_number,
                ),
            )
            .where(Statement.status == Status.PUBLISHED)
        )
        for slug, published, lang, rev in rows:
            target = content / lang / "posts" / f"{slug}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            title = rev.title.replace('"', "'")
            target.write_text(
                f'---\ntitle: "{title}"\ndate: {published.isoformat()}\n'
                f"translationKey: {slug}\n---\n{rev.body}\n",
                encoding="utf-8",
            )
    db.close()
    (folder / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "Press"\ndefaultContentLanguage = "tg"\n'
        "defaultContentLanguageInSubdir = true\n"
        "[languages.tg]\nweight = 1\n[languages.ru]\nweight = 2\n[languages.en]\nweight = 3\n"
        "[related]\nincludeNewer = true\nthreshold = 80\ntoLower = true\n"
        '[[related.indices]]\nname = "keywords"\nweight = 100\n',
        encoding="utf-8",
    )
    layouts = folder / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "single.html").write_text(
        '<!doctype html><html lang="{{ .Lang }}"><title>{{ .Title }}</title><h1>{{ .Title }}</h1>'
        "<p>{{ .Date }}</p>{{ .Content }}<aside>{{ range first 5 (.Site.RegularPages.Related .) }}"
        '<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</aside></html>',
        encoding="utf-8",
    )
    (layouts / "list.html").write_text(
        "<!doctype html><html><ul>{{ range .Paginator.Pages }}<li>{{ .Title }}</li>{{ end }}"
        "</ul></html>",
        encoding="utf-8",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--hugo", action="store_true", help="also build the corpus with Hugo")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pressdesk-export-bench-"))
    db = work / "archive.db"
    shutil.copyfile(archive(args.count), db)
    media = archive(args.count).with_name(archive(args.count).name + ".media")
    if media.exists():
        shutil.copytree(media, work / "archive.db.media")
    base = [*PRESSDESK, "--db", str(db), "export"]
    site = work / "site"

    database = open_database(str(db))
    with database.transaction() as s:
        s.execute(delete(RenderedBody))
    database.close()
    print(f"corpus: {args.count} statements; {os.cpu_count()} cores")
    print(f"{'export':<40} {'wall s':>8} {'peak MB':>8}  result")
    wall, peak, last = run([*base, "--out", str(work / "cold")])
    print(f"{'full, render cache cold':<40} {wall:>8.2f} {peak:>8.0f}  {last}")
    wall, peak, last = run([*base, "--out", str(site)])
    print(f"{'full, render cache warm':<40} {wall:>8.2f} {peak:>8.0f}  {last}")
    wall, peak, last = run([*base, "--out", str(site)])
    print(f"{'full, nothing changed':<40} {wall:>8.2f} {peak:>8.0f}  {last}")
    wall, peak, last = run([*base, "--out", str(site), "--changed-only"])
    print(f"{'--changed-only, nothing changed':<40} {wall:>8.2f} {peak:>8.0f}  {last}")
    edit_one(db)
    wall, peak, last = run([*base, "--out", str(site), "--changed-only"])
    print(f"{'--changed-only after one edit':<40} {wall:>8.2f} {peak:>8.0f}  {last}")
    pages = sum(1 for p in site.rglob("*.html"))
    print(f"pages in the site: {pages}")
    if args.hugo:
        if shutil.which("hugo") is None:
            print("hugo is not installed (apt-get install hugo): comparison skipped")
        else:
            hugo = work / "hugo"
            hugo_site(db, hugo)
            wall, peak, _ = run(["hugo", "--source", str(hugo), "--quiet"])
            print(
                f"{'hugo ' + subprocess.getoutput('hugo version').split()[1]:<40} "
                f"{wall:>8.2f} {peak:>8.0f}"
            )
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
