"""A strip that says a save is waiting for another program to finish writing, with Cancel."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QSizePolicy, QWidget

from ..i18n import QT_TRANSLATE_NOOP, translate
from .widgets import tone

WAITING_TEXT = QT_TRANSLATE_NOOP("Waiting", "Waiting for another program to finish writing…")
WAITING_DETAIL = QT_TRANSLATE_NOOP(
    "Waiting",
    "Another program (an import from the command line, perhaps) is writing to this data file. "
    "Your reading is kept and saved as soon as it has finished.",
)


class WaitingBar(QFrame):
    """Shown while a save waits for the database's write lock; Cancel stops waiting, the form stays."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("waitingBar")
        self.label = QLabel(translate("Waiting", WAITING_TEXT))
        self.label.setObjectName("waitingText")
        self.label.setWordWrap(True)
        self.label.setToolTip(translate("Waiting", WAITING_DETAIL))
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        spinner = QProgressBar()
        spinner.setRange(0, 0)  # busy, of unknown length
        spinner.setTextVisible(False)
        spinner.setFixedWidth(60)
        spinner.setMaximumHeight(10)
        self.cancel_button = QPushButton(translate("WaitingBar", "Cancel saving"))
        self.cancel_button.setObjectName("waitingCancelButton")
        self.cancel_button.setToolTip(translate("WaitingBar", "Stop waiting; the reading stays in the form, not saved"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 6, 6)
        layout.addWidget(spinner, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self._apply_colors()
        self.hide()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_colors()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        background, _ = tone("info", self.palette())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(self.rect(), 6, 6)

    def _apply_colors(self) -> None:
        # The label's own palette: setting this frame's would fire PaletteChange again.
        _, foreground = tone("info", self.palette())
        palette = self.label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, foreground)
        self.label.setPalette(palette)
        self.update()
