"""Real-world-shaped files imported into a real SQLite database and checked value by value.

The sample files under tests/data/import/ are written in the shapes households really have: a
supplier export with account lines before the header, day-first dates with gaps, semicolons with
decimal commas, date and time in separate columns, UTF-16 and Latin-1 text, Excel day numbers, ISO
timestamps with offsets; the .xlsx workbook is generated here with openpyxl.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from homelog_desktop.domain.entities import MetricKind
from homelog_desktop.repositories import ReadingRepository, SourceRepository
from homelog_desktop.services.importing import (
    EXCEL_FORMAT,
    ISO_FORMAT,
    ImportPlan,
    TargetRole,
    detect,
    new_source_for,
    run_import,
)

D = Decimal
DATA = Path(__file__).resolve().parents[1] / "data" / "import"
BERLIN = ZoneInfo("Europe/Berlin")


def berlin(*args: int) -> datetime:
    return datetime(*args, tzinfo=BERLIN).astimezone(UTC)


def import_new(run, db, path: Path, name: str = "Imported", **settings):
    """Detect ``path``, import it into a new source (naive times in Berlin) and return what is stored."""
    detected = detect(path)
    source, mapping = new_source_for(name, detected)
    plan = ImportPlan(
        path,
        replace(detected.settings, timezone="Europe/Berlin", **settings),
        source,
        mapping,
        kind=detected.kind,
        columns=detected.columns,
    )
    summary = run(run_import(db, plan))
    return detected, summary, stored(run, db, summary.source_id)


def stored(run, db, source_id):
    """[(UTC time, {metric name: value}, note)] of a source, oldest first, and the source itself."""

    async def fetch():
        async with db.session(readonly=True) as s:
            source = await SourceRepository(s).get(source_id)
            lines = await ReadingRepository(s).page(source, 0, 10_000)
        names = {m.id: m.name for m in source.metrics}
        rows = [
            (line.reading.timestamp, {names[k]: v for k, v in line.reading.values.items()}, line.reading.note)
            for line in lines
        ]
        return source, rows

    return run(fetch())


def test_import_supplier_export_skips_the_account_lines(run, db):
    """A supplier export: BOM, CRLF, four account lines and a blank line before the header, units in brackets."""
    detected, summary, (source, rows) = import_new(run, db, DATA / "supplier_export.csv")
    assert detected.settings.encoding == "utf-8-sig"
    assert detected.settings.header_row == 5
    assert detected.columns == ["Read date", "Reading type", "Day (kWh)", "Night (kWh)"]
    assert [(m.name, m.unit, m.kind, m.decimals) for m in source.metrics] == [
        ("Day", "kWh", MetricKind.COUNTER, 1),
        ("Night", "kWh", MetricKind.COUNTER, 1),
    ]
    assert summary.imported == 4 and summary.ignored_columns == ["Reading type"]
    assert rows == [
        (berlin(2023, 1, 1, 7, 15), {"Day": Decimal("12345.6"), "Night": Decimal("6543.2")}, ""),
        (berlin(2023, 2, 1, 7, 20), {"Day": Decimal("12601.0"), "Night": Decimal("6650.9")}, ""),
        (berlin(2023, 3, 1, 7, 5), {"Day": Decimal("12890.4"), "Night": Decimal("6760.0")}, ""),
        # after the switch to summer time: +02:00
        (berlin(2023, 3, 31, 18, 45), {"Day": Decimal("13102.8"), "Night": Decimal("6851.3")}, ""),
    ]
    assert rows[-1][0] == datetime(2023, 3, 31, 16, 45, tzinfo=UTC)


def test_import_day_first_dates_with_empty_cells_are_missing_values(run, db):
    """Empty cells are missing values (never zeros); a row with no value is skipped and reported."""
    detected, summary, (_source, rows) = import_new(run, db, DATA / "day_first_gaps.csv")
    assert detected.settings.date_format == "%d/%m/%Y"
    assert summary.imported == 4
    assert summary.skipped_empty_rows == 1 and summary.empty_lines == [5]
    assert rows == [
        (berlin(2024, 1, 3), {"Electricity": D("1000.50"), "Water": D("250.125"), "Gas": D("4000.0")}, ""),
        (berlin(2024, 1, 10), {"Electricity": Decimal("1010.00"), "Gas": Decimal("4012.5")}, ""),
        (berlin(2024, 1, 17), {"Electricity": Decimal("1019.50"), "Water": Decimal("251.500")}, ""),
        (berlin(2024, 1, 31), {"Electricity": D("1031.25"), "Water": D("252.750"), "Gas": D("4040.0")}, ""),
    ]


def test_import_semicolons_decimal_comma_and_thousand_dots(run, db):
    """1.234,567 is 1234.567; an empty consumption cell stays empty; the Notiz column becomes the note."""
    detected, summary, (source, rows) = import_new(run, db, DATA / "semicolon_decimal_comma.csv")
    assert (detected.settings.delimiter, detected.settings.decimal, detected.settings.thousands) == (";", ",", ".")
    assert [(m.name, m.unit) for m in source.metrics] == [("Zählerstand", "m³"), ("Verbrauch", "")]
    assert summary.imported == 3
    assert rows == [
        (berlin(2024, 2, 1), {"Zählerstand": Decimal("1234.567")}, "Ablesung"),
        (berlin(2024, 3, 1), {"Zählerstand": Decimal("1250.001"), "Verbrauch": Decimal("15.434")}, ""),
        (berlin(2024, 4, 1), {"Zählerstand": Decimal("1262.500"), "Verbrauch": Decimal("12.499")}, "nach Urlaub"),
    ]


def test_import_latin1_text(run, db):
    """A Windows-1252 (Latin-1) file: umlauts in the header and the notes arrive intact."""
    detected, _summary, (source, rows) = import_new(run, db, DATA / "latin1_semicolon.csv")
    assert detected.settings.encoding == "cp1252"
    assert source.metrics[0].name == "Zählerstand"
    assert [(r[0], r[1]["Zählerstand"], r[2]) for r in rows] == [
        (berlin(2023, 1, 15), Decimal("845.3"), "Ablesung durch Müller"),
        (berlin(2023, 2, 15), Decimal("901.7"), "geschätzt - Zähler nicht zugänglich"),
        (berlin(2023, 3, 15), Decimal("955.0"), ""),
    ]


def test_import_date_and_time_in_separate_columns(run, db):
    """A tab-separated file with the time in its own column (with and without seconds, or empty)."""
    detected, _summary, (_source, rows) = import_new(run, db, DATA / "date_time_columns.tsv")
    assert (detected.settings.delimiter, detected.settings.date_column, detected.settings.time_column) == ("\t", 0, 1)
    assert rows == [
        (berlin(2023, 12, 25, 7, 30), {"Reading": Decimal("500.1")}, ""),
        (berlin(2023, 12, 26, 19, 5, 30), {"Reading": Decimal("501.4")}, ""),
        (berlin(2023, 12, 27), {"Reading": Decimal("502.9")}, ""),
    ]


def test_import_utf16_tab_export(run, db):
    """Excel's "Unicode text": UTF-16 with a BOM, tabs, CRLF."""
    detected, _summary, (source, rows) = import_new(run, db, DATA / "utf16_export.txt")
    assert detected.settings.encoding == "utf-16" and detected.settings.delimiter == "\t"
    assert (source.metrics[0].name, source.metrics[0].unit) == ("Strom", "kWh")
    assert rows == [
        (berlin(2024, 5, 1, 6, 0), {"Strom": Decimal("7000.50")}, ""),
        (berlin(2024, 5, 2, 6, 0), {"Strom": Decimal("7010.25")}, ""),
    ]


def test_import_excel_serial_dates(run, db):
    """Excel day numbers: 45292 is 2024-01-01, the fraction is the time of day."""
    detected, _summary, (_source, rows) = import_new(run, db, DATA / "excel_serial.csv")
    assert detected.settings.date_format == EXCEL_FORMAT
    assert [(r[0], r[1]["Reading"]) for r in rows] == [
        (berlin(2024, 1, 1), Decimal("100.00")),
        (berlin(2024, 1, 1, 18, 0), Decimal("101.50")),
        (berlin(2024, 2, 1, 12, 0), Decimal("130.25")),
    ]


def test_import_iso_timestamps_keep_their_offsets(run, db):
    """ISO 8601 with +01:00, +02:00, Z and -05:00 (and fractions of a second) mean those moments."""
    detected, _summary, (_source, rows) = import_new(run, db, DATA / "iso_offsets.csv")
    assert (detected.settings.delimiter, detected.settings.date_format) == ("|", ISO_FORMAT)
    assert rows == [
        (datetime(2024, 3, 30, 22, 0, tzinfo=UTC), {"kwh": Decimal("10.500")}, "before DST"),
        (datetime(2024, 3, 31, 21, 0, tzinfo=UTC), {"kwh": Decimal("12.750")}, "after DST"),
        (datetime(2024, 4, 1, 6, 30, tzinfo=UTC), {"kwh": Decimal("13.000")}, "utc"),
        (datetime(2024, 4, 2, 11, 30, 15, tzinfo=UTC), {"kwh": Decimal("14.125")}, ""),
    ]


def test_import_ambiguous_dates_as_the_user_chooses(run, db):
    """01/02/2024 is undecided until chosen; month-first makes it 2 January."""
    detected = detect(DATA / "ambiguous_dates.csv")
    assert detected.is_ambiguous and detected.ambiguous_date_formats == ["%d/%m/%Y", "%m/%d/%Y"]
    _detected, _summary, (_source, rows) = import_new(run, db, DATA / "ambiguous_dates.csv", date_format="%m/%d/%Y")
    assert [r[0] for r in rows] == [berlin(2024, 1, 2), berlin(2024, 2, 3), berlin(2024, 3, 4)]


def test_import_local_time_without_a_zone_is_the_computers(run, db):
    """With no time zone chosen, naive times are the computer's local time."""
    detected = detect(DATA / "date_time_columns.tsv")
    source, mapping = new_source_for("Local", detected)
    summary = run(run_import(db, ImportPlan(detected.path, detected.settings, source, mapping)))
    _source, rows = stored(run, db, summary.source_id)
    assert rows[0][0] == datetime(2023, 12, 25, 7, 30).astimezone().astimezone(UTC)


def _workbook(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Readings"
    sheet.append(["Meter export for Jane Doe"])
    sheet.append([])
    sheet.append(["Date", "Time", "Gas (m³)", "Comment"])
    sheet.append([datetime(2024, 1, 5), time(8, 30), 1234.567, "first"])
    sheet.append([datetime(2024, 2, 5), time(9, 0), 1290, None])
    sheet.append([datetime(2024, 3, 5), None, None, "not read"])
    sheet.append([datetime(2024, 4, 5), time(18, 15, 10), 1401.25, ""])
    other = book.create_sheet("Notes")
    other.append(["nothing", "here"])
    book.save(path)


def test_import_xlsx_with_a_title_row_dates_and_times(run, db, tmp_path):
    """An .xlsx workbook (read-only streaming): a title row, real dates, times, an empty value, a comment."""
    path = tmp_path / "gas.xlsx"
    _workbook(path)
    detected, summary, (source, rows) = import_new(run, db, path)
    assert detected.kind == "xlsx" and detected.sheets == ["Readings", "Notes"]
    assert detected.columns == ["Date", "Time", "Gas (m³)", "Comment"]
    assert (detected.settings.time_column, source.metrics[0].name, source.metrics[0].unit) == (1, "Gas", "m³")
    assert summary.imported == 3 and summary.empty_lines == [6]
    assert rows == [
        (berlin(2024, 1, 5, 8, 30), {"Gas": Decimal("1234.567")}, "first"),
        (berlin(2024, 2, 5, 9, 0), {"Gas": Decimal("1290.000")}, ""),
        (berlin(2024, 4, 5, 18, 15, 10), {"Gas": Decimal("1401.250")}, ""),
    ]


def test_import_into_a_stored_source_maps_columns_by_name(run, db, add_source):
    """Columns go to the stored source's metrics by name, case-insensitively, "(kWh)" aside."""
    from homelog_desktop.services.importing import suggest_mapping

    source = add_source("House")  # metrics Day, Night (kWh, one decimal)
    path = DATA / "supplier_export.csv"
    detected = detect(path)
    mapping = suggest_mapping(detected, source)
    assert {c: (t.role, t.metric.name if t.metric else None) for c, t in mapping.items()} == {
        1: (TargetRole.IGNORE, None),
        2: (TargetRole.METRIC, "Day"),
        3: (TargetRole.METRIC, "Night"),
    }
    plan = ImportPlan(path, replace(detected.settings, timezone="Europe/Berlin"), source, mapping)
    summary = run(run_import(db, plan))
    assert not summary.source_created and summary.imported == 4
    _source, rows = stored(run, db, source.id)
    assert rows[0] == (berlin(2023, 1, 1, 7, 15), {"Day": Decimal("12345.6"), "Night": Decimal("6543.2")}, "")


def test_import_detect_runs_off_the_loop(run, db):
    """detect and preview are plain functions: the GUI runs them in a thread."""
    detected = run(asyncio.to_thread(detect, DATA / "excel_serial.csv"))
    assert detected.columns == ["Date", "Reading"]


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.iterdir()))
def test_import_every_sample_file_previews_without_problems(name):
    """Every sample file's preview (with its detected settings) has no problem, except empty rows."""
    from homelog_desktop.services.importing import RowStatus, preview

    detected = detect(DATA / name)
    settings = detected.settings
    if detected.is_ambiguous:
        settings = replace(settings, date_format=detected.ambiguous_date_formats[0])
    source, mapping = new_source_for("Preview", detected)
    rows = preview(ImportPlan(DATA / name, settings, source, mapping, kind=detected.kind))
    assert rows and all(r.status in (RowStatus.OK, RowStatus.EMPTY) for r in rows), [r for r in rows if r.problems]
    assert all(r.timestamp is not None for r in rows)


def test_import_xlsx_other_sheet(run, db, tmp_path):
    """detect(path, sheet) reads the chosen worksheet; the import follows it."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Summary"
    book.active.append(["nothing to import"])
    sheet = book.create_sheet("Water")
    sheet.append(["Date", "Water (m³)"])
    sheet.append([datetime(2024, 6, 1), 12.5])
    path = tmp_path / "two.xlsx"
    book.save(path)
    detected = detect(path, "Water")
    assert detected.settings.sheet == "Water" and detected.columns == ["Date", "Water (m³)"]
    source, mapping = new_source_for("Water", detected)
    plan = ImportPlan(path, replace(detected.settings, timezone="UTC"), source, mapping, kind="xlsx")
    summary = run(run_import(db, plan))
    assert stored(run, db, summary.source_id)[1] == [(datetime(2024, 6, 1, tzinfo=UTC), {"Water": Decimal("12.5")}, "")]


def test_import_big_xlsx_streams_in_many_chunks(run, db, tmp_path, monkeypatch):
    """An .xlsx longer than a chunk: every row arrives once, in order."""
    from openpyxl import Workbook

    from homelog_desktop.services.importing import run as run_module

    monkeypatch.setattr(run_module, "FIRST_CHUNK", 300)
    monkeypatch.setattr(run_module, "MAX_CHUNK", 300)
    book = Workbook()
    book.active.append(["Date", "Counter"])
    for day in range(1000):
        book.active.append([datetime(2020, 1, 1) + timedelta(days=day), day + 0.5])
    path = tmp_path / "big.xlsx"
    book.save(path)
    detected = detect(path)
    source, mapping = new_source_for("Big", detected)
    plan = ImportPlan(path, replace(detected.settings, timezone="UTC"), source, mapping, kind="xlsx")
    summary = run(run_import(db, plan))
    assert summary.imported == 1000
    _source, rows = stored(run, db, summary.source_id)
    assert [r[1]["Counter"] for r in rows] == [Decimal(day) + Decimal("0.5") for day in range(1000)]
    assert rows[-1][0] == datetime(2022, 9, 26, tzinfo=UTC)
