"""Alembic environment: runs on the connection handed over by homelog_desktop.db.migrate."""

from alembic import context

from homelog_desktop.db.tables import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - always called from migrate.py
    raise RuntimeError("Run migrations through homelog_desktop.db.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
