"""File → Export Annual Report…: choose the year, the sources and the page size; save; follow; open."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..i18n import QT_TRANSLATE_NOOP, translate
from ..services.annual_report import YearKind
from ..viewmodels.annual_report import AnnualReportRequest

if TYPE_CHECKING:
    from ..domain.entities import Source
    from ..viewmodels.annual_report import AnnualReportViewModel

_FOLDER_KEY = "annualReport/folder"
_PAGE_KEY = "annualReport/pageSize"
PAGE_LABELS = (
    ("a4", QT_TRANSLATE_NOOP("AnnualReportDialog", "A4 (210 × 297 mm)")),
    ("letter", QT_TRANSLATE_NOOP("AnnualReportDialog", "Letter (8.5 × 11 in)")),
)


def suggested_filename(kind: YearKind, year: int) -> str:
    what = (
        translate("AnnualReportDialog", "annual report")
        if kind is YearKind.CALENDAR
        else translate("AnnualReportDialog", "billing year")
    )
    return f"Home Log {what} {year}.pdf"


class AnnualReportDialog(QDialog):
    """The window's choices for the annual report, then its progress (Cancel stops it), then Open."""

    def __init__(self, vm: AnnualReportViewModel, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.vm = vm
        self.setObjectName("annualReportDialog")
        self.setWindowTitle(translate("AnnualReportDialog", "Export Annual Report"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._today = today or date.today()
        self._sources: list[Source] = []
        self.saved_path: Path | None = None
        self._setup_ui()
        vm.setParent(self)
        vm.sources_loaded.connect(self._on_sources_loaded)
        vm.progress_changed.connect(self._on_progress)
        vm.finished.connect(self._on_finished)
        vm.failed.connect(self._on_failed)
        vm.error_occurred.connect(self._on_failed)
        vm.cancelled.connect(self._on_cancelled)

    def start(self) -> None:
        """Load the sources to choose from."""
        self.vm.spawn(self.vm.load_sources())

    # -- what the user chose ---------------------------------------------------------------------

    def request(self) -> AnnualReportRequest:
        kind = YearKind.BILLING if self.billing_radio.isChecked() else YearKind.CALENDAR
        ids = []
        for row in range(self.source_list.count()):
            item = self.source_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                ids.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return AnnualReportRequest(kind, self.year_spin.value(), tuple(ids), str(self.page_combo.currentData()))

    def ask_path(self) -> QFileDialog:
        """The save dialog (window-modal, not blocking); choosing a file starts the export."""
        settings = QSettings()
        folder = str(settings.value(_FOLDER_KEY, "") or "") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        request = self.request()
        dialog = QFileDialog(
            self,
            translate("AnnualReportDialog", "Save the annual report"),
            str(Path(folder) / suggested_filename(request.kind, request.year)),
        )
        dialog.setObjectName("annualReportFileDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilters([translate("AnnualReportDialog", "PDF documents (*.pdf)")])
        dialog.setDefaultSuffix("pdf")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.export_to(Path(name)))
        dialog.open()
        return dialog

    def export_to(self, path: Path) -> None:
        """Export to ``path`` with the dialog's choices."""
        QSettings().setValue(_FOLDER_KEY, str(path.parent))
        QSettings().setValue(_PAGE_KEY, str(self.page_combo.currentData()))
        self.saved_path = None
        self._set_running(True)
        self._say(translate("AnnualReportDialog", "Preparing {file}…").format(file=path.name))
        self.progress.setRange(0, 0)
        self.vm.start_export(self.request(), path)

    # -- Qt --------------------------------------------------------------------------------------

    def reject(self) -> None:
        """Cancel stops a running export first (the dialog stays to say so); else it closes."""
        if self.vm.exporting:
            self.vm.cancel()
            return
        super().reject()

    # -- building --------------------------------------------------------------------------------

    def _setup_ui(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(
            translate(
                "AnnualReportDialog",
                "A PDF with a cover page of the household's totals, then a page per source: the months,"
                " charts, cost, the change against last year, meter changes, prices and notes.",
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.year_spin = QSpinBox()
        self.year_spin.setObjectName("yearSpin")
        self.year_spin.setRange(1900, 2200)
        # Early in a year, last year is the one to report on.
        self.year_spin.setValue(self._today.year - 1 if self._today.month <= 6 else self._today.year)
        form.addRow(translate("AnnualReportDialog", "&Year:"), self.year_spin)
        self.calendar_radio = QRadioButton(translate("AnnualReportDialog", "&Calendar year (January to December)"))
        self.calendar_radio.setObjectName("calendarRadio")
        self.billing_radio = QRadioButton(
            translate("AnnualReportDialog", "&Billing year (each source's, from its billing start month)")
        )
        self.billing_radio.setObjectName("billingRadio")
        self.calendar_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.calendar_radio)
        group.addButton(self.billing_radio)
        kinds = QVBoxLayout()
        kinds.addWidget(self.calendar_radio)
        kinds.addWidget(self.billing_radio)
        form.addRow(translate("AnnualReportDialog", "Period:"), kinds)
        self.page_combo = QComboBox()
        self.page_combo.setObjectName("pageSizeCombo")
        from .annual_report_pdf import default_page_size

        remembered = str(QSettings().value(_PAGE_KEY, "") or "") or default_page_size()
        for value, label in ((value, translate("AnnualReportDialog", label)) for value, label in PAGE_LABELS):
            self.page_combo.addItem(label, value)
        self.page_combo.setCurrentIndex(max(0, self.page_combo.findData(remembered)))
        form.addRow(translate("AnnualReportDialog", "&Page size:"), self.page_combo)
        layout.addLayout(form)
        sources_row = QHBoxLayout()
        sources_label = QLabel(translate("AnnualReportDialog", "&Sources:"))
        sources_row.addWidget(sources_label)
        sources_row.addStretch(1)
        self.all_button = QPushButton(translate("AnnualReportDialog", "All"))
        self.all_button.setObjectName("allSourcesButton")
        self.none_button = QPushButton(translate("AnnualReportDialog", "None"))
        self.none_button.setObjectName("noSourcesButton")
        self.all_button.clicked.connect(lambda: self._check_all(True))
        self.none_button.clicked.connect(lambda: self._check_all(False))
        sources_row.addWidget(self.all_button)
        sources_row.addWidget(self.none_button)
        layout.addLayout(sources_row)
        self.source_list = QListWidget()
        self.source_list.setObjectName("sourceList")
        self.source_list.setMinimumHeight(120)
        self.source_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.source_list.itemChanged.connect(lambda _item: self._update_buttons())
        sources_label.setBuddy(self.source_list)
        layout.addWidget(self.source_list, 1)
        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setTextVisible(False)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = QLabel()
        self.status.setObjectName("statusLabel")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            translate("AnnualReportDialog", "&Export…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setObjectName("exportButton")
        self.open_button = self.buttons.addButton(
            translate("AnnualReportDialog", "&Open"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.setObjectName("openButton")
        self.open_button.hide()
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancelButton")
        self.export_button.clicked.connect(self.ask_path)
        self.open_button.clicked.connect(self.open_result)
        self.cancel_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self.export_button.setEnabled(False)
        self.resize(520, 480)

    def open_result(self) -> bool:
        """Open the written PDF in the system's viewer."""
        if self.saved_path is None:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.saved_path)))

    # -- view model signals ----------------------------------------------------------------------

    def _on_sources_loaded(self, sources: list[Source]) -> None:
        self._sources = sources
        self.source_list.blockSignals(True)
        self.source_list.clear()
        for source in sources:
            text = source.name + (translate("AnnualReportDialog", "  (archived)") if source.archived else "")
            item = QListWidgetItem(text)
            item.setToolTip(source.name)
            item.setData(Qt.ItemDataRole.UserRole, source.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if source.archived else Qt.CheckState.Checked)
            self.source_list.addItem(item)
        self._elide_items()
        self.source_list.blockSignals(False)
        if not sources:
            self._say(translate("AnnualReportDialog", "There are no sources yet: add a meter first."))
        self._update_buttons()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide_items()

    def _elide_items(self) -> None:
        """Long names end in "…" (the whole name is the tooltip) rather than scrolling sideways."""
        metrics = self.source_list.fontMetrics()
        room = self.source_list.viewport().width() - 40
        for row in range(self.source_list.count()):
            item = self.source_list.item(row)
            full = str(item.data(Qt.ItemDataRole.UserRole + 1))
            item.setText(metrics.elidedText(full, Qt.TextElideMode.ElideRight, max(80, room)))

    def _on_progress(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self._say(text + "…" if text and not text.endswith(".") else text)

    def _on_finished(self, path: str, pages: int) -> None:
        self.saved_path = Path(path)
        self._set_running(False)
        self.progress.hide()
        self._say(
            translate("AnnualReportDialog", "Saved {file} (%n page(s)) in {folder}.", None, pages).format(
                file=Path(path).name, folder=Path(path).parent
            )
        )
        self.open_button.show()
        self.open_button.setDefault(True)
        self.cancel_button.setText(translate("AnnualReportDialog", "Close"))

    def _on_failed(self, message: str) -> None:
        self._set_running(False)
        self.progress.hide()
        self._say(message, error=True)

    def _on_cancelled(self) -> None:
        self._set_running(False)
        self.progress.hide()
        self._say(translate("AnnualReportDialog", "Export cancelled: no file was written."))

    # -- helpers ---------------------------------------------------------------------------------

    def _say(self, text: str, *, error: bool = False) -> None:
        """The status line (red for an error), tall enough for its wrapped lines."""
        self.status.setStyleSheet("color: #c62828;" if error else "")
        self.status.setText(text)
        width = max(self.status.width(), self.width() - 24)
        self.status.setMinimumHeight(self.status.heightForWidth(width) if text else 0)

    def _set_running(self, running: bool) -> None:
        for widget in (
            self.year_spin,
            self.calendar_radio,
            self.billing_radio,
            self.page_combo,
            self.source_list,
            self.all_button,
            self.none_button,
        ):
            widget.setEnabled(not running)
        self.progress.setVisible(running)
        self.open_button.hide()
        self.cancel_button.setText(translate("AnnualReportDialog", "Cancel"))
        self._update_buttons(running)

    def _check_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for row in range(self.source_list.count()):
            self.source_list.item(row).setCheckState(state)

    def _update_buttons(self, running: bool | None = None) -> None:
        running = self.vm.exporting if running is None else running
        self.export_button.setEnabled(not running and bool(self.request().source_ids))
