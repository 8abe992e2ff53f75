"""Render the virtual meter's screens to PNG files, offscreen: the editor (and a unit that does not
match; a tariff), the dashboard with its card, its report with its cost and its readings chart, and
its readings tab, at 1180×720 and at 800×600.

The sample household gets a heat pump sub-meter (read every week), and "House without heat pump"
= Electricity's day and night registers − the heat pump, made through the dialog as a user does.

Run: QT_QPA_PLATFORM=offscreen python -m tests.screenshots_virtual [--out DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

import qasync
from PySide6.QtCore import QCoreApplication, QLocale, QSettings
from PySide6.QtWidgets import QApplication

from tests.screenshots import Shooter, dashboard_ready, reports_ready, top_dialog, until


async def add_heat_pump(db) -> None:
    """A heat pump meter of the sample household's electricity owner: 4-14 kWh a day, by season."""
    from homelog_desktop.domain.entities import Category, Metric, Reading, Source
    from homelog_desktop.repositories import ReadingRepository, SourceRepository

    async with db.session() as s:
        repo = SourceRepository(s)
        electricity = await repo.get_by_name(sample("Electricity"))
        pump = await repo.add(
            Source(None, "Heat pump", Category.ELECTRICITY, owner_id=electricity.owner_id, interval_days=7,
                   metrics=(Metric(None, "Energy", "kWh", decimals=1),))
        )  # fmt: skip
        at = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0) - timedelta(days=7 * 110)
        value = 12000.0
        readings = ReadingRepository(s)
        while at < datetime.now(UTC):
            winter = at.month in (11, 12, 1, 2, 3)
            value += 7 * (5.5 if winter else 1.5) + (at.day % 3)
            await readings.add(pump, Reading(None, pump.id, at, {pump.metrics[0].id: Decimal(f"{value:.1f}")}))
            at += timedelta(days=7, hours=(at.day % 3))


async def add_tariff(dialog, shots: Shooter) -> None:
    """A tariff for the virtual meter, through the tariff dialog its Add Tariff… button opens."""
    from PySide6.QtCore import QDate

    from homelog_desktop.views.meter_changes import TariffDialog

    dialog.add_tariff_button.click()
    form = await until(lambda: next((d for d in dialog.findChildren(TariffDialog) if d.isVisible()), None), "tariff")
    form.valid_from_edit.setDate(QDate(date.today().year - 3, 1, 1))
    form.price_edit.setText("0.3120")
    form.standing_edit.setText("0.45")
    await shots.grab(form, "virtual-09-tariff")
    form.ok_button.click()
    await until(lambda: dialog._tariffs.rowCount() == 1, "the tariff in the list")


def sample(text: str) -> str:
    """A name of the sample household as it was created: in the screenshots' language."""
    from homelog_desktop.i18n import translate

    return translate("SampleData", text)


def choose(dialog, row: int, label: str) -> None:
    combo = dialog.rows[row].input_combo
    index = combo.findText(label)
    assert index >= 0, [combo.itemText(i) for i in range(combo.count())]
    combo.setCurrentIndex(index)


async def shoot(out: Path, app: QApplication) -> list[Path]:
    from homelog_desktop.db import Database, sqlite_url
    from homelog_desktop.db.migrate import migrate
    from homelog_desktop.services.sample_data import create_sample_household
    from homelog_desktop.viewmodels.workspace import make_workspace
    from homelog_desktop.views.dashboard import SourceCardWidget
    from homelog_desktop.views.main import MainWindow

    shots = Shooter(out, app)
    tmp = Path(tempfile.mkdtemp(prefix="homelog-virtual-shots-"))
    QSettings().clear()
    db = Database(sqlite_url(tmp / "sample.db"))
    await migrate(db)
    await create_sample_household(db, today=date.today())
    await add_heat_pump(db)
    window = MainWindow()
    window.resize(1180, 720)
    window.show()
    workspace = make_workspace(db, str(tmp / "sample.db"))
    window.bind(workspace)
    await until(lambda: dashboard_ready(window), "the dashboard")

    window.add_virtual_meter()
    dialog = await until(lambda: top_dialog(window), "the virtual meter dialog")
    await until(lambda: dialog.loaded, "the choices of inputs")
    await shots.grab(dialog, "virtual-01-editor-new")
    dialog.name_edit.setText("House without heat pump")
    choose(dialog, 0, f"{sample('Electricity')} · {sample('Day')} (kWh)")
    water = next(i for i in range(dialog._model.rowCount()) if dialog._model.item(i).metric.unit == "m³")
    dialog.rows[1].input_combo.setCurrentIndex(water)
    await shots.grab(dialog, "virtual-02-editor-unit-error")
    choose(dialog, 1, f"{sample('Electricity')} · {sample('Night')} (kWh)")
    dialog.rows[1].sign_combo.setCurrentIndex(0)
    dialog._on_add_clicked()
    choose(dialog, 2, "Heat pump · Energy (kWh)")
    dialog.rows[2].sign_combo.setCurrentIndex(1)
    await shots.grab(dialog, "virtual-03-editor-filled")
    dialog.tabs.setCurrentIndex(1)
    await add_tariff(dialog, shots)
    await shots.grab(dialog, "virtual-11-editor-tariffs")
    dialog.tabs.setCurrentIndex(0)
    dialog.resize(dialog.minimumSizeHint())
    await shots.grab(dialog, "virtual-04-editor-smallest")
    closed: list[int] = []
    dialog.finished.connect(closed.append)
    dialog.buttons.accepted.emit()
    await until(lambda: closed, "the dialog to close")
    model = window.sources_model
    virtual = await until(
        lambda: next(
            (model.summary_at(r).source for r in range(model.rowCount()) if model.summary_at(r).source.virtual), None
        ),
        "the virtual meter in the sidebar",
    )
    for size, suffix in (((1180, 720), ""), ((800, 600), "-800x600")):
        window.resize(*size)
        window.show_dashboard()
        await until(lambda: dashboard_ready(window), "the dashboard")
        card = await until(
            lambda: next((c for c in window.findChildren(SourceCardWidget) if c.source_id == virtual.id), None),
            "the card",
        )
        await asyncio.sleep(0.3)
        await shots.grab(window, f"virtual-05-dashboard{suffix}")
        await shots.grab(card, f"virtual-06-card{suffix}")
        window.open_source(virtual.id, 1)
        await until(lambda: reports_ready(window), "the report")
        await asyncio.sleep(0.4)
        await shots.grab(window, f"virtual-07-report{suffix}")
        page = window.source_page.reports_page
        page.chart_tabs.setCurrentIndex(2)
        await until(lambda p=page: p.charts[2] is not None and p.charts[2].is_empty, "the readings chart")
        await asyncio.sleep(0.2)
        await shots.grab(window, f"virtual-10-report-readings-chart{suffix}")
        page.chart_tabs.setCurrentIndex(0)
        window.open_source(virtual.id, 0)
        await until(lambda: window.source_page.empty_label.isVisible(), "the readings tab")
        await shots.grab(window, f"virtual-08-readings{suffix}")
    window.unbind()
    await workspace.close()
    await db.dispose()
    window.close()
    return shots.taken


def main() -> int:
    parser = argparse.ArgumentParser(description="Render the virtual meter's screens to PNG files.")
    parser.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "homelog-virtual-shots"))
    parser.add_argument("--language", help="render in this language (e.g. de), in its locale")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    QCoreApplication.setOrganizationName("HomeLogScreenshots")
    QCoreApplication.setApplicationName("Home Log")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    if args.language:
        from homelog_desktop.i18n import install_translations

        QLocale.setDefault(QLocale(args.language))
        install_translations(args.language)
    app.setQuitOnLastWindowClosed(False)
    taken = asyncio.run(shoot(out, app), loop_factory=qasync.QEventLoop)
    for path in taken:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
