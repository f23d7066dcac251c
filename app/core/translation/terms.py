"""Finding glossary terms in running text, inflected: the one matcher the desk and the CLI use.

A term is found when its words follow one another in the text (separated only by spaces,
quotes or dashes), each word being the term's word inflected. Russian and English use the
Snowball stemmer (PyStemmer) and, because stemming also joins derived words
(``presidency`` and ``president``, ``национальность`` and ``национальный``), the two words
must moreover differ only by inflectional endings of the language. Tajik uses its own
suffix rules (:mod:`app.core.translation.tajik`). Other languages match word for word,
ignoring case. Words of one or two letters must be written as in the term.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import Stemmer

from app.core.translation import tajik

_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*['’]?")
_GAP = re.compile(r"[\s\u00a0«»\"“”„'‘’—–-]*")

# Noun, adjective and participle endings, after the stem.
# fmt: off
_RUSSIAN_ENDINGS = frozenset((
    "", "а", "я", "о", "е", "ё", "и", "ы", "у", "ю", "ь", "й", "ом", "ем", "ём", "ой", "ей",
    "ою", "ею", "ам", "ям", "ах", "ях", "ами", "ями", "ов", "ев", "ёв", "ий", "ый", "ая", "яя",
    "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ым", "им", "ую", "юю", "ых", "их",
    "ыми", "ими", "ия", "ию", "ии", "ией", "иям", "иями", "иях", "ием", "ья", "ью", "ье", "ьи",
    "ьев", "ьям", "ьями", "ьях",
))
# fmt: on
_ENGLISH_ENDINGS = frozenset(
    {"", "s", "es", "'s", "s'", "'", "y", "ies", "ies'", "y's", "ed", "d", "ing", "e"}
)
_SNOWBALL = {"ru": ("russian", _RUSSIAN_ENDINGS), "en": ("english", _ENGLISH_ENDINGS)}


@dataclass(frozen=True, slots=True)
class Found:
    """A term found in a text: its concept, the term as the glossary writes it, and where."""

    concept: str
    term: str
    start: int
    end: int
    forbidden: bool = False


@dataclass(frozen=True, slots=True)
class TermEntry:
    """A term to look for: ``forbidden`` marks a variant the office does not want."""

    concept: str
    term: str
    forbidden: bool = False


def _fold(word: str) -> str:
    return word.casefold().replace("ё", "е").replace("’", "'")


class _Language:
    """How words of one language are folded and compared."""

    def fold(self, word: str) -> str:
        return _fold(word)

    def same(self, term_word: str, word: str, last: bool) -> bool:
        return term_word == word


class _Tajik(_Language):
    def fold(self, word: str) -> str:
        return tajik.fold(_fold(word))

    def same(self, term_word: str, word: str, last: bool) -> bool:
        return tajik.same_word(term_word, word, last=last)


class _Snowball(_Language):
    def __init__(self, algorithm: str, endings: frozenset[str]) -> None:
        self._stemmer = Stemmer.Stemmer(algorithm)
        self._endings = endings

    def same(self, term_word: str, word: str, last: bool) -> bool:
        if term_word == word:
            return True
        if len(term_word) < 3 or len(word) < 3:
            return False
        stem, other = self._stemmer.stemWord(term_word), self._stemmer.stemWord(word)
        shorter = min(len(stem), len(other))
        # Snowball now and then keeps one more letter in one form (таджикиста/таджикистан).
        if stem[:shorter] != other[:shorter] or abs(len(stem) - len(other)) > 2:
            return False
        common = 0
        limit = min(len(term_word), len(word))
        while common < limit and term_word[common] == word[common]:
            common += 1
        return any(
            term_word[cut:] in self._endings and word[cut:] in self._endings
            for cut in range(common, max(shorter - 2, 0), -1)
        )


@cache
def _language(lang: str) -> _Language:
    base = lang.split("-")[0].split("_")[0].lower()
    if base == "tg":
        return _Tajik()
    if base in _SNOWBALL:
        return _Snowball(*_SNOWBALL[base])
    return _Language()


def _key(word: str) -> str:
    return word[:4]


@dataclass(frozen=True, slots=True)
class _Compiled:
    entry: TermEntry
    words: tuple[str, ...]


class TermMatcher:
    """Finds the terms of one language in texts of that language."""

    def __init__(self, lang: str, entries: Iterable[TermEntry]) -> None:
        self.lang = lang
        self._language = _language(lang)
        self._by_key: dict[str, list[_Compiled]] = {}
        for entry in entries:
            words = tuple(self._language.fold(m.group(0)) for m in _TOKEN.finditer(entry.term))
            if words:
                self._by_key.setdefault(_key(words[0]), []).append(_Compiled(entry, words))
        for candidates in self._by_key.values():
            candidates.sort(key=lambda c: -len(c.words))

    def find(self, text: str) -> list[Found]:
        """The terms in ``text``, in order, none overlapping (the longer term wins)."""
        tokens = [
            (m.start(), m.end(), self._language.fold(m.group(0))) for m in _TOKEN.finditer(text)
        ]
        found: list[Found] = []
        index = 0
        while index < len(tokens):
            match = self._match_at(text, tokens, index)
            if match is None:
                index += 1
                continue
            compiled, length = match
            found.append(
                Found(
                    compiled.entry.concept,
                    compiled.entry.term,
                    tokens[index][0],
                    tokens[index + length - 1][1],
                    compiled.entry.forbidden,
                )
            )
            index += length
        return found

    def _match_at(
        self, text: str, tokens: list[tuple[int, int, str]], index: int
    ) -> tuple[_Compiled, int] | None:
        word = tokens[index][2]
        keys = {_key(word), word[:3], word[:2], word[:1]}
        candidates = [c for key in keys for c in self._by_key.get(key, ())]
        candidates.sort(key=lambda c: -len(c.words))
        same = self._language.same
        for compiled in candidates:
            count = len(compiled.words)
            if index + count > len(tokens):
                continue
            if all(
                same(term_word, tokens[index + k][2], k == count - 1)
                and (k == 0 or _GAP.fullmatch(text, tokens[index + k - 1][1], tokens[index + k][0]))
                for k, term_word in enumerate(compiled.words)
            ):
                return compiled, count
        return None
