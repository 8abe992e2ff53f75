"""A source's page: its header, then its readings (filter, table) and its reports in tabs.

The page refreshes itself when the data changes: the readings of its source, and the Reports tab
(built, with numpy, the first time it is shown).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...i18n import QT_TRANSLATE_NOOP, translate
from ...viewmodels.changes import What
from ...viewmodels.navigation import Tab
from ..icons import category_icon
from ..models.readings import ReadingsTableModel, configure_readings_view
from ..table_copy import install_copy
from ..virtual_text import NO_READINGS, formula

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from ...domain.entities import Reading, Source
    from ...viewmodels.changes import DataChange
    from ...viewmodels.workspace import Workspace

#: The Reports page's module (numpy with it): imported in a worker thread the first time.
REPORTS_MODULE = "homelog_desktop.views.reports_page"
REPORTS_TITLE = QT_TRANSLATE_NOOP("SourcePage", "Reports and charts")
REPORTS_TIP = QT_TRANSLATE_NOOP("SourcePage", "Consumption and cost per period, with charts (Ctrl+3)")
EDIT_TIP = QT_TRANSLATE_NOOP("SourcePage", "Change the source's name, metrics, tariffs and meter changes (Ctrl+E)")


class SourcePage(QWidget):
    """Header, Readings tab and Reports tab of the shown source."""

    edit_source_clicked = Signal()
    #: A reading was double-clicked.
    reading_activated = Signal()
    tab_changed = Signal(int)
    #: The table's current reading (the user's selection, or one selected for them).
    reading_chosen = Signal(int)

    def __init__(self, table_actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourcePage")
        self.workspace: Workspace | None = None
        #: The shown virtual meter's inputs, named ("" for any other source).
        self._formula = ""
        self.readings_model: ReadingsTableModel | None = None
        self.reports_page: Any = None
        #: Starts a coroutine for the page (the window's one way to do it).
        self.run: Callable[[Coroutine[Any, Any, Any]], None] = lambda coro: coro.close()
        #: Shows an expected error (the window's banner).
        self.show_error: Callable[[str], None] = lambda _message: None

        self._icon = QLabel()
        self.title = QLabel()
        self.title.setObjectName("sourceTitle")
        title_font = self.title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.4)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setMinimumWidth(1)  # a long name is cut, not the window widened
        self._details = QLabel()
        self._details.setObjectName("sourceDetails")
        self._details.setEnabled(False)
        self._details.setWordWrap(True)
        self._details.setMinimumWidth(1)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self._details)
        edit_button = QPushButton(translate("SourcePage", "Edit source…"))
        edit_button.setObjectName("editSourceButton")
        edit_button.setToolTip(translate("SourcePage", EDIT_TIP))
        edit_button.clicked.connect(self.edit_source_clicked)
        self.edit_button = edit_button
        header = QHBoxLayout()
        header.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        header.addLayout(titles, 1)
        header.addWidget(edit_button, 0, Qt.AlignmentFlag.AlignTop)

        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("filterEdit")
        self.filter_edit.setPlaceholderText(
            translate("SourcePage", "Filter: note text, or a date like 2025, 2025-03 or 2025-03-14")
        )
        self.filter_edit.setToolTip(
            translate("SourcePage", "Text in the note, or a date like 2025, 2025-03 or 2025-03-14")
        )
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(translate("SourcePage", "Filter readings"))
        self.filter_edit.setMinimumWidth(120)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(250)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.filter_edit.textChanged.connect(lambda _t: self._filter_timer.start())
        self.count_label = QLabel()
        self.count_label.setObjectName("readingCount")
        self.count_label.setEnabled(False)
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.filter_edit, 1)
        filter_row.addWidget(self.count_label)

        self.table = QTableView()
        self.table.setObjectName("readingsTable")
        self.table.setAccessibleName(translate("SourcePage", "Readings"))
        for action in table_actions:
            self.table.addAction(action)
        self.copy_action = install_copy(self.table, self._copy_text)
        self.table.doubleClicked.connect(lambda _i: self.reading_activated.emit())
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyReadings")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setEnabled(False)
        self._table_stack = QStackedWidget()
        self._table_stack.addWidget(self.table)
        self._table_stack.addWidget(self.empty_label)

        readings_tab = QWidget()
        readings_tab.setObjectName("readingsTab")
        readings_layout = QVBoxLayout(readings_tab)
        readings_layout.setContentsMargins(0, 6, 0, 0)
        readings_layout.addLayout(filter_row)
        readings_layout.addWidget(self._table_stack, 1)
        self._reports_slot: QWidget = _reports_placeholder()  # replaced by the Reports page when first shown
        self.tabs = QTabWidget()
        self.tabs.setObjectName("sourceTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(readings_tab, translate("SourcePage", "Readings"))
        self.tabs.addTab(self._reports_slot, translate("SourcePage", REPORTS_TITLE))
        self.tabs.setTabToolTip(Tab.READINGS, translate("SourcePage", "Every reading of the source (Ctrl+2)"))
        self.tabs.setTabToolTip(Tab.REPORTS, translate("SourcePage", REPORTS_TIP))
        self.tabs.currentChanged.connect(self._on_tab_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(header)
        layout.addSpacing(4)
        layout.addWidget(self.tabs, 1)

    # -- binding ---------------------------------------------------------------------------------

    def bind(self, workspace: Workspace | None) -> None:
        """Show the readings of ``workspace`` (None: forget the one shown, and its Reports page)."""
        self.workspace = workspace
        if workspace is None:
            self._drop_reports_page()
            self.table.setModel(None)
            self.readings_model = None
            return
        self.readings_model = ReadingsTableModel(workspace.readings, self)
        self.table.setModel(self.readings_model)
        configure_readings_view(self.table)
        self.table.selectionModel().currentChanged.connect(self._on_current_changed)

    def on_data_changed(self, change: DataChange) -> None:
        """Reload what the change touches: the shown readings (a source's own edits come with the
        reloaded source), and the reports (later, if hidden)."""
        workspace = self.workspace
        if workspace is None:
            return
        shown = workspace.readings.source
        if shown is not None and change.touches(shown.id) and change.what & ~What.SOURCES:
            self.run(workspace.readings.refresh())
        if self.reports_page is not None:
            self.reports_page.refresh(load=self.isVisible() and self.tabs.currentIndex() == Tab.REPORTS)

    # -- what is shown ---------------------------------------------------------------------------

    def show_source(self, source: Source, others: Sequence[Source] = ()) -> None:
        """The header and the tabs of ``source`` (its readings load apart: see load_readings);
        ``others``: every source, to name a virtual meter's inputs."""
        self._formula = formula(source, others) if source.virtual else ""
        self._icon.setPixmap(category_icon(source.category).pixmap(40, 40))
        self.title.setText(source.name + (translate("SourcePage", "  (archived)") if source.archived else ""))
        self.title.setToolTip(source.name)
        details = [source.category.label]
        if source.virtual:
            details.append(translate("SourcePage", "virtual meter: {formula}").format(formula=self._formula))
        if source.interval_days:
            details.append(translate("SourcePage", "read every %n day(s)", None, source.interval_days))
        details.append(", ".join(m.label for m in source.metrics))
        if self.workspace is not None and self.workspace.permissions.restricted:
            details.append(self.workspace.permissions.ownership(source))
        if source.description:
            details.append(source.description)
        self._details.setText(" · ".join(details))
        if self.reports_page is not None:
            self.reports_page.set_source(source, load=self.tabs.currentIndex() == Tab.REPORTS)

    def set_edit_refusal(self, reason: str) -> None:
        """Disable "Edit source…" with the access policy's ``reason`` as its tooltip ("": allowed)."""
        self.edit_button.setEnabled(not reason)
        self.edit_button.setToolTip(reason or translate("SourcePage", EDIT_TIP))

    def load_readings(self, source: Source | None) -> None:
        """Show the readings of ``source`` (a new filter for another source)."""
        if self.workspace is None:
            return
        shown = self.workspace.readings.source
        if self.filter_edit.text() and (source is None or shown is None or shown.id != source.id):
            self._filter_timer.stop()
            self.filter_edit.blockSignals(True)
            self.filter_edit.clear()
            self.filter_edit.blockSignals(False)
            self.workspace.readings.clear_filter()
        self.run(self.workspace.readings.load(source))

    def show_count(self, source: Source | None, total: int, filtered: bool) -> None:
        """The count beside the filter, and the empty page's text instead of an empty table."""
        if source is None or (total == 0 and not filtered):
            self.count_label.clear()  # the empty page says it already
        elif filtered:
            self.count_label.setText(translate("SourcePage", "%Ln matching", None, total))
        else:
            self.count_label.setText(translate("SourcePage", "%Ln reading(s)", None, total))
        if source is not None and total == 0:
            if filtered:
                self.empty_label.setText(translate("SourcePage", "No readings match the filter."))
            elif source.virtual:
                self.empty_label.setText(
                    translate("VirtualText", NO_READINGS).format(name=source.name, formula=self._formula)
                )
            else:
                self.empty_label.setText(
                    translate(
                        "SourcePage",
                        "No readings of “{name}” yet.\n\nPress Ctrl+N or “New Reading” to record the first one.",
                    ).format(name=source.name)
                )
            self._table_stack.setCurrentIndex(1)
        else:
            self._table_stack.setCurrentIndex(0)

    async def _copy_text(self, rows: list[int]) -> str:
        model = self.readings_model
        return await model.copy_text(rows) if model is not None else ""

    def selected_readings(self) -> list[Reading]:
        model, selection = self.readings_model, self.table.selectionModel()
        if model is None or selection is None:
            return []
        rows = sorted({index.row() for index in selection.selectedRows()})
        lines = [model.reading_at(row) for row in rows]
        return [line.reading for line in lines if line is not None]

    def current_reading(self) -> Reading | None:
        """The reading of the current row, else the first selected one."""
        index, model = self.table.currentIndex(), self.readings_model
        line = model.reading_at(index.row()) if model is not None and index.isValid() else None
        if line is not None:
            return line.reading
        selected = self.selected_readings()
        return selected[0] if selected else None

    async def select_reading(self, reading_id: int | None) -> None:
        """Select the row of ``reading_id`` (or the first row when it is not shown)."""
        workspace, model = self.workspace, self.readings_model
        if workspace is None or model is None or not model.rowCount():
            return
        row = await workspace.readings.row_of(reading_id) if reading_id is not None else None
        if model is not self.readings_model:
            return
        if row is None or row >= model.rowCount():
            row = 0
            if self.table.currentIndex().isValid():
                return  # the user has a row already
        index = model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)

    def focus_filter(self) -> None:
        self.tabs.setCurrentIndex(Tab.READINGS)
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    # -- the Reports tab -------------------------------------------------------------------------

    def _on_tab_changed(self, tab: int) -> None:
        if tab == Tab.REPORTS:
            source = self.workspace.readings.source if self.workspace is not None else None
            if self.reports_page is None:
                self.run(self._build_reports_page())
            elif source is not None:
                self.reports_page.set_source(source, load=True)
        self.tab_changed.emit(tab)

    async def _build_reports_page(self) -> None:
        """Import the Reports page (numpy with it) in a worker thread, then build and show it."""
        from ..warm import import_in_worker

        await import_in_worker(REPORTS_MODULE)
        if self.workspace is None or self.reports_page is not None:
            return
        from ..reports_page import ReportsPage

        vm = self.workspace.reports()
        vm.error_occurred.connect(self.show_error)
        page = ReportsPage(vm)
        # Where the window is smaller than the page needs, it scrolls (the window never widens itself).
        scroll = QScrollArea()
        scroll.setObjectName("reportsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        self._swap_reports_slot(scroll)
        self.reports_page = page
        source = self.workspace.readings.source
        if source is not None and self.tabs.currentIndex() == Tab.REPORTS:
            page.set_source(source, load=True)

    def _drop_reports_page(self) -> None:
        """Forget the Reports page of an unbound workspace (its view model is closed with it)."""
        page, self.reports_page = self.reports_page, None
        if page is not None:
            self._swap_reports_slot(_reports_placeholder())

    def _swap_reports_slot(self, widget: QWidget) -> None:
        old, self._reports_slot = self._reports_slot, widget
        current = self.tabs.currentIndex()
        self.tabs.blockSignals(True)
        self.tabs.removeTab(self.tabs.indexOf(old))
        self.tabs.insertTab(Tab.REPORTS, widget, translate("SourcePage", REPORTS_TITLE))
        self.tabs.setTabToolTip(Tab.REPORTS, translate("SourcePage", REPORTS_TIP))
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        old.deleteLater()

    # -- helpers ---------------------------------------------------------------------------------

    def _apply_filter(self) -> None:
        if self.workspace is not None:
            self.run(self.workspace.readings.set_filter_text(self.filter_edit.text()))

    def _on_current_changed(self, current: Any, _previous: Any) -> None:
        line = self.readings_model.reading_at(current.row()) if self.readings_model and current.isValid() else None
        if line is not None and line.reading.id is not None:
            self.reading_chosen.emit(line.reading.id)


def _reports_placeholder() -> QLabel:
    label = QLabel(translate("SourcePage", "Preparing the reports…"))
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setEnabled(False)
    return label
