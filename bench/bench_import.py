"""Import benchmarks (issue 9): an archive of Markdown files and one long Word draft.

    .venv/bin/python bench/bench_import.py [--count 10000] [--pages 50] [--db URL]

Writes --count demo statements (app.core.demo's corpus) in tg, ru and en as Hugo files
(``<n>.md``, ``<n>.ru.md``, ``<n>.en.md``, each with its date, tags and lead) under
bench/out/import-<count>/, then times, on a fresh database (SQLite in bench/out unless
--db names an empty one): the first import, a second import of the unchanged files, and
the import of one Word document of --pages pages (about 500 words a page, with headings,
lists, bold and italic text and an image every ten pages) made with python-docx.
Prints wall time and the process's peak memory for each.
"""

from __future__ import annotations

import argparse
import io
import resource
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.core.demo.corpus import generate  # noqa: E402
from app.core.importing.importer import import_paths  # noqa: E402
from app.core.migrate import open_database  # noqa: E402

OUT = ROOT / "bench" / "out"
LANGS = ("tg", "ru", "en")


def write_archive(count: int) -> Path:
    folder = OUT / f"import-{count}"
    if (folder / "done").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    print(f"writing {count} × 3 files into {folder} …", file=sys.stderr)
    for statement in generate(count):
        day = statement.created_at
        sub = folder / f"{day:%Y}" / f"{day:%m}"
        sub.mkdir(parents=True, exist_ok=True)
        for lang in LANGS:
            text = statement.texts.get(lang) or statement.texts[statement.source_lang]
            name = f"{statement.index}.md" if lang == "tg" else f"{statement.index}.{lang}.md"
            tags = ", ".join(f'"{t}"' for t in statement.tags)
            lead = text.lead.replace('"', "'")
            title = text.title.replace('"', "'")
            (sub / name).write_text(
                f'---\ntitle: "{title}"\ndate: {day.isoformat()}\ntags: [{tags}]\n'
                f'summary: "{lead}"\n---\n{text.body_markdown}\n',
                encoding="utf-8",
            )
    (folder / "done").touch()
    return folder


def write_word(pages: int) -> Path:
    import docx
    from docx.shared import Inches
    from PIL import Image

    path = OUT / f"draft-{pages}-pages.docx"
    if path.exists():
        return path
    words = [
        text.body_markdown for text in (s.texts["ru"] for s in generate(200) if "ru" in s.texts)
    ]
    prose = " ".join(" ".join(words).replace("#", "").replace("*", "").split())
    document = docx.Document()
    document.add_heading("Годовой доклад пресс-службы", 1)
    position = 0
    for page in range(pages):
        document.add_heading(f"Раздел {page + 1}", 2)
        for _ in range(4):
            chunk = prose[position : position + 620] or prose[:620]
            position = (position + 620) % max(1, len(prose) - 620)
            paragraph = document.add_paragraph(chunk[:300])
            paragraph.add_run(chunk[300:360]).bold = True
            paragraph.add_run(chunk[360:]).italic = True
        document.add_paragraph("первый пункт списка", style="List Bullet")
        document.add_paragraph("второй пункт списка", style="List Bullet")
        if page % 10 == 0:
            image = io.BytesIO()
            Image.new("RGB", (800, 500), (20 * (page % 12), 90, 140)).save(image, "PNG")
            image.seek(0)
            document.add_picture(image, width=Inches(5))
    document.save(path)
    return path


def measure(label: str, work) -> object:
    started = time.perf_counter()
    result = work()
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{label}: {elapsed:.1f} s (peak memory so far {peak:.0f} MB)")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--db", help="an empty database to import into (default: SQLite)")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    folder = write_archive(args.count)
    word = write_word(args.pages)
    target = args.db or str(OUT / f"import-{args.count}.db")
    if not args.db:
        for leftover in OUT.glob(f"import-{args.count}.db*"):
            shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
    db = open_database(target, create=True)
    try:
        first = measure(
            f"first import of {args.count} statements × 3 languages",
            lambda: import_paths(db, [folder]),
        )
        print(f"  {first.created} new, {len(first.errors)} files failed")
        again = measure("second import, files unchanged", lambda: import_paths(db, [folder]))
        print(f"  {again.unchanged} unchanged, {again.updated} updated")
        draft = measure(f"one Word draft of {args.pages} pages", lambda: import_paths(db, [word]))
        print(f"  {draft.created} new, errors: {draft.errors}")
    finally:
        db.close()


if __name__ == "__main__":
    main()
