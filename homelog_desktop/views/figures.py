"""Numbers, money, changes and periods as the dashboard and the Reports page show them (locale aware)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale

from ..i18n import translate

if TYPE_CHECKING:
    from ..domain.consumption import Period  # numpy: not imported for the dashboard at start-up

#: Shown where a figure is unknown.
DASH = "—"

_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "CHF": "CHF", "JPY": "¥", "SEK": "kr", "NOK": "kr", "DKK": "kr"}


def number(value: Decimal | None, decimals: int, locale: QLocale | None = None) -> str:
    """``value`` rounded half-up to ``decimals`` with the locale's separators ("1,234.5")."""
    if value is None:
        return DASH
    locale = locale or QLocale()
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    # QLocale formats a double; a rounded Decimal below 10^15 converts exactly enough for display.
    return locale.toString(float(rounded), "f", decimals)


def decimals_for(value: Decimal | None, metric_decimals: int) -> int:
    """Decimals worth showing for a consumption figure: fewer for big numbers."""
    if value is None:
        return metric_decimals
    magnitude = abs(value)
    if magnitude >= 1000:
        return 0
    if magnitude >= 100:
        return min(metric_decimals, 1)
    return min(max(metric_decimals, 1), 2)


def quantity(value: Decimal | None, unit: str, decimals: int, locale: QLocale | None = None) -> str:
    """ "1,234.5 kWh"."""
    if value is None:
        return DASH
    text = number(value, decimals, locale)
    return f"{text} {unit}" if unit else text


def money(value: Decimal | None, currency: str | None, locale: QLocale | None = None) -> str:
    """``value`` rounded to cents (only here, for display) with its currency where the locale puts it:
    "-€1,234.56" in English, "-1.234,56 €" in German, "-1234.56 EUR" in the C locale (no conventions)."""
    if value is None:
        return DASH
    locale = locale or QLocale()
    symbol = _SYMBOLS.get(currency or "", currency or "")
    rounded = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if not symbol:
        return number(rounded, 2, locale)
    if locale.language() == QLocale.Language.C:  # no conventions (LC_ALL=C, the command line): "812.50 EUR"
        return f"{number(rounded, 2, locale)} {currency}"
    text = locale.toCurrencyString(float(abs(rounded)), symbol, 2)
    if symbol.isalpha() and symbol in text and symbol not in text.split():  # "CHF1,234.50": a word apart
        text = text.replace(symbol, f"{symbol} ") if text.startswith(symbol) else text.replace(symbol, f" {symbol}")
    return f"{locale.negativeSign()}{text}" if rounded < 0 else text


def count(n: int, locale: QLocale | None = None) -> str:
    """A count with the locale's grouping ("1,234" / "1.234")."""
    return (locale or QLocale()).toString(n)


def change(value: Decimal | None, locale: QLocale | None = None) -> str:
    """A relative change as "▲ 12.5 %" / "▼ 3.0 %" / "± 0.0 %"; ``value`` 0.125 means +12.5 %."""
    if value is None:
        return DASH
    percent = (value * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    arrow = "▲" if percent > 0 else "▼" if percent < 0 else "±"
    return f"{arrow} {number(abs(percent), 1, locale)} %"


def period_label(period: Period, start: date, end: date, locale: QLocale | None = None) -> str:
    """How a report's period is named in the table: "Mar 2025", "Q1 2025", "W10 2025", "2024/25"..."""
    locale = locale or QLocale()
    qstart = QDate(start.year, start.month, start.day)
    if period == "day":
        return locale.toString(qstart, translate("Figures", "ddd d MMM yyyy", "date format: a report's day"))
    if period == "week":
        iso_year, iso_week, _ = start.isocalendar()
        week = translate("Figures", "W%1 %2").replace("%1", f"{iso_week:02d}").replace("%2", str(iso_year))
        return f"{week} · {day_month(qstart, locale)}"
    if period == "month":
        return locale.toString(qstart, "MMM yyyy")
    if period == "quarter":
        quarter = translate("Figures", "Q%1 %2")
        return quarter.replace("%1", str((start.month - 1) // 3 + 1)).replace("%2", str(start.year))
    if period == "year":
        return str(start.year)
    if period == "heating_season":
        return f"{start.year}/{(start.year + 1) % 100:02d}"
    last = end - timedelta(days=1)
    if start.month == 1 and last.year == start.year:
        return str(start.year)
    qlast = QDate(last.year, last.month, 1)
    return f"{locale.toString(qstart, 'MMM yyyy')} – {locale.toString(qlast, 'MMM yyyy')}"


def day_month(day: date | QDate, locale: QLocale | None = None) -> str:
    """A day of the month and its month, as the language writes it: "12 Nov", "12. Nov."."""
    qday = day if isinstance(day, QDate) else QDate(day.year, day.month, day.day)
    # A date format in the translations: German writes "d. MMM"
    return (locale or QLocale()).toString(qday, translate("Figures", "d MMM", "date format: day and short month"))


def date_text(day: date, locale: QLocale | None = None) -> str:
    locale = locale or QLocale()
    return locale.toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


def projection_basis(method: str, scale: Decimal | None, year: int | None, locale: QLocale | None = None) -> str:
    """How a projected year was worked out, in a few words ("by 2024's seasonal profile × 1.09")."""
    if method == "seasonal" and year is not None:
        if scale is None:  # several registers, each with its own scale
            return translate("Figures", "%1’s seasons, scaled to this year").replace("%1", str(year - 1))
        text = translate("Figures", "%1’s seasons × %2 (this year vs last)")
        return text.replace("%1", str(year - 1)).replace("%2", number(scale, 2, locale))
    return translate("Figures", "recent daily rate × 365")


def projection_basis_tip(method: str, year: int | None) -> str:
    """The method of a projected year, in a sentence (tooltips)."""
    if method == "seasonal" and year is not None:
        text = translate(
            "Figures",
            "%1 so far, plus the rest of the year as %2 had it, scaled by how %1 compares with %2 so far.",
        )
        return text.replace("%1", str(year)).replace("%2", str(year - 1))
    return translate(
        "Figures",
        "The daily rate of the last 90 days of readings × 365 (a year of history gives a seasonal projection).",
    )
