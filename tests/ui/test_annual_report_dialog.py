"""File → Export Annual Report…: the dialog's choices, the export with progress, Cancel, errors and Open."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMenu

from homelog_desktop.services.annual_report import YearKind
from homelog_desktop.viewmodels.annual_report import AnnualReportViewModel
from homelog_desktop.viewmodels.workspace import make_workspace
from homelog_desktop.views.annual_report_dialog import AnnualReportDialog
from homelog_desktop.views.annual_report_pdf import write_pdf
from homelog_desktop.views.main import MainWindow
from homelog_desktop.views.main.actions import MENUS, Act
from tests.annual_report_support import LONG_NAME, build_household, pdf_info, pdf_text

pytestmark = [
    pytest.mark.usefixtures("isolated_settings"),
    pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils (pdfinfo) not installed"),
]

SHOTS = Path("/tmp/pdf/shots")


@pytest.fixture
def dialog(qtbot, run, db):
    run(build_household(db))
    vm = AnnualReportViewModel(db, write_pdf)
    dlg = AnnualReportDialog(vm, today=date(2026, 2, 10))
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.start()
    qtbot.waitUntil(lambda: dlg.source_list.count() == 3)
    return dlg


def _checked(dlg: AnnualReportDialog) -> list[str]:
    return [
        dlg.source_list.item(i).toolTip()
        for i in range(dlg.source_list.count())
        if dlg.source_list.item(i).checkState() == Qt.CheckState.Checked
    ]


def test_dialog_offers_last_year_and_every_source(dialog):
    """In February the year is last year's; every source is chosen; the page size follows the locale (en_GB: A4)."""
    assert dialog.year_spin.value() == 2025
    assert dialog.calendar_radio.isChecked()
    assert _checked(dialog) == ["Cellar", LONG_NAME, "Water"]
    assert dialog.page_combo.currentData() == "a4"
    assert dialog.export_button.isEnabled()
    request = dialog.request()
    assert request.kind is YearKind.CALENDAR and request.year == 2025 and len(request.source_ids) == 3
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "dialog.png"))
    dialog.resize(420, 360)
    dialog.grab().save(str(SHOTS / "dialog-small.png"))


def test_dialog_without_sources_cannot_export(dialog):
    """ "None" unticks every source: nothing to export."""
    dialog.none_button.click()
    assert _checked(dialog) == []
    assert not dialog.export_button.isEnabled()
    dialog.all_button.click()
    assert dialog.export_button.isEnabled()


def test_dialog_asks_where_to_save(qtbot, dialog):
    """Export… opens a save dialog for a .pdf named after the year."""
    file_dialog = dialog.ask_path()
    assert isinstance(file_dialog, QFileDialog)
    assert file_dialog.defaultSuffix() == "pdf"
    assert file_dialog.selectedFiles()[0].endswith("Home Log annual report 2025.pdf")
    file_dialog.reject()


def test_dialog_exports_the_chosen_sources_and_offers_open(qtbot, dialog, tmp_path, monkeypatch):
    """Only the ticked sources, on Letter; progress, then "Saved … (2 pages)" and Open."""
    for i in range(dialog.source_list.count()):
        item = dialog.source_list.item(i)
        if item.toolTip() != "Water":
            item.setCheckState(Qt.CheckState.Unchecked)
    dialog.page_combo.setCurrentIndex(dialog.page_combo.findData("letter"))
    progress: list[tuple[int, int]] = []
    dialog.vm.progress_changed.connect(lambda done, total, _text: progress.append((done, total)))
    path = tmp_path / "year.pdf"
    with qtbot.waitSignal(dialog.vm.finished, timeout=60_000):
        dialog.export_to(path)
        assert dialog.progress.isVisible() and not dialog.source_list.isEnabled()
    assert "Saved year.pdf (2 pages)" in dialog.status.text()
    assert dialog.open_button.isVisible() and dialog.source_list.isEnabled()
    assert progress[-1][0] == progress[-1][1]
    info = pdf_info(path)
    assert info["Pages"] == "2" and "letter" in info["Page size"]
    assert "Water" in pdf_text(path, 2) and "January 2025" in pdf_text(path, 2)  # (figures: the local zone)
    opened: list[str] = []
    monkeypatch.setattr(
        "homelog_desktop.views.annual_report_dialog.QDesktopServices.openUrl",
        lambda url: opened.append(url.toLocalFile()) or True,
    )
    assert dialog.open_result()
    assert opened == [str(path)]
    dialog.grab().save(str(SHOTS / "dialog-saved.png"))


def test_dialog_says_when_the_file_cannot_be_written(qtbot, dialog, tmp_path):
    """A folder that does not exist: a clear message, no file, the choices kept."""
    path = tmp_path / "missing" / "year.pdf"
    with qtbot.waitSignal(dialog.vm.failed, timeout=60_000):
        dialog.export_to(path)
    assert "could not be written to year.pdf: No such file or directory" in dialog.status.text()
    assert not path.exists() and not path.parent.exists()
    assert dialog.export_button.isEnabled() and len(_checked(dialog)) == 3
    dialog.grab().save(str(SHOTS / "dialog-error.png"))


def test_dialog_cancel_stops_the_export(qtbot, dialog, tmp_path):
    """Cancel while exporting: the export stops, no file is written, the dialog stays open."""
    path = tmp_path / "year.pdf"
    with qtbot.waitSignal(dialog.vm.cancelled, timeout=60_000):
        dialog.export_to(path)
        dialog.reject()
    assert "cancelled" in dialog.status.text()
    assert dialog.isVisible()
    assert not path.exists() and list(tmp_path.glob(".*.part")) == []
    dialog.reject()
    assert not dialog.isVisible()


def test_window_file_menu_opens_the_dialog(qtbot, run, db, db_path):
    """File → Export Annual Report… exists, is enabled with sources, and opens the dialog."""
    assert Act.ANNUAL_REPORT in dict(MENUS)["&File"]
    run(build_household(db))
    win = MainWindow()
    qtbot.addWidget(win, before_close_func=lambda w: w.unbind())
    workspace = make_workspace(db, str(db_path))
    with qtbot.waitSignal(win.first_data_shown):
        win.bind(workspace)
        win.show()
    win.resize(800, 600)
    action = win.action(Act.ANNUAL_REPORT)
    qtbot.waitUntil(action.isEnabled)
    # (found by title: PySide6 6.8 deletes the wrapper QAction.menu() returns)
    file_menu = next(m for m in win.menuBar().findChildren(QMenu) if m.title() == "&File")
    assert action in file_menu.actions()
    file_menu.popup(win.mapToGlobal(win.rect().topLeft()))
    qtbot.waitUntil(file_menu.isVisible)
    SHOTS.mkdir(parents=True, exist_ok=True)
    file_menu.grab().save(str(SHOTS / "file-menu.png"))
    file_menu.hide()
    action.trigger()
    qtbot.waitUntil(lambda: any(d.isVisible() for d in win.findChildren(AnnualReportDialog)))
    dlg = next(d for d in win.findChildren(AnnualReportDialog) if d.isVisible())
    qtbot.waitUntil(lambda: dlg.source_list.count() == 3)
    win.grab().save(str(SHOTS / "window-with-dialog.png"))
    dlg.grab().save(str(SHOTS / "dialog-from-window.png"))
    dlg.reject()
    run(workspace.close())


def test_dialog_cancel_while_the_pages_are_made(qtbot, dialog, tmp_path):
    """Cancel once the charts are being drawn: the export stops there, no file (nor temporary file) is left."""
    path = tmp_path / "year.pdf"
    seen: list[str] = []

    def on_progress(_done: int, _total: int, text: str) -> None:
        seen.append(text)
        if text.startswith("Charts of"):
            dialog.reject()  # Cancel

    dialog.vm.progress_changed.connect(on_progress)
    with qtbot.waitSignal(dialog.vm.cancelled, timeout=60_000):
        dialog.export_to(path)
    assert any(t.startswith("Figures of") for t in seen)
    assert "Cover" not in seen
    assert not path.exists() and list(tmp_path.glob("*.pdf*")) == [] and list(tmp_path.glob(".*.part")) == []
    assert "cancelled" in dialog.status.text() and dialog.export_button.isEnabled()
