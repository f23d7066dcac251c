"""related terms, render cache, recovery drafts

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 11:07:35.890112
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "rendered_bodies",
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("renderer_version", sa.String(length=32), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint(
            "content_hash", "lang", "renderer_version", name=op.f("pk_rendered_bodies")
        ),
    )
    op.create_table(
        "recovery_drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("draft_key", sa.String(length=80), nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=True),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("lead", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("image_caption", sa.Text(), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statements.id"],
            name=op.f("fk_recovery_drafts_statement_id_statements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recovery_drafts")),
        sa.UniqueConstraint(
            "username", "draft_key", name=op.f("uq_recovery_drafts_username_draft_key")
        ),
    )
    with op.batch_alter_table("recovery_drafts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recovery_drafts_statement_id"), ["statement_id"], unique=False
        )

    op.create_table(
        "text_terms",
        sa.Column("text_id", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(length=64), nullable=False),
        sa.Column("weight", sa.Double(), nullable=False),
        sa.ForeignKeyConstraint(
            ["text_id"], ["texts.id"], name=op.f("fk_text_terms_text_id_texts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("text_id", "term", name=op.f("pk_text_terms")),
    )
    with op.batch_alter_table("text_terms", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_text_terms_term"), ["term"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("text_terms", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_text_terms_term"))

    op.drop_table("text_terms")
    with op.batch_alter_table("recovery_drafts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recovery_drafts_statement_id"))

    op.drop_table("recovery_drafts")
    op.drop_table("rendered_bodies")
