"""The copy's table checksum is the same computed by PostgreSQL in SQL and by Python over the same rows."""

from __future__ import annotations

import os
import shutil
import subprocess
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from homelog_desktop.db.copying import TableSpec, checksum_rows, pg_checksum_sql, table_specs
from homelog_desktop.db.rls import quote_literal
from tests.postgres import PG_URL

pytestmark = pytest.mark.postgres

SPEC = TableSpec("copy_checksum_probe", ("id", "flag", "value", "note"), ("int", "bool", "float", "text"), ("id",))
ROWS = [
    (1, True, 0.1, ""),
    (2, False, -1234567.890123, "Zähler \"A\"\nzweite Zeile, 'quoted' \t tab"),
    (3, None, None, None),
    (4, True, 1e300, "😀 emoji and ✓"),
    (-9223372036854775808, False, 5e-324, "x" * 10_000),
    (9223372036854775807, None, 1000.0, "1000"),
]


def server_sum(rows: list[tuple[Any, ...]]) -> tuple[int, int]:
    """(rows, checksum) of ``rows`` as PostgreSQL computes it, in a temporary table (through psql)."""

    def literal(value: Any) -> str:
        if value is None:
            return "NULL"
        if isinstance(value, str):
            return quote_literal(value)
        return repr(value) if isinstance(value, float) else str(value).upper()

    values = ", ".join("(" + ", ".join(literal(v) for v in row) + ")" for row in rows)
    sql = (
        f"CREATE TEMP TABLE {SPEC.name} (id bigint PRIMARY KEY, flag boolean, value float8, note text);"
        f" INSERT INTO {SPEC.name} VALUES {values}; {pg_checksum_sql(SPEC)}"
    )
    url = make_url(PG_URL)
    conninfo = f"host={url.host} port={url.port or 5432} dbname=postgres user={url.username}"
    env = {**os.environ, "PGPASSWORD": url.password or ""}
    done = subprocess.run(
        ["psql", "-X", "-q", "-A", "-t", "-F", " ", "-v", "ON_ERROR_STOP=1", "-d", conninfo],
        input=sql,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    count, total = done.stdout.split()
    return int(count), int(total)


def test_copy_checksum_python_and_postgresql_agree(pg_server):
    """Ints at the limits, NULLs, floats of every size, texts with quotes, line breaks and emoji: equal sums."""
    if shutil.which("psql") is None:
        pytest.skip("psql (the PostgreSQL client) is not installed")
    assert server_sum(ROWS) == (len(ROWS), checksum_rows(SPEC, ROWS))
    changed = [*ROWS[:-1], (9223372036854775807, None, 1000.0, "1000 ")]
    assert checksum_rows(SPEC, changed) != checksum_rows(SPEC, ROWS)
    assert server_sum(changed) == (len(changed), checksum_rows(SPEC, changed))


def test_copy_checksum_sees_a_null_apart_from_an_empty_text_and_a_zero():
    """NULL, '' and 0 give different checksums (a value moved between columns too)."""
    spec = TableSpec("t", ("a", "b"), ("text", "int"), ("a",))
    sums = {checksum_rows(spec, [row]) for row in [(None, 0), ("", 0), ("", None), (None, None), ("0", 0)]}
    assert len(sums) == 5


def test_copy_table_specs_cover_every_table_parents_first():
    """Every household table, each after the tables it refers to."""
    names = [spec.name for spec in table_specs()]
    assert set(names) == {
        "members", "member_passwords", "sources", "metrics", "readings", "reading_values", "meter_events", "tariffs",
        "conversion_factors", "advance_payments", "virtual_terms",
    }  # fmt: skip
    assert names.index("metrics") < min(names.index(t) for t in ("conversion_factors", "virtual_terms", "tariffs"))
    assert names.index("sources") < names.index("advance_payments")
    assert names.index("members") < names.index("sources") < names.index("metrics") < names.index("readings")
    assert names.index("readings") < names.index("reading_values") and names.index("readings") < names.index(
        "meter_events"
    )
