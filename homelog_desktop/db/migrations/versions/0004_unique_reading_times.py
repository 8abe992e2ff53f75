"""One reading per source and time: a unique index on readings (source_id, ts).

Two imports at once on PostgreSQL could store every reading twice (each one's duplicate check
missed the other's uncommitted rows). Readings already stored twice are resolved first: of the
readings of a source at the same time, the oldest (lowest id) stays and the others are removed,
values and all; nothing is merged. Every removed reading is logged with its values, and how many
were removed is reported (the log and ``MigrationResult.notes``); a SQLite file is backed up
before any migration.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import context, op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

log = logging.getLogger("homelog_desktop.db.migrations")

#: Readings stored at the time of an older reading of the same source.
_LATER_COPIES = (
    "SELECT r.id FROM readings r WHERE EXISTS "
    "(SELECT 1 FROM readings o WHERE o.source_id = r.source_id AND o.ts = r.ts AND o.id < r.id)"
)
#: Removed readings logged one by one (the count is always reported).
_MAX_LOGGED = 10_000


def upgrade() -> None:
    conn = op.get_bind()
    removed = conn.execute(
        sa.text(
            "SELECT r.id, r.source_id, s.name, r.ts, r.note FROM readings r JOIN sources s ON s.id = r.source_id"
            f" WHERE r.id IN ({_LATER_COPIES}) ORDER BY r.source_id, r.ts, r.id"
        )
    ).all()
    if removed:
        _report(conn, removed)
        # Values first: on SQLite migrations run with foreign keys off, so nothing would cascade.
        conn.execute(sa.text(f"DELETE FROM reading_values WHERE reading_id IN ({_LATER_COPIES})"))
        conn.execute(sa.text(f"DELETE FROM readings WHERE id IN ({_LATER_COPIES})"))
    with op.batch_alter_table("readings") as batch:
        batch.drop_index("ix_readings_source_ts")
        batch.create_index("uq_readings_source_id_ts", ["source_id", "ts"], unique=True, postgresql_include=["id"])


def downgrade() -> None:
    with op.batch_alter_table("readings") as batch:
        batch.drop_index("uq_readings_source_id_ts")
        batch.create_index("ix_readings_source_ts", ["source_id", "ts", "id"])


def _report(conn: sa.Connection, removed: Sequence[sa.Row[Any]]) -> None:
    per_source: dict[str, int] = {}
    for row in removed:
        per_source[row.name] = per_source.get(row.name, 0) + 1
    which = ", ".join(f"{count} of “{name}”" for name, count in per_source.items())
    note = (
        f"{len(removed)} reading{'s' if len(removed) != 1 else ''} stored twice at the same time "
        f"{'were' if len(removed) != 1 else 'was'} removed ({which}); the older reading of each time was kept"
    )
    log.warning("Migration 0004: %s.", note)
    values: dict[int, list[tuple[str, float]]] = {}
    ids = [row.id for row in removed[:_MAX_LOGGED]]
    if ids:
        for reading_id, metric, value in conn.execute(
            sa.text(
                "SELECT v.reading_id, m.name, v.value FROM reading_values v JOIN metrics m ON m.id = v.metric_id"
                " WHERE v.reading_id IN :ids ORDER BY v.reading_id, m.position"
            ).bindparams(sa.bindparam("ids", expanding=True)),
            {"ids": ids},
        ):
            values.setdefault(reading_id, []).append((metric, value))
    for row in removed[:_MAX_LOGGED]:
        moment = datetime.fromtimestamp(row.ts, UTC).isoformat()
        shown = ", ".join(f"{metric}={value!r}" for metric, value in values.get(row.id, [])) or "no values"
        log.warning(
            "Migration 0004 removed reading %s of “%s” at %s (%s; note %r)", row.id, row.name, moment, shown, row.note
        )
    if len(removed) > _MAX_LOGGED:
        log.warning("Migration 0004: %s more removed readings are not listed.", len(removed) - _MAX_LOGGED)
    notes: list[str] = context.config.attributes.setdefault("notes", [])
    notes.append(note)
