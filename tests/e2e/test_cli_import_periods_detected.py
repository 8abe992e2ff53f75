"""``homelog import`` on amounts per period as files write them (issue 12, shape 1): one real process per style,
each value checked with its period (start, instant = end, value, metric kind)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.e2e.test_cli_import import homelog
from tests.processes import homelog as run_homelog

T0 = datetime(2024, 1, 13)
AMOUNTS = ["0.25", "0.31", "0.12", "0.40", "0.22"]


def periods(db_file: Path) -> list[tuple[datetime | None, datetime, str, str, float]]:
    """(period start, instant, metric, kind, value) of every stored value, in time order."""
    conn = sqlite3.connect(db_file)
    try:
        rows = conn.execute(
            "SELECT v.start_ts, v.ts, m.name, m.kind, v.value FROM reading_values v"
            " JOIN metrics m ON m.id = v.metric_id ORDER BY v.ts, m.position"
        ).fetchall()
    finally:
        conn.close()
    return [
        (datetime.fromtimestamp(s, UTC) if s is not None else None, datetime.fromtimestamp(t, UTC), n, k, v)
        for s, t, n, k, v in rows
    ]


def quarters(offset: int = 0) -> list[tuple[datetime, datetime, str]]:
    return [
        (T0 + timedelta(minutes=15 * i + offset), T0 + timedelta(minutes=15 * (i + 1) + offset), v)
        for i, v in enumerate(AMOUNTS)
    ]


def expected(name: str, offset: int = 0, scale: float = 1.0) -> list[tuple[datetime, datetime, str, str, float]]:
    return [
        (a.replace(tzinfo=UTC), b.replace(tzinfo=UTC), name, "interval", float(v) * scale)
        for a, b, v in quarters(offset)
    ]


STYLES = {
    "from_to": (
        "From,To,Usage (kWh)\n" + "".join(f"{a:%Y-%m-%d %H:%M},{b:%Y-%m-%d %H:%M},{v}\n" for a, b, v in quarters()),
        expected("Usage"),
    ),
    "vanaf_tot": (
        "Vanaf;Tot;Verbruik (kWh)\n"
        + "".join(f"{a:%d-%m-%Y %H:%M};{b:%d-%m-%Y %H:%M};{v.replace('.', ',')}\n" for a, b, v in quarters()),
        expected("Verbruik"),
    ),
    "one_cell": (
        "Zeitraum;Wert (kWh)\n"
        + "".join(f"{a:%d.%m.%Y %H:%M} - {b:%d.%m.%Y %H:%M};{v.replace('.', ',')}\n" for a, b, v in quarters()),
        expected("Wert"),
    ),
    "start_header": (
        "Start time,Energy (kWh)\n" + "".join(f"{b:%Y-%m-%d %H:%M},{v}\n" for _a, b, v in quarters()),
        expected("Energy", offset=15),
    ),
    "end_header": (
        "Date (end of interval),Energy (kWh)\n" + "".join(f"{b:%Y-%m-%d %H:%M},{v}\n" for _a, b, v in quarters()),
        expected("Energy"),
    ),
    "regular_from_midnight": (
        "Date,kWh\n" + "".join(f"{a:%Y-%m-%d %H:%M},{v}\n" for a, _b, v in quarters()),
        expected("kWh"),
    ),
}


@pytest.mark.parametrize("style", list(STYLES))
def test_cli_import_amounts_per_period_each_style(tmp_path: Path, style: str) -> None:
    """Each style is detected without options: every value lands with its own period [start, end)."""
    text, wanted = STYLES[style]
    path = tmp_path / f"{style}.csv"
    path.write_text(text, encoding="utf-8")
    done = homelog(tmp_path, str(path), "--source", "Grid", "--create")
    assert done.returncode == 0, done.stderr
    assert f"Imported: {len(AMOUNTS)} readings." in done.stdout
    assert periods(tmp_path / "data" / "homelog.db") == wanted


def test_cli_import_kind_option_chooses_each_column(tmp_path: Path) -> None:
    """--kind overrides detection per column (by name); a bad value or column is one clear line, exit 2."""
    path = tmp_path / "mixed.csv"
    path.write_text(
        "Date,Usage (kWh),Level\n" + "".join(f"{b:%Y-%m-%d %H:%M},{v},{v}\n" for _a, b, v in quarters()),
        encoding="utf-8",
    )
    bad = homelog(tmp_path, str(path), "--source", "X", "--create", "--kind", "Level=sometimes")
    assert bad.returncode == 2 and "--kind: “Level=sometimes” is not COLUMN=KIND" in bad.stderr
    assert "Traceback" not in bad.stderr
    missing = homelog(tmp_path, str(path), "--source", "X", "--create", "--kind", "Nope=gauge")
    assert missing.returncode == 2 and "--kind: the file has no column “Nope”" in missing.stderr
    done = homelog(
        tmp_path, str(path), "--source", "X", "--create", "--kind", "Usage (kWh)=counter", "--kind", "Level=gauge"
    )
    assert done.returncode == 0, done.stderr
    kinds = {(name, kind) for _s, _t, name, kind, _v in periods(tmp_path / "data" / "homelog.db")}
    assert kinds == {("Usage", "counter"), ("Level", "gauge")}
    # Counters and gauges keep the rows' own times (no period shifts them).
    times = sorted({t for _s, t, _n, _k, _v in periods(tmp_path / "data" / "homelog.db")})
    assert times == [b.replace(tzinfo=UTC) for _a, b, _v in quarters()]


def test_cli_import_help_has_examples_and_the_kind_option(tmp_path: Path) -> None:
    """--help lists --kind and examples of amounts per period."""
    done = run_homelog(tmp_path, "import", "--help")
    assert done.returncode == 0
    assert "--kind COLUMN=KIND" in done.stdout
    assert "examples:" in done.stdout and "--time-is start" in done.stdout


def test_cli_import_time_is_replaces_only_what_it_says(tmp_path: Path) -> None:
    """--time-is end on a file detected as starting its periods: the detected 15-minute length is kept,
    each period moves back by one step (00:00 holds 23:45-00:00)."""
    path = tmp_path / "quarters.csv"
    path.write_text("Date,kWh\n" + "".join(f"{a:%Y-%m-%d %H:%M},{v}\n" for a, _b, v in quarters()), encoding="utf-8")
    done = homelog(tmp_path, str(path), "--source", "Grid", "--create", "--time-is", "end")
    assert done.returncode == 0, done.stderr
    assert periods(tmp_path / "data" / "homelog.db") == expected("kWh", offset=-15)
