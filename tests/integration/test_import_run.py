"""run_import against a real SQLite file: one transaction, duplicates, invalid rows, cancel, progress."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from homelog_desktop.domain.entities import Metric, MetricKind
from homelog_desktop.domain.errors import HomeLogError
from homelog_desktop.services.importing import (
    CancelToken,
    ColumnTarget,
    DuplicatePolicy,
    ImportCancelledError,
    ImportFileError,
    ImportPlan,
    ImportProgress,
    RowStatus,
    detect,
    new_source_for,
    preview,
    run_import,
    suggest_mapping,
)
from homelog_desktop.services.importing import run as run_module
from tests.conftest import T0, make_reading
from tests.integration.test_import_files import stored


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def plan_for(path: Path, source=None, **changes) -> ImportPlan:
    detected = detect(path)
    if source is None:
        source, mapping = new_source_for("Meter", detected)
    else:
        mapping = suggest_mapping(detected, source)
    settings = replace(detected.settings, timezone="UTC")
    return ImportPlan(path, settings, source, mapping, kind=detected.kind, columns=detected.columns, **changes)


def dump(path: Path) -> list[tuple]:
    """Every row of the data tables, to compare a database before and after."""
    conn = sqlite3.connect(path)
    try:
        return [
            (table, *row)
            for table in ("sources", "metrics", "readings", "reading_values")
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2")
        ]
    finally:
        conn.close()


def big_csv(path: Path, rows: int, *, bad_line: int | None = None) -> Path:
    start = datetime(2020, 1, 1, tzinfo=UTC)
    with open(path, "w", encoding="utf-8") as f:
        f.write("timestamp,Day,Night\n")
        for i in range(rows):
            value = "12.3.4" if bad_line is not None and i + 2 == bad_line else f"{1000 + i * 0.5:.1f}"
            f.write(f"{(start + timedelta(hours=i)).isoformat()},{value},{500 + i * 0.25:.2f}\n")
    return path


def test_import_run_refuses_an_invalid_row_and_stores_nothing(run, db, db_path, add_source, store, tmp_path):
    """Without skip_invalid the first invalid row names its line and column, and nothing is stored."""
    source = add_source("House")
    store(source, make_reading(source, T0, "10.0", "5.0"))
    before = dump(db_path)
    path = write(tmp_path / "in.csv", "Date,Day,Night\n2024-01-01,100,50\n2024-01-02,101,1e400\n2024-01-03,102,52\n")
    with pytest.raises(ImportFileError) as caught:
        run(run_import(db, plan_for(path, source)))
    assert (caught.value.line, caught.value.column) == (3, "Night")
    assert "line 3, column “Night”" in str(caught.value) and "too large" in str(caught.value)
    assert dump(db_path) == before


def test_import_run_error_after_many_chunks_rolls_everything_back(run, db, db_path, tmp_path):
    """An invalid row far into a big file (after thousands of rows were written) leaves the database as it was."""
    path = big_csv(tmp_path / "big.csv", 30_000, bad_line=29_000)
    before = dump(db_path)
    with pytest.raises(ImportFileError, match="line 29000, column “Day”"):
        run(run_import(db, plan_for(path)))
    assert dump(db_path) == before


def test_import_run_skip_invalid_reports_each_row(run, db, tmp_path):
    """With skip_invalid, huge numbers, unreadable numbers and bad dates are skipped and listed; NaN and inf
    hold no value (a row with nothing else is skipped as empty, and listed); the rest is stored."""
    path = write(
        tmp_path / "in.csv",
        "Date,Day\n2024-01-01,1\n2024-01-02,NaN\n2024-01-03,inf\n2024-01-04,1e13\n2024-13-45,5\n2024-01-06,6\n"
        "2024-01-07,1.2.3\n",
    )
    plan = plan_for(path, skip_invalid=True)
    plan = replace(plan, mapping={1: ColumnTarget.to_metric(Metric(None, "Day", decimals=0))})
    summary = run(run_import(db, plan))
    assert summary.imported == 2 and summary.invalid_count == 3
    assert [(p.line, p.column) for p in summary.invalid] == [(5, "Day"), (6, "Date"), (8, "Day")]
    assert "too large" in summary.invalid[0].message
    assert summary.empty_lines == [3, 4] and not summary.complete
    text = summary.as_text()
    assert "line 6, column “Date”" in text and "Imported: 2 readings." in text


def test_import_run_duplicates_skip_by_default(run, db, add_source, store, stored_readings, tmp_path):
    """A row at the time of a stored reading is skipped (and counted); the stored reading is untouched."""
    source = add_source("House")
    store(source, make_reading(source, datetime(2024, 1, 2, tzinfo=UTC), "7.0", "3.0", note="typed by hand"))
    path = write(tmp_path / "in.csv", "Date,Day,Night\n2024-01-01,1,1\n2024-01-02,2,2\n2024-01-03,3,3\n")
    summary = run(run_import(db, plan_for(path, source)))
    assert (summary.imported, summary.skipped_duplicates, summary.replaced) == (2, 1, 0)
    readings = stored_readings(source)
    assert [r.note for r in readings] == ["", "typed by hand", ""]
    assert readings[1].values == {source.metrics[0].id: Decimal("7.0"), source.metrics[1].id: Decimal("3.0")}


def test_import_run_duplicates_replace(run, db, add_source, store, stored_readings, tmp_path):
    """With replace, the imported row replaces the stored reading at the same time."""
    source = add_source("House")
    store(source, make_reading(source, datetime(2024, 1, 2, tzinfo=UTC), "7.0", "3.0", note="typed by hand"))
    path = write(tmp_path / "in.csv", "Date,Day,Night\n2024-01-01,1,1\n2024-01-02,2,\n2024-01-03,3,3\n")
    summary = run(run_import(db, plan_for(path, source, duplicates=DuplicatePolicy.REPLACE)))
    assert (summary.imported, summary.replaced) == (3, 1)
    readings = stored_readings(source)
    assert len(readings) == 3
    assert readings[1].note == "" and readings[1].values == {source.metrics[0].id: Decimal("2.0")}


@pytest.mark.parametrize(("policy", "kept"), [(DuplicatePolicy.SKIP, "1"), (DuplicatePolicy.REPLACE, "9")])
def test_import_run_duplicates_within_the_file(run, db, tmp_path, policy, kept):
    """Two rows with the same time in the file: skip keeps the first, replace the last; one reading either way."""
    path = write(tmp_path / "in.csv", "Date,Day\n2024-01-01,1\n2024-01-02,5\n2024-01-01,9\n")
    summary = run(run_import(db, plan_for(path, duplicates=policy)))
    assert (summary.imported, summary.skipped_duplicates) == (2, 1)
    _source, rows = stored(run, db, summary.source_id)
    assert rows[0][1] == {"Day": Decimal(kept)}


def test_import_run_duplicates_across_chunks(run, db, tmp_path):
    """A time repeated thousands of rows later (another chunk) is found too."""
    path = big_csv(tmp_path / "big.csv", 12_000)
    with open(path, "a", encoding="utf-8") as f:
        f.write("2020-01-01T00:00:00+00:00,1,1\n")
    summary = run(run_import(db, plan_for(path, duplicates=DuplicatePolicy.REPLACE)))
    assert (summary.imported, summary.replaced, summary.skipped_duplicates) == (12_000, 0, 1)
    _source, rows = stored(run, db, summary.source_id)
    assert rows[0][1] == {"Day": Decimal("1.0"), "Night": Decimal("1.00")}


def test_import_run_new_metric_decimals_grow_to_the_values(run, db, tmp_path):
    """A created metric gets the decimals its values need, even beyond the sample detection saw."""
    lines = "".join(f"2024-01-{d:02d},{d}\n" for d in range(1, 29)) + "2024-02-01,5.125\n"
    path = write(tmp_path / "in.csv", "Date,Water (m³)\n" + lines)
    detected = detect(path)
    assert detected.column_decimals == {1: 3}
    source, mapping = new_source_for("Water", detected)
    mapping = {1: ColumnTarget.to_metric(replace(mapping[1].metric, decimals=0))}
    summary = run(run_import(db, ImportPlan(path, detected.settings, source, mapping)))
    source, rows = stored(run, db, summary.source_id)
    assert source.metrics[0].decimals == 3
    assert rows[-1][1] == {"Water": Decimal("5.125")}


def test_import_run_respects_a_stored_metrics_decimals_and_digits(run, db, add_source, tmp_path):
    """A stored metric's decimals and register digits are checked: too many decimals is an error."""
    source = add_source("Water", metrics=(Metric(None, "Reading", "m³", MetricKind.COUNTER, decimals=2, digits=5),))
    path = write(tmp_path / "in.csv", "Date,Reading\n2024-01-01,99999.99\n2024-01-02,1.234\n")
    with pytest.raises(ImportFileError, match=r"line 3.*too many decimals"):
        run(run_import(db, plan_for(path, source)))
    path = write(tmp_path / "in2.csv", "Date,Reading\n2024-01-01,100000\n")
    with pytest.raises(ImportFileError, match="register of 5 digits"):
        run(run_import(db, plan_for(path, source)))


def test_import_run_cancel_rolls_back(run, db, db_path, tmp_path, monkeypatch):
    """Cancel after the first chunks were written: ImportCancelledError and the database as it was."""
    monkeypatch.setattr(run_module, "FIRST_CHUNK", 500)
    monkeypatch.setattr(run_module, "MAX_CHUNK", 500)
    path = big_csv(tmp_path / "big.csv", 20_000)
    before = dump(db_path)
    token = CancelToken()
    seen: list[ImportProgress] = []

    def progress(p: ImportProgress) -> None:
        seen.append(p)
        if p.imported >= 2_000:
            token.cancel()

    with pytest.raises(ImportCancelledError):
        run(run_import(db, plan_for(path), progress, token))
    assert seen[-1].imported >= 2_000
    assert dump(db_path) == before


def test_import_run_reports_progress_in_steps(run, db, tmp_path, monkeypatch):
    """Progress comes per chunk (rows and bytes growing), then once more while committing."""
    monkeypatch.setattr(run_module, "FIRST_CHUNK", 1_000)
    monkeypatch.setattr(run_module, "MAX_CHUNK", 1_000)
    path = big_csv(tmp_path / "big.csv", 8_000)
    seen: list[ImportProgress] = []
    summary = run(run_import(db, plan_for(path), seen.append))
    reading = [p for p in seen if p.phase == "reading"]
    assert len(reading) >= 8
    assert [p.rows_done for p in reading] == sorted(p.rows_done for p in reading)
    assert reading[-1].rows_done == 8_000 and reading[-1].bytes_done == path.stat().st_size
    assert seen[-1].phase == "committing" and seen[-1].fraction == 1.0
    assert summary.imported == 8_000


def test_import_run_keeps_reporting_while_the_commit_takes_long(run, db, tmp_path, monkeypatch):
    """A slow final commit (a big import on a slow disk) still gets progress every interval: the
    commit here waits until the ticker has reported "committing" again, so without it the test
    times out."""
    import asyncio

    from sqlalchemy.ext.asyncio import AsyncSession

    monkeypatch.setattr(run_module, "PROGRESS_INTERVAL_S", 0.01)
    gate = asyncio.Event()
    original = AsyncSession.commit

    async def slow_commit(self: AsyncSession) -> None:
        await asyncio.wait_for(gate.wait(), 10)
        await original(self)

    monkeypatch.setattr(AsyncSession, "commit", slow_commit)
    seen: list[ImportProgress] = []

    def progress(p: ImportProgress) -> None:
        seen.append(p)
        if sum(x.phase == "committing" for x in seen) >= 3:
            gate.set()

    path = big_csv(tmp_path / "big.csv", 2_000)
    summary = run(run_import(db, plan_for(path), progress))
    assert summary.imported == 2_000
    assert [p.phase for p in seen[-3:]] == ["committing"] * 3


def test_import_run_into_a_source_deleted_meanwhile_fails_cleanly(run, db, add_source, tmp_path):
    """A plan for a source deleted since is refused with a message."""
    from homelog_desktop.repositories import SourceRepository

    source = add_source("House")
    path = write(tmp_path / "in.csv", "Date,Day\n2024-01-01,1\n")
    plan = plan_for(path, source)

    async def delete():
        async with db.session() as s:
            await SourceRepository(s).delete(source.id)

    run(delete())
    with pytest.raises(ImportFileError, match="no longer exists"):
        run(run_import(db, plan))


def test_import_run_a_new_source_with_a_taken_name_fails_and_stores_nothing(run, db, db_path, add_source, tmp_path):
    """Creating a source whose name is taken fails before anything is stored."""
    add_source("Meter")
    before = dump(db_path)
    path = write(tmp_path / "in.csv", "Date,Day\n2024-01-01,1\n")
    with pytest.raises(HomeLogError, match="already a source"):
        run(run_import(db, plan_for(path)))
    assert dump(db_path) == before


def test_import_preview_marks_problems_on_their_cells(tmp_path):
    """The preview shows values as stored, empty cells as None, each problem on its own cell, and the cells
    that hold no value (a word in a number column) as missing, the row kept."""
    path = write(
        tmp_path / "in.csv",
        "Date,Day,Night,Note\n2024-01-01,1.5,,ok\n2024-01-02,1.2.3,2,\n31.02.2024,3,3,\n2024-01-04,,,nothing\n"
        "2024-01-01,7,7,again\n2024-01-05,abc,5,\n",
    )
    plan = plan_for(path, skip_invalid=True)
    rows = preview(plan)
    assert [r.status for r in rows] == [
        RowStatus.OK,
        RowStatus.INVALID,
        RowStatus.INVALID,
        RowStatus.EMPTY,
        RowStatus.DUPLICATE,
        RowStatus.OK,
    ]
    assert rows[0].values == {1: Decimal("1.5"), 2: None} and rows[0].note == "ok"
    assert rows[0].timestamp == datetime(2024, 1, 1, tzinfo=UTC)
    assert rows[1].problems == {1: "“1.2.3” is not a number"}
    assert rows[5].values == {1: None, 2: Decimal(5)} and rows[5].missing == {1: "“abc” is no value: left empty"}
    assert list(rows[2].problems) == [0] and rows[2].timestamp is None
    assert "line 2" in rows[4].row_problem


def test_import_run_leaves_other_sources_alone(run, db, add_source, store, stored_readings, tmp_path):
    """Readings of other sources at the same times are not duplicates."""
    house = add_source("House")
    garage = add_source("Garage")
    store(garage, make_reading(garage, datetime(2024, 1, 1, tzinfo=UTC), "1.0", "1.0"))
    path = write(tmp_path / "in.csv", "Date,Day\n2024-01-01,5\n")
    summary = run(run_import(db, plan_for(path, house)))
    assert summary.imported == 1 and summary.skipped_duplicates == 0
    assert len(stored_readings(garage)) == 1 and len(stored_readings(house)) == 1


def test_import_run_a_database_locked_too_long_is_a_clear_error(run, db_path, migrated_template, tmp_path, monkeypatch):
    """Another program holding the write lock past the busy timeout: a message to retry, nothing stored."""
    import shutil

    from homelog_desktop.db import Database, database, sqlite_url

    shutil.copyfile(migrated_template, db_path)
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 100)
    short = Database(sqlite_url(db_path))
    path = write(tmp_path / "in.csv", "Date,Day\n2024-01-01,1\n")
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(HomeLogError, match="database is busy") as caught:
            run(run_import(short, plan_for(path)))
        assert type(caught.value) is HomeLogError
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        run(short.dispose())
    assert [row for row in dump(db_path) if row[0] in ("sources", "readings")] == []


def test_import_run_pauses_the_garbage_collector_only_while_it_runs(run, db, tmp_path):
    """The collector is off during an import (no long GIL-holding pauses) and on again after, even on error."""
    import gc

    path = write(tmp_path / "in.csv", "Date,Day\n2024-01-01,1\n")
    seen: list[bool] = []
    gc.enable()  # as without a GUI (the tests' loop otherwise collects on the GUI thread: views/gui_gc.py)
    run(run_import(db, plan_for(path), lambda _p: seen.append(gc.isenabled())))
    assert seen and not any(seen) and gc.isenabled()
    bad = write(tmp_path / "bad.csv", "Date,Day\n2024-01-01,x\n")
    with pytest.raises(ImportFileError):
        run(run_import(db, plan_for(bad, skip_invalid=False)))
    assert gc.isenabled()
    gc.disable()


def test_import_run_undoes_the_exports_formula_escape_in_notes(run, db, tmp_path):
    """Notes exported as '=... (so a spreadsheet never runs them) come back as written."""
    path = write(
        tmp_path / "in.csv",
        "timestamp,Day,note\n2024-01-01T00:00Z,1,'=SUM(A1)\n2024-01-02T00:00Z,2,''-minus\n"
        "2024-01-03T00:00Z,3,'quoted\n2024-01-04T00:00Z,4,plain\n",
    )
    summary = run(run_import(db, plan_for(path)))
    _source, rows = stored(run, db, summary.source_id)
    assert [note for _ts, _values, note in rows] == ["=SUM(A1)", "'-minus", "'quoted", "plain"]


def test_import_run_reports_progress_while_a_chunk_takes_long(run, db, tmp_path, monkeypatch):
    """A chunk that takes long (a slow disk) still gets progress reports in between (every 200 ms)."""
    import threading

    monkeypatch.setattr(run_module, "FIRST_CHUNK", 100)
    monkeypatch.setattr(run_module, "MAX_CHUNK", 100)
    path = big_csv(tmp_path / "big.csv", 300)
    released = threading.Event()
    seen: list[ImportProgress] = []
    read = run_module._Reader.read

    def slow_read(self, size, garbage=None):
        if seen and seen[-1].rows_done == 100:
            released.wait(timeout=30)  # the second chunk waits until two reports came meanwhile
        return read(self, size, garbage)

    def progress(p: ImportProgress) -> None:
        seen.append(p)
        if len([s for s in seen if s.phase == "reading" and s.rows_done == 100]) >= 3:
            released.set()

    monkeypatch.setattr(run_module._Reader, "read", slow_read)
    summary = run(run_import(db, plan_for(path), progress))
    assert released.is_set() and summary.imported == 300
