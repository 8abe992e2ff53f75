"""hypothesis fuzzing of detect + preview + run_import on a real SQLite file.

Random bytes, tables with the wrong delimiter, NaN/inf, huge numbers, very long lines and odd
Unicode in several encodings: never a crash (only ImportFileError or another HomeLogError with a
clear, short message), never a partial import (on error the database is exactly as before; on
success it holds exactly the rows the summary counts).
"""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from homelog_desktop.db import Database, sqlite_url
from homelog_desktop.domain.errors import HomeLogError
from homelog_desktop.services.importing import (
    DuplicatePolicy,
    ImportPlan,
    detect,
    new_source_for,
    preview,
    run_import,
)

FUZZ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NUMBERS = st.one_of(
    st.integers(-(10**15), 10**15).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-(10**9), max_value=10**9).map(str),
    st.sampled_from(["NaN", "nan", "inf", "-inf", "Infinity", "1e400", "9" * 40, "1,5", "1.234,56", "1'234.5", ""]),
)
STYLES = {
    "iso": lambda d: d.isoformat(),
    "iso-offset": lambda d: d.replace(tzinfo=UTC).isoformat(),
    "dotted": lambda d: d.strftime("%d.%m.%Y %H:%M"),
    "us": lambda d: d.strftime("%m/%d/%y"),
    "excel": lambda d: f"{(d - datetime(1899, 12, 30)).total_seconds() / 86400:.4f}",
}
BAD_DATES = st.sampled_from(["2024-02-30", "31.02.2024", "2024-01-01T25:00", "", "yesterday", "0001-01-01"])
ODD = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=30)
LONG = st.text(alphabet="x7", min_size=1000, max_size=5000)
GOOD = st.decimals(min_value=0, max_value=10**6, places=2).map(str)
#: Mostly plain readings, often hostile numbers, sometimes odd text or a very long cell.
CELLS = st.one_of(GOOD, GOOD, GOOD, GOOD, GOOD, GOOD, NUMBERS, NUMBERS, ODD, LONG)


@st.composite
def tables(draw: st.DrawFn) -> bytes:
    """A table shaped like a real export (one date style), with hostile cells, any delimiter, junk lines
    before the header and any encoding."""
    delimiter = draw(st.sampled_from([",", ";", "\t", "|", ",", ";", " ", ":"]))  # the last two: wrong ones
    style = STYLES[draw(st.sampled_from(sorted(STYLES)))]
    width = draw(st.sampled_from([1, 2, 2, 3, 3, 4, 5]))
    lines = [draw(st.lists(ODD, max_size=3)) for _ in range(draw(st.integers(0, 3)))]
    header = st.sampled_from(["Date", "Time", "Day", "Night (kWh)", "note", "ÄÖü €", "Date"])
    lines.append(draw(st.lists(header, min_size=width, max_size=width)))
    moments = st.datetimes(min_value=datetime(1890, 1, 1), max_value=datetime(2300, 1, 1))
    for _ in range(draw(st.sampled_from([0, 1, 3, 8, 8, 25]))):
        date = draw(st.one_of(*[moments.map(style)] * 8, BAD_DATES))
        lines.append([date, *draw(st.lists(CELLS, min_size=width - 1, max_size=width + 1))])
    text = "\n".join(delimiter.join(cells) for cells in lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"]))
    return text.encode(encoding, errors="replace")


def dump(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return [
            (table, *row)
            for table in ("sources", "metrics", "readings", "reading_values")
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2")
        ]
    finally:
        conn.close()


def check_message(error: BaseException) -> None:
    message = str(error)
    assert message.strip(), f"an empty message from {type(error).__name__}"
    assert len(message) < 1000, message


def attempt(db_file: Path, path: Path, skip_invalid: bool, duplicates: DuplicatePolicy) -> None:
    """detect, preview and import ``path``; assert the all-or-nothing promise."""
    try:
        detected = detect(path)
    except HomeLogError as error:
        check_message(error)
        event("refused by detect")
        return
    source, mapping = new_source_for("Fuzz", detected)
    chosen = detected.settings
    if detected.is_ambiguous:
        chosen = replace(chosen, date_format=detected.ambiguous_date_formats[0])
    plan = ImportPlan(
        path, chosen, source, mapping, duplicates=duplicates, skip_invalid=skip_invalid, kind=detected.kind
    )
    try:
        preview(plan)
    except HomeLogError as error:
        check_message(error)
    before = dump(db_file)

    async def go():
        db = Database(sqlite_url(db_file))
        try:
            return await run_import(db, plan)
        finally:
            await db.dispose()

    try:
        summary = asyncio.run(go())
    except HomeLogError as error:
        check_message(error)
        assert dump(db_file) == before, "a failed import changed the database"
        event("import refused")
        return
    event("imported" if summary.imported else "nothing imported")
    after = dump(db_file)
    added_readings = sum(1 for row in after if row[0] == "readings") - sum(1 for row in before if row[0] == "readings")
    assert added_readings == summary.imported
    assert set(before) <= set(after)
    assert summary.as_text()


@pytest.fixture
def fuzz_db(tmp_path: Path, migrated_template: Path) -> Path:
    path = tmp_path / "fuzz.db"
    shutil.copyfile(migrated_template, path)
    return path


@FUZZ
@given(data=st.binary(max_size=3000))
def test_import_fuzz_random_bytes(tmp_path, fuzz_db, data):
    """Random bytes: refused with a message, or imported all or nothing."""
    path = tmp_path / "random.csv"
    path.write_bytes(data)
    attempt(fuzz_db, path, skip_invalid=True, duplicates=DuplicatePolicy.SKIP)


@FUZZ
@given(data=tables(), skip_invalid=st.booleans(), replace_duplicates=st.booleans())
def test_import_fuzz_tables(tmp_path, fuzz_db, data, skip_invalid, replace_duplicates):
    """Export-shaped tables with hostile cells, any delimiter and encoding: no crash, no partial import."""
    path = tmp_path / "table.csv"
    path.write_bytes(data)
    policy = DuplicatePolicy.REPLACE if replace_duplicates else DuplicatePolicy.SKIP
    attempt(fuzz_db, path, skip_invalid=skip_invalid, duplicates=policy)


def test_import_fuzz_a_very_long_line_is_refused_clearly(tmp_path, fuzz_db):
    """A line longer than a cell may be (no line breaks for megabytes): a clear message naming it, nothing stored."""
    path = tmp_path / "long.csv"
    path.write_text("Date,Value\n2024-01-01,1\n2024-01-02," + "7" * 300_000 + "\n", encoding="utf-8")
    before = dump(fuzz_db)

    async def go():
        detected = detect(path)  # refuses the line already, as it is longer than the sample
        source, mapping = new_source_for("Long", detected)
        db = Database(sqlite_url(fuzz_db))
        try:
            return await run_import(db, ImportPlan(path, detected.settings, source, mapping))
        finally:
            await db.dispose()

    with pytest.raises(HomeLogError, match="line 3") as caught:
        asyncio.run(go())
    check_message(caught.value)
    assert dump(fuzz_db) == before
