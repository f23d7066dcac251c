"""Text as every save stores it: only characters XML 1.0 can carry, and one kind of line break.

Word's Shift+Enter arrives as a vertical tab, its page break as a form feed, and pasted
text brings NUL, ESC, lone surrogates or U+FFFE: none of them may reach a stored text,
because one of them makes an Atom feed unparseable (and PostgreSQL refuses NUL).
"""

from __future__ import annotations

import re

# Every line break a person can type or paste: CR LF, CR, vertical tab (Word's Shift+Enter),
# form feed (Word's page break), NEL, and the Unicode line and paragraph separators.
_LINE_BREAK = re.compile("\r\n|[\r\v\f\x85\u2028\u2029]")
# What XML 1.0 forbids (C0 controls but tab and line feed, surrogates, U+FFFE, U+FFFF),
# and the C1 controls it discourages and no one types.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: str) -> str:
    """Multi-line text: every line break becomes LF; characters XML cannot carry go."""
    return _NOT_XML.sub("", _LINE_BREAK.sub("\n", value))


def clean_line(value: str) -> str:
    """One-line text (a title, a tag, a caption): line breaks become spaces; as clean_text."""
    return clean_text(value).replace("\n", " ")


def xml_safe(document: str) -> str:
    """A rendered XML document with any character XML 1.0 forbids removed.

    The feed and sitemap writers' last guard: texts saved before clean_text existed, or
    names from elsewhere, cannot make a document a feed reader refuses.
    """
    return _NOT_XML.sub("", document)
