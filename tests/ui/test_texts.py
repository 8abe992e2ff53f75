"""What the import wizard, the recovery dialog and the welcome page say is true (issue 9, item 8)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWizard

from homelog_desktop.services.importing import ImportSummary
from homelog_desktop.services.importing.summary import summary_text
from homelog_desktop.viewmodels.importing import ImportViewModel
from homelog_desktop.views.import_wizard import PAGE_MAPPING, PAGE_SUMMARY, ImportWizard
from homelog_desktop.views.recovery_dialog import RecoveryDialog
from homelog_desktop.views.welcome import WelcomePage, location_text
from tests.ui.test_import_wizard import forward, wait_preview

CSV = "Date,Water (m³)\n2024-03-01,100.5\n2024-03-08,101.2\n"


def wizard_on(qtbot, db, tmp_path: Path, *, show_source: list[int] | None = None) -> ImportWizard:
    path = tmp_path / "water.csv"
    path.write_text(CSV, encoding="utf-8")
    wizard = ImportWizard(ImportViewModel(db, path, tmp_path / "profiles"))
    if show_source is not None:
        wizard.show_source_requested.connect(show_source.append)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.vm.detected is not None and not wizard.vm.busy, timeout=10_000)
    return wizard


def import_all(qtbot, wizard: ImportWizard) -> None:
    forward(qtbot, wizard, PAGE_MAPPING)
    forward(qtbot, wizard, PAGE_MAPPING + 1)
    wait_preview(qtbot, wizard)
    forward(qtbot, wizard, PAGE_MAPPING + 2)
    forward(qtbot, wizard, PAGE_MAPPING + 3)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_SUMMARY, timeout=20_000)


def test_import_wizard_source_choice_does_not_say_there_are_no_sources_when_there_are(qtbot, db, tmp_path, add_source):
    """With a stored source and “a new source” chosen, the source list says “choose”, not “no sources yet”."""
    add_source("Electricity")
    wizard = wizard_on(qtbot, db, tmp_path)
    forward(qtbot, wizard, PAGE_MAPPING)
    page = wizard.mapping_page
    assert page.new_radio.isChecked() and page.source_combo.currentIndex() == -1
    assert page.source_combo.placeholderText() == "(choose a source)"
    page.existing_radio.click()
    assert page.source_combo.currentText() == "Electricity"


def test_import_wizard_source_choice_says_when_there_are_no_sources(qtbot, db, tmp_path):
    """An empty database: the source list says there are no sources yet, and cannot be chosen."""
    wizard = wizard_on(qtbot, db, tmp_path)
    forward(qtbot, wizard, PAGE_MAPPING)
    page = wizard.mapping_page
    assert page.source_combo.placeholderText() == "(there are no sources yet)"
    assert not page.existing_radio.isEnabled()


def test_import_wizard_summary_offers_to_show_the_source_when_a_window_listens(qtbot, db, tmp_path, stored_sources):
    """The summary's “Show …” button asks the window to show the imported source, and closes the wizard."""
    asked: list[int] = []
    wizard = wizard_on(qtbot, db, tmp_path, show_source=asked)
    import_all(qtbot, wizard)
    page = wizard.summary_page
    assert "main window" not in page.subTitle()
    button = page.show_source_button
    assert button.isVisible() and button.text() == "Show “Water”"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    (source,) = stored_sources()
    assert asked == [source.id]
    assert not wizard.isVisible()


def test_import_wizard_summary_promises_nothing_when_no_window_listens(qtbot, db, tmp_path):
    """Without a window to show the source, the summary neither offers nor promises it; Finish closes."""
    wizard = wizard_on(qtbot, db, tmp_path)
    import_all(qtbot, wizard)
    page = wizard.summary_page
    assert not page.show_source_button.isVisible()
    assert "main window" not in page.subTitle() and "shown" not in page.subTitle()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert not wizard.isVisible()


def test_import_summary_text_says_line_for_one_and_lines_for_more(tmp_path):
    """“(line 5)” for one skipped row, “(lines 5, 8)” for two: never “lines 5”."""
    one = ImportSummary(tmp_path / "a.csv", "Water", skipped_empty_rows=1, empty_lines=[5])
    two = ImportSummary(tmp_path / "a.csv", "Water", skipped_empty_rows=2, empty_lines=[5, 8])
    assert "Skipped: 1 row with no value (line 5)." in summary_text(one)
    assert "Skipped: 2 rows with no value (lines 5, 8)." in summary_text(two)


def test_recovery_dialog_speaks_plainly_and_keeps_the_details(qtbot, tmp_path):
    """The damaged-file dialog explains in plain words; SQLite's message is under “Technical details”."""
    path = tmp_path / "homelog.db"
    problem = f"{path} is damaged (quick_check: On tree page 31 cell 7: Offset 57005 out of range 347..4092)."
    dialog = RecoveryDialog(path, problem, None)
    qtbot.addWidget(dialog)
    dialog.show()
    shown = " ".join(label.text() for label in dialog.findChildren(QLabel) if label.isVisible())
    assert "damaged" in shown and "power cut" in shown and str(path) in shown
    for jargon in ("quick_check", "tree page", "Offset", "SQLite", "integrity"):
        assert jargon not in shown
    details = dialog.findChild(QLabel, "recoveryDetails")
    assert not details.isVisible()
    qtbot.mouseClick(dialog.details_button, Qt.MouseButton.LeftButton)
    assert details.isVisible() and details.text() == problem
    qtbot.mouseClick(dialog.details_button, Qt.MouseButton.LeftButton)
    assert not details.isVisible()


def test_recovery_dialog_names_a_file_that_is_not_home_log_data(qtbot, tmp_path):
    """A file holding something else: the dialog says it is not a Home Log data file (given its kind)."""
    path = tmp_path / "homelog.db"
    dialog = RecoveryDialog(path, "something the checker said", None, health="not-database")
    qtbot.addWidget(dialog)
    dialog.show()
    assert "not a Home Log data file" in dialog.findChild(QLabel, "recoveryReason").text()
    assert "No good backup was found" in dialog.advice.text()


def test_welcome_page_says_where_the_readings_are_kept(qtbot):
    """A file: “stay on this computer”; a server: the server and database, never “this computer” nor a password."""
    page = WelcomePage()
    qtbot.addWidget(page)
    page.set_data_location("/home/ann/.local/share/HomeLog/homelog.db")
    assert page._where.text() == "Your readings stay on this computer, in /home/ann/.local/share/HomeLog/homelog.db"
    server = location_text("postgresql+asyncpg://ann:***@nas.local:5432/homelog")
    assert "stay on this computer" not in server
    assert "server" in server and "nas.local" in server and "“homelog”" in server and "***" not in server
