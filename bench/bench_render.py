"""Benchmark of the body renderer: typical bodies, and how fast pathological ones fail.

Run: .venv/bin/python bench/bench_render.py

Target: a 600-word statement renders uncached in a median under 3 ms; every pathological
body fails with RenderError within a few seconds (the default timeout is 3 s).
"""

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.core.render.bounded import RenderError, render_body_bounded
from app.core.render.markdown import render_body

TARGET_600_WORDS_MEDIAN_MS = 3.0

_WORDS = [
    "министр",
    "вазорат",
    "ҳукумат",
    "ҷумҳурии",
    "тоҷикистон",
    "ҳамкорӣ",
    "рушд",
    "барнома",
    "лоиҳа",
    "сохтмон",
    "маориф",
    "тандурустӣ",
    "иқтисод",
    "сармоягузорӣ",
    "мулоқот",
    "ҳайат",
    "музокирот",
    "created",
    "development",
    "partners",
    "agreement",
    "meeting",
    "regional",
    "water",
    "energy",
]


def statement(words: int, seed: int = 1) -> str:
    """A press-statement-like Markdown body of about *words* words."""
    rng = random.Random(seed)
    blocks: list[str] = []
    written = 0

    def sentence() -> str:
        chosen = rng.choices(_WORDS, k=rng.randint(8, 16))
        if rng.random() < 0.3:
            chosen[2] = f'"{chosen[2]} {chosen[3]}"'
        if rng.random() < 0.2:
            chosen[5] = f"[{chosen[5]}](https://example.org/{chosen[5]})"
        if rng.random() < 0.2:
            chosen[1] = f"**{chosen[1]}**"
        if rng.random() < 0.2:
            chosen[6] = "-"
        return " ".join(chosen).capitalize() + "."

    while written < words:
        kind = rng.random()
        if kind < 0.08:
            block = "## " + " ".join(rng.choices(_WORDS, k=5))
        elif kind < 0.2:
            block = "\n".join("- " + sentence() for _ in range(rng.randint(2, 4)))
        elif kind < 0.28:
            block = "> " + sentence() + " " + sentence()
        else:
            block = " ".join(sentence() for _ in range(rng.randint(2, 4)))
        blocks.append(block)
        written += len(block.split())
    return "\n\n".join(blocks)


def timings(body: str, runs: int) -> tuple[float, float, float]:
    """Median, 95th percentile and fastest render time of *body* in milliseconds."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        render_body(body, "tg")
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1], samples[0]


PATHOLOGICAL = {
    '"[" * 20000': "[" * 20000,
    '"![" * 10000': "![" * 10000,
    '"- " * 500': "- " * 500 + "x",
    '">" * 1000': ">" * 1000 + "x",
    '"<![CDATA[" * 5000': "<![CDATA[" * 5000,
    '"[](" * 10000': "[](" * 10000,
}


def main() -> int:
    render_body(statement(50), "tg")  # builds the Markdown instance once, as a running app has
    print("body render (render_body, in-process, no cache)")
    medians = {}
    for words, runs in ((600, 400), (5000, 60)):
        median, p95, fastest = timings(statement(words), runs)
        medians[words] = median
        print(
            f"  {words:>5} words: median {median:6.2f} ms   p95 {p95:6.2f} ms"
            f"   fastest {fastest:6.2f} ms   ({runs} runs)"
        )

    print("pathological bodies (render_body_bounded, timeout 3 s)")
    start = time.perf_counter()
    render_body_bounded("[x](y) " * 400, "en")
    print(f"  worker start-up and first isolated render: {time.perf_counter() - start:.2f} s")
    for name, body in PATHOLOGICAL.items():
        start = time.perf_counter()
        try:
            render_body_bounded(body, "en")
            outcome = "rendered"
        except RenderError as error:
            outcome = "RenderError: " + error.reason[:60]
        print(f"  {name:<20} {time.perf_counter() - start:5.2f} s  {outcome}")

    met = medians[600] < TARGET_600_WORDS_MEDIAN_MS
    verdict = "met" if met else "MISSED"
    print(f"target: 600-word median < {TARGET_600_WORDS_MEDIAN_MS} ms: {verdict}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
