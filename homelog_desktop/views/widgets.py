"""Small widgets shared by windows and pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QSpacerItem,
    QToolButton,
    QWidget,
)

from ..i18n import translate

_COLORS = {
    # kind: (light background, light text, dark background, dark text)
    "info": ("#e7f0fb", "#0b3d72", "#1d3550", "#cfe3fb"),
    "success": ("#e6f4ea", "#1e5631", "#1f3b28", "#c8ecd3"),
    "warning": ("#fff4d6", "#6b4a00", "#4a3b12", "#ffe7a3"),
    "error": ("#fde8e7", "#8a1c14", "#512320", "#ffd3cf"),
}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def tone(kind: str, palette: QPalette) -> tuple[QColor, QColor]:
    """Background and text colour of a message of ``kind`` that suit the palette."""
    light_bg, light_fg, dark_bg, dark_fg = _COLORS[kind]
    if is_dark(palette):
        return QColor(dark_bg), QColor(dark_fg)
    return QColor(light_bg), QColor(light_fg)


#: Room a window manager takes for a window's title bar.
TITLE_BAR_HEIGHT = 40


def preferred_size(widget: QWidget, width: int, height: int, *, chars: int = 0, lines: int = 0) -> QSize:
    """The size a window opens at: ``width``×``height`` with the usual 9 pt font, at least ``chars``
    average characters wide and ``lines`` lines high with a larger font, and at most the free room
    on the window's screen (a dialog never opens larger than an 800×600 screen)."""
    metrics = widget.fontMetrics()
    wanted = QSize(max(width, metrics.averageCharWidth() * chars), max(height, metrics.lineSpacing() * lines))
    screen = widget.screen()
    if screen is None:
        return wanted
    room = screen.availableGeometry().size() - QSize(0, TITLE_BAR_HEIGHT)
    return wanted.boundedTo(room).expandedTo(widget.minimumSizeHint().boundedTo(room))


def grow_to_fit(window: QWidget) -> None:
    """Make ``window`` tall enough for its wrapped text at its width (after a label was shown or
    changed), at most the screen's free room; it never shrinks."""
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    needed = window.minimumSizeHint().height()
    if layout.hasHeightForWidth():
        needed = max(needed, layout.totalHeightForWidth(window.width()))
    screen = window.screen()
    if screen is not None:
        needed = min(needed, screen.availableGeometry().height() - TITLE_BAR_HEIGHT)
    if needed > window.height():
        window.resize(window.width(), needed)


class Banner(QFrame):
    """A dismissible message strip (info, success, warning or error) above a page's content."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self._kind = "info"
        self._label = QLabel()
        self._label.setWordWrap(True)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(translate("Banner", "Dismiss"))
        close.setAccessibleName(translate("Banner", "Dismiss message"))
        close.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 6, 6)
        layout.addWidget(self._label)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        self.hide()

    @property
    def text(self) -> str:
        return self._label.text()

    @property
    def kind(self) -> str:
        return self._kind

    def show_message(self, text: str, kind: str = "info", timeout_ms: int = 0) -> None:
        """Show ``text``; info and success messages may go away by themselves after ``timeout_ms``."""
        self._kind = kind
        self._label.setText(text)
        self._apply_colors()
        self.show()
        if timeout_ms:
            self._timer.start(timeout_ms)
        else:
            self._timer.stop()

    def dismiss(self) -> None:
        self._timer.stop()
        self.hide()
        self.closed.emit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_colors()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        background, _ = tone(self._kind, self.palette())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(self.rect(), 6, 6)

    def _apply_colors(self) -> None:
        # Colour the label through its own palette: a style sheet here would fire PaletteChange again.
        _, foreground = tone(self._kind, self.palette())
        label_palette = self._label.palette()
        label_palette.setColor(QPalette.ColorRole.WindowText, foreground)
        self._label.setPalette(label_palette)
        self.update()


#: The widest the explanation of a discard question gets before it wraps.
DISCARD_TEXT_MAX_WIDTH = 420


def ask_to_discard(
    parent: QWidget, name: str, question: str, detail: str, on_answer: Callable[[bool], None]
) -> QMessageBox:
    """Ask over ``parent``, without blocking, whether to throw away what was typed.

    "Keep editing" is the default and answers Esc. ``on_answer`` gets True for "Discard" and
    False otherwise; the box deletes itself once answered.
    """
    box = QMessageBox(
        QMessageBox.Icon.Question, parent.windowTitle(), question, QMessageBox.StandardButton.NoButton, parent
    )
    box.setObjectName(name)
    box.setInformativeText(detail)
    discard = box.addButton(translate("Widgets", "Discard"), QMessageBox.ButtonRole.DestructiveRole)
    discard.setObjectName("discardButton")
    keep = box.addButton(translate("Widgets", "Keep editing"), QMessageBox.ButtonRole.RejectRole)
    keep.setObjectName("keepEditingButton")
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    layout = box.layout()
    label = box.findChild(QLabel, "qt_msgbox_informativelabel")
    if isinstance(layout, QGridLayout) and label is not None and layout.indexOf(label) >= 0:
        # Wide enough for the detail on one line: QMessageBox sizes itself by the question alone.
        position = cast(tuple[int, int, int, int], layout.getItemPosition(layout.indexOf(label)))  # stubs: object
        _row, column, _rows, columns = position
        widest = max(label.fontMetrics().horizontalAdvance(text) for text in (question, detail))
        width = min(widest + 2 * label.fontMetrics().averageCharWidth(), DISCARD_TEXT_MAX_WIDTH)
        spacer = QSpacerItem(width, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        layout.addItem(spacer, layout.rowCount(), column, 1, columns)

    def on_finished(_result: int) -> None:
        box.deleteLater()
        on_answer(box.clickedButton() is discard)

    box.finished.connect(on_finished)
    box.open()
    return box


class DiscardQuestion:
    """A form's one "throw away what was typed?" question: asked at most once at a time, forgotten
    once answered, and withdrawn when the form is saved or closed meanwhile."""

    def __init__(self, parent: QWidget, name: str) -> None:
        self._parent = parent
        self._name = name
        self._box: QMessageBox | None = None

    @property
    def is_open(self) -> bool:
        return self._box is not None

    def ask(self, question: str, detail: str, on_discard: Callable[[], None]) -> None:
        """Ask (unless already asking); ``on_discard`` runs when the user chooses Discard."""
        if self._box is not None:
            return

        def answered(discard: bool) -> None:
            self._box = None
            if discard:
                on_discard()

        self._box = ask_to_discard(self._parent, self._name, question, detail, answered)

    def withdraw(self) -> None:
        """Nothing is left to discard (saved meanwhile): close the question, as Keep editing would."""
        if self._box is not None:
            self._box.reject()
