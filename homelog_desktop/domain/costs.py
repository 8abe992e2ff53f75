"""Cost of consumption under a metric's tariffs, split exactly where a tariff changes.

A tariff is in force from local midnight of its ``valid_from`` date until the next tariff of the
metric starts. The cost of a span is, for each piece between tariff changes, the consumption of the
piece (see ``Curve``) times the unit price in force plus the piece's days times the standing
charge. The standing charge counts only for days covered by data (from the first to the last
reading): a month with readings up to the 15th is charged 14.x days, so the cost of a report's rows
adds up to what was paid for the period the readings describe, never to guesses beyond it.

Money is Decimal throughout and never rounded here (round to cents only to display it). A span
(or part of one) before the first tariff, or under a tariff in a different currency from the
latest one, has no cost (None): a partial figure would look complete and be wrong.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import tzinfo
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from .consumption import Curve, Moment, to_decimal
from .entities import Tariff

CENT = Decimal("0.01")
#: Decimals of consumption priced: only the float's noise is rounded away.
PRICED_PLACES = 9


def money(value: Decimal) -> Decimal:
    """``value`` rounded to cents for display (half up)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class TariffPlan:
    """A metric's tariffs in order, with the moments they start in a time zone."""

    tariffs: tuple[Tariff, ...]
    starts: tuple[Moment, ...]
    #: The currency of the latest tariff (costs are in it); None without tariffs.
    currency: str | None

    @classmethod
    def of(cls, tariffs: Sequence[Tariff], tz: tzinfo) -> TariffPlan:
        ordered = tuple(sorted(tariffs, key=lambda t: t.valid_from))
        starts = tuple(Moment.at_date(t.valid_from, tz) for t in ordered)
        return cls(ordered, starts, ordered[-1].currency if ordered else None)

    @property
    def is_empty(self) -> bool:
        return not self.tariffs

    def in_force(self, epoch: int) -> Tariff | None:
        """The tariff in force at ``epoch`` (None before the first, or in another currency)."""
        index = bisect.bisect_right([s.epoch for s in self.starts], epoch) - 1
        if index < 0:
            return None
        tariff = self.tariffs[index]
        return tariff if tariff.currency == self.currency else None


def span_costs(
    curve: Curve, plan: TariffPlan, spans: Sequence[tuple[Moment, Moment]], places: int
) -> list[Decimal | None]:
    """The cost of each span ``(from, to)`` (within the curve's span); None where a part has no tariff.

    ``places``: decimals the consumption of each piece is kept with before it is priced (at least
    ``PRICED_PLACES``, so that many small pieces, days, add up to what one big piece costs).
    """
    places = max(places, PRICED_PLACES)
    if plan.is_empty or not spans:
        return [None] * len(spans)
    epochs = [s.epoch for s in plan.starts]
    pieces: list[tuple[int, Moment, Moment, Tariff | None]] = []
    for index, (start, end) in enumerate(spans):
        cut = start
        first = bisect.bisect_right(epochs, start.epoch)
        last = bisect.bisect_left(epochs, end.epoch)
        for change in plan.starts[first:last]:
            pieces.append((index, cut, change, plan.in_force(cut.epoch)))
            cut = change
        pieces.append((index, cut, end, plan.in_force(cut.epoch)))
    amounts = curve.between(
        np.array([p[1].epoch for p in pieces], dtype=np.int64), np.array([p[2].epoch for p in pieces], dtype=np.int64)
    )
    costs: list[Decimal | None] = [Decimal(0)] * len(spans)
    for (index, start, end, tariff), amount in zip(pieces, amounts.tolist(), strict=True):
        total = costs[index]
        if total is None:
            continue
        if tariff is None:
            costs[index] = None
            continue
        days = end.day - start.day
        costs[index] = total + to_decimal(amount, places) * tariff.unit_price + days * tariff.standing_charge
    return costs
