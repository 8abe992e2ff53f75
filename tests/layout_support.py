"""Does a window fit a small screen, and is any of its text cut off? (UI tests and tests/screenshots_sizes.py)

A dialog "fits" a screen when its minimum size leaves room for a title bar (``TITLE_BAR``) on it.
Text is "cut off" when a visible label, button or check box is given less room than its text
needs: a label without word wrap narrower than its text, a wrapped label shorter than its lines,
a button narrower than its caption. Widgets scrolled out of a scroll area's view are not cut off
(the user scrolls to them).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QTableView,
    QToolButton,
    QTreeView,
    QWidget,
)

#: Room a window manager takes for a dialog's title bar (and a bit of margin).
TITLE_BAR = 40
#: The screens Home Log must be usable on: (name, size, application font size in points).
SCREENS = (
    ("800x600", QSize(800, 600), 9.0),
    ("1366x768-large-font", QSize(1366, 768), 14.0),
    ("800x600-large-font", QSize(800, 600), 13.0),  # both at once: scroll areas where room runs out
)
#: A few pixels of rounding are not "cut off".
SLACK = 2


@dataclass(frozen=True)
class Screen:
    name: str
    size: QSize
    point_size: float

    @property
    def room(self) -> QSize:
        """What a dialog's client area may take: the screen without a title bar."""
        return QSize(self.size.width(), self.size.height() - TITLE_BAR)


def screens() -> list[Screen]:
    return [Screen(name, size, points) for name, size, points in SCREENS]


@contextmanager
def app_font(point_size: float) -> Iterator[None]:
    """The application's font at ``point_size`` (as a user's "large fonts" setting does), restored after."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QFont(app.font())
    font = QFont(before)
    font.setPointSizeF(point_size)
    app.setFont(font)
    try:
        yield
    finally:
        app.setFont(before)


def too_big(widget: QWidget, screen: Screen) -> str:
    """Why ``widget`` cannot be made small enough for ``screen`` ("" when it can)."""
    layout = widget.layout()
    if layout is not None:
        layout.activate()
    need = widget.minimumSizeHint().expandedTo(widget.minimumSize())
    room = screen.room
    if need.width() > room.width() or need.height() > room.height():
        name = widget.objectName() or type(widget).__name__
        return f"{name} needs {need.width()}×{need.height()}, the screen has room for {room.width()}×{room.height()}"
    return ""


def fit(widget: QWidget, screen: Screen, preferred: QSize | None = None) -> QSize:
    """Resize ``widget`` as a window manager would on ``screen``: its preferred size, at most the room."""
    layout = widget.layout()
    if layout is not None:
        layout.activate()
    want = (preferred or widget.size()).expandedTo(widget.sizeHint())
    size = want.boundedTo(screen.room).expandedTo(widget.minimumSizeHint().expandedTo(widget.minimumSize()))
    widget.resize(size)
    if layout is not None:
        layout.activate()
    return size


def _hidden_by_scrolling(widget: QWidget, root: QWidget) -> bool:
    """``widget`` lies (partly) in a scroll area's contents: the user scrolls to see it."""
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _text_need(widget: QWidget) -> QSize | None:
    """The room ``widget``'s text needs, or None if it shows no text that could be cut."""
    if isinstance(widget, QLabel):
        if not widget.text() or (widget.pixmap() is not None and not widget.pixmap().isNull()):
            return None
        if widget.wordWrap():
            width = widget.width()
            return QSize(min(widget.minimumSizeHint().width(), width), widget.heightForWidth(width))
        return widget.sizeHint()
    if isinstance(widget, (QCheckBox, QRadioButton, QPushButton)):
        return widget.sizeHint() if widget.text() else None
    if isinstance(widget, QToolButton):
        return widget.sizeHint() if widget.text() and not widget.autoRaise() else None
    if isinstance(widget, QComboBox) and not widget.isEditable():
        # The chosen entry plus what the style adds around it (frame, arrow).
        text = widget.currentText() or widget.placeholderText()
        if not text:
            return None
        option = QStyleOptionComboBox()
        option.initFrom(widget)
        contents = QSize(widget.fontMetrics().horizontalAdvance(text), widget.fontMetrics().height())
        return widget.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, contents, widget)
    return None


def cut_off(root: QWidget) -> list[str]:
    """The visible widgets of ``root`` whose text does not fit the room they have."""
    problems: list[str] = []
    root_rect = root.rect()
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or not widget.isVisible():
            continue
        if isinstance(widget.parentWidget(), (QComboBox, QTabBar)):
            continue
        scrolled = _hidden_by_scrolling(widget, root)
        need = _text_need(widget)
        name = widget.objectName() or type(widget).__name__
        text = (
            widget.text()
            if isinstance(widget, (QLabel, QAbstractButton))
            else widget.currentText()
            if isinstance(widget, QComboBox)
            else ""
        )
        if need is not None:
            short_w = widget.width() + SLACK < need.width()
            short_h = widget.height() + SLACK < need.height()
            if short_w or short_h:
                problems.append(
                    f"{name} “{text[:60]}” has {widget.width()}×{widget.height()}, needs {need.width()}×{need.height()}"
                )
                continue
        if scrolled:
            continue
        # Outside the window: drawn beyond its edge, so not seen at all.
        top_left = widget.mapTo(root, QPoint(0, 0))
        rect = QRect(top_left, widget.size())
        if (
            widget.width() > 0
            and widget.height() > 0
            and not root_rect.adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(rect)
        ):
            problems.append(f"{name} “{text[:60]}” lies outside the window ({rect.getRect()} in {root_rect.getRect()})")
    return problems


def elided_columns(view: QAbstractItemView) -> list[str]:
    """The columns of a list or table narrower than their entries (shown with “…”)."""
    model = view.model()
    if model is None:
        return []
    header = (
        view.header()
        if isinstance(view, QTreeView)
        else view.horizontalHeader()
        if isinstance(view, QTableView)
        else None
    )
    if header is None:
        return []
    problems = []
    for column in range(model.columnCount()):
        if header.isSectionHidden(column):
            continue
        need = view.sizeHintForColumn(column)
        have = header.sectionSize(column)
        if need > have + SLACK:
            title = model.headerData(column, Qt.Orientation.Horizontal)
            problems.append(f"{view.objectName() or type(view).__name__} column “{title}” has {have} px, needs {need}")
    return problems
