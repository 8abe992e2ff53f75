"""The first page a new user sees: add a meter, or look around a sample household."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..i18n import translate
from .icons import app_icon


def location_text(where: str) -> str:
    """“Your readings stay on this computer, in …”, or the server they are kept on (no password shown)."""
    if "://" not in where:
        return translate("Welcome", "Your readings stay on this computer, in {place}").format(place=where)
    url = QUrl(where)
    host = url.host() or translate("Welcome", "this computer")
    database = url.path().lstrip("/")
    named = (
        translate("Welcome", "the database “{database}” on {host}").format(database=database, host=host)
        if database
        else host
    )
    return translate(
        "Welcome", "Your readings are kept on a server, in {place}, shared with the other computers that use it."
    ).format(place=named)


class WelcomePage(QWidget):
    add_source_clicked = Signal()
    sample_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        self._setup_ui()

    def set_data_location(self, where: str) -> None:
        """Say where the readings are kept: ``where`` is a file on this computer or a server's address."""
        self._where.setText(location_text(where))

    def _setup_ui(self) -> None:
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(96, 96))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel(translate("WelcomePage", "Welcome to Home Log"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(
            translate(
                "WelcomePage",
                "Record the readings of your electricity, water and gas meters and your sensors, "
                "and see what you use, week by week and year by year.\n\n"
                "Start with the meter you read most often. You can add the others at any time.",
            )
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setFixedWidth(520)  # a fixed width lets the label compute its wrapped height
        text.setMinimumHeight(text.heightForWidth(520))
        self.add_button = QPushButton(translate("WelcomePage", "Add your first meter"))
        self.add_button.setObjectName("addFirstMeterButton")
        self.add_button.setDefault(True)
        self.add_button.setMinimumHeight(36)
        self.add_button.clicked.connect(self.add_source_clicked)
        self.sample_button = QPushButton(translate("WelcomePage", "Explore sample data"))
        self.sample_button.setObjectName("exploreSampleButton")
        self.sample_button.setMinimumHeight(36)
        self.sample_button.setToolTip(
            translate("WelcomePage", "Opens a made-up household in its own file; your own data is not touched.")
        )
        self.sample_button.clicked.connect(self.sample_clicked)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.add_button)
        buttons.addSpacing(12)
        buttons.addWidget(self.sample_button)
        buttons.addStretch()
        self._where = QLabel()
        self._where.setWordWrap(True)
        self._where.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._where.setEnabled(False)
        self._where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(icon)
        layout.addSpacing(8)
        layout.addWidget(title)
        layout.addSpacing(8)
        layout.addWidget(text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(20)
        layout.addLayout(buttons)
        layout.addSpacing(24)
        layout.addWidget(self._where)
        layout.addStretch(3)
