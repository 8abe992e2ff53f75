"""Cells to stored values: timestamps to UTC epoch seconds, numbers to checked floats (fast paths first).

Everything here is pure and runs in a worker thread; a million rows go through it, so the common
shapes ("2024-01-05T10:00:00+01:00", "12345.6") take a compiled regex or a C parser and the general,
slower path is kept for the rest and for the messages.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta, tzinfo
from decimal import Decimal, InvalidOperation

from ...domain.entities import MAX_DECIMALS, Metric, MetricKind
from ...domain.errors import ValidationError
from ...domain.validation import MAX_SIGNIFICANT_DIGITS, check_value
from ...i18n import QT_TRANSLATE_NOOP, translate
from .model import EXCEL_FORMAT, ISO_FORMAT

#: Readings outside these years are refused (a typo, or not a date at all).
MIN_YEAR, MAX_YEAR = 1900, 2200
#: Cells that exports write for "no value": read as empty (a missing value, never zero). NaN is not
#: one of them: it is refused, since it may hide a broken formula.
MISSING = frozenset({"-", "–", "—", "n/a", "na", "#n/a", "null", "none", "--"})
#: Digit grouping that is always accepted (spaces, no-break spaces, apostrophes).
_GROUPING = re.compile(r"[ \u00a0\u202f']")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_EXCEL_EPOCH = datetime(1899, 12, 30)
#: A time of day after a date, or alone in its own column: 10:30, 10:30:15.5, 9.30, 10:30 PM, with an
#: optional offset (Z, +01:00, +0100).
_TIME = r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,]\d{1,6})?)?\s*([AaPp]\.?[Mm]\.?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?"
_TIME_ONLY = re.compile(r"\s*" + _TIME + r"\s*")
_DATE_CODES = {"%d": r"(?P<d>\d{1,2})", "%m": r"(?P<m>\d{1,2})", "%Y": r"(?P<Y>\d{4})", "%y": r"(?P<y>\d{2})"}


#: A leap second (23:59:60) is a real time, but not one a computer clock (or Python) can hold.
_LEAP_SECOND = QT_TRANSLATE_NOOP(
    "ImportConvert", "{time} is a leap second, which cannot be stored: write the second before it (:59) instead"
)
_ISO_LEAP = re.compile(r"\s*\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:60(?:[.,]\d+)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?\s*")


class CellError(ValueError):
    """A cell that cannot be stored; the message says why (without the column, which the caller knows).

    ``of_time``: the time of day is wrong (a row's separate time column is then the one to blame).
    """

    def __init__(self, message: str, *, of_time: bool = False) -> None:
        super().__init__(message)
        self.of_time = of_time


# -- timestamps ---------------------------------------------------------------------------------


def local_zone(name: str | None) -> tzinfo | None:
    """The zone naive timestamps are in: ``name`` (IANA), or None for the computer's local time."""
    if not name:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise CellError(translate("ImportConvert", "unknown time zone “{name}”").format(name=name)) from exc


def _epoch(moment: datetime, zone: tzinfo | None) -> int:
    """An aware time, or a naive one in ``zone`` taken as it is (fold 0), to UTC epoch seconds."""
    if moment.tzinfo is None:
        if not MIN_YEAR <= moment.year <= MAX_YEAR:
            raise CellError(_outside_years(moment.year))
        if zone is not None:
            moment = moment.replace(tzinfo=zone)
    elif not MIN_YEAR <= moment.year <= MAX_YEAR:
        raise CellError(_outside_years(moment.year))
    try:
        return int(moment.timestamp())
    except (OverflowError, OSError, ValueError) as exc:
        raise CellError(
            translate("ImportConvert", "{time} is not a time that can be stored").format(time=moment)
        ) from exc


def _outside_years(year: int) -> str:
    return translate("ImportConvert", "the year {year} is outside {first}–{last}").format(
        year=year, first=MIN_YEAR, last=MAX_YEAR
    )


class LocalTimes:
    """Naive local times of one file to UTC, with the daylight-saving changes resolved, never guessed.

    - A time in the spring-forward gap (02:30 on 2024-03-31 in Europe/Berlin) never happened on
      that clock: it is a CellError naming it (the row is refused, or skipped and listed).
    - A time in the repeated autumn hour happened twice: it is resolved by the order of the file.
      The first occurrence is before the change (fold 0); once the times of that night go back
      (a time at or before the last one seen in the repeated hour), they are after it (fold 1).

    One instance per import: it remembers the repeated hours it has seen, in file order, for each
    series apart (``key``: a long file's register, whose rows repeat every time once per register).
    """

    def __init__(self, zone: tzinfo | None) -> None:
        self.zone = zone
        #: (local date of a repeated hour, series) -> (last time seen in it, whether the clock went back).
        self._repeated: dict[object, tuple[datetime, bool]] = {}

    def epoch(self, moment: datetime, key: str = "") -> int:
        if moment.tzinfo is not None:
            return _epoch(moment, None)
        first = _epoch(moment.replace(fold=0), self.zone)
        second = _epoch(moment.replace(fold=1), self.zone)
        if first == second:
            return first
        if self._wall(first) != moment.replace(microsecond=0) and self._wall(second) != moment.replace(microsecond=0):
            raise CellError(
                translate(
                    "ImportConvert",
                    "{time} does not exist in {zone}: the clocks went forward that night (give the time with its"
                    " UTC offset, or fix it)",
                ).format(time=f"{moment:%Y-%m-%d %H:%M}", zone=self.zone_name)
            )
        day = (moment.date(), key)
        seen = self._repeated.get(day)
        back = seen is not None and (seen[1] or moment <= seen[0])
        self._repeated[day] = (moment, back)
        return second if back else first

    @property
    def zone_name(self) -> str:
        return str(
            getattr(self.zone, "key", None) or self.zone or translate("ImportConvert", "this computer’s time zone")
        )

    def _wall(self, epoch: int) -> datetime:
        if self.zone is None:
            return datetime.fromtimestamp(epoch)
        return datetime.fromtimestamp(epoch, self.zone).replace(tzinfo=None)


def _offset(text: str | None) -> tzinfo | None:
    if not text:
        return None
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 23 or minutes > 59:
        raise CellError(translate("ImportConvert", "“{text}” is not a time zone offset").format(text=text))
    from datetime import timezone

    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _clock(hour: str, minute: str, second: str | None, ampm: str | None) -> tuple[int, int, int]:
    h, m, s = int(hour), int(minute), int(second or 0)
    if ampm:
        if not 1 <= h <= 12:
            raise CellError(
                translate("ImportConvert", "{hour} is not an hour of a 12-hour clock").format(hour=h), of_time=True
            )
        pm = ampm[0] in "Pp"
        h = (h % 12) + (12 if pm else 0)
    if h > 23 or m > 59 or s > 59:
        if s == 60 and h <= 23 and m <= 59:
            raise CellError(translate("ImportConvert", _LEAP_SECOND).format(time=f"{h:02d}:{m:02d}:60"), of_time=True)
        if h == 24 and m == 0 and s == 0:
            raise CellError(
                translate("ImportConvert", "24:00 is not a time of day (write 00:00 of the next day)"), of_time=True
            )
        raise CellError(
            translate("ImportConvert", "{time} is not a time of day").format(time=f"{hour}:{minute}"), of_time=True
        )
    return h, m, s


def parse_time_of_day(text: str) -> tuple[int, int, int, tzinfo | None] | None:
    """A separate time column's cell; None for an empty one (midnight)."""
    cell = text.strip()
    if not cell:
        return None
    found = _TIME_ONLY.fullmatch(cell)
    fraction_like = re.fullmatch(r"0?\.(\d+)", cell)
    if fraction_like is not None and (len(fraction_like[1]) != 2 or int(fraction_like[1]) > 59):
        found = None  # 0.75 is three quarters of a day (Excel), 0.30 is 00:30
    if found is None:
        # Excel stores a time alone as a fraction of a day.
        try:
            fraction = float(cell)
        except ValueError:
            raise CellError(_not_a_time(text), of_time=True) from None
        if not 0 <= fraction < 1:
            raise CellError(_not_a_time(text), of_time=True) from None
        seconds = round(fraction * 86400)
        seconds = min(seconds, 86399)
        return seconds // 3600, seconds // 60 % 60, seconds % 60, None
    h, m, s = _clock(found[1], found[2], found[3], found[4])
    return h, m, s, _offset(found[5])


def _not_a_time(text: str) -> str:
    return translate("ImportConvert", "“{text}” is not a time of day").format(text=text)


def date_pattern(date_format: str) -> re.Pattern[str]:
    """The regex of a strptime-style date format; whatever time follows the date is read generically."""
    fmt = date_format
    cut = min((i for i in (fmt.find("%H"), fmt.find("%I")) if i >= 0), default=-1)
    if cut >= 0:
        fmt = fmt[:cut].rstrip(" T,")
    parts: list[str] = []
    i = 0
    seen: set[str] = set()
    while i < len(fmt):
        if fmt[i] == "%" and i + 1 < len(fmt):
            code = fmt[i : i + 2]
            if code not in _DATE_CODES or code in seen:
                raise CellError(
                    translate("ImportConvert", "“{format}” is not a date format this program reads ({code})").format(
                        format=date_format, code=code
                    )
                )
            seen.add(code)
            parts.append(_DATE_CODES[code])
            i += 2
        else:
            parts.append(re.escape(fmt[i]))
            i += 1
    if not {"%d", "%m"} <= seen or not seen & {"%Y", "%y"}:
        raise CellError(
            translate("ImportConvert", "“{format}” needs a day (%d), a month (%m) and a year (%Y or %y)").format(
                format=date_format
            )
        )
    return re.compile(r"\s*" + "".join(parts) + r"(?:(?:\s*[ T,]\s*|\s+)" + _TIME + r")?\s*")


#: (date cell, time cell or None, series key) -> UTC epoch seconds.
TimestampParser = Callable[[str, str | None, str], int]


def timestamp_parser(date_format: str | None, timezone: str | None) -> TimestampParser:
    """A function (date cell, time cell or None) -> UTC epoch seconds; raises CellError."""
    if date_format is None:
        raise CellError(translate("ImportConvert", "the date format is not chosen yet"))
    zone = local_zone(timezone)
    clock = LocalTimes(zone)

    def with_time(moment: datetime, time_text: str | None) -> datetime:
        if time_text is None:
            return moment
        clock = parse_time_of_day(time_text)
        if clock is None:
            return moment
        h, m, s, tz = clock
        moment = moment.replace(hour=h, minute=m, second=s)
        return moment.replace(tzinfo=tz) if tz is not None else moment

    if date_format == ISO_FORMAT:
        fromiso = datetime.fromisoformat

        def iso(text: str, time_text: str | None, key: str = "") -> int:
            cell = text.strip()
            if len(cell) < 10 or not cell[:4].isdigit() or cell[4] != "-":
                raise CellError(_not_a_date(text, translate("ImportConvert", "an ISO 8601 date such as 2024-01-31")))
            try:
                moment = fromiso(cell)
            except ValueError:
                if _ISO_LEAP.fullmatch(cell):
                    raise CellError(
                        translate("ImportConvert", _LEAP_SECOND).format(time=f"“{cell}”"), of_time=True
                    ) from None
                raise CellError(
                    _not_a_date(text, translate("ImportConvert", "an ISO 8601 date such as 2024-01-31"))
                ) from None
            return clock.epoch(with_time(moment, time_text), key)

        return iso

    if date_format == EXCEL_FORMAT:

        def excel(text: str, time_text: str | None, key: str = "") -> int:
            cell = text.strip()
            try:
                days = float(cell)
            except ValueError:
                raise CellError(
                    _not_a_date(text, translate("ImportConvert", "an Excel day number such as 45292"))
                ) from None
            if not 1 <= days < 2958466:
                raise CellError(_not_a_date(text, translate("ImportConvert", "an Excel day number such as 45292")))
            moment = _EXCEL_EPOCH + timedelta(seconds=round(days * 86400))
            return clock.epoch(with_time(moment, time_text), key)

        return excel

    match = date_pattern(date_format).fullmatch
    example = _example(date_format)

    def pattern(text: str, time_text: str | None, key: str = "") -> int:
        found = match(text)
        if found is None:
            raise CellError(
                _not_a_date(text, translate("ImportConvert", "a date such as {example}").format(example=example))
            )
        groups = found.groupdict()
        year = int(groups["Y"]) if groups.get("Y") else _two_digit_year(int(groups["y"]))
        try:
            moment = datetime(year, int(groups["m"]), int(groups["d"]))
        except ValueError:
            raise CellError(
                translate("ImportConvert", "“{text}” is not a valid date").format(text=text.strip())
            ) from None
        # The optional time: the groups after the named date groups (the _TIME groups), by position.
        tail = found.groups()[-5:]
        if tail[0] is not None:
            h, m, s = _clock(tail[0], tail[1], tail[2], tail[3])
            moment = moment.replace(hour=h, minute=m, second=s, tzinfo=_offset(tail[4]))
        return clock.epoch(with_time(moment, time_text), key)

    return pattern


def _two_digit_year(yy: int) -> int:
    # As strptime: 69-99 are 1969-1999, 00-68 are 2000-2068.
    return 1900 + yy if yy >= 69 else 2000 + yy


def _example(date_format: str) -> str:
    return (
        date_format.replace("%d", "31").replace("%m", "01").replace("%Y", "2024").replace("%y", "24").split("%")[0]
    ).strip()


def _not_a_date(text: str, expected: str) -> str:
    cell = text.strip()
    if not cell:
        return translate("ImportConvert", "the date is empty")
    shown = cell if len(cell) <= 40 else cell[:40] + "…"
    return translate("ImportConvert", "“{text}” is not {expected}").format(text=shown, expected=expected)


# -- numbers ------------------------------------------------------------------------------------


ValueParser = Callable[[str], "tuple[float, int] | None"]


def value_parser(metric: Metric, decimal: str, thousands: str, *, grow: bool = False) -> ValueParser:
    """A function cell -> (value, decimals it needs), None for an empty cell; raises CellError.

    ``grow`` (a metric the import creates): a value may have up to MAX_DECIMALS decimals, more than
    ``metric.decimals``; the metric's decimals grow to the most any value needs.
    """
    allowed = MAX_DECIMALS if grow else metric.decimals
    digits = metric.digits if metric.kind is MetricKind.COUNTER else None
    fast = re.compile(r"(-?)(\d{1,12})(?:" + re.escape(decimal) + r"(\d{1,6}))?").fullmatch
    to_float = float
    comma = decimal == ","

    def parse(text: str) -> tuple[float, int] | None:
        found = fast(text)
        if found is not None:
            whole, fraction = found[2], found[3]
            needed = len(fraction.rstrip("0")) if fraction else 0
            int_digits = len(whole.lstrip("0"))
            if (
                needed <= allowed
                and int_digits + (needed if grow else allowed) <= MAX_SIGNIFICANT_DIGITS
                and (digits is None or int_digits <= digits)
            ):
                return to_float(text.replace(",", ".") if comma else text), needed
        if not text or text.isspace() or text.strip().casefold() in MISSING:
            return None
        return _general(text, metric, decimal, thousands, grow)

    return parse


def _general(text: str, metric: Metric, decimal: str, thousands: str, grow: bool) -> tuple[float, int]:
    raw = text.strip()
    shown = raw if len(raw) <= 40 else raw[:40] + "…"
    cleaned = _GROUPING.sub("", raw)
    if thousands in (".", ",") and thousands in cleaned:
        grouped = rf"[+-]?\d{{1,3}}({re.escape(thousands)}\d{{3}})+({re.escape(decimal)}\d*)?"
        if not re.fullmatch(grouped, cleaned):
            raise CellError(_not_a_number(shown))
        cleaned = cleaned.replace(thousands, "")
    other = "." if decimal == "," else ","
    if other in cleaned:
        raise CellError(
            (
                translate(
                    "ImportConvert",
                    "“{text}” has a dot where the file uses a decimal comma (change the decimal separator?)",
                )
                if decimal == ","
                else translate(
                    "ImportConvert",
                    "“{text}” has a comma where the file uses a decimal point (change the decimal separator?)",
                )
            ).format(text=shown)
        )
    if decimal == ",":
        cleaned = cleaned.replace(",", ".")
    if not _NUMBER.fullmatch(cleaned):
        if cleaned.lower().lstrip("+-") in {"nan", "inf", "infinity"}:
            raise CellError(translate("ImportConvert", "“{text}” is not a finite number").format(text=shown))
        raise CellError(_not_a_number(shown))
    try:
        value = Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern guards this
        raise CellError(_not_a_number(shown)) from None
    needed = _decimal_places(value)
    checked = metric
    if grow:
        checked = replace(metric, decimals=min(max(needed, metric.decimals), MAX_DECIMALS))
    try:
        check_value(value, checked)
    except ValidationError as exc:
        raise CellError(exc.message) from None
    return float(value), needed


def _not_a_number(text: str) -> str:
    return translate("ImportConvert", "“{text}” is not a number").format(text=text)


def _decimal_places(value: Decimal) -> int:
    if not value.is_finite() or value.is_zero():
        return 0
    _sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    trailing = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return max(0, -(exponent + trailing))
