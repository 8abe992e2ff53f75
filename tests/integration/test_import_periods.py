"""Amounts per period imported value by value: register, instant, value, unit, kind and period.

Files written here follow what suppliers' portals export: a ``Start``/``End`` (or ``From``/``To``)
pair per row, or one time that is the start or the end of a fixed period.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from homelog_desktop.db import Database, sqlite_url
from homelog_desktop.domain.entities import Metric, MetricKind
from homelog_desktop.services.exporting import ExportFormat, export_readings
from homelog_desktop.services.importing import (
    ColumnTarget,
    ImportPlan,
    PeriodLabel,
    detect,
    preview,
    run_import,
)
from homelog_desktop.services.importing.model import start_columns_of
from tests.processes import homelog

START_END = (
    "Start;End;Afname (kWh)\n"
    "01-01-2025 00:00;01-01-2025 00:15;0,250\n"
    "01-01-2025 00:15;01-01-2025 00:30;0,500\n"
    # 00:30-00:45 is missing: a gap, not smeared over the next quarter-hour.
    "01-01-2025 00:45;01-01-2025 01:00;1,250\n"
)


def epoch(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp())


def values_of(path: Path) -> list[tuple[str, str, str, int | None, int, float]]:
    """(source, metric, unit, kind, start, end, value) of every stored value, in time order."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT s.name, m.name, m.unit, m.kind, v.start_ts, v.ts, v.value FROM reading_values v"
            " JOIN metrics m ON m.id = v.metric_id JOIN sources s ON s.id = m.source_id ORDER BY v.ts, m.position"
        ).fetchall()
    finally:
        conn.close()


def test_a_start_end_file_is_imported_value_by_value_from_the_command_line(tmp_path: Path) -> None:
    """``homelog import --period-start-column Start --period-end-column End --create``: each value is an
    interval amount over its own quarter-hour, the gap stays a gap, the unit comes from the header."""
    data = tmp_path / "data"
    csv = tmp_path / "quarter-hours.csv"
    csv.write_text(START_END, encoding="utf-8")
    done = homelog(
        tmp_path,
        "import",
        str(csv),
        "--source",
        "Grid",
        "--create",
        "--period-start-column",
        "start",
        "--period-end-column",
        "End",
        "--date-format",
        "dmy",
        "--timezone",
        "UTC",
        "--data-dir",
        str(data),
    )
    assert done.returncode == 0, done.stderr
    assert "Imported: 3 readings." in done.stdout
    assert "Ignored" not in done.stdout  # the Start column is the periods' start, not an ignored column
    assert values_of(data / "homelog.db") == [
        ("Grid", "Afname", "kWh", "interval", epoch("2025-01-01T00:00"), epoch("2025-01-01T00:15"), 0.25),
        ("Grid", "Afname", "kWh", "interval", epoch("2025-01-01T00:15"), epoch("2025-01-01T00:30"), 0.5),
        ("Grid", "Afname", "kWh", "interval", epoch("2025-01-01T00:45"), epoch("2025-01-01T01:00"), 1.25),
    ]
    report = homelog(tmp_path, "report", "--source", "Grid", "--period", "day", "--data-dir", str(data), TZ="UTC")
    assert report.returncode == 0, report.stderr
    # 2 kWh over the 45 minutes covered (0.03125 days: 64 kWh a day); the 15 missing minutes are named.
    assert "2025-01-01,2025-01-02,2.00,0.03,64.0000," in report.stdout
    assert "not counted as zero" in report.stderr


def test_rows_labelled_by_their_start_with_a_period_length(tmp_path: Path) -> None:
    """``--time-is start --period 1h``: the row at 00:00 holds 00:00-01:00 (stored with its end, 01:00)."""
    data = tmp_path / "data"
    csv = tmp_path / "hours.csv"
    csv.write_text("From,Usage kWh\n2025-03-01 00:00,1.5\n2025-03-01 01:00,2.5\n", encoding="utf-8")
    done = homelog(
        tmp_path,
        *("import", str(csv), "--source", "Hours", "--create", "--time-is", "start", "--period", "1h"),
        *("--timezone", "UTC", "--data-dir", str(data)),
    )
    assert done.returncode == 0, done.stderr
    stored = values_of(data / "homelog.db")
    assert [(kind, start, end, value) for _s, _m, _u, kind, start, end, value in stored] == [
        ("interval", epoch("2025-03-01T00:00"), epoch("2025-03-01T01:00"), 1.5),
        ("interval", epoch("2025-03-01T01:00"), epoch("2025-03-01T02:00"), 2.5),
    ]


def test_a_bad_period_is_named_by_line_and_column(tmp_path: Path) -> None:
    """A period that ends before it starts stops the import with its line and column; nothing is stored."""
    data = tmp_path / "data"
    csv = tmp_path / "bad.csv"
    csv.write_text("Start;End;kWh\n2025-01-01 00:15;2025-01-01 00:00;1\n", encoding="utf-8")
    done = homelog(
        tmp_path,
        *("import", str(csv), "--source", "Bad", "--create", "--period-start-column", "Start"),
        *("--period-end-column", "End", "--timezone", "UTC", "--data-dir", str(data)),
    )
    assert done.returncode == 2
    assert "line 2" in done.stderr and "the period does not end after it starts" in done.stderr
    assert "Traceback" not in done.stderr


def test_preview_shows_each_row_with_its_period(tmp_path: Path) -> None:
    """The plan's period rules reach the preview: each row's period start and end."""
    path = tmp_path / "quarter-hours.csv"
    path.write_text(START_END, encoding="utf-8")
    detected = detect(path)
    settings = replace(
        detected.settings,
        timezone="UTC",
        date_format="%d-%m-%Y",
        date_column=1,
        period_column=0,
        time_is=PeriodLabel.END,
    )
    metric = Metric(None, "Afname", "kWh", MetricKind.INTERVAL, decimals=3)
    plan = ImportPlan(path, settings, replace_source(), {2: ColumnTarget.to_metric(metric)})
    rows = preview(plan)
    assert [(r.period_start, r.timestamp) for r in rows] == [
        (datetime(2025, 1, 1, 0, 0, tzinfo=UTC), datetime(2025, 1, 1, 0, 15, tzinfo=UTC)),
        (datetime(2025, 1, 1, 0, 15, tzinfo=UTC), datetime(2025, 1, 1, 0, 30, tzinfo=UTC)),
        (datetime(2025, 1, 1, 0, 45, tzinfo=UTC), datetime(2025, 1, 1, 1, 0, tzinfo=UTC)),
    ]


def replace_source():
    from homelog_desktop.domain.entities import Source

    return Source(None, "Grid")


def test_an_export_imported_again_has_the_same_periods(run, tmp_path: Path) -> None:
    """Export (CSV) of interval values, imported into an empty database: the same values and periods,
    a metric whose reading skipped one keeping its own start."""
    path = tmp_path / "quarter-hours.csv"
    path.write_text(START_END, encoding="utf-8")
    first = tmp_path / "first.db"
    db = Database(sqlite_url(first))

    async def go() -> None:
        from homelog_desktop.db.migrate import migrate

        await migrate(db)
        detected = detect(path)
        settings = replace(detected.settings, timezone="UTC", date_format="%d-%m-%Y", date_column=1, period_column=0)
        metric = Metric(None, "Afname", "kWh", MetricKind.INTERVAL, decimals=3)
        await run_import(db, ImportPlan(path, settings, replace_source(), {2: ColumnTarget.to_metric(metric)}))
        from homelog_desktop.services.exporting import find_source

        source = await find_source(db, "Grid")
        await export_readings(db, source, tmp_path / "export.csv", ExportFormat.CSV, tz=UTC)
        await export_readings(db, source, tmp_path / "export.json", ExportFormat.JSON, tz=UTC)

    try:
        run(go())
    finally:
        run(db.dispose())
    exported = (tmp_path / "export.csv").read_text(encoding="utf-8").splitlines()
    assert exported[0] == "timestamp,Afname,Afname start,note,estimated,from bill,entered by"
    assert exported[3] == "2025-01-01T01:00:00+00:00,1.250,2025-01-01T00:45:00+00:00,,,,"
    assert '"starts": {"Afname": "2025-01-01T00:45:00+00:00"}' in (tmp_path / "export.json").read_text(encoding="utf-8")
    assert start_columns_of(exported[0].split(",")) == ((1, 2),)
    data = tmp_path / "second"
    done = homelog(
        tmp_path, "import", str(tmp_path / "export.csv"), "--source", "Grid", "--create", "--data-dir", str(data)
    )
    assert done.returncode == 0, done.stderr
    # The CSV layout carries no units (the JSON one does): the kind, periods and values come back.
    assert [v[3:] for v in values_of(data / "homelog.db")] == [v[3:] for v in values_of(first)]


def test_a_counter_turned_into_an_interval_metric_runs_since_the_previous_value(run, db, add_source, store):
    """Changing a metric's kind to interval in the source editor gives its values the previous value as start."""
    from homelog_desktop.repositories import ReadingRepository, SourceRepository
    from tests.conftest import T0, make_reading

    source = add_source("Oil", metrics=(Metric(None, "Delivered", "l", MetricKind.COUNTER, decimals=0),))
    store(source, make_reading(source, T0, "500"), make_reading(source, T0.replace(year=T0.year + 1), "700"))

    async def change() -> list:
        async with db.session() as session:
            metric = replace(source.metrics[0], kind=MetricKind.INTERVAL)
            changed = await SourceRepository(session).update(replace(source, metrics=(metric,)))
        async with db.session() as session:
            lines = await ReadingRepository(session).page(changed, 0, 10)
        return [line.reading.starts for line in lines]

    metric_id = source.metrics[0].id
    assert run(change()) == [{}, {metric_id: T0}]


def test_periods_on_postgresql(run, pg_server, tmp_path: Path) -> None:
    """On PostgreSQL too: the writer stores each period, the report reads them back with a gap."""
    from homelog_desktop.domain.consumption import Period
    from homelog_desktop.services.reports import build_report
    from tests.postgres import create_database, drop_database

    path = tmp_path / "quarter-hours.csv"
    path.write_text(START_END, encoding="utf-8")
    url = run(create_database(migrated=True))
    db = Database(url)
    try:

        async def go():
            detected = detect(path)
            settings = replace(
                detected.settings, timezone="UTC", date_format="%d-%m-%Y", date_column=1, period_column=0
            )
            metric = Metric(None, "Afname", "kWh", MetricKind.INTERVAL, decimals=3)
            summary = await run_import(
                db, ImportPlan(path, settings, replace_source(), {2: ColumnTarget.to_metric(metric)})
            )
            from homelog_desktop.services.exporting import find_source

            source = await find_source(db, "Grid")
            report = await build_report(db, source.id, source.metrics[0].id, Period.DAY, tz=UTC)
            async with db.engine.connect() as conn:
                from sqlalchemy import text

                rows = (await conn.execute(text("SELECT start_ts, ts FROM reading_values ORDER BY ts"))).all()
            return summary, report, [tuple(r) for r in rows]

        summary, report, rows = run(go())
        assert summary.imported == 3
        assert rows == [
            (epoch("2025-01-01T00:00"), epoch("2025-01-01T00:15")),
            (epoch("2025-01-01T00:15"), epoch("2025-01-01T00:30")),
            (epoch("2025-01-01T00:45"), epoch("2025-01-01T01:00")),
        ]
        assert [(r.consumption, r.uncovered_days) for r in report.rows] == [(2, Decimal("0.010417"))]
    finally:
        run(db.dispose())
        run(drop_database(url))
