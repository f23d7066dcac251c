"""The editorial workflow: passwords, statement meta versions, comment threads, presence

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN: a batch copy of statements would drop the change
    # counter's triggers (0005) and trip the foreign keys that point at it.
    op.add_column("users", sa.Column("password_hash", sa.String(length=255), nullable=True))
    op.add_column(
        "statements",
        sa.Column("meta_version", sa.Integer(), nullable=False, server_default="1"),
    )
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("parent_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("paragraph", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("quote", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("approval_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("edited_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("resolved_by_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_comments_parent_id"), ["parent_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_comments_parent_id_comments"),
            "comments",
            ["parent_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_comments_approval_id_approvals"),
            "approvals",
            ["approval_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_comments_resolved_by_id_users"),
            "users",
            ["resolved_by_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_table(
        "presence",
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("client", sa.String(length=64), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statements.id"],
            name=op.f("fk_presence_statement_id_statements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_presence_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("statement_id", name=op.f("pk_presence")),
    )


def downgrade() -> None:
    op.drop_table("presence")
    with op.batch_alter_table("comments", schema=None) as batch_op:
        for constraint in (
            "fk_comments_resolved_by_id_users",
            "fk_comments_approval_id_approvals",
            "fk_comments_parent_id_comments",
        ):
            batch_op.drop_constraint(batch_op.f(constraint), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_comments_parent_id"))
        for column in (
            "resolved_by_id",
            "resolved_at",
            "edited_at",
            "approval_id",
            "quote",
            "paragraph",
            "parent_id",
        ):
            batch_op.drop_column(column)
    # In place, as in upgrade(): keeps the change counter's triggers on statements.
    op.drop_column("statements", "meta_version")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("password_hash")
