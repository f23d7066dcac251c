"""Ranking only the lists that changes can alter gives exactly what ranking everything gives."""

from __future__ import annotations

import random

from sqlalchemy import delete, select

from app.core import changes
from app.core.content import TextContent
from app.core.db import Database
from app.core.export.related_lists import RelatedLists
from app.core.live import live_at
from app.core.models import PublishedRevision, RelatedStatement, Statement, StatementText, Status
from app.core.related import RelatedFinder
from app.core.statements import save_text, set_tags
from tests.conftest import put_on_site
from tests.core.test_related import _TAGS, NOW, _build_corpus, _text, pin

LANGUAGES = ("ru", "en")


def listed(db: Database) -> dict[str, list[int]]:
    """The statements with a page in each language: live, with a text on the site in it."""
    with db.reading() as s:
        rows = s.execute(
            select(PublishedRevision.lang, Statement.id)
            .join(Statement, Statement.id == PublishedRevision.statement_id)
            .where(live_at(NOW), PublishedRevision.lang.in_(LANGUAGES))
            .order_by(Statement.id)
        )
        by_lang: dict[str, list[int]] = {}
        for lang, sid in rows:
            by_lang.setdefault(lang, []).append(sid)
        return by_lang


def export_rankings(db: Database) -> RelatedLists:
    """What an export does: rank (or reuse) and keep the lists."""
    with db.transaction() as s:
        ranked = RelatedLists(s, set(LANGUAGES), NOW, 5, changes.mark(s)[0])
        ranked.prepare(listed(db))
        ranked.store(s)
    return ranked


def everything_ranked(db: Database, lang: str, ids: list[int]) -> dict[str, list[int]]:
    with db.transaction() as s:
        finder = RelatedFinder.for_language(s, lang, NOW)
        return {str(sid): finder.related(sid, 5) for sid in ids}


def edit(db: Database, rng: random.Random, sid: int) -> None:
    with db.transaction() as s:
        texts = s.scalars(select(StatementText.lang).where(StatementText.statement_id == sid))
        choice = rng.randrange(4)
        if choice == 0:  # the text, much rewritten
            lang = rng.choice(sorted(texts))
            title, body = _text(rng, lang)
            save_text(s, sid, lang, TextContent(title, body=body), actor_id=None)
        elif choice == 1:  # the text, a few words added
            lang = rng.choice(sorted(texts))
            title, body = _text(rng, lang)
            save_text(s, sid, lang, TextContent(title, body=body + " " + body[:40]), actor_id=None)
        elif choice == 2:
            set_tags(s, sid, rng.sample(_TAGS, rng.randrange(3)))
        else:
            s.execute(delete(RelatedStatement).where(RelatedStatement.statement_id == sid))
            others = [i for i in s.scalars(select(Statement.id)) if i != sid]
            pin(s, sid, rng.sample(others, rng.randrange(0, 3)))


def test_only_the_lists_edits_can_alter_are_ranked_and_all_are_right(db: Database) -> None:
    ids = _build_corpus(db)
    rng = random.Random(7)
    first = export_rankings(db)
    assert set(first.ranked) == set(LANGUAGES)
    partial = 0
    for _ in range(12):
        for sid in rng.sample(ids, rng.randrange(1, 4)):
            edit(db, rng, sid)
        ranked = export_rankings(db)
        pages = listed(db)
        for lang in LANGUAGES:
            assert ranked.lists[lang] == everything_ranked(db, lang, pages[lang]), lang
            if 0 < ranked.ranked.get(lang, 0) < len(pages[lang]):
                partial += 1
    assert partial >= 6  # most rounds ranked only some lists


def test_a_change_of_candidates_ranks_the_whole_language(db: Database) -> None:
    ids = _build_corpus(db)
    export_rankings(db)
    with db.transaction() as s:
        statement = s.scalars(
            select(Statement).where(Statement.status == Status.DRAFT, Statement.id.in_(ids))
        ).first()
        put_on_site(s, statement.id, NOW)
    ranked = export_rankings(db)
    pages = listed(db)
    for lang in LANGUAGES:
        assert ranked.lists[lang] == everything_ranked(db, lang, pages[lang])
    assert any(ranked.ranked.get(lang) == len(pages[lang]) for lang in LANGUAGES)


def test_after_a_change_to_the_whole_site_every_list_is_ranked(db: Database) -> None:
    ids = _build_corpus(db)
    export_rankings(db)
    sid = listed(db)["ru"][0]
    with db.transaction() as s:
        title, body = _text(random.Random(3), "ru")
        save_text(s, sid, "ru", TextContent(title, body=body), actor_id=None)
        changes.note(s, None)  # e.g. terms stored again for every text
    ranked = export_rankings(db)
    pages = listed(db)
    assert ranked.ranked["ru"] == len(pages["ru"])
    assert ranked.lists["ru"] == everything_ranked(db, "ru", pages["ru"])
    assert ids
