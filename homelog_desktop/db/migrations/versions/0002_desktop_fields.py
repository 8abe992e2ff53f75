"""Desktop additions: source category, reading interval and archive flag; reading flags;
a covering index so consumption scans read (metric, ts, value) from the index alone.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("category", sa.String(20), nullable=False, server_default="other"))
        batch.add_column(sa.Column("interval_days", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("archived", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("readings") as batch:
        batch.add_column(sa.Column("estimated", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("from_bill", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.drop_index("ix_reading_values_metric_ts", table_name="reading_values")
    op.create_index("ix_reading_values_metric_ts_value", "reading_values", ["metric_id", "ts", "value"])


def downgrade() -> None:
    op.drop_index("ix_reading_values_metric_ts_value", table_name="reading_values")
    op.create_index("ix_reading_values_metric_ts", "reading_values", ["metric_id", "ts"])
    with op.batch_alter_table("readings") as batch:
        batch.drop_column("from_bill")
        batch.drop_column("estimated")
    with op.batch_alter_table("sources") as batch:
        batch.drop_column("archived")
        batch.drop_column("interval_days")
        batch.drop_column("category")
