"""Finding amounts per period in a detected file: each value column's kind and each row's period.

``with_periods(detected)`` reads the sample ``detect`` kept and fills the period settings of
``ImportSettings`` (``time_is``, ``period_column``, ``period_seconds``: the one period mechanism of
the import) and ``Detected.column_kinds``. What it decides, in order:

1. **Two time columns** (``From``/``To``, ``Start``/``End``, ``Vanaf``/``Tot``, ``Von``/``Bis``,
   ``Begin``/``Einde``, ``Interval start``/``Interval end``): each row is the period [start, end).
   The headers say which is which; without a word, the column whose times come first is the start.
   The end becomes the date column (a reading's time is its period's end), the start the period column.
2. **Both ends in one cell** (``2024-01-01 00:00 to 2024-01-01 00:15``, also `` - `` / `` – ``):
   ``period_column`` is the date column itself (``ImportSettings`` documents it).
3. **One time column whose header says which end it is** (``Start time``, ``Period end``,
   ``Date (end of interval)``): ``time_is`` is that end.
4. **Each value column's kind**: a header or unit of a state (``°C``, ``%``, ``W``, temperature,
   humidity) is a gauge; a header that names a running total (``Meter reading``, ``Zählerstand``,
   ``Meterstand``, ``Total``) or values that never go down (a counter) stay counters; a header that
   names amounts (``usage``, ``consumption``, ``Verbrauch``, ``Verbruik``, ``kWh per 15 min``) or
   values that go down at regular steps (5, 10, 15, 30 minutes, an hour, a day) are amounts per
   period. Periods given by the file (1, 2) make every column that is not clearly a counter or a
   gauge an amount per period.
5. **The default end** when the file does not say it: a row's time is its period's START when the
   first row's time is midnight (00:00, a day's first quarter-hour or the day itself), otherwise its
   END (a meter read at that moment, 00:15 closing the first quarter-hour). The step becomes the
   period's length (``period_seconds``), so the first value has its period and a gap stays a gap.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime

from ...domain.entities import MetricKind
from ...i18n import QT_TRANSLATE_NOOP, translate
from .convert import CellError, timestamp_parser, value_parser
from .formats.units import unit_of
from .mapping import split_unit
from .model import ISO_FORMAT, Detected, ImportSettings, PeriodLabel, start_columns_of

#: Regular steps that make a column of amounts per period (seconds): 5, 10, 15, 30 minutes, an hour, a day.
REGULAR_STEPS = (300, 600, 900, 1800, 3600, 86400)
#: Share of a sample's steps that must be the common one for the times to be "regular".
REGULAR_SHARE = 0.8
#: Fewest values a column needs before its values (not its header) may decide its kind.
MIN_VALUES = 4

_START = re.compile(r"\b(start\w*|begin\w*|from|van|vanaf|von|début|debut|desde|inicio|since)\b", re.I)
_END = re.compile(r"\b(end\w*|einde|eind|ende|to|tot|t/m|bis|until|till|fin|hasta)\b", re.I)
#: Both ends of a period in one cell: a date and time, a separator word or dash between spaces, a date and time.
_RANGE = re.compile(r"^\s*(?P<start>\S.*?)\s+(?:to|tot|bis|until|t/m|-|–|—|~)\s+(?P<end>\S.*?)\s*$", re.I)
_AMOUNT_WORDS = re.compile(
    r"usage|consum|verbrauch|verbruik|afname|injectie|einspeisung|bezug|delivered|received|"
    r"\bper\b|\bpro\b|interval|quarter|kwartier|viertel|amount|menge|hoeveelheid|\bused\b|\buse\b|"
    r"production|productie|erzeugung|yield|ertrag|opbrengst|\bvalue\b|\bwert\b|waarde",
    re.I,
)
_COUNTER_WORDS = re.compile(
    r"reading|stand|index|\btotal|totaal|gesamt|cumul|register|z[aä]hler|meter\b|odometer|\bsum\b|lifetime", re.I
)
_GAUGE_WORDS = re.compile(
    r"temp|humid|feucht|vocht|pressure|druck|druk|level|niveau|pegel|power\b|leistung|vermogen|"
    r"voltage|spannung|spanning|current\b|strom\s*\(a\)|co2|\bsoc\b|charge\b|percent",
    re.I,
)


def with_periods(detected: Detected, *, keep_date: bool = False) -> Detected:
    """``detected`` with the period settings and each numeric column's kind found in its sample
    (``keep_date``: the date column is the user's, never moved onto a period's end)."""
    settings = detected.settings
    if settings.date_column is None:
        return replace(detected, column_kinds=_kinds(detected, None, explicit=False))
    # Dates that may be day-first or month-first: either reading tells the columns and steps apart
    # (the user's choice of format is kept undecided).
    probe = settings.date_format or next(iter(detected.ambiguous_date_formats), None)
    if probe is None:
        return replace(detected, column_kinds=_kinds(detected, None, explicit=False))
    undecided = settings.date_format is None
    result = _with_periods(replace(detected, settings=replace(settings, date_format=probe)), keep_date)
    if undecided:
        result = replace(result, settings=replace(result.settings, date_format=None))
    return result


#: How the notes of period detection begin (detecting again replaces them).
_NOTE_STARTS = ("Amounts per ", "Each row is an amount over its own period", "Each cell of ")


def redetect_periods(detected: Detected, settings: ImportSettings) -> Detected:
    """``with_periods`` again under ``settings``, whose date and time columns the user chose (the wizard's
    first page): the periods' settings, each column's kind and the notes found anew. The user's date
    column stays the date column: beside a second time column it is the period's start or end, as
    the headers or the times say."""
    notes = [n for n in detected.notes if not n.startswith(_NOTE_STARTS)]
    base = replace(settings, time_is=PeriodLabel.END, period_column=None, period_seconds=None)
    return with_periods(replace(detected, settings=base, notes=notes), keep_date=True)


def _with_periods(detected: Detected, keep_date: bool = False) -> Detected:
    settings = detected.settings
    if settings.day_columns:
        # Day rows: their amounts are labelled by the start of their period already (``dayrows``).
        kinds = {
            c: MetricKind.GAUGE if _is_gauge(detected, c) else MetricKind.COUNTER for c in detected.numeric_columns
        }
        kinds[settings.day_base + 1] = MetricKind.INTERVAL
        return replace(detected, column_kinds=kinds)
    notes = list(detected.notes)
    found = _two_columns(detected, keep_date) or _one_cell(detected)
    if found is not None:
        settings, note = found
        notes.append(note)
        detected = replace(detected, settings=settings, notes=notes)
        kinds = _kinds(detected, None, explicit=True)
        return replace(detected, column_kinds=kinds)
    times = _times(detected, settings)
    step = regular_step(times)
    kinds = _kinds(detected, step, explicit=False)
    said = _stated_end(detected.columns[settings.date_column]) if settings.date_column is not None else None
    if settings.time_column is not None and said is None:
        said = _stated_end(detected.columns[settings.time_column])
    if MetricKind.INTERVAL not in kinds.values():
        return replace(detected, column_kinds=kinds)  # counters and gauges have no periods
    if step is None:
        # Amounts at irregular times: each runs since the previous value (or as the header says).
        if said is not None:
            settings = replace(settings, time_is=said)
        return replace(detected, settings=settings, column_kinds=kinds)
    time_is = said if said is not None else default_time_is(times, step)
    settings = replace(settings, time_is=time_is, period_seconds=step)
    amounts = [detected.columns[c] for c, k in kinds.items() if k is MetricKind.INTERVAL]
    template = _AMOUNTS_NOTES[time_is, said is not None]
    notes.append(translate("ImportDetect", template).format(step=_step_text(step), names=_listed(amounts)))
    return replace(detected, settings=settings, column_kinds=kinds, notes=notes)


def regular_step(times: list[datetime]) -> int | None:
    """The step of regular times (seconds, one of ``REGULAR_STEPS``), or None when they are not regular.

    Repeated times (a long file's registers) count once; at least ``REGULAR_SHARE`` of the steps
    between the distinct times must be the most common one (a gap or a daylight-saving change is
    allowed); a whole day counts as 23 to 25 hours.
    """
    distinct = sorted(set(times))
    if len(distinct) < 3:
        return None
    steps = [round((b - a).total_seconds()) for a, b in itertools.pairwise(distinct)]
    steps = [86400 if 82800 <= s <= 90000 and s % 3600 == 0 else s for s in steps]
    common, count = Counter(steps).most_common(1)[0]
    if common not in REGULAR_STEPS or count < REGULAR_SHARE * len(steps):
        return None
    return common


def default_time_is(times: list[datetime], step: int | None) -> PeriodLabel:
    """START when the first time is midnight (it opens the day's first period), END otherwise."""
    first = min(times) if times else None
    if first is None or step is None:
        return PeriodLabel.END
    return PeriodLabel.START if (first.hour, first.minute, first.second) == (0, 0, 0) else PeriodLabel.END


def split_range(cell: str) -> tuple[str, str] | None:
    """``"2024-01-01 00:00 to 2024-01-01 00:15"`` → (start, end) texts; None for a cell of one time."""
    found = _RANGE.match(cell)
    if found is None:
        return None
    start, end = found["start"], found["end"]
    if not re.search(r"\d", start) or not re.search(r"\d", end):
        return None
    return start, end


# -- the ends of each period ------------------------------------------------------------------


def _stated_end(header: str) -> PeriodLabel | None:
    """Which end of the period a time column's header names (``Start time``, ``Period end``), if any."""
    start, end = _START.search(header) is not None, _END.search(header) is not None
    if start and not end:
        return PeriodLabel.START
    if end and not start:
        return PeriodLabel.END
    return None


def _two_columns(detected: Detected, keep_date: bool = False) -> tuple[ImportSettings, str] | None:
    """A second column of date-times beside the date column: the settings of periods [start, end)
    (``keep_date``: the date column stays, as the start or the end; else the end becomes it)."""
    settings = detected.settings
    date = settings.date_column
    assert date is not None
    if settings.time_column is not None or settings.register_column is not None or settings.blocks:
        return None
    parse = _parser(settings)
    rows = detected.sample_rows
    first = _column_times(rows, date, parse)
    if first is None:
        return None
    # Home Log's own export writes ``X start`` beside an interval metric ``X``: the starts of that column
    # alone (``start_columns``), not of every row.
    own_starts = {start for _value, start in start_columns_of(detected.columns)}
    for other in range(len(detected.columns)):
        if other in (date, settings.zone_column, settings.unit_column) or other in detected.numeric_columns:
            continue
        if other in own_starts:
            continue
        second = _column_times(rows, other, parse)
        if second is None:
            continue
        pairs = [(a, b) for a, b in zip(first, second, strict=True) if a is not None and b is not None]
        if len(pairs) < max(1, len([a for a in first if a is not None]) // 2) or any(a == b for a, b in pairs):
            continue
        said_date = _stated_end(detected.columns[date])
        said_other = _stated_end(detected.columns[other])
        if said_date is PeriodLabel.END or said_other is PeriodLabel.START:
            end, start = date, other
        elif said_date is PeriodLabel.START or said_other is PeriodLabel.END:
            start, end = date, other
        else:  # no word: the earlier times are the starts
            start, end = (date, other) if all(a < b for a, b in pairs) else (other, date)
        names = detected.columns[start], detected.columns[end]
        note = translate(
            "ImportDetect", "Each row is an amount over its own period, from “{start}” to “{end}”."
        ).format(start=names[0], end=names[1])
        if keep_date and start == date:
            periods = replace(settings, time_is=PeriodLabel.START, period_column=end, period_seconds=None)
            return periods, note
        periods = replace(settings, date_column=end, time_is=PeriodLabel.END, period_column=start, period_seconds=None)
        return periods, note
    return None


def _one_cell(detected: Detected) -> tuple[ImportSettings, str] | None:
    """A date column whose cells hold both ends (``start to end``): the settings that read them so."""
    settings = detected.settings
    date = settings.date_column
    assert date is not None
    if settings.time_column is not None:
        return None
    cells = [row[date] for row in detected.sample_rows if date < len(row) and row[date].strip()]
    halves = [split_range(c) for c in cells]
    if not cells or any(h is None for h in halves):
        return None
    from .detect import _find_date_column

    ends = [[h[1]] for h in halves if h is not None]
    found, date_format, ambiguous = _find_date_column(["end"], ends)
    if found is None:
        return None
    periods = replace(
        settings,
        date_format=None if ambiguous else date_format,
        time_is=PeriodLabel.END,
        period_column=date,
        period_seconds=None,
    )
    note = translate(
        "ImportDetect", "Each cell of “{name}” holds a period (start to end): each row is an amount over it."
    ).format(name=detected.columns[date])
    return periods, note


def _parser(settings: ImportSettings):  # type: ignore[no-untyped-def]
    try:
        return timestamp_parser(settings.date_format, settings.timezone)
    except CellError:
        return None


def _column_times(rows: list[list[str]], column: int, parse) -> list[datetime | None] | None:  # type: ignore[no-untyped-def]
    """The column's cells as date-times (None for an empty one), or None when most are no date-times."""
    if parse is None:
        return None
    result: list[datetime | None] = []
    good = bad = 0
    for row in rows:
        cell = row[column].strip() if column < len(row) else ""
        if not cell:
            result.append(None)
            continue
        try:
            result.append(datetime.fromtimestamp(parse(cell, None, "")))
            good += 1
        except (CellError, ValueError, OverflowError, OSError):
            result.append(None)
            bad += 1
    return result if good >= 2 and bad * 5 <= good else None


def _times(detected: Detected, settings: ImportSettings) -> list[datetime]:
    """The sample rows' times as the file writes them (its own wall clock, for "is it midnight")."""
    date, time = settings.date_column, settings.time_column
    assert date is not None
    try:
        parse = timestamp_parser(settings.date_format, "UTC")
    except CellError:
        return []
    times: list[datetime] = []
    for row in detected.sample_rows:
        if date >= len(row) or not row[date].strip():
            continue
        time_text = row[time] if time is not None and time < len(row) else None
        moment: datetime | None = None
        if settings.date_format == ISO_FORMAT and time_text is None:
            try:
                moment = datetime.fromisoformat(row[date].strip()).replace(tzinfo=None)
            except ValueError:
                moment = None
        if moment is None:
            try:
                moment = datetime.fromtimestamp(parse(row[date], time_text, ""), UTC).replace(tzinfo=None)
            except (CellError, ValueError, OverflowError, OSError):
                continue
        times.append(moment)
    return times


# -- each column's kind -------------------------------------------------------------------------


def _kinds(detected: Detected, step: int | None, *, explicit: bool) -> dict[int, MetricKind]:
    """Each numeric column's kind (see the module's docstring, point 4)."""
    settings = detected.settings
    skip = {settings.date_column, settings.time_column, settings.period_column}
    kinds: dict[int, MetricKind] = {}
    for column in detected.numeric_columns:
        if column in skip:
            continue
        kinds[column] = _kind(detected, column, step, explicit)
    return kinds


def _kind(detected: Detected, column: int, step: int | None, explicit: bool) -> MetricKind:
    header = detected.columns[column]
    if _is_gauge(detected, column):
        return MetricKind.GAUGE
    name, _unit = split_unit(header)
    amount_words = _AMOUNT_WORDS.search(name) is not None
    if _COUNTER_WORDS.search(name) and not amount_words:
        return MetricKind.COUNTER
    if explicit:
        return MetricKind.INTERVAL  # the file gives each row's period: its values are amounts over them
    if detected.settings.blocks:
        # A file of several blocks mixes the blocks' columns in its sample, and a reading's time is
        # shared by its blocks' counters: its columns stay counters unless the user says otherwise.
        return MetricKind.COUNTER
    values = _values(detected, column)
    falls = any(b < a for a, b in itertools.pairwise(values))
    grows = len(values) >= MIN_VALUES and not falls and values[-1] > values[0]
    if amount_words and (falls or (step is not None and not grows)):
        return MetricKind.INTERVAL  # "usage" at regular steps, or an amount since the previous reading
    if falls and step is not None and len(values) >= MIN_VALUES:
        return MetricKind.INTERVAL  # amounts that rise and fall, at regular steps
    return MetricKind.COUNTER  # a total that only grows (a meter's register), or nothing says otherwise


def _is_gauge(detected: Detected, column: int) -> bool:
    name, unit = split_unit(detected.columns[column])
    found = unit_of(unit) if unit else None
    if found is not None:
        return not found.additive
    return _GAUGE_WORDS.search(name) is not None


def _values(detected: Detected, column: int) -> list[float]:
    settings = detected.settings
    from ...domain.entities import Metric

    parse = value_parser(Metric(None, "probe", decimals=6), settings.decimal, settings.thousands, grow=True)
    values: list[float] = []
    for row in detected.sample_rows:
        if column >= len(row):
            continue
        try:
            parsed = parse(row[column])
        except CellError:
            continue
        if parsed is not None:
            values.append(parsed[0])
    return values


#: The note on amounts at regular times: (which end of its period a row's time is, whether the header says so).
_AMOUNTS_NOTES = {
    (PeriodLabel.START, True): QT_TRANSLATE_NOOP(
        "ImportDetect", "Amounts per {step} ({names}): each row's time is the start of its period, as the header says."
    ),
    (PeriodLabel.END, True): QT_TRANSLATE_NOOP(
        "ImportDetect", "Amounts per {step} ({names}): each row's time is the end of its period, as the header says."
    ),
    (PeriodLabel.START, False): QT_TRANSLATE_NOOP(
        "ImportDetect",
        "Amounts per {step} ({names}): each row's time is the start of its period, since the first row is at midnight"
        " (if the times end their periods: choose “end”, or --time-is end).",
    ),
    (PeriodLabel.END, False): QT_TRANSLATE_NOOP(
        "ImportDetect",
        "Amounts per {step} ({names}): each row's time is the end of its period, since the first row is not at"
        " midnight (if the times start their periods: choose “start”, or --time-is start).",
    ),
}
_STEPS = {
    300: QT_TRANSLATE_NOOP("ImportDetect", "5 minutes"),
    600: QT_TRANSLATE_NOOP("ImportDetect", "10 minutes"),
    900: QT_TRANSLATE_NOOP("ImportDetect", "15 minutes"),
    1800: QT_TRANSLATE_NOOP("ImportDetect", "30 minutes"),
    3600: QT_TRANSLATE_NOOP("ImportDetect", "hour"),
    86400: QT_TRANSLATE_NOOP("ImportDetect", "day"),
}


def is_amounts_note(note: str) -> bool:
    """Whether ``note`` is the one on amounts at regular times (which a supplier's profile replaces)."""
    return any(note.startswith(translate("ImportDetect", t).split("{")[0]) for t in _AMOUNTS_NOTES.values())


def _step_text(step: int | None) -> str:
    return translate("ImportDetect", _STEPS.get(step or 0, QT_TRANSLATE_NOOP("ImportDetect", "period")))


def _listed(names: list[str]) -> str:
    shown = ", ".join(translate("ImportDetect", "“{name}”").format(name=n) for n in names[:4])
    if len(names) <= 4:
        return shown
    return translate("ImportDetect", "{names} and %n more", None, len(names) - 4).format(names=shown)
