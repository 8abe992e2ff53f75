"""Help → About: the app's version, where its data lives (with a button to open that folder), the
licence and the versions of Python and Qt it runs on."""

from __future__ import annotations

import html
import platform
import sys
from pathlib import Path

import PySide6
from PySide6.QtCore import QSize, Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME, HOMEPAGE, __version__
from ..i18n import translate
from ..resources import resources_dir
from .icons import app_icon
from .widgets import grow_to_fit, preferred_size


def license_text() -> str | None:
    """The LICENSE file shipped beside resources/ (source tree and installed bundle); None if absent."""
    path = resources_dir().parent / "LICENSE"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def runtime_versions() -> str:
    """'Python 3.12.3 · Qt 6.8.1 · Qt for Python 6.8.1 · Linux x86_64' for bug reports."""
    return (
        f"Python {platform.python_version()} · Qt {qVersion()} · Qt for Python {PySide6.__version__} · "
        f"{platform.system()} {platform.machine()}"
    )


class AboutDialog(QDialog):
    """Version, data folder, database, licence; Escape or Close closes it."""

    def __init__(self, data_dir: Path, database: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(translate("AboutDialog", "About {app}").format(app=APP_NAME))
        self.data_dir = data_dir
        self.database = database
        self._setup_ui()

    # -- public ----------------------------------------------------------------------------------

    def open_data_folder(self) -> bool:
        """Show the data folder in the system's file manager; False (and a note) if that failed."""
        opened = self.data_dir.is_dir() and QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))
        if opened:
            self.folder_note.hide()
        else:
            self.folder_note.setText(self._folder_problem())
            self.folder_note.show()
            grow_to_fit(self)
        return opened

    def toggle_license(self) -> None:
        visible = not self.license_view.isVisible()
        self.license_view.setVisible(visible)
        self.license_button.setText(
            translate("AboutDialog", "Hide Licence") if visible else translate("AboutDialog", "Show Licence")
        )
        layout = self.layout()
        if layout is not None:
            layout.activate()
        # adjustSize() keeps the width of a window whose labels wrap: grow to fit the licence's lines,
        # at most to the screen's free room (the licence scrolls). Wrapped labels take the height
        # their lines need at that width.
        width = max(self.sizeHint().width(), self.minimumWidth())
        height = self.minimumSizeHint().height()
        if layout is not None and layout.hasHeightForWidth():
            height = max(height, layout.totalHeightForWidth(width))
        if visible:  # room for about 24 lines of the licence
            height += self.license_view.fontMetrics().lineSpacing() * 14
        self.resize(preferred_size(self, width, height))

    # -- building --------------------------------------------------------------------------------

    def _folder_problem(self) -> str:
        """Why the data folder could not be shown, as it really is."""
        folder = self.data_dir
        try:
            if folder.is_dir():
                return translate(
                    "AboutDialog",
                    "No file manager could be started to show the folder. Select its name above and copy it "
                    "to open it yourself.",
                )
            if folder.exists():
                return translate("AboutDialog", "This is a file, not a folder, so there is nothing to show.")
        except OSError as exc:  # e.g. a network drive that is gone
            return translate("AboutDialog", "The folder cannot be reached: {reason}.").format(
                reason=exc.strerror or exc
            )
        return translate(
            "AboutDialog", "This folder does not exist: it may have been moved or deleted, or nothing was saved yet."
        )

    def _setup_ui(self) -> None:
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.setContentsMargins(20, 20, 20, 16)

        header = QHBoxLayout()
        header.setSpacing(16)
        icon = QLabel()
        icon.setObjectName("aboutIcon")
        icon.setPixmap(app_icon().pixmap(QSize(64, 64)))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        header.addWidget(icon)
        title = QLabel(
            f"<div style='font-size: 18pt; font-weight: 600'>{html.escape(APP_NAME)}</div>"
            + translate("AboutDialog", "<div>Version {version}</div>").format(version=html.escape(__version__))
            + "<div style='margin-top: 6px'>"
            + translate(
                "AboutDialog", "Keeps the readings of your household's meters and sensors, and shows what they mean."
            )
            + "</div>"
        )
        title.setObjectName("aboutTitle")
        title.setWordWrap(True)
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        header.addWidget(title, 1)
        layout.addLayout(header)

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(1, 1)
        row = 0

        def add(label: str, value: str, name: str) -> QLabel:
            nonlocal row
            caption = QLabel(label)
            caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            shown = QLabel(value)
            shown.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            shown.setObjectName(name)
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setMinimumWidth(360)
            grid.addWidget(caption, row, 0)
            grid.addWidget(shown, row, 1)
            row += 1
            return shown

        self.folder_label = add(translate("AboutDialog", "Data folder:"), str(self.data_dir), "aboutDataFolder")
        folder_row = QHBoxLayout()
        folder_row.setSpacing(10)
        self.open_folder_button = QPushButton(translate("AboutDialog", "Open Folder"))
        self.open_folder_button.setObjectName("openDataFolderButton")
        self.open_folder_button.setToolTip(
            translate("AboutDialog", "Show the folder with your readings, backups and logs")
        )
        self.open_folder_button.clicked.connect(self.open_data_folder)
        self.open_folder_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        folder_row.addWidget(self.open_folder_button, 0)
        self.folder_note = QLabel()
        self.folder_note.setObjectName("aboutFolderNote")
        self.folder_note.setWordWrap(True)
        self.folder_note.hide()
        folder_row.addWidget(self.folder_note, 1)
        folder_row.addStretch(0)
        grid.addLayout(folder_row, row, 1)
        row += 1
        self.database_label = add(
            translate("AboutDialog", "Database:"),
            self.database or translate("AboutDialog", "not open"),
            "aboutDatabase",
        )
        self.versions_label = add(translate("AboutDialog", "Runs on:"), runtime_versions(), "aboutVersions")
        self.license_label = add(
            translate("AboutDialog", "Licence:"),
            translate("AboutDialog", "MIT licence: free to use, copy, change and share.") + "<br>"
            f"<a href='{html.escape(HOMEPAGE)}'>{html.escape(HOMEPAGE.removeprefix('https://'))}</a>",
            "aboutLicence",
        )
        self.license_label.setTextFormat(Qt.TextFormat.RichText)
        self.license_label.setOpenExternalLinks(True)
        self.license_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        layout.addLayout(grid)

        text = license_text()
        self.license_view = QPlainTextEdit(text or "")
        self.license_view.setObjectName("licenseText")
        self.license_view.setReadOnly(True)
        self.license_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.license_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        columns = self.license_view.fontMetrics().horizontalAdvance("M" * 80)
        # Five lines at least (it scrolls); more where the screen has room (the dialog grows to show it).
        self.license_view.setMinimumSize(columns + 40, self.license_view.fontMetrics().lineSpacing() * 5)
        self.license_view.hide()
        layout.addWidget(self.license_view, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.license_button = buttons.addButton(
            translate("AboutDialog", "Show Licence"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.license_button.setObjectName("showLicenceButton")
        self.license_button.setEnabled(text is not None)
        self.license_button.clicked.connect(self.toggle_license)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("closeButton")
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(600)
        if sys.platform == "darwin":  # a Mac's About window has no Close button row of its own
            self.setWindowFlag(Qt.WindowType.WindowMinMaxButtonsHint, False)
