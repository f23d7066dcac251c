"""Small built-in stop-word lists (tg, ru, en): frequent words of four letters or more.

Shorter words are dropped anyway, so only longer function words and press-release
filler are listed. Other languages have none.
"""

from __future__ import annotations

from app.core.search import fold

_LISTS = {
    "tg": """
        агар аммо барои бояд бошад бошанд бисёр байни баъд баъзе бораи буданд будааст
        вобаста гардид гардидааст гуфт гуфта доир дорад доранд зимни зиёда инчунин кард карда
        кардааст карданд кардан лекин мебошад мебошанд мегардад мекунад мекунанд менамояд
        мешавад мешаванд мувофиқи намуда намудааст намуд намоянд онҳо тамоми тавассути
        тибқи ҳама ҳамаи ҳамин ҳамчунин ҳангоми ҳастанд худро чунин шудааст шуданд ҷониби
        ҳамон ҳаргуна инҳо кадом
    """,
    "ru": """
        более будет будут было были быть весь всего всех году года другие если есть здесь
        именно каждый какой когда которая которого которое которой которые который которых
        кроме между может можно него нибудь однако очень после также такие такой там того
        тоже только чтобы этим этих этого этой этом этот является являются свой своей своих
        своим свою сегодня через либо пока рамках
    """,
    "en": """
        about after again also been before being between both could does doing down during
        each from further have having here into itself more most must only other over said
        same should some such than that their them then there these they this those through
        under until very were what when where which while will with would your year years
    """,
}

STOP_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(fold(word) for word in words.split()) for lang, words in _LISTS.items()
}


def stop_words(lang: str) -> frozenset[str]:
    """The folded stop words of a language code such as ``ru`` or ``ru-RU``; none if unknown."""
    return STOP_WORDS.get(lang.replace("_", "-").split("-")[0].lower(), frozenset())
