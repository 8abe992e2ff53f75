"""``homelog import`` of standard formats and supplier profiles (issue 12), each in a real process.

Every value is checked: register (metric), instant (UTC end), value, unit, kind and period start.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.e2e.test_cli_import import ROOT, homelog
from tests.processes import homelog as run_homelog

FORMATS = ROOT / "tests" / "data" / "formats"
PROFILES = ROOT / "tests" / "data" / "profiles"


def _t(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def values(db_file: Path, source: str) -> list[tuple]:
    """(metric, unit, kind, UTC end, value, UTC start or None, estimated) of a source, in time order."""
    conn = sqlite3.connect(db_file)
    try:
        rows = conn.execute(
            "SELECT m.name, m.unit, m.kind, v.ts, v.value, v.start_ts, r.estimated FROM reading_values v"
            " JOIN metrics m ON m.id = v.metric_id JOIN sources s ON s.id = m.source_id"
            " JOIN readings r ON r.id = v.reading_id WHERE s.name = ? ORDER BY v.ts, m.position",
            (source,),
        ).fetchall()
    finally:
        conn.close()
    return [
        (
            name,
            unit,
            kind,
            datetime.fromtimestamp(ts, UTC),
            value,
            None if s is None else datetime.fromtimestamp(s, UTC),
            e,
        )
        for name, unit, kind, ts, value, s, e in rows
    ]


def test_nem12_makes_a_source_per_meter_and_reimport_adds_nothing(tmp_path: Path) -> None:
    """A source per meter without --source; the file's invalid records stop it unless --skip-invalid."""
    stopped = homelog(tmp_path, str(FORMATS / "nem12_two_registers.csv"))
    assert stopped.returncode == 2, stopped.stdout + stopped.stderr
    assert stopped.stderr == (
        "homelog: error: line 10: the 300 record has 55 fields after its date; 96 interval values and a quality "
        "method were expected (15-minute intervals); nothing was imported\n"
    )
    assert values(tmp_path / "data" / "homelog.db", "6123456789 (meter METER001)") == []
    done = homelog(tmp_path, str(FORMATS / "nem12_two_registers.csv"), "--skip-invalid")
    assert done.returncode == 3, done.stderr  # the file has null intervals and a bad record, each named
    out = done.stdout
    assert "Recognised: AEMO NEM12 interval data" in out
    assert "line 4, interval 5: null data" in out and "line 11, interval 11: “x.y” is not a number" in out
    assert "Metrics created: 6123456789 E1 (kWh), 6123456789 B1 (kWh)." in out
    db = tmp_path / "data" / "homelog.db"
    stored = values(db, "6123456789 (meter METER001)")
    # 30-minute amounts of 14 Jan 2024 in market time (UTC+10): 00:00-00:30 AEST is 13 Jan 14:00-14:30 UTC.
    assert stored[0] == ("6123456789 E1", "kWh", "interval", _t("2024-01-13T14:30"), 0.1, _t("2024-01-13T14:00"), 0)
    assert stored[1][3:6] == (_t("2024-01-13T15:00"), 0.101, _t("2024-01-13T14:30"))
    assert any(row[6] for row in stored)  # substituted/estimated intervals keep their flag
    again = homelog(tmp_path, str(FORMATS / "nem12_two_registers.csv"), "--skip-invalid")
    assert "Imported: 0 readings." in again.stdout and again.returncode == 3
    assert values(db, "6123456789 (meter METER001)") == stored


def test_nem13_into_a_named_source(tmp_path: Path) -> None:
    done = homelog(tmp_path, str(FORMATS / "nem13_basic_meter.csv"), "--source", "Basic meter", "--create")
    assert done.returncode in (0, 3), done.stderr
    assert "Recognised: AEMO NEM13 accumulated meter readings" in done.stdout
    stored = values(tmp_path / "data" / "homelog.db", "Basic meter")
    assert stored and all(row[1] == "kWh" for row in stored)


def test_green_button_xml_makes_a_source_per_usage_point(tmp_path: Path) -> None:
    done = homelog(tmp_path, str(FORMATS / "green_button_electricity_gas.xml"))
    assert done.returncode == 3, done.stderr
    assert "line 62, value: the value “n/a” is not an integer" in done.stdout
    db = tmp_path / "data" / "homelog.db"
    electricity = values(db, "Home, 12 Elm Street")
    gas = values(db, "Gas service")
    assert len(electricity) == 4 and len(gas) == 2
    name, unit, kind, end, _value, start, _estimated = electricity[0]
    assert (name, unit, kind) == ("Electricity consumption (delivered)", "Wh", "interval")
    assert start is not None and end > start
    assert gas[0][1] == "therm"


def test_green_button_zip_and_a_table_without_source(tmp_path: Path) -> None:
    """A zipped Green Button feed is recognised like the XML; a plain table still needs --source."""
    import zipfile

    archive = tmp_path / "greenbutton.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.write(FORMATS / "green_button_electricity_gas.xml", "usage.xml")
    done = homelog(tmp_path, str(archive), "--source", "Home", "--create")
    assert done.returncode == 3, done.stderr
    assert "Recognised: Green Button (ESPI) XML" in done.stdout
    stored = values(tmp_path / "data" / "homelog.db", "Home")
    assert {row[0] for row in stored} == {"Electricity consumption (delivered)", "Gas consumption (delivered)"}
    table = tmp_path / "table.csv"
    table.write_text("Date,Meter (kWh)\n2024-01-01,1\n", encoding="utf-8")
    refused = homelog(tmp_path, str(table))
    assert refused.returncode == 2 and "--source NAME is needed" in refused.stderr


def test_home_assistant_statistics_and_dsmr_reader(tmp_path: Path) -> None:
    ha = str(FORMATS / "home_assistant_statistics.csv")
    done = homelog(tmp_path, ha, "--source", "HA", "--create", "--skip-invalid")
    assert done.returncode == 3, done.stderr
    assert "line 5, state: “18212.3x” is not a number" in done.stdout
    stored = values(tmp_path / "data" / "homelog.db", "HA")
    assert stored[0][:5] == ("sensor.grid_import_energy", "kWh", "counter", _t("2024-01-15T10:00"), 18210.412)
    dsmr = homelog(tmp_path, str(FORMATS / "dsmr_reader_hours.csv"), "--source", "DSMR", "--create")
    assert dsmr.returncode == 0, dsmr.stdout + dsmr.stderr
    hours = values(tmp_path / "data" / "homelog.db", "DSMR")
    first = hours[0]
    assert first[:3] == ("Electricity tariff 1", "kWh", "interval")
    # The hour starting 2024-03-31 00:00+01:00: [30 Mar 23:00, 31 Mar 00:00) UTC.
    assert (first[3], first[4], first[5]) == (_t("2024-03-31T00:00"), 0.212, _t("2024-03-30T23:00"))


def test_list_profiles_and_help_examples(tmp_path: Path) -> None:
    listed = run_homelog(tmp_path, "import", "--list-profiles")
    assert listed.returncode == 0
    names = ("fluvius", "eneco", "homewizard", "homewizard-gas", "liander", "greenchoice", "e3dc", "lastgang-de")
    for name in (*names, "netz-noe", "wiener-netze", "e-distribuzione", "octopus", "green-button-csv"):
        assert name in listed.stdout
    helped = run_homelog(tmp_path, "import", "--help")
    assert "--profile NAME" in helped.stdout and "homelog import --list-profiles" in helped.stdout
    unknown = homelog(tmp_path, str(PROFILES / "octopus_consumption.csv"), "--source", "X", "--profile", "nope")
    assert unknown.returncode == 2 and "there is no profile “nope”" in unknown.stderr


# (file, profile, source's first values: metric, unit, kind, UTC end, value, UTC start)
CASES = [
    (
        "fluvius_verbruikshistoriek.csv",
        "fluvius",
        [
            ("Afname Dag", "kWh", "interval", _t("2024-05-31T22:15"), 0.012, _t("2024-05-31T22:00")),
            ("Afname Nacht", "kWh", "interval", _t("2024-05-31T22:15"), 0.0, _t("2024-05-31T22:00")),
            ("Injectie Dag", "kWh", "interval", _t("2024-05-31T22:15"), 0.0, _t("2024-05-31T22:00")),
            ("Injectie Nacht", "kWh", "interval", _t("2024-05-31T22:15"), 0.105, _t("2024-05-31T22:00")),
            ("Afname Dag", "kWh", "interval", _t("2024-05-31T22:30"), 0.02, _t("2024-05-31T22:15")),
        ],
    ),
    (
        "eneco_meterstanden.csv",
        "eneco",
        [
            ("Levering laag (El 1)", "kWh", "counter", _t("2024-02-29T23:00"), 10234.512, None),
            ("Levering hoog (El 2)", "kWh", "counter", _t("2024-02-29T23:00"), 8123.004, None),
            ("Teruglevering laag (El 3)", "kWh", "counter", _t("2024-02-29T23:00"), 1502.25, None),
            ("Teruglevering hoog (El 4)", "kWh", "counter", _t("2024-02-29T23:00"), 2310.875, None),
            ("Gas", "m³", "counter", _t("2024-02-29T23:00"), 4021.118, None),
            ("Levering laag (El 1)", "kWh", "counter", _t("2024-03-01T23:00"), 10241.106, None),
        ],
    ),
    (
        "homewizard_p1_15min.csv",
        "homewizard",
        [
            # Local times (UTC+2 in September): meter readings at 00:00 and 00:15.
            ("Import T1", "kWh", "counter", _t("2024-08-31T22:00"), 8350.274, None),
            ("Import T2", "kWh", "counter", _t("2024-08-31T22:00"), 4650.277, None),
            ("Export T1", "kWh", "counter", _t("2024-08-31T22:00"), 3095.077, None),
            ("Export T2", "kWh", "counter", _t("2024-08-31T22:00"), 7450.128, None),
            ("Import T1", "kWh", "counter", _t("2024-08-31T22:15"), 8350.385, None),
        ],
    ),
    (
        "liander_meetdata.csv",
        "liander",
        [
            # A row per meter and day (electricity E…, gas G…): the readings at the day's 00:00 local time
            # (UTC+1 in March), one reading per day with the electricity and the gas meter's values.
            (metric, unit, "counter", _t(f"2024-{day}T23:00"), value, None)
            for day, readings in (
                ("02-29", (4210.5, 6120.3, 812.25, 1530.75, 2875.4)),
                ("03-01", (4221.7, 6120.3, 812.31, 1530.75, 2879.1)),
                ("03-02", (4233.1, 6120.3, 812.9, 1530.75, 2882.3)),
                ("03-03", (4236.4, 6128.8, 813.02, 1534.1, 2884.9)),
            )
            for (metric, unit), value in zip(
                (
                    ("Levering laag (El 1)", "kWh"),
                    ("Levering hoog (El 2)", "kWh"),
                    ("Teruglevering laag (El 3)", "kWh"),
                    ("Teruglevering hoog (El 4)", "kWh"),
                    ("Gas", "m³"),
                ),
                readings,
                strict=True,
            )
        ],
    ),
    (
        "greenchoice_meterstanden_stroom.csv",
        "greenchoice",
        [
            # The newest day first in the file; each day's readings at its 00:00 local time (UTC+2 in May).
            (metric, "kWh", "counter", _t(f"2024-05-{day:02d}T22:00"), value, None)
            for day, readings in (
                (2, (2309, 1886, 1081, 619)),
                (3, (2318, 1890, 1102, 619)),
                (4, (2318, 1899, 1102, 641)),
                (5, (2318, 1907, 1102, 655)),
            )
            for metric, value in zip(
                (
                    "Levering hoog (El 2)",
                    "Levering laag (El 1)",
                    "Teruglevering hoog (El 4)",
                    "Teruglevering laag (El 3)",
                ),
                readings,
                strict=True,
            )
        ],
    ),
    (
        "e3dc_statistik.csv",
        "e3dc",
        [
            ("Ladezustand", "%", "gauge", _t("2024-06-15T10:00"), 81.0, None),
            ("Solarproduktion", "W", "gauge", _t("2024-06-15T10:00"), 5210.0, None),
            ("Batterie Laden", "W", "gauge", _t("2024-06-15T10:00"), 1200.0, None),
            ("Batterie Entladen", "W", "gauge", _t("2024-06-15T10:00"), 0.0, None),
            ("Netzeinspeisung", "W", "gauge", _t("2024-06-15T10:00"), 3400.0, None),
            ("Netzbezug", "W", "gauge", _t("2024-06-15T10:00"), 0.0, None),
            ("Hausverbrauch", "W", "gauge", _t("2024-06-15T10:00"), 610.0, None),
        ],
    ),
    (
        "lastgang_netzbetreiber.csv",
        "lastgang-de",
        [
            # 01.03.2024 00:15 local (UTC+1) ends the quarter hour 00:00-00:15: [29 Feb 23:00, 23:15) UTC.
            ("Bezug", "kWh", "interval", _t("2024-02-29T23:15"), 0.081, _t("2024-02-29T23:00")),
            ("Bezug", "kWh", "interval", _t("2024-02-29T23:30"), 0.082, _t("2024-02-29T23:15")),
            ("Bezug", "kWh", "interval", _t("2024-02-29T23:45"), 0.083, _t("2024-02-29T23:30")),
        ],
    ),
    (
        "netz_noe_viertelstunden.csv",
        "netz-noe",
        [
            ("Verbrauch", "kWh", "interval", _t("2024-12-31T23:15"), 0.063, _t("2024-12-31T23:00")),
            ("Verbrauch", "kWh", "interval", _t("2024-12-31T23:30"), 0.083, _t("2024-12-31T23:15")),
            ("Verbrauch", "kWh", "interval", _t("2024-12-31T23:45"), 0.092, _t("2024-12-31T23:30")),
        ],
    ),
    (
        "e_distribuzione_curva_di_carico.csv",
        "e-distribuzione",
        [
            ("Consumo", "kWh", "interval", _t("2024-08-31T22:15"), 0.1, _t("2024-08-31T22:00")),
            ("Consumo", "kWh", "interval", _t("2024-08-31T22:30"), 0.101, _t("2024-08-31T22:15")),
        ],
    ),
    (
        "octopus_consumption.csv",
        "octopus",
        [
            ("Consumption", "kWh", "interval", _t("2024-03-01T00:30"), 0.215, _t("2024-03-01T00:00")),
            ("Consumption", "kWh", "interval", _t("2024-03-01T01:00"), 0.187, _t("2024-03-01T00:30")),
        ],
    ),
    (
        "green_button_usage.csv",
        "green-button-csv",
        [
            ("Usage", "kWh", "interval", _t("2024-06-30T23:00"), 0.38, _t("2024-06-30T22:00")),
            ("Usage", "kWh", "interval", _t("2024-07-01T00:00"), 0.41, _t("2024-06-30T23:00")),
            ("Usage", "kWh", "interval", _t("2024-07-01T01:00"), 0.35, _t("2024-07-01T00:00")),
        ],
    ),
]
# The samples are read in one zone (--timezone Europe/Brussels; Berlin, Vienna and Rome share it) so that
# every expected time above is the same local-to-UTC shift; Octopus states its offsets.


@pytest.mark.parametrize(("name", "profile", "expected"), CASES, ids=[c[1] for c in CASES])
def test_supplier_profile_recognised_by_its_header(tmp_path: Path, name: str, profile: str, expected: list) -> None:
    """Each profile's sample: recognised by its header, every value in its metric, unit, kind and period."""
    zone = "Europe/Brussels"
    done = homelog(tmp_path, str(PROFILES / name), "--source", "S", "--create", "--timezone", zone)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Read with the profile “{profile}”" in done.stderr
    stored = [row[:6] for row in values(tmp_path / "data" / "homelog.db", "S")]
    assert stored[: len(expected)] == expected
    if profile in ("liander", "greenchoice"):
        assert stored == expected  # every value (Liander: nothing of the usage columns)
    forced = homelog(
        tmp_path, str(PROFILES / name), "--source", "T", "--create", "--timezone", zone, "--profile", profile
    )
    assert forced.returncode == 0, forced.stderr
    assert [row[:6] for row in values(tmp_path / "data" / "homelog.db", "T")] == stored


def test_lastgang_de_reads_the_whole_day_to_the_next_midnight(tmp_path: Path) -> None:
    """The last quarter hour of a German Lastgang is labelled by the next day's 00:00 (its end)."""
    sample = PROFILES / "lastgang_netzbetreiber.csv"
    done = homelog(tmp_path, str(sample), "--source", "S", "--create", "--timezone", "Europe/Berlin")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Columns not imported: Status." in done.stdout
    stored = [row[:6] for row in values(tmp_path / "data" / "homelog.db", "S")]
    assert len(stored) == 96
    assert stored[-1] == ("Bezug", "kWh", "interval", _t("2024-03-01T23:00"), 0.176, _t("2024-03-01T22:45"))
    assert round(sum(row[4] for row in stored), 3) == round(sum(0.08 + i / 1000 for i in range(1, 97)), 3)


def test_wiener_netze_export_with_the_meter_in_the_column_name(tmp_path: Path) -> None:
    """Wiener Netze names the value column after the meter; quarter hours not yet measured are named."""
    sample = PROFILES / "wiener_netze_viertelstundenwerte.csv"
    done = homelog(tmp_path, str(sample), "--source", "S", "--create", "--timezone", "Europe/Vienna")
    assert done.returncode == 3, done.stdout + done.stderr  # rows without a value are skipped and named
    assert "Read with the profile “wiener-netze”" in done.stderr
    assert "Skipped: 4 rows with no value (lines 98, 99, 100, 101)." in done.stdout
    assert "Metrics created: Verbrauch (kWh)." in done.stdout
    stored = [row[:6] for row in values(tmp_path / "data" / "homelog.db", "S")]
    assert len(stored) == 96
    # 01.02.2024 00:00:00-00:15:00 Vienna (UTC+1) is [31 Jan 23:00, 23:15) UTC; the last row ends at midnight.
    assert stored[0] == ("Verbrauch", "kWh", "interval", _t("2024-01-31T23:15"), 0.05, _t("2024-01-31T23:00"))
    assert stored[1] == ("Verbrauch", "kWh", "interval", _t("2024-01-31T23:30"), 0.051, _t("2024-01-31T23:15"))
    assert stored[-1] == ("Verbrauch", "kWh", "interval", _t("2024-02-01T23:00"), 0.145, _t("2024-02-01T22:45"))
    feed_in = tmp_path / "einspeisung.csv"
    feed_in.write_text(
        "Datum;Zeit von;Zeit bis;PV - AT0010000000000000001000087654321 - Einspeiser [kWh]\n"
        "01.06.2024;12:00:00;12:15:00;0,734\n01.06.2024;12:15:00;12:30:00;0,751\n",
        encoding="utf-8",
    )
    fed = homelog(tmp_path, str(feed_in), "--source", "PV", "--create", "--timezone", "Europe/Vienna")
    assert fed.returncode == 0, fed.stdout + fed.stderr
    assert [row[:6] for row in values(tmp_path / "data" / "homelog.db", "PV")] == [
        ("Einspeisung", "kWh", "interval", _t("2024-06-01T10:15"), 0.734, _t("2024-06-01T10:00")),
        ("Einspeisung", "kWh", "interval", _t("2024-06-01T10:30"), 0.751, _t("2024-06-01T10:15")),
    ]


def test_eneco_profile_reads_the_xlsx_download_like_the_csv(tmp_path: Path) -> None:
    """Mijn Eneco downloads an .xlsx (dates and numbers as typed cells): the same profile, the same values."""
    from datetime import datetime as naive

    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Meterstanden"
    csv_lines = (PROFILES / "eneco_meterstanden.csv").read_text(encoding="utf-8").splitlines()
    sheet.append(csv_lines[0].split(";"))
    for line in csv_lines[1:]:
        day, *numbers = line.split(";")
        sheet.append([naive.strptime(day, "%d-%m-%Y"), *(float(n.replace(",", ".")) for n in numbers)])
        sheet.cell(sheet.max_row, 1).number_format = "dd-mm-yyyy"
    workbook.save(tmp_path / "Meterstanden.xlsx")
    zone = ("--timezone", "Europe/Amsterdam")
    done = homelog(tmp_path, str(tmp_path / "Meterstanden.xlsx"), "--source", "X", "--create", *zone)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Read with the profile “eneco”" in done.stderr
    from_csv = homelog(tmp_path, str(PROFILES / "eneco_meterstanden.csv"), "--source", "C", "--create", *zone)
    assert from_csv.returncode == 0, from_csv.stdout + from_csv.stderr
    db = tmp_path / "data" / "homelog.db"
    stored = [row[:6] for row in values(db, "X")]
    assert stored == [row[:6] for row in values(db, "C")]
    assert stored[:2] == [
        ("Levering laag (El 1)", "kWh", "counter", _t("2024-02-29T23:00"), 10234.512, None),
        ("Levering hoog (El 2)", "kWh", "counter", _t("2024-02-29T23:00"), 8123.004, None),
    ]
    assert stored[4] == ("Gas", "m³", "counter", _t("2024-02-29T23:00"), 4021.118, None)


def test_homewizard_gas_export_skips_and_names_the_hours_without_a_reading(tmp_path: Path) -> None:
    sample = PROFILES / "homewizard_p1_gas.csv"
    done = homelog(tmp_path, str(sample), "--source", "Gas", "--create", "--timezone", "Europe/Amsterdam")
    assert done.returncode == 3, done.stdout + done.stderr
    assert "Read with the profile “homewizard-gas”" in done.stderr
    assert "Amounts per" not in done.stderr  # the profile says these are meter readings, not amounts
    assert "Skipped: 1 row with no value (line 2)." in done.stdout
    assert [row[:6] for row in values(tmp_path / "data" / "homelog.db", "Gas")] == [
        ("Gas", "m³", "counter", _t("2024-08-31T23:00"), 3021.448, None),
        ("Gas", "m³", "counter", _t("2024-09-01T00:00"), 3021.448, None),
        ("Gas", "m³", "counter", _t("2024-09-01T01:00"), 3021.511, None),
    ]


def test_lastgang_de_starting_at_midnight_labels_periods_by_their_start(tmp_path: Path) -> None:
    """Some operators label each quarter hour by its start (the day's first row at 00:00)."""
    sample = tmp_path / "lastgang.csv"
    sample.write_text(
        "Datum;Uhrzeit;Wert (kWh);Status\n01.03.2024;00:00;0,081;W\n01.03.2024;00:15;0,082;W\n", encoding="utf-8"
    )
    done = homelog(tmp_path, str(sample), "--source", "S", "--create", "--timezone", "Europe/Berlin")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Each row's time is the start of its period, since the first row is at midnight." in done.stderr
    assert [row[:6] for row in values(tmp_path / "data" / "homelog.db", "S")] == [
        ("Bezug", "kWh", "interval", _t("2024-02-29T23:15"), 0.081, _t("2024-02-29T23:00")),
        ("Bezug", "kWh", "interval", _t("2024-02-29T23:30"), 0.082, _t("2024-02-29T23:15")),
    ]
