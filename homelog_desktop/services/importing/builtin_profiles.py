"""Built-in profiles: the export layouts of common suppliers, grid operators and portals, found by their header.

A profile names the columns its layout has (the header signature: every one of them must be in the
file's header, case and spacing aside) and says how to read them: the date (and time) column, which
end of its period a row's time is and how long the period is, which columns hold values (with the
metric's name, unit and kind), and for a long file (a row per register) the column naming the
register. Delimiter, decimal separator and date format are taken from the profile where it gives them,
from detection otherwise. Column positions are found by name, so a portal that adds a column still
matches. User profiles (saved by the wizard, ``profiles.py``, ``import-profiles.json``) stay apart:
they remember a file's exact header; these are code.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from ...domain.entities import Category, Metric, MetricKind, Source
from ...i18n import QT_TRANSLATE_NOOP, translate
from .detect import AMBIGUOUS_DATES_NOTE
from .model import ColumnTarget, Detected, ImportFileError, ImportSettings, PeriodLabel, TargetRole
from .periods import is_amounts_note

#: The period's length taken from the file: the first data row's two period columns, or the step between
#: the first two rows' times.
FROM_FILE = -1


@dataclass(frozen=True, slots=True)
class ValueColumn:
    """A column of values and the metric it becomes."""

    column: str
    metric: str
    unit: str
    kind: MetricKind
    #: A long file with ``values``: the start of the registers this column is read for (a Dutch meter
    #: number starts with E for electricity, G for gas); "" for every register.
    register: str = ""

    def reads(self, header: str, register: str) -> bool:
        """Whether this is the value column ``header`` of a row of ``register``."""
        return _key(header) == _key(self.column) and register.strip().casefold().startswith(self.register.casefold())


@dataclass(frozen=True, slots=True)
class BuiltinProfile:
    name: str
    country: str
    title: str
    #: Column names that must all be in the header (compared casefolded, spaces collapsed).
    signature: tuple[str, ...]
    #: The date (or date and time) column; None: the times as detected (a file of day rows).
    date: str | None
    time: str | None = None
    time_is: PeriodLabel = PeriodLabel.END
    #: Whether the data may say otherwise: a file whose first row is at midnight labels its periods by their
    #: start (a portal that labels by the end starts at 00:15, ends with the next day's 00:00).
    start_at_midnight: bool = False
    #: A column with the period's other end (a date and time in one cell).
    period_column: str | None = None
    #: Period length in seconds, FROM_FILE, or None (the rules of ``ImportSettings``).
    period_seconds: int | None = None
    #: (date, time) of the period's other end in two columns, used to measure the period (FROM_FILE).
    other_end: tuple[str, str] | None = None
    values: tuple[ValueColumn, ...] = ()
    #: A long file: the register column, and the kind of every register's values. With ``values`` too, only
    #: the value columns they name are read, for the registers each names, as the metrics each names (a
    #: file of electricity and gas meters, each with its own registers).
    register: str | None = None
    register_kind: MetricKind = MetricKind.INTERVAL
    delimiter: str | None = None
    decimal: str | None = None
    date_format: str | None = None
    category: Category = Category.ELECTRICITY
    #: An inclusive period end (``00:59`` for the hour 00:00-01:00): a minute is added to the measured period.
    inclusive_end: bool = False
    notes: tuple[str, ...] = field(default=())

    @property
    def label(self) -> str:
        """The title in the user's language (the wizard's list of profiles, ``--list-profiles``)."""
        return translate("ImportProfiles", self.title)

    def matches(self, columns: list[str]) -> bool:
        return all(_position(columns, s) is not None for s in self.signature)

    def new_source(
        self, name: str, detected: Detected, mapping: dict[int, ColumnTarget]
    ) -> tuple[Source, dict[int, ColumnTarget]]:
        """A new source with the profile's metrics: its value columns (names, units, kinds), or for a long
        file every register with the register kind; every other column ignored."""
        changed = self.mapping_onto(None, detected, mapping)
        metrics = tuple(t.metric for t in changed.values() if t.metric is not None)
        return Source(None, name.strip(), self.category, metrics=metrics), changed

    def mapping_onto(
        self, source: Source | None, detected: Detected, mapping: dict[int, ColumnTarget]
    ) -> dict[int, ColumnTarget]:
        """The profile's mapping: onto the metrics of ``source`` with the profile's names (others left out),
        or onto new metrics when ``source`` is None."""
        existing = {m.name.strip().casefold(): m for m in source.metrics} if source is not None else {}
        settings = detected.settings
        changed: dict[int, ColumnTarget] = {}
        if self.register is not None and self.values:
            made = range(
                settings.register_base, settings.register_base + len(settings.value_columns) * len(settings.registers)
            )
            named: set[str] = set()
            for column in sorted(set(mapping) | set(made)):
                found = self._register_value(detected, column)
                if found is None:
                    changed[column] = ColumnTarget.ignored()
                    continue
                spec, register = found
                # A second meter of one kind (a replaced meter's number) keeps its own metric.
                name = spec.metric if spec.metric.casefold() not in named else f"{spec.metric} ({register})"
                named.add(name.casefold())
                decimals = detected.column_decimals.get(column, 3)
                metric = Metric(None, name, spec.unit, spec.kind, decimals=max(decimals, 0))
                changed[column] = _onto(metric, source, existing)
            return changed
        if self.register is not None:
            for column, target in mapping.items():
                if column < settings.register_base or target.metric is None:
                    changed[column] = ColumnTarget.ignored()
                    continue
                metric = replace(target.metric, kind=self.register_kind, digits=None)
                changed[column] = _onto(metric, source, existing)
            return changed
        wanted: dict[int, ValueColumn] = {}
        for spec in self.values:
            position = _position(detected.columns, spec.column)
            if position is not None and position not in wanted:
                wanted[position] = spec
        for column in set(mapping) | set(wanted):
            value = wanted.get(column)
            if value is None:
                changed[column] = ColumnTarget.ignored()
                continue
            decimals = detected.column_decimals.get(column, 3)
            metric = Metric(None, value.metric, value.unit, value.kind, decimals=max(decimals, 0))
            changed[column] = _onto(metric, source, existing)
        return changed

    def _register_value(self, detected: Detected, column: int) -> tuple[ValueColumn, str] | None:
        """The value spec a long file's made column is read with, and its register (None: not read)."""
        settings = detected.settings
        width = len(settings.value_columns)
        index = column - settings.register_base
        if width == 0 or not 0 <= index < width * len(settings.registers):
            return None
        register = settings.registers[index // width]
        value_column = settings.value_columns[index % width]
        header = detected.columns[value_column] if value_column < len(detected.columns) else ""
        spec = next((v for v in self.values if v.reads(header, register)), None)
        return (spec, register) if spec is not None else None


def _onto(metric: Metric, source: Source | None, existing: dict[str, Metric]) -> ColumnTarget:
    if source is None:
        return ColumnTarget.to_metric(metric)
    found = existing.get(metric.name.strip().casefold())
    return ColumnTarget.to_metric(found) if found is not None else ColumnTarget.ignored()


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _position(columns: list[str], name: str) -> int | None:
    """The position of the column called ``name`` (case and spacing aside); a name starting with ``*`` is
    a column whose name ends with the rest (a portal that puts the meter's label and number before it)."""
    wanted = _key(name)
    if wanted.startswith("*"):
        tail = wanted[1:].strip()
        return next((i for i, c in enumerate(columns) if _key(c).endswith(tail)), None)
    return next((i for i, c in enumerate(columns) if _key(c) == wanted), None)


_KWH = "kWh"
BUILTIN_PROFILES: tuple[BuiltinProfile, ...] = (
    BuiltinProfile(
        name="fluvius",
        country="BE",
        title=QT_TRANSLATE_NOOP(
            "ImportProfiles", "Fluvius (Mijn Fluvius) quarter-hour or day totals, a row per register"
        ),
        signature=("Van (datum)", "Van (tijdstip)", "Tot (datum)", "Tot (tijdstip)", "Register", "Volume", "Eenheid"),
        date="Van (datum)",
        time="Van (tijdstip)",
        time_is=PeriodLabel.START,
        period_seconds=FROM_FILE,
        other_end=("Tot (datum)", "Tot (tijdstip)"),
        register="Register",
        delimiter=";",
        decimal=",",
        date_format="%d-%m-%Y",
    ),
    BuiltinProfile(
        name="eneco",
        country="NL",
        title=QT_TRANSLATE_NOOP(
            "ImportProfiles", "Eneco (Mijn Eneco) daily meter readings: electricity El 1-4 and gas"
        ),
        signature=("Datum", "Meterstand laagtarief (El 1)", "Meterstand hoogtarief (El 2)"),
        date="Datum",
        values=(
            ValueColumn("Meterstand laagtarief (El 1)", "Levering laag (El 1)", _KWH, MetricKind.COUNTER),
            ValueColumn("Meterstand hoogtarief (El 2)", "Levering hoog (El 2)", _KWH, MetricKind.COUNTER),
            ValueColumn("Meterstand laagtarief (El 3)", "Teruglevering laag (El 3)", _KWH, MetricKind.COUNTER),
            ValueColumn("Meterstand hoogtarief (El 4)", "Teruglevering hoog (El 4)", _KWH, MetricKind.COUNTER),
            ValueColumn("Meterstand", "Gas", "m³", MetricKind.COUNTER),
        ),
        date_format="%d-%m-%Y",
        category=Category.OTHER,
    ),
    BuiltinProfile(
        name="homewizard",
        country="NL",
        title=QT_TRANSLATE_NOOP(
            "ImportProfiles", "HomeWizard P1 meter export: import and export readings T1, T2 (kWh)"
        ),
        signature=("time", "Import T1 kWh", "Import T2 kWh"),
        date="time",
        values=(
            ValueColumn("Import T1 kWh", "Import T1", _KWH, MetricKind.COUNTER),
            ValueColumn("Import T2 kWh", "Import T2", _KWH, MetricKind.COUNTER),
            ValueColumn("Export T1 kWh", "Export T1", _KWH, MetricKind.COUNTER),
            ValueColumn("Export T2 kWh", "Export T2", _KWH, MetricKind.COUNTER),
        ),
        delimiter=",",
        decimal=".",
        date_format="iso",
    ),
    BuiltinProfile(
        name="homewizard-gas",
        country="NL",
        title=QT_TRANSLATE_NOOP("ImportProfiles", "HomeWizard P1 meter export of the gas meter: total gas used (m³)"),
        signature=("time", "Total gas used"),
        date="time",
        values=(ValueColumn("Total gas used", "Gas", "m³", MetricKind.COUNTER),),
        delimiter=",",
        decimal=".",
        date_format="iso",
        category=Category.GAS,
    ),
    BuiltinProfile(
        name="liander",
        country="NL",
        title=QT_TRANSLATE_NOOP(
            "ImportProfiles",
            "Liander meter data (meetdata): daily readings of electricity El 1-4 and gas, a row per meter and day",
        ),
        # The CSV Liander's customer service sends on request (Mijn Liander has no download), as a public
        # example of it shows (patrickvorgers/Home-Assistant-Import-Energy-Data, Datasources/Liander/Sample
        # files/csv_bijlage.csv): "eancodeasn,meternummer,meterreadingdate,reading1,usage1,…,reading4,usage4",
        # comma-separated, decimal point, dd-mm-yyyy; the electricity meter (number E…) has readings 1-4
        # (delivered low and normal tariff, returned low and normal, as the meter's display orders them), the
        # gas meter (G…) reading 1 in m³; each usage is the difference from the day before.
        signature=("eancodeasn", "meternummer", "meterreadingdate", "reading1", "usage1"),
        date="meterreadingdate",
        register="meternummer",
        register_kind=MetricKind.COUNTER,
        values=(
            ValueColumn("reading1", "Levering laag (El 1)", _KWH, MetricKind.COUNTER, register="E"),
            ValueColumn("reading2", "Levering hoog (El 2)", _KWH, MetricKind.COUNTER, register="E"),
            ValueColumn("reading3", "Teruglevering laag (El 3)", _KWH, MetricKind.COUNTER, register="E"),
            ValueColumn("reading4", "Teruglevering hoog (El 4)", _KWH, MetricKind.COUNTER, register="E"),
            ValueColumn("reading1", "Gas", "m³", MetricKind.COUNTER, register="G"),
        ),
        delimiter=",",
        decimal=".",
        date_format="%d-%m-%Y",
        category=Category.OTHER,
        notes=("the usage columns (each day's difference of the readings) are not read",),
    ),
    BuiltinProfile(
        name="greenchoice",
        country="NL",
        title=QT_TRANSLATE_NOOP(
            "ImportProfiles", "Greenchoice electricity meter readings (meterstanden stroom): a day per row, El 1-4"
        ),
        # Greenchoice's download, as a public example shows (patrickvorgers/Home-Assistant-Import-Energy-Data,
        # Datasources/GreenChoice/Sample files/meterstanden_stroom_2023.csv): "OpnameDatum;StandNormaal;StandDal;
        # TerugleveringNormaal;TerugleveringDal", ISO dates, whole kWh, the newest day first.
        signature=("OpnameDatum", "StandNormaal", "StandDal"),
        date="OpnameDatum",
        values=(
            ValueColumn("StandDal", "Levering laag (El 1)", _KWH, MetricKind.COUNTER),
            ValueColumn("StandNormaal", "Levering hoog (El 2)", _KWH, MetricKind.COUNTER),
            ValueColumn("TerugleveringDal", "Teruglevering laag (El 3)", _KWH, MetricKind.COUNTER),
            ValueColumn("TerugleveringNormaal", "Teruglevering hoog (El 4)", _KWH, MetricKind.COUNTER),
        ),
        delimiter=";",
        date_format="%Y-%m-%d",
    ),
    BuiltinProfile(
        name="e3dc",
        country="DE",
        title=QT_TRANSLATE_NOOP(
            "ImportProfiles", "E3/DC portal export (Statistik): power of solar, battery, grid and house"
        ),
        signature=("Zeitstempel", "Netzbezug [W]", "Netzeinspeisung [W]"),
        date="Zeitstempel",
        values=(
            ValueColumn("Ladezustand [%]", "Ladezustand", "%", MetricKind.GAUGE),
            ValueColumn("Solarproduktion [W]", "Solarproduktion", "W", MetricKind.GAUGE),
            ValueColumn("Batterie Laden [W]", "Batterie Laden", "W", MetricKind.GAUGE),
            ValueColumn("Batterie Entladen [W]", "Batterie Entladen", "W", MetricKind.GAUGE),
            ValueColumn("Netzeinspeisung [W]", "Netzeinspeisung", "W", MetricKind.GAUGE),
            ValueColumn("Netzbezug [W]", "Netzbezug", "W", MetricKind.GAUGE),
            ValueColumn("Hausverbrauch [W]", "Hausverbrauch", "W", MetricKind.GAUGE),
        ),
        delimiter=";",
        date_format="%d.%m.%Y",
    ),
    BuiltinProfile(
        name="netz-noe",
        country="AT",
        title=QT_TRANSLATE_NOOP(
            "ImportProfiles", "Netz Niederösterreich smart meter portal: quarter-hour consumption labelled by its end"
        ),
        signature=("Messzeitpunkt", "Verbrauch (kWh)", "Qualität"),
        date="Messzeitpunkt",
        time_is=PeriodLabel.END,
        period_seconds=FROM_FILE,
        values=(ValueColumn("Verbrauch (kWh)", "Verbrauch", _KWH, MetricKind.INTERVAL),),
        delimiter=";",
        decimal=",",
        date_format="%d.%m.%Y",
    ),
    BuiltinProfile(
        name="lastgang-de",
        country="DE",
        title=QT_TRANSLATE_NOOP("ImportProfiles", "German grid operator's load profile (Lastgang): quarter-hour kWh"),
        signature=("Datum", "Uhrzeit", "Wert (kWh)"),
        date="Datum",
        time="Uhrzeit",
        time_is=PeriodLabel.END,
        start_at_midnight=True,
        period_seconds=FROM_FILE,
        values=(ValueColumn("Wert (kWh)", "Bezug", _KWH, MetricKind.INTERVAL),),
        delimiter=";",
        decimal=",",
        date_format="%d.%m.%Y",
        notes=("the Status column (W true value, E substitute) is not read",),
    ),
    BuiltinProfile(
        name="wiener-netze",
        country="AT",
        title=QT_TRANSLATE_NOOP(
            "ImportProfiles",
            "Wiener Netze smart meter portal (Datenexport): quarter-hour kWh with Zeit von and Zeit bis",
        ),
        # The value column is named after the meter: "<label> - <Zählpunkt> - Verbrauch [kWh]".
        signature=("Datum", "Zeit von", "Zeit bis", "*[kWh]"),
        date="Datum",
        time="Zeit von",
        time_is=PeriodLabel.START,
        period_seconds=FROM_FILE,
        other_end=("Datum", "Zeit bis"),
        values=(
            ValueColumn("*Verbrauch [kWh]", "Verbrauch", _KWH, MetricKind.INTERVAL),
            ValueColumn("*Einspeiser [kWh]", "Einspeisung", _KWH, MetricKind.INTERVAL),
        ),
        delimiter=";",
        decimal=",",
        date_format="%d.%m.%Y",
    ),
    BuiltinProfile(
        name="e-distribuzione",
        country="IT",
        title=QT_TRANSLATE_NOOP(
            "ImportProfiles", "e-distribuzione (Enel) load curve: a day per row, 96 quarter-hour columns"
        ),
        signature=("Giorno", "00:00-00:15", "00:15-00:30"),
        date=None,
        time_is=PeriodLabel.START,
        period_seconds=900,
        values=(ValueColumn("Amount", "Consumo", _KWH, MetricKind.INTERVAL),),
        delimiter=";",
        decimal=",",
        date_format="%d/%m/%Y",
        notes=("each quarter-hour column is one amount of the day",),
    ),
    BuiltinProfile(
        name="octopus",
        country="UK",
        title=QT_TRANSLATE_NOOP(
            "ImportProfiles", "Octopus Energy consumption download: half-hour amounts with Start and End"
        ),
        signature=("Consumption (kWh)", "Start", "End"),
        date="End",
        time_is=PeriodLabel.END,
        period_column="Start",
        values=(ValueColumn("Consumption (kWh)", "Consumption", _KWH, MetricKind.INTERVAL),),
        delimiter=",",
        decimal=".",
        date_format="iso",
    ),
    BuiltinProfile(
        name="green-button-csv",
        country="US",
        title=QT_TRANSLATE_NOOP(
            "ImportProfiles",
            "Green Button “Download my data” CSV (PG&E, SCE, ComEd…): TYPE, DATE, START TIME, END TIME, USAGE",
        ),
        signature=("TYPE", "DATE", "START TIME", "END TIME", "USAGE"),
        date="DATE",
        time="START TIME",
        time_is=PeriodLabel.START,
        period_seconds=FROM_FILE,
        other_end=("DATE", "END TIME"),
        inclusive_end=True,
        values=(ValueColumn("USAGE", "Usage", _KWH, MetricKind.INTERVAL),),
        delimiter=",",
        decimal=".",
    ),
)


def builtin_profile(name: str) -> BuiltinProfile:
    """The built-in profile called ``name`` (case aside); KeyError when there is none."""
    for profile in BUILTIN_PROFILES:
        if profile.name.casefold() == name.strip().casefold():
            return profile
    raise KeyError(name)


def recognise_profile(detected: Detected) -> BuiltinProfile | None:
    """The built-in profile whose header signature the file's header has, if any."""
    for profile in BUILTIN_PROFILES:
        if profile.matches(detected.columns):
            return profile
    return None


def apply_builtin(profile: BuiltinProfile, detected: Detected) -> Detected:
    """``detected`` read the profile's way (sync: it may read the file again, for a long file's registers).

    ImportFileError when the file lacks a column the profile needs.
    """
    from .detect import detect

    if (
        profile.register is not None
        and _index(detected, profile.register, profile) != detected.settings.register_column
    ):
        detected = detect(Path(detected.path), detected.settings.sheet, profile.register)
    settings = detected.settings
    time_is = profile.time_is
    if profile.start_at_midnight and _first_time(profile, detected) in ("00:00", "00:00:00"):
        time_is = PeriodLabel.START
    changes: dict[str, object] = {"time_is": time_is, "period_seconds": profile.period_seconds}
    if profile.date is not None:
        changes = {
            "date_column": _index(detected, profile.date, profile),
            "time_column": _index(detected, profile.time, profile) if profile.time else None,
            "time_is": time_is,
            "period_column": _index(detected, profile.period_column, profile) if profile.period_column else None,
            "period_seconds": profile.period_seconds,
        }
    # A workbook's cells carry their own types (numbers with a decimal point, dates in ISO form): the
    # profile's delimiter and decimal are those of its CSV download, and its date format applies only to
    # dates that are text in that format.
    spreadsheet = Path(detected.path).suffix.casefold() in _SPREADSHEETS
    if profile.delimiter is not None and not spreadsheet:
        changes["delimiter"] = profile.delimiter
    if profile.decimal is not None and not spreadsheet:
        changes["decimal"] = profile.decimal
        changes["thousands"] = ""
    if profile.date_format is not None and _dates_read_as(profile, detected, profile.date_format):
        changes["date_format"] = profile.date_format
    settings = replace(settings, **changes)  # type: ignore[arg-type]
    if profile.date is not None and profile.period_seconds == FROM_FILE:
        settings = replace(settings, period_seconds=_period_of(profile, detected, settings))
    notes = [
        translate("ImportDetect", "Read with the profile “{name}”: {title}.").format(
            name=profile.name, title=profile.label
        )
    ]
    if time_is is not profile.time_is:
        notes.append(
            translate("ImportDetect", "Each row's time is the start of its period, since the first row is at midnight.")
            if time_is is PeriodLabel.START
            else translate(
                "ImportDetect", "Each row's time is the end of its period, since the first row is at midnight."
            )
        )
    # The profile knows its date format: detection's doubt about day-first dates does not apply.
    known = settings.date_format == profile.date_format and profile.date_format is not None
    # Nor does its guess of which end of a period a row's time is: the profile says it (and each column's kind).
    # A profile that names each register's columns (Liander: a row per meter) says what becomes a metric itself.
    own_registers = profile.register is not None and bool(profile.values)
    doubt = translate("ImportDetect", AMBIGUOUS_DATES_NOTE)
    per_register = translate(
        "ImportDetect",
        "One row per register: the column “{name}” names %n ({names}); each becomes its own metric.",
        None,
        2,
    ).split("{")[0]
    notes += [
        n
        for n in detected.notes
        if (not known or n != doubt) and not is_amounts_note(n) and not (own_registers and n.startswith(per_register))
    ]
    ambiguous = [] if known else detected.ambiguous_date_formats
    return replace(detected, settings=settings, notes=notes, ambiguous_date_formats=ambiguous)


def _first_time(profile: BuiltinProfile, detected: Detected) -> str | None:
    """The time of day of the first data row (its time column, or the time in its date cell)."""
    if not detected.sample_rows:
        return None
    row = detected.sample_rows[0]
    column = _position(detected.columns, profile.time or profile.date or "")
    if column is None or column >= len(row):
        return None
    text = row[column].strip().replace("T", " ")
    return text.split(" ")[-1] if profile.time is None else text


_SPREADSHEETS = frozenset({".xlsx", ".xlsm", ".xls", ".ods"})


def _dates_read_as(profile: BuiltinProfile, detected: Detected, date_format: str) -> bool:
    """Whether the first data row's date (the profile's date column, or the detected one) is text in
    ``date_format`` (a workbook's date cells come as ISO dates, read as detected); True without a row."""
    if date_format in ("iso", "excel") or not detected.sample_rows:
        return True
    column = _position(detected.columns, profile.date) if profile.date else detected.settings.date_column
    row = detected.sample_rows[0]
    if column is None or column >= len(row):
        return True
    text = row[column].strip().split(" ")[0].split("T")[0]
    try:
        datetime.strptime(text, date_format.split(" ")[0])
    except ValueError:
        return False
    return True


def _index(detected: Detected, name: str | None, profile: BuiltinProfile) -> int | None:
    if name is None:
        return None
    index = _position(detected.columns, name)
    if index is not None:
        return index
    raise ImportFileError(
        translate("ImportDetect", "the file has no column “{name}”, which the profile “{profile}” reads").format(
            name=name, profile=profile.name
        )
    )


def _period_of(profile: BuiltinProfile, detected: Detected, settings: ImportSettings) -> int | None:
    """The period's length from the first data rows: the row's two ends, or the step between two rows."""
    rows = detected.sample_rows
    if not rows:
        return None
    date, time = settings.date_column, settings.time_column
    assert date is not None
    try:
        first = _when(rows[0], date, time, settings.date_format)
        if profile.other_end is not None:
            end_date = _index(detected, profile.other_end[0], profile)
            end_time = _index(detected, profile.other_end[1], profile)
            assert end_date is not None
            other = _when(rows[0], end_date, end_time, settings.date_format)
            seconds = int((other - first).total_seconds()) + (60 if profile.inclusive_end else 0)
        else:
            step = [r for r in rows[1:] if _when(r, date, time, settings.date_format) != first]
            if not step:
                return None
            seconds = int((_when(step[0], date, time, settings.date_format) - first).total_seconds())
    except (ValueError, IndexError):
        return None
    return seconds if seconds > 0 else None


def _when(row: list[str], date: int, time: int | None, date_format: str | None) -> datetime:
    text = row[date].strip()
    if time is not None:
        text += " " + row[time].strip()
    for fmt in _formats(date_format):
        for suffix in (" %H:%M:%S", " %H:%M", ""):
            try:
                return datetime.strptime(text, fmt + suffix if time is not None or suffix else fmt)
            except ValueError:
                continue
    return datetime.fromisoformat(text)


def _formats(date_format: str | None) -> list[str]:
    if date_format and date_format not in ("iso", "excel"):
        return [date_format]
    return ["%Y-%m-%d", "%m/%d/%Y", "%d-%m-%Y"]


def profile_mapping(
    profile: BuiltinProfile, detected: Detected, source: Source | None, mapping: dict[int, ColumnTarget]
) -> dict[int, ColumnTarget]:
    """The mapping a profile gives onto a stored source (or a new one when ``source`` is None)."""
    changed = profile.mapping_onto(source, detected, mapping)
    return {c: t for c, t in changed.items() if t.role is not TargetRole.IGNORE} or changed
