"""A real small site (tests/core/data/import/site, built by Hugo and Pelican themselves)
imported, imported again, exported: every address kept, nothing changed the second time."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import select

from app.core.db import Database
from app.core.export.run import export_site
from app.core.models import Statement, Status
from tests.core.conftest import import_as_admin

SITE = Path(__file__).parent / "data" / "import" / "site"
# The page addresses Hugo 0.168 and Pelican 4.12 wrote for this content (see README.md);
# for Hugo, those of the first language of each page.
HUGO_ADDRESSES = {
    "budget-2024",
    "congrats-2020",
    "congrats-2021",
    "congrats-2022",
    "statement",
    "working-visit-2023.05",
}
PELICAN_ADDRESSES = {
    "congratulatory-message-2020",
    "congratulatory-message-2021",
    "press-service-statement",
    "python-virtualenv-on-mac-osx-mountain-lion-10.8",
    "undated-note",
    "unlisted-note",
}


def site_files(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and ".pressdesk" not in p.parts
    }


def test_the_site_keeps_its_addresses_and_imports_again_unchanged(
    db: Database, tmp_path: Path
) -> None:
    shutil.copytree(SITE, tmp_path / "site")
    content = [tmp_path / "site" / "hugo" / "content", tmp_path / "site" / "pelican" / "content"]
    first = import_as_admin(db, content)
    assert first.errors == []
    assert any("skipped.md" in note for note in first.notes)
    assert any("undated.md: no date" in warning for warning in first.warnings)
    with db.transaction() as s:
        published = set(
            s.scalars(select(Statement.slug).where(Statement.status == Status.PUBLISHED))
        )
        drafts = set(s.scalars(select(Statement.slug).where(Statement.status == Status.DRAFT)))
        hidden = set(s.scalars(select(Statement.slug).where(Statement.hidden)))
    assert published == HUGO_ADDRESSES | PELICAN_ADDRESSES
    assert drafts == {"unfinished", "draft-thoughts"} and hidden == {"unlisted-note"}
    report = export_site(db, tmp_path / "out", workers=1, base_url="https://press.example.tj")
    assert report.ok
    before = site_files(tmp_path / "out")
    assert "en/2012/09/python-virtualenv-on-mac-osx-mountain-lion-10.8.html" in before
    assert "tg/2023/05/working-visit-2023.05.html" in before

    second = import_as_admin(db, content)
    assert (second.created, second.updated, second.errors) == (0, 0, [])
    assert second.unchanged == first.created
    again = export_site(db, tmp_path / "out", workers=1, base_url="https://press.example.tj")
    assert again.written == [] and again.removed == []
    assert site_files(tmp_path / "out") == before
