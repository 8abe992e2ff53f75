"""Shared household, first step: member passwords (Argon2 hashes), member roles and updated times,
and a public source's choice "household members may add readings".

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (SQLite supports it): no table rebuild, so ids, AUTOINCREMENT and data stay.
    op.add_column("members", sa.Column("role", sa.String(10), nullable=False, server_default="member"))
    op.add_column("members", sa.Column("updated_at", sa.BigInteger(), nullable=False, server_default="0"))
    # The household's first member is its administrator; existing members were last changed when made.
    op.execute("UPDATE members SET role = 'admin' WHERE id = (SELECT min(id) FROM members)")
    op.execute("UPDATE members SET updated_at = created_at")
    op.add_column(
        "sources", sa.Column("members_may_add_readings", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.create_table(
        "member_passwords",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(255), nullable=False),
        sa.Column("updated_at", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_member_passwords_member_id_members"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_member_passwords")),
    )


def downgrade() -> None:
    op.drop_table("member_passwords")
    with op.batch_alter_table("sources", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_column("members_may_add_readings")
    with op.batch_alter_table("members", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_column("updated_at")
        batch.drop_column("role")
