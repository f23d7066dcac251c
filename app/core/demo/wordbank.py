"""The three language banks compiled into parallel (tg, ru, en) blocks and slot dictionaries.

``corpus`` assembles a statement by picking ready-made blocks here and joining them, so the
per-statement work is indexing and string joins. Paragraph layouts (which sentences of a topic
form which paragraph) and list variants are drawn once, at import, from a fixed seed; a
statement then picks one layout, which keeps the three languages parallel by construction.
"""

from __future__ import annotations

import random
from types import ModuleType

from app.core.demo import words_en, words_ru, words_tg

LANGS = ("tg", "ru", "en")
BANKS: tuple[ModuleType, ...] = (words_tg, words_ru, words_en)

Triple = tuple[str, str, str]
Counts = tuple[int, int, int]

# (month, day) of each entry of HOLIDAYS in the language banks.
HOLIDAY_DATES = (
    (1, 1),
    (2, 23),
    (3, 8),
    (3, 21),
    (5, 9),
    (5, 23),
    (6, 27),
    (9, 9),
    (10, 5),
    (11, 6),
    (11, 24),
)
NAVRUZ = 3
# Region index (into REGIONS) of each entry of CITIES.
_CITY_REGIONS = (0, 1, 1, 0, 0, 2, 3, 3, 1, 0, 3)
# Grammatical gender of each entry of OFFICIALS (Russian verbs agree with it).
_OFFICIAL_GENDERS = ("m", "m", "f", "m", "f", "m", "f", "m", "f", "m", "m", "f", "m", "f")
SITE_URLS = {
    "mfa": "https://mfa.tj/{lang}/",
    "khovar": "https://khovar.tj/{lang}/",
    "energy": "https://mewr.gov.tj/{lang}/",
    "economy": "https://medt.tj/{lang}/",
    "education": "https://maorif.tj/{lang}/",
    "culture": "https://mfarhang.tj/{lang}/",
    "health": "https://moh.tj/{lang}/",
    "agriculture": "https://moa.tj/{lang}/",
    "stat": "https://stat.tj/{lang}/",
    "water": "https://dushanbewaterprocess.org/{lang}/",
}

_LAYOUT_SEED = 20261129
_LAYOUTS_PER_TOPIC = 48
_LISTS_PER_TOPIC = 24
_PARAGRAPH_SIZES = (2, 3, 3, 4)


class Block:
    """One Markdown block in the three languages, with its word count in each."""

    __slots__ = ("text", "words")

    def __init__(self, text: Triple) -> None:
        self.text = text
        self.words: Counts = (len(text[0].split()), len(text[1].split()), len(text[2].split()))


def _column(field: str, topic: str) -> tuple[Triple, ...]:
    columns = [bank.TOPICS[topic][field] for bank in BANKS]
    if len({len(c) for c in columns}) != 1:
        raise ValueError(f"language banks disagree on the length of {topic}.{field}")
    return tuple(zip(*columns, strict=True))


def _parallel(name: str) -> tuple[Triple, ...]:
    columns = [getattr(bank, name) for bank in BANKS]
    if len({len(c) for c in columns}) != 1:
        raise ValueError(f"language banks disagree on the length of {name}")
    return tuple(zip(*columns, strict=True))


def _list_block(items: list[Triple], numbered: bool, punctuate: bool) -> Block:
    """A bullet or numbered list; lower-case items get «;» and a final «.» as in official prose."""
    last = len(items) - 1
    rendered = []
    for j in range(3):
        lines = []
        for n, item in enumerate(items):
            marker = f"{n + 1}." if numbered else "-"
            end = ("." if n == last else ";") if punctuate else ""
            lines.append(f"{marker} {item[j]}{end}")
        rendered.append("\n".join(lines))
    return Block(tuple(rendered))


class Topic:
    """The compiled templates of one topic."""

    __slots__ = (
        "captions",
        "headings",
        "intros",
        "key",
        "layouts",
        "leads",
        "lists",
        "quotes",
        "titles",
    )

    def __init__(self, key: str, rng: random.Random) -> None:
        self.key = key
        self.titles = _column("titles", key)
        self.leads = _column("leads", key)
        self.intros = tuple(Block(t) for t in _column("intros", key))
        self.headings = tuple(Block(tuple("## " + h for h in t)) for t in _column("headings", key))
        self.captions = _column("captions", key)
        # The banks' QUOTE patterns place the full stop (inside “” in English, after «» in
        # Tajik and Russian), so each quotation's own stop is dropped here.
        self.quotes = tuple(
            Block(tuple(b.QUOTE.format(q.removesuffix(".")) for b, q in zip(BANKS, t, strict=True)))
            for t in _column("quotes", key)
        )
        sentences = _column("sentences", key)
        self.layouts = tuple(self._layout(sentences, rng) for _ in range(_LAYOUTS_PER_TOPIC))
        intro = Block(tuple(bank.TOPICS[key]["items_intro"] for bank in BANKS))
        items = _column("items", key)
        self.lists = tuple(
            (intro, _list_block(rng.sample(items, rng.randint(3, 5)), rng.random() < 0.5, True))
            for _ in range(_LISTS_PER_TOPIC)
        )

    @staticmethod
    def _layout(sentences: tuple[Triple, ...], rng: random.Random) -> tuple[Block, ...]:
        """All sentences of the topic in a random order, cut into paragraphs of 2–4 sentences."""
        order = rng.sample(range(len(sentences)), len(sentences))
        paragraphs: list[list[int]] = []
        while order:
            size = rng.choice(_PARAGRAPH_SIZES)
            paragraphs.append(order[:size])
            order = order[size:]
        if len(paragraphs) > 1 and len(paragraphs[-1]) == 1:
            last = paragraphs.pop()
            paragraphs[-1] += last
        return tuple(
            Block(tuple(" ".join(sentences[i][j] for i in p) for j in range(3))) for p in paragraphs
        )


_rng = random.Random(_LAYOUT_SEED)
TOPICS = {key: Topic(key, _rng) for key in words_en.TOPICS}
if not words_en.TOPICS.keys() == words_ru.TOPICS.keys() == words_tg.TOPICS.keys():
    raise ValueError("language banks disagree on the topics")
QUOTE_INTROS = tuple(Block(t) for t in _parallel("QUOTE_INTROS"))
_documents = _parallel("DOCUMENTS")
_documents_intro = Block(tuple(bank.DOCUMENTS_INTRO for bank in BANKS))
DOCUMENT_LISTS = tuple(
    (_documents_intro, _list_block(_rng.sample(_documents, _rng.randint(2, 5)), True, False))
    for _ in range(_LISTS_PER_TOPIC)
)
LINKS = {
    site: tuple(
        Block(
            tuple(
                sentence.replace("{link}", f"[{bank.SITES[site]}]({url})")
                for bank, sentence in zip(BANKS, sentences, strict=True)
            )
        )
        for sentences in _parallel("LINK_SENTENCES")
    )
    for site, url in SITE_URLS.items()
}
del _rng


def _forms(entries: tuple, keys: tuple[str, ...]) -> list[dict[str, str]]:
    """Slot dictionaries for vocabulary whose entries are one form or a tuple of case forms."""
    return [
        {k: e for k in keys} if isinstance(e, str) else dict(zip(keys, e, strict=True))
        for e in entries
    ]


class Vocabulary:
    """Slot values of one language as ready-to-merge dictionaries, indexed like the banks."""

    __slots__ = (
        "cities",
        "countries",
        "holidays",
        "officials",
        "officials2",
        "ordinals",
        "positions",
        "roles",
    )

    def __init__(self, bank: ModuleType) -> None:
        self.countries = _forms(
            bank.COUNTRIES, ("country", "country_gen", "country_acc", "country_prep")
        )
        self.roles = _forms(bank.ROLES, ("role", "role_acc", "role_ins"))
        regions = _forms(bank.REGIONS, ("region", "region_gen", "region_acc", "region_prep"))
        self.cities = _forms(bank.CITIES, ("city", "city_prep"))
        for city, region in zip(self.cities, _CITY_REGIONS, strict=True):
            city.update(regions[region])
        self.officials = _forms(bank.OFFICIALS, ("official",))
        self.officials2 = _forms(bank.OFFICIALS, ("official2",))
        for one, two, gender in zip(
            self.officials, self.officials2, _OFFICIAL_GENDERS, strict=True
        ):
            one.update(bank.GENDER[gender])
            two.update(bank.GENDER2[gender])
        # A decree appoints one official and relieves another: both positions in one dictionary.
        single = _forms(bank.POSITIONS, ("position", "position_gen"))
        second = _forms(bank.POSITIONS, ("position2", "position2_gen"))
        self.positions = [[{**a, **b} for b in second] for a in single]
        self.holidays = _forms(bank.HOLIDAYS, ("holiday", "holiday_gen", "holiday_ins"))
        self.ordinals = _forms(bank.ORDINALS, ("unit", "unit_gen"))


VOCABULARIES = tuple(Vocabulary(bank) for bank in BANKS)
if len(VOCABULARIES[0].holidays) != len(HOLIDAY_DATES):
    raise ValueError("every holiday in the language banks needs a date in HOLIDAY_DATES")
for _name in Vocabulary.__slots__:
    if len({len(getattr(v, _name)) for v in VOCABULARIES}) != 1:
        raise ValueError(f"language banks disagree on the number of {_name}")
