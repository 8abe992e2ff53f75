"""Help → About: version, data folder (opened through the desktop), database, licence; Escape closes."""

from __future__ import annotations

import platform

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QLabel, QPushButton

from homelog_desktop import __version__
from homelog_desktop.views.about_dialog import AboutDialog, license_text
from homelog_desktop.views.main.actions import Act
from tests.ui.test_main_window import open_window  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("isolated_settings")


class _FileUrls(QObject):
    """Receives file:// URLs instead of the desktop's file manager (QDesktopServices.setUrlHandler)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def show(self, url: QUrl) -> None:
        self.urls.append(url)


def _about(window) -> AboutDialog:
    found = [d for d in window.findChildren(QDialog, "aboutDialog") if d.isVisible()]
    assert len(found) == 1
    return found[0]


def test_about_dialog_from_help_menu(qtbot, open_window, tmp_path, db_path):  # noqa: F811 (the fixture)
    """Help → About opens the dialog with the version, the window's data folder and the open database; Esc closes."""
    window = open_window()
    window.data_dir = tmp_path / "my data"
    window.action(Act.ABOUT).trigger()
    qtbot.waitUntil(lambda: bool([d for d in window.findChildren(QDialog, "aboutDialog") if d.isVisible()]))
    about = _about(window)
    title = about.findChild(QLabel, "aboutTitle")
    assert f"Version {__version__}" in title.text()
    assert about.findChild(QLabel, "aboutDataFolder").text() == str(tmp_path / "my data")
    assert about.findChild(QLabel, "aboutDatabase").text() == str(db_path)
    assert not about.findChild(QLabel, "aboutIcon").pixmap().isNull()
    about.activateWindow()
    qtbot.waitUntil(about.isActiveWindow)
    qtbot.keyClick(about, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not [d for d in window.findChildren(QDialog, "aboutDialog") if d.isVisible()])


def test_about_dialog_open_folder_asks_the_desktop_to_show_the_data_folder(qtbot, tmp_path):
    """Open Folder hands the data folder's file:// URL to the desktop (here a registered URL handler)."""
    receiver = _FileUrls()
    QDesktopServices.setUrlHandler("file", receiver, "show")
    try:
        dialog = AboutDialog(tmp_path, None)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.mouseClick(dialog.findChild(QPushButton, "openDataFolderButton"), Qt.MouseButton.LeftButton)
        assert receiver.urls == [QUrl.fromLocalFile(str(tmp_path))]
        assert not dialog.folder_note.isVisible()
    finally:
        QDesktopServices.unsetUrlHandler("file")


def test_about_dialog_open_folder_that_does_not_exist_says_so(qtbot, tmp_path):
    """A data folder that does not exist (yet) is not handed to the desktop; the dialog says why."""
    receiver = _FileUrls()
    QDesktopServices.setUrlHandler("file", receiver, "show")
    try:
        dialog = AboutDialog(tmp_path / "not there", None)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.open_data_folder() is False
        assert receiver.urls == []
        assert dialog.folder_note.isVisible()
        assert "does not exist" in dialog.folder_note.text()
        assert dialog.findChild(QLabel, "aboutDatabase").text() == "not open"
    finally:
        QDesktopServices.unsetUrlHandler("file")


def test_about_dialog_open_folder_without_a_file_manager_says_so(qtbot, tmp_path):
    """A folder that exists but that no file manager shows (offscreen has none): the note names that
    cause, not a missing folder."""
    dialog = AboutDialog(tmp_path, None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.open_data_folder() is False
    note = dialog.folder_note.text()
    assert dialog.folder_note.isVisible() and "No file manager" in note
    assert "exist" not in note


def test_about_dialog_open_folder_on_a_file_says_it_is_a_file(qtbot, tmp_path):
    """A file where the data folder should be: the note says so."""
    path = tmp_path / "homelog"
    path.write_text("not a folder")
    dialog = AboutDialog(path, None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.open_data_folder() is False
    assert "a file, not a folder" in dialog.folder_note.text()


def test_about_dialog_shows_the_licence_text_on_request(qtbot, tmp_path):
    """Show Licence reveals the MIT licence text (wide enough for its lines) and Hide Licence hides it."""
    text = license_text()
    assert text is not None and text.startswith("MIT License")
    dialog = AboutDialog(tmp_path, None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "MIT licence" in dialog.findChild(QLabel, "aboutLicence").text()
    button = dialog.findChild(QPushButton, "showLicenceButton")
    assert not dialog.license_view.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert dialog.license_view.isVisible()
    assert "Permission is hereby granted" in dialog.license_view.toPlainText()
    longest = max(text.splitlines(), key=len)
    assert dialog.license_view.viewport().width() >= dialog.license_view.fontMetrics().horizontalAdvance(longest)
    assert button.text() == "Hide Licence"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not dialog.license_view.isVisible()


def test_about_dialog_names_python_and_qt_versions(qtbot, tmp_path):
    """The runtime line names the Python and Qt versions this copy runs on (for bug reports)."""
    dialog = AboutDialog(tmp_path, None)
    qtbot.addWidget(dialog)
    line = dialog.findChild(QLabel, "aboutVersions").text()
    assert f"Python {platform.python_version()}" in line
    assert f"Qt {qVersion()}" in line
