"""Which paragraph of a body the editor's caret is in, counted as the core counts paragraphs."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit

from app.core.diff import paragraph_at, split_paragraphs
from app.ui.widgets.plain_text import exact_text


def paragraph_at_caret(edit: QPlainTextEdit) -> tuple[int | None, str]:
    """The caret's paragraph index and its text; (None, "") between paragraphs."""
    body = exact_text(edit)
    # A saved body breaks lines only with "\n" (core.hygiene): the caret's block is its line.
    line = edit.textCursor().blockNumber()
    index = paragraph_at(body, sum(len(text) + 1 for text in body.split("\n")[:line]))
    return index, split_paragraphs(body)[index] if index is not None else ""
