"""What a text says (title, lead, body, image caption) and the hash that identifies it."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from typing import Protocol

from app.core.hygiene import clean_line, clean_text


class StoredText(Protocol):
    title: str
    lead: str
    body: str
    image_caption: str


@dataclass(frozen=True, slots=True)
class TextContent:
    title: str
    lead: str = ""
    body: str = ""
    image_caption: str = ""

    @classmethod
    def of(cls, stored: StoredText) -> TextContent:
        """The four fields of a stored revision (or any row that has them)."""
        return cls(stored.title, stored.lead, stored.body, stored.image_caption)

    def normalized(self) -> TextContent:
        """What gets stored: NFC, only characters XML can carry, LF line breaks (spaces in
        the one-line title and caption), and no blanks around title, lead and caption."""

        def text(value: str) -> str:
            return unicodedata.normalize("NFC", clean_text(value))

        def line(value: str) -> str:
            return unicodedata.normalize("NFC", clean_line(value)).strip()

        return TextContent(
            title=line(self.title),
            lead=text(self.lead).strip(),
            body=text(self.body),
            image_caption=line(self.image_caption),
        )

    @property
    def content_hash(self) -> str:
        """SHA-256 over the four fields, unambiguous whatever they contain."""
        digest = hashlib.sha256()
        for part in (self.title, self.lead, self.body, self.image_caption):
            encoded = part.encode("utf-8")
            digest.update(len(encoded).to_bytes(8, "big"))
            digest.update(encoded)
        return digest.hexdigest()
