"""Standard formats read without options: NEM12/NEM13, Green Button, Home Assistant, DSMR-reader; detection."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from homelog_desktop.domain.entities import MetricKind
from homelog_desktop.services.importing.formats import (
    FormatError,
    FormatId,
    Skipped,
    Value,
    Values,
    detect_format,
    normalise_unit,
    parse_bytes,
    parse_file,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "formats"
AEST = timezone(timedelta(hours=10))
CET = timezone(timedelta(hours=1))
CEST = timezone(timedelta(hours=2))


def sample(name: str) -> Path:
    return DATA / name


def zipped(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


# -- units ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "unit"),
    [
        ("KWH", "kWh"),
        ("kwh", "kWh"),
        ("Wh", "Wh"),
        ("MWH", "MWh"),
        ("[m3]", "m³"),
        ("m³", "m³"),
        ("(l)", "l"),
        ("Liter", "l"),
        ("dl", "dl"),
        ("°C", "°C"),
        ("%", "%"),
        ("KVARH", "kvarh"),
    ],
)
def test_normalise_unit_spells_real_units_the_home_log_way(label: str, unit: str) -> None:
    """A unit however a file writes it becomes Home Log's spelling."""
    assert normalise_unit(label) == unit


@pytest.mark.parametrize("label", ["(El 1)", "(2)", "El", "Tarif 1", "", "Zählerstand"])
def test_normalise_unit_refuses_labels_that_are_not_units(label: str) -> None:
    """Channel names, repeat counters and words are not units."""
    assert normalise_unit(label) is None


# -- detection -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("nem12_two_registers.csv", FormatId.NEM12),
        ("nem13_basic_meter.csv", FormatId.NEM13),
        ("green_button_electricity_gas.xml", FormatId.GREEN_BUTTON),
        ("home_assistant_statistics.csv", FormatId.HOME_ASSISTANT),
        ("dsmr_reader_days.csv", FormatId.DSMR_READER),
        ("dsmr_reader_hours.csv", FormatId.DSMR_READER),
    ],
)
def test_detect_format_recognises_each_sample(name: str, expected: FormatId) -> None:
    """Each standard format is recognised from its first bytes."""
    assert detect_format(sample(name).read_bytes()[:4096], name) is expected


def test_detect_format_recognises_nem12_without_its_header() -> None:
    """A NEM12 file that starts at its 200 record (NMI, unit, interval length, then a dated 300) is NEM12."""
    lines = sample("nem12_two_registers.csv").read_bytes().split(b"\r\n", 1)[1]
    assert detect_format(lines[:4096], "nem12.csv") is FormatId.NEM12
    parsed = parse_bytes(lines, "nem12.csv")
    assert len(parsed.by_name("6123456789 E1").values) == 94
    assert any("no 100 header" in note for note in parsed.notes)


def test_detect_format_looks_into_a_zip() -> None:
    """A zipped Green Button feed or NEM12 file is recognised from the zip's first bytes."""
    xml = zipped("usage.xml", sample("green_button_electricity_gas.xml").read_bytes())
    nem = zipped("nem12#0001#mdp#ret.csv", sample("nem12_two_registers.csv").read_bytes())
    assert detect_format(xml[:4096], "green_button.zip") is FormatId.GREEN_BUTTON
    assert detect_format(nem[:4096], "meterdata.zip") is FormatId.NEM12


def test_detect_format_recognises_a_bom_and_semicolons() -> None:
    """A UTF-8 BOM and a semicolon header still name the format."""
    head = "\ufeffstatistic_id;unit;start;mean;min;max\r\nsensor.t;°C;2024-01-01 00:00:00;1;0;2\r\n"
    assert detect_format(head.encode(), "export.csv") is FormatId.HOME_ASSISTANT


@pytest.mark.parametrize(
    "text",
    [
        "Date,Electricity (kWh),Water (m³)\n2024-01-01,12345.6,123.4\n",
        "Datum;Zählerstand\n01.01.2024;12345,6\n",
        "start,end,kWh\n2024-01-01 00:00,2024-01-01 00:15,0.25\n",
        "100,200,300\n400,500,600\n",
        "200,300,400,500,600,700,800,900\n300,1,2,3\n",
        "entity_id,state,last_changed\nsensor.power,512,2024-01-01T00:00:00Z\n",
        "day,electricity,gas\n2024-01-01,1.0,2.0\n",
        "timestamp,value\n1704067200,1.5\n",
        "",
        "<html><body>not a feed</body></html>",
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry/></feed>',
    ],
)
def test_detect_format_leaves_ordinary_files_alone(text: str) -> None:
    """Ordinary CSVs, an HA history (not statistics) export, plain Atom and HTML are no standard format."""
    assert detect_format(text.encode(), "data.csv") is None


def test_detect_format_leaves_spreadsheets_and_other_zips_alone(tmp_path: Path) -> None:
    """An .xlsx (a zip) and a zip of an ordinary CSV are not mistaken for a standard format."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["100", "NEM12"])
    book.save(tmp_path / "book.xlsx")
    assert detect_format((tmp_path / "book.xlsx").read_bytes()[:4096], "book.xlsx") is None
    assert detect_format(zipped("a.csv", b"date,value\n2024-01-01,1\n"), "a.zip") is None


def test_parse_bytes_refuses_an_ordinary_csv() -> None:
    """Parsing a file in no standard format says so."""
    with pytest.raises(FormatError, match="not in a standard format"):
        parse_bytes(b"date,value\n2024-01-01,1\n", "data.csv")


# -- NEM12 / NEM13 -------------------------------------------------------------------------------


def test_parse_nem12_reads_each_register_as_amounts_per_interval() -> None:
    """Each NMI suffix is a register of kWh amounts over [start, end) in market time (UTC+10)."""
    parsed = parse_file(sample("nem12_two_registers.csv"))
    assert parsed.format is FormatId.NEM12
    assert [s.name for s in parsed.series] == ["6123456789 E1", "6123456789 B1"]
    e1 = parsed.by_name("6123456789 E1")
    assert (e1.unit, e1.kind, e1.file_unit) == ("kWh", MetricKind.INTERVAL, "KWH")
    assert e1.meter == "6123456789 (meter METER001)"
    first = e1.values[0]
    assert (first.start, first.end, first.value, first.estimated, first.line) == (
        datetime(2024, 1, 14, 0, 0, tzinfo=AEST),
        datetime(2024, 1, 14, 0, 30, tzinfo=AEST),
        0.1,
        False,
        3,
    )
    last_of_day = e1.values[47]
    assert (last_of_day.start, last_of_day.end, last_of_day.value) == (
        datetime(2024, 1, 14, 23, 30, tzinfo=AEST),
        datetime(2024, 1, 15, 0, 0, tzinfo=AEST),
        0.147,
    )
    assert sum(v.value for v in e1.values[:48]) == pytest.approx(sum(0.1 + i * 0.001 for i in range(48)))


def test_parse_nem12_takes_quality_from_400_events() -> None:
    """A 300 record of quality V gets each interval's quality from its 400 records; N is null data, skipped."""
    e1 = parse_file(sample("nem12_two_registers.csv")).by_name("6123456789 E1")
    day2 = [v for v in e1.values if v.start is not None and v.start.date() == datetime(2024, 1, 15).date()]
    assert len(day2) == 46  # intervals 5 and 6 are null
    assert [v.estimated for v in day2[:4]] == [False] * 4  # 1-4: A
    assert all(v.estimated for v in day2[4:])  # 7-48: E52
    assert day2[4].start == datetime(2024, 1, 15, 3, 0, tzinfo=AEST)  # interval 7
    assert day2[4].value == pytest.approx(0.206)


def test_parse_nem12_lists_every_skipped_interval_and_record() -> None:
    """Null intervals, a short 300 record and a non-number cell are each listed with line and reason."""
    parsed = parse_file(sample("nem12_two_registers.csv"))
    assert [(s.line, s.cell) for s in parsed.skipped] == [
        (4, "interval 5"),
        (4, "interval 6"),
        (10, ""),
        (11, "interval 11"),
    ]
    assert "quality N" in parsed.skipped[0].reason
    assert "96 interval values" in parsed.skipped[2].reason
    assert "“x.y” is not a number" in parsed.skipped[3].reason
    # Null data is left out by the format; a short record and an unreadable value are the file's errors.
    assert [s.invalid for s in parsed.skipped] == [False, False, True, True]


def test_parse_green_button_value_without_a_number_is_no_invalid_value_but_a_letter_is() -> None:
    """A value of "n/a" has no value (as a table's cell); "12x" is invalid (``Skipped.invalid``)."""
    text = (DATA / "green_button_electricity_gas.xml").read_text(encoding="utf-8")
    missing = [s for s in parse_bytes(text.encode(), "usage.xml").skipped if s.cell == "value"]
    assert [(s.reason, s.invalid) for s in missing] == [("the value “n/a” is not an integer", False)]
    wrong = parse_bytes(text.replace("<value>n/a</value>", "<value>12x</value>").encode(), "usage.xml")
    assert [(s.reason, s.invalid) for s in wrong.skipped if s.cell == "value"] == [
        ("the value “12x” is not an integer", True)
    ]


def test_parse_nem12_reads_15_minute_register_with_substituted_quality() -> None:
    """A 15-minute register has 96 periods a day; quality S counts as estimated."""
    b1 = parse_file(sample("nem12_two_registers.csv")).by_name("6123456789 B1")
    assert len(b1.values) == 96 + 95  # day 1 whole; day 3 without its bad cell; day 2 skipped whole
    v = b1.values[40]
    assert (v.start, v.end, v.value, v.estimated) == (
        datetime(2024, 1, 15, 10, 0, tzinfo=AEST),
        datetime(2024, 1, 15, 10, 15, tzinfo=AEST),
        0.512,
        True,
    )
    assert b1.values[-1].end == datetime(2024, 1, 18, 0, 0, tzinfo=AEST)


def test_values_as_columns_read_like_value_objects() -> None:
    """Values added as epoch columns read back as the same Value objects as values appended one by one."""
    day = datetime(2024, 1, 14, tzinfo=AEST)
    step = timedelta(minutes=30)
    objects = Values(Value(day + i * step, day + (i + 1) * step, i / 10, i == 1, 7) for i in range(3))
    base = int(day.timestamp())
    columns = Values()
    columns.extend_epochs(
        [base, base + 1800, None],
        [base + 1800, base + 3600, base + 5400],
        [0.0, 0.1, 0.2],
        [False, True, False],
        [7, 7, 7],
        AEST,
    )
    assert columns.epoch_columns() is not None and objects.epoch_columns() is None
    assert list(columns[:2]) == list(objects[:2]) and columns[-1].start is None
    assert columns[1].start is not None and columns[1].start.tzinfo is AEST
    assert columns.span() == (day, day + 3 * step)
    columns.append(Value(None, day + 4 * step, 0.3))  # from now on objects, in the same order
    assert columns.epoch_columns() is None
    assert [v.value for v in columns] == [0.0, 0.1, 0.2, 0.3]


def test_parse_nem12_keeps_its_amounts_as_columns() -> None:
    """A NEM12 register's amounts are epoch columns (no object per value), in market time."""
    b1 = parse_file(sample("nem12_two_registers.csv")).by_name("6123456789 B1")
    columns = b1.values.epoch_columns()
    assert columns is not None and columns.zone is not None
    assert len(columns.ends) == len(b1.values) == 96 + 95
    assert columns.ends[40] == int(datetime(2024, 1, 15, 10, 15, tzinfo=AEST).timestamp())


def test_parse_nem12_without_end_record_says_it_may_be_cut() -> None:
    """A file without its 900 record is read, with a note that it may be incomplete."""
    data = sample("nem12_two_registers.csv").read_bytes().replace(b"900\r\n", b"")
    parsed = parse_bytes(data, "cut.csv")
    assert any("900" in note for note in parsed.notes)
    assert len(parsed.series) == 2


def test_parse_nem12_refuses_a_bad_header() -> None:
    """A 100 header naming another version is an error naming the line."""
    with pytest.raises(FormatError, match="line 1"):
        from homelog_desktop.services.importing.formats.nem import parse_nem

        parse_nem("100,NEM99,x\n", "bad.csv")


def test_parse_nem13_reads_register_reads_as_counters() -> None:
    """NEM13 250 records become counter readings, each read once, with its quality."""
    parsed = parse_file(sample("nem13_basic_meter.csv"))
    assert parsed.format is FormatId.NEM13
    peak = parsed.by_name("4123456789 11")
    assert (peak.unit, peak.kind) == ("kWh", MetricKind.COUNTER)
    assert [(v.start, v.instant, v.value, v.estimated) for v in peak.values] == [
        (None, datetime(2023, 10, 15, 12, 0, tzinfo=AEST), 12345.6, False),
        (None, datetime(2024, 1, 15, 9, 0, tzinfo=AEST), 12890.1, False),
        (None, datetime(2024, 4, 15, 9, 30, tzinfo=AEST), 13402.0, True),
    ]
    control = parsed.by_name("4123456789 42")
    assert [v.value for v in control.values] == [502.0, 611.0]
    assert parsed.skipped == [
        Skipped(6, "no previous register read", "PreviousRegisterRead"),
        Skipped(6, "no current register read", "CurrentRegisterRead"),
    ]
    assert any("5118.9" in note and "multiplier" in note for note in parsed.notes)


# -- Green Button --------------------------------------------------------------------------------


def test_parse_green_button_reads_each_meter_reading_with_its_reading_type() -> None:
    """Each MeterReading becomes a series with the unit and scale of its ReadingType."""
    parsed = parse_file(sample("green_button_electricity_gas.xml"))
    assert parsed.format is FormatId.GREEN_BUTTON
    electricity = parsed.by_name("Electricity consumption (delivered)")
    assert (electricity.unit, electricity.kind, electricity.meter) == ("Wh", MetricKind.INTERVAL, "Home, 12 Elm Street")
    hour = timedelta(hours=1)
    t0 = datetime(2024, 1, 1, tzinfo=UTC)
    assert [(v.start, v.end, v.value, v.estimated) for v in electricity.values] == [
        (t0, t0 + hour, 450.0, False),
        (t0 + hour, t0 + 2 * hour, 380.0, False),
        (t0 + 2 * hour, t0 + 3 * hour, 512.0, True),
        (t0 + 24 * hour, t0 + 25 * hour, 1200.0, False),
    ]
    gas = parsed.by_name("Gas consumption (delivered)")
    assert (gas.unit, gas.kind, gas.meter, gas.file_unit) == (
        "therm",
        MetricKind.INTERVAL,
        "Gas service",
        "uom 169 × 10^-3",
    )
    assert [(v.start, v.end, v.value) for v in gas.values] == [
        (t0, t0 + 24 * hour, pytest.approx(2.150)),
        (t0 + 24 * hour, t0 + 48 * hour, pytest.approx(1.875)),
    ]
    assert [(s.line, s.cell, "“n/a” is not an integer" in s.reason) for s in parsed.skipped] == [(62, "value", True)]


def test_parse_green_button_zip_reads_the_feed_inside() -> None:
    """A Green Button .zip is read like the XML it holds."""
    data = zipped("usage.xml", sample("green_button_electricity_gas.xml").read_bytes())
    parsed = parse_bytes(data, "green_button.zip")
    assert [len(s.values) for s in parsed.series] == [4, 2]


def test_parse_green_button_folds_kilo_multiplier_into_the_unit() -> None:
    """uom 72 (Wh) with powerOfTenMultiplier 3 is kWh, values unscaled; bulk quantity is a counter."""
    xml = sample("green_button_electricity_gas.xml").read_text()
    xml = xml.replace(
        "<powerOfTenMultiplier>0</powerOfTenMultiplier>", "<powerOfTenMultiplier>3</powerOfTenMultiplier>"
    )
    xml = xml.replace(
        "<accumulationBehaviour>4</accumulationBehaviour>\n        <commodity>1",
        "<accumulationBehaviour>1</accumulationBehaviour>\n        <commodity>1",
    )
    electricity = parse_bytes(xml.encode(), "gb.xml").by_name("Electricity consumption (delivered)")
    assert (electricity.unit, electricity.kind) == ("kWh", MetricKind.COUNTER)
    assert electricity.values[0].start is None
    assert electricity.values[0].instant == datetime(2024, 1, 1, 1, tzinfo=UTC)
    assert electricity.values[0].value == 450.0


def test_parse_green_button_refuses_entities() -> None:
    """A document type declaration (entity expansion, external files) is refused before anything is read."""
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
        b'<feed xmlns="http://www.w3.org/2005/Atom" xmlns:espi="http://naesb.org/espi"><title>&b;</title></feed>'
    )
    with pytest.raises(FormatError, match="not allowed"):
        parse_bytes(bomb, "bomb.xml")


def test_parse_green_button_reports_malformed_xml_with_its_line() -> None:
    """Broken XML is an error naming the line."""
    broken = b'<feed xmlns="http://www.w3.org/2005/Atom">\n<entry xmlns="http://naesb.org/espi">\n</feed>'
    with pytest.raises(FormatError, match="line 3"):
        parse_bytes(broken, "broken.xml")


# -- Home Assistant ------------------------------------------------------------------------------


def test_parse_home_assistant_takes_counters_from_state_at_the_end_of_the_hour() -> None:
    """A meter statistic is a counter from state, each taken at the end of its hour."""
    parsed = parse_file(sample("home_assistant_statistics.csv"))
    grid = parsed.by_name("sensor.grid_import_energy")
    assert (grid.unit, grid.kind) == ("kWh", MetricKind.COUNTER)
    assert [(v.start, v.instant, v.value) for v in grid.values] == [
        (None, datetime(2024, 1, 15, 10, tzinfo=UTC), 18210.412),
        (None, datetime(2024, 1, 15, 11, tzinfo=UTC), 18211.05),
    ]


def test_parse_home_assistant_uses_sum_when_there_is_no_state() -> None:
    """A statistic without state is a counter from its running sum."""
    water = parse_file(sample("home_assistant_statistics.csv")).by_name("sensor.water_meter")
    assert (water.unit, water.kind) == ("m³", MetricKind.COUNTER)
    assert [(v.instant, v.value) for v in water.values] == [
        (datetime(2024, 1, 15, 11, tzinfo=UTC), 0.125),
        (datetime(2024, 1, 15, 12, tzinfo=UTC), 0.31),
    ]


def test_parse_home_assistant_reads_measurements_as_gauges_over_the_hour() -> None:
    """mean, min and max are gauges over [start, start + 1 h), each its own series."""
    parsed = parse_file(sample("home_assistant_statistics.csv"))
    hour = (datetime(2024, 1, 15, 10, tzinfo=UTC), datetime(2024, 1, 15, 11, tzinfo=UTC))
    for name, value in [
        ("sensor.living_room_temperature", 20.5),
        ("sensor.living_room_temperature (min)", 20.1),
        ("sensor.living_room_temperature (max)", 21.0),
    ]:
        series = parsed.by_name(name)
        assert (series.unit, series.kind) == ("°C", MetricKind.GAUGE)
        assert [(v.start, v.end, v.value) for v in series.values] == [(*hour, value)]


def test_parse_home_assistant_lists_what_it_skipped() -> None:
    """An unavailable state, a bad number, an empty row and a bad time are each listed."""
    parsed = parse_file(sample("home_assistant_statistics.csv"))
    assert [(s.line, s.cell) for s in parsed.skipped] == [(4, "state"), (5, "state"), (9, ""), (10, "start")]
    assert "not mixed" in parsed.skipped[0].reason
    assert "18212.3x" in parsed.skipped[1].reason


def test_parse_home_assistant_reads_the_recorders_start_ts() -> None:
    """The recorder's own table (start_ts in seconds since 1970) is recognised and read."""
    text = "statistic_id,start_ts,state,sum\nsensor.gas,1705312800.0,4321.5,12.5\nsensor.gas,x,4322.0,13.0\n"
    assert detect_format(text.encode(), "statistics.csv") is FormatId.HOME_ASSISTANT
    parsed = parse_bytes(text.encode(), "statistics.csv")
    gas = parsed.by_name("sensor.gas")
    assert [(v.instant, v.value) for v in gas.values] == [(datetime(2024, 1, 15, 11, tzinfo=UTC), 4321.5)]
    assert (gas.unit, gas.kind) == ("", MetricKind.COUNTER)
    assert [(s.line, s.cell) for s in parsed.skipped] == [(3, "start_ts")]


def test_parse_home_assistant_short_term_statistics_have_5_minute_periods() -> None:
    """Statistics every 5 minutes are taken at the end of their 5 minutes, gauges over them."""
    text = (
        "statistic_id,unit,start,state,sum,mean,min,max\n"
        "sensor.energy,kWh,2024-01-15T10:00:00Z,100.5,1.0,,,\n"
        "sensor.energy,kWh,2024-01-15T10:05:00Z,100.7,1.2,,,\n"
        "sensor.power,W,2024-01-15T10:00:00Z,,,512.5,400,610\n"
        "sensor.power,W,2024-01-15T10:05:00Z,,,498,380,600\n"
        "sensor.water,L,2024-01-15T10:00:00Z,,5.0,,,\n"
        "sensor.water,L,2024-01-15T12:00:00Z,,6.0,,,\n"
    )
    parsed = parse_bytes(text.encode(), "short_term.csv")
    t = datetime(2024, 1, 15, 10, tzinfo=UTC)
    five = timedelta(minutes=5)
    energy = parsed.by_name("sensor.energy")
    assert [(v.instant, v.value) for v in energy.values] == [(t + five, 100.5), (t + 2 * five, 100.7)]
    power = parsed.by_name("sensor.power")
    assert (power.unit, power.kind) == ("W", MetricKind.GAUGE)
    assert [(v.start, v.end, v.value) for v in power.values] == [(t, t + five, 512.5), (t + five, t + 2 * five, 498.0)]
    water = parsed.by_name("sensor.water")  # two hours apart: hourly statistics with a gap
    assert water.unit == "l"
    assert [v.instant for v in water.values] == [t + timedelta(hours=1), t + timedelta(hours=3)]
    assert sorted(parsed.notes) == [
        "sensor.energy: statistics every 5 minutes (short-term)",
        "sensor.power: statistics every 5 minutes (short-term)",
    ]


# -- DSMR-reader ---------------------------------------------------------------------------------


def test_parse_dsmr_reader_days_are_amounts_per_local_day() -> None:
    """Day statistics are amounts per calendar day (the 23-hour day of the spring change too)."""
    parsed = parse_file(sample("dsmr_reader_days.csv"))
    assert [s.name for s in parsed.series] == [
        "Electricity tariff 1",
        "Electricity tariff 2",
        "Electricity returned tariff 1",
        "Electricity returned tariff 2",
        "Gas",
    ]
    t1 = parsed.by_name("Electricity tariff 1")
    assert (t1.unit, t1.kind) == ("kWh", MetricKind.INTERVAL)
    assert [(v.start, v.end, v.value) for v in t1.values] == [
        (datetime(2024, 3, 30), datetime(2024, 3, 31), 4.512),
        (datetime(2024, 3, 31), datetime(2024, 4, 1), 5.101),
        (datetime(2024, 4, 1), datetime(2024, 4, 2), 4.99),
    ]
    gas = parsed.by_name("Gas")
    assert (gas.unit, [v.value for v in gas.values]) == ("m³", [3.105, 2.876])
    assert parsed.skipped == [Skipped(4, "no value", "electricity1_returned"), Skipped(4, "no value", "gas")]
    assert "total_cost" in parsed.notes[0] and "average_temperature" in parsed.notes[0]


def test_parse_dsmr_reader_hours_keep_their_offsets() -> None:
    """Hour statistics with offsets are hours in that offset, across the spring change."""
    parsed = parse_file(sample("dsmr_reader_hours.csv"))
    gas = parsed.by_name("Gas")
    assert [(v.start, v.end, v.value) for v in gas.values] == [
        (datetime(2024, 3, 31, 0, tzinfo=CET), datetime(2024, 3, 31, 1, tzinfo=CET), 0.081),
        (datetime(2024, 3, 31, 1, tzinfo=CET), datetime(2024, 3, 31, 2, tzinfo=CET), 0.077),
        (datetime(2024, 3, 31, 3, tzinfo=CEST), datetime(2024, 3, 31, 4, tzinfo=CEST), 0.079),
    ]
    assert parsed.skipped == []


def test_parse_nem12_day_of_huge_or_infinite_amounts_is_read_cell_by_cell() -> None:
    """Amounts too large to add up (1e308 twice) or infinite are each judged alone: finite ones kept, inf skipped."""
    cells = ["1e308", "1e308", "inf", "-inf"] + ["0.5"] * 44
    data = (
        "100,NEM12,202401160930,MDP,RET\r\n200,6123456789,E1,1,E1,N1,M1,KWH,30,\r\n"
        f"300,20240114,{','.join(cells)},A,,,20240115000000,\r\n900\r\n"
    ).encode()
    parsed = parse_bytes(data, "huge.csv")
    values = parsed.by_name("6123456789 E1").values
    assert [v.value for v in values[:3]] == [1e308, 1e308, 0.5]
    assert len(values) == 46
    assert [s.cell for s in parsed.skipped] == ["interval 3", "interval 4"]
