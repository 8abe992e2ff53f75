"""A meter change recorded with a reading belongs to it: ``meter_events.reading_id`` (nullable,
ON DELETE CASCADE), so deleting the reading removes the change it brought.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite cannot add a foreign key with ALTER TABLE: the (small) table is rebuilt, ids kept.
    with op.batch_alter_table("meter_events", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.add_column(sa.Column("reading_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_meter_events_reading_id_readings"), "readings", ["reading_id"], ["id"], ondelete="CASCADE"
        )
        batch.create_index(op.f("ix_meter_events_reading_id"), ["reading_id"])


def downgrade() -> None:
    with op.batch_alter_table("meter_events", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_index(op.f("ix_meter_events_reading_id"))
        batch.drop_constraint(op.f("fk_meter_events_reading_id_readings"), type_="foreignkey")
        batch.drop_column("reading_id")
