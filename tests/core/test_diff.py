"""Word and paragraph differences as the history and translation views show them."""

import random
from itertools import pairwise

import pytest

from app.core.diff import DiffOp, paragraph_at, paragraph_changes, split_paragraphs, word_diff


def old_side(ops: list[DiffOp]) -> str:
    return "".join(op.text for op in ops if op.kind in ("equal", "delete"))


def new_side(ops: list[DiffOp]) -> str:
    return "".join(op.text for op in ops if op.kind in ("equal", "insert"))


ROUND_TRIP_CASES = [
    ("", ""),
    ("", "Hello"),
    ("Hello", ""),
    ("The minister met the ambassador.", "The minister met the new ambassador today."),
    ("  leading and trailing  ", "leading and trailing"),
    ("one\ttwo\n\nthree", "one two\nthree\n"),
    ("Президент Республики Таджикистан", "Президент Республики Таджикистан Эмомали Рахмон"),
    ("Ҷаласаи ҳукумат дар шаҳри Душанбе", "Ҷаласаи Ҳукумати Ҷумҳурии Тоҷикистон дар Душанбе"),
    ("a, b; c.", "a b c"),
]


@pytest.mark.parametrize(("old", "new"), ROUND_TRIP_CASES)
def test_each_side_is_rebuilt_exactly(old: str, new: str) -> None:
    ops = word_diff(old, new)
    assert old_side(ops) == old
    assert new_side(ops) == new
    assert all(op.text for op in ops)
    assert all(a.kind != b.kind for a, b in pairwise(ops))


def test_random_edits_round_trip() -> None:
    rng = random.Random(7)
    words = ["мир", "дом", "ҳукумат", "state", "the", ",", ".", "Душанбе", "2024"]
    spaces = [" ", "  ", "\n", "\n\n", "\t"]
    for _ in range(200):
        old = "".join(rng.choice(words) + rng.choice(spaces) for _ in range(rng.randint(0, 30)))
        new_tokens = old.split()
        for _ in range(rng.randint(0, 5)):
            position = rng.randint(0, len(new_tokens))
            new_tokens.insert(position, rng.choice(words))
        new = " ".join(new_tokens)
        ops = word_diff(old, new)
        assert old_side(ops) == old
        assert new_side(ops) == new


def test_identical_texts_are_one_equal_op() -> None:
    text = "Пресс-релиз\nо встрече."
    assert word_diff(text, text) == [DiffOp("equal", text)]


def test_inserted_cyrillic_word_is_reported_alone() -> None:
    ops = word_diff("Привет, мир!", "Привет, дорогой мир!")
    assert ops == [
        DiffOp("equal", "Привет, "),
        DiffOp("insert", "дорогой "),
        DiffOp("equal", "мир!"),
    ]


def test_replaced_word_is_delete_then_insert() -> None:
    ops = word_diff("Встреча во вторник в Душанбе", "Встреча в среду в Душанбе")
    assert [op for op in ops if op.kind != "equal"] == [
        DiffOp("delete", "во вторник "),
        DiffOp("insert", "в среду "),
    ]


def test_whole_words_change_not_letters() -> None:
    ops = word_diff("ministry", "ministers")
    assert ops == [DiffOp("delete", "ministry"), DiffOp("insert", "ministers")]


def test_punctuation_change_keeps_the_word_equal() -> None:
    ops = word_diff("Dushanbe.", "Dushanbe!")
    assert ops[0] == DiffOp("equal", "Dushanbe")
    assert DiffOp("delete", ".") in ops and DiffOp("insert", "!") in ops


def test_whitespace_only_change_is_visible() -> None:
    ops = word_diff("a b", "a\nb")
    assert ops == [
        DiffOp("equal", "a"),
        DiffOp("delete", " "),
        DiffOp("insert", "\n"),
        DiffOp("equal", "b"),
    ]


def test_split_paragraphs_keeps_fenced_code_together() -> None:
    body = "# Title\n\nFirst line\nsecond line\n\n\n```\ncode\n\nmore code\n```\n\n> quote\n"
    assert split_paragraphs(body) == [
        "# Title",
        "First line\nsecond line",
        "```\ncode\n\nmore code\n```",
        "> quote",
    ]


def test_paragraph_changes_reports_changed_inserted_removed() -> None:
    old = (
        "Сегодня в Душанбе состоялась встреча министров.\n\n"
        "Стороны обсудили вопросы торговли и транспорта.\n\n"
        "Пресс-служба сообщит подробности позже."
    )
    new = (
        "Сегодня в Душанбе состоялась встреча министров.\n\n"
        "Стороны подробно обсудили вопросы торговли, энергетики и транспорта.\n\n"
        "Подписан меморандум о сотрудничестве."
    )
    changes = paragraph_changes(old, new)
    assert [(c.kind, c.old_index, c.new_index) for c in changes] == [
        ("unchanged", 0, 0),
        ("changed", 1, 1),
        ("removed", 2, None),
        ("inserted", None, 2),
    ]
    assert changes[1].old_text == "Стороны обсудили вопросы торговли и транспорта."
    assert changes[3].new_text == "Подписан меморандум о сотрудничестве."


def test_paragraph_inserted_in_the_middle_leaves_neighbours_unchanged() -> None:
    old = "One paragraph here.\n\nAnother paragraph there."
    new = "One paragraph here.\n\nA brand new paragraph.\n\nAnother paragraph there."
    assert [(c.kind, c.old_index, c.new_index) for c in paragraph_changes(old, new)] == [
        ("unchanged", 0, 0),
        ("inserted", None, 1),
        ("unchanged", 1, 2),
    ]


def test_rewrapped_paragraph_is_unchanged() -> None:
    old = "Ҷаласаи навбатии ҳукумат\nдар Душанбе баргузор шуд."
    new = "Ҷаласаи навбатии ҳукумат дар Душанбе\nбаргузор шуд.\n"
    assert [c.kind for c in paragraph_changes(old, new)] == ["unchanged"]


def test_every_paragraph_appears_once() -> None:
    old = "a b c\n\nd e f\n\ng h i\n\nj k l"
    new = "x y z\n\nd e f g\n\nj k l\n\nm n o"
    changes = paragraph_changes(old, new)
    assert sorted(c.old_index for c in changes if c.old_index is not None) == [0, 1, 2, 3]
    assert sorted(c.new_index for c in changes if c.new_index is not None) == [0, 1, 2, 3]


def test_paragraph_at_a_caret_counts_as_split_paragraphs_does() -> None:
    body = "First line\nstill first\n\n\nSecond\n\n```\ncode\n\nmore code\n```\n\nLast"
    paragraphs = split_paragraphs(body)
    for index, paragraph in enumerate(paragraphs):
        start = body.index(paragraph)
        for offset in (start, start + len(paragraph) // 2, start + len(paragraph)):
            assert paragraph_at(body, offset) == index, (paragraph, offset)
    blank_between = body.index("\n\n\nSecond") + 1
    assert paragraph_at(body, blank_between) is None
    assert paragraph_at(body, body.index("\n\nmore code") + 1) == 2  # blank line inside a fence
    assert paragraph_at(body + "\n", len(body) + 1) is None  # the empty line after the end
    assert paragraph_at("", 0) is None
    crlf = "One\r\n\r\nTwo"
    assert paragraph_at(crlf, crlf.index("Two")) == 1
    assert paragraph_at(crlf, crlf.index("\r\n\r\n") + 2) is None
