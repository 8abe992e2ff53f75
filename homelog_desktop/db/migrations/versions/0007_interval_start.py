"""Amounts per period: ``reading_values.start_ts``, the start of an interval value's period [start, ts).

Until 0007 an interval metric's value meant "the amount since the previous reading" of that
metric. The upgrade writes exactly that meaning down: each existing interval value starts at the
previous value's time of its metric, so every figure stays what it was. The very first value of a
metric had no previous reading and was never counted: its start stays NULL (period unknown), and
it is still not counted until someone gives it a start. Counters and gauges keep NULL.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (nullable, no default): no table rebuild on SQLite, instant on PostgreSQL.
    op.add_column("reading_values", sa.Column("start_ts", sa.BigInteger(), nullable=True))
    # The previous value's time of the same metric: an index seek on (metric_id, ts, value) per value.
    op.execute(
        "UPDATE reading_values SET start_ts = ("
        " SELECT max(p.ts) FROM reading_values p"
        " WHERE p.metric_id = reading_values.metric_id AND p.ts < reading_values.ts)"
        " WHERE metric_id IN (SELECT id FROM metrics WHERE kind = 'interval')"
    )


def downgrade() -> None:
    with op.batch_alter_table("reading_values") as batch:
        batch.drop_column("start_ts")
