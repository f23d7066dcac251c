"""Tajik inflection for the glossary: which written forms are a term word with endings added.

Tajik adds endings to an unchanged base: the izafat ``-и`` (``-йи`` after a vowel), plurals
``-ҳо``, ``-он`` (``-ён``, ``-гон``, ``-вон`` after vowels), the object marker ``-ро``,
possessives ``-ам``, ``-ат``, ``-аш``, ``-амон``, ``-атон``, ``-ашон`` (``-ям`` … after a
vowel), the indefinite ``-е`` and the linking ``-у``/``-ю``, in that order
(``президентҳоямонро``). Rather than stripping endings from every word, which would make
``миллат`` (nation) and ``миллӣ`` (national) one word, a text word matches a term word
only when it is the term word's base followed by such a chain. A base ending in ``-ӣ``
writes it ``-и`` before an ending (``Ҷумҳурӣ`` → ``Ҷумҳурии``, ``Ҷумҳуриро``).

Words are compared folded: lower case, and ғ қ ҳ ҷ ӯ as г к х ч у, since texts typed on a
Russian keyboard often use those; ӣ stays apart from и (``давлатӣ`` is not ``давлати``).
"""

from __future__ import annotations

import itertools

_FOLD = str.maketrans("ғқҳҷӯ", "гкхчу")

_PLURALS = ("", "хо", "он", "ён", "гон", "вон")
_POSSESSIVES = tuple(
    vowel + person
    for vowel, person in itertools.product(("а", "я", ""), ("м", "т", "ш", "мон", "тон", "шон"))
)
# Endings after which nothing more comes, and those that the object marker -ро may follow.
_CLOSING = ("и", "йи", "ро", "у", "ю")
_OPEN = ("", "е", "ие", "йе", *_POSSESSIVES)

#: Every ending (a chain of suffixes) a word may carry after its base, folded.
ENDINGS = frozenset(
    {plural + ending for plural in _PLURALS for ending in _CLOSING}
    | {plural + ending + last for plural in _PLURALS for ending in _OPEN for last in ("", "ро")}
)
# A shorter base matches too much of anything: such words must be written as in the term.
MIN_BASE = 3
#: The most letters a word can have past its base (an ending, after the -и of an -ӣ base).
LONGEST_ENDING = max(map(len, ENDINGS)) + 1


def fold(word: str) -> str:
    return word.casefold().translate(_FOLD)


def _is_base_plus_ending(base: str, word: str) -> bool:
    return len(base) >= MIN_BASE and word.startswith(base) and word[len(base) :] in ENDINGS


def bases(term_word: str) -> set[str]:
    """What a (folded) term word's inflected forms start with: every word that
    :func:`same_word` accepts is one of these followed by at most LONGEST_ENDING letters."""
    found = {term_word}
    if term_word.endswith(("и", "ӣ")) and len(term_word) > MIN_BASE:
        found.add(term_word[:-1])
    if term_word.endswith("йи"):
        found.add(term_word[:-2])
    return found


def same_word(term_word: str, word: str, *, last: bool) -> bool:
    """True when ``word`` (folded) is ``term_word`` (folded) inflected.

    ``last`` tells whether it is the last word of its term: a word inside a term carries
    the izafat (``Президенти``), whose ``-и`` is not part of its base.
    """
    if word == term_word:
        return True
    if term_word.endswith("ӣ") or (last and term_word.endswith("и")):
        stem = term_word[:-1]
        if len(stem) < MIN_BASE or not word.startswith(stem):
            return False
        rest = word[len(stem) :]
        return rest in ("ӣ", "ӣро") or (rest.startswith("и") and rest[1:] in ENDINGS)
    if term_word.endswith("йи"):
        return _is_base_plus_ending(term_word[:-2], word)
    if term_word.endswith("и"):
        return _is_base_plus_ending(term_word[:-1], word)
    return _is_base_plus_ending(term_word, word)
