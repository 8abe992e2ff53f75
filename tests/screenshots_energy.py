"""Render the energy screens to PNG files, offscreen: the source dialog's Energy tab, the Reports
page of a gas meter in kWh (and in m³), and the dashboard card with the bill forecast, each at a
comfortable size and at 800×600, on a real temporary database.

    QT_QPA_PLATFORM=offscreen python -m tests.screenshots_energy [--out DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

import qasync
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[1]


async def _until(condition: Callable[[], Any], what: str) -> Any:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 30.0
    while not (value := condition()):
        if loop.time() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)
    return value


async def _grab(widget: QWidget, out: Path, name: str, taken: list[Path]) -> None:
    await asyncio.sleep(0.1)  # pending layout and paint events
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    taken.append(path)


async def shoot_energy(out: Path) -> list[Path]:
    from homelog_desktop.db import Database, sqlite_url
    from homelog_desktop.db.migrate import migrate
    from homelog_desktop.domain.energy import ConversionFactor
    from homelog_desktop.domain.entities import Category, Metric, MetricKind, Reading, Source, Tariff
    from homelog_desktop.domain.settlement import AdvancePayment
    from homelog_desktop.repositories import ReadingRepository, SourceRepository, TariffRepository
    from homelog_desktop.repositories.energy import AdvancePaymentRepository, ConversionFactorRepository
    from homelog_desktop.services.dashboard import dashboard_cards
    from homelog_desktop.viewmodels.reports import Preset, ReportsViewModel
    from homelog_desktop.viewmodels.source_editor import SourceEditorViewModel
    from homelog_desktop.views.dashboard import DashboardPage
    from homelog_desktop.views.reports_page import ReportsPage
    from homelog_desktop.views.source_dialog import SourceDialog

    taken: list[Path] = []
    tmp = Path(tempfile.mkdtemp(prefix="homelog-energy-shots-"))
    db = Database(sqlite_url(tmp / "energy.db"))
    await migrate(db)
    now = datetime.now(UTC).replace(hour=8, minute=0, second=0, microsecond=0)
    start = date(now.year - 2, 1, 1)
    async with db.session() as s:
        gas = await SourceRepository(s).add(
            Source(
                None,
                "Gas",
                Category.GAS,
                "Gas meter in the cellar",
                metrics=(Metric(None, "Gas", "m³", MetricKind.COUNTER, 3),),
                billing_start_month=4,
            )
        )
        metric = gas.metrics[0].id
        value = Decimal("8412.000")
        day = start
        while day <= now.date() - timedelta(days=3):
            when = datetime(day.year, day.month, day.day, 8, tzinfo=UTC)
            await ReadingRepository(s).add(gas, Reading(None, gas.id, when, {metric: value}))
            winter = day.month in (11, 12, 1, 2, 3)
            value += Decimal(14 * 5 if winter else 3 * 14 if day.month in (4, 10) else 1 * 14)
            day += timedelta(days=14)
        for since, price, standing in (
            (date(start.year, 1, 1), "0.1120", "0.42"),
            (date(start.year + 1, 4, 1), "0.1049", "0.45"),
        ):
            await TariffRepository(s).add(Tariff(None, metric, since, Decimal(price), Decimal(standing)))
        await ConversionFactorRepository(s).replace(
            metric,
            [
                ConversionFactor(None, metric, date(start.year, 1, 1), Decimal("11.213"), Decimal("0.9512")),
                ConversionFactor(None, metric, date(start.year + 1, 4, 1), Decimal("11.402"), Decimal("0.9498")),
            ],
        )
        await AdvancePaymentRepository(s).replace(
            gas.id,
            [
                AdvancePayment(None, gas.id, date(start.year, 1, 1), Decimal("85")),
                AdvancePayment(None, gas.id, date(start.year + 1, 5, 1), Decimal("95")),
            ],
        )
    for size, suffix in (((760, 560), ""), ((800, 600), "-800x600")):
        # The source editor's Energy tab.
        vm = SourceEditorViewModel(db, gas)
        dialog = SourceDialog(vm)
        dialog.show()
        await _until(lambda vm=vm: vm.loaded and not vm.busy, "the source dialog")
        dialog.tabs.setCurrentWidget(dialog.energy_page)
        if suffix:
            dialog.resize(*size)
        await _grab(dialog, out, f"energy-editor{suffix}", taken)
        dialog.close()
        # The Reports page in kWh, then in m³.
        reports = ReportsViewModel(db)
        page = ReportsPage(reports)
        page.resize(*(size if suffix else (1100, 720)))
        page.show()
        page._preset.setCurrentIndex(page._preset.findData(Preset.LAST_12_MONTHS))
        page.set_source(gas)
        await _until(lambda r=reports: r.report is not None and not r.loading and not r._tasks, "the report")
        await _grab(page, out, f"energy-report-kwh{suffix}", taken)
        page.unit_toggle.metered_button.click()
        await _until(lambda r=reports: r.report.metric.unit == "m³" and not r.loading and not r._tasks, "m³")
        await _grab(page, out, f"energy-report-m3{suffix}", taken)
        await reports.close()
        page.close()
        # The dashboard with the card's forecast.
        cards = await dashboard_cards(db)
        dashboard = DashboardPage()
        dashboard.resize(*(size if suffix else (900, 560)))
        dashboard.show()
        dashboard.set_cards(cards, datetime.now(UTC))
        await _grab(dashboard, out, f"energy-dashboard{suffix}", taken)
        dashboard.close()
    await db.dispose()
    return taken


def main() -> int:
    parser = argparse.ArgumentParser(description="Render the energy screens to PNG files.")
    parser.add_argument("--out", default=str(ROOT / "screenshots"))
    parser.add_argument("--language", help="render in this language (e.g. de), in its locale")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    QCoreApplication.setOrganizationName("HomeLogScreenshots")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    if args.language:
        from homelog_desktop.i18n import install_translations

        QLocale.setDefault(QLocale(args.language))
        install_translations(args.language)
    app.setQuitOnLastWindowClosed(False)
    taken = asyncio.run(shoot_energy(out), loop_factory=qasync.QEventLoop)
    for path in taken:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
