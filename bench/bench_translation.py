"""Benchmark of the translation desk's core: TMX import, memory lookups, glossary check.

Usage: .venv/bin/python bench/bench_translation.py [UNITS]   (default 100,000)

Builds parallel Tajik–Russian segments from the demo corpus (sentences of its statements,
recombined into UNITS distinct paragraphs), writes them as one TMX file and times:
- importing it into a new SQLite database (target: 100,000 units in under 30 s);
- ``memory.lookup`` for a segment against that memory, for segments with one word changed
  and for segments absent from it (target: median under 50 ms);
- the glossary matcher on a 1,500-word text with 2,000 terms, in Russian and Tajik
  (target: under 20 ms).
"""

from __future__ import annotations

import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.core.demo.corpus import generate
from app.core.migrate import open_database
from app.core.translation import memory
from app.core.translation.exchange import import_tmx
from app.core.translation.glossary import Glossary, Term
from app.core.translation.segments import body_segments
from app.core.translation.tmx import OutUnit, Variant, write_tmx

_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def sentence_pairs(statements: int) -> list[tuple[str, str]]:
    pairs = []
    for statement in generate(statements, seed=7):
        if "tg" not in statement.texts or "ru" not in statement.texts:
            continue
        tg = body_segments(statement.texts["tg"].body_markdown)
        ru = body_segments(statement.texts["ru"].body_markdown)
        if len(tg) != len(ru):
            continue
        for a, b in zip(tg, ru, strict=True):
            left, right = _SENTENCE.split(a.key), _SENTENCE.split(b.key)
            if len(left) == len(right):
                pairs.extend(zip(left, right, strict=True))
    return sorted(set(pairs))


def units(pairs: list[tuple[str, str]], count: int, rnd: random.Random) -> list[tuple[str, str]]:
    made: set[tuple[str, str]] = set()
    while len(made) < count:
        chosen = rnd.sample(pairs, rnd.choice((1, 2, 2, 3)))
        made.add((" ".join(p[0] for p in chosen), " ".join(p[1] for p in chosen)))
    return sorted(made)


def timed(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rnd = random.Random(11)
    print("building segments from the demo corpus …", flush=True)
    pairs = sentence_pairs(3000)
    made = units(pairs, count, rnd)
    with tempfile.TemporaryDirectory() as folder:
        tmx = Path(folder) / "memory.tmx"
        write_tmx(
            tmx,
            (OutUnit((Variant("tg", s), Variant("ru", t))) for s, t in made),
            srclang="tg",
            tool_version="bench",
        )
        size = tmx.stat().st_size / 1e6
        db = open_database(str(Path(folder) / "bench.db"), create=True)
        start = time.perf_counter()
        with db.transaction() as session:
            report = import_tmx(session, tmx, languages=("tg", "ru", "en"))
        seconds = time.perf_counter() - start
        print(
            f"TMX import: {report.imported:,} units ({size:.0f} MB) in {seconds:.1f} s "
            f"(target < 30 s)"
        )

        def lookup(text: str) -> list[memory.Match]:
            with db.transaction() as session:
                return memory.lookup(session, "tg", "ru", text)

        near, absent, found = [], [], 0
        for source, _target in rnd.sample(made, 200):
            words = source.split()
            words[rnd.randrange(len(words))] = "Хуҷанд"
            near.append(timed(lookup, " ".join(words)))
            found += bool(lookup(" ".join(words)))
        for _ in range(100):
            a, b = rnd.sample(pairs, 2)
            absent.append(timed(lookup, f"{a[0]} Ин ҷумла нав аст. {b[0][::-1]}"))
        print(
            f"TM lookup, one word changed: median {statistics.median(near):.1f} ms, "
            f"p95 {sorted(near)[189]:.1f} ms, a match for {found}/200 (target: median < 50 ms)"
        )
        print(f"TM lookup, new segment: median {statistics.median(absent):.1f} ms")
        db.close()

    words_tg = sorted({w for s, _ in pairs for w in re.findall(r"\w{4,}", s)})
    words_ru = sorted({w for _, t in pairs for w in re.findall(r"\w{4,}", t)})
    terms = []
    for n in range(2000):
        size = rnd.choice((1, 2, 2, 3, 4))
        terms.append(Term(f"c{n}", "tg", " ".join(rnd.sample(words_tg, size))))
        terms.append(Term(f"c{n}", "ru", " ".join(rnd.sample(words_ru, size))))
    glossary = Glossary(terms)
    for lang, side in (("ru", 1), ("tg", 0)):
        text_words: list[str] = []
        while len(text_words) < 1500:
            text_words.extend(rnd.choice(pairs)[side].split())
        text = " ".join(text_words[:1500])
        glossary.find(lang, text)  # builds the matcher once, as the desk does
        times = [timed(glossary.find, lang, text) for _ in range(30)]
        print(
            f"glossary check, 1,500 {lang} words x 2,000 terms: median "
            f"{statistics.median(times):.1f} ms, {len(glossary.find(lang, text))} found "
            "(target < 20 ms)"
        )


if __name__ == "__main__":
    main()
