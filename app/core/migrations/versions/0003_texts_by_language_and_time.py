"""texts by language and time, for the preview's cheap change check

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 12:25:00
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("texts", schema=None) as batch_op:
        batch_op.create_index("ix_texts_lang_updated", ["lang", "updated_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("texts", schema=None) as batch_op:
        batch_op.drop_index("ix_texts_lang_updated")
