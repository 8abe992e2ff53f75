"""Render every dialog and wizard page on small and large-font screens, and list what is cut off.

For each screen of ``tests.layout_support.SCREENS`` (800×600 with the usual 9 pt font, 1366×768
with a 14 pt font, and 800×600 with a 13 pt font) the application font is set, then each dialog
is opened on the sample household, sized as a window manager would on that screen (its preferred
size, at most the screen) and grabbed to ``<out>/<screen>/<name>.png``. Every picture is checked:
a dialog whose minimum size does not fit the screen, and a label, button, check box or chosen combo
entry given less room than its text, are printed (and make the exit code 1 with ``--strict``);
table columns narrower than their entries are listed too (some elide on purpose, with a tooltip).

Run: QT_QPA_PLATFORM=offscreen python -m tests.screenshots_sizes [--out DIR] [--screen NAME] [--strict]
(``python -m tests.screenshots --sizes`` runs it too.)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

import qasync
from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QWidget

from tests.layout_support import Screen, app_font, cut_off, elided_columns, fit, screens, too_big

ROOT = Path(__file__).resolve().parents[1]
#: Room the main window's menu bar, tool bar and status bar take from a page (the welcome page).
WINDOW_CHROME = 90


async def until(condition: Callable[[], Any], what: str | Callable[[], str], seconds: float = 20.0) -> Any:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while not (value := condition()):
        if loop.time() > deadline:
            raise TimeoutError(f"timed out waiting for {what if isinstance(what, str) else what()}")
        await asyncio.sleep(0.02)
    return value


class SizeShooter:
    """Grabs windows fitted to one screen and collects what does not fit."""

    def __init__(self, out: Path, screen: Screen) -> None:
        self.screen = screen
        self.out = out / screen.name
        self.out.mkdir(parents=True, exist_ok=True)
        self.taken: list[Path] = []
        self.problems: list[str] = []
        #: Table columns shown with "…" (some do so on purpose: a tooltip has the whole text).
        self.notes: list[str] = []

    async def shoot(self, widget: QWidget, name: str, preferred: QSize | None = None, *, refit: bool = True) -> Path:
        if refit:
            fit(widget, self.screen, preferred)
        await asyncio.sleep(0.08)  # pending layout and paint events
        path = self.out / f"{name}.png"
        widget.grab().save(str(path))
        self.taken.append(path)
        big = too_big(widget, self.screen)
        if big:
            self.problems.append(f"{self.screen.name}/{name}: {big}")
        self.problems.extend(f"{self.screen.name}/{name}: {problem}" for problem in cut_off(widget))
        for view in widget.findChildren(QAbstractItemView):
            if view.isVisible():
                self.notes.extend(f"{self.screen.name}/{name}: {note}" for note in elided_columns(view))
        return path


async def shoot_screen(out: Path, screen: Screen, tmp: Path) -> SizeShooter:
    """Every dialog and wizard page on ``screen`` (its size and font)."""
    shots = SizeShooter(out, screen)
    with app_font(screen.point_size):
        steps: list[Callable[[SizeShooter, Path], Awaitable[None]]] = [
            _welcome,
            _about,
            _backups,
            _recovery,
            _household_dialogs,
            _import_pages,
        ]
        for step in steps:
            await step(shots, tmp)
    return shots


# -- the steps ----------------------------------------------------------------------------------


async def _welcome(shots: SizeShooter, tmp: Path) -> None:
    from homelog_desktop.views.welcome import WelcomePage

    page = WelcomePage()
    page.set_data_location(str(tmp / "a rather long folder name" / "Home Log" / "homelog.db"))
    page.show()
    room = shots.screen.room
    page.resize(room.width(), room.height() - WINDOW_CHROME)
    await shots.shoot(page, "welcome", refit=False)
    page.set_data_location("postgresql+asyncpg://anna:***@nas.local:5432/homelog")
    await shots.shoot(page, "welcome-server", refit=False)
    page.close()


async def _about(shots: SizeShooter, tmp: Path) -> None:
    from homelog_desktop.views.about_dialog import AboutDialog

    about = AboutDialog(tmp / "data folder", str(tmp / "data folder" / "homelog.db"))
    about.show()
    await shots.shoot(about, "about")
    about.toggle_license()
    await shots.shoot(about, "about-licence", about.size())
    about.open_data_folder()  # the folder does not exist: a note says so
    await shots.shoot(about, "about-folder-note", about.size())
    about.done(0)


def _backup_folder(tmp: Path) -> tuple[Path, list[Any]]:
    from homelog_desktop.db.backup_files import list_backups, write_backup

    data = tmp / "backups-data"
    data.mkdir(exist_ok=True)
    db_file = tmp / "sample.db"
    now = datetime.now(UTC).replace(hour=7, minute=30)
    backup_dir = data / "backups"
    if not backup_dir.exists():
        for days, reason in [(40, "daily"), (9, "before-migration"), (3, "daily"), (2, "manual"), (1, "daily")]:
            write_backup(db_file, backup_dir, reason, now=now - timedelta(days=days, minutes=days * 7))
        write_backup(db_file, backup_dir, "before-restore", now=now - timedelta(hours=2))
    return backup_dir, list_backups(backup_dir)


async def _backups(shots: SizeShooter, tmp: Path) -> None:
    from homelog_desktop.views.backup_dialog import RestoreDialog

    backup_dir, backups = _backup_folder(tmp)
    chooser = RestoreDialog(backups, backup_dir)
    chooser.show()
    await shots.shoot(chooser, "restore")
    chooser.done(0)
    empty = RestoreDialog([], backup_dir)
    empty.show()
    await shots.shoot(empty, "restore-empty")
    empty.done(0)


async def _recovery(shots: SizeShooter, tmp: Path) -> None:
    from homelog_desktop.views.recovery_dialog import RecoveryDialog

    _backup_dir, backups = _backup_folder(tmp)
    path = tmp / "backups-data" / "homelog.db"
    damaged = (
        f"{path} is damaged (quick_check: On tree page 31 cell 7: Offset 57005 out of range 347..4092 "
        "and 4 more problems)."
    )
    dialog = RecoveryDialog(path, damaged, backups[0])
    dialog.show()
    await shots.shoot(dialog, "recovery")
    dialog.toggle_details()
    await shots.shoot(dialog, "recovery-details")
    dialog.done(0)
    other = RecoveryDialog(path, f"{path} is not a database file (it holds something else).", None)
    other.show()
    await shots.shoot(other, "recovery-not-a-database")
    other.done(0)


async def _household_dialogs(shots: SizeShooter, tmp: Path) -> None:
    """The source dialog's tabs, the reading dialog, the meter round, members, export progress."""
    from homelog_desktop.db import Database, sqlite_url
    from homelog_desktop.repositories import SourceRepository
    from homelog_desktop.viewmodels.members import MembersViewModel
    from homelog_desktop.viewmodels.meter_round import MeterRoundViewModel
    from homelog_desktop.viewmodels.reading_editor import ReadingEditorViewModel
    from homelog_desktop.viewmodels.source_editor import SourceEditorViewModel
    from homelog_desktop.views.members_dialog import MembersDialog
    from homelog_desktop.views.meter_round import MeterRoundDialog
    from homelog_desktop.views.reading_dialog import ReadingDialog
    from homelog_desktop.views.source_dialog import SourceDialog

    db = Database(sqlite_url(tmp / "sample.db"))
    try:
        async with db.session() as session:
            sources = await SourceRepository(session).all()
        electricity = next(s for s in sources if len(s.metrics) > 1)

        source_vm = SourceEditorViewModel(db, electricity)
        dialog = SourceDialog(source_vm)
        dialog.show()
        await asyncio.sleep(0.3)
        for tab, name in enumerate(("general", "metrics", "meter-changes", "tariffs")):
            dialog.tabs.setCurrentIndex(tab)
            await shots.shoot(dialog, f"source-{name}")
        # The small forms behind the tabs' Add… buttons.
        for tab, button, name in (
            (2, dialog.add_event_button, "meter-change"),
            (3, dialog.add_tariff_button, "tariff"),
        ):
            dialog.tabs.setCurrentIndex(tab)
            await until(button.isEnabled, f"the {name} button")
            button.click()
            item = await until(lambda: dialog._item_dialog, f"the {name} dialog")
            await shots.shoot(item, f"source-{name}-dialog")
            item.done(0)
            await until(lambda: dialog._item_dialog is None, f"the {name} dialog to close")
        dialog.done(0)
        new_source = SourceDialog(SourceEditorViewModel(db, None))
        new_source.show()
        await shots.shoot(new_source, "source-new")
        new_source.done(0)

        from homelog_desktop.viewmodels.virtual_editor import VirtualMeterEditorViewModel
        from homelog_desktop.views.virtual_meter_dialog import VirtualMeterDialog

        virtual = VirtualMeterDialog(VirtualMeterEditorViewModel(db, None))
        virtual.show()
        virtual.start()
        await until(lambda: virtual.loaded, "the virtual meter's choices")
        virtual._on_add_clicked()
        await shots.shoot(virtual, "virtual-meter-new")
        virtual.done(0)

        reading_vm = ReadingEditorViewModel(db, electricity)
        reading = ReadingDialog(reading_vm)
        reading.show()
        await until(lambda: reading_vm.context is not None and not reading_vm.busy, "the reading's context")
        await shots.shoot(reading, "reading-new")
        first = reading._rows[0].edit
        first.setText("12")
        await asyncio.sleep(0.1)
        await shots.shoot(reading, "reading-warning", reading.size())
        reading.done(QDialog.DialogCode.Rejected)

        round_vm = MeterRoundViewModel(db)
        sheet = MeterRoundDialog(round_vm)
        sheet.show()
        sheet.start()
        await until(lambda: bool(sheet.rows) and not round_vm.busy, "the meter round's lines")
        await shots.shoot(sheet, "meter-round")
        sheet.done(0)
        await round_vm.close()

        members_vm = MembersViewModel(db)
        members = MembersDialog(members_vm)
        members.show()
        await asyncio.sleep(0.3)
        await shots.shoot(members, "members")
        members.done(0)

        await _export_progress(shots, db, electricity, tmp)
    finally:
        await db.dispose()


async def _export_progress(shots: SizeShooter, db: Any, source: Any, tmp: Path) -> None:
    from homelog_desktop.viewmodels.exporting import ExportViewModel
    from homelog_desktop.views.exporting import ExportProgress

    exporter = ExportViewModel(db)
    progress = ExportProgress(exporter, source, tmp / "a long export file name for the electricity meter.csv")
    progress.setMinimumDuration(0)
    progress.setMaximum(48_000)
    progress.setValue(12_345)
    progress.setLabelText(f"Exporting the readings of “{source.name}”… 12,345 of 48,000")
    progress.show()
    await shots.shoot(progress, "export-progress")
    progress.canceled.disconnect()
    progress.close()


async def _import_pages(shots: SizeShooter, tmp: Path) -> None:
    from homelog_desktop.db import Database, sqlite_url
    from homelog_desktop.viewmodels.importing import ImportViewModel
    from homelog_desktop.views.import_wizard import PAGE_PROGRESS, PAGE_SUMMARY, ImportWizard
    from tests.screenshots import write_messy_file

    messy = tmp / "stadtwerke_export.csv"
    if not messy.exists():
        write_messy_file(messy, 200)
    ambiguous = tmp / "meter readings.csv"
    ambiguous.write_text("Date,Meter (m³)\n01/02/2024,10.5\n02/03/2024,20.25\n03/04/2024,30\n", encoding="utf-8")
    db = Database(sqlite_url(tmp / "sample.db"))
    try:
        wizard = ImportWizard(ImportViewModel(db, messy, tmp))
        wizard.show_source_requested.connect(lambda _id: None)  # as the main window does
        wizard.show()
        await until(lambda: wizard.vm.detected is not None and not wizard.vm.busy, "detection")
        preferred = None  # the size the wizard chooses for itself
        await shots.shoot(wizard, "import-1-file", preferred)

        async def forward(page: int) -> None:
            await until(
                lambda: not wizard.vm.busy and wizard.currentPage().isComplete(),
                lambda: f"a complete page (busy: {wizard.vm.busy}, problem: {wizard.vm.mapping_problem()!r})",
            )
            wizard.next()
            await until(lambda: wizard.currentId() == page, f"page {page}")
            await until(lambda: not wizard.vm.busy, "the page's work")

        await forward(1)
        await shots.shoot(wizard, "import-2-mapping", preferred)
        wizard.mapping_page.new_radio.click()
        name = f"Electricity (imported, {shots.screen.name})"
        wizard.mapping_page.new_name.setText(name)
        wizard.mapping_page.new_name.textEdited.emit(name)
        await shots.shoot(wizard, "import-2-mapping-new", preferred)
        await forward(2)
        await until(lambda: wizard.preview_page.model.rowCount() > 0, "the preview")
        await shots.shoot(wizard, "import-3-preview", preferred)
        wizard.preview_page.skip_invalid.setChecked(True)
        await forward(3)
        await shots.shoot(wizard, "import-4-duplicates", preferred)
        wizard.next()
        await until(lambda: wizard.currentId() in (PAGE_PROGRESS, PAGE_SUMMARY), "the progress page")
        await until(lambda: wizard.currentId() == PAGE_SUMMARY, "the summary")
        await shots.shoot(wizard, "import-6-summary", preferred)
        wizard.done(0)

        dates = ImportWizard(ImportViewModel(db, ambiguous, tmp))
        dates.show()
        await until(lambda: dates.vm.detected is not None and not dates.vm.busy, "detection")
        await shots.shoot(dates, "import-1-file-ambiguous-dates", preferred)
        dates.done(0)

        nem12 = ROOT / "tests" / "data" / "formats" / "nem12_two_registers.csv"
        recognised = ImportWizard(ImportViewModel(db, nem12, tmp))
        recognised.show()
        await until(lambda: recognised.vm.standard is not None and not recognised.vm.busy, "recognition")
        await until(lambda: recognised.currentPage() is recognised.recognised_page, "the recognised page")
        await shots.shoot(recognised, "import-7-recognised", preferred)
        recognised.done(0)
    finally:
        await db.dispose()


# -- running --------------------------------------------------------------------------------------


async def prepare(tmp: Path) -> None:
    from homelog_desktop.db import Database, sqlite_url
    from homelog_desktop.db.migrate import migrate
    from homelog_desktop.services.sample_data import create_sample_household

    db = Database(sqlite_url(tmp / "sample.db"))
    await migrate(db)
    await create_sample_household(db, today=date.today())
    await db.dispose()


async def shoot_sizes(out: Path, only: str | None = None) -> tuple[list[Path], list[str]]:
    """All screens (or the one named ``only``): the pictures taken and the problems found."""
    tmp = Path(tempfile.mkdtemp(prefix="homelog-size-shots-"))
    await prepare(tmp)
    taken: list[Path] = []
    problems: list[str] = []
    for screen in screens():
        if only is not None and screen.name != only:
            continue
        shots = await shoot_screen(out, screen, tmp)
        taken += shots.taken
        problems += shots.problems
        problems += [f"(column) {note}" for note in shots.notes]
    return taken, problems


def main() -> int:
    parser = argparse.ArgumentParser(description="Render every dialog on small and large-font screens.")
    parser.add_argument("--out", default=str(ROOT / "screenshots" / "sizes"))
    parser.add_argument("--screen", choices=[s.name for s in screens()], help="only this screen")
    parser.add_argument("--strict", action="store_true", help="exit 1 if anything is cut off or too big")
    args = parser.parse_args()
    if args.screen is None:
        return run_all(Path(args.out), args.strict)
    return run(Path(args.out), args.screen, args.strict)


def run_all(out: Path, strict: bool = False) -> int:
    """Each screen in a process of its own: Qt's offscreen screen size is fixed when Qt starts."""
    import subprocess

    worst = 0
    for screen in screens():
        command = [sys.executable, "-m", "tests.screenshots_sizes", "--out", str(out), "--screen", screen.name]
        if strict:
            command.append("--strict")
        worst = max(worst, subprocess.run(command, cwd=ROOT, check=False).returncode)
    return worst


def offscreen_screen(screen: Screen, folder: Path) -> str:
    """The QT_QPA_PLATFORM value for an offscreen screen of ``screen``'s size (a config file in ``folder``)."""
    import json

    config = folder / f"screen-{screen.name}.json"
    size = screen.size
    geometry = {"name": screen.name, "x": 0, "y": 0, "width": size.width(), "height": size.height()}
    config.write_text(json.dumps({"screens": [{**geometry, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    return f"offscreen:configfile={config}"


def run(out: Path, only: str | None = None, strict: bool = False) -> int:
    out.mkdir(parents=True, exist_ok=True)
    screen = next((s for s in screens() if s.name == only), None)
    if screen is not None and QApplication.instance() is None and os.environ["QT_QPA_PLATFORM"] == "offscreen":
        os.environ["QT_QPA_PLATFORM"] = offscreen_screen(screen, Path(tempfile.mkdtemp(prefix="homelog-screen-")))
    QCoreApplication.setOrganizationName("HomeLogScreenshots")
    QCoreApplication.setApplicationName("Home Log")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    from tests.screenshots import use_language

    use_language()
    app.setQuitOnLastWindowClosed(False)
    taken, problems = asyncio.run(shoot_sizes(out, only), loop_factory=qasync.QEventLoop)
    for path in taken:
        print(path)
    print(f"{len(taken)} screenshots in {out}")
    for problem in problems:
        print(f"CUT OFF OR TOO BIG: {problem}")
    return 1 if strict and problems else 0


if __name__ == "__main__":
    sys.exit(main())
