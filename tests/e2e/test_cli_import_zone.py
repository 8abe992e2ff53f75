"""``homelog import --time-zone``: the zone of naive times, for tables and for standard files that name none;
the same rule as the wizard (the user's zone, else the header's, else the computer's)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from tests.processes import homelog

FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"


def ends(db: Path, metric: str) -> list[int]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT v.ts FROM reading_values v JOIN metrics m ON m.id = v.metric_id WHERE m.name = ? ORDER BY v.ts",
            (metric,),
        ).fetchall()
    finally:
        conn.close()
    return [ts for (ts,) in rows]


def utc(*args: int) -> int:
    return int(datetime(*args, tzinfo=UTC).timestamp())  # type: ignore[misc]


def test_cli_time_zone_reads_a_dsmr_reader_export_in_that_zone(tmp_path: Path) -> None:
    """DSMR-reader days are Amsterdam's days with --time-zone Europe/Amsterdam (31 March: 23 hours), on a computer
    in UTC; without it, the computer's days."""
    amsterdam, here = tmp_path / "a", tmp_path / "b"
    file = str(FORMATS / "dsmr_reader_days.csv")
    done = homelog(tmp_path, "import", file, "--time-zone", "Europe/Amsterdam", "--data-dir", str(amsterdam), TZ="UTC")
    assert done.returncode in (0, 3), done.stderr
    assert ends(amsterdam / "homelog.db", "Electricity tariff 1")[:2] == [utc(2024, 3, 30, 23), utc(2024, 3, 31, 22)]
    done = homelog(tmp_path, "import", file, "--data-dir", str(here), TZ="UTC")
    assert done.returncode in (0, 3), done.stderr
    assert ends(here / "homelog.db", "Electricity tariff 1")[:2] == [utc(2024, 3, 31), utc(2024, 4, 1)]


def test_cli_time_zone_replaces_the_zone_a_header_names(tmp_path: Path) -> None:
    """``Date/time UTC`` is read in UTC unless --time-zone (or the old --timezone) says otherwise."""
    csv = tmp_path / "inverter.csv"
    csv.write_text("Date/time UTC,Energy produced Wh\n2024-01-13 00:00,10\n2024-01-13 01:00,20\n", encoding="utf-8")
    for data, zone, first in (
        ("stated", (), utc(2024, 1, 13)),
        ("chosen", ("--time-zone", "Europe/Amsterdam"), utc(2024, 1, 12, 23)),
        ("old", ("--timezone", "Europe/Amsterdam"), utc(2024, 1, 12, 23)),
    ):
        done = homelog(
            tmp_path, "import", str(csv), "--source", "PV", "--create", *zone, "--data-dir", str(tmp_path / data)
        )
        assert done.returncode == 0, done.stderr
        assert ends(tmp_path / data / "homelog.db", "Energy produced")[0] == first


def test_cli_time_zone_unknown_is_one_line(tmp_path: Path) -> None:
    """A zone that does not exist: exit 2, one line naming it, nothing stored."""
    done = homelog(
        tmp_path, "import", str(FORMATS / "dsmr_reader_days.csv"), "--time-zone", "Mars/Olympus",
        "--data-dir", str(tmp_path / "d"),
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "homelog: error: unknown time zone “Mars/Olympus” (an IANA name such as Europe/Amsterdam or UTC)"
    ]
    assert not (tmp_path / "d" / "homelog.db").exists()
