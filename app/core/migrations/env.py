"""Alembic environment: runs on the connection that app.core.migrate hands over."""

from alembic import context

from app.core.migrate import include_object
from app.core.models import Base

config = context.config
connection = config.attributes["connection"]

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    include_object=include_object,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
