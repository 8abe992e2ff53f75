"""Detection of how a file is written, the mapping by name, and saved profiles."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from homelog_desktop.domain.entities import Metric, MetricKind, Source
from homelog_desktop.services.importing import (
    EXCEL_FORMAT,
    ISO_FORMAT,
    ColumnTarget,
    DuplicatePolicy,
    ImportFileError,
    ImportPlan,
    TargetRole,
    detect,
    load_profile,
    new_source_for,
    parse_date_format_option,
    save_profile,
    suggest_mapping,
)


def write(tmp_path: Path, text: str, name: str = "in.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("text", "delimiter", "decimal", "thousands"),
    [
        ("Date;Reading\n01.01.2024;12,5\n02.01.2024;13,75\n", ";", ",", ""),
        ("Date,Reading\n2024-01-01,12.5\n2024-01-02,13.75\n", ",", ".", ""),
        ("Date\tReading\n2024-01-01\t1.234,5\n2024-01-02\t2.345,25\n", "\t", ",", "."),
        ('Date,Reading\n2024-01-01,"1,234.5"\n2024-01-02,"2,345.25"\n', ",", ".", ","),
        ("Date|Reading\n2024-01-01|1 234,5\n2024-01-02|2 345,25\n", "|", ",", " "),
        ("Date;Reading\n2024-01-01;1'234.5\n2024-01-02;2'345.25\n", ";", ".", "'"),
    ],
)
def test_import_detect_delimiter_and_numbers(tmp_path, text, delimiter, decimal, thousands):
    """The delimiter, the decimal separator and the thousands separator, even where commas compete."""
    settings = detect(write(tmp_path, text)).settings
    assert (settings.delimiter, settings.decimal, settings.thousands) == (delimiter, decimal, thousands)


def test_import_detect_three_decimals_after_a_comma_is_a_guess_said_aloud(tmp_path):
    """1,234 could be a thousand or 1.234: read as a decimal comma, with a note saying so."""
    detected = detect(write(tmp_path, "Date;Reading\n2024-01-01;1,234\n2024-01-02;2,500\n"))
    assert detected.settings.decimal == ","
    assert any("1,234" in note for note in detected.notes)


def test_import_detect_header_after_junk_lines(tmp_path):
    """Account lines (even with two cells, even with a date) before the header are skipped."""
    text = (
        "Statement;Electricity\nCreated;05.02.2024\nCustomer no.;12345\n\n"
        "Date;Time;Reading (kWh);Comment\n01.01.2024;06:00;100,5;\n02.01.2024;06:15;101,25;ok\n"
        "03.01.2024;06:00;102;\n"
    )
    detected = detect(write(tmp_path, text))
    assert detected.settings.header_row == 4 and detected.settings.data_row == 5
    assert detected.columns == ["Date", "Time", "Reading (kWh)", "Comment"]
    assert (detected.settings.date_column, detected.settings.time_column) == (0, 1)
    assert detected.numeric_columns == [2] and detected.column_decimals == {2: 2}
    assert detected.sample_rows[0] == ["01.01.2024", "06:00", "100,5", ""]


def test_import_detect_a_file_without_header(tmp_path):
    """No header row: columns are named Column 1, Column 2..."""
    detected = detect(write(tmp_path, "2024-01-01,5\n2024-01-02,6\n"))
    assert detected.settings.header_row is None and detected.settings.data_row == 0
    assert detected.columns == ["Column 1", "Column 2"]


@pytest.mark.parametrize(
    ("cells", "date_format", "ambiguous"),
    [
        (["13/01/2024", "01/02/2024"], "%d/%m/%Y", []),
        (["01/13/2024", "02/01/2024"], "%m/%d/%Y", []),
        (["01/02/2024", "03/04/2024"], None, ["%d/%m/%Y", "%m/%d/%Y"]),
        (["01-02-24", "03-04-24"], None, ["%d-%m-%y", "%m-%d-%y"]),
        (["01.02.2024", "03.04.2024"], "%d.%m.%Y", []),
        (["2024/01/02", "2024/03/04"], "%Y/%m/%d", []),
        (["2024-01-02T10:00+01:00", "2024-01-03 10:00"], ISO_FORMAT, []),
        (["05.01.24 10:15", "06.01.24 11:15"], "%d.%m.%y", []),
    ],
)
def test_import_detect_date_formats(tmp_path, cells, date_format, ambiguous):
    """Day-first, month-first (a day over 12 decides), ambiguous, dotted, year-first, ISO, 2-digit years."""
    detected = detect(write(tmp_path, "When,Value\n" + "".join(f"{c},{i}\n" for i, c in enumerate(cells))))
    assert detected.settings.date_format == date_format
    assert detected.ambiguous_date_formats == ambiguous


def test_import_detect_excel_day_numbers_need_a_date_header(tmp_path):
    """Numbers in a column called Date are Excel day numbers."""
    detected = detect(write(tmp_path, "Reading,Datum\n100,45292\n110,45299.5\n"))
    assert (detected.settings.date_column, detected.settings.date_format) == (1, EXCEL_FORMAT)


def test_import_detect_utf16_without_bom(tmp_path):
    """UTF-16 (little-endian) without a byte order mark is recognised by its zero bytes."""
    detected = detect(write(tmp_path, "Date\tkWh\n2024-01-01\t5\n", encoding="utf-16-le"))
    assert detected.settings.encoding == "utf-16-le" and detected.columns == ["Date", "kWh"]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.csv", "is empty"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "old.xls", "cannot be read as a workbook"),
        (b"PK\x03\x04" + bytes(64), "archive.zip", "ZIP archive"),
        (bytes(range(256)) * 10, "binary.csv", "does not look like a table"),
        (b"just some words\nand more words\n", "prose.txt", "no columns found"),
        (b"Name,Value\nAnn,5\nBob,6\n", "nodates.csv", "no rows with a date"),
    ],
)
def test_import_detect_refuses_what_is_no_table_of_readings(tmp_path, content, name, message):
    """Files that cannot be imported are refused with a message naming the file and the reason."""
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=message) as caught:
        detect(path)
    assert name in str(caught.value)


def test_import_detect_date_format_option(tmp_path):
    """--date-format: dmy/mdy/ymd use the file's separator; iso, excel and strptime patterns; bad ones refused."""
    detected = detect(write(tmp_path, "Date,V\n01-02-2024,1\n03-04-2024,2\n"))
    assert parse_date_format_option("dmy", detected) == "%d-%m-%Y"
    assert parse_date_format_option("MDY", detected) == "%m-%d-%Y"
    assert parse_date_format_option("ISO", detected) == ISO_FORMAT
    assert parse_date_format_option("excel", detected) == EXCEL_FORMAT
    assert parse_date_format_option("%d.%m.%Y", detected) == "%d.%m.%Y"
    with pytest.raises(ImportFileError, match="needs a day"):
        parse_date_format_option("%Y", detected)


def test_import_suggest_mapping_by_name(tmp_path):
    """Columns go to metrics by name, case-insensitively, with or without the unit; Notes to the note."""
    detected = detect(write(tmp_path, "DATE,day (kWh),Night,Notes,Other\n2024-01-01,1,2,x,3\n"))
    source = Source(
        7,
        "House",
        metrics=(Metric(1, "Day", "kWh", MetricKind.COUNTER), Metric(2, "Night", "kWh", MetricKind.COUNTER)),
    )
    mapping = suggest_mapping(detected, source)
    assert {c: (t.role, t.metric.id if t.metric else None) for c, t in mapping.items()} == {
        1: (TargetRole.METRIC, 1),
        2: (TargetRole.METRIC, 2),
        3: (TargetRole.NOTE, None),
        4: (TargetRole.IGNORE, None),
    }


def test_import_new_source_from_the_numeric_columns(tmp_path):
    """A new source gets a counter per numeric column, unit from the brackets, decimals from the sample."""
    detected = detect(write(tmp_path, "Date,Gas [m³],Gas [kWh],Status\n2024-01-01,1.125,2,ok\n"))
    source, mapping = new_source_for("  Gas  ", detected)
    assert source.id is None and source.name == "Gas"
    assert [(m.name, m.unit, m.kind, m.decimals) for m in source.metrics] == [
        ("Gas", "m³", MetricKind.COUNTER, 3),
        ("Gas (2)", "kWh", MetricKind.COUNTER, 0),
    ]
    assert mapping[3] == ColumnTarget.ignored()


def test_import_profiles_round_trip(tmp_path):
    """A saved profile comes back for the same header (case and spaces aside), with its choices."""
    path = write(tmp_path, "Date,Day (kWh)\n01/02/2024,1\n")
    detected = detect(path)
    source, mapping = new_source_for("House", detected)
    plan = ImportPlan(
        path,
        replace(detected.settings, date_format="%m/%d/%Y", timezone="Europe/Paris"),
        source,
        mapping,
        duplicates=DuplicatePolicy.REPLACE,
    )
    save_profile(tmp_path, detected.columns, plan)
    assert load_profile(tmp_path, ["date", " Day  (kWh) "]) is not None
    assert load_profile(tmp_path, ["Date", "Night"]) is None
    profile = load_profile(tmp_path, detected.columns)
    assert profile is not None
    assert profile.source_name == "House" and profile.duplicates is DuplicatePolicy.REPLACE
    assert (profile.settings.date_format, profile.settings.timezone) == ("%m/%d/%Y", "Europe/Paris")
    stored = Source(3, "House", metrics=(Metric(9, "Day", "kWh"),))
    assert profile.mapping_for(stored)[1] == ColumnTarget.to_metric(stored.metrics[0])
    fresh = profile.mapping_for(None)[1]
    assert fresh.is_new_metric and (fresh.metric.name, fresh.metric.unit) == ("Day", "kWh")


def test_import_profiles_survive_a_broken_file(tmp_path):
    """A damaged profile file is ignored (no profile), and saving replaces it."""
    (tmp_path / "import-profiles.json").write_text("{not json")
    assert load_profile(tmp_path, ["Date", "X"]) is None
    path = write(tmp_path, "Date,X\n2024-01-01,1\n")
    detected = detect(path)
    source, mapping = new_source_for("S", detected)
    save_profile(tmp_path, detected.columns, ImportPlan(path, detected.settings, source, mapping))
    assert json.loads((tmp_path / "import-profiles.json").read_text())["profiles"][0]["source_name"] == "S"
    assert load_profile(tmp_path, ["Date", "X"]) is not None


def test_import_detect_a_line_of_units_under_the_header(tmp_path):
    """Some meters write the units on a line of their own under the names: they become the units."""
    detected = detect(
        write(tmp_path, "Date;Energy;Volume;Note\n;kWh;[m³];\n01.01.2024;5,5;1,25;x\n02.01.2024;6;1,5;\n")
    )
    assert detected.settings.header_row == 0 and detected.settings.data_row == 2
    assert detected.columns == ["Date", "Energy (kWh)", "Volume (m³)", "Note"]
    assert not detected.notes
    source, _mapping = new_source_for("Meter", detected)
    assert [(m.name, m.unit) for m in source.metrics] == [("Energy", "kWh"), ("Volume", "m³")]


def test_liander_profile_reads_each_meters_registers_and_keeps_a_replaced_meter_apart(tmp_path):
    """The Liander profile takes readings 1-4 of an electricity meter (E…) and reading 1 of a gas meter (G…),
    never the usage columns; a second electricity meter (a replacement) gets metrics of its own."""
    from homelog_desktop.services.importing.builtin_profiles import apply_builtin, recognise_profile

    path = tmp_path / "csv_bijlage.csv"
    path.write_text(
        "eancodeasn,meternummer,meterreadingdate,reading1,usage1,reading2,usage2,reading3,usage3,reading4,usage4\n"
        "871685900012345678,E0053001234567890,01-03-2024,4210.5,,6120.3,,812.25,,1530.75,\n"
        "871685900012345678,E0099000000000001,02-03-2024,0.4,,0.0,,0.0,,0.0,\n"
        "871685900087654321,G0041009876543210,01-03-2024,2875.4,,,,,,,\n",
        encoding="utf-8",
    )
    detected = detect(path)
    profile = recognise_profile(detected)
    assert profile is not None and profile.name == "liander"
    detected = apply_builtin(profile, detected)
    source, mapping = profile.new_source("Home", detected, suggest_mapping(detected, None))
    assert [(m.name, m.unit, m.kind) for m in source.metrics] == [
        ("Levering laag (El 1)", "kWh", MetricKind.COUNTER),
        ("Levering hoog (El 2)", "kWh", MetricKind.COUNTER),
        ("Teruglevering laag (El 3)", "kWh", MetricKind.COUNTER),
        ("Teruglevering hoog (El 4)", "kWh", MetricKind.COUNTER),
        ("Levering laag (El 1) (E0099000000000001)", "kWh", MetricKind.COUNTER),
        ("Levering hoog (El 2) (E0099000000000001)", "kWh", MetricKind.COUNTER),
        ("Teruglevering laag (El 3) (E0099000000000001)", "kWh", MetricKind.COUNTER),
        ("Teruglevering hoog (El 4) (E0099000000000001)", "kWh", MetricKind.COUNTER),
        ("Gas", "m³", MetricKind.COUNTER),
    ]
    read = {detected.columns[c] for c, t in mapping.items() if t.metric is not None}
    assert read == {
        f"{meter} reading{n}" for meter in ("E0053001234567890", "E0099000000000001") for n in (1, 2, 3, 4)
    } | {"G0041009876543210 reading1"}
