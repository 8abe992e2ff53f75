"""The two CSV exports of home-automation programs: Home Assistant long-term statistics and DSMR-reader.

Home Assistant (the statistics of the recorder, as exported by the statistics import/export tools and
the recorder's ``statistics`` table): one row per statistic and hour, ``statistic_id`` (or
``entity_id``), ``start`` (the hour's start; or the recorder's ``start_ts``, seconds since 1970
UTC), ``unit`` (or ``unit_of_measurement``), and either ``state``/``sum`` (a meter: the reading and
the running total at the END of the hour) or ``mean``/``min``/``max`` (a measurement over the hour).
A meter becomes a counter from ``state`` (the meter's own register), or from ``sum`` when the file
has no ``state``; a measurement becomes gauges over the hour (mean, and min/max as their own series).
Short-term statistics (every 5 minutes) get 5-minute periods: a statistic's period is the smallest
step between its starts when that is under an hour.

DSMR-reader (the Dutch smart meter logger; its day and hour statistics exported as CSV): ``day``
or ``hour_start``, then amounts over that day or hour: ``electricity1``/``electricity2`` (kWh taken
at tariff 1 and 2), ``electricity1_returned``/``electricity2_returned`` (kWh delivered back), ``gas``
(m³); costs and the day's temperatures are not meter values and are left out (named in the notes).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from itertools import pairwise

from ....domain.entities import MetricKind
from ....i18n import translate
from .model import FormatError, FormatId, ParsedFile, Series, Skipped, Value, Values
from .text import header_delimiter, parse_number, parse_time
from .units import unit_of

HA_ID_COLUMNS = ("statistic_id", "entity_id")
HA_VALUE_COLUMNS = ("state", "sum", "mean", "min", "max")
DSMR_AMOUNTS: dict[str, tuple[str, str]] = {
    "electricity1": ("Electricity tariff 1", "kWh"),
    "electricity2": ("Electricity tariff 2", "kWh"),
    "electricity1_returned": ("Electricity returned tariff 1", "kWh"),
    "electricity2_returned": ("Electricity returned tariff 2", "kWh"),
    "gas": ("Gas", "m³"),
}
DSMR_TIME_COLUMNS = ("day", "hour_start")


def _rows(text: str) -> Iterator[tuple[int, list[str]]]:
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    reader = csv.reader(io.StringIO(text), delimiter=header_delimiter(first))
    for cells in reader:
        if any(c.strip() for c in cells):
            yield reader.line_num, [c.strip() for c in cells]


def header_names(cells: list[str]) -> list[str]:
    """Header cells as keys: lower case, BOM, quotes and surrounding blanks removed."""
    return [c.strip().strip("\ufeff").strip('"').strip().lower() for c in cells]


def parse_home_assistant(text: str, name: str) -> ParsedFile:
    """Home Assistant long-term statistics: counters from ``state`` (or ``sum``), gauges from ``mean``/``min``/``max``.

    See the module docstring for the columns.
    """
    result = ParsedFile(FormatId.HOME_ASSISTANT)
    rows = _rows(text)
    header_line, header = next(rows, (0, []))
    columns = {key: index for index, key in enumerate(header_names(header))}
    id_column = next((columns[c] for c in HA_ID_COLUMNS if c in columns), None)
    start_key = "start" if "start" in columns else "start_ts"
    if id_column is None or start_key not in columns:
        raise FormatError(
            translate("ImportFormats", "{name}: the header has no statistic_id/entity_id or start column").format(
                name=name
            ),
            header_line or 1,
        )
    unit_column = columns.get("unit", columns.get("unit_of_measurement"))
    start_column = columns[start_key]
    present = [c for c in HA_VALUE_COLUMNS if c in columns]
    series: dict[tuple[str, str], Series] = {}
    hour = timedelta(hours=1)
    for line, cells in rows:
        cells = cells + [""] * (len(header) - len(cells))
        statistic = cells[id_column]
        if not statistic:
            result.skipped.append(Skipped(line, translate("ImportFormats", "no statistic id")))
            continue
        try:
            start = _epoch(cells[start_column]) if start_key == "start_ts" else parse_time(cells[start_column])
        except ValueError as exc:
            result.skipped.append(Skipped(line, str(exc), start_key, invalid=True))
            continue
        file_unit = cells[unit_column] if unit_column is not None else ""
        taken = refused = 0
        for column in present:
            cell = cells[columns[column]]
            try:
                number = parse_number(cell)
            except ValueError:
                result.skipped.append(
                    Skipped(
                        line,
                        translate("ImportFormats", "“{cell}” is not a number").format(cell=cell),
                        column,
                        invalid=True,
                    )
                )
                refused += 1
                continue
            if number is None:
                continue
            target = series.get((statistic, column))
            if target is None:
                target = _ha_series(statistic, column, file_unit, line, result)
                series[statistic, column] = target
            if column in ("state", "sum"):  # the value at the end of the hour
                target.values.append(Value(None, start + hour, number, False, line))
            else:
                target.values.append(Value(start, start + hour, number, False, line))
            taken += 1
        if not taken and not refused:
            result.skipped.append(
                Skipped(line, translate("ImportFormats", "the row has no state, sum, mean, min or max value"))
            )
    for (statistic, column), state in series.items():
        total = series.get((statistic, "sum"))
        if column != "state" or total is None:
            continue
        # The meter's own register is taken; sum counts the same from another zero and is never mixed in.
        state_lines = {v.line for v in state.values}
        for value in total.values:
            if value.line not in state_lines:
                result.skipped.append(
                    Skipped(
                        value.line, "no state value (sum is counted from another zero and is not mixed in)", "state"
                    )
                )
        total.values.clear()
    result.series = [s for s in series.values() if s.values]
    _short_term_periods(result)
    result.skipped.sort(key=lambda s: s.line)
    return result


def _short_term_periods(result: ParsedFile) -> None:
    """Give the statistics whose starts are closer than an hour (HA's 5-minute short-term statistics)
    periods of that step instead of an hour."""
    hour = timedelta(hours=1)
    starts: dict[str, set[datetime]] = {}
    for series in result.series:
        found = starts.setdefault(series.meter, set())
        found.update(v.start if v.start is not None else v.end - hour for v in series.values)
    steps: dict[str, timedelta] = {}
    for meter, found in starts.items():
        try:
            ordered = sorted(found)
        except TypeError:  # times with and without an offset: no step to find
            continue
        gaps = [b - a for a, b in pairwise(ordered) if b > a]
        if gaps and min(gaps) < hour:
            steps[meter] = min(gaps)
            result.notes.append(
                translate("ImportFormats", "{meter}: statistics every {value} minutes (short-term)").format(
                    meter=meter, value=f"{min(gaps).total_seconds() / 60:g}"
                )
            )
    for series in result.series:
        step = steps.get(series.meter)
        if step is None:
            continue
        series.values = Values(
            replace(v, end=v.end - hour + step) if v.start is None else replace(v, end=v.start + step)
            for v in series.values
        )


def _epoch(text: str) -> datetime:
    """The recorder's ``start_ts``: seconds since 1970 UTC."""
    try:
        return datetime.fromtimestamp(float(text), UTC)
    except (ValueError, OverflowError, OSError):
        raise ValueError(
            translate("ImportFormats", "“{text}” is not a time in seconds since 1970").format(text=text.strip())
        ) from None


def _ha_series(statistic: str, column: str, file_unit: str, line: int, result: ParsedFile) -> Series:
    unit = unit_of(file_unit) if file_unit else None
    if file_unit and unit is None:
        result.notes.append(
            translate("ImportFormats", "line {line}: unit “{file_unit}” of {statistic} is not a known unit").format(
                line=line, file_unit=file_unit, statistic=statistic
            )
        )
    symbol = unit.symbol if unit is not None else ""
    if column in ("state", "sum"):
        return Series(statistic, symbol, MetricKind.COUNTER, meter=statistic, file_unit=file_unit)
    label = statistic if column == "mean" else f"{statistic} ({column})"
    return Series(label, symbol, MetricKind.GAUGE, meter=statistic, file_unit=file_unit)


def parse_dsmr_reader(text: str, name: str) -> ParsedFile:
    """DSMR-reader day or hour statistics: amounts per day or hour for each tariff, returned energy and gas."""
    result = ParsedFile(FormatId.DSMR_READER)
    rows = _rows(text)
    header_line, header = next(rows, (0, []))
    keys = header_names(header)
    columns = {key: index for index, key in enumerate(keys)}
    time_key = next((c for c in DSMR_TIME_COLUMNS if c in columns), None)
    if time_key is None:
        raise FormatError(
            translate("ImportFormats", "{name}: the header has no day or hour_start column").format(name=name),
            header_line or 1,
        )
    amounts = [c for c in DSMR_AMOUNTS if c in columns]
    left_out = [k for k in keys if k and k not in amounts and k not in (time_key, "id")]
    if left_out:
        result.notes.append(
            translate("ImportFormats", "not meter values, left out: {names}").format(names=", ".join(left_out))
        )
    step = timedelta(days=1) if time_key == "day" else timedelta(hours=1)
    series = {
        key: Series(DSMR_AMOUNTS[key][0], DSMR_AMOUNTS[key][1], MetricKind.INTERVAL, file_unit=key) for key in amounts
    }
    result.series.extend(series.values())
    for line, cells in rows:
        cells = cells + [""] * (len(header) - len(cells))
        try:
            start = parse_time(cells[columns[time_key]])
        except ValueError as exc:
            result.skipped.append(Skipped(line, str(exc), time_key, invalid=True))
            continue
        if time_key == "day" and (start.hour or start.minute):
            start = start.replace(hour=0, minute=0, second=0)
        end = _after(start, step)
        for key in amounts:
            cell = cells[columns[key]]
            try:
                number = parse_number(cell)
            except ValueError:
                result.skipped.append(
                    Skipped(
                        line,
                        translate("ImportFormats", "“{cell}” is not a number").format(cell=cell),
                        key,
                        invalid=True,
                    )
                )
                continue
            if number is None:
                result.skipped.append(Skipped(line, translate("ImportFormats", "no value"), key))
                continue
            series[key].values.append(Value(start, end, number, False, line))
    result.series = [s for s in result.series if s.values]
    return result


def _after(start: datetime, step: timedelta) -> datetime:
    """The end of a day or hour that starts at ``start`` (a local day is a calendar day, 23 or 25 hours too)."""
    if step == timedelta(days=1):
        day = (start.date() + step).isoformat()
        return datetime.fromisoformat(day).replace(tzinfo=start.tzinfo)
    return start + step
