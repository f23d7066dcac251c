"""Spell checking of statement texts through Enchant (pyenchant), with a personal word list.

Everything here degrades silently: without the Enchant library or without a dictionary for a
language, `SpellChecker.for_language` returns None and callers simply show no underlines.

Tajik has no dictionary in most distributions, so an office can drop a Hunspell pair (`tg.dic` and
`tg.aff`, or `tg_TJ.*`) into a folder such as the user-data `dictionaries/` folder. Enchant 2 has
no call to add a dictionary folder; it does read the `ENCHANT_CONFIG_DIR` variable each time a
dictionary is requested, so the pair is copied into a private `hunspell/` folder and the variable
points there for the duration of that one request.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

try:
    import enchant
except (ImportError, OSError):  # pyenchant missing, or the C library it wraps
    enchant = None

log = logging.getLogger(__name__)

# A word is a run of letters, possibly joined by an apostrophe ("don't", "д’Артаньян"); digits,
# underscores and hyphens end it, so each half of a hyphenated compound is checked on its own.
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

# Regional dictionaries to try first for a bare language code, best first.
_PREFERRED_TAGS: dict[str, tuple[str, ...]] = {
    "ru": ("ru_RU",),
    "en": ("en_US", "en_GB"),
    "tg": ("tg_TJ",),
}

_CACHE_LIMIT = 50_000
_env_lock = threading.Lock()


class SpellingBackend(Protocol):
    """What a dictionary must offer; `enchant.Dict` fits."""

    def check(self, word: str) -> bool: ...

    def suggest(self, word: str) -> list[str]: ...


def iter_words(text: str) -> Iterator[tuple[int, str]]:
    """Yield (offset, word) for each word of `text` that spell checking considers."""
    for match in _WORD.finditer(text):
        yield match.start(), match.group()


def _normalise_tag(lang: str) -> str:
    return lang.strip().replace("-", "_")


def _candidate_tags(lang: str, known: list[str]) -> list[str]:
    tag = _normalise_tag(lang)
    base = tag.split("_")[0].lower()
    candidates = [tag, base] if "_" in tag else [*_PREFERRED_TAGS.get(base, ()), base]
    candidates += sorted(t for t in known if t.split("_")[0].lower() == base)
    return list(dict.fromkeys(candidates))


def _folder_tags(folder: Path | None) -> list[str]:
    if folder is None or not folder.is_dir():
        return []
    return sorted(dic.stem for dic in folder.glob("*.dic") if dic.with_suffix(".aff").is_file())


def _load_from_folder(folder: Path, tag: str) -> SpellingBackend | None:
    """Load the Hunspell pair `tag.dic`/`tag.aff` from `folder` through Enchant."""
    with tempfile.TemporaryDirectory(prefix="pressdesk-enchant-") as config_dir:
        hunspell_dir = Path(config_dir, "hunspell")
        hunspell_dir.mkdir()
        for suffix in (".dic", ".aff"):
            shutil.copyfile(folder / f"{tag}{suffix}", hunspell_dir / f"{tag}{suffix}")
        with _env_lock:
            previous = os.environ.get("ENCHANT_CONFIG_DIR")
            os.environ["ENCHANT_CONFIG_DIR"] = config_dir
            try:
                broker = enchant.Broker()
                if not broker.dict_exists(tag):
                    return None
                # Hunspell reads both files completely here, so the copies may go afterwards.
                return broker.request_dict(tag)
            finally:
                if previous is None:
                    del os.environ["ENCHANT_CONFIG_DIR"]
                else:
                    os.environ["ENCHANT_CONFIG_DIR"] = previous


class SpellChecker:
    """Checks words of one language against a dictionary, a personal word list and ignored words.

    "Add to dictionary" goes to the personal word list, kept in a plain UTF-8 file (one word a
    line) when `personal_words` is given; "Ignore" lasts as long as this object.
    """

    def __init__(
        self, backend: SpellingBackend, language: str, personal_words: Path | None = None
    ) -> None:
        self.language = language
        self._backend = backend
        self._personal_path = personal_words
        self._personal: set[str] = set()
        self._ignored: set[str] = set()
        self._cache: dict[str, bool] = {}
        if personal_words is not None and personal_words.is_file():
            text = personal_words.read_text(encoding="utf-8", errors="replace")
            self._personal = {line.strip() for line in text.splitlines() if line.strip()}

    @staticmethod
    def available_languages(extra_dict_dir: Path | None = None) -> list[str]:
        """Dictionary tags usable here (e.g. "en_US", "ru_RU", "tg"), sorted; [] without Enchant."""
        tags = set(_folder_tags(extra_dict_dir))
        if enchant is not None:
            try:
                tags.update(enchant.Broker().list_languages())
            except enchant.errors.Error:
                log.warning("Enchant could not list its dictionaries", exc_info=True)
        return sorted(tags)

    @classmethod
    def for_language(
        cls,
        lang: str,
        extra_dict_dir: Path | None = None,
        personal_words: Path | None = None,
    ) -> SpellChecker | None:
        """Return a checker for `lang` ("tg", "ru", "en", "en_GB", "ru-RU" …), or None.

        A Hunspell pair in `extra_dict_dir` wins over the system's dictionaries; for a bare code
        the regional dictionaries are tried in a sensible order (ru → ru_RU; en → en_US, en_GB).
        """
        if enchant is None:
            return None
        try:
            folder_tags = _folder_tags(extra_dict_dir)
            for tag in _candidate_tags(lang, folder_tags):
                if tag in folder_tags:
                    backend = _load_from_folder(extra_dict_dir, tag)
                    if backend is not None:
                        return cls(backend, tag, personal_words)
            broker = enchant.Broker()
            for tag in _candidate_tags(lang, broker.list_languages()):
                if broker.dict_exists(tag):
                    return cls(broker.request_dict(tag), tag, personal_words)
        except (enchant.errors.Error, OSError, ValueError):
            log.warning("No spell checking for %s", lang, exc_info=True)
        return None

    def check(self, word: str) -> bool:
        """True when `word` is spelt correctly, or is one that checking leaves alone.

        Single letters and all-capital abbreviations ("ООН", "NATO") are never flagged.
        """
        known = self._cache.get(word)
        if known is not None:
            return known
        if len(word) < 2 or word.isupper() or word in self._personal or word in self._ignored:
            result = True
        else:
            try:
                result = bool(self._backend.check(word))
            except Exception:  # a broken dictionary must never take the editor down
                log.debug("Dictionary failed on %r", word, exc_info=True)
                result = True
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = result
        return result

    def suggest(self, word: str) -> list[str]:
        """Replacement suggestions for `word`, best first ([] when the dictionary has none)."""
        try:
            return list(self._backend.suggest(word))
        except Exception:  # see check()
            log.debug("Dictionary failed to suggest for %r", word, exc_info=True)
            return []

    def misspellings(self, text: str) -> list[tuple[int, int]]:
        """(offset, length) of every misspelt word in `text`."""
        return [(start, len(word)) for start, word in iter_words(text) if not self.check(word)]

    def add_to_personal(self, word: str) -> None:
        """Accept `word` from now on, and remember it in the personal word list file."""
        if word in self._personal:
            return
        self._personal.add(word)
        self._cache.pop(word, None)
        if self._personal_path is not None:
            try:
                self._personal_path.parent.mkdir(parents=True, exist_ok=True)
                with self._personal_path.open("a", encoding="utf-8") as handle:
                    handle.write(word + "\n")
            except OSError:
                log.warning("Could not save %r to %s", word, self._personal_path, exc_info=True)

    def ignore(self, word: str) -> None:
        """Accept `word` for the rest of this session only."""
        self._ignored.add(word)
        self._cache.pop(word, None)

    @property
    def personal_words(self) -> frozenset[str]:
        return frozenset(self._personal)
