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
    # Plain ADD COLUMN (SQLite supports it): no table rebuild, so ids, AUTOINCREMENT and data stay.
    op.add_column("sources", sa.Column("category", sa.String(20), nullable=False, server_default="other"))
    op.add_column("sources", sa.Column("interval_days", sa.Integer(), nullable=True))
    op.add_column("sources", sa.Column("archived", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("readings", sa.Column("estimated", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("readings", sa.Column("from_bill", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.drop_index("ix_reading_values_metric_ts", table_name="reading_values")
    op.create_index("ix_reading_values_metric_ts_value", "reading_values", ["metric_id", "ts", "value"])


def downgrade() -> None:
    op.drop_index("ix_reading_values_metric_ts_value", table_name="reading_values")
    op.create_index("ix_reading_values_metric_ts", "reading_values", ["metric_id", "ts"])
    with op.batch_alter_table("readings", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_column("from_bill")
        batch.drop_column("estimated")
    with op.batch_alter_table("sources", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_column("archived")
        batch.drop_column("interval_days")
        batch.drop_column("category")
