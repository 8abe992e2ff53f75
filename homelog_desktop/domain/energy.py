"""Energy from what a meter counts: dated conversion factors (m³ of gas, litres of oil, MWh → kWh).

Gas is metered in m³ and billed in kWh: ``kWh = m³ × calorific value × Z-number``, both changing
with each bill. A metric may have conversion factors, each valid from a local date until the next
one (like tariffs, ``domain/costs.py``): ``factor`` (the calorific value, kWh per litre of oil, or
1000 for MWh → kWh) times ``z_number`` (the gas correction; 1 for anything else) converts one
metered unit into ``unit``.

``convert`` turns a metric's consumption curve into the curve of the converted amount: the curve
gets a knot at every factor change inside its span, and each piece between knots is multiplied by
the factor in force there, so consumption spanning a change is split at the change exactly as a
tariff change splits cost. Everything computed from a curve (reports, cost, projection, dashboard,
charts) then works on the converted amount unchanged. Time before the first factor has no
converted amount: the converted curve starts at the first factor's date (``ConversionPlan.cut``).

Rule: a metric with conversion factors is priced per converted unit (its tariffs are per kWh, as
the bill is), whichever unit is shown.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, tzinfo
from decimal import Decimal, InvalidOperation

import numpy as np

from ..i18n import translate
from .consumption import Curve, Moment
from .entities import Metric
from .errors import ValidationError

#: The unit energy is converted into unless a factor says otherwise.
DEFAULT_UNIT = "kWh"
#: Largest factor accepted (MWh → Wh is 10⁶).
MAX_FACTOR = Decimal(1_000_000)
MAX_UNIT_LENGTH = 20


@dataclass(frozen=True, slots=True)
class ConversionFactor:
    """How one metered unit of a metric converts into ``unit``, from a local date on."""

    id: int | None
    metric_id: int
    valid_from: date
    #: Calorific value (kWh per m³), kWh per litre of oil, 1000 for MWh → kWh.
    factor: Decimal
    #: The gas Z-number (state number); 1 for anything that is not gas.
    z_number: Decimal = Decimal(1)
    #: The unit converted into.
    unit: str = DEFAULT_UNIT
    #: The stored row's version when read. Not part of equality.
    version: int = field(default=0, compare=False)

    @property
    def multiplier(self) -> Decimal:
        """Converted units per metered unit: ``factor × z_number``."""
        return self.factor * self.z_number


def check_factor(factor: ConversionFactor, *, taken: Sequence[date] = ()) -> None:
    """Refuse (ValidationError) a factor that cannot be stored: numbers above 0 up to a million, a unit,
    one factor per metric and day."""
    for name, value in (("Factor", factor.factor), ("Z-number", factor.z_number)):
        try:
            ok = value.is_finite() and Decimal(0) < value <= MAX_FACTOR
        except InvalidOperation:
            ok = False
        if not ok:
            raise ValidationError(name, "must be a number above 0 up to 1,000,000")
    unit = factor.unit.strip()
    if not unit or len(unit) > MAX_UNIT_LENGTH:
        raise ValidationError(
            translate("Energy", "Unit"),
            translate("Energy", "must be given, at most {most} characters (kWh)").format(most=MAX_UNIT_LENGTH),
        )
    if factor.valid_from in taken:
        raise ValidationError(
            translate("Energy", "Valid from"),
            translate("Energy", "this metric already has a factor from {date}").format(
                date=factor.valid_from.isoformat()
            ),
        )


@dataclass(frozen=True)
class ConversionPlan:
    """A metric's conversion factors in order, with the moments they start in a time zone."""

    factors: tuple[ConversionFactor, ...]
    starts: tuple[Moment, ...]

    @classmethod
    def of(cls, factors: Sequence[ConversionFactor], tz: tzinfo) -> ConversionPlan:
        ordered = tuple(sorted(factors, key=lambda f: f.valid_from))
        return cls(ordered, tuple(Moment.at_date(f.valid_from, tz) for f in ordered))

    @property
    def is_empty(self) -> bool:
        return not self.factors

    @property
    def unit(self) -> str | None:
        """The unit converted into (the latest factor's); None without factors."""
        return self.factors[-1].unit.strip() if self.factors else None

    @property
    def cut(self) -> int | None:
        """Epoch from which converted amounts exist (the first factor's start)."""
        return self.starts[0].epoch if self.starts else None

    def in_force(self, epoch: int) -> ConversionFactor | None:
        index = bisect.bisect_right([s.epoch for s in self.starts], epoch) - 1
        return self.factors[index] if index >= 0 else None


def convert(curve: Curve, plan: ConversionPlan) -> Curve:
    """The curve of the converted amount (see the module's docstring); ``curve`` itself without factors.

    Factors in a unit other than the latest one's are not mixed in: such a span has no converted
    amount, and the converted curve starts after it.
    """
    if plan.is_empty or curve.is_empty:
        return curve
    unit = plan.unit
    starts = np.array([s.epoch for s in plan.starts], dtype=np.int64)
    multipliers = np.array(
        [float(f.multiplier) if f.unit.strip() == unit else np.nan for f in plan.factors], dtype=np.float64
    )
    # The converted curve starts where the factors in the right unit start for good.
    wrong = np.flatnonzero(np.isnan(multipliers))
    first = int(wrong[-1]) + 1 if wrong.shape[0] else 0
    cut = max(int(starts[first]), curve.start)
    if cut >= curve.end:
        return _empty_like(curve)
    # The continuous part, at every knot of the curve and every factor change inside the span.
    inside = starts[(starts > cut) & (starts < curve.end)]
    knots = np.unique(np.concatenate(([cut], curve.ts[curve.ts > cut], inside)))
    xs = curve.ts.astype(np.float64)
    base = np.interp(knots.astype(np.float64), xs, curve.cum)
    piece = np.searchsorted(starts, knots[:-1], side="right") - 1
    rates = multipliers[piece]
    cum = np.concatenate(([0.0], np.cumsum(np.diff(base) * rates)))
    # Consumption at an instant: converted with the factor in force then.
    jump_ts = curve.jump_ts
    jump_cum = curve.jump_cum
    if jump_ts.shape[0]:
        amounts = np.diff(np.concatenate(([0.0], jump_cum)))
        keep = jump_ts > cut
        jump_ts, amounts = jump_ts[keep], amounts[keep]
        index = np.searchsorted(starts, jump_ts, side="right") - 1
        jump_cum = np.cumsum(amounts * multipliers[index])
    covered_starts, covered_ends = curve.covered_starts, curve.covered_ends
    if covered_starts is not None and covered_ends is not None:
        keep = covered_ends > cut
        covered_starts = np.maximum(covered_starts[keep], cut)
        covered_ends = covered_ends[keep]
    decreases = curve.decreases[curve.decreases > cut]
    return Curve(
        knots.astype(np.int64),
        cum,
        jump_ts.astype(np.int64),
        jump_cum.astype(np.float64),
        decreases=decreases,
        correction=curve.correction,
        covered_starts=covered_starts,
        covered_ends=covered_ends,
        unknown=curve.unknown,
    )


def _empty_like(curve: Curve) -> Curve:
    none = np.zeros(0, dtype=np.int64)
    gaps = curve.covered_starts is not None
    return Curve(none, np.zeros(0), covered_starts=none if gaps else None, covered_ends=none if gaps else None)


def unconverted_before(curve: Curve, plan: ConversionPlan) -> int | None:
    """The epoch up to which ``curve`` has readings but no factor (None: every reading converts)."""
    if plan.is_empty or curve.is_empty:
        return None
    converted = convert(curve, plan)
    head = converted.start if not converted.is_empty else curve.end
    return head if head > curve.start else None


def converted_metric(metric: Metric, plan: ConversionPlan) -> Metric:
    """``metric`` as its converted amounts are shown: the converted unit, and as many fewer decimals as
    the factor has digits before the point (m³ with 3 → kWh with 2; MWh with 3 → kWh with 0)."""
    if plan.is_empty:
        return metric
    largest = max(f.multiplier for f in plan.factors)
    digits = len(str(int(largest))) - 1 if largest >= 1 else 0
    return replace(metric, unit=plan.unit or DEFAULT_UNIT, decimals=max(metric.decimals - digits, 0))
