"""The preview: the exact page the export writes for a statement, from what is being typed."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import processes, related
from app.core.content import TextContent
from app.core.db import Database
from app.core.errors import PressDeskError
from app.core.export import layout
from app.core.export.site import PublishedText, SitePlan, load_published, with_body
from app.core.media import MediaStore
from app.core.models import Media
from app.core.render import cache, pages
from app.core.render.bounded import RenderError, render_body_bounded
from app.core.render.theme import Theme, ThemeError
from app.core.settings import load_settings, office_theme_dir
from app.core.sqltypes import utcnow

_FOLDER_PREFIX = "pressdesk-preview-"


def sweep_stale_folders(parent: Path | None = None) -> list[Path]:
    """Removes the private folders of previews whose app has ended without removing them
    (killed, or crashed); returns them. A folder's name carries its app's process id; only
    real folders of this user, of an app no longer running, are removed."""
    parent = Path(parent or tempfile.gettempdir())
    removed = []
    for folder in parent.glob(f"{_FOLDER_PREFIX}*-*"):
        pid = folder.name[len(_FOLDER_PREFIX) :].split("-", 1)[0]
        if not pid.isdigit() or processes.alive(int(pid)):
            continue
        try:
            info = folder.lstat()
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != getattr(os, "getuid", lambda: 0)():
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


@dataclass(frozen=True, slots=True)
class PreviewPage:
    html: str
    # Where the page would be in the exported site: load the HTML with this as its base
    # URL and its links to assets, images and other pages resolve.
    base_url: Path


class PreviewRenderer:
    """Renders preview pages into a private site folder holding the theme assets and images.

    The theme is ``theme_dir`` if given, else the office's theme folder, as for the export:
    the preview follows a change of the office's theme setting at its next render.
    """

    def __init__(self, db: Database, theme_dir: Path | None = None) -> None:
        self.db = db
        self.theme_dir = theme_dir
        self._theme: Theme | None = None
        self._theme_from: Path | None = None
        sweep_stale_folders()
        self._folder = Path(tempfile.mkdtemp(prefix=f"{_FOLDER_PREFIX}{os.getpid()}-"))
        self._media = MediaStore.for_database(db)

    def close(self) -> None:
        shutil.rmtree(self._folder, ignore_errors=True)

    def theme(self, office_theme: Path | None = None) -> Theme:
        wanted = self.theme_dir or office_theme
        if self._theme is None or wanted != self._theme_from:
            try:
                theme = Theme.load(wanted)
            except ThemeError as error:
                raise PressDeskError(f"the site theme cannot be used: {error}") from error
            shutil.rmtree(self._folder / "assets", ignore_errors=True)
            for relative, source in theme.assets():
                target = self._folder / "assets" / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
            self._theme, self._theme_from = theme, wanted
        return self._theme

    def render(
        self,
        statement_id: int | None,
        lang: str,
        content: TextContent,
        *,
        tags: tuple[str, ...] = (),
        lead_media_id: int | None = None,
    ) -> PreviewPage:
        """The page for ``content`` as it would be published, with its related-articles sidebar.

        Raises :class:`PressDeskError` with a clear message when the body cannot be
        rendered in time (the preview shows it instead of freezing).
        """
        content = content.normalized()
        now = utcnow()
        with self.db.reading() as session:
            settings = load_settings(session)
            theme = self.theme(office_theme_dir(settings))
            own = (
                load_published(
                    session, settings, statement_ids=[statement_id], at=now, as_drafted=True
                )
                if statement_id is not None
                else []
            )
            current = next((t for t in own if t.lang == lang), None)
            others = [t for t in own if t.lang != lang]
            when = current.published_at if current else now
            terms = related.distinctive_terms(content.title, content.lead, content.body, lang)
            related_ids = related.related_for(
                session,
                statement_id,
                lang,
                when,
                settings.related_count,
                terms=terms,
                tags=tags,
            )
            neighbours = load_published(session, settings, statement_ids=related_ids, at=now)
            media = session.get(Media, lead_media_id) if lead_media_id else None
            body_html = cache.cached(session, [(content.content_hash, lang)]).get(
                (content.content_hash, lang)
            )
            if media is not None:
                self._ensure_media(session, media)
        slug = current.slug if current else (own[0].slug if own else "preview")
        text = PublishedText(
            statement_id=statement_id or 0,
            slug=slug,
            lang=lang,
            title=content.title,
            lead=content.lead,
            image_caption=content.image_caption,
            content_hash=content.content_hash,
            published_at=when,
            updated_at=when,
            lead_media=media.file_name if media else None,
            lead_size=(media.width, media.height) if media else None,
            tags=tuple(sorted(set(tags))),
            path=current.path if current else layout.article_path(lang, when, slug),
            listed=current.listed if current else True,
            corrections=current.corrections if current else (),
        )
        plan = SitePlan(
            settings,
            [text, *others, *(n for n in neighbours if n.lang == lang)],
            lambda _sid, _lang: list(related_ids),
        )
        if body_html is None:
            try:
                body_html = render_body_bounded(content.body, lang)
            except RenderError as error:
                raise PressDeskError(
                    f"the preview cannot show this text: {error.reason}"
                ) from error
        view = with_body(plan.article_view(text), body_html)
        for name in (*layout.media_in_html(body_html), *filter(None, [settings.logo])):
            self._ensure_media_file(name)
        html = pages.render_article(theme, plan.site, view)
        return PreviewPage(html=html, base_url=self._folder / text.path)

    def _ensure_media(self, session: Session, media: Media) -> None:
        target = self._folder / layout.media_path(media.file_name)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(self._media.read(session, media.id))

    def _ensure_media_file(self, name: str) -> None:
        target = self._folder / layout.media_path(name)
        if target.exists():
            return
        with self.db.reading() as session:
            media = session.scalar(select(Media).where(Media.sha256 == name.split(".")[0]))
            if media is not None:
                self._ensure_media(session, media)
