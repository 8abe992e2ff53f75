"""Texts of the charts: period names for axes and hover labels, numbers and money in the user's locale.

Qt only (QLocale for month names and number formats), no pyqtgraph: cheap to import and to test.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import QDate, QDateTime, QLocale

from ...i18n import translate

#: Currency symbols shown before an amount; other codes are written after it ("12.50 CHF").
CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _season(start: date) -> str:
    """A year's name: "2023/24" when it starts in 2023 on any month but January, else "2024"."""
    if start.month == 1:
        return str(start.year)
    return f"{start.year}/{(start.year + 1) % 100:02d}"


def period_axis_label(period: str | None, start: date, end: date, locale: QLocale | None = None) -> str:
    """The short label of a period on a chart's x axis: "Mar 2024", "Q1 2024", "2023/24", "5 Feb 2024"."""
    locale = locale or QLocale()
    kind = str(period) if period is not None else ""
    if kind == "month":
        return locale.toString(_qdate(start), translate("Charts", "MMM yyyy"))
    if kind == "quarter":
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    if kind in ("year", "billing_year", "heating_season"):
        return _season(start)
    return locale.toString(_qdate(start), translate("Charts", "d MMM yyyy"))


def period_axis_short_label(period: str | None, start: date, end: date, locale: QLocale | None = None) -> str:
    """The label without its year, drawn after a label of the same year: "Mar", "Q2", "5 Feb"."""
    locale = locale or QLocale()
    kind = str(period) if period is not None else ""
    if kind == "month":
        return locale.toString(_qdate(start), "MMM")
    if kind == "quarter":
        return f"Q{(start.month - 1) // 3 + 1}"
    if kind in ("year", "billing_year", "heating_season"):
        return _season(start)
    return locale.toString(_qdate(start), translate("Charts", "d MMM"))


def period_hover_label(period: str | None, start: date, end: date, locale: QLocale | None = None) -> str:
    """The full name of a period in a hover label: "March 2024", "Week 10, 4–10 Mar 2024", "Heating season 2023/24"."""
    locale = locale or QLocale()
    kind = str(period) if period is not None else ""
    last = end - timedelta(days=1)
    span = _span(start, last, locale)
    if kind == "day":
        return locale.toString(_qdate(start), translate("Charts", "dddd d MMMM yyyy"))
    if kind == "week":
        return translate("Charts", "Week {week}, {span}").format(week=start.isocalendar().week, span=span)
    if kind == "month":
        return locale.toString(_qdate(start), translate("Charts", "MMMM yyyy"))
    if kind == "quarter":
        return f"Q{(start.month - 1) // 3 + 1} {start.year} ({span})"
    if kind == "year" and start.month == 1:
        return str(start.year)
    if kind == "billing_year":
        return translate("Charts", "Billing year {year} ({span})").format(year=_season(start), span=span)
    if kind == "heating_season":
        return translate("Charts", "Heating season {year} ({span})").format(year=_season(start), span=span)
    return span


def _span(first: date, last: date, locale: QLocale) -> str:
    """Days ``first`` to ``last`` (both included): "4–10 Mar 2024", "28 Feb – 5 Mar 2024"."""
    if first == last:
        return locale.toString(_qdate(first), translate("Charts", "d MMM yyyy"))
    end = locale.toString(_qdate(last), translate("Charts", "d MMM yyyy"))
    if first.year != last.year:
        return f"{locale.toString(_qdate(first), translate('Charts', 'd MMM yyyy'))} – {end}"
    if first.month != last.month:
        return f"{locale.toString(_qdate(first), translate('Charts', 'd MMM'))} – {end}"
    return f"{first.day}–{end}"


def moment_label(ts: float, locale: QLocale | None = None) -> str:
    """A reading's time (epoch seconds UTC) in local time: "Tue 5 Mar 2024, 08:15"."""
    locale = locale or QLocale()
    moment = QDateTime.fromSecsSinceEpoch(round(ts))  # local time, with daylight saving
    return locale.toString(moment, translate("Charts", "ddd d MMM yyyy, HH:mm"))


def month_names(locale: QLocale | None = None) -> list[str]:
    """Jan..Dec, short standalone names in the locale."""
    locale = locale or QLocale()
    return [locale.standaloneMonthName(m, QLocale.FormatType.ShortFormat) for m in range(1, 13)]


def long_month_name(month: int, locale: QLocale | None = None) -> str:
    return (locale or QLocale()).standaloneMonthName(month, QLocale.FormatType.LongFormat)


def number(value: float | Decimal, decimals: int, locale: QLocale | None = None) -> str:
    """``value`` with ``decimals`` decimals and the locale's group separators ("12,345.6")."""
    return (locale or QLocale()).toString(float(value), "f", decimals)


def quantity(value: float | Decimal, unit: str, decimals: int, locale: QLocale | None = None) -> str:
    """An amount with its unit, "1,234.5 kWh" (no unit: the number alone)."""
    text = number(value, decimals, locale)
    return f"{text} {unit}" if unit else text


def money(value: float | Decimal, currency: str | None, locale: QLocale | None = None) -> str:
    """Money as everywhere else (views/figures.py): "€1,234.56" in English, "1.234,56 €" in German."""
    from ..figures import money as figures_money

    code = (currency or "").strip().upper() or None
    return figures_money(Decimal(repr(float(value))), code, locale)


def currency_label(currency: str | None) -> str:
    """What an axis of money says: "€", "CHF", or "Cost" without a currency."""
    code = (currency or "").strip()
    return CURRENCY_SYMBOLS.get(code.upper(), code) or translate("Charts", "Cost")


def decimals_for_step(step: float, most: int = 6) -> int:
    """How many decimals tick labels ``step`` apart need to differ (0 for steps of 1 or more)."""
    if not math.isfinite(step) or step <= 0:
        return 0
    return max(0, min(most, -math.floor(math.log10(step) + 1e-9)))


def value_decimals(values: list[float]) -> int:
    """Decimals that suit a set of amounts in a hover label: 0 from 1000 up, 1 from 10, else 2."""
    finite = [abs(v) for v in values if math.isfinite(v)]
    biggest = max(finite, default=0.0)
    if biggest >= 1000:
        return 0
    if biggest >= 10:
        return 1
    return 2
