"""What a text says (title, lead, body, image caption) and the hash that identifies it."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TextContent:
    title: str
    lead: str = ""
    body: str = ""
    image_caption: str = ""

    def normalized(self) -> TextContent:
        """NFC, LF line endings and no trailing blanks on the title: what gets stored."""

        def norm(value: str) -> str:
            return unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))

        return TextContent(
            title=norm(self.title).strip(),
            lead=norm(self.lead).strip(),
            body=norm(self.body),
            image_caption=norm(self.image_caption).strip(),
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
