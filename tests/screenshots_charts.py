"""Render the Reports page's charts to PNG files, offscreen, in light and dark palettes.

Three years of weekly readings of an electricity meter (like the sample household's): the readings
chart, monthly consumption bars with cost, the months year over year, each with a hover label
showing; a temperature sensor's weekly means; 156 weeks on a narrow chart; a long metric name and
unit; the empty states; and a million readings zoomed out and in. ``shoot_charts(out)`` can be
called from ``tests/screenshots.py``; it also runs on its own:

    QT_QPA_PLATFORM=offscreen python -m tests.screenshots_charts [--out DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

import numpy as np
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]
#: Where the readings start (the sample household's kind of history: three years, weekly).
START = datetime(2022, 1, 3, 8, 0).astimezone()


def weekly_readings(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Three years of weekly readings of an electricity counter, more in winter, read at varying times."""
    n = 3 * 52
    ts = int(START.timestamp()) + np.arange(n, dtype=np.int64) * 7 * 86400 + rng.integers(-7200, 7200, n)
    weekly_use = 60 + 25 * np.cos(np.arange(n) / 52 * 2 * np.pi) + rng.normal(0, 6, n)
    return ts, 12000 + np.cumsum(weekly_use)


def monthly_rows(
    rng: np.random.Generator,
) -> tuple[list[date], list[date], list[Decimal], list[Decimal], list[Decimal]]:
    """Monthly consumption and cost (0.32 a kWh + 0.45 a day) for 2022–2024; first and last months partial."""
    starts, ends, use, cost, days = [], [], [], [], []
    day = date(2022, 1, 1)
    while day < date(2025, 1, 1):
        end = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        amount = Decimal(str(round(260 + 110 * np.cos((day.month - 1) / 12 * 2 * np.pi) + rng.normal(0, 15), 1)))
        starts.append(day)
        ends.append(end)
        use.append(amount)
        cost.append((amount * Decimal("0.32") + Decimal("0.45") * (end - day).days).quantize(Decimal("0.01")))
        days.append(Decimal((end - day).days))
        day = end
    days[0], days[-1] = Decimal("28.7"), Decimal("12.4")
    return starts, ends, use, cost, days


def shoot_charts(out: Path) -> list[Path]:
    """Write the chart screenshots to ``out``; returns their paths."""
    from homelog_desktop.views.charts import ChartBase, ConsumptionChart, ReadingsChart, YearOverYearChart
    from tests.benchmarks.bench_chart import make_data
    from tests.screenshots import dark_palette

    app = QApplication.instance() or QApplication(sys.argv[:1])
    out.mkdir(parents=True, exist_ok=True)
    taken: list[Path] = []

    def shoot(name: str, build: Callable[[], ChartBase], size: tuple[int, int] = (820, 380), hover=None) -> None:
        for dark in (False, True):
            chart = build()
            if dark:
                chart.setPalette(dark_palette())
            chart.resize(*size)
            chart.show()
            app.processEvents()
            chart.grab()  # pyqtgraph sizes its axes to their labels while painting
            app.processEvents()
            if hover is not None:
                chart.show_hover_at(hover)
            path = out / f"chart-{name}-{'dark' if dark else 'light'}.png"
            chart.grab().save(str(path))
            taken.append(path)
            chart.close()
            chart.deleteLater()

    rng = np.random.default_rng(1)
    ts, values = weekly_readings(rng)
    starts, ends, use, cost, days = monthly_rows(rng)

    def readings(unit: str = "kWh", name: str = "Reading") -> ReadingsChart:
        chart = ReadingsChart(title="Electricity · Day register readings")
        chart.set_data(ts, values, unit=unit, metric_name=name, decimals=1)
        return chart

    def consumption(unit: str = "kWh") -> ConsumptionChart:
        chart = ConsumptionChart(title="Electricity · consumption per month")
        chart.set_data(starts, ends, use, cost, days=days, period="month", unit=unit, currency="EUR")
        return chart

    def year_over_year() -> YearOverYearChart:
        by_year: dict[int, list[Decimal | None]] = {}
        for start, amount in zip(starts, use, strict=True):
            by_year.setdefault(start.year, [None] * 12)[start.month - 1] = amount
        by_year[2025] = [*by_year[2024][:3], Decimal("118.5"), *([None] * 8)]
        coverage = {2025: [(31.0, 31), (28.0, 28), (31.0, 31), (12.4, 30), *([None] * 8)]}
        chart = YearOverYearChart(title="Electricity · months year over year")
        chart.set_data(by_year, unit="kWh", metric_name="Consumption", coverage=coverage)
        return chart

    def temperature() -> ConsumptionChart:
        chart = ConsumptionChart(title="Living room · temperature per week")
        weeks = [date(2024, 1, 1) + timedelta(weeks=i) for i in range(30)]
        mean = [Decimal(str(round(19 + 2 * np.sin(i / 6), 1))) for i in range(30)]
        chart.set_gauge_data(
            weeks,
            [w + timedelta(weeks=1) for w in weeks],
            mean,
            [m - Decimal("2.5") for m in mean],
            [m + Decimal("3.1") for m in mean],
            period="week",
            unit="°C",
            metric_name="Temperature",
        )
        return chart

    def weekly_narrow() -> ConsumptionChart:
        chart = ConsumptionChart(title="Water · consumption per week")
        weeks = [date(2022, 1, 3) + timedelta(weeks=i) for i in range(156)]
        amounts = [Decimal(str(round(2 + np.sin(i / 8), 2))) for i in range(156)]
        chart.set_data(weeks, [w + timedelta(weeks=1) for w in weeks], amounts, period="week", unit="m³")
        return chart

    def million(zoomed: bool) -> Callable[[], ReadingsChart]:
        def build() -> ReadingsChart:
            big_ts, big_values = make_data(1_000_000)
            chart = ReadingsChart(title="1,000,000 readings")
            chart.set_data(big_ts, big_values, unit="kWh", metric_name="Reading")
            if zoomed:
                middle = float(big_ts[500_000])
                chart._view.setXRange(middle, middle + 3 * 86400, padding=0)
            return chart

        return build

    def replaced() -> ReadingsChart:
        chart = readings()
        at = int(ts[90]) + 3 * 86400
        new = values.copy()
        new[91:] -= new[91] - 35.0  # the new meter starts near zero
        chart.set_data(ts, new, unit="kWh", metric_name="Reading", decimals=1, events=[(at, "Meter replaced")])
        return chart

    shoot("readings", readings, hover=float(ts[60]))
    shoot("readings-meter-replaced", replaced)
    shoot("consumption", consumption, hover=13)
    shoot("year-over-year", year_over_year, hover=3)
    shoot("gauge", temperature, hover=10)
    shoot("weekly-narrow", weekly_narrow, (520, 300))
    shoot("long-names", lambda: readings("litres of heating oil (tank gauge)", "Day tariff register, main house"))
    shoot("long-unit-consumption", lambda: consumption("litres of heating oil"))
    shoot("readings-empty", ReadingsChart, (600, 300))
    shoot("consumption-empty", ConsumptionChart, (600, 300))
    shoot("year-over-year-empty", YearOverYearChart, (600, 300))
    shoot("million", million(False))
    shoot("million-zoomed", million(True))
    return taken


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    for path in shoot_charts(args.out):
        print(path)
    app.processEvents()


if __name__ == "__main__":
    main()
