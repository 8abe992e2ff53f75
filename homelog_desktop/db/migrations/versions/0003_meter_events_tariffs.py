"""Meter events (replacement, reset, rollover), tariffs per metric, and a source's billing year.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sources", sa.Column("billing_start_month", sa.Integer(), nullable=False, server_default="1"))
    op.create_table(
        "meter_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("metric_id", sa.Integer(), nullable=False),
        sa.Column("ts", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("old_value", sa.String(40), nullable=True),
        sa.Column("new_value", sa.String(40), nullable=True),
        sa.Column("digits", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_meter_events_source_id_sources"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["metric_id"], ["metrics.id"], name=op.f("fk_meter_events_metric_id_metrics"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meter_events")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_meter_events_metric_ts", "meter_events", ["metric_id", "ts"])
    op.create_index(op.f("ix_meter_events_source_id"), "meter_events", ["source_id"])
    op.create_table(
        "tariffs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("metric_id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.String(10), nullable=False),
        sa.Column("unit_price", sa.String(40), nullable=False),
        sa.Column("standing_charge", sa.String(40), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.ForeignKeyConstraint(
            ["metric_id"], ["metrics.id"], name=op.f("fk_tariffs_metric_id_metrics"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tariffs")),
        sa.UniqueConstraint("metric_id", "valid_from", name=op.f("uq_tariffs_metric_id_valid_from")),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("tariffs")
    op.drop_index(op.f("ix_meter_events_source_id"), table_name="meter_events")
    op.drop_index("ix_meter_events_metric_ts", table_name="meter_events")
    op.drop_table("meter_events")
    with op.batch_alter_table("sources", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_column("billing_start_month")
