"""A text's distinctive terms: folded, crudely stemmed words without Markdown, URLs or stop words.

The stem is the word's first letters (five for Cyrillic, six otherwise) after trailing
vowels of that prefix are dropped, which merges most inflections of one word in tg, ru and en
("Рогун", "Рогуна", "Рогунской"; "visit", "visits") while keeping different words apart;
bench/bench_related.py measures the choice on sample words.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter

from app.core.related.stopwords import stop_words
from app.core.search import fold

MAX_TERMS = 16
MIN_WORD_LETTERS = 4
CYRILLIC_STEM = 5
OTHER_STEM = 6
TITLE_FACTOR = 3
LEAD_FACTOR = 2
BODY_FACTOR = 1

# Markup that can span spaces: HTML tags, entities, reference-style link definitions.
_SPANNING_MARKUP = re.compile(r"<[^>\n]*>|&#?\w+;|^[ \t]*\[[^\]\n]+\]:.*$", re.MULTILINE)
# Letters only: digits and the underscore of Markdown emphasis never make a term.
_WORD = re.compile(r"[^\W\d_]+")
_TRAILING_VOWELS = frozenset("аеиоуыэюяьъaeiouys")


def stem(word: str) -> tuple[str, str]:
    """The folded word and its stem; the stem is empty for a word too short to count."""
    folded = fold(word)
    if len(folded) < MIN_WORD_LETTERS:
        return folded, ""
    length = CYRILLIC_STEM if "\u0400" <= folded[0] <= "\u04ff" else OTHER_STEM
    prefix = folded[: length + 1]
    while len(prefix) > MIN_WORD_LETTERS and prefix[-1] in _TRAILING_VOWELS:
        prefix = prefix[:-1]
    return folded, prefix[:length]


def _token_terms(token: str, stops: frozenset[str]) -> tuple[str, ...]:
    """The stems of the words of one whitespace-separated token."""
    token = token.split("](", 1)[0]  # "[text](https://…)": the link text counts, its target not
    if "://" in token or "@" in token or token.casefold().startswith(("www.", "(www.")):
        return ()
    stems = (stem(word) for word in _WORD.findall(token.casefold()))
    return tuple(term for folded, term in stems if term and folded not in stops)


# Per language, the stems of each token seen. Texts repeat their tokens, so this cache does
# most of the work: splitting on whitespace and looking tokens up is several times faster
# than a Unicode regex over the whole text.
_TOKEN_CACHES: dict[frozenset[str], dict[str, tuple[str, ...]]] = {}
_TOKEN_CACHE_SIZE = 200_000


def _token_counts(text: str) -> Counter[str]:
    text = unicodedata.normalize("NFC", text)
    if "<" in text or "&" in text or "]:" in text:
        text = _SPANNING_MARKUP.sub(" ", text)
    return Counter(text.split())


def distinctive_terms(title: str, lead: str, body: str, lang: str) -> dict[str, float]:
    """At most 16 stems that characterise the text, heaviest first (ties by stem).

    A stem weighs its frequency, a title word three times and a lead word twice; the
    weights are scaled to unit length so that long texts do not outweigh short ones.
    """
    stops = stop_words(lang)
    cache = _TOKEN_CACHES.setdefault(stops, {})
    if len(cache) > _TOKEN_CACHE_SIZE:
        cache.clear()
    counts: dict[str, int] = {}
    for text, factor in ((title, TITLE_FACTOR), (lead, LEAD_FACTOR), (body, BODY_FACTOR)):
        if not text:
            continue
        for token, count in _token_counts(text).items():
            terms = cache.get(token)
            if terms is None:
                terms = cache[token] = _token_terms(token, stops)
            for term in terms:
                counts[term] = counts.get(term, 0) + factor * count
    if len(counts) > MAX_TERMS:
        lightest = sorted(counts.values(), reverse=True)[MAX_TERMS - 1]
        counts = {term: count for term, count in counts.items() if count >= lightest}
    best = sorted((-count, term) for term, count in counts.items())[:MAX_TERMS]
    norm = math.sqrt(sum(count * count for count, _ in best))
    return {term: round(-count / norm, 6) for count, term in best}
