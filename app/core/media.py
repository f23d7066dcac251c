"""The content-addressed image store: files beside a SQLite database, rows in PostgreSQL."""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from pathlib import Path

from PIL import Image, UnidentifiedImageError
from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from app.core.db import Database
from app.core.errors import NotFoundError, PressDeskError
from app.core.models import Media
from app.core.safe_read import UnreadableFile, read_limited

MAX_IMAGE_BYTES = 40 * 1024 * 1024
# Pillow's own threshold (about 89 million pixels, a 9,500-pixel square); it only warns
# below twice that.
MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS or 89_478_485
_FORMATS = {
    "PNG": ("png", "image/png"),
    "JPEG": ("jpg", "image/jpeg"),
    "GIF": ("gif", "image/gif"),
    "WEBP": ("webp", "image/webp"),
}


class DamagedImage(PressDeskError):
    """An image whose bytes no longer match the SHA-256 it is stored under."""


class MediaStore:
    """Where image bytes live: ``folder`` for SQLite, the ``media.data`` column otherwise."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    @classmethod
    def for_database(cls, db: Database) -> MediaStore:
        return cls(db.media_dir)

    def add(self, session: Session, data: bytes, original_name: str = "") -> Media:
        """Stores an image once, whatever its name; the same bytes give the same row."""
        if len(data) > MAX_IMAGE_BYTES:
            raise PressDeskError(f"{original_name or 'image'} is larger than 40 MB")
        sha = hashlib.sha256(data).hexdigest()
        existing = session.scalar(select(Media).where(Media.sha256 == sha))
        if existing is not None:
            return existing
        name = original_name or "image"
        try:
            with Image.open(io.BytesIO(data)) as image:
                _check_pixels(image.size, name)
                image.verify()
            with Image.open(io.BytesIO(data)) as image:
                kind, size = image.format, image.size
        except Image.DecompressionBombError as error:
            raise PressDeskError(f"{name} has too many pixels to be a photo") from error
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            raise PressDeskError(f"{original_name or 'file'} is not a readable image") from error
        if kind not in _FORMATS:
            raise PressDeskError(f"{original_name or 'image'}: {kind} images are not supported")
        extension, mime = _FORMATS[kind]
        media = Media(
            sha256=sha,
            extension=extension,
            mime_type=mime,
            width=size[0],
            height=size[1],
            size=len(data),
            original_name=Path(original_name).name[:255],
            data=None if self.folder else data,
        )
        if self.folder:
            self._write_file(media.file_name, data)
        session.add(media)
        session.flush()
        return media

    def add_file(self, session: Session, path: Path) -> Media:
        """Stores the image file ``path``; its size is checked before a byte is read."""
        try:
            data = read_limited(path, MAX_IMAGE_BYTES, "image")
        except UnreadableFile as error:
            raise PressDeskError(f"{path.name}: {error}") from error
        return self.add(session, data, path.name)

    def read(self, session: Session, media_id: int) -> bytes:
        media = session.scalar(
            select(Media).options(undefer(Media.data)).where(Media.id == media_id)
        )
        if media is None:
            raise NotFoundError(f"image {media_id} does not exist")
        if media.data is not None:
            data = media.data
        elif self.folder is None:
            raise NotFoundError(f"image {media.file_name} has no stored bytes")
        else:
            try:
                data = (self.folder / media.file_name).read_bytes()
            except OSError as error:
                raise NotFoundError(
                    f"image file {media.file_name} is missing from the media folder"
                ) from error
        if hashlib.sha256(data).hexdigest() != media.sha256:
            raise DamagedImage(
                f"image file {media.file_name} is not the image it should be (its bytes do "
                "not match its name)"
            )
        return data

    def _write_file(self, name: str, data: bytes) -> None:
        assert self.folder is not None
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / name
        if target.exists() and target.stat().st_size == len(data):
            return
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.chmod(tmp, 0o644)  # mkstemp makes it private; images are office-wide
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def _check_pixels(size: tuple[int, int], name: str) -> None:
    """Refuses what Pillow only warns about: an image whose pixels would take gigabytes."""
    if size[0] * size[1] > MAX_IMAGE_PIXELS:
        raise PressDeskError(f"{name} has too many pixels to be a photo ({size[0]}×{size[1]})")


def resized(data: bytes, width: int) -> bytes:
    """A copy of the image ``width`` pixels wide, in its own format; the same bytes each time."""
    with Image.open(io.BytesIO(data)) as image:
        kind = image.format
        height = max(1, round(image.height * width / image.width))
        small = image.resize((width, height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if kind == "JPEG":
        small.convert("RGB").save(out, "JPEG", quality=82, progressive=True)
    else:
        small.save(out, kind)
    return out.getvalue()
