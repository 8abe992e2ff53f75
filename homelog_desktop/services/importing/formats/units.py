"""The vocabulary of real units: a label as files write it (``KWH``, ``m3``, ``Liter``) → Home Log's spelling.

Only what is in the vocabulary is a unit: ``(El 1)``, a phase ``(A)`` written as a channel name, or the
``(2)`` of a repeated column are not. Each unit also says whether an amount in it adds up over time
(energy, volume: amounts per period) or is a rate or state (power, temperature, percent: gauges).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit as Home Log writes it, and whether amounts in it add up over time."""

    symbol: str
    #: True for energy and volume (amounts add up over periods); False for power, temperature, percent...
    additive: bool


def _units() -> dict[str, Unit]:
    table: dict[str, tuple[str, bool, tuple[str, ...]]] = {
        "Wh": ("Wh", True, ("wh", "watt-hour", "watthour", "watt hour")),
        "kWh": ("kWh", True, ("kwh", "kilowatt-hour", "kilowatthour", "kilowattuur", "kilowattstunde")),
        "MWh": ("MWh", True, ("mwh", "megawatt-hour")),
        "GJ": ("GJ", True, ("gj", "gigajoule")),
        "MJ": ("MJ", True, ("mj", "megajoule")),
        "kvarh": ("kvarh", True, ("kvarh", "kvar-h", "kvah r")),
        "varh": ("varh", True, ("varh",)),
        "kVAh": ("kVAh", True, ("kvah",)),
        "VAh": ("VAh", True, ("vah",)),
        "m³": ("m³", True, ("m³", "m3", "m^3", "cubic metre", "cubic meter", "kubieke meter", "kubikmeter", "cbm")),
        "Nm³": ("Nm³", True, ("nm³", "nm3")),
        "l": ("l", True, ("l", "liter", "litre", "liters", "litres", "ltr", "lt")),
        "dl": ("dl", True, ("dl", "deciliter", "decilitre")),
        "ft³": ("ft³", True, ("ft³", "ft3", "cubic feet", "cf")),
        "ccf": ("ccf", True, ("ccf", "hcf")),
        "therm": ("therm", True, ("therm", "therms", "thm")),
        "gal": ("gal", True, ("gal", "gallon", "gallons")),
        "W": ("W", False, ("w", "watt", "watts")),
        "kW": ("kW", False, ("kw", "kilowatt")),
        "MW": ("MW", False, ("mw", "megawatt")),
        "kvar": ("kvar", False, ("kvar",)),
        "kVA": ("kVA", False, ("kva",)),
        "V": ("V", False, ("v", "volt", "volts")),
        "°C": ("°C", False, ("°c", "c°", "degc", "deg c", "celsius", "grad celsius")),
        "°F": ("°F", False, ("°f", "degf", "fahrenheit")),
        "%": ("%", False, ("%", "percent", "pct")),
        "hPa": ("hPa", False, ("hpa",)),
        "bar": ("bar", False, ("bar",)),
        "lx": ("lx", False, ("lx", "lux")),
        "ppm": ("ppm", False, ("ppm",)),
    }
    words: dict[str, Unit] = {}
    for symbol, additive, aliases in table.values():
        unit = Unit(symbol, additive)
        for alias in (*aliases, symbol.lower()):
            words[alias] = unit
    return words


_WORDS = _units()
_BRACKETS = re.compile(r"^[\[(](.*)[\])]$")


def unit_of(label: str) -> Unit | None:
    """The unit a label names (``KWH``, ``[m3]``, ``Liter``, ``kWh``), or None when it names no real unit.

    Case does not matter, except that ``MWh``/``mWh`` and ``MW``/``mW`` are read as mega (no meter
    counts milliwatt-hours); a bare ``A`` (a phase) and ``(2)`` are not units.
    """
    text = label.strip()
    match = _BRACKETS.match(text)
    if match:
        text = match.group(1).strip()
    text = text.replace("\u00b3", "³").replace("\u2103", "°C").replace("º", "°")
    return _WORDS.get(text.lower())


def normalise_unit(label: str) -> str | None:
    """Home Log's spelling of the unit a label names, or None (see ``unit_of``)."""
    unit = unit_of(label)
    return unit.symbol if unit is not None else None
