"""The sidebar: the dashboard button, the list of sources and "New source…".

It reloads the sources itself when the data changes; the window tells it which row to show
(``show_location``) and hears which source the user picks (``source_picked``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...i18n import translate
from ...viewmodels.navigation import Location, Page
from ..models.sources import SourcesListModel
from ..source_delegate import SourceItemDelegate

if TYPE_CHECKING:
    from ...viewmodels.changes import DataChange
    from ...viewmodels.sources import SourcesViewModel


class Sidebar(QWidget):
    """Sources on the left of the window."""

    #: The user picked a source (a click, or the keyboard in the list).
    source_picked = Signal(int)
    dashboard_clicked = Signal()
    add_source_clicked = Signal()
    #: A double click on a source.
    edit_source_requested = Signal()

    def __init__(self, dashboard_icon: QIcon, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.model: SourcesListModel | None = None
        self._vm: SourcesViewModel | None = None
        #: Set while the window moves the current row itself (nothing to open).
        self._quiet = False
        self.source_list = QListView()
        self.source_list.setObjectName("sourceList")
        self.source_list.setAccessibleName(translate("Sidebar", "Sources"))
        self.source_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.source_list.setUniformItemSizes(True)
        # Wide enough for a name and "5 days ago · 28 Nov" in the user's font; never a sideways scroll.
        self.source_list.setMinimumWidth(
            self.fontMetrics().horizontalAdvance(
                translate("Sidebar", "5 days ago · 28 Nov", "the widest age in the list")
            )
            + 64
        )
        self.source_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.source_list.setFrameShape(QFrame.Shape.NoFrame)
        self.source_list.setItemDelegate(SourceItemDelegate(self.source_list))
        self.source_list.doubleClicked.connect(lambda _i: self.edit_source_requested.emit())
        self.source_list.clicked.connect(self._on_clicked)

        self.dashboard_button = button = QToolButton()
        button.setObjectName("dashboardButton")
        button.setText(translate("Sidebar", "Dashboard"))
        button.setToolTip(translate("Sidebar", "Every meter at a glance (Ctrl+1)"))
        button.setIcon(dashboard_icon)
        button.clicked.connect(lambda _checked: self.dashboard_clicked.emit())
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setAutoRaise(True)
        button.setCheckable(True)
        button.setIconSize(QSize(20, 20))
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.setMinimumHeight(34)
        font = button.font()
        font.setBold(True)
        button.setFont(font)

        caption = QLabel(translate("Sidebar", "Meters and sensors"))
        caption.setContentsMargins(10, 8, 8, 2)
        caption_font = caption.font()
        caption_font.setBold(True)
        caption.setFont(caption_font)
        add_button = QPushButton(translate("Sidebar", "New source…"))
        add_button.setObjectName("sidebarAddSource")
        add_button.clicked.connect(self.add_source_clicked)
        button_row = QHBoxLayout()
        button_row.setContentsMargins(8, 0, 8, 0)
        button_row.addWidget(add_button)
        button_row.addStretch()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 8)
        layout.setSpacing(4)
        layout.addWidget(button)
        layout.addWidget(caption)
        layout.addWidget(self.source_list, 1)
        layout.addLayout(button_row)

    def bind(self, vm: SourcesViewModel | None) -> None:
        """List the sources ``vm`` loads (None: nothing)."""
        self._vm = vm
        if vm is None:
            self.source_list.setModel(None)
            self.model = None
            return
        self.model = SourcesListModel(self)
        self.source_list.setModel(self.model)
        self.source_list.selectionModel().currentChanged.connect(self._on_current_changed)

    def on_data_changed(self, _change: DataChange) -> None:
        """Anything committed may change a source's last reading or name: list them again."""
        if self._vm is not None:
            self._vm.spawn(self._vm.load())

    def show_location(self, location: Location) -> None:
        """Select the location's source (on a source's page), or none (the dashboard keeps the row current)."""
        self.dashboard_button.setChecked(location.page == Page.DASHBOARD)
        model = self.model
        if model is None or location.page not in (Page.SOURCE, Page.DASHBOARD):
            return
        row = model.row_of(location.source_id)
        if row is None:
            return
        index = model.index(row, 0)
        selection = self.source_list.selectionModel()
        if location.page == Page.SOURCE:
            flag = QItemSelectionModel.SelectionFlag.ClearAndSelect
        else:
            # Nothing selected, but a current row: a list given the focus without one makes its
            # first row current (which would open that source).
            flag = QItemSelectionModel.SelectionFlag.Clear
        self._quiet = True
        try:
            selection.setCurrentIndex(index, flag)
        finally:
            self._quiet = False
        self.source_list.scrollTo(index)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._quiet:
            self._pick(current)

    def _on_clicked(self, index: QModelIndex) -> None:
        # From the dashboard a click on the current (unselected) row changes no current index.
        self._pick(index)

    def _pick(self, index: QModelIndex) -> None:
        summary = self.model.summary_at(index.row()) if self.model is not None and index.isValid() else None
        if summary is not None and summary.source.id is not None:
            self.source_picked.emit(summary.source.id)
