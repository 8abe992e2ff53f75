"""Render every window and dialog of Home Log to PNG files, offscreen (``make screenshots``).

Drives the real app on real databases: the welcome page of an empty file, the sample household in
light and dark palettes, a source without readings, a filter without matches, and the dialogs
(new and edited reading with warnings and errors, source editor, members, confirmations, the
error dialog). Writes to screenshots/ and refreshes the README's resources/screenshots/main-window.png
and import-preview.png.

Run: QT_QPA_PLATFORM=offscreen python -m tests.screenshots [--out DIR] [--sizes]

``--sizes`` renders every dialog and wizard page instead at 800×600 and at 1366×768 with a 14 pt
font, to DIR/sizes/<screen>/, and lists what is cut off (tests/screenshots_sizes.py).

``--language de`` (or $HOMELOG_SCREENSHOT_LANGUAGE) renders them in that language and locale; the
README's screenshots are then left as they are.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

import qasync
from PySide6.QtCore import QCoreApplication, QLocale, QSettings
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox, QWidget

ROOT = Path(__file__).resolve().parents[1]
README_SHOT = ROOT / "resources" / "screenshots" / "main-window.png"
README_IMPORT_SHOT = ROOT / "resources" / "screenshots" / "import-preview.png"
#: The language the screens are rendered in ("" or "en": English, and the README's shots are refreshed).
LANGUAGE_ENV = "HOMELOG_SCREENSHOT_LANGUAGE"


def english() -> bool:
    return os.environ.get(LANGUAGE_ENV, "") in ("", "en")


def use_language() -> None:
    """British English, or the language of $HOMELOG_SCREENSHOT_LANGUAGE with its translations."""
    if english():
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        return
    from homelog_desktop.i18n import install_translations

    language = os.environ[LANGUAGE_ENV]
    QLocale.setDefault(QLocale(language))
    install_translations(language)


def dark_palette() -> QPalette:
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#2b2d30",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1f22",
        QPalette.ColorRole.AlternateBase: "#26282b",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#34363a",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.Highlight: "#2f65ca",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#34363a",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.PlaceholderText: "#8c8c8c",
        QPalette.ColorRole.Link: "#6ea8fe",
        # The 3D roles, as real dark themes set them (frames and separator lines use these).
        QPalette.ColorRole.Light: "#45484d",
        QPalette.ColorRole.Midlight: "#3a3d41",
        QPalette.ColorRole.Mid: "#26282b",
        QPalette.ColorRole.Dark: "#1b1c1f",
        QPalette.ColorRole.Shadow: "#0d0d0e",
    }
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return palette


class Shooter:
    def __init__(self, out: Path, app: QApplication) -> None:
        self.out = out
        self.app = app
        self.taken: list[Path] = []

    async def grab(self, widget: QWidget, name: str) -> Path:
        await asyncio.sleep(0.05)  # let pending layout and paint events run on the loop
        path = self.out / f"{name}.png"
        widget.grab().save(str(path))
        self.taken.append(path)
        return path


def idle(window: Any) -> bool:
    """The readings table has what it shows."""
    return bool(window.readings_table.isVisible() and window.readings_model and window.readings_model.is_idle())


async def until(condition: Callable[[], Any], what: str, seconds: float = 20.0) -> Any:
    """Let the loop run until ``condition()`` is truthy (at most ``seconds``)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while True:
        value = condition()
        if value:
            return value
        if loop.time() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


def top_dialog(window: QWidget, kind: type[QWidget] = QDialog) -> QWidget | None:
    for widget in reversed(QApplication.topLevelWidgets()):
        if isinstance(widget, kind) and widget.isVisible():
            return widget
    return None


async def shoot_all(out: Path, app: QApplication) -> list[Path]:
    from homelog_desktop.db import Database, sqlite_url
    from homelog_desktop.db.migrate import migrate
    from homelog_desktop.services.sample_data import create_sample_household
    from homelog_desktop.viewmodels.workspace import make_workspace
    from homelog_desktop.views.error_dialog import ErrorDialog
    from homelog_desktop.views.main import MainWindow

    shots = Shooter(out, app)
    tmp = Path(tempfile.mkdtemp(prefix="homelog-shots-"))
    QSettings().clear()

    async def open_db(name: str, sample: bool) -> Database:
        db = Database(sqlite_url(tmp / name))
        await migrate(db)
        if sample:
            await create_sample_household(db, today=date.today())
        return db

    window = MainWindow()
    window.resize(1180, 720)
    window.show()
    window.show_loading("Opening your data…")
    await shots.grab(window, "01-loading")

    # Empty database: the welcome page.
    empty = await open_db("empty.db", sample=False)
    workspace = make_workspace(empty, str(tmp / "empty.db"))
    window.bind(workspace)
    await until(lambda: window.welcome.isVisible(), "the welcome page")
    await shots.grab(window, "02-welcome")

    # New source dialog from the welcome page.
    window.add_source()
    dialog = await until(lambda: top_dialog(window), "the source dialog")
    await shots.grab(dialog, "03-source-new")
    name = dialog.findChild(QLineEdit)
    assert name is not None
    name.setText("Electricity")
    await shots.grab(dialog, "04-source-filled")
    dialog.reject()  # typed: it asks first
    box = await until(lambda: dialog.findChild(QMessageBox, "discardSourceBox"), "the discard question")
    await shots.grab(box, "04b-source-discard")
    discard = next(b for b in box.buttons() if b.objectName() == "discardButton")
    discard.click()
    await until(lambda: not dialog.isVisible(), "the source dialog to close")
    window.unbind()
    await workspace.close()
    await empty.dispose()

    # The sample household.
    db = await open_db("sample.db", sample=True)
    workspace = make_workspace(db, str(tmp / "sample.db"))
    window.bind(workspace)
    # The dashboard is the home page: the first thing users see, and the README's picture.
    await until(lambda: dashboard_ready(window), "the dashboard")
    await shots.grab(window, "05-dashboard")
    if english():
        README_SHOT.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(README_SHOT))
    window.show_readings()
    await until(lambda: window.readings_model is not None and window.readings_model.rowCount() > 0, "readings")
    await until(lambda: window.readings_model.is_idle(), "pages")  # type: ignore[union-attr]
    await shots.grab(window, "05b-main-window")
    await shoot_pages(shots, window, app)

    # Select the gas meter and a reading.
    model = window.sources_model
    assert model is not None
    for row in range(model.rowCount()):
        if model.summary_at(row).source.name == "Gas":
            window.source_list.setCurrentIndex(model.index(row, 0))
    await until(lambda: (s := window.current_source()) is not None and s.name == "Gas", "the gas meter")
    await until(lambda: window.readings_model.is_idle() and window.readings_model.rowCount() > 3, "gas rows")  # type: ignore[union-attr]
    window.readings_table.selectRow(2)
    await shots.grab(window, "06-gas-selected")

    # New reading dialog: previous values, then a warning and an error.
    window.add_reading()
    dialog = await until(lambda: top_dialog(window), "the reading dialog")
    from homelog_desktop.i18n import translate

    previous = translate("ReadingDialog", "previous {value} on {day}").split()[0]  # "previous", "vorher"
    await until(
        lambda: previous in " ".join(w.text() for w in dialog.findChildren(type(window.source_page.count_label))),
        "context",
    )
    await shots.grab(dialog, "07-reading-new")
    value = dialog.findChild(QLineEdit, "valueEdit_0") or next(
        (e for e in dialog.findChildren(QLineEdit) if e.objectName().startswith("valueEdit")), None
    )
    if value is not None:
        value.setText("12")
        await asyncio.sleep(0.1)
        await shots.grab(dialog, "08-reading-warning")
        value.setText("12,3x")
        await asyncio.sleep(0.1)
        await shots.grab(dialog, "09-reading-error")
    dialog.reject()
    discard = top_dialog(window, QMessageBox)
    if discard is not None:
        await shots.grab(discard, "10-reading-discard")
        discard.accept()
        discard.done(QMessageBox.StandardButton.Discard)
    await asyncio.sleep(0.1)
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.done(0)

    # Edit the selected reading.
    window.readings_table.selectRow(2)
    window.readings_table.setCurrentIndex(window.readings_model.index(2, 0))  # type: ignore[union-attr]
    window.edit_reading()
    dialog = await until(lambda: top_dialog(window), "the edit dialog")
    await asyncio.sleep(0.2)
    await shots.grab(dialog, "11-reading-edit")
    dialog.done(0)

    # Source editor on an existing source, members, confirmations, error dialog.
    window.edit_source()
    dialog = await until(lambda: top_dialog(window), "the source editor")
    await asyncio.sleep(0.2)
    await shots.grab(dialog, "12-source-edit")
    dialog.done(0)
    window.open_members()
    dialog = await until(lambda: top_dialog(window), "the members dialog")
    await asyncio.sleep(0.2)
    await shots.grab(dialog, "13-members")
    dialog.done(0)
    window.delete_readings()
    box = await until(lambda: top_dialog(window, QMessageBox), "the delete confirmation")
    await shots.grab(box, "14-confirm-delete-reading")
    box.done(QMessageBox.StandardButton.Cancel)
    window.delete_source()
    box = await until(lambda: top_dialog(window, QMessageBox), "the delete-source confirmation")
    await shots.grab(box, "15-confirm-delete-source")
    box.done(QMessageBox.StandardButton.Cancel)
    error = ErrorDialog("ValueError: an example", "Traceback (most recent call last):\n  ...\nValueError", window)
    error.show()
    await shots.grab(error, "16-error-dialog")
    error.done(0)
    window.show_shortcuts()
    box = await until(lambda: top_dialog(window, QMessageBox), "the shortcuts")
    await shots.grab(box, "17-shortcuts")
    box.done(0)
    from homelog_desktop.views.about_dialog import AboutDialog

    window.data_dir = tmp
    window.show_about()
    about = await until(lambda: top_dialog(window, AboutDialog), "the about dialog")
    await shots.grab(about, "17b-about")
    about.done(0)
    from homelog_desktop.views.settings_dialog import SettingsDialog

    window.open_settings()
    settings = await until(lambda: top_dialog(window, SettingsDialog), "the settings")
    await shots.grab(settings, "17c-settings")
    settings.done(0)

    # Filter without matches, and a banner.
    window.filter_edit.setText("no such note anywhere")
    await until(lambda: window.source_page.empty_label.isVisible(), "the empty filter result")
    window.banner.show_message("That reading no longer exists (it may have been deleted elsewhere).", "error")
    await shots.grab(window, "18-filter-empty-and-error")
    window.banner.dismiss()
    window.filter_edit.clear()
    await until(lambda: window.readings_table.isVisible() and window.readings_model.is_idle(), "the table again")  # type: ignore[union-attr]

    # Dark palette.
    app.setPalette(dark_palette())
    await asyncio.sleep(0.2)
    await shots.grab(window, "19-main-window-dark")
    await shoot_pages(shots, window, app, suffix="-dark")
    window.show_readings()
    await until(lambda: window.readings_table.isVisible(), "the readings again (dark)")
    window.add_reading()
    dialog = await until(lambda: top_dialog(window), "the reading dialog (dark)")
    await asyncio.sleep(0.3)
    await shots.grab(dialog, "20-reading-new-dark")
    dialog.done(0)
    window.show_about()
    about = await until(lambda: top_dialog(window, AboutDialog), "the about dialog (dark)")
    about.toggle_license()
    await shots.grab(about, "21-about-licence-dark")
    about.done(0)
    app.setPalette(QPalette())

    window.unbind()
    await workspace.close()
    await db.dispose()

    # Long names, a source without readings, an empty report, an empty meter round.
    odd = await open_db("odd.db", sample=False)
    await add_odd_household(odd)
    workspace = make_workspace(odd, str(tmp / "odd.db"))
    window.bind(workspace)
    await until(lambda: dashboard_ready(window), "the dashboard (long names)")
    await shots.grab(window, "40-dashboard-long-names")
    window.resize(760, 720)
    await asyncio.sleep(0.2)
    await shots.grab(window, "41-dashboard-narrow")
    window.resize(1180, 720)
    model = window.sources_model
    assert model is not None
    empty_source = next(
        model.summary_at(r) for r in range(model.rowCount()) if model.summary_at(r).last_reading_at is None
    )
    assert empty_source.source.id is not None
    window.open_source(empty_source.source.id, 1)
    await until(lambda: reports_ready(window), "the empty report")
    await shots.grab(window, "42-reports-empty")
    window.open_meter_round()
    sheet = await until(lambda: top_dialog(window), "the meter round (long names)")
    await until(lambda: not sheet._vm.busy and sheet.rows, "its lines")
    await asyncio.sleep(0.2)
    await shots.grab(sheet, "43-meter-round-long-names")
    sheet.done(0)
    window.unbind()
    await workspace.close()
    await odd.dispose()
    window.close()
    await shoot_meter_change_screens(shots)
    # The import wizard on a messy supplier file (light and dark), ambiguous dates, export progress.
    await shoot_import(shots, app, tmp)
    # Backups: the restore dialog, its confirmation and refusal, the recovery dialog (light and dark).
    await shoot_backups(shots, app, tmp)
    return shots.taken


# -- the dashboard, the Reports page and the meter round -----------------------------------------


def dashboard_ready(window: Any) -> bool:
    page = window.findChild(QWidget, "dashboardPage")
    vm = window._dashboard_vm
    return bool(page is not None and page.isVisible() and vm is not None and vm.loaded and not vm.busy)


def reports_ready(window: Any) -> bool:
    page = window.findChild(QWidget, "reportsPage")
    return bool(
        page is not None
        and page.isVisible()
        and page.vm.report is not None
        and not page.vm._tasks
        and page.charts[page.chart_tabs.currentIndex()] is not None
    )


async def shoot_pages(shots: Shooter, window: Any, app: QApplication, suffix: str = "") -> None:
    """The dashboard, the Reports page with each chart tab, and the meter round (with a warning)."""
    window.show_dashboard()
    await until(lambda: dashboard_ready(window), "the dashboard")
    if suffix:
        await shots.grab(window, f"30-dashboard{suffix}")
    from homelog_desktop.i18n import translate

    model = window.sources_model
    name = translate("SampleData", "Electricity")  # the sample's name, in the screenshots' language
    electricity = next(
        model.summary_at(r).source for r in range(model.rowCount()) if model.summary_at(r).source.name == name
    )
    window.open_source(electricity.id, 1)
    await until(lambda: reports_ready(window), "the report")
    page = window.findChild(QWidget, "reportsPage")
    for index, name in enumerate(("consumption", "year-over-year", "readings")):
        page.chart_tabs.setCurrentIndex(index)
        await until(lambda index=index: page.charts[index] is not None and not page.vm._tasks, "the chart's data")
        await asyncio.sleep(0.3)
        await shots.grab(window, f"3{1 + index}-reports-{name}{suffix}")
    page.chart_tabs.setCurrentIndex(0)
    period = page.findChild(QWidget, "reportPeriod")
    period.setCurrentIndex(period.findData("quarter"))
    await asyncio.sleep(0.05)
    await until(lambda: reports_ready(window) and page.vm.report.period.value == "quarter", "the quarterly report")
    await asyncio.sleep(0.3)
    await shots.grab(window, f"34-reports-quarter{suffix}")
    period.setCurrentIndex(period.findData("month"))
    await until(lambda: reports_ready(window) and page.vm.report.period.value == "month", "the monthly report")
    window.open_meter_round()
    sheet = await until(lambda: top_dialog(window), "the meter round")
    await until(lambda: not sheet._vm.busy and sheet.rows, "its lines")
    sheet.findChild(QWidget, "roundShowAll").setChecked(True)
    await asyncio.sleep(0.2)
    await shots.grab(sheet, f"35-meter-round{suffix}")
    first = sheet.rows[0].edit
    first.setText("1")
    first.textEdited.emit("1")
    sheet.rows[2].edit.setText("99999")
    sheet.rows[2].edit.textEdited.emit("99999")
    await asyncio.sleep(0.1)
    await shots.grab(sheet, f"36-meter-round-warnings{suffix}")
    sheet.reject()
    box = await until(lambda: sheet.findChild(QMessageBox, "discardRoundBox"), "the discard question")
    await shots.grab(box, f"37-meter-round-discard{suffix}")
    next(b for b in box.buttons() if b.objectName() == "discardButton").click()
    await until(lambda: not sheet.isVisible(), "the sheet to close")
    window.show_readings()


async def add_odd_household(db: Any) -> None:
    """Sources with very long names, one without readings, and a little history."""
    from datetime import UTC, datetime, timedelta
    from decimal import Decimal

    from homelog_desktop.domain.entities import Category, Metric, MetricKind, Reading, Source
    from homelog_desktop.repositories import ReadingRepository, SourceRepository

    async with db.session() as session:
        sources = SourceRepository(session)
        long_one = await sources.add(
            Source(
                None,
                "Heat pump of the garden house behind the old barn (second meter, east wing)",
                Category.HEAT,
                interval_days=7,
                metrics=(Metric(None, "Heat delivered to the floor heating circuit", "kWh", MetricKind.COUNTER, 0),),
            )
        )
        await sources.add(
            Source(
                None,
                "Rain water cistern in the cellar",
                Category.WATER,
                interval_days=30,
                metrics=(Metric(None, "Level", "cm", MetricKind.GAUGE, 0),),
            )
        )
        readings = ReadingRepository(session)
        now = datetime.now(UTC).replace(microsecond=0)
        for i in range(60):
            at = now - timedelta(days=9 * (60 - i))
            assert long_one.id is not None and long_one.metrics[0].id is not None
            await readings.add(
                long_one, Reading(None, long_one.id, at, {long_one.metrics[0].id: Decimal(40000 + 95 * i)})
            )


# -- meter changes and tariffs (the events engineer's screens) ------------------------------------


async def shoot_meter_change_screens(shots: Shooter) -> None:
    """The source dialog's tabs and the reading dialog's meter-replaced flow (tests/screenshots_events.py)."""
    from tests.screenshots_events import shoot_meter_changes

    shots.taken += await shoot_meter_changes(shots.out, shots.app, dark_palette())


#: A supplier's export as people get it: account lines, semicolons, decimal comma, day-first dates,
#: a typo and an empty row among the first rows; more rows follow (generated) so progress shows.
MESSY_HEAD = (
    "Stadtwerke Musterstadt GmbH;;;;\n"
    "Kundennummer;4711-0815;;;\n"
    "Zählernummer;1ESY1160123456;;;\n"
    ";;;;\n"
    "Datum;Uhrzeit;Zählerstand HT (kWh);Zählerstand NT (kWh);Bemerkung\n"
    "13.01.2024;08:15;12.345,6;4.567,8;\n"
    "20.01.2024;08:20;12.400,1;;Ablesung Kunde\n"
    "27.01.2024;07:55;12.4O0,9;4.601,2;Tippfehler\n"
    "03.02.2024;08:00;;;\n"
    "10.02.2024;18:10;12.590,4;4.650,0;Zähler geprüft\n"
    "31.02.2024;08:00;12.600,0;4.655,0;\n"
)


def write_messy_file(path: Path, extra_rows: int) -> None:
    from datetime import UTC, datetime

    start = int(datetime(2024, 3, 1, tzinfo=UTC).timestamp())
    lines = [MESSY_HEAD]
    for i in range(extra_rows):
        moment = datetime.fromtimestamp(start + i * 3600, UTC)
        high = f"{12_700 + i * 0.3:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
        low = f"{4_700 + i * 0.1:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
        lines.append(f"{moment:%d.%m.%Y};{moment:%H:%M};{high};{low};\n")
    path.write_bytes("".join(lines).encode("latin-1"))


def write_quarter_hours(path: Path) -> None:
    """A smart meter's export: quarter-hour amounts from midnight, a register and a temperature beside them."""
    import random
    from datetime import datetime, timedelta

    rng = random.Random(12)
    start, total = datetime(2024, 1, 13), 1000.0
    lines = ["Date,Usage (kWh),Feed-in (kWh),Meter reading (kWh),Temperature (°C)"]
    for i in range(200):
        usage = round(rng.uniform(0.05, 0.6), 3)
        total += usage
        moment = start + timedelta(minutes=15 * i)
        feed_in = round(rng.uniform(0, 0.3), 3)
        lines.append(f"{moment:%Y-%m-%d %H:%M},{usage},{feed_in},{total:.3f},{19 + rng.random():.1f}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


async def shoot_import(shots: Shooter, app: QApplication, tmp: Path) -> None:
    from homelog_desktop.db import Database, sqlite_url
    from homelog_desktop.db.migrate import migrate
    from homelog_desktop.services.exporting import ExportFormat, find_source
    from homelog_desktop.viewmodels.exporting import ExportViewModel
    from homelog_desktop.viewmodels.importing import ImportViewModel
    from homelog_desktop.views.exporting import ExportProgress
    from homelog_desktop.views.import_wizard import PAGE_PROGRESS, PAGE_SUMMARY, ImportWizard

    messy = tmp / "stadtwerke_export.csv"
    write_messy_file(messy, 150_000)
    ambiguous = tmp / "meter readings.csv"
    ambiguous.write_text("Date,Meter (m³)\n01/02/2024,10.5\n02/03/2024,20.25\n03/04/2024,30\n", encoding="utf-8")

    async def wizard_on(db: Database, path: Path) -> ImportWizard:
        wizard = ImportWizard(ImportViewModel(db, path, tmp))
        wizard.resize(900, 640)
        wizard.show()
        await until(lambda: wizard.vm.detected is not None and not wizard.vm.busy, "detection")
        return wizard

    async def forward(wizard: ImportWizard, page: int) -> None:
        await until(lambda: not wizard.vm.busy and wizard.currentPage().isComplete(), "a complete page")
        wizard.next()
        await until(lambda: wizard.currentId() == page, f"page {page}")
        await until(lambda: not wizard.vm.busy, "the page's work")

    async def one_theme(theme: str) -> None:
        suffix = "" if theme == "light" else "-dark"
        db = Database(sqlite_url(tmp / f"import-{theme}.db"))
        await migrate(db)
        wizard = await wizard_on(db, messy)
        await shots.grab(wizard, f"21-import-file{suffix}")
        await forward(wizard, 1)
        wizard.mapping_page.new_name.setText("Electricity")
        wizard.mapping_page.new_name.textEdited.emit("Electricity")
        await shots.grab(wizard, f"22-import-mapping{suffix}")
        await forward(wizard, 2)
        await until(lambda: wizard.preview_page.model.rowCount() > 0, "the preview")
        await shots.grab(wizard, f"23-import-preview-errors{suffix}")
        if theme == "light" and english():
            wizard.grab().save(str(README_IMPORT_SHOT))
        await forward(wizard, 3)
        await shots.grab(wizard, f"24-import-duplicates{suffix}")
        if theme == "light":  # importing with invalid rows is refused: back on the preview, which says why
            wizard.next()
            await until(lambda: wizard.currentId() == 2 and wizard.preview_page.banner.isVisible(), "the refusal")
            await until(lambda: not wizard.vm.busy and wizard.preview_page.model.rowCount() > 0, "the preview again")
            await shots.grab(wizard, "23b-import-refused")
            await forward(wizard, 3)
        wizard.preview_page.skip_invalid.setChecked(True)
        rows_seen: list[int] = []
        wizard.vm.progress.connect(lambda p: rows_seen.append(p.rows_done))
        wizard.next()
        await until(lambda: wizard.currentId() == PAGE_PROGRESS, "the progress page")
        await until(
            lambda: any(r > 20_000 for r in rows_seen) or wizard.currentId() == PAGE_SUMMARY, "progress", seconds=60
        )
        if wizard.currentId() == PAGE_PROGRESS:
            await shots.grab(wizard, f"25-import-progress{suffix}")
        # 150,000 rows: a few seconds alone, much longer on a busy machine.
        await until(lambda: wizard.currentId() == PAGE_SUMMARY, "the summary", seconds=180)
        await shots.grab(wizard, f"26-import-summary{suffix}")
        wizard.done(0)
        if theme == "light":
            ambiguous_wizard = await wizard_on(db, ambiguous)
            await shots.grab(ambiguous_wizard, "27-import-ambiguous-dates")
            ambiguous_wizard.file_page.day_first.click()
            await shots.grab(ambiguous_wizard, "27b-import-ambiguous-chosen")
            ambiguous_wizard.done(0)
            # A smart meter's quarter hours: the kinds and the period choices, then each amount with its period.
            quarters = tmp / "smart meter quarter hours.csv"
            write_quarter_hours(quarters)
            for width, height in ((900, 640), (800, 600)):
                periods_wizard = await wizard_on(db, quarters)
                periods_wizard.resize(width, height)
                await forward(periods_wizard, 1)
                size = "" if width == 900 else "-800x600"
                await shots.grab(periods_wizard, f"22b-import-mapping-periods{size}")
                await forward(periods_wizard, 2)
                await until(lambda w=periods_wizard: w.preview_page.model.rowCount() > 0, "the preview")
                await shots.grab(periods_wizard, f"23c-import-preview-periods{size}")
                periods_wizard.done(0)
            # Export of the big source just imported: its progress dialog.
            source = await find_source(db, "Electricity")
            exporter = ExportViewModel(db)
            progress = ExportProgress(exporter, source, tmp / "Electricity.csv")
            progress.setMinimumDuration(0)
            task = asyncio.ensure_future(exporter.export(source, tmp / "Electricity.csv", ExportFormat.CSV))
            await until(lambda: progress.value() > 0 or task.done(), "export progress")
            await shots.grab(progress, "28-export-progress")
            await task
        await db.dispose()

    await one_theme("light")
    app.setPalette(dark_palette())
    try:
        await one_theme("dark")
    finally:
        app.setPalette(QPalette())


async def shoot_backups(shots: Shooter, app: QApplication, tmp: Path) -> None:
    import sqlite3
    from datetime import UTC, datetime, timedelta

    from homelog_desktop.config import AppPaths
    from homelog_desktop.controller import AppController
    from homelog_desktop.db import Database, sqlite_url
    from homelog_desktop.db.backup_files import list_backups, write_backup
    from homelog_desktop.db.migrate import migrate
    from homelog_desktop.services.restore import validate_backup
    from homelog_desktop.services.sample_data import create_sample_household
    from homelog_desktop.views.backup_dialog import RestoreDialog
    from homelog_desktop.views.error_dialog import ErrorHandler
    from homelog_desktop.views.main import MainWindow
    from homelog_desktop.views.recovery_dialog import RecoveryDialog

    paths = AppPaths(tmp / "backups-data")
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(sqlite_url(paths.db_path))
    await migrate(db)
    await create_sample_household(db, today=date.today())
    await db.dispose()
    now = datetime.now(UTC).replace(hour=7, minute=30)
    for days, reason in [(40, "daily"), (9, "before-migration"), (3, "daily"), (2, "manual"), (1, "daily")]:
        write_backup(paths.db_path, paths.backup_dir, reason, now=now - timedelta(days=days, minutes=days * 7))
    write_backup(paths.db_path, paths.backup_dir, "before-restore", now=now - timedelta(hours=2))
    backups = list_backups(paths.backup_dir)
    text_file = tmp / "meter readings.db"
    text_file.write_text("Date;Meter\n01.02.2024;10,5\n", encoding="utf-8")
    window = MainWindow()
    window.resize(1180, 720)
    window.show()
    controller = AppController(app, window, paths, None, ErrorHandler())
    window.build_content()
    file_menu = window.menuBar().actions()[0].menu()
    assert file_menu is not None
    file_menu.popup(window.mapToGlobal(window.menuBar().geometry().bottomLeft()))
    await shots.grab(file_menu, "39-file-menu")
    file_menu.hide()

    for theme in ("light", "dark"):
        suffix = "" if theme == "light" else "-dark"
        app.setPalette(dark_palette() if theme == "dark" else QPalette())
        chooser = RestoreDialog(backups, paths.backup_dir, window)
        chooser.show()
        await shots.grab(chooser, f"40-restore-dialog{suffix}")
        chooser.done(0)
        empty = RestoreDialog([], paths.backup_dir, window)
        empty.show()
        await shots.grab(empty, f"41-restore-dialog-empty{suffix}")
        empty.done(0)
        check = validate_backup(backups[2].path)
        asking = asyncio.ensure_future(controller.prompts.confirm_restore(check, backups[2]))
        box = await until(lambda: top_dialog(window, QMessageBox), "the restore confirmation")
        await shots.grab(box, f"42-restore-confirm{suffix}")
        box.done(QMessageBox.StandardButton.Cancel)
        await asking
        refusing = asyncio.ensure_future(controller._validate(text_file))
        box = await until(lambda: top_dialog(window, QMessageBox), "the refusal")
        await shots.grab(box, f"43-restore-refused{suffix}")
        box.done(0)
        await refusing
        damaged = (
            f"{paths.db_path} is damaged (quick_check: On tree page 31 cell 7: Offset 57005 out of range 347..4092 "
            "and 4 more problems)."
        )
        recovery = RecoveryDialog(paths.db_path, damaged, backups[0], window)
        recovery.show()
        await shots.grab(recovery, f"44-recovery{suffix}")
        recovery.done(0)
        not_db = f"{paths.db_path} is not a database file (it holds something else)."
        foreign = RecoveryDialog(paths.db_path, not_db, None)
        foreign.show()
        await shots.grab(foreign, f"45-recovery-no-backup{suffix}")
        foreign.done(0)
        window.build_content()
        window.show_loading("Restoring homelog-20261124T073000Z-daily.db…")
        window.statusBar().showMessage("Keeping a copy of your current data… 45%")
        await shots.grab(window, f"46-restoring{suffix}")
        window.statusBar().clearMessage()
        # A real failure: another program holds the file open, so the restore is refused and the data reopened.
        await controller._start_own()
        await until(lambda: window.readings_model is not None and window.readings_model.rowCount() > 0, "the data")
        other = sqlite3.connect(paths.db_path)
        other.execute("SELECT count(*) FROM readings").fetchone()
        await controller._restore(backups[1].path)
        other.close()
        await until(lambda: window.readings_model is not None and window.readings_model.rowCount() > 0, "the data")
        await until(lambda: window.readings_model.is_idle(), "pages")  # type: ignore[union-attr]
        await shots.grab(window, f"47-restore-error{suffix}")
        window.banner.dismiss()
        await controller._close_current()
    app.setPalette(QPalette())
    if controller._own_lock is not None:
        controller._own_lock.unlock()
    window.close()


def main() -> int:
    parser = argparse.ArgumentParser(description="Render Home Log's screens to PNG files.")
    parser.add_argument("--out", default=str(ROOT / "screenshots"))
    parser.add_argument(
        "--sizes",
        action="store_true",
        help="every dialog at 800×600 and at 1366×768 with a large font (to OUT/sizes), with what is cut off",
    )
    parser.add_argument("--strict", action="store_true", help="with --sizes: exit 1 if anything is cut off")
    parser.add_argument("--language", help="render in this language (e.g. de), in its locale")
    args = parser.parse_args()
    if args.language:
        os.environ[LANGUAGE_ENV] = args.language  # the --sizes processes inherit it
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.sizes:
        from tests.screenshots_sizes import run_all

        return run_all(out / "sizes", args.strict)
    QCoreApplication.setOrganizationName("HomeLogScreenshots")
    QCoreApplication.setApplicationName("Home Log")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    use_language()
    app.setQuitOnLastWindowClosed(False)
    taken = asyncio.run(shoot_all(out, app), loop_factory=qasync.QEventLoop)
    for path in taken:
        print(path)
    print(f"{len(taken)} screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
