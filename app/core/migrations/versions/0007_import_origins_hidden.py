"""import_origins (the files statements were imported from) and statements.hidden
(published but unlisted)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE (no batch copy): SQLite adds a column in place, and the table's
    # change-counter triggers (0005) stay.
    op.add_column(
        "statements",
        sa.Column("hidden", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "import_origins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(length=1000), nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statements.id"],
            name=op.f("fk_import_origins_statement_id_statements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_origins")),
        sa.UniqueConstraint("path", name=op.f("uq_import_origins_path")),
    )
    op.create_index(op.f("ix_import_origins_key"), "import_origins", ["key"], unique=False)
    op.create_index(
        op.f("ix_import_origins_statement_id"), "import_origins", ["statement_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_import_origins_statement_id"), table_name="import_origins")
    op.drop_index(op.f("ix_import_origins_key"), table_name="import_origins")
    op.drop_table("import_origins")
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.drop_column("hidden")
