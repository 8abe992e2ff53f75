"""The seed's data model: members, sources with metrics, readings with one value per metric.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "members",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(320), nullable=True),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_members"),
        sa.UniqueConstraint("email", name="uq_members_email"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("is_public", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["members.id"], name="fk_sources_owner_id_members", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_sources"),
        sa.UniqueConstraint("name", name="uq_sources_name"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "metrics",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("unit", sa.String(30), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("decimals", sa.Integer(), nullable=False),
        sa.Column("digits", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name="fk_metrics_source_id_sources", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_metrics"),
        sa.UniqueConstraint("source_id", "name", name="uq_metrics_source_id_name"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_metrics_source_id", "metrics", ["source_id"])
    op.create_table(
        "readings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("ts", sa.BigInteger(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("entered_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name="fk_readings_source_id_sources", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["entered_by"], ["members.id"], name="fk_readings_entered_by_members", ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_readings"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_readings_source_ts", "readings", ["source_id", "ts", "id"])
    op.create_table(
        "reading_values",
        sa.Column("reading_id", sa.Integer(), nullable=False),
        sa.Column("metric_id", sa.Integer(), nullable=False),
        sa.Column("ts", sa.BigInteger(), nullable=False),
        sa.Column("value", sa.Float(precision=53), nullable=False),
        sa.ForeignKeyConstraint(
            ["reading_id"], ["readings.id"], name="fk_reading_values_reading_id_readings", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["metric_id"], ["metrics.id"], name="fk_reading_values_metric_id_metrics", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("reading_id", "metric_id", name="pk_reading_values"),
    )
    op.create_index("ix_reading_values_metric_ts", "reading_values", ["metric_id", "ts"])


def downgrade() -> None:
    op.drop_table("reading_values")
    op.drop_table("readings")
    op.drop_table("metrics")
    op.drop_table("sources")
    op.drop_table("members")
