"""The bill forecast: advance payments against what the billing year's consumption will cost.

Households pay a monthly advance and get a settlement at the end of the billing year (the source's
``billing_start_month``). A source records its advances as an amount per month from a date (until
the next one). The rule:

- An advance is due on the first day of each month; the amount is the one in force on that day.
  A month before the first advance pays nothing.
- **Paid** so far: the advances due from the billing year's start up to and including today.
  **Due for the year**: the advances of all twelve months.
- **Cost so far**: the consumption from the billing year's start to the last reading at the tariffs
  in force (``domain/costs.py``); **forecast cost**: that plus the rest of the year projected by
  ``domain/projection.forecast_period`` (last year's profile, else the recent rate).
- **Settlement** = advances due for the year − forecast cost: positive is a refund, negative a back
  payment. Money is Decimal; round to cents only to display it.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta, tzinfo
from decimal import Decimal, InvalidOperation

from ..i18n import QT_TRANSLATE_NOOP, translate
from .consumption import Curve, Period, add_months, period_start
from .costs import TariffPlan, money
from .errors import ValidationError
from .projection import PeriodForecast, ProjectionMethod, forecast_period

#: Largest monthly advance accepted.
MAX_ADVANCE = Decimal(1_000_000)
MONTHS = 12


@dataclass(frozen=True, slots=True)
class AdvancePayment:
    """A source's advance payment per month, from a local date on (until the next one)."""

    id: int | None
    source_id: int
    valid_from: date
    #: Paid on the first of every month.
    amount: Decimal
    #: ISO 4217 code, e.g. "EUR".
    currency: str = "EUR"
    #: The stored row's version when read. Not part of equality.
    version: int = field(default=0, compare=False)


def check_advance(advance: AdvancePayment, *, taken: Sequence[date] = ()) -> None:
    """Refuse (ValidationError) an advance that cannot be stored."""
    try:
        ok = advance.amount.is_finite() and Decimal(0) <= advance.amount < MAX_ADVANCE
    except InvalidOperation:
        ok = False
    if not ok:
        raise ValidationError(
            translate("Settlement", "Amount per month"),
            translate("Settlement", "must be a number from 0 up to 1,000,000"),
        )
    code = advance.currency.strip()
    if not (len(code) == 3 and code.isascii() and code.isalpha()):
        raise ValidationError(
            translate("Settlement", "Currency"),
            translate("Settlement", "must be a three-letter code such as EUR, GBP or USD"),
        )
    if advance.valid_from in taken:
        raise ValidationError(
            translate("Settlement", "Valid from"),
            translate("Settlement", "this source already has an advance from {date}").format(
                date=advance.valid_from.isoformat()
            ),
        )


def billing_year(today: date, billing_start_month: int) -> tuple[date, date]:
    """The billing year holding ``today``: its first day and the first day after it."""
    first = period_start(today, Period.BILLING_YEAR, billing_start_month)
    return first, add_months(first, MONTHS)


def advance_on(advances: Sequence[AdvancePayment], day: date) -> AdvancePayment | None:
    """The advance in force on ``day`` (None before the first)."""
    ordered = sorted(advances, key=lambda a: a.valid_from)
    index = bisect.bisect_right([a.valid_from for a in ordered], day) - 1
    return ordered[index] if index >= 0 else None


def advances_due(advances: Sequence[AdvancePayment], first: date, until: date) -> Decimal:
    """The advances due on the first days of the months from ``first`` up to and including ``until``."""
    total = Decimal(0)
    month = first.replace(day=1) if first.day == 1 else add_months(first.replace(day=1), 1)
    while month <= until:
        advance = advance_on(advances, month)
        if advance is not None:
            total += advance.amount
        month = add_months(month, 1)
    return total


@dataclass(frozen=True, slots=True)
class Settlement:
    """The current billing year's advances, cost so far and forecast settlement."""

    year_start: date
    year_end: date  # exclusive
    currency: str
    #: Advances due so far (up to today) and for the whole billing year.
    paid: Decimal
    due_for_year: Decimal
    #: Cost from the billing year's start to the last reading (None: no tariff for all of it).
    cost_so_far: Decimal | None
    #: Cost of the whole billing year, forecast (None: no tariff, or no projection).
    forecast_cost: Decimal | None
    method: ProjectionMethod | None = None
    #: The data begin after the billing year's start (the figures cover only the part from then).
    partial_from: date | None = None
    #: The year is over (``settle_closed``): the cost is the year's own, not a forecast.
    closed: bool = False

    @property
    def balance(self) -> Decimal | None:
        """Advances for the year − forecast cost: positive is a refund, negative a back payment."""
        return None if self.forecast_cost is None else self.due_for_year - self.forecast_cost

    @property
    def is_refund(self) -> bool:
        balance = self.balance
        return balance is not None and balance >= 0


def settle(
    advances: Sequence[AdvancePayment],
    forecast: PeriodForecast | None,
    today: date,
    billing_start_month: int,
    currency: str | None,
) -> Settlement | None:
    """The settlement of the billing year holding ``today`` (None without advances, or when the
    advances are in a different currency from the tariffs)."""
    if not advances:
        return None
    first, after = billing_year(today, billing_start_month)
    advance_currency = (advance_on(advances, today) or min(advances, key=lambda a: a.valid_from)).currency
    advance_currency = advance_currency.strip().upper()
    if currency is not None and currency != advance_currency:
        return None
    in_currency = [a for a in advances if a.currency.strip().upper() == advance_currency]
    paid = advances_due(in_currency, first, today)
    due = advances_due(in_currency, first, add_months(first, MONTHS - 1))
    if forecast is None:
        return Settlement(first, after, advance_currency, paid, due, None, None)
    return Settlement(
        first,
        after,
        advance_currency,
        paid,
        due,
        forecast.so_far_cost,
        forecast.cost,
        forecast.method,
        forecast.partial_from,
    )


def settle_closed(
    advances: Sequence[AdvancePayment], first: date, after: date, cost: Decimal | None, currency: str | None
) -> Settlement | None:
    """The settlement of a year that is over (the annual report's past year ``first``..``after``):
    the advances due on the first days of its months against the cost of its consumption. None
    without advances, or when the advances are in a different currency from the tariffs."""
    if not advances:
        return None
    last_month = add_months(after, -1)
    code = (advance_on(advances, last_month) or min(advances, key=lambda a: a.valid_from)).currency.strip().upper()
    if currency is not None and currency != code:
        return None
    due = advances_due([a for a in advances if a.currency.strip().upper() == code], first, last_month)
    return Settlement(first, after, code, due, due, cost, cost, closed=True)


@dataclass(frozen=True, slots=True)
class BillRegister:
    """One usage register of a source as its bill prices it: the priced curve (kWh for gas), its
    tariffs and the decimals its amounts are rounded to."""

    curve: Curve
    plan: TariffPlan
    places: int


def source_settlement(
    advances: Sequence[AdvancePayment],
    registers: Sequence[BillRegister],
    tz: tzinfo,
    today: date,
    billing_start_month: int,
) -> Settlement | None:
    """The source's settlement of the billing year holding ``today`` over all its usage registers
    (a day/night meter's costs add up to one bill): the dashboard card's and the reports'.

    Registers never read (under two readings: a night register on a single-rate contract) take no
    part (the first is kept when none is read). The forecast needs every register taking part
    priced in one currency; else the settlement shows only the advances."""
    if not advances:
        return None
    used = [r for r in registers if not r.curve.is_empty and r.curve.start < r.curve.end] or list(registers[:1])
    currencies = {r.plan.currency for r in used}
    currency = currencies.pop() if len(currencies) == 1 else None
    forecast = None
    if currency is not None:
        forecast = combined(
            [register_forecast(r.curve, r.plan, tz, r.places, today, billing_start_month) for r in used]
        )
    return settle(advances, forecast, today, billing_start_month, currency)


def combined(forecasts: Sequence[PeriodForecast | None]) -> PeriodForecast | None:
    """The forecasts of a source's registers (a day/night meter) summed; None if any is missing."""
    if not forecasts or any(f is None for f in forecasts):
        return None
    found = [f for f in forecasts if f is not None]
    if len(found) == 1:
        return found[0]

    def total(values: Sequence[Decimal | None]) -> Decimal | None:
        return None if any(v is None for v in values) else sum((v for v in values if v is not None), Decimal(0))

    methods = {f.method for f in found}
    partial = [f.partial_from for f in found if f.partial_from is not None]
    return PeriodForecast(
        sum((f.so_far for f in found), Decimal(0)),
        total([f.so_far_cost for f in found]),
        sum((f.rest for f in found), Decimal(0)),
        total([f.rest_cost for f in found]),
        methods.pop() if len(methods) == 1 else ProjectionMethod.RECENT_RATE,
        partial_from=max(partial) if partial else None,
    )


def register_forecast(
    curve: Curve, plan: TariffPlan, tz: tzinfo, places: int, today: date, billing_start_month: int
) -> PeriodForecast | None:
    """One register's forecast of the billing year holding ``today`` (its priced curve: kWh for gas)."""
    first, after = billing_year(today, billing_start_month)
    return forecast_period(curve, plan, tz, places, first, after)


def _plain_money(value: Decimal, currency: str) -> str:
    return f"{money(value) + 0:,.2f} {currency}"


#: The line of the forecast (the Reports page shows it in bold).
FORECAST_LINE = QT_TRANSLATE_NOOP("Settlement", "Forecast for the year {cost} (by {how}): {verdict}")


def settlement_lines(
    settlement: Settlement,
    money_text: Callable[[Decimal, str], str] = _plain_money,
    day_text: Callable[[date], str] = date.isoformat,
) -> list[str]:
    """The settlement in a few lines of text (the command line's table, the Reports page's footer).

    ``money_text(amount, currency)`` and ``day_text(day)``: how money and days are written (the
    window passes its locale's way).
    """
    first, last = settlement.year_start, settlement.year_end - timedelta(days=1)
    currency = settlement.currency
    if settlement.closed:
        return _closed_lines(settlement, money_text, day_text)
    lines = [
        translate("Settlement", "Billing year {first} to {last}: advances paid so far {paid} of {due}").format(
            first=day_text(first),
            last=day_text(last),
            paid=money_text(settlement.paid, currency),
            due=money_text(settlement.due_for_year, currency),
        )
    ]
    if settlement.cost_so_far is not None:
        lines.append(
            translate("Settlement", "Consumption so far costs {cost}").format(
                cost=money_text(settlement.cost_so_far, currency)
            )
        )
    balance = settlement.balance
    if balance is None or settlement.forecast_cost is None:
        lines.append(
            translate(
                "Settlement", "Forecast settlement: not known yet (needs a tariff and readings in this billing year)"
            )
        )
        return lines
    how = (
        translate("Settlement", "last year's profile")
        if settlement.method is ProjectionMethod.SEASONAL
        else translate("Settlement", "the recent daily rate")
    )
    verdict = _verdict(balance, currency, money_text)
    lines.append(
        translate("Settlement", FORECAST_LINE).format(
            cost=money_text(settlement.forecast_cost, currency), how=how, verdict=verdict
        )
    )
    if settlement.partial_from is not None:
        lines.append(
            translate("Settlement", "(readings begin on {day}: the cost before then is not included)").format(
                day=day_text(settlement.partial_from)
            )
        )
    return lines


def _verdict(balance: Decimal, currency: str, money_text: Callable[[Decimal, str], str]) -> str:
    if balance >= 0:
        return translate("Settlement", "a refund of {amount}").format(amount=money_text(balance, currency))
    return translate("Settlement", "a back payment of {amount}").format(amount=money_text(-balance, currency))


def _closed_lines(
    settlement: Settlement, money_text: Callable[[Decimal, str], str], day_text: Callable[[date], str]
) -> list[str]:
    first, last = settlement.year_start, settlement.year_end - timedelta(days=1)
    currency = settlement.currency
    lines = [
        translate("Settlement", "{first} to {last}: advances paid {paid}").format(
            first=day_text(first), last=day_text(last), paid=money_text(settlement.paid, currency)
        )
    ]
    balance = settlement.balance
    if balance is None or settlement.forecast_cost is None:
        lines.append(translate("Settlement", "Settlement: not known (needs a tariff for the whole year)"))
        return lines
    verdict = _verdict(balance, currency, money_text)
    lines.append(
        translate("Settlement", "Cost of the year {cost}: {verdict}").format(
            cost=money_text(settlement.forecast_cost, currency), verdict=verdict
        )
    )
    return lines
