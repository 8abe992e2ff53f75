"""Every dialog and wizard page fits an 800×600 screen, and at 1366×768 with a 14 pt font; no text is cut off.

Each test opens the real dialog (on a real database where it needs one) with the application font
of the screen, sizes it as a window manager would on that screen, and checks with
``tests.layout_support`` that its minimum size fits and that no label, button, check box or chosen
combo entry has less room than its text. ``python -m tests.screenshots_sizes`` renders the same.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from homelog_desktop.db.backup_files import list_backups, write_backup
from homelog_desktop.domain.entities import Metric, MetricKind
from homelog_desktop.viewmodels.importing import ImportViewModel
from homelog_desktop.viewmodels.members import MembersViewModel
from homelog_desktop.viewmodels.meter_round import MeterRoundViewModel
from homelog_desktop.viewmodels.reading_editor import ReadingEditorViewModel
from homelog_desktop.viewmodels.source_editor import SourceEditorViewModel
from homelog_desktop.views.about_dialog import AboutDialog
from homelog_desktop.views.backup_dialog import RestoreDialog
from homelog_desktop.views.import_wizard import PAGE_MAPPING, ImportWizard
from homelog_desktop.views.members_dialog import MembersDialog
from homelog_desktop.views.meter_round import MeterRoundDialog
from homelog_desktop.views.reading_dialog import ReadingDialog
from homelog_desktop.views.recovery_dialog import RecoveryDialog
from homelog_desktop.views.source_dialog import SourceDialog
from homelog_desktop.views.welcome import WelcomePage
from tests.conftest import make_reading
from tests.layout_support import Screen, app_font, cut_off, elided_columns, fit, screens, too_big
from tests.screenshots_sizes import WINDOW_CHROME

SCREENS = screens()
IDS = [s.name for s in SCREENS]


@pytest.fixture(params=SCREENS, ids=IDS)
def screen(request, qapp):
    """One of the screens, with its application font set for the test."""
    with app_font(request.param.point_size):
        yield request.param


def check(widget: QWidget, screen: Screen, preferred: QSize | None = None) -> None:
    """``widget`` fits ``screen`` and, sized for it, cuts no text."""
    assert too_big(widget, screen) == ""
    fit(widget, screen, preferred)
    assert cut_off(widget) == []


def test_layout_restore_dialog_fits_and_shows_every_reason_whole(qtbot, screen, db, db_path, add_source, run):
    """The restore list's columns are as wide as their entries: “Backed up by you” and the dates are whole."""
    add_source("House")
    run(db.dispose())
    folder = db_path.parent / "backups"
    now = datetime(2026, 12, 2, 7, 30, tzinfo=UTC)
    for days, reason in [(9, "before-migration"), (3, "daily"), (2, "manual"), (0, "before-restore")]:
        write_backup(db_path, folder, reason, now=now - timedelta(days=days))
    chooser = RestoreDialog(list_backups(folder), folder)
    qtbot.addWidget(chooser)
    chooser.show()
    check(chooser, screen, chooser.size())
    assert elided_columns(chooser.table) == []
    assert "Backed up by you" in [chooser.table.topLevelItem(r).text(1) for r in range(4)]


@pytest.mark.parametrize("with_backup", [True, False], ids=["damaged", "not-a-database"])
def test_layout_recovery_dialog_fits_with_its_details_open(qtbot, screen, db_path, with_backup):
    """The recovery dialog fits, its details expanded or not."""
    backup = None
    if with_backup:
        connection = sqlite3.connect(db_path)  # a small healthy file: an empty one is never backed up
        connection.execute("CREATE TABLE t (x)")
        connection.close()
        backup = write_backup(db_path, db_path.parent / "backups", "daily")
    problem = f"{db_path} is damaged (quick_check: On tree page 31 cell 7: Offset 57005 out of range 347..4092)."
    dialog = RecoveryDialog(db_path, problem, backup)
    qtbot.addWidget(dialog)
    dialog.show()
    check(dialog, screen)
    dialog.toggle_details()
    check(dialog, screen)


def test_layout_about_dialog_fits_with_the_licence_shown(qtbot, screen, tmp_path):
    """The About dialog fits, with the licence and with the folder note."""
    about = AboutDialog(tmp_path / "a long folder name for the data of Home Log", str(tmp_path / "homelog.db"))
    qtbot.addWidget(about)
    about.show()
    check(about, screen)
    about.open_data_folder()  # the folder does not exist: a note says so
    check(about, screen)
    about.toggle_license()
    check(about, screen, about.size())


def test_layout_welcome_page_fits_the_main_window(qtbot, screen, tmp_path):
    """The welcome page fits what the main window leaves for a page, with a long data location."""
    page = WelcomePage()
    qtbot.addWidget(page)
    page.set_data_location(str(tmp_path / "a rather long folder name" / "Home Log" / "homelog.db"))
    page.show()
    room = screen.room
    assert page.minimumSizeHint().height() <= room.height() - WINDOW_CHROME
    assert page.minimumSizeHint().width() <= room.width()
    page.resize(room.width(), room.height() - WINDOW_CHROME)
    assert cut_off(page) == []


def test_layout_source_dialog_fits_on_every_tab(qtbot, screen, db, add_source):
    """The source dialog fits, and each of its four tabs shows its text whole."""
    source = add_source("Electricity")
    dialog = SourceDialog(SourceEditorViewModel(db, source))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.events_model.rowCount() == 0 and not dialog._vm.busy)
    for tab in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(tab)
        check(dialog, screen, dialog.size())


def test_layout_reading_dialog_fits_with_a_warning(qtbot, screen, db, add_source, store):
    """The reading dialog fits, also while it shows a warning and the meter-change buttons."""
    source = add_source("Electricity")
    store(source, make_reading(source, datetime.now(UTC) - timedelta(days=3), "2909.0", "1760.1"))
    vm = ReadingEditorViewModel(db, source)
    dialog = ReadingDialog(vm)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: vm.context is not None and not vm.busy)
    check(dialog, screen, dialog.size())
    dialog._rows[0].edit.setText("12")
    message = dialog.findChild(QLabel, "valueMessage_0")
    qtbot.waitUntil(lambda: message.isVisible() and "lower" in message.text())
    assert dialog.findChild(QPushButton, "meterReplacedButton_0").isVisible()
    check(dialog, screen, dialog.size())


def test_layout_meter_round_and_members_fit(qtbot, screen, db, run, add_source, add_member, store):
    """The meter round (long names) and the members dialog fit; the round's names are whole where room allows."""
    add_member("Alex Morgan", email="alex.morgan@example.com")
    power = add_source("Electricity", interval_days=7)
    store(power, make_reading(power, datetime.now(UTC) - timedelta(days=9), "1000.0", "500.0"))
    add_source(
        "Water",
        interval_days=7,
        metrics=(Metric(None, "Water", "m³", MetricKind.COUNTER, decimals=3),),
    )
    heat = add_source(
        "Heat delivered", interval_days=7, metrics=(Metric(None, "Delivered", "kWh", MetricKind.INTERVAL, decimals=1),)
    )
    store(heat, make_reading(heat, datetime.now(UTC) - timedelta(days=9), "120.0"))
    round_vm = MeterRoundViewModel(db)
    sheet = MeterRoundDialog(round_vm)
    qtbot.addWidget(sheet)
    sheet.show()
    sheet.start()
    qtbot.waitUntil(lambda: bool(sheet.rows) and not round_vm.busy)
    # An amount per period with a start of its own: its start, and the way back to the default, are whole.
    (heat_row,) = [r for r in sheet.rows if r.line.source.id == heat.id]
    assert heat_row.period is not None
    heat_row.period.setDateTime(heat_row.period.dateTime().addDays(1))
    reset = heat_row.period_reset
    assert reset is not None and reset.isVisible()
    qtbot.waitUntil(lambda: reset.width() >= reset.sizeHint().width())  # the sheet laid out again, as on screen
    check(sheet, screen, sheet.size())
    run(round_vm.close())
    members = MembersDialog(MembersViewModel(db))
    qtbot.addWidget(members)
    members.show()
    check(members, screen, members.size())


def test_layout_import_wizard_fits_the_screen(qtbot, screen, db, tmp_path: Path, add_source):
    """The import wizard fits (no fixed 860-pixel minimum any more; its first page scrolls); its first
    pages cut no text."""
    add_source("Electricity")
    path = tmp_path / "meter readings.csv"
    path.write_text("Date,Meter (m³)\n01/02/2024,10.5\n02/03/2024,20.25\n03/04/2024,30\n", encoding="utf-8")
    wizard = ImportWizard(ImportViewModel(db, path, tmp_path / "profiles"))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.vm.detected is not None and not wizard.vm.busy, timeout=10_000)
    check(wizard, screen, wizard.size())
    # The file's settings: two forms side by side, one above the other only where that does not fit.
    if screen.name == "800x600":
        assert wizard.file_page.form.side_by_side
    elif screen.name == "800x600-large-font":
        assert not wizard.file_page.form.side_by_side
    wizard.file_page.day_first.click()
    qtbot.waitUntil(lambda: not wizard.vm.busy and wizard.currentPage().isComplete())
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_MAPPING and not wizard.vm.busy)
    check(wizard, screen, wizard.size())


@pytest.mark.parametrize("name", ["nem12_two_registers.csv", "dsmr_reader_days.csv"])
def test_layout_import_wizard_recognised_page_fits(qtbot, screen, db, tmp_path: Path, name: str):
    """A standard-format file's page (its registers, the sources it makes, the zone of a file that names
    none) fits and cuts no text."""
    path = Path(__file__).resolve().parents[1] / "data" / "formats" / name
    wizard = ImportWizard(ImportViewModel(db, path, tmp_path / "profiles"))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recognised_page and not wizard.vm.busy, timeout=10_000)
    check(wizard, screen, wizard.size())
