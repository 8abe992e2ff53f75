"""Export of a source's readings to CSV and JSON through the service, on real SQLite files."""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from homelog_desktop.db import Database
from homelog_desktop.domain.entities import Metric, MetricKind, Source
from homelog_desktop.services.exporting import (
    ExportCancelledError,
    ExportFormat,
    escape_formula,
    export_readings,
    export_text,
    find_source,
    suggested_filename,
    unescape_formula,
)
from tests.conftest import T0, make_reading, seed_readings


def _stored(add_source: Callable[..., Source], store: Callable[..., Any]) -> Source:
    source = add_source("Electricity")
    store(
        source,
        make_reading(source, T0, "1234.5", "567.0", note="first"),
        make_reading(source, T0 + timedelta(days=7), None, "570.5"),
        make_reading(source, T0 + timedelta(days=14), "1250.0", None, note='=HYPERLINK("http://x")'),
        make_reading(source, T0 + timedelta(days=21), "1260.1", "580.9", note='semi;colon, "quoted"\nline two'),
    )
    return source


def test_export_csv_exact_contents(run: Any, db: Database, add_source: Any, store: Any, tmp_path: Path) -> None:
    """CSV: ISO timestamps with offset, a column per metric, dot decimals, empty cells, quoted notes."""
    source = _stored(add_source, store)
    target = tmp_path / "out" / "electricity.csv"
    result = run(export_readings(db, source, target, ExportFormat.CSV, tz=UTC))
    assert result.rows == 4 and result.path == target
    assert target.read_bytes().decode("utf-8") == (
        "timestamp,Day,Night,note,estimated,from bill,entered by\r\n"
        "2025-01-06T08:00:00+00:00,1234.5,567.0,first,,,\r\n"
        "2025-01-13T08:00:00+00:00,,570.5,,,,\r\n"
        '2025-01-20T08:00:00+00:00,1250.0,,"\'=HYPERLINK(""http://x"")",,,\r\n'
        '2025-01-27T08:00:00+00:00,1260.1,580.9,"semi;colon, ""quoted""\nline two",,,\r\n'
    )
    assert list(tmp_path.joinpath("out").iterdir()) == [target]  # no temporary file left behind


def test_export_json_exact_contents(run: Any, db: Database, add_source: Any, store: Any) -> None:
    """JSON (version 2): the source with its fields and metrics, then readings with the values read, notes as
    they are."""
    source = _stored(add_source, store)
    stream = io.StringIO()
    run(export_readings(db, source, stream, ExportFormat.JSON, tz=timezone(timedelta(hours=1))))
    document = json.loads(stream.getvalue())
    assert document["format"] == "homelog-readings" and document["version"] == 2
    (exported,) = document["sources"]
    readings = exported.pop("readings")
    assert exported == {
        "name": "Electricity",
        "category": "electricity",
        "description": "",
        "owner": None,
        "public": False,
        "members_may_add_readings": False,
        "interval_days": 7,
        "archived": False,
        "billing_start_month": 1,
        "metrics": [
            {"name": "Day", "unit": "kWh", "kind": "counter", "decimals": 1, "digits": None},
            {"name": "Night", "unit": "kWh", "kind": "counter", "decimals": 1, "digits": None},
        ],
        "tariffs": [],
        "meter_changes": [],
    }
    assert readings == [
        {"timestamp": "2025-01-06T09:00:00+01:00", "values": {"Day": 1234.5, "Night": 567.0}, "note": "first"},
        {"timestamp": "2025-01-13T09:00:00+01:00", "values": {"Night": 570.5}},
        {"timestamp": "2025-01-20T09:00:00+01:00", "values": {"Day": 1250.0}, "note": '=HYPERLINK("http://x")'},
        {
            "timestamp": "2025-01-27T09:00:00+01:00",
            "values": {"Day": 1260.1, "Night": 580.9},
            "note": 'semi;colon, "quoted"\nline two',
        },
    ]
    # Numbers are written with exactly the metric's decimals (not a float's repr).
    assert '"Night": 567.0}' in stream.getvalue()


def test_export_empty_source_is_valid(run: Any, db: Database, add_source: Any) -> None:
    """A source without readings exports a header only (CSV) and an empty list (JSON)."""
    source = add_source("Water", metrics=(Metric(None, "Volume", "m³", MetricKind.COUNTER, decimals=3),))
    csv_out, json_out = io.StringIO(), io.StringIO()
    assert run(export_readings(db, source, csv_out, ExportFormat.CSV)).rows == 0
    run(export_readings(db, source, json_out, ExportFormat.JSON))
    assert csv_out.getvalue() == "timestamp,Volume,note,estimated,from bill,entered by\r\n"
    assert json.loads(json_out.getvalue())["sources"][0]["readings"] == []


def test_export_decimals_and_large_values(run: Any, db: Database, add_source: Any, store: Any) -> None:
    """Values keep the metric's decimals exactly, however large or negative."""
    source = add_source(
        "Heat",
        metrics=(
            Metric(None, "Energy", "kWh", MetricKind.COUNTER, decimals=0),
            Metric(None, "Flow", "", MetricKind.GAUGE, decimals=6),
        ),
    )
    store(source, make_reading(source, T0, "999999999999", "-0.000001"))
    out = io.StringIO()
    run(export_readings(db, source, out, ExportFormat.CSV, tz=UTC))
    assert out.getvalue().splitlines()[1] == "2025-01-06T08:00:00+00:00,999999999999,-0.000001,,,,"


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("=1+1", "'=1+1"),
        ("+49 30 1234", "'+49 30 1234"),
        ("-5 after repair", "'-5 after repair"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("'=already", "''=already"),
        ("'tis fine", "'tis fine"),
        ("plain", "plain"),
        ("", ""),
        ("a=b", "a=b"),
        # Fullwidth forms, which spreadsheets in East Asian locales read as the ASCII ones.
        ("＝1+1", "'＝1+1"),
        ("＋49", "'＋49"),
        ("－5", "'－5"),
        ("＠SUM(A1)", "'＠SUM(A1)"),
        ("'＝already", "''＝already"),
        # Leading blanks before a formula character (some spreadsheets trim them).
        (" =1+1", "' =1+1"),
        ("\t =1+1", "'\t =1+1"),
        ("  +1", "'  +1"),
        ("\u3000=1", "'\u3000=1"),
        ("' =x", "'' =x"),
        ("  plain", "  plain"),
    ],
)
def test_formula_escape_round_trips(text: str, escaped: str) -> None:
    """Cells that would run as formulas get one apostrophe; unescape_formula gives the text back."""
    assert escape_formula(text) == escaped
    assert unescape_formula(escaped) == text


def test_export_escapes_metric_names_in_header() -> None:
    """A metric named like a formula is escaped in the CSV header too."""
    source = Source(1, "X", metrics=(Metric(7, "=cmd|' /C calc'!A0", decimals=0),))
    text = export_text(source, [[(0, "", 1.0)]], ExportFormat.CSV, tz=UTC)
    header = next(csv.reader(io.StringIO(text)))
    assert header == ["timestamp", "'=cmd|' /C calc'!A0", "note", "estimated", "from bill", "entered by"]


def test_export_large_source_streams_with_progress(
    run: Any, db: Database, db_path: Path, add_source: Any, tmp_path: Path
) -> None:
    """Twenty thousand readings are exported in chunks, with progress reports, in time order."""
    source = add_source("Electricity")
    seed_readings(db_path, source, 20_000)
    reports: list[tuple[int, int]] = []
    target = tmp_path / "big.csv"
    result = run(export_readings(db, source, target, tz=UTC, progress=lambda d, t: reports.append((d, t))))
    assert result.rows == 20_000
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 20_001
    assert lines[1] == "2025-01-06T08:00:00+00:00,1000.0,1000.0,,,,"
    last = (T0 + timedelta(hours=19_999)).isoformat()
    assert lines[-1] == f"{last},10999.5,10999.5,,,,"
    assert reports[-1] == (20_000, 20_000)


def test_export_cancelled_leaves_no_file(
    run: Any, db: Database, db_path: Path, add_source: Any, tmp_path: Path
) -> None:
    """Cancelling stops the export; the target (an older file here) is left as it was."""
    source = add_source("Electricity")
    seed_readings(db_path, source, 20_000)
    target = tmp_path / "old.csv"
    target.write_text("keep me", encoding="utf-8")
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(ExportCancelledError):
        run(export_readings(db, source, target, cancel=cancel))
    assert target.read_text(encoding="utf-8") == "keep me"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_find_source_by_name_case_insensitive(run: Any, db: Database, add_source: Any) -> None:
    """find_source matches the name whatever its case, and names a missing source."""
    from homelog_desktop.domain.errors import NotFoundError

    source = add_source("Gas Meter")
    assert run(find_source(db, "gas meter")).id == source.id
    with pytest.raises(NotFoundError, match="Nope"):
        run(find_source(db, "Nope"))


def test_suggested_filename_is_safe() -> None:
    """Characters file systems refuse are replaced in the suggested name."""
    assert suggested_filename(Source(1, 'Flat 2/3: "main"'), ExportFormat.JSON) == "Flat 2_3_ _main_.json"


# -- the fast formatting paths agree with the obvious ones ----------------------------------------

ZONES = [None, "UTC", "Europe/Berlin", "America/St_Johns", "Asia/Kathmandu", "Australia/Lord_Howe", "Europe/Amsterdam"]


@given(
    ts=st.integers(min_value=-2_500_000_000, max_value=4_000_000_000),
    zone=st.sampled_from(ZONES),
)
@settings(max_examples=400, deadline=None)
def test_timestamps_match_isoformat(ts: int, zone: str | None) -> None:
    """Export timestamps equal datetime.isoformat() in any zone: DST, half hours, old offsets in seconds."""
    from zoneinfo import ZoneInfo

    from homelog_desktop.services.exporting import _Timestamps

    tz = ZoneInfo(zone) if zone else None
    moment = datetime.fromtimestamp(ts, UTC)
    expected = (moment.astimezone(tz) if tz else moment.astimezone()).isoformat()
    stamps = _Timestamps(tz)
    assert stamps(ts) == expected
    assert (
        stamps(ts + 1)
        == (
            datetime.fromtimestamp(ts + 1, UTC).astimezone(tz)
            if tz
            else datetime.fromtimestamp(ts + 1, UTC).astimezone()
        ).isoformat()
    )


def test_timestamps_across_a_dst_change() -> None:
    """Every second around Berlin's spring and autumn changes is written as isoformat() writes it."""
    from zoneinfo import ZoneInfo

    from homelog_desktop.services.exporting import _Timestamps

    berlin = ZoneInfo("Europe/Berlin")
    stamps = _Timestamps(berlin)
    for change in (datetime(2024, 3, 31, 1, 0, tzinfo=UTC), datetime(2024, 10, 27, 1, 0, tzinfo=UTC)):
        start = int(change.timestamp())
        for ts in range(start - 1000, start + 1000, 7):
            assert stamps(ts) == datetime.fromtimestamp(ts, UTC).astimezone(berlin).isoformat()


@given(
    digits=st.integers(min_value=0, max_value=10**15 - 1),
    decimals=st.integers(min_value=0, max_value=6),
    negative=st.booleans(),
)
@settings(max_examples=500, deadline=None)
def test_number_format_gives_back_what_was_entered(digits: int, decimals: int, negative: bool) -> None:
    """A value entered with the metric's decimals and stored as a double is written as entered."""
    from decimal import Decimal

    from homelog_desktop.services.exporting import _number_format

    entered = Decimal(-digits if negative else digits).scaleb(-decimals)
    if abs(entered) > Decimal("1e12"):
        entered = entered.scaleb(-3).quantize(Decimal(1).scaleb(-decimals))
    fmt = _number_format(Metric(1, "m", decimals=decimals))
    assert fmt(float(entered)) == format(Decimal(repr(float(entered))).quantize(Decimal(1).scaleb(-decimals)), "f")
