"""statements.sort_title: the folded source title, indexed, for sorting long lists by title

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 12:50:00
"""

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# search.fold as it was when this migration was written: a migration never changes.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_TAJIK_TO_RUSSIAN = str.maketrans("ғқҳҷҗ", "гкхчж")


def _fold(value: str) -> str:
    decomposed = unicodedata.normalize("NFD", value.casefold())
    return _COMBINING.sub("", decomposed).translate(_TAJIK_TO_RUSSIAN)[:200]


def upgrade() -> None:
    # Plain ALTER TABLE (no batch copy of the table): SQLite adds a column in place, and a
    # copy of statements would trip the foreign keys that point at it.
    op.add_column(
        "statements",
        sa.Column("sort_title", sa.String(length=200), nullable=False, server_default=""),
    )
    op.create_index(op.f("ix_statements_sort_title"), "statements", ["sort_title"], unique=False)
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT t.statement_id, r.title FROM texts t JOIN revisions r "
            "ON r.text_id = t.id AND r.number = t.revision_number WHERE t.is_source"
        )
    ).all()
    if rows:
        bind.execute(
            sa.text("UPDATE statements SET sort_title = :title WHERE id = :id"),
            [{"id": sid, "title": _fold(title)} for sid, title in rows],
        )


def downgrade() -> None:
    op.drop_index(op.f("ix_statements_sort_title"), table_name="statements")
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.drop_column("sort_title")
