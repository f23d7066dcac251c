"""tag_names (a tag's name in each language) and texts.slug (a translation's own page slug)

Existing texts get no slug of their own, so every page keeps the address it has: a
translation takes its own slug only when saved again before its language is published.

Revision ID: 0009b
Revises: 0009
Create Date: 2026-12-04 08:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0009b"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tag_names",
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tags.id"], name=op.f("fk_tag_names_tag_id_tags"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("tag_id", "lang", name=op.f("pk_tag_names")),
    )
    # Plain ALTER TABLE: a batch copy of texts would drop its change-counter triggers.
    op.add_column("texts", sa.Column("slug", sa.String(length=80), nullable=True))
    op.create_index("ix_texts_slug", "texts", ["slug"], unique=True)
    # The export reads tag names: a change to one is a change to the site (see 0005).
    if op.get_bind().dialect.name == "sqlite":
        for event in ("INSERT", "UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER tag_names_{event.lower()}_noted AFTER {event} ON tag_names "
                "BEGIN UPDATE change_counter SET value = value + 1, token = random() "
                "WHERE id = 1; INSERT INTO changes (seq, statement_id) SELECT value, NULL "
                "FROM change_counter WHERE id = 1; END"
            )
    else:
        op.execute(
            "CREATE TRIGGER tag_names_noted AFTER INSERT OR UPDATE OR DELETE ON tag_names "
            "FOR EACH ROW EXECUTE FUNCTION pressdesk_note_change('')"
        )
        op.execute(
            "CREATE TRIGGER tag_names_truncate_noted AFTER TRUNCATE ON tag_names "
            "FOR EACH STATEMENT EXECUTE FUNCTION pressdesk_note_change('')"
        )


def downgrade() -> None:
    op.drop_index("ix_texts_slug", table_name="texts")
    with op.batch_alter_table("texts") as batch:
        batch.drop_column("slug")
    op.drop_table("tag_names")
