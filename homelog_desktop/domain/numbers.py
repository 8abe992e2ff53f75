"""Stored doubles back to the Decimals that were entered."""

from __future__ import annotations

from decimal import Decimal

from .entities import Metric


def quantum(metric: Metric) -> Decimal:
    """The smallest step of ``metric``'s values (0.1 for one decimal)."""
    return Decimal(1).scaleb(-metric.decimals)


def to_decimal(value: float, q: Decimal) -> Decimal:
    """A stored double back to the Decimal that was entered (it had at most 15 significant digits)."""
    return Decimal(repr(value)).quantize(q)


def relative_change(now: Decimal | None, before: Decimal | None) -> Decimal | None:
    """(now - before) / |before|: +0.125 is 12.5 % more than before; None when it means nothing
    (either unknown, or nothing before)."""
    if now is None or before is None or before == 0:
        return None
    return (now - before) / abs(before)
