"""The schema version this code reads and writes: the newest migration's revision.

Opening a database that is already there needs no Alembic, and the export's no-change
check needs no SQLAlchemy; a test holds this equal to the migration scripts.
"""

SCHEMA_HEAD = "0012"
