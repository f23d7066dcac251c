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


# A word as compared: folded, and its stem (the folded word where there is no stemmer).
Word = tuple[str, str]


class _Language:
    """How words of one language are folded and compared."""

    def prepare(self, words: list[str]) -> list[Word]:
        folded = [_fold(w) for w in words]
        return list(zip(folded, folded, strict=True))

    def same(self, term_word: Word, word: Word, last: bool) -> bool:
        return term_word[0] == word[0]

    def term_keys(self, word: Word) -> set[str]:
        """Keys a term is filed under (by its first word); a text word that is the same word
        inflected looks under one of them (:meth:`text_keys`)."""
        return {word[1]}

    def text_keys(self, word: Word) -> tuple[str, ...]:
        return (word[1],)


class _Tajik(_Language):
    def prepare(self, words: list[str]) -> list[Word]:
        folded = [tajik.fold(_fold(w)) for w in words]
        return list(zip(folded, folded, strict=True))

    def same(self, term_word: Word, word: Word, last: bool) -> bool:
        return tajik.same_word(term_word[0], word[0], last=last)

    def term_keys(self, word: Word) -> set[str]:
        return tajik.bases(word[0])

    def text_keys(self, word: Word) -> tuple[str, ...]:
        text = word[0]
        return tuple(
            text[: len(text) - cut] for cut in range(min(len(text), tajik.LONGEST_ENDING) + 1)
        )


class _Snowball(_Language):
    def __init__(self, algorithm: str, endings: frozenset[str]) -> None:
        self._stemmer = Stemmer.Stemmer(algorithm)
        self._endings = endings

    def prepare(self, words: list[str]) -> list[Word]:
        folded = [_fold(w) for w in words]
        return list(zip(folded, self._stemmer.stemWords(folded), strict=True))

    def same(self, term_word: Word, word: Word, last: bool) -> bool:
        (written, stem), (other_written, other) = term_word, word
        if written == other_written:
            return True
        shorter = min(len(stem), len(other))
        # Snowball now and then keeps one more letter in one form (таджикиста/таджикистан).
        if (
            stem[:shorter] != other[:shorter]
            or abs(len(stem) - len(other)) > 2
            or len(written) < 3
            or len(other_written) < 3
        ):
            return False
        endings = self._endings
        return any(
            written[cut:] in endings
            and other_written[cut:] in endings
            and written[:cut] == other_written[:cut]
            for cut in range(max(shorter - 1, 1), min(len(written), len(other_written)) + 1)
        )

    # Two stems of one word differ by at most two letters at their end (short stems agree).
    def term_keys(self, word: Word) -> set[str]:
        return set(self.text_keys(word))

    def text_keys(self, word: Word) -> tuple[str, ...]:
        stem = word[1]
        return tuple(stem[: len(stem) - cut] for cut in range(max(0, min(2, len(stem) - 4)) + 1))


@cache
def _language(lang: str) -> _Language:
    base = lang.split("-")[0].split("_")[0].lower()
    if base == "tg":
        return _Tajik()
    if base in _SNOWBALL:
        return _Snowball(*_SNOWBALL[base])
    return _Language()


@dataclass(frozen=True, slots=True)
class _Compiled:
    entry: TermEntry
    # Ids of the term's words (a word and whether it ends its term), in order.
    words: tuple[int, ...]


class TermMatcher:
    """Finds the terms of one language in texts of that language.

    Each distinct word of a text is compared once with the terms' words that could be it
    (found through the language's keys); a term is then found where the words that match
    its words follow one another.
    """

    def __init__(self, lang: str, entries: Iterable[TermEntry]) -> None:
        self.lang = lang
        self._language = _language(lang)
        self._term_words: list[tuple[Word, bool]] = []
        ids: dict[tuple[Word, bool], int] = {}
        self._by_key: dict[str, list[int]] = {}
        self._starting: dict[int, list[_Compiled]] = {}
        for entry in entries:
            words = self._language.prepare([m.group(0) for m in _TOKEN.finditer(entry.term)])
            if not words:
                continue
            numbers = []
            for position, word in enumerate(words):
                identity = (word, position == len(words) - 1)
                if identity not in ids:
                    ids[identity] = len(self._term_words)
                    self._term_words.append(identity)
                    for key in self._language.term_keys(word):
                        self._by_key.setdefault(key, []).append(ids[identity])
                numbers.append(ids[identity])
            self._starting.setdefault(numbers[0], []).append(_Compiled(entry, tuple(numbers)))
        for candidates in self._starting.values():
            candidates.sort(key=lambda c: -len(c.words))

    def _matching(self, word: Word) -> frozenset[int]:
        same = self._language.same
        return frozenset(
            number
            for key in self._language.text_keys(word)
            for number in self._by_key.get(key, ())
            if same(self._term_words[number][0], word, self._term_words[number][1])
        )

    def find(self, text: str) -> list[Found]:
        """The terms in ``text``, in order, none overlapping (the longer term wins)."""
        tokens = list(_TOKEN.finditer(text))
        words = self._language.prepare([m.group(0) for m in tokens])
        known: dict[Word, frozenset[int]] = {}
        matched = []
        for word in words:
            if word not in known:
                known[word] = self._matching(word)
            matched.append(known[word])
        found: list[Found] = []
        index = 0
        while index < len(tokens):
            best = self._match_at(text, tokens, matched, index)
            if best is None:
                index += 1
                continue
            end = index + len(best.words) - 1
            found.append(
                Found(
                    best.entry.concept,
                    best.entry.term,
                    tokens[index].start(),
                    tokens[end].end(),
                    best.entry.forbidden,
                )
            )
            index = end + 1
        return found

    def _match_at(
        self, text: str, tokens: list[re.Match[str]], matched: list[frozenset[int]], index: int
    ) -> _Compiled | None:
        best: _Compiled | None = None
        for first in matched[index]:
            for compiled in self._starting.get(first, ()):
                count = len(compiled.words)
                if best is not None and count <= len(best.words):
                    break
                if index + count > len(tokens):
                    continue
                if all(
                    compiled.words[k] in matched[index + k]
                    and _GAP.fullmatch(text, tokens[index + k - 1].end(), tokens[index + k].start())
                    for k in range(1, count)
                ):
                    best = compiled
                    break
        return best
