"""Render the meter-change and tariff screens to PNG files, offscreen, in light and dark palettes.

The source dialog's tabs (a long source name, several meter changes and tariffs, an error) and the
reading dialog's "Meter replaced" flow, on a real temporary database. ``tests/screenshots.py``
calls ``shoot_meter_changes``; it also runs on its own:

    QT_QPA_PLATFORM=offscreen python -m tests.screenshots_events [--out DIR]
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
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialog, QWidget

ROOT = Path(__file__).resolve().parents[1]


async def _until(condition: Callable[[], Any], what: str) -> Any:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 20.0
    while not (value := condition()):
        if loop.time() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)
    return value


async def _grab(widget: QWidget, out: Path, name: str, taken: list[Path]) -> None:
    await asyncio.sleep(0.08)  # pending layout and paint events
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    taken.append(path)


async def shoot_meter_changes(out: Path, app: QApplication, dark: QPalette | None = None) -> list[Path]:
    """The source dialog's four tabs and the reading dialog's meter-replaced flow, light then dark."""
    from homelog_desktop.db import Database, sqlite_url
    from homelog_desktop.db.migrate import migrate
    from homelog_desktop.domain.entities import (
        Category,
        MeterEvent,
        MeterEventKind,
        Metric,
        MetricKind,
        Reading,
        Source,
        Tariff,
    )
    from homelog_desktop.repositories import MeterEventRepository, ReadingRepository, SourceRepository, TariffRepository
    from homelog_desktop.viewmodels.reading_editor import ReadingEditorViewModel
    from homelog_desktop.viewmodels.source_editor import SourceEditorViewModel
    from homelog_desktop.views.reading_dialog import ReadingDialog
    from homelog_desktop.views.source_dialog import SourceDialog

    taken: list[Path] = []
    tmp = Path(tempfile.mkdtemp(prefix="homelog-event-shots-"))
    db = Database(sqlite_url(tmp / "events.db"))
    await migrate(db)
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    async with db.session() as s:
        source = await SourceRepository(s).add(
            Source(
                None,
                "Heat pump and heating-rod meter in the utility room behind the washing machine",
                Category.ELECTRICITY,
                interval_days=7,
                billing_start_month=4,
                metrics=(
                    Metric(None, "Heat pump (high tariff)", "kWh", MetricKind.COUNTER, 1, 6),
                    Metric(None, "Heat pump (low tariff)", "kWh", MetricKind.COUNTER, 1, 6),
                    Metric(None, "Feed-in", "kWh", MetricKind.COUNTER, 1),
                ),
            )
        )
        high, low, feed = source.metrics
        assert source.id is not None and high.id and low.id and feed.id
        readings = ReadingRepository(s)
        await readings.add(source, Reading(None, source.id, now - timedelta(days=7), {high.id: Decimal("48211.4")}))
        events = MeterEventRepository(s)
        for metric in (high, low):
            assert metric.id is not None
            await events.add(
                MeterEvent(
                    None,
                    source.id,
                    metric.id,
                    now - timedelta(days=200),
                    MeterEventKind.REPLACEMENT,
                    Decimal("99812.3") if metric is high else Decimal("41107.8"),
                    Decimal("0.0"),
                    note="Smart meter installed by the grid operator, serial 1EBZ0100512345",
                )
            )
        await events.add(
            MeterEvent(None, source.id, feed.id, now - timedelta(days=90), MeterEventKind.ROLLOVER, digits=5)
        )
        tariffs = TariffRepository(s)
        for metric, price, standing in ((high, "0.3124", "0.4521"), (low, "0.2480", "0"), (feed, "0.0811", "0")):
            assert metric.id is not None
            await tariffs.add(Tariff(None, metric.id, date(2024, 1, 1), Decimal(price), Decimal(standing), "EUR"))
            await tariffs.add(
                Tariff(
                    None,
                    metric.id,
                    date(2025, 4, 1),
                    (Decimal(price) * Decimal("1.08")).quantize(Decimal("0.0001")),
                    Decimal(standing),
                    "EUR",
                )
            )

    for suffix, palette in (("", None), ("-dark", dark)):
        if suffix and palette is None:
            continue
        app.setPalette(palette if palette is not None else QPalette())
        vm = SourceEditorViewModel(db, source)
        dialog = SourceDialog(vm)
        dialog.show()
        await _until(lambda d=dialog: d.events_model.rowCount() == 3, "the meter changes")
        for tab, name in enumerate(("general", "metrics", "events", "tariffs")):
            dialog.tabs.setCurrentIndex(tab)
            dialog.events_view.selectRow(0)
            await _grab(dialog, out, f"e1-source-{name}{suffix}", taken)
        # An error: the feed-in register turned into a gauge while it has a rollover recorded.
        dialog.tabs.setCurrentIndex(1)
        dialog.metrics_model.setData(dialog.metrics_model.index(2, 2), MetricKind.GAUGE.value)
        dialog.save_button.click()
        await _until(lambda d=dialog: d.events_error.isVisible(), "the error")
        await _grab(dialog, out, f"e2-source-events-error{suffix}", taken)
        dialog.add_tariff_button.setEnabled(True)
        dialog.tabs.setCurrentIndex(3)
        dialog.add_tariff_button.click()
        item = await _until(lambda d=dialog: d._item_dialog, "the tariff dialog")
        item.price_edit.setText("0,31x")
        item.ok_button.click()
        await _grab(item, out, f"e3-tariff-dialog-error{suffix}", taken)
        item.done(0)
        dialog.done(0)
        dialog.deleteLater()

        reading_vm = ReadingEditorViewModel(db, source)
        reading_dialog = ReadingDialog(reading_vm)
        reading_dialog.show()
        await _until(lambda vm=reading_vm: vm.context is not None and not vm.busy, "the context")
        edit = reading_dialog._rows[0].edit
        edit.setText("112.6")
        await _grab(reading_dialog, out, f"e4-reading-counter-down{suffix}", taken)
        reading_dialog._rows[0].replaced_button.click()
        event_dialog = await _until(lambda d=reading_dialog: d._event_dialog, "the meter-replaced dialog")
        event_dialog.old_edit.setText("48230.1")
        event_dialog.new_edit.setText("12")
        await _grab(event_dialog, out, f"e5-meter-replaced-dialog{suffix}", taken)
        event_dialog.new_edit.setText("200")
        event_dialog.ok_button.click()
        await _grab(event_dialog, out, f"e6-meter-replaced-error{suffix}", taken)
        event_dialog.new_edit.setText("12")
        event_dialog.ok_button.click()
        await _until(lambda d=reading_dialog: d._pending, "the recorded change")
        await _grab(reading_dialog, out, f"e7-reading-after-replacement{suffix}", taken)
        reading_dialog.done(QDialog.DialogCode.Rejected)
        reading_dialog.deleteLater()
    app.setPalette(QPalette())
    await db.dispose()
    return taken


def main() -> int:
    from tests.screenshots import dark_palette

    parser = argparse.ArgumentParser(description="Render the meter-change and tariff screens to PNG files.")
    parser.add_argument("--out", default=str(ROOT / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    QCoreApplication.setOrganizationName("HomeLogScreenshots")
    QCoreApplication.setApplicationName("Home Log")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    app.setQuitOnLastWindowClosed(False)
    taken = asyncio.run(shoot_meter_changes(out, app, dark_palette()), loop_factory=qasync.QEventLoop)
    for path in taken:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
