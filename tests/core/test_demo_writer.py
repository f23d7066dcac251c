"""The demo's scheduled statements lie ahead of whoever loads it, whenever that is."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.core.db import Database
from app.core.demo.corpus import REFERENCE_DATE, generate
from app.core.demo.writer import schedule_shift, write_demo
from app.core.models import Statement, Status


@pytest.mark.parametrize(
    ("behind", "weeks"),
    [
        (timedelta(days=-3), 0),
        (timedelta(0), 0),
        (timedelta(hours=1), 1),
        (timedelta(days=7), 1),
        (timedelta(days=7, seconds=1), 2),
        (timedelta(days=400), 58),
    ],
)
def test_the_shift_is_whole_weeks_reaching_now(behind: timedelta, weeks: int) -> None:
    assert schedule_shift(REFERENCE_DATE + behind) == timedelta(weeks=weeks)


def test_scheduled_demo_statements_fall_due_after_the_day_it_is_loaded(db: Database) -> None:
    loaded = REFERENCE_DATE + timedelta(days=45, hours=5)
    write_demo(db, 60, now=loaded)
    corpus = {d.scheduled_at for d in generate(60, seed=1) if d.scheduled_at is not None}
    with db.reading() as s:
        scheduled = set(
            s.scalars(select(Statement.scheduled_at).where(Statement.status == Status.SCHEDULED))
        )
    assert scheduled and all(at > loaded for at in scheduled)
    # The same weekday and hour as the corpus's, whole weeks later.
    assert scheduled == {at + timedelta(weeks=7) for at in corpus}


def test_demo_tags_are_named_in_each_language_unless_the_office_had_them(db: Database) -> None:
    from app.core.models import Tag, TagName
    from app.core.translation.addresses import names_in

    with db.transaction() as s:
        s.add(Tag(name="energy"))  # the office's own tag, before the demo
    write_demo(db, 60)
    with db.reading() as s:
        ids = dict(s.execute(select(Tag.name, Tag.id)).all())
        named = names_in(s, set(ids.values()), ("tg", "ru", "en"))
        assert named[(ids["diplomacy"], "tg")] == "дипломатия"
        assert named[(ids["foreign-policy"], "ru")] == "внешняя политика"
        assert named[(ids["foreign-policy"], "en")] == "foreign policy"
        assert not s.scalars(select(TagName).where(TagName.tag_id == ids["energy"])).all()
