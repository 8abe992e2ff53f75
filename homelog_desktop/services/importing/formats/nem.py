"""AEMO Meter Data File Format (MDFF): NEM12 interval data and NEM13 accumulated (basic meter) readings.

Layout (AEMO "Meter Data File Format Specification NEM12 & NEM13"): comma-separated records, each
starting with its indicator. 100 header (``100,NEM12,<datetime>,<from>,<to>``); NEM12: 200 NMI data
details (NMI, configuration, register id, NMI suffix, MDM stream id, meter serial, UOM, interval length,
next read date), 300 interval data (date, one value per interval, quality method, reason code,
reason description, update and MSATS load times), 400 interval events (first and last interval, quality
method, reason) that qualify a 300 record whose quality is ``V``, 500 B2B details; NEM13: 250
accumulation records (previous and current register reads with times and quality, quantity, UOM);
550 B2B details; 900 end. Times are market time (AEST, UTC+10, no daylight saving).
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from ....domain.entities import MetricKind
from ....i18n import translate
from .model import FormatError, FormatId, ParsedFile, Series, Skipped, Value
from .text import EMPTY_CELLS
from .units import unit_of

#: NEM market time: Australian Eastern Standard Time all year.
MARKET_TIME = timezone(timedelta(hours=10), "AEST")
_QUALITY_ESTIMATED = frozenset("EFS")  # estimated, final substituted, substituted
_QUALITY_ACTUAL = frozenset("A")


@dataclass
class _Channel:
    series: Series
    minutes: int


@dataclass
class _PendingDay:
    """A 300 record whose values wait for the 400 records that may follow it."""

    channel: _Channel
    line: int
    #: The day's first moment, in epoch seconds.
    day: int
    cells: list[str]
    quality: str
    events: list[tuple[int, int, str, int]] = field(default_factory=list)


def parse_nem(text: str, name: str) -> ParsedFile:
    """Every register of a NEM12 or NEM13 file as series (NEM12: amounts per interval; NEM13: counter reads)."""
    reader = csv.reader(io.StringIO(text))
    result: ParsedFile | None = None
    channels: dict[tuple[str, str], _Channel] = {}
    channel: _Channel | None = None
    pending: _PendingDay | None = None
    ended = False
    for cells in reader:
        line = reader.line_num
        cells = list(map(str.strip, cells))
        if not any(cells):
            continue
        record = cells[0]
        if record != "400" and pending is not None:
            _finish_day(pending, result)
            pending = None
        if ended:
            _skip(result, line, translate("ImportFormats", "a record after the 900 end record"))
            continue
        if record == "100":
            if result is not None:
                _skip(result, line, translate("ImportFormats", "a second 100 header record"))
                continue
            version = cells[1].upper() if len(cells) > 1 else ""
            if version not in ("NEM12", "NEM13"):
                raise FormatError(
                    translate("ImportFormats", "{name}: the 100 header names “{version}”, not NEM12 or NEM13").format(
                        name=name, version=version
                    ),
                    line,
                )
            result = ParsedFile(FormatId(version.lower()))
            if len(cells) > 3:
                result.notes.append(
                    translate("ImportFormats", "file from {sender} to {receiver}").format(
                        sender=cells[3], receiver=cells[4]
                    )
                    if len(cells) > 4
                    else translate("ImportFormats", "file from {sender}").format(sender=cells[3])
                )
            continue
        if result is None:  # no header: the first record tells which of the two it is
            result = ParsedFile(FormatId.NEM13 if record == "250" else FormatId.NEM12)
            result.notes.append(translate("ImportFormats", "the file has no 100 header record"))
        if record == "200":
            channel = _channel_200(cells, line, result, channels)
        elif record == "300":
            if channel is None:
                _skip(
                    result,
                    line,
                    translate("ImportFormats", "a 300 interval record before any 200 NMI record"),
                    invalid=True,
                )
                continue
            pending = _day_300(cells, line, channel, result)
        elif record == "400":
            if pending is None:
                _skip(
                    result,
                    line,
                    translate("ImportFormats", "a 400 interval event without a 300 record with quality V before it"),
                    invalid=True,
                )
                continue
            _event_400(cells, line, pending, result)
        elif record == "250":
            _accumulation_250(cells, line, result, channels)
        elif record in ("500", "550"):
            continue  # B2B details (service orders, transaction codes): no values
        elif record == "900":
            ended = True
        else:
            _skip(result, line, translate("ImportFormats", "unknown record type “{record}”").format(record=record))
    if pending is not None:
        _finish_day(pending, result)
    if result is None:
        raise FormatError(translate("ImportFormats", "{name} holds no NEM12 or NEM13 records").format(name=name))
    if not ended:
        result.notes.append(translate("ImportFormats", "the file has no 900 end record: it may have been cut short"))
    result.series = [s for s in result.series if s.values]
    return result


def _no_previous() -> str:
    return translate("ImportFormats", "no previous register read")


def _no_current() -> str:
    return translate("ImportFormats", "no current register read")


def _skip(result: ParsedFile | None, line: int, reason: str, cell: str = "", *, invalid: bool = False) -> None:
    assert result is not None
    result.skipped.append(Skipped(line, reason, cell, invalid))


def _register_name(nmi: str, suffix: str, register: str) -> str:
    return f"{nmi} {suffix or register}".strip()


def _unit(uom: str) -> tuple[str, bool]:
    unit = unit_of(uom)
    if unit is None:
        return "", True
    return unit.symbol, unit.additive


def _channel_200(
    cells: list[str], line: int, result: ParsedFile, channels: dict[tuple[str, str], _Channel]
) -> _Channel | None:
    cells = cells + [""] * (10 - len(cells))
    nmi, register, suffix, serial, uom, length = cells[1], cells[3], cells[4], cells[6], cells[7], cells[8]
    try:
        minutes = int(length)
    except ValueError:
        _skip(
            result,
            line,
            translate("ImportFormats", "interval length “{length}” is not a number of minutes").format(length=length),
            "IntervalLength",
            invalid=True,
        )
        return None
    if minutes <= 0 or 1440 % minutes:
        _skip(
            result,
            line,
            translate("ImportFormats", "interval length {minutes} does not divide a day").format(minutes=minutes),
            "IntervalLength",
            invalid=True,
        )
        return None
    symbol, additive = _unit(uom)
    if not symbol:
        result.notes.append(
            translate(
                "ImportFormats", "line {line}: unit “{uom}” is not a known unit; values kept without a unit"
            ).format(line=line, uom=uom)
        )
    key = (nmi, suffix or register)
    known = channels.get(key)
    if known is not None and known.series.unit == symbol:
        known.minutes = minutes
        return known
    series = Series(
        _register_name(nmi, suffix, register),
        symbol,
        MetricKind.INTERVAL if additive else MetricKind.GAUGE,
        meter=f"{nmi} (meter {serial})" if serial else nmi,
        file_unit=uom,
    )
    if known is not None:  # same register, another unit: keep both apart
        series.name = f"{series.name} {symbol or uom}"
    result.series.append(series)
    created = _Channel(series, minutes)
    channels[key] = created
    return created


def _day_300(cells: list[str], line: int, channel: _Channel, result: ParsedFile) -> _PendingDay | None:
    count = 1440 // channel.minutes
    if len(cells) < 2 + count + 1:
        _skip(
            result,
            line,
            translate(
                "ImportFormats",
                "the 300 record has {fields} fields after its date;"
                " {count} interval values and a quality method were expected ({minutes}-minute intervals)",
            ).format(fields=max(len(cells) - 2, 0), count=count, minutes=channel.minutes),
            invalid=True,
        )
        return None
    try:
        day = _day(cells[1])
    except ValueError:
        _skip(
            result,
            line,
            translate("ImportFormats", "“{value}” is not an interval date (YYYYMMDD)").format(value=cells[1]),
            "IntervalDate",
            invalid=True,
        )
        return None
    quality = cells[2 + count][:1].upper()
    return _PendingDay(channel, line, int(day.timestamp()), cells[2 : 2 + count], quality)


def _day(text: str) -> datetime:
    """The start of a day written YYYYMMDD, in market time (ValueError if it is none)."""
    if len(text) == 8 and text.isascii() and text.isdigit():  # as strptime reads it, ten times faster
        return datetime(int(text[:4]), int(text[4:6]), int(text[6:]), tzinfo=MARKET_TIME)
    return datetime.strptime(text, "%Y%m%d").replace(tzinfo=MARKET_TIME)


def _event_400(cells: list[str], line: int, pending: _PendingDay, result: ParsedFile) -> None:
    cells = cells + [""] * (6 - len(cells))
    try:
        first, last = int(cells[1]), int(cells[2])
    except ValueError:
        _skip(
            result,
            line,
            translate("ImportFormats", "the 400 record's first or last interval is not a number"),
            invalid=True,
        )
        return
    if not 1 <= first <= last <= len(pending.cells):
        _skip(
            result,
            line,
            translate("ImportFormats", "the 400 record's intervals {first}–{last} are outside 1–{count}").format(
                first=first, last=last, count=len(pending.cells)
            ),
            invalid=True,
        )
        return
    pending.events.append((first, last, cells[3][:1].upper(), line))


def _finish_day(pending: _PendingDay, result: ParsedFile | None) -> None:
    """Add a day's values to its series, as columns (a day of one quality, the usual case, at C speed)."""
    assert result is not None  # a 300 record is only read after the file's first record
    cells = pending.cells
    count = len(cells)
    step = pending.channel.minutes * 60
    day = pending.day
    values = pending.channel.series.values
    quality = pending.quality
    if quality not in ("V", "N", ""):
        try:
            amounts = list(map(float, cells))
        except ValueError:
            amounts = []
        if amounts and _finite(amounts):
            ends = range(day + step, day + (count + 1) * step, step)
            estimated = quality in _QUALITY_ESTIMATED
            values.extend_epochs(
                range(day, day + count * step, step),
                ends,
                amounts,
                [estimated] * count,
                [pending.line] * count,
                MARKET_TIME,
            )
            return
    qualities = [quality] * count
    if quality == "V":
        qualities = [""] * count
        for first, last, event, _line in pending.events:
            for index in range(first - 1, last):
                qualities[index] = event
    starts: list[int | None] = []
    taken: list[float] = []
    flags: list[bool] = []
    for index, (cell, one) in enumerate(zip(cells, qualities, strict=True)):
        where = f"interval {index + 1}"
        if one == "N":
            _skip(
                result,
                pending.line,
                translate("ImportFormats", "null data (quality N): the meter has no value for this interval"),
                where,
            )
            continue
        if one == "":
            _skip(
                result,
                pending.line,
                translate("ImportFormats", "quality V but no 400 record covers this interval"),
                where,
            )
            continue
        try:
            value = float(cell)
        except ValueError:
            _skip(
                result,
                pending.line,
                translate("ImportFormats", "“{cell}” is not a number").format(cell=cell),
                where,
                invalid=cell.lower() not in EMPTY_CELLS,
            )
            continue
        if not math.isfinite(value):
            _skip(
                result,
                pending.line,
                translate("ImportFormats", "“{cell}” is not a finite number").format(cell=cell),
                where,
                invalid=value == value,
            )
            continue
        starts.append(day + index * step)
        taken.append(value)
        flags.append(one in _QUALITY_ESTIMATED)
    values.extend_epochs(
        starts, [s + step for s in starts if s is not None], taken, flags, [pending.line] * len(taken), MARKET_TIME
    )


def _finite(amounts: list[float]) -> bool:
    """Whether every amount is a finite number (False may be wrong for huge ones: they are then looked at
    one by one)."""
    try:
        return math.isfinite(math.fsum(amounts))
    except (OverflowError, ValueError):  # huge values; inf and -inf
        return False


def _accumulation_250(
    cells: list[str], line: int, result: ParsedFile, channels: dict[tuple[str, str], _Channel]
) -> None:
    cells = cells + [""] * (23 - len(cells))
    nmi, register, suffix, serial = cells[1], cells[3], cells[4], cells[6]
    uom = cells[19]
    key = (nmi, suffix or register)
    channel = channels.get(key)
    if channel is None:
        symbol, _additive = _unit(uom)
        series = Series(
            _register_name(nmi, suffix, register),
            symbol,
            MetricKind.COUNTER,
            meter=f"{nmi} (meter {serial})" if serial else nmi,
            file_unit=uom,
        )
        result.series.append(series)
        channel = _Channel(series, 0)
        channels[key] = channel
    values = channel.series.values
    reads = (("previous", cells[8], cells[9], cells[10]), ("current", cells[13], cells[14], cells[15]))
    taken: list[float] = []
    for which, read, when, quality in reads:
        field_name = f"{which.capitalize()}RegisterRead"
        if not read:
            _skip(result, line, (_no_previous if which == "previous" else _no_current)(), field_name)
            continue
        try:
            value = float(read)
            at = datetime.strptime(when, "%Y%m%d%H%M%S").replace(tzinfo=MARKET_TIME)
        except ValueError:
            _skip(
                result,
                line,
                (
                    translate("ImportFormats", "the previous read “{read}” at “{when}” is not a number and a time")
                    if which == "previous"
                    else translate("ImportFormats", "the current read “{read}” at “{when}” is not a number and a time")
                ).format(read=read, when=when),
                field_name,
                invalid=True,
            )
            continue
        taken.append(value)
        if values and values[-1].end == at and values[-1].value == value:
            continue  # the previous read repeats the last record's current read
        values.append(Value(None, at, value, quality[:1].upper() in _QUALITY_ESTIMATED, line))
    if len(taken) == 2 and cells[18]:
        try:
            quantity = float(cells[18])
        except ValueError:
            return
        if abs((taken[1] - taken[0]) - quantity) > 1e-6 * max(1.0, abs(quantity)):
            result.notes.append(
                translate(
                    "ImportFormats",
                    "line {line}: quantity {quantity} differs from the reads' difference {difference}"
                    " (a meter multiplier or a rollover)",
                ).format(line=line, quantity=cells[18], difference=f"{taken[1] - taken[0]:g}")
            )
