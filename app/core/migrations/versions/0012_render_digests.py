"""rendered_bodies.digest and integrity_keys: each cached body carries a keyed digest of its
source, language, renderer version and HTML, checked before the body is published

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 06:30:00
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "integrity_keys",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("secret", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_integrity_keys")),
    )
    op.get_bind().execute(
        sa.text("INSERT INTO integrity_keys (name, secret) VALUES ('render_cache', :secret)"),
        {"secret": secrets.token_bytes(32)},
    )
    # Bodies cached before carry no digest and cannot be trusted: they are rendered again.
    op.execute("DELETE FROM rendered_bodies")
    # Plain ALTER TABLE: SQLite adds a column in place.
    op.add_column(
        "rendered_bodies",
        sa.Column("digest", sa.String(length=64), nullable=False, server_default=""),
    )


def downgrade() -> None:
    with op.batch_alter_table("rendered_bodies", schema=None) as batch_op:
        batch_op.drop_column("digest")
    op.drop_table("integrity_keys")
