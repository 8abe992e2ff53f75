"""Detection of amounts per period (issue 12, shape 1): each header style and regular steps, value by value."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from homelog_desktop.domain.entities import MetricKind, Source
from homelog_desktop.services.importing import ImportPlan, PeriodLabel, detect, new_source_for, preview
from homelog_desktop.services.importing.periods import REGULAR_STEPS, default_time_is, regular_step, split_range

#: Day 13: day-first and month-first dates cannot be mixed up.
T0 = datetime(2024, 1, 13)
AMOUNTS = ["0.25", "0.31", "0.12", "0.40", "0.22", "0.18"]


SECOND = timedelta(seconds=1)


def write(tmp_path: Path, text: str, name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def stored(
    path: Path,
) -> tuple[Source, list[tuple[datetime | None, datetime | None, str, str, MetricKind, Decimal | None]]]:
    """(period start, instant = period end, metric, unit, kind, value) of each value, as the import would store it."""
    detected = detect(path)
    settings = detected.settings
    source, mapping = new_source_for("S", detected)
    rows = preview(ImportPlan(path, replace_zone(settings), source, mapping, kind=detected.kind))
    metrics = {c: t.metric for c, t in mapping.items() if t.metric is not None}
    return source, [
        (row.period_start, row.timestamp, m.name, m.unit, m.kind, row.values[c])
        for row in rows
        for c, m in sorted(metrics.items())
    ]


def replace_zone(settings):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    return replace(settings, timezone="UTC")


def quarter_rows(start_offset: int = 0) -> list[tuple[datetime, datetime, str]]:
    return [
        (T0 + timedelta(minutes=15 * i + start_offset), T0 + timedelta(minutes=15 * (i + 1) + start_offset), v)
        for i, v in enumerate(AMOUNTS)
    ]


def expected(unit: str, name: str, start_offset: int = 0, kind: MetricKind = MetricKind.INTERVAL):  # type: ignore[no-untyped-def]
    return [
        (a.replace(tzinfo=UTC), b.replace(tzinfo=UTC), name, unit, kind, Decimal(v))
        for a, b, v in quarter_rows(start_offset)
    ]


@pytest.mark.parametrize(
    ("start", "end", "sep", "fmt"),
    [
        ("From", "To", ",", "%Y-%m-%d %H:%M"),
        ("Start", "End", ",", "%Y-%m-%dT%H:%M:%S"),
        ("Vanaf", "Tot", ";", "%d-%m-%Y %H:%M"),
        ("Von", "Bis", ";", "%d.%m.%Y %H:%M"),
        ("Begin", "Einde", ";", "%d-%m-%Y %H:%M"),
        ("Interval start", "Interval end", ",", "%Y-%m-%d %H:%M"),
    ],
)
def test_two_time_columns_are_periods_start_to_end(tmp_path, start, end, sep, fmt):
    """Two time columns: each row is [start, end), the reading's time is the end, the values are amounts."""
    lines = [f"{start}{sep}{end}{sep}Usage (kWh)"]
    lines += [f"{a:{fmt}}{sep}{b:{fmt}}{sep}{v}" for a, b, v in quarter_rows()]
    path = write(tmp_path, "\n".join(lines) + "\n")
    detected = detect(path)
    s = detected.settings
    assert (detected.columns[s.date_column], detected.columns[s.period_column]) == (end, start)
    assert s.time_is is PeriodLabel.END
    _source, values = stored(path)
    assert values == expected("kWh", "Usage")


def test_two_time_columns_without_words_take_the_earlier_as_start(tmp_path):
    """Columns named neither start nor end: the earlier time of each row starts its period."""
    lines = ["A,B,kWh"] + [f"{b:%Y-%m-%d %H:%M},{a:%Y-%m-%d %H:%M},{v}" for a, b, v in quarter_rows()]
    detected = detect(write(tmp_path, "\n".join(lines) + "\n"))
    assert (detected.settings.date_column, detected.settings.period_column) == (0, 1)


@pytest.mark.parametrize("between", [" to ", " - ", " – ", " tot ", " bis "])
def test_a_period_in_one_cell(tmp_path, between):
    """``start to end`` (or a dash between two date-times) in one cell is the row's period."""
    lines = ["Period;Wert (kWh)"] + [f"{a:%d.%m.%Y %H:%M}{between}{b:%d.%m.%Y %H:%M};{v}" for a, b, v in quarter_rows()]
    path = write(tmp_path, "\n".join(lines) + "\n")
    detected = detect(path)
    assert detected.settings.period_column == detected.settings.date_column == 0
    assert detected.settings.date_format == "%d.%m.%Y"
    _source, values = stored(path)
    assert values == expected("kWh", "Wert")


def test_split_range_reads_both_ends_and_refuses_one_time():
    assert split_range("2024-01-01 00:00 to 2024-01-01 00:15") == ("2024-01-01 00:00", "2024-01-01 00:15")
    assert split_range("2024-01-01 00:00 - 2024-01-01 00:15") == ("2024-01-01 00:00", "2024-01-01 00:15")
    assert split_range("2024-01-01 00:15") is None


@pytest.mark.parametrize(
    ("header", "time_is", "offset"),
    [
        ("Start time", PeriodLabel.START, 15),
        ("Interval start", PeriodLabel.START, 15),
        ("Period end", PeriodLabel.END, 0),
        ("Date (end of interval)", PeriodLabel.END, 0),
        ("Ende", PeriodLabel.END, 0),
    ],
)
def test_a_time_column_whose_header_names_its_end(tmp_path, header, time_is, offset):
    """A header that says start or end decides ``time_is``, even against the midnight default."""
    # The rows' times are 00:15, 00:30...: as starts, the first period is 00:15-00:30.
    lines = [f"{header},Energy (Wh)"] + [f"{b:%Y-%m-%d %H:%M},{int(Decimal(v) * 1000)}" for _a, b, v in quarter_rows()]
    path = write(tmp_path, "\n".join(lines) + "\n")
    detected = detect(path)
    assert (detected.settings.time_is, detected.settings.period_seconds) == (time_is, 900)
    _source, values = stored(path)
    assert values == [
        (a, b, "Energy", "Wh", MetricKind.INTERVAL, v * 1000)
        for a, b, _n, _u, _k, v in expected("Wh", "Energy", start_offset=offset)
    ]


@pytest.mark.parametrize(
    ("header", "step"),
    [("kWh", 900), ("usage", 1800), ("Verbrauch (kWh)", 3600), ("Verbruik (kWh)", 86400), ("consumption", 3600)],
)
def test_regular_steps_of_amounts_from_midnight_are_labelled_by_their_start(tmp_path, header, step):
    """Amounts at regular steps whose first time is 00:00: each time starts its period of one step."""
    lines = ["Date," + header] + [
        f"{T0 + timedelta(seconds=step * i):%Y-%m-%d %H:%M},{v}" for i, v in enumerate(AMOUNTS)
    ]
    path = write(tmp_path, "\n".join(lines) + "\n")
    detected = detect(path)
    assert (detected.settings.time_is, detected.settings.period_seconds) == (PeriodLabel.START, step)
    source, values = stored(path)
    assert source.metrics[0].kind is MetricKind.INTERVAL
    assert [(a, b, v) for a, b, _n, _u, _k, v in values] == [
        (T0.replace(tzinfo=UTC) + step * i * SECOND, T0.replace(tzinfo=UTC) + step * (i + 1) * SECOND, Decimal(v))
        for i, v in enumerate(AMOUNTS)
    ]


def test_regular_steps_not_from_midnight_are_labelled_by_their_end(tmp_path):
    """00:15, 00:30...: each time ends its quarter hour (00:15 holds 00:00-00:15)."""
    lines = ["Date,kWh"] + [f"{b:%Y-%m-%d %H:%M},{v}" for _a, b, v in quarter_rows()]
    path = write(tmp_path, "\n".join(lines) + "\n")
    detected = detect(path)
    assert (detected.settings.time_is, detected.settings.period_seconds) == (PeriodLabel.END, 900)
    _source, values = stored(path)
    assert values == expected("kWh", "kWh")


def test_counters_stay_counters_and_states_are_gauges(tmp_path):
    """A total that only grows stays a counter; °C and % are gauges; amounts beside them are amounts."""
    lines = ["Time,Meter reading (kWh),Usage (kWh),Temperature (°C),Humidity (%)"]
    lines += [
        f"{T0 + timedelta(hours=i):%Y-%m-%d %H:%M},{1000 + i * 0.5},{v},{20 + i % 3},{50 + i % 2}"
        for i, v in enumerate(AMOUNTS)
    ]
    detected = detect(write(tmp_path, "\n".join(lines) + "\n"))
    assert list(detected.column_kinds.values()) == [
        MetricKind.COUNTER,
        MetricKind.INTERVAL,
        MetricKind.GAUGE,
        MetricKind.GAUGE,
    ]
    rising = ["Date,Total"] + [f"{T0 + timedelta(hours=i):%Y-%m-%d %H:%M},{1000 + i}" for i in range(8)]
    assert list(detect(write(tmp_path, "\n".join(rising) + "\n", "c.csv")).column_kinds.values()) == [
        MetricKind.COUNTER
    ]


def test_irregular_hand_kept_readings_stay_counters(tmp_path):
    """A hand-kept sheet (irregular dates, a total that grows) keeps its counters and no period settings."""
    detected = detect(
        write(tmp_path, "Date,Water\n2024-01-03,100.5\n2024-01-19,103.25\n2024-02-07,110\n2024-03-01,111\n")
    )
    assert detected.column_kinds == {1: MetricKind.COUNTER}
    assert (detected.settings.time_is, detected.settings.period_seconds) == (PeriodLabel.END, None)


def test_default_time_is_starts_at_midnight():
    assert default_time_is([datetime(2024, 1, 1)], 900) is PeriodLabel.START
    assert default_time_is([datetime(2024, 1, 1, 0, 15)], 900) is PeriodLabel.END
    assert default_time_is([datetime(2024, 1, 1)], None) is PeriodLabel.END


@settings(max_examples=200, deadline=None)
@given(
    step=st.sampled_from(REGULAR_STEPS),
    count=st.integers(min_value=4, max_value=60),
    start_minutes=st.integers(min_value=0, max_value=60 * 24 * 365),
    shuffle=st.randoms(use_true_random=False),
    repeats=st.integers(min_value=1, max_value=3),
)
def test_regular_step_detection_is_stable(step, count, start_minutes, shuffle, repeats):
    """Regular times give their step whatever their order, start, length or repetition (a long file's
    registers), and one gap does not change it."""
    start = datetime(2020, 1, 1) + timedelta(minutes=start_minutes)
    times = [start + timedelta(seconds=step * i) for i in range(count)] * repeats
    shuffle.shuffle(times)
    assert regular_step(times) == step
    if count >= 10:
        gapped = [t for t in times if t != start + timedelta(seconds=step * (count // 2))]
        assert regular_step(gapped) == step


@settings(max_examples=40, deadline=None)
@given(
    step=st.sampled_from((900, 1800, 3600, 86400)),
    count=st.integers(min_value=6, max_value=40),
    first=st.integers(min_value=0, max_value=95),
    amounts=st.lists(st.integers(min_value=0, max_value=5000), min_size=40, max_size=40),
)
def test_detection_of_regular_amounts_is_stable(tmp_path_factory, step, count, first, amounts):
    """Any file of amounts that rise and fall at a regular step is read as amounts of that step, labelled
    by their start exactly when the first row is at midnight."""
    values = amounts[:count]
    if all(b >= a for a, b in itertools.pairwise(values)):
        values[1], values[0] = 0, 1  # make them fall once: a total that only grows is a counter
    start = T0 + timedelta(minutes=15 * first if step < 86400 else 0)
    lines = ["Time,Energy (Wh)"] + [
        f"{start + timedelta(seconds=step * i):%Y-%m-%d %H:%M},{v}" for i, v in enumerate(values)
    ]
    path = tmp_path_factory.mktemp("p") / "in.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    detected = detect(path)
    assert detected.column_kinds == {1: MetricKind.INTERVAL}
    assert detected.settings.period_seconds == step
    midnight = (start.hour, start.minute) == (0, 0)
    assert detected.settings.time_is is (PeriodLabel.START if midnight else PeriodLabel.END)


def test_home_log_export_start_columns_are_no_row_periods(tmp_path):
    """Home Log's export writes ``X start`` beside an interval metric: that column's own starts, so a counter
    beside it stays a counter and no row-wide period column is made of it."""
    lines = ["timestamp,Meter,Afname,Afname start,note"]
    for i, amount in enumerate(AMOUNTS):
        start = T0 + timedelta(minutes=15 * i)
        end = start + timedelta(minutes=15)
        lines.append(f"{end:%Y-%m-%dT%H:%M:%S}+00:00,{1000 + i},{amount},{start:%Y-%m-%dT%H:%M:%S}+00:00,")
    detected = detect(write(tmp_path, "\n".join(lines) + "\n"))
    assert detected.settings.period_column is None
    assert detected.column_kinds == {1: MetricKind.COUNTER, 2: MetricKind.INTERVAL}


def test_date_with_start_time_and_end_time_columns(tmp_path):
    """A US utility's layout (DATE, START TIME, END TIME of 00:00-00:59): the time column says "start", the
    hour is the step, each usage is the amount of its hour."""
    lines = ["Name,JOHN DOE", "", "TYPE,DATE,START TIME,END TIME,USAGE (kWh),COST,NOTES"]
    lines += [f"Electric usage,2024-01-13,{h:02d}:00,{h:02d}:59,{v},$0.1{h},," for h, v in enumerate(AMOUNTS)]
    path = write(tmp_path, "\n".join(lines) + "\n")
    detected = detect(path)
    assert (detected.settings.time_is, detected.settings.period_seconds) == (PeriodLabel.START, 3600)
    _source, values = stored(path)
    hour = timedelta(hours=1)
    assert values == [
        (
            T0.replace(tzinfo=UTC) + h * hour,
            T0.replace(tzinfo=UTC) + (h + 1) * hour,
            "USAGE",
            "kWh",
            MetricKind.INTERVAL,
            Decimal(v),
        )
        for h, v in enumerate(AMOUNTS)
    ]


def test_redetect_periods_follows_the_time_column_and_replaces_its_notes(tmp_path):
    """Without its Hour column a quarter-hour file has no periods (the dates repeat) and "Grid" is a counter;
    with it again, amounts per 15 minutes from each row's time; the period note is never repeated."""
    from dataclasses import replace

    from homelog_desktop.services.importing.periods import redetect_periods

    rows = "\n".join(f"{T0 + timedelta(minutes=15 * i):%Y-%m-%d,%H:%M},{a}" for i, a in enumerate(AMOUNTS))
    detected = detect(write(tmp_path, "Date,Hour,Grid (kWh)\n" + rows + "\n"))
    without = redetect_periods(detected, replace(detected.settings, time_column=None))
    assert without.column_kinds == {2: MetricKind.COUNTER}
    assert (without.settings.time_is, without.settings.period_seconds) == (PeriodLabel.END, None)
    again = redetect_periods(without, replace(without.settings, time_column=1))
    assert again.column_kinds == {2: MetricKind.INTERVAL}
    assert (again.settings.time_is, again.settings.period_seconds) == (PeriodLabel.START, 900)
    assert again.notes == detected.notes


def test_redetect_periods_keeps_the_users_date_column_as_the_start(tmp_path):
    """From/To with From chosen as the time: From starts each period, To ends it (detection alone takes To)."""
    from dataclasses import replace

    from homelog_desktop.services.importing.periods import redetect_periods

    rows = "\n".join(
        f"{T0 + timedelta(hours=i):%Y-%m-%d %H:%M},{T0 + timedelta(hours=i + 1):%Y-%m-%d %H:%M},{a}"
        for i, a in enumerate(AMOUNTS)
    )
    detected = detect(write(tmp_path, "From,To,Consumption (kWh)\n" + rows + "\n"))
    assert (detected.settings.date_column, detected.settings.period_column) == (1, 0)
    chosen = redetect_periods(detected, replace(detected.settings, date_column=0))
    found = chosen.settings
    assert (found.date_column, found.period_column, found.time_is) == (0, 1, PeriodLabel.START)


def test_zone_to_read_is_the_users_else_the_files():
    """One rule for the CLI and the wizard: the user's zone, else the zone the file states, else the computer's."""
    from homelog_desktop.services.importing import ImportFileError
    from homelog_desktop.services.importing.zones import check_zone, zone_to_read

    assert zone_to_read("Europe/Amsterdam", "UTC") == "Europe/Amsterdam"
    assert zone_to_read(None, "UTC") == "UTC"
    assert zone_to_read(None, None) is None
    assert check_zone("Europe/Amsterdam") == "Europe/Amsterdam"
    with pytest.raises(ImportFileError, match="unknown time zone “Mars/Olympus”"):
        check_zone("Mars/Olympus")
