"""Alt and a letter reach exactly one thing: within each menu (and the menu bar) no two
entries share their underlined letter, in every interface language. Two entries with the same
letter make Qt cycle between them instead of acting, so the keyboard path silently stops."""

from __future__ import annotations

from collections import defaultdict

import pytest
from PySide6.QtGui import QAction

from app.core.desk import Desk


def mnemonic(text: str) -> str | None:
    """The letter after a single '&' (Qt's rule: '&&' is a literal ampersand)."""
    i = 0
    while (i := text.find("&", i)) != -1 and i + 1 < len(text):
        if text[i + 1] != "&":
            return text[i + 1].casefold()
        i += 2
    return None


def clashes(title: str, actions: list[QAction]) -> list[str]:
    letters: dict[str, list[str]] = defaultdict(list)
    found = []
    for action in actions:
        if action.isSeparator() or not action.isVisible():
            continue
        if (letter := mnemonic(action.text())) is not None:
            letters[letter].append(action.text())
        if (menu := action.menu()) is not None:
            found += clashes(action.text(), menu.actions())
    found += [f"{title}: {' / '.join(texts)}" for texts in letters.values() if len(texts) > 1]
    return found


def test_mnemonic_reads_qts_rule() -> None:
    assert mnemonic("S&chedule…") == "c"
    assert mnemonic("Tom && &Jerry") == "j"
    assert mnemonic("No letter") is None


@pytest.mark.parametrize("lang", ["en", "ru", "tg"])
def test_no_two_entries_of_a_menu_share_their_letter(
    lang: str, speak, open_window, desk: Desk
) -> None:
    speak(lang)
    window = open_window(desk)
    bar = window.menuBar()
    found = clashes("menu bar", bar.actions())
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", ["ru", "tg"])
def test_a_translation_keeps_the_letter_of_its_original(lang: str) -> None:
    from tests.ui.test_interface_language import catalog

    lost = [
        f"{message.id!r} → {message.string!r}"
        for message in catalog(lang)
        if isinstance(message.id, str)
        and message.string
        and (mnemonic(message.id) is None) != (mnemonic(message.string) is None)
    ]
    assert not lost, "\n".join(lost)
