"""translation memory: where each pair came from, what TMX kept about it, a word index for
fuzzy lookups and an index for lookups in the reverse direction

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-04 07:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE: SQLite adds columns in place, no copy of the table.
    op.add_column(
        "translation_memory",
        sa.Column("origin", sa.String(length=300), nullable=False, server_default=""),
    )
    op.add_column("translation_memory", sa.Column("meta", sa.Text(), nullable=True))
    op.create_index(
        "ix_translation_memory_reverse",
        "translation_memory",
        ["target_lang", "source_lang", "target_hash"],
        unique=False,
    )
    op.create_table(
        "translation_memory_keys",
        sa.Column("key", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["translation_memory.id"],
            name=op.f("fk_translation_memory_keys_entry_id_translation_memory"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", "entry_id", name=op.f("pk_translation_memory_keys")),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("translation_memory_keys")
    op.drop_index("ix_translation_memory_reverse", table_name="translation_memory")
    with op.batch_alter_table("translation_memory") as batch:
        batch.drop_column("meta")
        batch.drop_column("origin")
