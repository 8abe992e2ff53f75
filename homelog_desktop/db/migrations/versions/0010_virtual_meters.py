"""Virtual meters: ``sources.virtual`` and ``virtual_terms`` (a virtual metric's signed inputs).

A virtual meter is a source whose one metric is computed from other metrics (domain/virtual.py);
``virtual_terms`` lists them in order with their sign. Deleting the virtual meter's metric removes
its terms; an input in use cannot be deleted (RESTRICT; the app refuses it with a message first).
On PostgreSQL with row-level security installed, the policies are installed again: they now cover
``virtual_terms`` and refuse readings on a virtual meter.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sources", sa.Column("virtual", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        "virtual_terms",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "metric_id",
            sa.Integer(),
            sa.ForeignKey("metrics.id", ondelete="CASCADE", name="fk_virtual_terms_metric_id_metrics"),
            nullable=False,
        ),
        sa.Column(
            "input_metric_id",
            sa.Integer(),
            sa.ForeignKey("metrics.id", ondelete="RESTRICT", name="fk_virtual_terms_input_metric_id_metrics"),
            nullable=False,
        ),
        sa.Column("sign", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_virtual_terms"),
        sa.UniqueConstraint("metric_id", "input_metric_id", name="uq_virtual_terms_metric_id_input_metric_id"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_virtual_terms_input_metric_id", "virtual_terms", ["input_metric_id"])
    bind = op.get_bind()
    if bind.dialect.name == "postgresql" and bind.execute(sa.text("SELECT to_regclass('member_roles')")).scalar():
        from homelog_desktop.db import rls

        database = bind.execute(sa.text("SELECT current_database()")).scalar_one()
        for statement in rls.install_sql(database):
            op.execute(sa.text(statement))


def downgrade() -> None:
    op.drop_index("ix_virtual_terms_input_metric_id", table_name="virtual_terms")
    op.drop_table("virtual_terms")
    with op.batch_alter_table("sources") as batch:
        batch.drop_column("virtual")
