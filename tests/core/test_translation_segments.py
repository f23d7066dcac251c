"""Segments of a text, their alignment with a translation, and what changed in the source."""

# ruff: noqa: E501 (rows of segments read best one per line)
from __future__ import annotations

from app.core.content import TextContent
from app.core.translation.align import Change, State, progress, rows_for
from app.core.translation.segments import Kind, body_segments, replace_text, segments
from app.core.translation.work import skeleton

BODY = (
    "## Паёми нав\n\n"
    "Сархати якум дар бораи соли 2024.\n"
    "Сатри дуюми ҳамон сархат.\n\n"
    "- банди як\n"
    "- банди ду\n"
    "  давоми банди ду\n\n"
    "> иқтибос аз суханронӣ\n"
    "> давоми иқтибос\n\n"
    "![Акс](media/abc.png)\n\n"
    "[https://president.tj](https://president.tj)\n\n"
    "```\ncode\n\nmore code\n```\n\n"
    "---\n\n"
    "Сархати охир.\n"
)


def test_a_body_is_cut_into_paragraphs_headings_items_and_quotes() -> None:
    found = body_segments(BODY)
    assert [(s.kind, s.text) for s in found] == [
        (Kind.HEADING, "Паёми нав"),
        (Kind.PARAGRAPH, "Сархати якум дар бораи соли 2024.\nСатри дуюми ҳамон сархат."),
        (Kind.ITEM, "банди як"),
        (Kind.ITEM, "банди ду\n  давоми банди ду"),
        (Kind.QUOTE, "иқтибос аз суханронӣ\nдавоми иқтибос"),
        (Kind.IMAGE, "![Акс](media/abc.png)"),
        (Kind.PARAGRAPH, "[https://president.tj](https://president.tj)"),
        (Kind.CODE, "```\ncode\n\nmore code\n```"),
        (Kind.RULE, "---"),
        (Kind.PARAGRAPH, "Сархати охир."),
    ]
    assert [s.marker for s in found[:5]] == ["## ", "", "- ", "- ", "> "]
    # Spans point at the words in the body.
    assert BODY[found[0].start : found[0].end] == "Паёми нав"
    assert BODY[found[2].start : found[2].end] == "банди як"
    # Images, links alone, code and rules are not translatable.
    assert [s.translatable for s in found] == [
        True, True, True, True, True, False, False, False, False, True,
    ]  # fmt: skip


def test_fields_are_segments_and_replacing_words_keeps_the_markup() -> None:
    content = TextContent("Сарлавҳа", "Лид.", "## Сар\n\n> як\n> ду\n", "Имзои акс")
    found = segments(content)
    assert [s.field for s in found] == ["title", "lead", "body", "body", "image_caption"]
    heading, quote = found[2], found[3]
    assert replace_text(content.body, heading, "Заголовок") == "## Заголовок\n\n> як\n> ду\n"
    assert replace_text(content.body, quote, "раз\nдва") == "## Сар\n\n> раз\n> два\n"


def test_skeleton_keeps_structure_and_drops_words() -> None:
    assert skeleton("## Сар\n\nМатн.\n\n- як\n- ду\n\n![a](m.png)\n") == (
        "## \n\n- \n- \n\n![a](m.png)\n"
    )


SOURCE = TextContent(
    "Паёми Президент",
    "Лид.",
    "Сархати якум бо рақами 2024.\n\n"
    "Сархати дуюм дар бораи обу энергетика.\n\n"
    "Сархати сеюм дар бораи маориф ва илм.\n\n"
    "Сархати чорум.\n",
)
TARGET = TextContent(
    "Послание Президента",
    "Лид по-русски.",
    "Первый абзац с числом 2024.\n\n"
    "Второй абзац о воде и энергетике.\n\n"
    "Третий абзац об образовании и науке.\n\n"
    "Сархати чорум.\n",
)


def _pairs(rows):
    return [
        (r.source.text if r.source else None, r.target.text if r.target else None) for r in rows
    ]


def test_alignment_pairs_each_paragraph_and_counts_progress() -> None:
    rows = rows_for(SOURCE, TARGET, None)
    assert [r.state for r in rows] == [State.TRANSLATED] * 5 + [State.UNTRANSLATED]
    assert rows[2].target.text == "Первый абзац с числом 2024."
    assert progress(rows).done == 5
    assert progress(rows).total == 6
    assert not progress(rows).complete


def test_alignment_survives_inserted_deleted_and_reordered_source_paragraphs() -> None:
    paragraphs = SOURCE.body.split("\n\n")
    changed = TextContent(
        SOURCE.title,
        SOURCE.lead,
        "\n\n".join(
            [
                paragraphs[2],  # moved up
                "Сархати нав, ки пештар набуд.",  # inserted
                paragraphs[0].replace("2024", "2025"),  # edited
                paragraphs[3],
            ]
        ),
    )
    rows = rows_for(changed, TARGET, SOURCE)
    body = [r for r in rows if (r.source or r.target).field == "body"]
    assert [(r.source and r.source.text, r.target and r.target.text, r.change) for r in body] == [
        ("Сархати сеюм дар бораи маориф ва илм.", "Третий абзац об образовании и науке.", Change.NONE),
        ("Сархати нав, ки пештар набуд.", None, Change.NEW),
        ("Сархати якум бо рақами 2025.", "Первый абзац с числом 2024.", Change.CHANGED),
        (None, "Второй абзац о воде и энергетике.", Change.REMOVED),
        ("Сархати чорум.", "Сархати чорум.", Change.NONE),
    ]  # fmt: skip
    edited = body[2]
    assert edited.old_text == "Сархати якум бо рақами 2024."
    assert [(op.kind, op.text.strip()) for op in edited.diff if op.kind != "equal"] == [
        ("delete", "2024"),
        ("insert", "2025"),
    ]
    assert progress(rows).changed == 3


def test_a_paragraph_moved_unchanged_keeps_its_translation() -> None:
    paragraphs = SOURCE.body.strip().split("\n\n")
    moved = TextContent(
        SOURCE.title, SOURCE.lead, "\n\n".join([*paragraphs[1:3], paragraphs[0], paragraphs[3]])
    )
    rows = rows_for(moved, TARGET, SOURCE)
    by_source = {r.source.text: r for r in rows if r.source}
    first = by_source["Сархати якум бо рақами 2024."]
    assert first.target.text == "Первый абзац с числом 2024."
    assert first.change is Change.MOVED
    assert by_source["Сархати сеюм дар бораи маориф ва илм."].change is Change.NONE


def test_a_new_paragraph_already_translated_finds_its_target() -> None:
    changed = TextContent(
        SOURCE.title,
        SOURCE.lead,
        SOURCE.body.replace("Сархати чорум.", "Сархати нав.\n\nСархати чорум."),
    )
    translated = TextContent(
        TARGET.title,
        TARGET.lead,
        TARGET.body.replace("Сархати чорум.", "Новый абзац.\n\nЧетвёртый абзац."),
    )
    rows = rows_for(changed, translated, SOURCE)
    by_source = {r.source.text: r for r in rows if r.source}
    assert by_source["Сархати нав."].target.text == "Новый абзац."
    assert by_source["Сархати нав."].change is Change.NEW
    assert by_source["Сархати чорум."].target.text == "Четвёртый абзац."


def test_an_empty_translation_of_structure_aligns_by_kind() -> None:
    source = TextContent("Сарлавҳа", body="## Сар\n\nМатн як.\n\n- банд\n\nМатн ду.\n")
    target = TextContent("Сарлавҳа", body=skeleton(source.body))
    rows = rows_for(source, target, None)
    body = [r for r in rows if r.source and r.source.field == "body"]
    assert [(r.source.kind, r.target.kind if r.target else None) for r in body] == [
        (Kind.HEADING, Kind.HEADING),
        (Kind.PARAGRAPH, None),
        (Kind.ITEM, Kind.ITEM),
        (Kind.PARAGRAPH, None),
    ]
    assert progress(rows).done == 0


def test_whitespace_image_and_link_segments_do_not_count_as_untranslated() -> None:
    source = TextContent("Сарлавҳа", body="Матн.\n\n![a](m.png)\n\n<https://president.tj>\n")
    target = TextContent("Заголовок", body="Текст.\n\n![a](m.png)\n\n<https://president.tj>\n")
    rows = rows_for(source, target, None)
    assert progress(rows).done == progress(rows).total == 2
    assert progress(rows).complete
