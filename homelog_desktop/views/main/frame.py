"""The window's content beyond its first frame: sidebar | banners over the pages, and the status bar.

Built once by MainWindow._finish_content() (after the first paint at start-up).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from ...i18n import translate
from ...viewmodels.navigation import Page
from ..dashboard import DashboardPage
from ..widgets import Banner
from .actions import Act
from .sidebar import Sidebar
from .source_page import SourcePage

if TYPE_CHECKING:
    from .window import MainWindow


def build_frame(window: MainWindow) -> None:
    """Build the sidebar, the banners, the page stack (in Page order) and the status bar of ``window``."""
    actions = window._actions
    sidebar = window.sidebar = Sidebar(actions[Act.DASHBOARD].icon())
    sidebar.source_picked.connect(window.open_source)
    sidebar.dashboard_clicked.connect(window.show_dashboard)
    sidebar.add_source_clicked.connect(window.add_source)
    sidebar.edit_source_requested.connect(window.edit_source)

    page = window.source_page = SourcePage([actions[Act.EDIT_READING], actions[Act.DELETE_READING]])
    page.run = window.run
    page.show_error = window.show_error
    page.edit_source_clicked.connect(window.edit_source)
    page.reading_activated.connect(window.edit_reading)
    page.reading_chosen.connect(window._on_reading_chosen)
    page.tab_changed.connect(window._on_tab_changed)

    window.banner = Banner()
    window._sample_bar = Banner()
    window._sample_bar.setObjectName("sampleBanner")
    #: "Reconnecting…" while the server is lost (live updates, viewmodels/live.py).
    window.live_bar = Banner()
    window.live_bar.setObjectName("liveBanner")
    stack = window._stack = QStackedWidget()
    stack.setObjectName("pages")
    window._loading_label = _centred(translate("MainWindow", "Opening your data…"))
    window._nothing_label = _centred(translate("MainWindow", "Select a meter or sensor on the left."))
    window._nothing_label.setObjectName("nothingLabel")
    window._nothing_label.setEnabled(False)
    nothing = _page(window._nothing_label)
    nothing.setObjectName("nothingPage")
    window._dashboard = DashboardPage()
    window._dashboard.source_activated.connect(window.open_source)
    window._dashboard.meter_round_clicked.connect(window.open_meter_round)
    pages = {
        Page.LOADING: _page(window._loading_label),
        Page.WELCOME: QWidget(),  # replaced by the welcome page the first time it is needed
        Page.SOURCE: page,
        Page.NOTHING: nothing,
        Page.DASHBOARD: window._dashboard,
    }
    for index in sorted(pages):
        stack.addWidget(pages[index])
    stack.currentChanged.connect(window._on_page_changed)

    right = QWidget()
    right_layout = QVBoxLayout(right)
    right_layout.setContentsMargins(8, 8, 8, 0)
    right_layout.addWidget(window._sample_bar)
    right_layout.addWidget(window.live_bar)
    right_layout.addWidget(window.banner)
    right_layout.addWidget(stack, 1)

    splitter = window._splitter = QSplitter()
    splitter.setObjectName("mainSplitter")
    splitter.addWidget(sidebar)
    splitter.addWidget(right)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes([240, 860])
    splitter.setChildrenCollapsible(False)
    state = window._settings.value("window/splitter")
    if state is not None:
        splitter.restoreState(state)
    window.setCentralWidget(splitter)

    progress = window._progress = QProgressBar()
    progress.setRange(0, 0)
    progress.setMaximumWidth(120)
    progress.setMaximumHeight(14)
    progress.setTextVisible(False)
    progress.hide()
    window.statusBar().addPermanentWidget(progress)


def _centred(text: str) -> QLabel:
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    return label


def _page(label: QLabel) -> QWidget:
    page = QWidget()
    QVBoxLayout(page).addWidget(label)
    return page
