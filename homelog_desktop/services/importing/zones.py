"""Time zones a file states: in the header of its time column (``Date/time UTC``, ``Zeit (MEZ)``) or in a
column of its own (``CET``/``CEST``, ``MEZ``/``MESZ``, ``+01:00``, ``UTC+2``).

A zone the file states is exact, whatever the order of its rows: it wins over the order-based
reading of the repeated autumn hour (``convert.LocalTimes``), which only naive local times need.
"""

from __future__ import annotations

import functools
import re

#: Abbreviations exports write for a fixed offset from UTC (hours, minutes).
_ABBREVIATIONS: dict[str, tuple[int, int]] = {
    "utc": (0, 0),
    "gmt": (0, 0),
    "z": (0, 0),
    "wet": (0, 0),
    "west": (1, 0),
    "bst": (1, 0),
    "ist": (1, 0),
    "cet": (1, 0),
    "mez": (1, 0),
    "wintertijd": (1, 0),
    "winterzeit": (1, 0),
    "normalzeit": (1, 0),
    "cest": (2, 0),
    "mesz": (2, 0),
    "zomertijd": (2, 0),
    "sommerzeit": (2, 0),
    "eet": (2, 0),
    "eest": (3, 0),
    "est": (-5, 0),
    "edt": (-4, 0),
    "cst": (-6, 0),
    "cdt": (-5, 0),
    "mst": (-7, 0),
    "mdt": (-6, 0),
    "pst": (-8, 0),
    "pdt": (-7, 0),
    "akst": (-9, 0),
    "akdt": (-8, 0),
    "hst": (-10, 0),
    "aest": (10, 0),
    "aedt": (11, 0),
    "acst": (9, 30),
    "acdt": (10, 30),
    "awst": (8, 0),
    "nzst": (12, 0),
    "nzdt": (13, 0),
}
#: ``UTC+1``, ``GMT-05:00``, or an offset with its minutes (``+01:00``, ``-0500``); never a bare signed
#: number (``+1`` in a column of amounts is no zone).
_OFFSET = re.compile(r"(?:utc|gmt)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?|([+-])(\d{2}):?(\d{2})", re.I)
#: A zone named in a header: a word of its own (``Date/time UTC``, ``Zeit (MEZ)``, ``Start (UTC+01:00)``).
_HEADER_ZONE = re.compile(
    r"(?<![^\W_])(utc|gmt|cet|cest|mez|mesz|z)(?:\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?)?(?![^\W_])", re.I
)


def offset_of(cell: str) -> str | None:
    """The UTC offset a zone cell states, as ``+HH:MM`` (``CEST`` -> ``+02:00``, ``UTC+1`` -> ``+01:00``), or None."""
    text = cell.strip().strip("()[]").strip()
    if not text:
        return None
    fixed = _ABBREVIATIONS.get(text.casefold())
    if fixed is not None:
        return _format(*fixed)
    found = _OFFSET.fullmatch(text)
    if found is None:
        return None
    if found[1]:
        sign_text, hours, minutes = found[1], int(found[2]), int(found[3] or 0)
    else:
        sign_text, hours, minutes = found[4], int(found[5]), int(found[6])
    if hours > 14 or minutes > 59:
        return None
    sign = -1 if sign_text == "-" else 1
    return _format(sign * hours, sign * minutes)


def is_zone_column(cells: list[str]) -> bool:
    """Whether a column's cells all state a zone (and at least one is not empty)."""
    texts = [c for c in cells if c.strip()]
    return bool(texts) and all(offset_of(c) is not None for c in texts)


def zone_of_header(*headers: str) -> str | None:
    """The time zone (an IANA name) a time column's header states, or None: ``Date/time UTC`` -> ``UTC``,
    ``Zeit (MEZ)`` -> ``Etc/GMT-1`` (winter time all year), ``Start (UTC+02:00)`` -> ``Etc/GMT-2``."""
    for header in headers:
        found = _HEADER_ZONE.search(header)
        if found is None:
            continue
        word = found[1].casefold()
        hours, minutes = _ABBREVIATIONS[word] if word in _ABBREVIATIONS else (0, 0)
        if found[2]:
            sign = -1 if found[2] == "-" else 1
            hours, minutes = sign * int(found[3]), sign * int(found[4] or 0)
        if minutes:
            continue  # no IANA zone for a fixed offset of half hours; the user chooses one
        if hours == 0:
            return "UTC"
        # IANA's Etc zones count the other way round: Etc/GMT-1 is one hour ahead of UTC.
        return f"Etc/GMT{'-' if hours > 0 else '+'}{abs(hours)}"
    return None


def _format(hours: int, minutes: int) -> str:
    total = hours * 60 + minutes
    sign = "-" if total < 0 else "+"
    total = abs(total)
    return f"{sign}{total // 60:02d}:{total % 60:02d}"


def zone_to_read(chosen: str | None, stated: str | None) -> str | None:
    """The zone an import reads naive times in (an IANA name; None: the computer's): the user's choice
    (``--time-zone``, the wizard's), else the zone the file states in a header (``zone_of_header``).

    The one rule of the command line and the wizard. Times with an offset in their cells and a column
    of zones are exact whatever it says.
    """
    return chosen or stated


def check_zone(name: str) -> str:
    """``name`` when it is an IANA time zone (``Europe/Amsterdam``, ``UTC``); ImportFileError otherwise."""
    from .convert import CellError, local_zone
    from .model import ImportFileError

    try:
        local_zone(name)
    except CellError as exc:
        from ...i18n import translate

        raise ImportFileError(
            translate("ImportConvert", "{problem} (an IANA name such as Europe/Amsterdam or UTC)").format(problem=exc)
        ) from None
    return name


def system_zone_name() -> str:
    """The IANA name of the computer's time zone (``Europe/Amsterdam``), as the import reads naive times in it."""
    from ...config import system_zone

    zone = system_zone()
    return str(getattr(zone, "key", None) or zone)


@functools.cache
def available_zones() -> tuple[str, ...]:
    """Every IANA zone this computer knows, sorted (about 0.2 s the first time: run it in a worker)."""
    from zoneinfo import available_timezones

    return tuple(sorted(z for z in available_timezones() if "/" in z or z == "UTC"))
