"""Benchmark of related articles: term extraction, the export's finder and the preview lookup.

Usage: .venv/bin/python bench/bench_related.py [N]   (N statements, default 10,000)

Builds a temporary SQLite database of N statements (every one in ru, some also in tg and
en) from a generated vocabulary of topic words and Zipf-distributed common words, inserted
with SQLAlchemy Core, then times:
- ``distinctive_terms`` on 600-word bodies (target: under 0.3 ms each);
- ``RelatedFinder.for_language`` plus ``related()`` for every statement of each language,
  as the export does (target: the three languages of 10,000 statements in under 1.5 s,
  loading included);
- ``related_for`` for single statements, once the language is cached (target: median
  under 20 ms);
and checks on a sample that both loaders agree and equal the ranking computed plainly,
every candidate scored (the finder prunes). It also prints how the stem lengths in
``app.core.related.terms`` merge inflected forms and keep distinct words apart.
"""

from __future__ import annotations

import itertools
import math
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import insert, select

from app.core.migrate import open_database
from app.core.models import (
    RelatedStatement,
    Statement,
    StatementTag,
    StatementText,
    Status,
    Tag,
    TextTerm,
)
from app.core.related import RelatedFinder, distinctive_terms, related_for
from app.core.related import terms as term_module
from app.core.related.index import LanguageIndex, load_index
from app.core.related.scoring import TAG_UNITS, UNITS, common_limit, shared_tags

BASE = datetime(2020, 1, 1, tzinfo=UTC)
LANGS = {"ru": 1.0, "tg": 0.6, "en": 0.5}
TOPICS = 120
TOPIC_WORDS = 25
COMMON_WORDS = 4000
TAGS = 40
# A press text keeps coming back to a few words of its subject; the rest of its words follow
# Zipf's law, without the most frequent ranks (short words and stop words, never terms).
TOPIC_SHARE = 0.3
TOPIC_WEIGHTS = [1 / (rank + 1) for rank in range(TOPIC_WORDS + 5)]
SKIPPED_RANKS = 30
ALPHABETS = {"ru": "абвгдежзиклмнопрстуфхчшэюя", "tg": "абвгғдеиӣкқлмнопрстуӯфхҳчҷшъэюя"}
ALPHABETS["en"] = "abcdefghijklmnoprstuvwyz"

# Inflected forms that a stem should merge, and words it should keep apart.
MERGE = {
    "ru": "Рогун Рогуна Рогунской|президент президента президентом|визит визита визитом|"
    "сотрудничество сотрудничества|делегация делегации делегацией|школа школы школе",
    "tg": "Роғун Роғунро Роғуни|Тоҷикистон Тоҷикистонро|ҳамкорӣ ҳамкориҳо|вазорат вазоратҳо",
    "en": "visit visits visited|president presidents presidential|economy economic|"
    "minister ministers|investment investments|school schools",
}
APART = {
    "ru": "правительство правда правило президент престиж пресса программа прогресс проект "
    "министр минута государство господин граница грант сотрудник совет строительство стратегия",
    "tg": "ҳамкорӣ ҳамкасб ҳамсоя вазорат вазъият вазифа сохтмон сохтор сармоя сарҳад",
    "en": "international internal internet interest interview president preserve pressure "
    "construction constitution contract control development government governor minister",
}


def _word(rng: random.Random, alphabet: str) -> str:
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(5, 11)))


def _vocabulary(rng: random.Random, lang: str) -> tuple[list[list[str]], list[str]]:
    alphabet = ALPHABETS[lang]
    topics = [[_word(rng, alphabet) for _ in range(TOPIC_WORDS)] for _ in range(TOPICS)]
    return topics, [_word(rng, alphabet) for _ in range(COMMON_WORDS)]


def _text(rng, topic_words, common, weights, words: int) -> str:
    topical = rng.choices(topic_words, TOPIC_WEIGHTS[: len(topic_words)], k=words)
    chosen = [
        topical[i] if rng.random() < TOPIC_SHARE else word
        for i, word in enumerate(rng.choices(common, weights, k=words))
    ]
    for i in range(0, len(chosen), 11):
        chosen[i] = chosen[i].capitalize() + "."
    return " ".join(chosen)


def build(path: Path, count: int) -> None:
    rng = random.Random(1)
    vocab = {lang: _vocabulary(rng, lang) for lang in LANGS}
    weights = [1 / (rank + 1 + SKIPPED_RANKS) for rank in range(COMMON_WORDS)]
    db = open_database(str(path), create=True)
    statements, texts, terms, tags, pins = [], [], [], [], []
    started = time.perf_counter()
    for sid in range(1, count + 1):
        topic = rng.randrange(TOPICS)
        status = rng.choices(
            [Status.PUBLISHED, Status.SCHEDULED, Status.DRAFT, Status.WITHDRAWN], [85, 5, 8, 2]
        )[0]
        date = BASE + timedelta(hours=rng.randrange(24 * 365 * 5))
        statements.append(
            {
                "id": sid,
                "slug": f"statement-{sid}",
                "source_lang": "ru",
                "status": status,
                "created_at": date,
                "updated_at": date,
                "published_at": date if status == Status.PUBLISHED else None,
                "scheduled_at": date if status == Status.SCHEDULED else None,
            }
        )
        for lang, share in LANGS.items():
            if rng.random() >= share:
                continue
            text_id = len(texts) + 1
            texts.append(
                {"id": text_id, "statement_id": sid, "lang": lang, "is_source": lang == "ru"}
            )
            topics, common = vocab[lang]
            words = topics[topic] + topics[(topic + 1) % TOPICS][:5]
            rng.shuffle(words)
            title = _text(rng, words, common, weights, 8)
            lead = _text(rng, words, common, weights, 25)
            body = _text(rng, words, common, weights, 200)
            found = distinctive_terms(title, lead, body, lang)
            terms.extend({"text_id": text_id, "term": t, "weight": w} for t, w in found.items())
        for tag in {topic % TAGS, rng.randrange(TAGS)}:
            tags.append({"statement_id": sid, "tag_id": tag + 1})
        if rng.random() < 0.05:
            for position, other in enumerate(rng.sample(range(1, count + 1), 2)):
                if other != sid:
                    pins.append({"statement_id": sid, "related_id": other, "position": position})
    generated = time.perf_counter() - started
    with db.transaction() as s:
        s.execute(insert(Tag.__table__), [{"id": i + 1, "name": f"tag {i}"} for i in range(TAGS)])
        for table, rows in (
            (Statement.__table__, statements),
            (StatementText.__table__, texts),
            (TextTerm.__table__, terms),
            (StatementTag.__table__, tags),
            (RelatedStatement.__table__, pins),
        ):
            for start in range(0, len(rows), 5000):
                s.execute(insert(table), rows[start : start + 5000])
    db.close()
    print(
        f"built {count} statements, {len(texts)} texts, {len(terms)} terms "
        f"(generation and terms {generated:.1f} s, total {time.perf_counter() - started:.1f} s)"
    )


def bench_terms() -> None:
    rng = random.Random(2)
    topics, common = _vocabulary(rng, "ru")
    weights = [1 / (rank + 1 + SKIPPED_RANKS) for rank in range(COMMON_WORDS)]
    bodies = [_text(rng, topics[i % TOPICS], common, weights, 600) for i in range(300)]
    timings = []
    for body in bodies:
        started = time.perf_counter()
        distinctive_terms("Заголовок новости", "Краткое содержание новости", body, "ru")
        timings.append(time.perf_counter() - started)
    print(
        f"distinctive_terms, 600-word body: median {statistics.median(timings) * 1e3:.3f} ms, "
        f"p95 {sorted(timings)[int(len(timings) * 0.95)] * 1e3:.3f} ms (target < 0.3 ms)"
    )


def bench_stems() -> None:
    chosen = (term_module.CYRILLIC_STEM, term_module.OTHER_STEM)
    for cyrillic, other in ((4, 5), (5, 5), (5, 6), (6, 6), (7, 7)):
        term_module.CYRILLIC_STEM, term_module.OTHER_STEM = cyrillic, other
        cells = []
        for lang in MERGE:
            groups = MERGE[lang].split("|")
            merged = sum(
                len({term_module.stem(w.casefold())[1] for w in g.split()}) == 1 for g in groups
            )
            stems = [term_module.stem(w)[1] for w in APART[lang].split()]
            clashes = sum(a == b for a, b in itertools.combinations(stems, 2))
            cells.append(f"{lang} merged {merged}/{len(groups)}, {clashes} clashes")
        mark = " (chosen)" if (cyrillic, other) == chosen else ""
        print(f"stems Cyrillic {cyrillic}, other {other}: " + "; ".join(cells) + mark)
    term_module.CYRILLIC_STEM, term_module.OTHER_STEM = chosen


def _plainly_related(
    index: LanguageIndex, at: datetime, statement_id: int, pins: list[int], limit: int
) -> list[int]:
    """The definition computed densely, every candidate scored: checks the pruning."""
    row = index.row_of[statement_id]
    others = index.eligible(at)
    others[row] = False
    count = int(others.sum())
    pinned = [index.row_of[p] for p in pins if p in index.row_of and others[index.row_of[p]]]
    pinned = pinned[:limit]
    span = slice(index.terms.indptr[row], index.terms.indptr[row + 1])
    scores = np.zeros(len(others), dtype=np.int64)
    columns = index.terms.tocsc()
    for column, weight in zip(index.terms.indices[span], index.terms.data[span], strict=True):
        having = columns.indices[columns.indptr[column] : columns.indptr[column + 1]]
        own = columns.data[columns.indptr[column] : columns.indptr[column + 1]]
        df = int(others[having].sum())
        if 0 < df <= common_limit(count):
            q = round(weight * (math.log((count + 1) / df) / math.log(count + 1)) * UNITS)
            scores[having] += q * np.rint(own * UNITS).astype(np.int64)
    scores += TAG_UNITS * shared_tags(index.tag_bits[[row]], index.tag_bits)
    scores[~others] = 0
    scores[pinned] = 0
    ranked = sorted(np.flatnonzero(scores > 0), key=lambda r: (scores[r], r), reverse=True)
    return [int(index.ids[r]) for r in pinned + ranked[: limit - len(pinned)]]


def bench_related(path: Path) -> None:
    """Wall-clock and CPU times: on a busy machine the CPU time is the steadier figure."""
    db = open_database(str(path))
    at = BASE + timedelta(days=365 * 5)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    answers: dict[str, dict[int, list[int]]] = {}
    total, total_cpu = time.perf_counter(), time.process_time()
    with db.transaction() as s:
        for lang in LANGS:
            ids = sorted(
                s.scalars(select(StatementText.statement_id).where(StatementText.lang == lang))
            )
            started, started_cpu = time.perf_counter(), time.process_time()
            finder = RelatedFinder.for_language(s, lang, at)
            loaded, loaded_cpu = time.perf_counter(), time.process_time()
            answers[lang] = {sid: finder.related(sid, 5) for sid in ids}
            done, done_cpu = time.perf_counter(), time.process_time()
            print(
                f"RelatedFinder.for_language({lang!r}): load {loaded - started:.3f} s "
                f"(CPU {loaded_cpu - started_cpu:.3f} s); related() for {len(ids)} statements "
                f"{done - loaded:.3f} s (CPU {done_cpu - loaded_cpu:.3f} s, "
                f"{(done_cpu - loaded_cpu) / len(ids) * 1e6:.0f} µs each)"
            )
    print(
        f"all {len(LANGS)} languages, loading included: {time.perf_counter() - total:.2f} s "
        f"(CPU {time.process_time() - total_cpu:.2f} s; target < 1.5 s)"
    )

    lang = "ru"
    ids = sorted(answers[lang])
    sample = random.Random(3).sample(ids, min(200, len(ids)))
    with db.transaction() as s:
        index = load_index(s.connection(), lang)
        pins: dict[int, list[int]] = {}
        for statement_id, related_id in s.execute(
            select(RelatedStatement.statement_id, RelatedStatement.related_id).order_by(
                RelatedStatement.statement_id, RelatedStatement.position
            )
        ):
            pins.setdefault(statement_id, []).append(related_id)
    for sid in sample:
        plain = _plainly_related(index, at, sid, pins.get(sid, []), 5)
        if plain != answers[lang][sid]:
            raise SystemExit(f"pruned ranking differs for {sid}: {answers[lang][sid]} != {plain}")

    wall, cpu = [], []
    for number, sid in enumerate(sample):
        with db.transaction() as s:
            started, started_cpu = time.perf_counter(), time.process_time()
            result = related_for(s, sid, lang, at, 5)
            elapsed = time.perf_counter() - started
            if number == 0:
                print(f"related_for, first call (loads the language): {elapsed * 1e3:.0f} ms")
                continue
            wall.append(elapsed)
            cpu.append(time.process_time() - started_cpu)
        if result != answers[lang][sid]:
            raise SystemExit(f"loaders disagree for {sid}: {result} != {answers[lang][sid]}")
    wall.sort()
    print(
        f"related_for, {len(wall)} statements: median {statistics.median(wall) * 1e3:.1f} ms "
        f"(CPU {statistics.median(cpu) * 1e3:.1f} ms), p95 {wall[int(len(wall) * 0.95)] * 1e3:.1f}"
        f" ms, max {wall[-1] * 1e3:.1f} ms (target: median < 20 ms); answers equal the finder's"
        f" and, for {len(sample)} statements, the plain definition's"
    )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    db.close()


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    bench_stems()
    bench_terms()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "related.db"
        build(path, count)
        bench_related(path)


if __name__ == "__main__":
    main()
