"""Core messages as sentences for dialogs: the core writes "x saved …", dialogs "X saved …"."""

from __future__ import annotations


def sentence(message: str) -> str:
    """The message with its first letter capitalised, the rest as the core wrote it."""
    return message[:1].upper() + message[1:]
