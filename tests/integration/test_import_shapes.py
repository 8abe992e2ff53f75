"""The shapes real files come in (issue 12), imported into a real SQLite database and checked value by value.

Each sample under tests/data/shapes/ follows a layout households really get: a supplier portal's
export with Excel's ``sep=;`` line, a title, account lines holding dates and numbers, units without
brackets, cells that mean "no value", a total line at line 368 and an advert at the end; a
grid operator's two-line header with a unit row; a unit row above the header with bracketed labels
that are not units; an inverter log with no header at all. Every value is checked: metric (register),
instant, value, unit, kind; every skipped row and cell is named by its line.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from homelog_desktop.domain.entities import MetricKind
from homelog_desktop.services.importing import PeriodLabel, detect
from tests.integration.test_import_files import berlin, import_new

D = Decimal
SHAPES = Path(__file__).resolve().parents[1] / "data" / "shapes"


def metrics_of(source):
    return [(m.name, m.unit, m.kind) for m in source.metrics]


def test_import_shapes_portal_noise_sep_line_account_lines_total_and_advert(run, db):
    """sep=; decides the separator; the title and account lines (with dates and numbers) are skipped; units
    come from headers without brackets; the total line at 368 and the advert are listed, not fatal."""
    detected, summary, (source, rows) = import_new(run, db, SHAPES / "portal_noise.csv")
    settings = detected.settings
    assert (settings.delimiter, settings.decimal, settings.thousands) == (";", ",", ".")
    assert (settings.header_row, settings.data_row, settings.date_format) == (7, 8, "%d.%m.%Y")
    # Hourly amounts that rise and fall, the first at midnight: amounts per hour labelled by their start
    # (the reading's time is the period's end).
    assert metrics_of(source) == [("Bezug T1", "kWh", MetricKind.INTERVAL), ("Einspeisung", "kWh", MetricKind.INTERVAL)]
    assert (settings.time_is, settings.period_seconds) == (PeriodLabel.START, 3600)
    # 359 data rows, one with no value at all (line 16: NaN, NaN).
    assert summary.imported == 358 and summary.skipped_empty_rows == 1 and summary.empty_lines == [16]
    assert [(p.line, p.message) for p in summary.not_readings] == [
        (368, "not a reading: “Summe 1.893,46900 12,600”"),
        (370, "not a reading: “Sparen Sie mit unserem Ökostrom-Tarif! J…”"),
    ]
    assert [(p.line, p.column, p.message) for p in summary.missing] == [
        (12, "Bezug T1 kWh", "“NaN” is no value: left empty"),
        (13, "Einspeisung kWh", "“-” is no value: left empty"),
        (14, "Bezug T1 kWh", "“n/a” is no value: left empty"),
        (15, "Einspeisung kWh", "“kwh” is no value: left empty"),
    ]
    assert not summary.complete and summary.invalid_count == 0
    by_time = {at: values for at, values, _note in rows}
    assert by_time[berlin(2024, 1, 1, 1, 0)] == {"Bezug T1": D("0.050"), "Einspeisung": D("0.000")}
    assert by_time[berlin(2024, 1, 1, 4, 0)] == {"Einspeisung": D("0.600")}  # NaN left empty, the row kept
    assert by_time[berlin(2024, 1, 1, 5, 0)] == {"Bezug T1": D("0.550")}  # "-"
    assert by_time[berlin(2024, 1, 1, 7, 0)] == {"Bezug T1": D("0.800")}  # "kwh" in a number column
    assert berlin(2024, 1, 1, 8, 0) not in by_time  # NaN, NaN: nothing to store
    assert max(by_time) == berlin(2024, 1, 15, 23, 0)
    text = summary.as_text()
    assert "Skipped: 2 lines that are no reading:" in text and "line 368:" in text
    assert "Left empty: 4 cells without a value" in text and "line 12, column “Bezug T1 kWh”" in text


def test_import_shapes_two_line_header_with_a_unit_row(run, db):
    """``Afname`` written once over ``Dag``/``Nacht``, a unit row under the names: four named metrics in kWh."""
    detected, summary, (source, rows) = import_new(run, db, SHAPES / "two_line_header.csv")
    assert detected.settings.header_row == 2 and detected.settings.data_row == 4
    assert metrics_of(source) == [
        ("Afname Dag", "kWh", MetricKind.COUNTER),
        ("Afname Nacht", "kWh", MetricKind.COUNTER),
        ("Injectie Dag", "kWh", MetricKind.COUNTER),
        ("Injectie Nacht", "kWh", MetricKind.COUNTER),
    ]
    assert summary.imported == 4 and summary.complete
    assert rows[0][:2] == (
        berlin(2024, 3, 1),
        {
            "Afname Dag": D("1234.5"),
            "Afname Nacht": D("2345.25"),
            "Injectie Dag": D("310.0"),
            "Injectie Nacht": D("12.5"),
        },
    )
    assert rows[2][:2] == (
        berlin(2024, 3, 13),
        {"Afname Dag": D("1301.9"), "Afname Nacht": D("2420.0"), "Injectie Nacht": D("13.0")},
    )


def test_import_shapes_unit_row_above_and_brackets_that_are_no_units(run, db):
    """A unit row over the header gives units; ``(El 1)``, a phase ``(A)`` and the ``(2)`` of a repeated
    name are part of the name, never a unit; only the vocabulary's units are units (m3 -> m³)."""
    detected, summary, (source, rows) = import_new(run, db, SHAPES / "units_above.csv")
    assert detected.settings.header_row == 2
    assert metrics_of(source) == [
        ("Zähler (El 1)", "kWh", MetricKind.COUNTER),
        ("Zähler (El 2)", "kWh", MetricKind.COUNTER),
        ("Gas", "m³", MetricKind.COUNTER),
        ("Strom L1 (A)", "", MetricKind.COUNTER),
        ("Temperatur", "°C", MetricKind.GAUGE),
        ("Zähler (El 1) (2)", "kWh", MetricKind.COUNTER),
    ]
    assert summary.imported == 3 and summary.complete
    assert rows[1][:2] == (
        berlin(2024, 2, 2, 6, 0),
        {
            "Zähler (El 1)": D("10512.0"),
            "Zähler (El 2)": D("821.00"),
            "Gas": D("4324.500"),
            "Strom L1 (A)": D("2.9"),
            "Temperatur": D("19.0"),
            "Zähler (El 1) (2)": D("10512.0"),
        },
    )


def test_import_shapes_file_without_a_header(run, db):
    """An inverter log with no header: a date-time column and number columns, all rows imported."""
    detected, summary, (source, rows) = import_new(run, db, SHAPES / "no_header.tsv")
    assert detected.settings.header_row is None and detected.settings.data_row == 0
    assert metrics_of(source) == [("Column 2", "", MetricKind.COUNTER), ("Column 3", "", MetricKind.COUNTER)]
    assert summary.imported == 5 and summary.complete
    assert rows[0][:2] == (berlin(2024, 6, 1, 12, 0), {"Column 2": D("1012.5"), "Column 3": D("0.50")})
    assert rows[4][:2] == (berlin(2024, 6, 5, 12, 0), {"Column 2": D("1062.5"), "Column 3": D("2.50")})


def test_import_shapes_separators_decided_on_the_whole_file(tmp_path):
    """Small amounts at the start, a grouped total far down: the thousands separator comes from the whole file."""
    lines = ["Datum;Verbruik"] + [f"{1 + i % 28:02d}-{1 + i // 28:02d}-2024;0,{i % 10}" for i in range(400)]
    lines.insert(367, "31-12-2024;1.893,46900")
    path = tmp_path / "verbruik.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    detected = detect(path)
    assert (detected.settings.decimal, detected.settings.thousands) == (",", ".")
    assert any("further down the file" in note for note in detected.notes)


def test_import_shapes_berlin_helper_is_utc():
    """(the helper the checks use gives UTC)"""
    assert berlin(2024, 1, 1).tzinfo is UTC and berlin(2024, 1, 1) == datetime(2023, 12, 31, 23, 0, tzinfo=UTC)


# -- shape 2: one row per register ("long" files) ------------------------------------------------------------


def test_import_shapes_long_file_each_register_its_metric_across_the_autumn_change(run, db):
    """Fluvius quarter hours: four registers per time, each its own kWh metric; rows of one time merge into
    one reading (none collide as "same time"); the repeated 02:00-03:00 hour keeps both occurrences of
    every register; the row without a volume is listed by line."""
    detected, summary, (source, rows) = import_new(run, db, SHAPES / "fluvius_kwartier.csv")
    settings = detected.settings
    assert detected.columns[settings.register_column] == "Register" and settings.value_columns == (8,)
    assert detected.columns[settings.unit_column] == "Eenheid"
    assert metrics_of(source) == [
        ("Afname Dag", "kWh", MetricKind.INTERVAL),
        ("Afname Nacht", "kWh", MetricKind.INTERVAL),
        ("Injectie Dag", "kWh", MetricKind.INTERVAL),
        ("Injectie Nacht", "kWh", MetricKind.INTERVAL),
    ]
    # "Van" (from) is the start of each quarter hour: the reading's time is its end, 15 minutes later.
    assert (settings.time_is, settings.period_seconds) == (PeriodLabel.START, 900)
    assert summary.imported == 32 and summary.skipped_duplicates == 0
    assert summary.empty_lines == [1 + 5 * 4 + 4]  # line 25: quarter 5's Injectie Nacht has no volume
    times = [at for at, _values, _note in rows]
    assert times == [datetime(2024, 10, 26, 20, 15, tzinfo=UTC) + i * (times[1] - times[0]) for i in range(32)]
    assert times[1] - times[0] == timedelta(minutes=15)
    assert "not imported: Tot (datum), Tot (tijdstip), EAN-code, Meter, Metertype, Validatiestatus, Omschrijving." in (
        summary.as_text()
    )
    by_time = {at: values for at, values, _note in rows}
    # 02:00 local happened twice: 00:00 UTC (summer time) and 01:00 UTC (winter time), each with its four values.
    first, second = datetime(2024, 10, 27, 0, 15, tzinfo=UTC), datetime(2024, 10, 27, 1, 15, tzinfo=UTC)
    assert by_time[first] == {  # the file's 17th quarter hour (lines 66-69)
        "Afname Dag": D("0.000"),
        "Afname Nacht": D("0.098"),
        "Injectie Dag": D("0.000"),
        "Injectie Nacht": D("0.004"),
    }
    assert by_time[second] == {  # its 21st (lines 82-85): the same local 02:00, an hour later
        "Afname Dag": D("0.000"),
        "Afname Nacht": D("0.043"),
        "Injectie Dag": D("0.000"),
        "Injectie Nacht": D("0.008"),
    }
    assert by_time[datetime(2024, 10, 26, 21, 30, tzinfo=UTC)] == {
        "Afname Dag": D("0.000"),
        "Afname Nacht": D("0.076"),
        "Injectie Dag": D("0.000"),
    }


def test_import_shapes_long_file_named_energy_with_a_unit_column(run, db):
    """``Elektriciteit`` and ``Gas`` for the same hour: two metrics, kWh and m³ from the unit column."""
    detected, summary, (source, rows) = import_new(run, db, SHAPES / "energie_gas_stroom.csv", date_format="%d-%m-%Y")
    assert detected.columns[detected.settings.register_column] == "Energie"
    assert detected.register_units == {"Elektriciteit": "kWh", "Gas": "m³"}
    assert metrics_of(source) == [("Elektriciteit", "kWh", MetricKind.COUNTER), ("Gas", "m³", MetricKind.COUNTER)]
    assert summary.imported == 6 and summary.complete
    assert rows[0][:2] == (berlin(2024, 2, 1, 0, 0), {"Elektriciteit": D("0.30"), "Gas": D("0.100")})
    assert rows[5][:2] == (berlin(2024, 2, 1, 5, 0), {"Elektriciteit": D("0.55"), "Gas": D("0.200")})


def test_import_shapes_long_file_told_apart_only_by_the_unit(run, db):
    """``kWh`` and ``m3`` rows for the same hour: the unit is the register, each its own metric in its unit."""
    detected, summary, (source, rows) = import_new(run, db, SHAPES / "unit_rows.csv")
    assert detected.settings.registers == ("kWh", "m3")
    assert metrics_of(source) == [("Menge kWh", "kWh", MetricKind.COUNTER), ("Menge m³", "m³", MetricKind.COUNTER)]
    assert summary.imported == 4 and summary.complete
    assert rows[3][:2] == (datetime(2024, 3, 5, 2, 0, tzinfo=UTC), {"Menge kWh": D("15.5"), "Menge m³": D("1.55")})


def test_import_shapes_long_file_sorted_by_register_merges_across_chunks(run, db, tmp_path):
    """A file with all of one register, then all of the other (6,000 rows, past the first chunk): each time is
    one reading with both values; a register found only far down still has its metric; a row repeated in
    the file is a listed duplicate."""
    lines = ["Datum,Kanal,Wert"]
    start = datetime(2024, 1, 1, tzinfo=UTC)
    for channel in ("Bezug", "Einspeisung"):
        for h in range(3000):
            lines.append(f"{(start + timedelta(hours=h)).isoformat()},{channel},{h % 10}.5")
    lines.append(f"{start.isoformat()},Bezug,9.5")  # the same time and register again
    path = tmp_path / "kanal.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    detected, summary, (source, rows) = import_new(run, db, path)
    assert detected.settings.registers == ("Bezug", "Einspeisung")
    # Hourly values that rise and fall, from midnight: amounts per hour labelled by their start.
    assert metrics_of(source) == [("Bezug", "", MetricKind.INTERVAL), ("Einspeisung", "", MetricKind.INTERVAL)]
    assert summary.imported == 3000 and summary.skipped_duplicates == 1 and summary.duplicate_lines == [6002]
    assert all(set(values) == {"Bezug", "Einspeisung"} for _at, values, _note in rows)
    assert rows[7][:2] == (start + timedelta(hours=8), {"Bezug": D("7.5"), "Einspeisung": D("7.5")})


def test_import_shapes_register_column_chosen_or_refused(tmp_path):
    """``detect(register_column=...)`` takes a column by name or number, or none (a wide file); a column
    without registers is refused naming it."""
    path = SHAPES / "energie_gas_stroom.csv"
    assert detect(path, register_column=None).settings.register_column is None
    assert detect(path, register_column="energie").settings.registers == ("Elektriciteit", "Gas")
    assert detect(path, register_column="3").settings.registers == ("Elektriciteit", "Gas")
    import pytest

    from homelog_desktop.services.importing import ImportFileError

    with pytest.raises(ImportFileError, match="no column “Tarif”"):
        detect(path, register_column="Tarif")
    with pytest.raises(ImportFileError, match="“Verbruik” names the registers, but no other column holds numbers"):
        detect(path, register_column="Verbruik")


# -- shape 8: time zones the file states ---------------------------------------------------------------------


def import_as_detected(run, db, path: Path, **settings):
    """Like ``import_new``, but with the time zone detection found (naive times elsewhere in Berlin)."""
    from dataclasses import replace

    from homelog_desktop.services.importing import ImportPlan, new_source_for, run_import
    from tests.integration.test_import_files import stored

    detected = detect(path)
    zone = detected.settings.timezone or ("Europe/Berlin" if detected.settings.zone_column is None else None)
    source, mapping = new_source_for("Imported", detected)
    plan = ImportPlan(
        path,
        replace(detected.settings, timezone=zone, **settings),
        source,
        mapping,
        kind=detected.kind,
        columns=detected.columns,
    )
    summary = run(run_import(db, plan))
    return detected, summary, stored(run, db, summary.source_id)


def test_import_shapes_header_says_utc(run, db):
    """``Date/time UTC``: naive times are UTC, so Berlin's spring gap (02:00-03:00) is no gap at all."""
    detected, summary, (source, rows) = import_as_detected(run, db, SHAPES / "inverter_utc.csv")
    assert detected.settings.timezone == "UTC"
    assert metrics_of(source) == [("Energy produced", "Wh", MetricKind.COUNTER), ("Power", "W", MetricKind.GAUGE)]
    assert summary.imported == 8 and summary.complete
    assert [at for at, _v, _n in rows] == [
        datetime(2024, 3, 30, 23, 0, tzinfo=UTC) + i * timedelta(minutes=30) for i in range(8)
    ]
    assert rows[7][1] == {"Energy produced": D(875), "Power": D(70)}


def test_import_shapes_zone_column_is_exact_whatever_the_order(run, db):
    """A MEZ/MESZ column: each row's offset is taken from it, so the repeated 02:00 and 02:30 land on the right
    hour even though the file writes them out of time order."""
    detected, summary, (source, rows) = import_as_detected(run, db, SHAPES / "zone_column.csv")
    assert detected.columns[detected.settings.zone_column] == "Zeitzone"
    assert metrics_of(source) == [("Zählerstand", "kWh", MetricKind.COUNTER)]
    assert summary.imported == 6 and summary.complete
    assert [(at, values["Zählerstand"]) for at, values, _n in rows] == [
        (datetime(2024, 10, 26, 23, 30, tzinfo=UTC), D("20140.10")),
        (datetime(2024, 10, 27, 0, 0, tzinfo=UTC), D("20140.35")),
        (datetime(2024, 10, 27, 0, 30, tzinfo=UTC), D("20140.62")),
        (datetime(2024, 10, 27, 1, 0, tzinfo=UTC), D("20140.90")),
        (datetime(2024, 10, 27, 1, 30, tzinfo=UTC), D("20141.15")),
        (datetime(2024, 10, 27, 2, 0, tzinfo=UTC), D("20141.40")),
    ]


def test_import_shapes_offsets_in_the_cells(run, db):
    """A UK half-hourly export with ``+01:00`` and ``+00:00`` in its cells: both 01:00 and both 01:30 are kept."""
    detected, summary, (source, rows) = import_as_detected(run, db, SHAPES / "octopus_offsets.csv")
    # Start and End columns: each row is an amount over [Start, End); the reading's time is the End.
    assert detected.columns[detected.settings.date_column] == "End"
    assert detected.columns[detected.settings.period_column] == "Start"
    assert metrics_of(source) == [("Consumption", "kWh", MetricKind.INTERVAL)]
    assert summary.imported == 6 and summary.complete
    assert [(at, values["Consumption"]) for at, values, _n in rows] == [
        (datetime(2024, 10, 27, 0, 0, tzinfo=UTC) + i * timedelta(minutes=30), D(f"{0.1 + i * 0.012:.3f}"))
        for i in range(6)
    ]


# -- shape 4: one row per day, a column per hour or quarter hour ------------------------------------------------


def labelled(settings, start: datetime, step: int) -> datetime:
    """The reading time of an amount whose period starts at ``start``: the period's end where the import
    stores periods (``ImportSettings.period_seconds``, the intervals work), else the start it is labelled by."""
    return start + timedelta(seconds=step) if hasattr(settings, "period_seconds") else start


def test_import_shapes_day_rows_of_96_quarter_hours(run, db):
    """A title, then a day per row with 96 columns 00:00 … 23:45: an interval amount per quarter hour, in
    order; the last day's empty quarters (after 22:30) are missing amounts, not rows."""
    detected, summary, (source, rows) = import_new(run, db, SHAPES / "kwartier_per_dag.csv", date_format="%d-%m-%Y")
    settings = detected.settings
    assert len(settings.day_columns) == 96 and settings.header_row == 2
    assert metrics_of(source) == [("Amount", "", MetricKind.INTERVAL)]
    assert summary.imported == 96 + 96 + 90 and summary.complete
    assert "not imported" not in summary.as_text()  # the 96 columns went to the amounts
    expected = []
    for d in range(3):
        for q in range(96 if d < 2 else 90):
            start = berlin(2024, 5, 1 + d) + timedelta(minutes=15 * q)
            expected.append(
                (labelled(settings, start, 900), {"Amount": D(f"{0.010 + ((q * 7 + d) % 13) * 0.005:.3f}")})
            )
    assert [(at, values) for at, values, _n in rows] == expected


def test_import_shapes_day_rows_of_24_hours_labelled_by_their_end(run, db):
    """Hours labelled 01:00 … 24:00 with a unit column (litres): the k-th column is the k-th hour of the day."""
    detected, summary, (source, rows) = import_new(run, db, SHAPES / "hourly_water_per_day.csv")
    settings = detected.settings
    assert len(settings.day_columns) == 24
    assert metrics_of(source) == [("Amount", "l", MetricKind.INTERVAL)]
    assert summary.imported == 48 and summary.complete
    assert rows[0][:2] == (labelled(settings, berlin(2024, 7, 14, 0, 0), 3600), {"Amount": D(0)})
    assert rows[29][:2] == (labelled(settings, berlin(2024, 7, 15, 5, 0), 3600), {"Amount": D(0)})
    assert rows[30][:2] == (labelled(settings, berlin(2024, 7, 15, 6, 0), 3600), {"Amount": D(5)})
    assert "Columns not imported: Unit." not in summary.as_text()


# -- shape 3: several blocks in one file ---------------------------------------------------------------------


def test_import_shapes_blocks_each_with_its_header(run, db):
    """An electricity block and a gas block, each with a title and its own header: three metrics, one reading
    per day with all three values; the totals and the banner between the blocks are named, not imported."""
    detected, summary, (source, rows) = import_new(run, db, SHAPES / "blocks_stroom_gas.csv", date_format="%d-%m-%Y")
    (gas,) = detected.settings.blocks
    assert (gas.header_line, gas.title, gas.layout_lines) == (15, "Gas", (15, 14))
    assert metrics_of(source) == [
        ("Dag", "kWh", MetricKind.COUNTER),
        ("Nacht", "kWh", MetricKind.COUNTER),
        ("Verbruik", "m³", MetricKind.COUNTER),
    ]
    assert summary.imported == 5 and summary.skipped_duplicates == 0
    assert [(p.line, p.message) for p in summary.not_readings] == [
        (10, "not a reading: “Totaal 26,25 20,00”"),
        (12, "not a reading: “*** Bekijk uw verbruik ook in de app ***”"),
        (21, "not a reading: “Totaal 11,250”"),
    ]
    assert [(at, values) for at, values, _n in rows] == [
        (
            berlin(2024, 1, 1 + d),
            {"Dag": D(f"{5 + d * 0.25:.2f}"), "Nacht": D(f"{3 + d * 0.5:.2f}"), "Verbruik": D(f"{2 + d * 0.125:.3f}")},
        )
        for d in range(5)
    ]


def test_import_shapes_preview_of_a_long_file_merges_rows_of_one_time():
    """The preview of a long file: rows of one time (one per register) are OK, each value in its register's
    column; the row without a volume is shown as skipped."""
    from homelog_desktop.services.importing import ImportPlan, RowStatus, new_source_for, preview

    detected = detect(SHAPES / "fluvius_kwartier.csv")
    source, mapping = new_source_for("Fluvius", detected)
    plan = ImportPlan(
        SHAPES / "fluvius_kwartier.csv",
        detected.settings,
        source,
        mapping,
        kind=detected.kind,
        columns=detected.columns,
    )
    rows = preview(plan, limit=30)
    assert [r.status for r in rows[:4]] == [RowStatus.OK] * 4 and not any(r.row_problem for r in rows[:4])
    base = detected.settings.register_base
    assert [{c: v for c, v in r.values.items() if v is not None} for r in rows[:2]] == [
        {base: D("0.000")},
        {base + 1: D("0.021")},
    ]
    assert rows[23].line == 25 and rows[23].status is RowStatus.EMPTY


def test_import_shapes_profiles_never_keep_a_files_own_layout(tmp_path):
    """A saved profile keeps the user's choices, not the registers, blocks or day columns of the file it came
    from: the next file of that header finds its own."""
    import json

    from homelog_desktop.services.importing import ImportPlan, load_profile, new_source_for, save_profile

    detected = detect(SHAPES / "fluvius_kwartier.csv")
    source, mapping = new_source_for("Fluvius", detected)
    save_profile(
        tmp_path, detected.columns, ImportPlan(SHAPES / "fluvius_kwartier.csv", detected.settings, source, mapping)
    )
    saved = json.loads((tmp_path / "import-profiles.json").read_text(encoding="utf-8"))["profiles"][0]["settings"]
    assert "registers" not in saved and "blocks" not in saved and saved["register_column"] == 7
    profile = load_profile(tmp_path, detected.columns)
    assert profile is not None and profile.settings.registers == () and profile.settings.register_column == 7
