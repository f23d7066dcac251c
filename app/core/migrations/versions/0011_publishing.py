"""Publishing: the revision of each language on the website, corrections, expiry and failures

Revision ID: 0011
Revises: 0009b
Create Date: 2026-12-04 12:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0009b"
branch_labels = None
depends_on = None

# The export renders these; like the tables of 0005, every change to them moves the change
# counter, so an export knows it has something to write.
TRACKED = ("published_revisions", "corrections")


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN: a batch copy of statements would drop the triggers of 0005.
    op.add_column("statements", sa.Column("expires_at", sa.DateTime(timezone=True)))
    op.add_column("statements", sa.Column("publish_error", sa.Text()))
    op.add_column("statements", sa.Column("publish_failed_at", sa.DateTime(timezone=True)))
    op.create_index(op.f("ix_statements_expires_at"), "statements", ["expires_at"])
    op.create_table(
        "published_revisions",
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("pinned_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["revision_id"],
            ["revisions.id"],
            name=op.f("fk_published_revisions_revision_id_revisions"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statements.id"],
            name=op.f("fk_published_revisions_statement_id_statements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("statement_id", "lang", name=op.f("pk_published_revisions")),
    )
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_corrections_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statements.id"],
            name=op.f("fk_corrections_statement_id_statements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corrections")),
    )
    op.create_index(op.f("ix_corrections_statement_id"), "corrections", ["statement_id"])
    # What the site shows today stays what it shows: the current revision of every text of
    # every published statement (and withdrawn ones, should they be published again).
    op.execute(
        "INSERT INTO published_revisions (statement_id, lang, revision_id, pinned_at) "
        "SELECT t.statement_id, t.lang, r.id, s.published_at FROM texts t "
        "JOIN statements s ON s.id = t.statement_id "
        "JOIN revisions r ON r.text_id = t.id AND r.number = t.revision_number "
        "WHERE s.status IN ('published', 'withdrawn') AND s.published_at IS NOT NULL"
    )
    if op.get_bind().dialect.name == "sqlite":
        for table in TRACKED:
            for event in ("INSERT", "UPDATE", "DELETE"):
                row = "OLD" if event == "DELETE" else "NEW"
                op.execute(
                    f"CREATE TRIGGER {table}_{event.lower()}_noted AFTER {event} ON {table} "
                    "BEGIN UPDATE change_counter SET value = value + 1, token = random() "
                    "WHERE id = 1; INSERT INTO changes (seq, statement_id) SELECT value, "
                    f"{row}.statement_id FROM change_counter WHERE id = 1; END"
                )
    else:
        for table in TRACKED:
            op.execute(
                f"CREATE TRIGGER {table}_noted AFTER INSERT OR UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION pressdesk_note_change('statement_id')"
            )
            op.execute(
                f"CREATE TRIGGER {table}_truncate_noted AFTER TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION pressdesk_note_change('')"
            )


def downgrade() -> None:
    op.drop_index(op.f("ix_corrections_statement_id"), table_name="corrections")
    op.drop_table("corrections")
    op.drop_table("published_revisions")
    op.drop_index(op.f("ix_statements_expires_at"), table_name="statements")
    for column in ("publish_failed_at", "publish_error", "expires_at"):
        op.drop_column("statements", column)
