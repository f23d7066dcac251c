"""Deterministic generator of a realistic trilingual (tg/ru/en) archive of press statements.

``generate(count, seed)`` yields ``DemoStatement`` objects for ``pressdesk demo`` and the
benchmarks: the same seed always gives the same archive, byte for byte. Texts are assembled from
the parallel sentence templates of ``words_tg``/``words_ru``/``words_en``: every choice (which
sentences, lists, quotes, slot values) is made once per statement and applied to all three
languages, so the translations are paragraph-for-paragraph parallel.

Realism of the archive as a whole:

* ``created_at`` runs from 2019 to just before ``REFERENCE_DATE`` in office hours (Dushanbe
  time) and never decreases with the index, so the newest statements come last; the date in a
  text is its ``created_at`` day, and a congratulation is dated on its holiday;
* the oldest ~97 % are ``published`` (a few ``withdrawn``, a few abandoned ``draft``); the newest
  ~3 % (at least 12) are work in progress: ``draft``, ``in_review``, ``approved`` and
  ``scheduled`` (``scheduled_at`` one to three weeks after ``REFERENCE_DATE``, else ``None``).
  Every status occurs once ``count >= 14``;
* only drafts and statements in review have ``missing_langs`` or ``stale_langs``; approved,
  scheduled, published and withdrawn statements have all three languages current, so the archive
  is consistent with an office that requires all three;
* the source language is Tajik for ~80 %, Russian otherwise; ~60 % have an image
  (``image_index`` for ``images.demo_image``) and only those have an image caption; ``lead`` is
  empty for some; bodies are 100–1,500 words in every language, most 200–600;
* ``slug_hint`` is the English title in ASCII slug form; it repeats across statements, so the
  DB writer still has to make slugs unique.

Stale translations: for a stale language ``L``, ``texts[L]`` is the translation of
``stale_source`` — the earlier revision of the source text, which lacks one paragraph that the
current ``texts[source_lang]`` has. A DB writer saves ``stale_source`` as the first source
revision, the stale translations against it, then the current source as the next revision; the
translation desk then shows exactly one added source paragraph.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from operator import itemgetter
from typing import TypeVar

from app.core.demo import wordbank
from app.core.demo.images import IMAGE_COUNT
from app.core.demo.wordbank import LANGS, Block, Topic

STATUSES = ("draft", "in_review", "approved", "scheduled", "published", "withdrawn")
REFERENCE_DATE = datetime(2026, 11, 29, tzinfo=UTC)
# Asia/Dushanbe has been UTC+5 without daylight saving since 1991; a fixed offset keeps the
# generator independent of the tz database.
OFFICE_UTC_OFFSET = timedelta(hours=5)

# topic: (weight as a main topic, tags (the first is always used), sites linked at the end)
_TOPICS: dict[str, tuple[int, tuple[str, ...], tuple[str, ...]]] = {
    "meeting": (14, ("diplomacy", "meetings", "foreign-policy", "trade"), ("mfa", "khovar")),
    "state_visit": (7, ("visits", "diplomacy", "foreign-policy", "investment"), ("mfa",)),
    "regional_trip": (10, ("regions", "visits", "infrastructure", "transport"), ("khovar",)),
    "decree": (8, ("decrees", "appointments"), ("khovar",)),
    "congratulation": (6, ("congratulations", "holidays"), ("khovar",)),
    "phone_call": (9, ("telephone-talks", "diplomacy", "security"), ("mfa",)),
    "economy": (8, ("economy", "investment", "industry", "digital", "trade"), ("economy", "stat")),
    "energy": (7, ("energy", "hydropower", "rogun"), ("energy",)),
    "water": (5, ("water", "climate", "diplomacy"), ("water", "energy")),
    "education": (7, ("education", "science", "youth", "sport"), ("education",)),
    "culture": (6, ("culture", "heritage"), ("culture",)),
    "health": (5, ("health", "social"), ("health",)),
    "agriculture": (5, ("agriculture", "trade"), ("agriculture",)),
    "general": (0, (), ("khovar",)),
}
TAGS: tuple[str, ...] = tuple(
    sorted({tag for _, tags, _ in _TOPICS.values() for tag in tags} | {"navruz"})
)
# Topics whose sentences are general enough to make extra sections of any long statement.
_THEMATIC = (
    "economy",
    "energy",
    "water",
    "education",
    "culture",
    "health",
    "agriculture",
    "general",
)
# Where an opening paragraph fits only some titles: topic -> per intro (titles allowed, lead fits).
_VARIANTS: dict[str, tuple[tuple[tuple[int, ...], bool], ...]] = {
    "energy": (((0, 1), True), ((2,), False)),
    "education": (((0, 2), True), ((1, 2), False)),
    "culture": (((0, 1), True), ((1, 2), False)),
    "health": (((0,), True), ((1,), False)),
    "agriculture": (((0, 1), True), ((0,), False)),
}
_MAIN_KEYS = tuple(key for key, (weight, _, _) in _TOPICS.items() if weight)
_TAIL_KEYS = tuple(key for key in _MAIN_KEYS if key != "congratulation")
_MAIN_CUM = [sum(_TOPICS[k][0] for k in _MAIN_KEYS[: i + 1]) for i in range(len(_MAIN_KEYS))]
_TAIL_CUM = [sum(_TOPICS[k][0] for k in _TAIL_KEYS[: i + 1]) for i in range(len(_TAIL_KEYS))]

_START_LOCAL = datetime(2019, 1, 1)
_TAIL_DAYS = 21
_TAIL_START_LOCAL = datetime(2026, 11, 29) - timedelta(days=_TAIL_DAYS)
_MAIN_DAYS = (_TAIL_START_LOCAL - _START_LOCAL).days
_OFFICE_OPENS = 8 * 3600
_OFFICE_HOURS = 11 * 3600
_TAIL_STATUSES = ("draft", "in_review", "approved", "scheduled")
_TAIL_CUM_WEIGHTS = (35, 65, 75, 100)
_MIN_WORDS = 110
# Stop adding sections here: a last paragraph, list, quotation and link then still fit in 1,500.
_CEILING_WORDS = 1380


@dataclass(frozen=True, slots=True)
class DemoText:
    """One language of a demo statement; ``lead`` and ``image_caption`` may be empty."""

    lang: str
    title: str
    lead: str
    body_markdown: str
    image_caption: str


@dataclass(frozen=True, slots=True)
class DemoStatement:
    """A generated statement; the module docstring says what the fields promise."""

    index: int
    slug_hint: str
    source_lang: str
    texts: dict[str, DemoText]
    tags: tuple[str, ...]
    created_at: datetime
    status: str
    scheduled_at: datetime | None
    missing_langs: tuple[str, ...]
    stale_langs: tuple[str, ...]
    image_index: int | None
    stale_source: DemoText | None


# The generator draws every choice from ``random.Random(seed).random``: one bound method call
# and an int() are much cheaper than randrange/choice/sample, which matters at 100,000 statements.
Rnd = Callable[[], float]
T = TypeVar("T")


def _pick(rnd: Rnd, sequence: Sequence[T]) -> T:
    return sequence[int(rnd() * len(sequence))]


def _group(number: int, separator: str) -> str:
    text = f"{number:,}"
    return text if separator == "," else text.replace(",", separator)


def _contexts(rnd: Rnd, local_day: datetime, holiday: int) -> list[dict[str, str]]:
    """Choose every slot value of one statement and render it in each language."""
    vocab0 = wordbank.VOCABULARIES[0]
    country = int(rnd() * len(vocab0.countries))
    role = int(rnd() * len(vocab0.roles))
    official = int(rnd() * len(vocab0.officials))
    official2 = (official + 1 + int(rnd() * (len(vocab0.officials) - 1))) % len(vocab0.officials)
    position = int(rnd() * len(vocab0.positions))
    position2 = (position + 1 + int(rnd() * (len(vocab0.positions) - 1))) % len(vocab0.positions)
    city = int(rnd() * len(vocab0.cities))
    unit = int(rnd() * len(vocab0.ordinals))
    pct = (4 + int(rnd() * 6), 1 + int(rnd() * 9))
    pct2 = (6 + int(rnd() * 19), 1 + int(rnd() * 9))
    # Counted quantities end in zero: Russian agreement («40 школ», «1 250 рабочих мест») and
    # English plurals are then the same for every value.
    money = 10 * (5 + int(rnd() * 95))
    trade = 10 * (10 + int(rnd() * 240))
    jobs = 10 * (20 + int(rnd() * 280))
    students = 20 * (16 + int(rnd() * 64))
    beds = 10 * (5 + int(rnd() * 35))
    count = 10 * (1 + int(rnd() * 9))
    km = 10 * (1 + int(rnd() * 12))
    mw = 10 * (10 + int(rnd() * 60))
    hectares = 10 * (20 + int(rnd() * 480))
    tons = 10 * (10 + int(rnd() * 80))
    contexts = []
    for lang, bank, vocab in zip(LANGS, wordbank.BANKS, wordbank.VOCABULARIES, strict=True):
        separator = bank.THOUSANDS
        units = bank.UNITS
        ctx = {
            "lang": lang,
            "date": bank.DATE.format(
                day=local_day.day, month=bank.MONTHS[local_day.month - 1], year=local_day.year
            ),
            "pct": f"{pct[0]}{bank.DECIMAL}{pct[1]}",
            "pct2": f"{pct2[0]}{bank.DECIMAL}{pct2[1]}",
            "money": units["money"].format(money),
            "trade": units["money"].format(_group(trade, separator)),
            "jobs": units["jobs"].format(_group(jobs, separator)),
            "students": units["students"].format(_group(students, separator)),
            "beds": units["beds"].format(beds),
            "count": str(count),
            "km": str(km),
            "mw": str(mw),
            "ha": _group(hectares, separator),
            "tons": str(tons),
            **vocab.countries[country],
            **vocab.roles[role],
            **vocab.officials[official],
            **vocab.officials2[official2],
            **vocab.positions[position][position2],
            **vocab.cities[city],
            **vocab.holidays[holiday],
            **vocab.ordinals[unit],
        }
        contexts.append(ctx)
    return contexts


class _Body:
    """The blocks of one body, kept as one list of Markdown blocks per language."""

    __slots__ = ("paragraphs", "parts", "topics", "words")

    def __init__(self) -> None:
        self.parts: tuple[list[str], list[str], list[str]] = ([], [], [])
        self.words = [0, 0, 0]
        self.paragraphs: list[int] = []
        self.topics: list[str] = []

    def add(self, block: Block) -> None:
        parts, words = self.parts, self.words
        text, counts = block.text, block.words
        parts[0].append(text[0])
        parts[1].append(text[1])
        parts[2].append(text[2])
        words[0] += counts[0]
        words[1] += counts[1]
        words[2] += counts[2]

    def paragraph(self, block: Block) -> None:
        self.paragraphs.append(len(self.parts[0]))
        self.add(block)

    def done(self, target: int) -> bool:
        """Whether the average length reached ``target`` or the longest language the ceiling."""
        words = self.words
        return words[0] + words[1] + words[2] >= 3 * target or max(words) >= _CEILING_WORDS


def _body_target(rnd: Rnd) -> int:
    """Words to aim for (average of the three languages): mostly 200–600, some short or long."""
    r = rnd()
    if r < 0.10:
        return 150 + int(rnd() * 50)
    if r < 0.85:
        return 200 + int(rnd() * 400)
    if r < 0.97:
        return 600 + int(rnd() * 400)
    return 1000 + int(rnd() * 250)


def _build_body(rnd: Rnd, main: Topic, intro: Block, documents: bool) -> _Body:
    """Opening, then sections (## heading, paragraphs, maybe a list and a quotation), then a link.

    The main topic supplies the first sections; longer statements go on with sections from
    other thematic topics, as a long report or a working trip covers several fields.
    """
    body = _Body()
    target = _body_target(rnd)
    body.add(intro)
    layout = _pick(rnd, main.layouts)
    body.paragraph(layout[0])
    others = [key for key in _THEMATIC if key != main.key]
    shuffled = []
    while others:
        shuffled.append(wordbank.TOPICS[others.pop(int(rnd() * len(others)))])
    # A second pass over the other topics gives the longest reports room for a second section.
    order = [main] * len(main.headings) + shuffled + shuffled
    general_quotes = list(wordbank.TOPICS["general"].quotes)
    next_paragraph = {main.key: 1}
    layouts = {main.key: layout}
    headings_used: dict[str, int] = {}
    heading_offsets: dict[str, int] = {}
    quoted = False
    for topic in order:
        if body.done(target):
            break
        key = topic.key
        layout = layouts.get(key)
        if layout is None:
            layout = layouts[key] = _pick(rnd, topic.layouts)
        start = next_paragraph.get(key, 0)
        used = headings_used.get(key, 0)
        if start >= len(layout) or used >= len(topic.headings):
            continue
        if not used:
            heading_offsets[key] = int(rnd() * len(topic.headings))
        body.add(topic.headings[(heading_offsets[key] + used) % len(topic.headings)])
        headings_used[key] = used + 1
        if not used:
            body.topics.append(key)
        stop = min(len(layout), start + 1 + int(rnd() * 2))
        for n in range(start, stop):
            body.paragraph(layout[n])
            if body.done(target):
                break
        next_paragraph[key] = stop
        if body.done(target):
            break
        if documents and topic is main:
            intro_block, list_block = _pick(rnd, wordbank.DOCUMENT_LISTS)
            body.add(intro_block)
            body.add(list_block)
            documents = False
        elif used == 0 and rnd() < 0.4:
            intro_block, list_block = _pick(rnd, topic.lists)
            body.add(intro_block)
            body.add(list_block)
        if rnd() < (0.2 if quoted else 0.5):
            quote = None
            if topic is main and not quoted:
                quote = _pick(rnd, topic.quotes)
            elif general_quotes:
                quote = general_quotes.pop(int(rnd() * len(general_quotes)))
            if quote is not None:
                body.add(_pick(rnd, wordbank.QUOTE_INTROS))
                body.add(quote)
                quoted = True
    if rnd() < 0.6:
        body.add(_pick(rnd, wordbank.LINKS[_pick(rnd, _TOPICS[main.key][2])]))
    return body


def _last_holiday(day: datetime) -> tuple[int, datetime]:
    """The holiday on or before ``day``: a congratulation is dated on its holiday."""
    for index in range(len(wordbank.HOLIDAY_DATES) - 1, -1, -1):
        month, dom = wordbank.HOLIDAY_DATES[index]
        if (month, dom) <= (day.month, day.day):
            return index, datetime(day.year, month, dom)
    raise AssertionError("1 January is a holiday, so every day has one on or before it")


def _slug(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:80].rstrip("-")


def _languages(rnd: Rnd, status: str, source: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Which translations are missing and which are stale, for drafts and statements in review."""
    if status not in ("draft", "in_review"):
        return (), ()
    others = [lang for lang in LANGS if lang != source]
    r = rnd()
    if status == "draft" and r < 0.5:
        missing = others
    elif r < (0.75 if status == "draft" else 0.3):
        missing = [_pick(rnd, others)]
    else:
        missing = []
    present = [lang for lang in others if lang not in missing]
    stale = [_pick(rnd, present)] if present and rnd() < 0.35 else []
    return tuple(lang for lang in LANGS if lang in missing), tuple(stale)


def _plan(rnd: Rnd, n_main: int, n_tail: int) -> list[tuple[datetime, str, int]]:
    """(local time, topic, holiday) of every statement, in time order.

    Times fall in office hours, spread evenly over the years; congratulations move back to the
    morning of their holiday, hence the sort.
    """
    plan = []
    for part, count, start, days, keys, cum in (
        (0, n_main, _START_LOCAL, _MAIN_DAYS, _MAIN_KEYS, _MAIN_CUM),
        (1, n_tail, _TAIL_START_LOCAL, _TAIL_DAYS, _TAIL_KEYS, _TAIL_CUM),
    ):
        span = days * _OFFICE_HOURS
        for i in range(count):
            day, second = divmod(int(span * (i + rnd()) / count), _OFFICE_HOURS)
            local = start + timedelta(days=day, seconds=_OFFICE_OPENS + second)
            weight = rnd() * cum[-1]
            topic = next(k for k, c in zip(keys, cum, strict=True) if weight < c)
            holiday = int(rnd() * len(wordbank.HOLIDAY_DATES))
            if topic == "congratulation":
                holiday, local = _last_holiday(local)
                local += timedelta(seconds=7 * 3600 + int(rnd() * 3 * 3600))
            plan.append((part, local, topic, holiday))
    plan.sort(key=itemgetter(0, 1))
    return [(local, topic, holiday) for _, local, topic, holiday in plan]


def generate(count: int, seed: int = 1) -> Iterator[DemoStatement]:
    """Yield ``count`` statements, oldest first; equal ``(count, seed)`` give equal archives."""
    if count < 0:
        raise ValueError("count must not be negative")
    rnd = random.Random(seed).random
    n_tail = min(count, max(12, count * 3 // 100))
    n_main = count - n_tail
    plan = _plan(rnd, n_main, n_tail)
    # The first four of the newest statements cover every work-in-progress status.
    tail_statuses = sorted(_TAIL_STATUSES, key=lambda _: rnd())
    while len(tail_statuses) < n_tail:
        weight = rnd() * _TAIL_CUM_WEIGHTS[-1]
        tail_statuses.append(
            next(s for s, c in zip(_TAIL_STATUSES, _TAIL_CUM_WEIGHTS, strict=True) if weight < c)
        )
    withdrawn_seen = False
    for index, (local, topic, holiday) in enumerate(plan):
        if index < n_main:
            r = rnd()
            status = "withdrawn" if r < 0.007 else "draft" if r < 0.01 else "published"
            if index == 0:
                status = "published"
            elif index == n_main - 1 and not withdrawn_seen:
                status = "withdrawn"
            withdrawn_seen = withdrawn_seen or status == "withdrawn"
        else:
            status = tail_statuses[index - n_main]
        yield _statement(rnd, index, topic, local, holiday, status)


def _statement(
    rnd: Rnd, index: int, topic_key: str, local: datetime, holiday: int, status: str
) -> DemoStatement:
    topic = wordbank.TOPICS[topic_key]
    created_at = (local - OFFICE_UTC_OFFSET).replace(tzinfo=UTC)
    scheduled_at = None
    if status == "scheduled":
        # 09:00–18:00 office time, on the half hour, one to three weeks after the reference day.
        at = timedelta(days=1 + int(rnd() * 21), minutes=30 * (18 + int(rnd() * 19)))
        scheduled_at = REFERENCE_DATE + at - OFFICE_UTC_OFFSET
    source = "tg" if rnd() < 0.8 else "ru"
    missing, stale = _languages(rnd, status, source)
    image_index = int(rnd() * IMAGE_COUNT) if rnd() < 0.6 else None

    intro_index = int(rnd() * len(topic.intros))
    if topic_key in _VARIANTS:
        titles, lead_fits = _VARIANTS[topic_key][intro_index]
    else:
        titles, lead_fits = tuple(range(len(topic.titles))), True
    title = topic.titles[_pick(rnd, titles)]
    r = rnd()
    if not lead_fits or r < 0.15:
        lead = ("", "", "")
    elif r < 0.75:
        lead = topic.leads[0]
    else:
        lead = tuple(f"{a} {b}" for a, b in zip(topic.leads[0], topic.leads[1], strict=True))
    caption = _pick(rnd, topic.captions) if image_index is not None else ("", "", "")
    contexts = _contexts(rnd, local, holiday)
    body = _build_body(
        rnd, topic, topic.intros[intro_index], topic_key in ("meeting", "state_visit")
    )

    main_tags = _TOPICS[topic_key][1]
    tags = [main_tags[0]] + [tag for tag in main_tags[1:] if rnd() < 0.5]
    navruz = holiday == wordbank.NAVRUZ and topic_key == "congratulation"
    if navruz or (topic_key == "culture" and rnd() < 0.3):
        tags.append("navruz")
    # Sections borrowed from other topics add their main tag; "general" has none.
    tags += [_TOPICS[k][1][0] for k in body.topics if k != topic_key and _TOPICS[k][1]][:2]

    # The paragraph added to the source after the stale translations were made: one whose
    # removal keeps every language above the minimum length.
    added = None
    if stale:
        candidates = [
            n
            for n in body.paragraphs[1:]
            if min(w - len(part[n].split()) for w, part in zip(body.words, body.parts, strict=True))
            >= _MIN_WORDS
        ]
        if candidates:
            added = _pick(rnd, candidates)
        else:
            stale = ()
    texts: dict[str, DemoText] = {}
    stale_source = None
    for j, lang in enumerate(LANGS):
        if lang in missing:
            continue
        ctx = contexts[j]
        head = (title[j].format_map(ctx), lead[j].format_map(ctx), caption[j].format_map(ctx))
        parts = body.parts[j]
        if added is not None and (lang == source or lang in stale):
            older = "\n\n".join(parts[:added] + parts[added + 1 :]).format_map(ctx)
            if lang == source:
                stale_source = DemoText(lang, head[0], head[1], older, head[2])
            else:
                texts[lang] = DemoText(lang, head[0], head[1], older, head[2])
                continue
        texts[lang] = DemoText(lang, head[0], head[1], "\n\n".join(parts).format_map(ctx), head[2])
    return DemoStatement(
        index=index,
        slug_hint=_slug(title[2].format_map(contexts[2])),
        source_lang=source,
        texts=texts,
        tags=tuple(dict.fromkeys(tags))[:5],
        created_at=created_at,
        status=status,
        scheduled_at=scheduled_at,
        missing_langs=missing,
        stale_langs=stale,
        image_index=image_index,
        stale_source=stale_source,
    )
