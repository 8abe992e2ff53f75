"""Columns to metrics: by name for a stored source, or new metrics from the numeric columns."""

from __future__ import annotations

import re

from ...domain.entities import Category, Metric, MetricKind, Source
from .formats.units import unit_of
from .model import ColumnTarget, Detected

_UNIT = re.compile(r"^(?P<name>.*?)\s*[(\[](?P<unit>[^()\[\]]{1,30})[)\]]\s*$")
#: A unit written as the last word of a header, without brackets: "Import T1 kWh", "usage dl", "Gas in m³".
_LAST_WORD = re.compile(r"^(?P<name>.*?)(?:[\s_,;:/-]+(?:in|en|per)?)?[\s_,;:/-]+(?P<unit>\S{1,12})$", re.I)
_NOTE_WORDS = {"note", "notes", "comment", "comments", "remark", "remarks", "notiz", "bemerkung", "kommentar"}


def split_unit(header: str) -> tuple[str, str]:
    """ "Meter reading (kWh)" -> ("Meter reading", "kWh"); "Import T1 kWh" -> ("Import T1", "kWh");
    a header without a unit -> (header, "").

    Only a real unit (the vocabulary of ``formats.units``) is taken, spelled as Home Log spells it
    (``m3`` -> ``m³``): ``Meter (El 1)``, a phase ``L1 (A)`` and the ``(2)`` of a repeated name keep
    their brackets as part of the name.
    """
    text = header.strip()
    alone = unit_of(text)
    if alone is not None and _plausible_bare_unit(text):
        return text, alone.symbol  # the header is the unit itself: "kWh"
    found = _UNIT.match(text)
    if found and found["name"]:
        unit = unit_of(found["unit"])
        if unit is not None:
            return found["name"].strip(), unit.symbol
        return text, ""
    found = _LAST_WORD.match(text)
    if found and found["name"].strip():
        unit = unit_of(found["unit"])
        if unit is not None and _plausible_bare_unit(found["unit"]):
            return found["name"].strip(" _-,;:/"), unit.symbol
    return text, ""


def _plausible_bare_unit(word: str) -> bool:
    """A unit without brackets must be unmistakable: a one-letter word is one only as the percent sign
    or written as the symbol of watts or volts (``Power W``); ``Tank l``, ``Phase w`` keep it as a name."""
    return len(word.strip()) >= 2 or word.strip() in ("%", "W", "V")


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def suggest_mapping(detected: Detected, source: Source | None) -> dict[int, ColumnTarget]:
    """Map each column to a metric of ``source`` by name (case-insensitive; "Day (kWh)" matches the metric
    "Day" or its label), a note column to the note; with ``source`` None, every numeric column to a
    new metric named after its header (the unit in brackets becomes the unit), of the kind detection
    found (``Detected.column_kinds``; a counter when it found none)."""
    settings = detected.settings
    skip = {settings.date_column, settings.time_column, settings.period_column}
    # Home Log's own export: the flags, the author and the periods' starts are no metrics.
    skip |= {settings.estimated_column, settings.from_bill_column, settings.author_column}
    skip |= {start for _value, start in settings.start_columns}
    own_periods = {value for value, _start in settings.start_columns}
    mapping: dict[int, ColumnTarget] = {}
    for column, header in enumerate(detected.columns):
        if column in skip:
            continue
        if _key(header) in _NOTE_WORDS:
            mapping[column] = ColumnTarget.to_note()
            continue
        if source is not None:
            name, _unit = split_unit(header)
            match = next(
                (
                    m
                    for m in source.metrics
                    if _key(m.name) in (_key(header), _key(name)) or _key(m.label) == _key(header)
                ),
                None,
            )
            mapping[column] = ColumnTarget.to_metric(match) if match is not None else ColumnTarget.ignored()
        elif column in detected.numeric_columns:
            name, unit = split_unit(header)
            # The kind detection found (a day row's amounts are amounts per period); else a counter.
            kind = detected.column_kinds.get(column, MetricKind.COUNTER)
            if settings.day_columns and column == settings.day_base + 1:
                kind = MetricKind.INTERVAL
            if column in own_periods:  # a column with its own periods' starts, as Home Log exports an interval metric
                kind = MetricKind.INTERVAL
            metric = Metric(
                None,
                name[:100] or f"Column {column + 1}",
                unit[:30],
                kind,
                decimals=detected.column_decimals.get(column, 0),
            )
            mapping[column] = ColumnTarget.to_metric(metric)
        else:
            mapping[column] = ColumnTarget.ignored()
    return mapping


def new_source_for(name: str, detected: Detected) -> tuple[Source, dict[int, ColumnTarget]]:
    """A new source (not stored) named ``name`` with the mapping ``suggest_mapping(detected, None)``."""
    mapping = suggest_mapping(detected, None)
    names: set[str] = set()
    for column, target in list(mapping.items()):
        if target.metric is None:
            continue
        # Metric names must be unique within a source.
        base = target.metric.name
        unique, n = base, 2
        while _key(unique) in names:
            unique, n = f"{base} ({n})", n + 1
        names.add(_key(unique))
        if unique != base:
            mapping[column] = ColumnTarget.to_metric(
                Metric(None, unique, target.metric.unit, target.metric.kind, target.metric.decimals)
            )
    metrics = tuple(t.metric for t in mapping.values() if t.metric is not None)
    return Source(None, name.strip(), Category.OTHER, metrics=metrics), mapping
