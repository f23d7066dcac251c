"""The pre-publish checklist blocks scheduling until it passes or an editor overrides it."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.core import checklist, workflow
from app.core.content import TextContent
from app.core.db import Database
from app.core.models import AuditEvent, Statement, Status
from app.core.settings import load_settings, save_settings
from app.core.sqltypes import utcnow
from tests.core.conftest import Office, new_statement


def approved(db: Database, office: Office, content: TextContent) -> int:
    sid = new_statement(db, office.writer, content)
    with db.transaction() as s:
        workflow.submit(s, sid, office.writer)
        workflow.approve(s, sid, None, office.editor)
    return sid


@pytest.fixture
def tajik_only(db: Database) -> None:
    with db.transaction() as s:
        save_settings(s, replace(load_settings(s), required_langs=("tg",)))


def test_linked_slugs() -> None:
    body = (
        "See [the visit](../../2024/05/visit-to-khujand.html) and [ref][1], "
        "[web](https://example.org/tg/2024/05/x.html), [CON](/ru/2020/01/con_.html#top).\n\n"
        "[1]: <tg/2023/11/budget.html>\n"
    )
    assert checklist.linked_slugs(body) == ["visit-to-khujand", "con", "budget"]


def test_each_item_fails_and_passes(db: Database, office: Office, tajik_only: None) -> None:
    long_title = "Ҳ" * 130
    sid = approved(
        db,
        office,
        TextContent(long_title, "", "Бинед [инро](../../2024/05/nest.html).\n"),
    )
    with db.reading() as s:
        failures = checklist.run(s, sid, load_settings(s))
    assert [f.code for f in failures] == ["title_length", "lead", "link"]
    assert "130 characters (at most 120)" in failures[0].message
    assert "“nest”, which no statement has" in failures[2].message
    with db.transaction() as s:
        save_settings(
            s,
            replace(
                load_settings(s), checklist_title_max=0, checklist_lead=False, checklist_links=False
            ),
        )
    with db.reading() as s:
        assert checklist.run(s, sid, load_settings(s)) == []


def test_a_failing_checklist_blocks_scheduling_unless_overridden(
    db: Database, office: Office, tajik_only: None
) -> None:
    sid = approved(db, office, TextContent("Изҳорот", "", "Матн.\n"))
    at = utcnow() + timedelta(hours=1)
    with (
        pytest.raises(checklist.ChecklistFailed, match="the tg text has no lead"),
        db.transaction() as s,
    ):
        workflow.schedule(s, sid, office.editor, at)
    with db.transaction() as s:
        workflow.schedule(s, sid, office.editor, at, override_reason="Срочно: без лида.")
    with db.reading() as s:
        assert s.get(Statement, sid).status is Status.SCHEDULED
        (event,) = s.scalars(select(AuditEvent).where(AuditEvent.action == "checklist.overridden"))
        assert "Срочно" in event.details and "no lead" in event.details


def test_the_glossary_is_checked_before_scheduling(
    db: Database, office: Office, tajik_only: None
) -> None:
    from app.core.models import GlossaryTerm

    with db.transaction() as s:
        s.add_all(
            [
                GlossaryTerm(
                    concept="president",
                    lang="tg",
                    term="Президенти Ҷумҳурии Тоҷикистон",
                    forbidden="Раиси ҷумҳур",
                ),
                GlossaryTerm(
                    concept="president", lang="ru", term="Президент Республики Таджикистан"
                ),
            ]
        )
    sid = approved(db, office, TextContent("Паём", "Раиси ҷумҳур суханронӣ кард.", "Матн.\n"))
    with db.reading() as s:
        failures = checklist.run(s, sid, load_settings(s))
    assert [f.code for f in failures] == ["glossary"]
    assert "writes “Раиси ҷумҳур” where the glossary has “Президенти Ҷумҳурии" in (
        failures[0].message
    )


@pytest.mark.parametrize("required", [("tg", "ru"), ("ru",)])
def test_a_translation_lacking_a_term_of_its_source_fails(
    db: Database, office: Office, required: tuple[str, ...]
) -> None:
    """The source is compared whether or not its own language is required."""
    from app.core.models import GlossaryTerm
    from app.core.statements import save_text

    with db.transaction() as s:
        save_settings(s, replace(load_settings(s), required_langs=required))
        s.add_all(
            [
                GlossaryTerm(concept="president", lang="tg", term="Президенти Ҷумҳурии Тоҷикистон"),
                GlossaryTerm(
                    concept="president", lang="ru", term="Президент Республики Таджикистан"
                ),
            ]
        )
    sid = new_statement(
        db, office.writer, TextContent("Паём", "Президенти Ҷумҳурии Тоҷикистон гуфт.", "Матн.\n")
    )
    with db.transaction() as s:
        save_text(
            s,
            sid,
            "ru",
            TextContent("Послание", "Глава государства сказал.", "Текст.\n"),
            actor_id=office.translator,
        )
    with db.reading() as s:
        failures = checklist.run(s, sid, load_settings(s))
    assert [(f.code, f.lang) for f in failures] == [("glossary", "ru")]
    assert "lacks the glossary's “Президент Республики Таджикистан”" in failures[0].message
