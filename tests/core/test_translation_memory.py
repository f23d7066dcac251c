"""Translation memory lookups: exact first, fuzzy by edit distance with the differences,
both directions, and pairs fed from finished translations."""

from __future__ import annotations

from sqlalchemy import event, func, select

from app.core.content import TextContent
from app.core.db import Database
from app.core.models import TranslationMemoryEntry
from app.core.statements import create_statement, current_revision
from app.core.translation import memory, work
from app.core.translation.memory import PairIn
from tests.core.conftest import Office

SOURCE = "Президенти Ҷумҳурии Тоҷикистон дар шаҳри Душанбе бо сокинони ноҳия вохӯрд."
TARGET = "Президент Республики Таджикистан в городе Душанбе встретился с жителями района."


def _fill(db: Database) -> None:
    pairs = [PairIn("tg", "ru", SOURCE, TARGET, "old statement")]
    pairs += [
        PairIn(
            "tg", "ru", f"Ҷаласаи {n} Ҳукумат дар бораи буҷети сол.", f"Заседание {n} о бюджете."
        )
        for n in range(300)
    ]
    with db.transaction() as s:
        result = memory.add_pairs(s, pairs)
        assert result.added == 301
        assert memory.add_pairs(s, pairs[:1]).duplicates == 1


def test_exact_match_comes_first_with_score_100(db: Database) -> None:
    _fill(db)
    with db.transaction() as s:
        memory.add_pairs(s, [PairIn("tg", "ru", SOURCE, "Другой перевод.", "later")])
        matches = memory.lookup(s, "tg", "ru", "  " + SOURCE.replace(" ", "\n", 1))
    assert [(m.target, m.score, m.exact) for m in matches[:2]] == [
        ("Другой перевод.", 100, True),
        (TARGET, 100, True),
    ]


def test_fuzzy_match_has_an_edit_distance_score_and_the_differences(db: Database) -> None:
    _fill(db)
    query = SOURCE.replace("Душанбе", "Хуҷанд")
    with db.transaction() as s:
        (best, *_rest) = memory.lookup(s, "tg", "ru", query)
    assert best.target == TARGET
    assert 70 <= best.score < 100
    assert best.origin == "old statement"
    changes = [(op.kind, op.text.strip()) for op in best.diff if op.kind != "equal"]
    assert changes == [("delete", "Душанбе"), ("insert", "Хуҷанд")]


def test_dissimilar_segments_are_not_offered(db: Database) -> None:
    _fill(db)
    with db.transaction() as s:
        assert memory.lookup(s, "tg", "ru", "Президенти Ҷумҳурии Тоҷикистон Паём фиристод.") == []
        assert memory.lookup(s, "tg", "en", SOURCE) == []


def test_pairs_serve_lookups_in_the_other_direction(db: Database) -> None:
    _fill(db)
    with db.transaction() as s:
        (match,) = memory.lookup(s, "ru", "tg", TARGET)
    assert (match.source, match.target, match.score) == (TARGET, SOURCE, 100)


def test_fuzzy_lookup_reads_candidates_from_the_index_not_every_entry(db: Database) -> None:
    _fill(db)
    rows_read = []

    def count(conn, cursor, statement, parameters, context, executemany):
        if "translation_memory." in statement and "WHERE" not in statement.upper():
            rows_read.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        with db.transaction() as s:
            assert memory.lookup(s, "tg", "ru", SOURCE.replace("Душанбе", "Хуҷанд"))
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert rows_read == []


def test_a_finished_translation_feeds_its_segment_pairs(db: Database, office: Office) -> None:
    with db.transaction() as s:
        sid = create_statement(
            s,
            source_lang="tg",
            content=TextContent(
                "Паёми нав", "", "Сархати якум.\n\nСархати дуюм.\n\nСархати сеюм.\n"
            ),
            actor_id=None,
        ).id
        work.start_translation(s, sid, "ru", actor_id=office.translator, prefill=True)
        done = work.complete(
            s,
            sid,
            "ru",
            TextContent("Новое послание", "", "Первый абзац.\n\nСархати дуюм.\n\nТретий абзац.\n"),
            actor_id=office.translator,
            expected_version=None,
        )
        # The paragraph still in Tajik is not a translation.
        assert done.pairs_added == 3
        pairs = {(e.source_text, e.target_text) for e in s.scalars(select(TranslationMemoryEntry))}
        assert pairs == {
            ("Паёми нав", "Новое послание"),
            ("Сархати якум.", "Первый абзац."),
            ("Сархати сеюм.", "Третий абзац."),
        }
        ru = current_revision(s, sid, "ru")
        tg = current_revision(s, sid, "tg")
        # Feeding the same revisions again (as approval will) adds nothing.
        assert memory.feed(s, tg.id, ru.id).added == 0
        assert s.scalar(select(func.count()).select_from(TranslationMemoryEntry)) == 3
        match = memory.lookup(s, "tg", "ru", "Сархати якум.")[0]
        assert match.origin == f"statement {sid} (tg r1 → ru r2)"
