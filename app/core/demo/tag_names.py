"""The demo's tags named in each of its languages, as an office names its topics."""

from __future__ import annotations

#: tag → (Tajik, Russian, English) name.
_NAMES: dict[str, tuple[str, str, str]] = {
    "agriculture": ("кишоварзӣ", "сельское хозяйство", "agriculture"),
    "appointments": ("таъинот", "назначения", "appointments"),
    "climate": ("иқлим", "климат", "climate"),
    "congratulations": ("табрикот", "поздравления", "congratulations"),
    "culture": ("фарҳанг", "культура", "culture"),
    "decrees": ("фармонҳо", "указы", "decrees"),
    "digital": ("иқтисоди рақамӣ", "цифровая экономика", "digital economy"),
    "diplomacy": ("дипломатия", "дипломатия", "diplomacy"),
    "economy": ("иқтисод", "экономика", "economy"),
    "education": ("маориф", "образование", "education"),
    "energy": ("энергетика", "энергетика", "energy"),
    "foreign-policy": ("сиёсати хориҷӣ", "внешняя политика", "foreign policy"),
    "health": ("тандурустӣ", "здравоохранение", "health"),
    "heritage": ("мероси фарҳангӣ", "культурное наследие", "cultural heritage"),
    "holidays": ("идҳо", "праздники", "holidays"),
    "hydropower": ("гидроэнергетика", "гидроэнергетика", "hydropower"),
    "industry": ("саноат", "промышленность", "industry"),
    "infrastructure": ("инфрасохтор", "инфраструктура", "infrastructure"),
    "investment": ("сармоягузорӣ", "инвестиции", "investment"),
    "meetings": ("мулоқотҳо", "встречи", "meetings"),
    "navruz": ("Наврӯз", "Навруз", "Navruz"),
    "regions": ("минтақаҳо", "регионы", "regions"),
    "rogun": ("НБО «Роғун»", "Рогунская ГЭС", "Rogun HPP"),
    "science": ("илм", "наука", "science"),
    "security": ("амният", "безопасность", "security"),
    "social": ("ҳифзи иҷтимоӣ", "социальная защита", "social protection"),
    "sport": ("варзиш", "спорт", "sport"),
    "telephone-talks": ("суҳбатҳои телефонӣ", "телефонные разговоры", "telephone talks"),
    "trade": ("тиҷорат", "торговля", "trade"),
    "transport": ("нақлиёт", "транспорт", "transport"),
    "visits": ("сафарҳо", "визиты", "visits"),
    "water": ("об", "вода", "water"),
    "youth": ("ҷавонон", "молодёжь", "youth"),
}


def names(tag: str) -> dict[str, str]:
    """The tag's name in each demo language (none for a tag the demo does not know)."""
    found = _NAMES.get(tag)
    return dict(zip(("tg", "ru", "en"), found, strict=True)) if found else {}
