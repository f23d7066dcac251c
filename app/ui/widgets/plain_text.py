"""The exact text of a plain-text editor, every character as it was set or typed.

`QPlainTextEdit.toPlainText()` turns no-break spaces into plain spaces (Qt documents it), so
"4 710" read back from an editor was not what was opened: leaving a text re-saved it. The
document's raw text keeps them; only its paragraph separators stand for line breaks.
"""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit

_PARAGRAPH_SEPARATOR = "\u2029"


def exact_text(edit: QPlainTextEdit) -> str:
    return edit.document().toRawText().replace(_PARAGRAPH_SEPARATOR, "\n")
