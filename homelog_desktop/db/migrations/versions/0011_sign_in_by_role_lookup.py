"""Sign-in by e-mail and renaming oneself on a server; source names unique per owner.

- On PostgreSQL with the members' roles (row-level security, db/rls.py): the sign-in role and its
  one function ``homelog_sign_in_role(login)``, which tells the app which role a member's name or
  e-mail signs in as (db/rls.py ``sign_in_sql``). New members' roles are named after their id,
  not their name (``<database>-member-<id>``), so a member renames themselves without their role
  changing; roles made before keep their names and keep working (``member_roles`` maps them).
- Everywhere: a source's name is unique per owner (``uq_sources_owner_name`` on ``(owner_id,
  name)``; sources without an owner are a notebook's, checked by the app) instead of in the whole
  household, so that another member's private source never makes a name "taken" (which told of its
  existence). The app still refuses a name that a source the member can see has (domain/rules.py
  ``source_name_taken``).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

OWNER_NAME = "uq_sources_owner_name"


def upgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("sources", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_constraint("uq_sources_name", type_="unique")
        batch.create_unique_constraint(OWNER_NAME, ["owner_id", "name"])
    if bind.dialect.name != "postgresql":
        return
    if bind.exec_driver_sql("SELECT to_regclass('member_roles') IS NOT NULL").scalar():
        from homelog_desktop.db import rls

        database = str(bind.exec_driver_sql("SELECT current_database()").scalar())
        for statement in rls.sign_in_sql(database):
            bind.exec_driver_sql(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql("DROP FUNCTION IF EXISTS homelog_sign_in_role(text)")
        # (the sign-in role stays: roles belong to the server, and it can do nothing without the function)
    with op.batch_alter_table("sources", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_constraint(OWNER_NAME, type_="unique")
        batch.create_unique_constraint("uq_sources_name", ["name"])
