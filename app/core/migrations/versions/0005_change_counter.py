"""change_counter and changes (what the export's inputs have had done to them, noted by
triggers), and related_lists (the export's related-article rankings, kept between runs)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 13:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Tables the export reads: which changes count, and the column naming the statement (None:
# the change concerns the whole site). Revisions need none: a new one updates its text.
# A later batch migration that recreates one of these tables on SQLite drops its
# triggers, so it must create them again.
TRACKED = {
    "statements": (("INSERT", "UPDATE", "DELETE"), "id"),
    "texts": (("INSERT", "UPDATE", "DELETE"), "statement_id"),
    "statement_tags": (("INSERT", "UPDATE", "DELETE"), "statement_id"),
    "related_statements": (("INSERT", "UPDATE", "DELETE"), "statement_id"),
    "tags": (("UPDATE", "DELETE"), None),
    "media": (("UPDATE", "DELETE"), None),
    "office_settings": (("INSERT", "UPDATE", "DELETE"), None),
}


def upgrade() -> None:
    op.create_table(
        "change_counter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.Column("token", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_counter")),
    )
    op.create_table(
        "changes",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_changes")),
    )
    op.create_table(
        "related_lists",
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("signature", sa.String(length=64), nullable=False),
        sa.Column("lists", sa.Text(), nullable=False),
        sa.Column("basis", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("lang", name=op.f("pk_related_lists")),
    )
    op.execute("INSERT INTO change_counter (id, value, token) VALUES (1, 0, 0)")
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_triggers()
    else:
        _postgresql_triggers()


def _sqlite_triggers() -> None:
    for table, (events, column) in TRACKED.items():
        for event in events:
            row = "OLD" if event == "DELETE" else "NEW"
            statement = f"{row}.{column}" if column else "NULL"
            op.execute(
                f"CREATE TRIGGER {table}_{event.lower()}_noted AFTER {event} ON {table} BEGIN "
                "UPDATE change_counter SET value = value + 1, token = random() WHERE id = 1; "
                f"INSERT INTO changes (seq, statement_id) SELECT value, {statement} "
                "FROM change_counter WHERE id = 1; END"
            )


def _postgresql_triggers() -> None:
    # The counter's row stays locked until the changing transaction ends, so values are
    # handed out in the order transactions commit: an export that has seen value N has
    # seen every change up to N.
    op.execute(
        "CREATE FUNCTION pressdesk_note_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "DECLARE next_value bigint; statement integer; "
        "BEGIN "
        "UPDATE change_counter SET value = value + 1, "
        "token = floor(random() * 4611686018427387904)::bigint "
        "WHERE id = 1 RETURNING value INTO next_value; "
        "IF TG_LEVEL = 'ROW' AND TG_ARGV[0] <> '' THEN "
        "statement := (to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END) "
        "->> TG_ARGV[0])::integer; "
        "END IF; "
        "INSERT INTO changes (seq, statement_id) VALUES (next_value, statement); "
        "RETURN NULL; "
        "END $$"
    )
    for table, (events, column) in TRACKED.items():
        op.execute(
            f"CREATE TRIGGER {table}_noted AFTER {' OR '.join(events)} ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION pressdesk_note_change('{column or ''}')"
        )
        op.execute(
            f"CREATE TRIGGER {table}_truncate_noted AFTER TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION pressdesk_note_change('')"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table, (events, _column) in TRACKED.items():
            for event in events:
                op.execute(f"DROP TRIGGER {table}_{event.lower()}_noted")
    else:
        for table in TRACKED:
            op.execute(f"DROP TRIGGER {table}_noted ON {table}")
            op.execute(f"DROP TRIGGER {table}_truncate_noted ON {table}")
        op.execute("DROP FUNCTION pressdesk_note_change()")
    op.drop_table("related_lists")
    op.drop_table("changes")
    op.drop_table("change_counter")
