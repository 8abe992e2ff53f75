"""Long files: one row per register, channel, energy or unit, turned into a column per register.

A grid operator's export (``Van Datum;Van Tijdstip;…;Register;Volume;Eenheid``) writes the hour
once per register: ``Afname Dag``, ``Afname Nacht``, ``Injectie Dag``, ``Injectie Nacht``; a
supplier's file names the energy (``Elektriciteit``, ``Gas``) or only the unit (``kWh``, ``m³``
for the same hour). Each distinct value of that column becomes its own metric, with its unit.

Detection (``find_register_column``) goes by what the data says: the rows of one time differ in
exactly that column. The registers are then collected from the whole file (``scan_registers``), so
that one that appears only far down still gets its metric. At import, ``RegisterStream`` widens
each record with one cell per register (and value column): the value lands in its register's
column, the others stay empty, and rows of one time are merged into one reading.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...i18n import translate
from .formats.units import unit_of
from .mapping import split_unit
from .model import ImportFileError, ImportSettings
from .wrapped import WrappedStream

if TYPE_CHECKING:
    from .rows import RecordStream

#: Most registers a long file may name (more distinct values: a free-text column, not registers).
MAX_REGISTERS = 100
#: Header words of a column that names the register, channel, energy or meter (a hint when the
#: sample alone cannot tell, say a file sorted by register whose first rows all belong to one).
_REGISTER_WORDS = re.compile(
    r"regist|channel|kanaal|kanal|tarif|energ|medium|sparte|zählwerk|zaehlwerk|obis|richting|direction", re.I
)


def find_register_column(
    columns: list[str],
    data: list[list[str]],
    date_column: int,
    time_column: int | None,
    numeric: list[int],
    exclude: int | None = None,
) -> tuple[int | None, int | None]:
    """(register column, unit column) of a long file's sample, or (None, unit column) for a wide one.

    The register column is a text column whose cells differ between the rows of one time (in at
    least 90% of the times that occur more than once); a named column (``Register``, ``Energie``)
    is preferred to a column of units when both tell the rows apart. Without repeated times (a file
    sorted by register), a text column with a register-like name and a few distinct values is taken.
    """
    skip = {date_column, time_column, exclude}
    texts = [c for c in range(len(columns)) if c not in skip and c not in numeric]
    unit_column = next((c for c in texts if _all_units(data, c)), None)
    if not numeric:
        return None, unit_column
    groups: dict[tuple[str, str], list[list[str]]] = defaultdict(list)
    for row in data:
        groups[(_cell(row, date_column), _cell(row, time_column))].append(row)
    repeated = [rows for rows in groups.values() if len(rows) > 1]
    found: list[int] = []
    if repeated and len(repeated) * 2 >= len(groups):
        ranked: list[tuple[int, int]] = []
        for c in texts:
            if not all(_cell(r, c) for rows in repeated for r in rows):
                continue
            # A time's rows are told apart by the column when each of its values occurs equally often
            # (once; twice in the hour the clocks go back); most times' rows must be.
            counts = [Counter(_cell(r, c) for r in rows) for rows in repeated]
            told = sum(1 for count in counts if len(count) >= 2 and len(set(count.values())) == 1)
            distinct = sum(1 for count, rows in zip(counts, repeated, strict=True) if len(count) == len(rows))
            if told >= 0.9 * len(repeated):
                ranked.append((distinct, c))
        found = [c for _distinct, c in sorted(ranked, key=lambda item: (-item[0], item[1]))]
    else:
        for c in texts:
            values = {_cell(r, c) for r in data} - {""}
            if _REGISTER_WORDS.search(columns[c]) and 1 <= len(values) <= MAX_REGISTERS // 4:
                found.append(c)
    if not found:
        return None, unit_column
    named = [c for c in found if c != unit_column]
    return (named[0] if named else found[0]), unit_column


def scan_registers(
    stream: RecordStream, data_row: int, register_column: int, unit_column: int | None
) -> tuple[list[str], dict[str, str]] | None:
    """The registers a long file names, in order of first appearance over the whole file, and the unit
    each is given in; None when there are more than MAX_REGISTERS (no register column) or fewer than 2
    where the sample had only one (a sorted file confirmed by its name alone needs two)."""
    registers: dict[str, str] = {}
    for index, (_line, cells) in enumerate(stream):
        if index < data_row or register_column >= len(cells):
            continue
        name = cells[register_column].strip()
        if not name or name in registers:
            if name and not registers[name] and unit_column is not None and unit_column < len(cells):
                registers[name] = _unit_text(cells[unit_column])
            continue
        if len(registers) >= MAX_REGISTERS:
            return None
        unit = _unit_text(cells[unit_column]) if unit_column is not None and unit_column < len(cells) else ""
        registers[name] = unit
    if not registers:
        return None
    return list(registers), registers


def register_columns(
    columns: list[str], registers: list[str], units: dict[str, str], value_columns: list[int]
) -> tuple[list[str], dict[str, str]]:
    """The names of the columns made for the registers (one per register and value column), with each
    register's unit (from the unit column, the register itself when it is a unit, or the value header)."""
    names: list[str] = []
    resolved: dict[str, str] = {}
    for register in registers:
        own = unit_of(register)
        unit = units.get(register) or (own.symbol if own is not None else "")
        for j in value_columns:
            header, header_unit = split_unit(columns[j])
            unit = unit or header_unit
            if own is not None:
                name = f"{header} {own.symbol}"  # the register is only a unit: "Volume kWh", "Volume m³"
            elif len(value_columns) == 1:
                name = register
            else:
                name = f"{register} {header}"
            names.append(f"{name} ({unit})" if unit else name)
        resolved[register] = unit
    return names, resolved


def long_settings(
    settings: ImportSettings, width: int, registers: list[str], value_columns: list[int]
) -> ImportSettings:
    """``settings`` reading a long file: its registers, its value columns, the first made column."""
    from dataclasses import replace

    return replace(settings, registers=tuple(registers), value_columns=tuple(value_columns), register_base=width)


class Widener:
    """Widens a long file's record with one cell per register and value column (see the module docstring)."""

    def __init__(self, register_column: int, registers: tuple[str, ...], value_columns: tuple[int, ...], base: int):
        self._column = register_column
        self._values = value_columns
        self._base = base
        self._index = {name: k for k, name in enumerate(registers)}
        self._extra = [""] * (len(registers) * len(value_columns))

    def widened(self, cells: list[str]) -> list[str]:
        """``cells`` cut or padded to the file's width, then the registers' cells: the row's value in its own."""
        base = self._base
        record = cells[:base] if len(cells) >= base else cells + [""] * (base - len(cells))
        record += self._extra
        column = self._column
        k = self._index.get(cells[column].strip()) if column < len(cells) else None
        if k is not None:
            first = base + k * len(self._values)
            for j, value_column in enumerate(self._values):
                if value_column < len(cells):
                    record[first + j] = cells[value_column]
        return record


class RegisterStream(WrappedStream):
    """A record stream whose records are widened by ``Widener``: the same interface as the stream it wraps."""

    def __init__(self, inner: RecordStream, settings: ImportSettings) -> None:
        if settings.register_column is None or not settings.registers or not settings.value_columns:
            raise ImportFileError(
                translate("ImportConvert", "choose the column that names the register, and the column of values")
            )
        self.inner = inner
        self._widener = Widener(
            settings.register_column, tuple(settings.registers), tuple(settings.value_columns), settings.register_base
        )

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        widened = self._widener.widened
        for line, cells in self.inner:
            yield line, widened(cells)

    def batch(self, size: int, skip: int = 0) -> tuple[list[int], list[list[str]], bool]:
        lines, records, done = self.inner.batch(size, skip)
        return lines, list(map(self._widener.widened, records)), done


def _cell(row: list[str], column: int | None) -> str:
    return row[column].strip() if column is not None and column < len(row) else ""


def _all_units(data: list[list[str]], column: int) -> bool:
    cells = {_cell(r, column) for r in data} - {""}
    return bool(cells) and all(unit_of(c) is not None for c in cells)


def _unit_text(cell: str) -> str:
    unit = unit_of(cell) if cell.strip() else None
    return unit.symbol if unit is not None else ""
