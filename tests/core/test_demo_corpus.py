"""The demo archive generator: determinism, realism of the archive, parallel languages, images."""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
import sys
from collections import Counter
from datetime import UTC, timedelta

import pytest
from PIL import Image

from app.core.demo import words_en, words_ru, words_tg
from app.core.demo.corpus import LANGS, REFERENCE_DATE, STATUSES, TAGS, DemoStatement, generate
from app.core.demo.images import HEIGHT, IMAGE_COUNT, WIDTH, demo_image

TAJIK_LETTERS = set("ғӣқӯҳҷҒӢҚӮҲҶ")
CYRILLIC = re.compile("[\u0400-\u04ff]")


@pytest.fixture(scope="module")
def archive() -> list[DemoStatement]:
    return list(generate(2000, seed=1))


def _texts(archive: list[DemoStatement], lang: str):
    return [s.texts[lang] for s in archive if lang in s.texts]


def _blocks(markdown: str) -> list[str]:
    return markdown.split("\n\n")


def test_same_seed_gives_identical_archive_and_another_seed_a_different_one() -> None:
    first = list(generate(150, seed=5))
    assert first == list(generate(150, seed=5))
    other = list(generate(150, seed=6))
    assert [s.texts["tg"].body_markdown for s in first if "tg" in s.texts] != [
        s.texts["tg"].body_markdown for s in other if "tg" in s.texts
    ]


def test_count_and_indexes() -> None:
    assert list(generate(0)) == []
    assert [s.index for s in generate(30, seed=2)] == list(range(30))
    with pytest.raises(ValueError):
        list(generate(-1))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_status_occurs_in_200_and_most_are_published(seed: int) -> None:
    statuses = Counter(s.status for s in generate(200, seed=seed))
    assert set(statuses) == set(STATUSES)
    assert statuses["published"] > 150


def test_dates_are_ordered_in_office_hours_and_schedules_lie_ahead(
    archive: list[DemoStatement],
) -> None:
    created = [s.created_at for s in archive]
    assert created == sorted(created)
    assert created[0].year == 2019 and created[-1].year == 2026
    assert {d.year for d in created} == set(range(2019, 2027))
    for s in archive:
        assert s.created_at.tzinfo is UTC
        assert s.created_at < REFERENCE_DATE
        local_hour = (s.created_at + timedelta(hours=5)).hour
        assert 7 <= local_hour < 19
        if s.status == "scheduled":
            assert s.scheduled_at is not None and s.scheduled_at.tzinfo is UTC
            assert REFERENCE_DATE < s.scheduled_at < REFERENCE_DATE + timedelta(days=23)
        else:
            assert s.scheduled_at is None


def test_work_in_progress_is_the_newest(archive: list[DemoStatement]) -> None:
    finished = [s.index for s in archive if s.status in ("approved", "scheduled")]
    assert min(finished) > len(archive) * 0.9


def test_body_lengths_stay_within_bounds_and_are_mostly_200_to_600(
    archive: list[DemoStatement],
) -> None:
    for lang in LANGS:
        counts = [len(t.body_markdown.split()) for t in _texts(archive, lang)]
        assert min(counts) >= 100 and max(counts) <= 1500
        assert sum(200 <= c <= 600 for c in counts) / len(counts) > 0.6
        assert max(counts) > 900 and min(counts) < 200


def test_bodies_use_the_markdown_the_renderer_must_handle(archive: list[DemoStatement]) -> None:
    for lang in LANGS:
        bodies = [t.body_markdown for t in _texts(archive, lang)]
        assert all("\n## " in b for b in bodies)
        for feature in (
            re.compile(r"^- \S", re.M),
            re.compile(r"^1\. \S", re.M),
            re.compile(r"^> [«“]", re.M),
            re.compile(r"\]\(https://[a-z.]+\.(tj|org)/" + lang + r"/\)"),
            re.compile(r"\*\*[^*]+\*\*"),
            re.compile(r"(?<!\*)\*[^*]+\*(?!\*)"),
        ):
            share = sum(bool(feature.search(b)) for b in bodies) / len(bodies)
            assert share > 0.1, feature.pattern


def test_no_paragraph_is_repeated_within_a_body(archive: list[DemoStatement]) -> None:
    for s in archive:
        for text in s.texts.values():
            prose = [
                b for b in _blocks(text.body_markdown) if not b.startswith(("#", ">", "-", "1."))
            ]
            prose = [b for b in prose if not b.endswith(":")]
            assert len(prose) == len(set(prose)), s.index


def test_no_slot_is_left_unfilled(archive: list[DemoStatement]) -> None:
    for s in archive:
        texts = list(s.texts.values()) + ([s.stale_source] if s.stale_source else [])
        for t in texts:
            for value in (t.title, t.lead, t.body_markdown, t.image_caption):
                assert "{" not in value and "}" not in value, value


def test_titles_leads_and_captions_are_plain_text(archive: list[DemoStatement]) -> None:
    """Only bodies are Markdown: anything else shows its asterisks to the reader."""
    for s in archive:
        for t in s.texts.values():
            for value in (t.title, t.lead, t.image_caption):
                assert not re.search(r"[*_`#\[\]]", value), value


def test_each_language_is_written_in_its_own_alphabet(archive: list[DemoStatement]) -> None:
    seen: set[str] = set()
    for t in _texts(archive, "tg"):
        letters = TAJIK_LETTERS & set(t.title + t.body_markdown)
        assert letters, t.title
        seen |= letters
    assert set("ғӣқӯҳҷ") <= seen
    for t in _texts(archive, "ru"):
        assert not TAJIK_LETTERS & set(t.title + t.lead + t.body_markdown + t.image_caption)
        assert CYRILLIC.search(t.body_markdown)
    for t in _texts(archive, "en"):
        assert not CYRILLIC.search(t.title + t.lead + t.body_markdown + t.image_caption)


def test_languages_are_parallel_block_by_block(archive: list[DemoStatement]) -> None:
    for s in archive:
        source = _blocks(s.texts[s.source_lang].body_markdown)
        older = _blocks(s.stale_source.body_markdown) if s.stale_source else None
        for lang, text in s.texts.items():
            blocks = _blocks(text.body_markdown)
            expected = older if lang in s.stale_langs else source
            assert len(blocks) == len(expected)
            for mine, theirs in zip(blocks, expected, strict=True):
                assert mine.startswith("## ") == theirs.startswith("## ")
                assert mine.startswith("> ") == theirs.startswith("> ")
                assert mine.count("\n") == theirs.count("\n")
            assert bool(text.lead) == bool(s.texts[s.source_lang].lead)
            assert bool(text.image_caption) == (s.image_index is not None)


def test_missing_and_stale_translations_only_before_approval(archive: list[DemoStatement]) -> None:
    missing = [s for s in archive if s.missing_langs]
    stale = [s for s in archive if s.stale_langs]
    assert missing and stale
    for s in archive:
        assert s.source_lang not in s.missing_langs + s.stale_langs
        assert set(s.texts) == set(LANGS) - set(s.missing_langs)
        assert not set(s.missing_langs) & set(s.stale_langs)
        if s.status not in ("draft", "in_review"):
            assert not s.missing_langs and not s.stale_langs


def test_stale_source_is_the_source_minus_one_added_paragraph(
    archive: list[DemoStatement],
) -> None:
    for s in archive:
        assert (s.stale_source is not None) == bool(s.stale_langs)
        if s.stale_source is None:
            continue
        current = _blocks(s.texts[s.source_lang].body_markdown)
        older = _blocks(s.stale_source.body_markdown)
        assert s.stale_source.lang == s.source_lang
        assert s.stale_source.title == s.texts[s.source_lang].title
        assert len(older) == len(current) - 1
        added = [n for n in range(len(current)) if current[:n] + current[n + 1 :] == older]
        assert added and not current[added[0]].startswith(("## ", "> ", "- ", "1. "))


def test_metadata_vocabulary(archive: list[DemoStatement]) -> None:
    assert 25 <= len(TAGS) <= 40
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", tag) for tag in TAGS)
    used = Counter(tag for s in archive for tag in s.tags)
    assert set(used) <= set(TAGS) and len(used) >= 25
    sources = Counter(s.source_lang for s in archive)
    assert set(sources) == {"tg", "ru"} and 0.7 < sources["tg"] / len(archive) < 0.9
    for s in archive:
        assert 1 <= len(s.tags) <= 5 and len(set(s.tags)) == len(s.tags)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s.slug_hint)
        assert s.image_index is None or 0 <= s.image_index < IMAGE_COUNT
    with_image = sum(s.image_index is not None for s in archive) / len(archive)
    assert 0.5 < with_image < 0.7


def test_russian_verbs_agree_with_the_officials_gender() -> None:
    women = {"Мадина", "Нигора", "Фарзона", "Зарина", "Саодат", "Гульнора"}
    pattern = re.compile(
        r"([А-ЯЁ][а-яё]+) [А-ЯЁ][а-яё]+зода\*{0,2} (?:много лет )?"
        r"(назначена?|освобожден[а]?|освобождён|родилась|родился|работала?)\b"
    )
    checked = 0
    for s in generate(3000, seed=4):
        if "ru" not in s.texts:
            continue
        text = s.texts["ru"]
        for name, verb in pattern.findall(text.lead + "\n" + text.body_markdown):
            checked += 1
            feminine = verb.endswith("а") or verb == "родилась"
            assert feminine == (name in women), (name, verb)
    assert checked > 100


def test_word_banks_are_parallel() -> None:
    banks = (words_tg, words_ru, words_en)
    assert words_tg.TOPICS.keys() == words_ru.TOPICS.keys() == words_en.TOPICS.keys()
    for topic in words_en.TOPICS:
        for field, value in words_en.TOPICS[topic].items():
            if isinstance(value, tuple):
                assert {len(b.TOPICS[topic][field]) for b in banks} == {len(value)}, (topic, field)
    for name in ("COUNTRIES", "ROLES", "OFFICIALS", "POSITIONS", "CITIES", "HOLIDAYS", "DOCUMENTS"):
        assert len({len(getattr(b, name)) for b in banks}) == 1, name


def _image_digests() -> list[str]:
    return [hashlib.sha256(demo_image(i)).hexdigest() for i in range(IMAGE_COUNT)]


def test_demo_images_are_small_distinct_jpegs() -> None:
    digests = _image_digests()
    assert len(set(digests)) == IMAGE_COUNT
    assert demo_image(IMAGE_COUNT + 3) == demo_image(3)
    for i in range(IMAGE_COUNT):
        data = demo_image(i)
        assert len(data) < 60_000
        with Image.open(io.BytesIO(data)) as image:
            assert image.format == "JPEG" and image.size == (WIDTH, HEIGHT)


def test_demo_images_are_byte_identical_in_a_fresh_process() -> None:
    script = (
        "import hashlib\n"
        "from app.core.demo.images import IMAGE_COUNT, demo_image\n"
        "print(','.join(hashlib.sha256(demo_image(i)).hexdigest() for i in range(IMAGE_COUNT)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().split(",") == _image_digests()
