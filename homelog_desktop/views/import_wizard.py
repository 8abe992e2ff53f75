"""File → Import…: the wizard that brings a CSV or Excel file's readings into a source.

Pages: the file and how it is read (detected, editable; ambiguous dates must be decided), where
each column goes, a preview with every problem marked on its cell, what to do with duplicates,
the import's progress (Cancel rolls it back), and a summary that can be saved.

A Home Log JSON export needs none of the table pages: its own page lists the sources it holds and
what the import does with each (created, or completed with what it lacks), then progress and summary.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    QSize,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ..domain.entities import Category, MetricKind, Source
from ..i18n import QT_TRANSLATE_NOOP, translate
from ..services.importing import (
    EXCEL_FORMAT,
    ISO_FORMAT,
    Detected,
    DuplicatePolicy,
    ImportProgress,
    ImportSummary,
    PeriodLabel,
    RowStatus,
    TargetRole,
)
from ..viewmodels.importing import ImportViewModel, default_source_name
from .models.importing import (
    DATE_TEXT,
    KIND_TEXTS,
    PERIOD_END_TEXT,
    PERIOD_TEXT,
    TIME_TEXT,
    MappingColumn,
    MappingTableModel,
    PreviewTableModel,
    SampleTableModel,
    kind_text,
)
from .widgets import Banner, preferred_size

_Index = QModelIndex | QPersistentModelIndex
PAGE_FILE, PAGE_MAPPING, PAGE_PREVIEW, PAGE_DUPLICATES, PAGE_PROGRESS, PAGE_SUMMARY = range(6)
#: The pages of a recognised standard file and of a Home Log export (after the summary by number only).
PAGE_RECOGNISED, PAGE_HOMELOG = 6, 7
#: The open dialog's filters.
OPEN_FILTERS = (
    QT_TRANSLATE_NOOP(
        "ImportWizard",
        "Tables, meter data and Home Log exports (*.csv *.xlsx *.xls *.ods *.txt *.tsv *.xml *.zip *.json)",
    ),
    QT_TRANSLATE_NOOP("ImportWizard", "All files (*)"),
)
_FOLDER_KEY = "import/folder"

#: (seconds, text) of the period lengths offered for amounts per period.
PERIOD_LENGTHS = (
    (300, QT_TRANSLATE_NOOP("MappingPage", "5 minutes")),
    (600, QT_TRANSLATE_NOOP("MappingPage", "10 minutes")),
    (900, QT_TRANSLATE_NOOP("MappingPage", "15 minutes")),
    (1800, QT_TRANSLATE_NOOP("MappingPage", "30 minutes")),
    (3600, QT_TRANSLATE_NOOP("MappingPage", "1 hour")),
    (86400, QT_TRANSLATE_NOOP("MappingPage", "1 day")),
)
#: (text, value) of the delimiters offered.
DELIMITERS = (
    (",", QT_TRANSLATE_NOOP("ImportWizard", "Comma ( , )")),
    (";", QT_TRANSLATE_NOOP("ImportWizard", "Semicolon ( ; )")),
    ("\t", QT_TRANSLATE_NOOP("ImportWizard", "Tab")),
    ("|", QT_TRANSLATE_NOOP("ImportWizard", "Pipe ( | )")),
)
DECIMALS = (
    (".", QT_TRANSLATE_NOOP("ImportWizard", "Dot (1234.5)")),
    (",", QT_TRANSLATE_NOOP("ImportWizard", "Comma (1234,5)")),
)
THOUSANDS = (
    ("", QT_TRANSLATE_NOOP("ImportWizard", "None")),
    (",", QT_TRANSLATE_NOOP("ImportWizard", "Comma (1,234)")),
    (".", QT_TRANSLATE_NOOP("ImportWizard", "Dot (1.234)")),
    (" ", QT_TRANSLATE_NOOP("ImportWizard", "Space (1 234)")),
    ("'", QT_TRANSLATE_NOOP("ImportWizard", "Apostrophe (1'234)")),
)
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252")
#: Date formats offered besides the detected one: (value, text).
DATE_FORMATS = (
    (ISO_FORMAT, QT_TRANSLATE_NOOP("ImportWizard", "ISO 8601 (2024-12-31 08:00)")),
    ("%d.%m.%Y", QT_TRANSLATE_NOOP("ImportWizard", "31.12.2024 (day first)")),
    ("%d/%m/%Y", QT_TRANSLATE_NOOP("ImportWizard", "31/12/2024 (day first)")),
    ("%m/%d/%Y", QT_TRANSLATE_NOOP("ImportWizard", "12/31/2024 (month first)")),
    ("%d-%m-%Y", QT_TRANSLATE_NOOP("ImportWizard", "31-12-2024 (day first)")),
    ("%d/%m/%y", QT_TRANSLATE_NOOP("ImportWizard", "31/12/24 (day first)")),
    ("%m/%d/%y", QT_TRANSLATE_NOOP("ImportWizard", "12/31/24 (month first)")),
    ("%Y/%m/%d", "2024/12/31"),
    (EXCEL_FORMAT, QT_TRANSLATE_NOOP("ImportWizard", "Excel serial number (45657)")),
)


def ask_import_path(parent: QWidget, on_chosen: Callable[[Path], None]) -> QFileDialog:
    """Ask (without blocking) which file to import; ``on_chosen`` gets it."""
    settings = QSettings()
    folder = str(settings.value(_FOLDER_KEY, "") or "") or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DownloadLocation
    )
    dialog = QFileDialog(parent, translate("ImportWizard", "Import readings from a file"), folder)
    dialog.setObjectName("importFileDialog")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setNameFilters([translate("ImportWizard", name) for name in OPEN_FILTERS])

    def chosen(name: str) -> None:
        path = Path(name)
        settings.setValue(_FOLDER_KEY, str(path.parent))
        on_chosen(path)

    dialog.fileSelected.connect(chosen)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def date_format_text(value: str | None) -> str:
    """How a date format reads in the list."""
    for known, text in DATE_FORMATS:
        if known == value:
            return translate("ImportWizard", text)
    if value is None:
        return ""
    example = datetime(2024, 12, 31, 8, 0).strftime(value) if "%" in value else value
    return f"{example} ({value})"


def day_first(date_format: str) -> bool:
    return date_format.find("%d") < date_format.find("%m")


class ImportWizard(QWizard):
    """The import of one file, from detection to summary; ``imported(source id, message)`` once committed.

    ``show_source_requested(source id)``: the user asked to see the imported source (the summary's
    "Show …" button, offered only when something is connected to this signal).
    """

    imported = Signal(int, str)
    show_source_requested = Signal(int)

    def __init__(
        self, vm: ImportViewModel, parent: QWidget | None = None, *, current_source: Source | None = None
    ) -> None:
        super().__init__(parent)
        self.vm = vm
        vm.setParent(self)
        self._current_source = current_source
        self._closing_after_cancel = False
        self.setObjectName("importWizard")
        self.setWindowTitle(translate("ImportWizard", "Import — {file}").format(file=vm.path.name))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        # The summary is the end: going back would run the import again, and there is nothing to cancel.
        self.setOption(QWizard.WizardOption.DisabledBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        # No fixed minimum: the pages' layouts decide, so the wizard fits an 800×600 screen; it opens
        # roomier where the screen allows (the tables show more), in proportion to the font.
        self.resize(preferred_size(self, 900, 640, chars=150, lines=36))
        self.file_page = FilePage(vm)
        self.mapping_page = MappingPage(vm)
        self.preview_page = PreviewPage(vm)
        self.duplicates_page = DuplicatesPage(vm)
        self.progress_page = ProgressPage(vm)
        self.summary_page = SummaryPage(vm, self._can_show_source)
        self.recognised_page = RecognisedPage(vm)
        self.summary_page.show_source_clicked.connect(self._on_show_source_clicked)
        self.homelog_page = HomeLogPage(vm)
        for page_id, page in enumerate(
            (
                self.file_page,
                self.mapping_page,
                self.preview_page,
                self.duplicates_page,
                self.progress_page,
                self.summary_page,
                self.recognised_page,
                self.homelog_page,
            )
        ):
            self.setPage(page_id, page)
        self.setStartId(PAGE_FILE)
        vm.finished.connect(self._on_finished)
        vm.cancelled.connect(self._on_cancelled)
        vm.failed.connect(self._on_failed)
        vm.error_occurred.connect(self._on_error)
        vm.homelog_detected.connect(self._on_homelog)
        vm.recognised.connect(self._on_recognised)
        vm.spawn(vm.detect(current_source))

    # -- public ------------------------------------------------------------------------------

    def reject(self) -> None:
        """Cancel: while importing, stop the import (it rolls back) instead of closing at once."""
        if self.vm.running:
            self.progress_page.set_cancelling()
            self.vm.cancel()
            return
        super().reject()

    def done(self, result: int) -> None:
        if self.vm.running:  # Esc or the window's close button during the import
            self.reject()
            return
        super().done(result)

    # -- showing the imported source ---------------------------------------------------------

    def _can_show_source(self) -> bool:
        """Whether a window listens to ``show_source_requested`` (else the summary offers no button)."""
        meta = self.metaObject()
        signal = meta.method(meta.indexOfSignal("show_source_requested(int)"))
        return self.isSignalConnected(signal)

    def _on_show_source_clicked(self, source_id: int) -> None:
        self.show_source_requested.emit(source_id)
        self.accept()

    # -- view-model signals ------------------------------------------------------------------

    def _on_recognised(self, _parsed: object) -> None:
        """A standard-format file: its own page, without the table's settings and mapping."""
        self.setStartId(PAGE_RECOGNISED)
        self.restart()

    def _on_finished(self, summary: ImportSummary) -> None:
        self.summary_page.show_summary(summary)
        if self.currentId() == PAGE_PROGRESS:
            self.next()
        if summary.source_id is not None:
            message = translate("ImportWizard", "Imported %Ln reading(s) into “{name}”", None, summary.imported).format(
                name=summary.source_name
            )
            if summary.undo_note:
                message += f". {summary.undo_note}"
            self.imported.emit(summary.source_id, message)

    def _on_cancelled(self) -> None:
        self.summary_page.show_cancelled()
        if self.currentId() == PAGE_PROGRESS:
            self.next()

    def _on_homelog(self, _document: object) -> None:
        """A Home Log export: its own page instead of the table pages."""
        self.setStartId(PAGE_HOMELOG)
        self.restart()

    def _on_failed(self, message: str) -> None:
        """The file was refused (nothing stored): back to the preview, which says why."""
        if self.vm.homelog is not None:
            self.homelog_page.banner.show_message(message, "error")
            while self.currentId() == PAGE_PROGRESS and PAGE_HOMELOG in self.visitedIds():
                self.back()
            return
        if self.vm.standard is not None:
            self.recognised_page.banner.show_message(message, "error")
            while self.currentId() != PAGE_RECOGNISED and self.currentId() != -1:
                self.back()
            return
        self.preview_page.show_failure(message)
        while self.currentId() > PAGE_PREVIEW:
            self.back()

    def _on_error(self, message: str) -> None:
        page = self.currentPage()
        banner = page.findChild(Banner) if page is not None else None
        if banner is not None:
            banner.show_message(message, "error")
        if self.currentId() == PAGE_PROGRESS:
            self.preview_page.show_failure(message)
            while self.currentId() > PAGE_PREVIEW:
                self.back()


class _Page(QWizardPage):
    """A page with an error banner on top and the view model at hand.

    ``scrolling``: the page's content (below the banner) scrolls where the window is too small for
    it (a small screen, a large font) instead of being squeezed or cut off.
    """

    def __init__(self, vm: ImportViewModel, title: str, subtitle: str = "", *, scrolling: bool = False) -> None:
        super().__init__()
        self.vm = vm
        self.setTitle(title)
        if subtitle:
            self.setSubTitle(subtitle)
        self.banner = Banner()
        if scrolling:
            outer = QVBoxLayout(self)
            outer.setSpacing(8)
            outer.addWidget(self.banner)
            content = QWidget()
            content.setObjectName("pageContent")
            self.layout_ = QVBoxLayout(content)
            self.layout_.setContentsMargins(0, 0, 0, 0)
            self.scroll_area = QScrollArea()
            self.scroll_area.setObjectName("pageScroll")
            self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
            self.scroll_area.setWidgetResizable(True)
            self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.scroll_area.setWidget(content)
            outer.addWidget(self.scroll_area, 1)
        else:
            self.layout_ = QVBoxLayout(self)
            self.layout_.addWidget(self.banner)
        self.layout_.setSpacing(8)
        vm.busy_changed.connect(lambda _b: self.completeChanged.emit())


class _TwoColumns(QWidget):
    """Two forms side by side where the width allows, one above the other where it does not."""

    def __init__(self, left: QLayout, right: QLayout, spacing: int = 24) -> None:
        super().__init__()
        self._left, self._right = left, right
        self._box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._box.setContentsMargins(0, 0, 0, 0)
        # A spacer, not setSpacing(): the forms would inherit that spacing between their rows.
        self._spacing = spacing
        self._box.addLayout(left, 1)
        self._box.addSpacing(spacing)
        self._box.addLayout(right, 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)  # rows never spread apart

    @property
    def side_by_side(self) -> bool:
        return self._box.direction() is QBoxLayout.Direction.LeftToRight

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        # As narrow as one form: below the width of both, they go one above the other.
        height = self._box.minimumSize().height()
        return QSize(max(self._left.minimumSize().width(), self._right.minimumSize().width()), height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        both = self._left.sizeHint().width() + self._spacing + self._right.sizeHint().width()
        direction = (
            QBoxLayout.Direction.LeftToRight if event.size().width() >= both else QBoxLayout.Direction.TopToBottom
        )
        if direction is not self._box.direction():
            self._box.setDirection(direction)
            self.updateGeometry()
        super().resizeEvent(event)


def _table(name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setHighlightSections(False)
    return view


def _combo(name: str, items: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    for value, text in items:
        combo.addItem(translate("ImportWizard", text), value)
    return combo


def _select(combo: QComboBox, value: Any, text: str | None = None) -> None:
    """Select the item holding ``value``, adding it (as ``text``) if it is not offered."""
    index = combo.findData(value)
    if index < 0:
        combo.addItem(text if text is not None else str(value), value)
        index = combo.count() - 1
    combo.blockSignals(True)
    combo.setCurrentIndex(index)
    combo.blockSignals(False)


class ZoneCombo(QComboBox):
    """A searchable choice of time zone: "this computer's" (None) or an IANA zone; type to filter.

    ``zone_chosen(name or None)`` when the user picks one (from the list, or typed and Enter).
    """

    zone_chosen = Signal(object)

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(16)
        # Room for "This computer's time zone (America/Argentina/…)" where there is room, 18 characters at least.
        self.setMinimumContentsLength(18)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        edit = QLineEdit()
        edit.setPlaceholderText(translate("ImportWizard", "Type to search: Amsterdam, New_York, UTC"))
        self.setLineEdit(edit)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        completer.activated.connect(self._on_text_chosen)
        self.activated.connect(lambda _i: self._on_index_chosen())
        edit.editingFinished.connect(lambda: self._on_text_chosen(self.currentText()))
        self._chosen: str | None = None

    def fill(self, zones: list[str], computer: str, chosen: str | None) -> None:
        """Offer ``zones`` after "this computer's" (``computer``: its name), ``chosen`` selected."""
        self.blockSignals(True)
        self.clear()
        self.addItem(translate("ImportWizard", "This computer’s time zone ({zone})").format(zone=computer), None)
        for zone in zones:
            self.addItem(zone, zone)
        self.blockSignals(False)
        self.select(chosen)

    def select(self, chosen: str | None) -> None:
        """Show ``chosen`` (None: this computer's) without telling anyone."""
        self._chosen = chosen
        index = self.findData(chosen) if chosen is not None else 0
        if index < 0:
            self.addItem(chosen or "", chosen)
            index = self.count() - 1
        self.blockSignals(True)
        self.setCurrentIndex(index)
        self.blockSignals(False)
        self._show_start()

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()
        return QSize(hint.width() + self.fontMetrics().averageCharWidth() * 16, hint.height())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        # Enter takes the zone typed, and stays here (instead of pressing the wizard's Next).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._on_text_chosen(self.currentText())
            event.accept()
            return
        super().keyPressEvent(event)

    def _on_index_chosen(self) -> None:
        self._show_start()
        self._choose(self.currentData())

    def _show_start(self) -> None:
        """A long choice ("This computer's time zone (…)") shows its beginning, not its end."""
        edit = self.lineEdit()
        if edit is not None:
            edit.setCursorPosition(0)

    def _on_text_chosen(self, text: str) -> None:
        index = self.findText(text.strip(), Qt.MatchFlag.MatchFixedString)
        if index < 0 and text.strip():  # part of one zone's name ("amsterdam"): that zone
            found = [i for i in range(1, self.count()) if text.strip().casefold() in self.itemText(i).casefold()]
            index = found[0] if len(found) == 1 else -1
        if index < 0:  # not a zone: back to the one chosen
            self.select(self._chosen)
            return
        self.blockSignals(True)
        self.setCurrentIndex(index)
        self.blockSignals(False)
        self._show_start()
        self._choose(self.itemData(index))

    def _choose(self, value: object) -> None:
        zone = str(value) if value else None
        if zone != self._chosen:
            self._chosen = zone
            self.zone_chosen.emit(zone)


class FilePage(_Page):
    """The file and how it is read: what detection found, each setting editable."""

    def __init__(self, vm: ImportViewModel) -> None:
        super().__init__(
            vm,
            translate("FilePage", "How the file is read"),
            translate("FilePage", "Home Log looked at the file; correct anything it got wrong."),
            scrolling=True,
        )
        self.setObjectName("filePage")
        self._detected: Detected | None = None
        self._status = QLabel(translate("FilePage", "Reading the file…"))
        self._status.setObjectName("fileStatus")
        self._status.setWordWrap(True)

        self.encoding = _combo("encodingCombo", [(e, e) for e in ENCODINGS])
        self.delimiter = _combo("delimiterCombo", DELIMITERS)
        self.decimal = _combo("decimalCombo", DECIMALS)
        self.thousands = _combo("thousandsCombo", THOUSANDS)
        self.header_row = QSpinBox()
        self.header_row.setObjectName("headerRowSpin")
        self.header_row.setRange(0, 1000)
        self.header_row.setSpecialValueText(translate("FilePage", "No header row"))
        self.header_row.setPrefix(translate("FilePage", "line "))
        self.date_column = QComboBox()
        self.date_column.setObjectName("dateColumnCombo")
        self.time_column = QComboBox()
        self.time_column.setObjectName("timeColumnCombo")
        self.date_format = QComboBox()
        self.date_format.setObjectName("dateFormatCombo")
        self.date_format.setMinimumContentsLength(24)
        self.sheet = QComboBox()
        self.sheet.setObjectName("sheetCombo")
        self._sheet_label = QLabel(translate("FilePage", "Worksheet:"))
        from ..services.importing.builtin_profiles import BUILTIN_PROFILES

        self.profile = _combo(
            "profileCombo",
            [
                ("", QT_TRANSLATE_NOOP("ImportWizard", "None (as detected)")),
                *((p.name, f"{p.label} [{p.country}]") for p in BUILTIN_PROFILES),
            ],
        )
        self.profile.setToolTip(
            translate("FilePage", "A supplier's or portal's export layout, recognised by its column names")
        )
        self.profile.setMinimumContentsLength(24)
        self.profile.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

        left = QFormLayout()
        left.addRow(translate("FilePage", "Text encoding:"), self.encoding)
        left.addRow(translate("FilePage", "Columns separated by:"), self.delimiter)
        left.addRow(translate("FilePage", "Decimal separator:"), self.decimal)
        left.addRow(translate("FilePage", "Thousands separator:"), self.thousands)
        right = QFormLayout()
        right.addRow(translate("FilePage", "Column names in:"), self.header_row)
        right.addRow(translate("FilePage", "Date column:"), self.date_column)
        right.addRow(translate("FilePage", "Time column:"), self.time_column)
        right.addRow(translate("FilePage", "Dates look like:"), self.date_format)
        right.addRow(self._sheet_label, self.sheet)
        self.form = _TwoColumns(left, right)

        # Ambiguous dates: the user must say how to read them.
        self.ambiguous = QFrame()
        self.ambiguous.setObjectName("ambiguousDates")
        self.ambiguous.setFrameShape(QFrame.Shape.StyledPanel)
        ambiguous_layout = QVBoxLayout(self.ambiguous)
        self._ambiguous_text = QLabel()
        self._ambiguous_text.setWordWrap(True)
        ambiguous_layout.addWidget(self._ambiguous_text)
        self.day_first = QRadioButton()
        self.day_first.setObjectName("dayFirstRadio")
        self.month_first = QRadioButton()
        self.month_first.setObjectName("monthFirstRadio")
        self._date_choice = QButtonGroup(self)
        self._date_choice.addButton(self.day_first)
        self._date_choice.addButton(self.month_first)
        ambiguous_layout.addWidget(self.day_first)
        ambiguous_layout.addWidget(self.month_first)
        self.ambiguous.hide()

        self._notes = QLabel()
        self._notes.setObjectName("detectionNotes")
        self._notes.setWordWrap(True)  # what detection found, in the text's own colour: it is read, not a hint
        self.sample_model = SampleTableModel(self)
        self.sample_view = _table("sampleTable")
        self.sample_view.setAccessibleName(translate("FilePage", "The first rows of the file"))
        self.sample_view.setModel(self.sample_model)
        self.sample_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        caption = QLabel(translate("FilePage", "The first rows of the file:"))

        profile_row = QFormLayout()
        profile_row.addRow(translate("FilePage", "Supplier profile:"), self.profile)
        self.layout_.addWidget(self._status)
        self.layout_.addLayout(profile_row)
        self.layout_.addWidget(self.form)
        self.layout_.addWidget(self.ambiguous)
        self.layout_.addWidget(self._notes)
        self.layout_.addWidget(caption)
        self.layout_.addWidget(self.sample_view, 1)

        for combo in (self.delimiter, self.decimal, self.thousands, self.date_column, self.time_column, self.sheet):
            combo.activated.connect(lambda _i: self._apply())
        self.encoding.activated.connect(lambda _i: self._apply())
        self.header_row.editingFinished.connect(self._apply)
        self.header_row.valueChanged.connect(lambda _v: self._apply() if not self.header_row.hasFocus() else None)
        self.date_format.activated.connect(lambda _i: self._on_date_format_chosen())
        self.profile.activated.connect(lambda _i: self._on_profile_chosen())
        self.day_first.toggled.connect(lambda on: self._choose_order(True) if on else None)
        self.month_first.toggled.connect(lambda on: self._choose_order(False) if on else None)
        vm.detected_changed.connect(self._on_detected)
        vm.error_occurred.connect(self._on_error)

    def isComplete(self) -> bool:  # noqa: N802
        return self._detected is not None and not self.vm.busy and not self.vm.needs_date_choice

    # -- filling -----------------------------------------------------------------------------

    def _on_detected(self, detected: Detected) -> None:
        self._detected = detected
        vm = self.vm
        settings = vm.settings
        size = detected.size
        locale = QLocale()
        shown_size = (
            f"{locale.toString(size / 1_048_576, 'f', 1)} MB"
            if size >= 1_048_576
            else f"{locale.toString(max(1, round(size / 1024)))} KB"
        )
        kind = (
            translate("FilePage", "Excel workbook") if detected.kind == "xlsx" else translate("FilePage", "Text file")
        )
        columns = translate("ImportWizard", "%Ln column(s)", None, len(vm.columns))
        self._status.setText(f"<b>{vm.path.name}</b> — {kind}, {shown_size}, {columns}")
        _select(self.encoding, settings.encoding)
        _select(self.delimiter, settings.delimiter, repr(settings.delimiter))
        _select(self.decimal, settings.decimal)
        _select(self.thousands, settings.thousands, repr(settings.thousands))
        csv_only = detected.kind != "xlsx"
        for widget in (self.encoding, self.delimiter):
            widget.setEnabled(csv_only)
        self.header_row.blockSignals(True)
        self.header_row.setValue(0 if settings.header_row is None else settings.header_row + 1)
        self.header_row.blockSignals(False)
        self._fill_columns(settings.date_column, settings.time_column)
        self._fill_date_formats()
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.addItems(detected.sheets)
        if settings.sheet:
            self.sheet.setCurrentText(settings.sheet)
        self.sheet.blockSignals(False)
        self.sheet.setVisible(bool(detected.sheets))
        self._sheet_label.setVisible(bool(detected.sheets))
        notes = list(detected.notes)
        if vm.profile_applied:
            notes.append(
                translate(
                    "FilePage", "The settings and columns of your last import of a file like this one were applied."
                )
            )
        builtin = vm.builtin_profile
        _select(self.profile, builtin.name if builtin is not None else "")
        self._notes.setText("\n".join(f"• {n}" for n in notes))
        self._notes.setVisible(bool(notes))
        self.sample_model.set_rows(vm.columns, vm.sample_rows)
        self.sample_view.resizeColumnsToContents()
        for column in range(self.sample_model.columnCount()):
            self.sample_view.setColumnWidth(column, min(self.sample_view.columnWidth(column), 240))
        self._show_ambiguity()
        self.completeChanged.emit()

    def _on_profile_chosen(self) -> None:
        name = self.profile.currentData() or None
        current = self.vm.builtin_profile.name if self.vm.builtin_profile is not None else None
        if name != current:
            self.vm.spawn(self.vm.use_builtin_profile(name))

    def _fill_columns(self, date_column: int | None, time_column: int | None) -> None:
        columns = self.vm.columns
        for combo, chosen, none_text in (
            (self.date_column, date_column, translate("FilePage", "(choose the date column)")),
            (self.time_column, time_column, translate("FilePage", "(none: in the date column)")),
        ):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(none_text, None)
            for index, name in enumerate(columns):
                combo.addItem(name, index)
            combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
            combo.blockSignals(False)

    def _fill_date_formats(self) -> None:
        detected = self._detected
        current = self.vm.settings.date_format
        self.date_format.blockSignals(True)
        self.date_format.clear()
        if current is None:
            self.date_format.addItem(translate("FilePage", "(choose: day or month first)"), None)
        offered = list(DATE_FORMATS)
        for candidate in detected.ambiguous_date_formats if detected is not None else []:
            if all(candidate != value for value, _t in offered):
                offered.append((candidate, date_format_text(candidate)))
        if current is not None and all(current != value for value, _t in offered):
            offered.insert(0, (current, date_format_text(current)))
        for value, text in offered:
            self.date_format.addItem(translate("ImportWizard", text), value)
        self.date_format.setCurrentIndex(max(0, self.date_format.findData(current)) if current is not None else 0)
        self.date_format.blockSignals(False)

    def _show_ambiguity(self) -> None:
        detected = self._detected
        if detected is None or not detected.ambiguous_date_formats:
            self.ambiguous.hide()
            return
        formats = detected.ambiguous_date_formats
        day = next((f for f in formats if day_first(f)), formats[0])
        month = next((f for f in formats if not day_first(f)), formats[-1])
        example = self._example_date()
        self._ambiguous_text.setText(
            translate(
                "FilePage",
                "<b>Which comes first in these dates, the day or the month?</b><br>"
                "Every day in the file is 12 or less, so both readings are possible.",
            )
            + (translate("ImportWizard", " The first date is <b>{day}</b>.").format(day=example) if example else "")
        )
        self.day_first.setText(
            translate("ImportWizard", "Day first: {example}").format(example=_example(example, day, True))
        )
        self.month_first.setText(
            translate("ImportWizard", "Month first: {example}").format(example=_example(example, month, False))
        )
        self.day_first.setProperty("dateFormat", day)
        self.month_first.setProperty("dateFormat", month)
        chosen = self.vm.settings.date_format
        self._date_choice.setExclusive(False)
        for radio, fmt in ((self.day_first, day), (self.month_first, month)):
            radio.blockSignals(True)
            radio.setChecked(chosen == fmt)
            radio.blockSignals(False)
        self._date_choice.setExclusive(True)
        self.ambiguous.setAutoFillBackground(True)
        from .widgets import tone

        background, foreground = tone("warning" if chosen is None else "info", self.palette())
        palette = self.ambiguous.palette()
        palette.setColor(self.ambiguous.backgroundRole(), background)
        palette.setColor(palette.ColorRole.WindowText, foreground)
        self.ambiguous.setPalette(palette)
        self.ambiguous.show()

    def _example_date(self) -> str:
        column = self.vm.settings.date_column
        if column is None:
            return ""
        for row in self.vm.sample_rows:
            if column < len(row) and row[column].strip():
                return row[column].strip()
        return ""

    # -- changes -----------------------------------------------------------------------------

    def _apply(self) -> None:
        if self._detected is None:
            return
        header = self.header_row.value()
        settings = replace(
            self.vm.settings,
            encoding=self.encoding.currentData() or "utf-8",
            delimiter=self.delimiter.currentData(),
            decimal=self.decimal.currentData(),
            thousands=self.thousands.currentData(),
            header_row=None if header == 0 else header - 1,
            data_row=max(self.vm.settings.data_row, header) if header else self.vm.settings.data_row,
            date_column=self.date_column.currentData(),
            time_column=self.time_column.currentData(),
            sheet=self.sheet.currentText() or None,
        )
        if header and settings.header_row != self.vm.settings.header_row:
            settings = replace(settings, data_row=header)
        self.vm.spawn(self.vm.set_settings(settings))
        self.completeChanged.emit()

    def _on_date_format_chosen(self) -> None:
        value = self.date_format.currentData()
        if value is None:
            return
        self.vm.choose_date_format(value)
        self._show_ambiguity()
        self.completeChanged.emit()

    def _choose_order(self, first_is_day: bool) -> None:
        radio = self.day_first if first_is_day else self.month_first
        value = radio.property("dateFormat")
        if not value:
            return
        self.vm.choose_date_format(str(value))
        self._fill_date_formats()
        self._show_ambiguity()
        self.completeChanged.emit()

    def _on_error(self, message: str) -> None:
        if self._detected is None:
            self._status.setText(
                translate("ImportWizard", "<b>{file}</b> cannot be imported.").format(file=self.vm.path.name)
            )
        self.banner.show_message(message, "error")


def _example(text: str, date_format: str, first_is_day: bool) -> str:
    """``text`` read with ``date_format``, as words (“3 April 2024”), or a generic example."""
    if text:
        try:
            moment = datetime.strptime(text.split()[0].split("T")[0], date_format)
        except ValueError:
            moment = None
        if moment is not None:
            return f"{text.split()[0]} is {moment.day} {moment.strftime('%B %Y')}"
    return (
        translate("ImportWizard", "03/04/2024 is 3 April 2024")
        if first_is_day
        else translate("ImportWizard", "03/04/2024 is March 4, 2024")
    )


class _MappingDelegate(QStyledItemDelegate):
    """Combo boxes for the target and kind columns of the mapping table."""

    def __init__(self, model: MappingTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:  # noqa: N802
        if index.column() == MappingColumn.TARGET:
            combo = QComboBox(parent)
            combo.setObjectName(f"targetCombo_{index.row()}")
            combo.addItems(self._model.choices(index.row()))
            combo.activated.connect(lambda _i, c=combo: self.commitData.emit(c))
            return combo
        if index.column() == MappingColumn.KIND:
            combo = QComboBox(parent)
            combo.setObjectName(f"kindCombo_{index.row()}")
            combo.addItems([kind_text(k) for k in KIND_TEXTS])
            combo.activated.connect(lambda _i, c=combo: self.commitData.emit(c))
            return combo
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: _Index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            editor.blockSignals(True)
            editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            editor.blockSignals(False)
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: _Index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


class MappingPage(_Page):
    """Where each column goes: a stored source's metrics, or a new source made from the file."""

    def __init__(self, vm: ImportViewModel) -> None:
        super().__init__(
            vm,
            translate("MappingPage", "Where the readings go"),
            translate("MappingPage", "Choose the meter or sensor, and what each column of the file holds."),
        )
        self.setObjectName("mappingPage")
        self.existing_radio = QRadioButton(translate("MappingPage", "An existing source:"))
        self.existing_radio.setObjectName("existingSourceRadio")
        self.source_combo = QComboBox()
        self.source_combo.setObjectName("sourceCombo")
        self.source_combo.setMinimumContentsLength(24)
        self.source_combo.setPlaceholderText(translate("MappingPage", "(there are no sources yet)"))
        self.new_radio = QRadioButton(translate("MappingPage", "A new source named:"))
        self.new_radio.setObjectName("newSourceRadio")
        self.new_name = QLineEdit()
        self.new_name.setObjectName("newSourceName")
        self.new_name.setPlaceholderText(translate("MappingPage", "Name of the new meter or sensor"))
        self.category = QComboBox()
        self.category.setObjectName("newSourceCategory")
        for category in Category:
            self.category.addItem(category.label, category.value)
        group = QButtonGroup(self)
        group.addButton(self.existing_radio)
        group.addButton(self.new_radio)
        target = QGridLayout()
        target.addWidget(QLabel(translate("MappingPage", "Import into:")), 0, 0)
        target.addWidget(self.existing_radio, 0, 1)
        target.addWidget(self.source_combo, 0, 2, 1, 2)
        target.addWidget(self.new_radio, 1, 1)
        target.addWidget(self.new_name, 1, 2)
        target.addWidget(self.category, 1, 3)
        target.setColumnStretch(2, 1)

        self.model = MappingTableModel(self._on_target_changed, vm.new_metric_for)
        self.view = _table("mappingTable")
        self.view.setAccessibleName(translate("MappingPage", "The file's columns and where they go"))
        self.view.setModel(self.model)
        self.view.setItemDelegate(_MappingDelegate(self.model, self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers & ~QAbstractItemView.EditTrigger.CurrentChanged
        )
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 16)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self._setup_zone()
        self._setup_periods()
        self._hint = QLabel(
            translate(
                "MappingPage",
                "Double-click a new metric's name or unit to change it. Columns set to “Not imported” are left out. "
                "Kind: a counter is a running total (a meter's register), an amount per period what was used in "
                "each period (15 minutes, an hour, a day), a gauge a level or a temperature.",
            )
        )
        self._hint.setEnabled(False)
        self._hint.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setObjectName("mappingProblem")
        self.problem.setWordWrap(True)

        self.layout_.addLayout(target)
        self.layout_.addWidget(self.view, 1)
        self.layout_.addWidget(self.zone_box)
        self.layout_.addWidget(self.period_box)
        self.layout_.addWidget(self._hint)
        self.layout_.addWidget(self.problem)

        self.existing_radio.toggled.connect(self._on_target_kind_toggled)
        self.source_combo.activated.connect(lambda _i: self._on_source_chosen())
        self.new_name.textEdited.connect(self._on_new_name_edited)
        self.category.activated.connect(lambda _i: self._on_new_name_edited(self.new_name.text()))
        vm.mapping_changed.connect(self.refresh)
        vm.detected_changed.connect(lambda _d: self.refresh())
        vm.zone_changed.connect(self._refresh_zone)

    def initializePage(self) -> None:  # noqa: N802
        self.refresh()

    def isComplete(self) -> bool:  # noqa: N802
        return not self.vm.busy and not self.vm.mapping_problem()

    def _setup_zone(self) -> None:
        """The zone of the file's times without an offset: detected (the header's, else this computer's), editable."""
        self.zone_box = QFrame()
        self.zone_box.setObjectName("zoneBox")
        self.zone = ZoneCombo("zoneCombo")
        self.zone.setAccessibleName(translate("MappingPage", "Time zone of the file's times"))
        label = self._zone_label = QLabel(translate("MappingPage", "Times without a UTC offset are in"))
        label.setBuddy(self.zone)
        self.zone_note = QLabel()
        self.zone_note.setObjectName("zoneNote")
        self.zone_note.setWordWrap(True)
        self.zone_note.setEnabled(False)
        grid = QGridLayout(self.zone_box)
        grid.setContentsMargins(0, 0, 0, 0)
        self._zone_grid = grid
        grid.addWidget(label, 0, 0)
        grid.addWidget(self.zone, 0, 1)
        grid.addWidget(self.zone_note, 1, 0, 1, 3)
        grid.setColumnStretch(2, 1)
        self.zone.zone_chosen.connect(self._on_zone_chosen)

    def _on_zone_chosen(self, name: str | None) -> None:
        self.vm.set_zone(name)

    def _refresh_zone(self) -> None:
        vm = self.vm
        from ..services.importing.zones import system_zone_name

        if self.zone.count() != len(vm.zones) + 1:
            self.zone.fill(vm.zones, system_zone_name(), vm.zone)
        else:
            self.zone.select(vm.zone)
        column = vm.zone_column_name
        self.zone.setEnabled(not column)
        if column:
            self.zone_note.setText(
                translate("MappingPage", "Each row's zone is in the column “{name}”: its times are exact.").format(
                    name=column
                )
            )
            return
        parts = []
        if vm.stated_zone and vm.zone == vm.stated_zone:
            parts.append(
                translate("MappingPage", "Detected: the header of the time column says {zone}.").format(
                    zone=vm.stated_zone
                )
            )
        example = vm.zone_example()
        if example is not None:
            text, moment = example
            local = moment.astimezone()
            parts.append(
                translate("MappingPage", "The first row’s {time} is {local} in this computer’s time zone.").format(
                    time=text, local=local.strftime("%Y-%m-%d %H:%M")
                )
            )
        self.zone_note.setText(" ".join(parts))
        self.zone_note.setVisible(bool(parts))

    def _setup_periods(self) -> None:
        """The choices of amounts per period: which end of its period a row's time is, and its length."""
        self.period_box = QFrame()
        self.period_box.setObjectName("periodBox")
        self.time_is = QComboBox()
        self.time_is.setObjectName("timeIsCombo")
        self.time_is.setAccessibleName(translate("MappingPage", "A row's time is its period's"))
        self.time_is.addItem(translate("MappingPage", "start (00:00 holds 00:00–00:15)"), PeriodLabel.START.value)
        self.time_is.addItem(translate("MappingPage", "end (00:15 holds 00:00–00:15)"), PeriodLabel.END.value)
        self.period_length = QComboBox()
        self.period_length.setObjectName("periodLengthCombo")
        self.period_length.setAccessibleName(translate("MappingPage", "Length of each period"))
        self.period_note = QLabel()
        self.period_note.setObjectName("periodNote")
        self.period_note.setWordWrap(True)
        self.period_note.setEnabled(False)
        grid = QGridLayout(self.period_box)
        grid.setContentsMargins(0, 0, 0, 0)
        self._time_is_label = QLabel(translate("MappingPage", "Amounts per period: a row's time is the period's"))
        self._time_is_label.setBuddy(self.time_is)
        self._length_label = QLabel(translate("MappingPage", "Each period lasts"))
        self._length_label.setBuddy(self.period_length)
        grid.addWidget(self._time_is_label, 0, 0)
        grid.addWidget(self.time_is, 0, 1)
        grid.addWidget(self._length_label, 1, 0)
        grid.addWidget(self.period_length, 1, 1)
        grid.addWidget(self.period_note, 2, 0, 1, 3)
        grid.setColumnStretch(2, 1)
        self.time_is.activated.connect(lambda _i: self._on_time_is_chosen())
        self.period_length.activated.connect(lambda _i: self._on_period_length_chosen())
        # The zone's choice above lines up with these (one column of labels, one of choices).
        labels = [self._time_is_label, self._length_label, self._zone_label]
        width = max(w.sizeHint().width() for w in labels)
        for each in (grid, self._zone_grid):
            each.setColumnMinimumWidth(0, width)

    def _refresh_periods(self) -> None:
        vm = self.vm
        settings = vm.settings
        self.period_box.setVisible(vm.has_intervals)
        from_column = settings.period_column is not None
        for widget in (self._time_is_label, self.time_is, self._length_label, self.period_length):
            widget.setVisible(not from_column)
        if from_column:
            assert settings.period_column is not None
            if settings.period_column == settings.date_column:
                where = translate("MappingPage", "each cell of “{name}” (start to end)").format(
                    name=vm.columns[settings.date_column]
                )
            else:
                other = vm.columns[settings.period_column] if settings.period_column < len(vm.columns) else "?"
                date = vm.columns[settings.date_column] if settings.date_column is not None else "?"
                start, end = (other, date) if settings.time_is is PeriodLabel.END else (date, other)
                where = translate("MappingPage", "“{start}” to “{end}”").format(start=start, end=end)
            self.period_note.setText(
                translate(
                    "MappingPage", "Amounts per period: each row's period is {where}, as the file gives it."
                ).format(where=where)
            )
            return
        self.time_is.setCurrentIndex(max(0, self.time_is.findData(settings.time_is.value)))
        detected = vm.detected_period_seconds
        self.period_length.clear()
        since = (
            translate("MappingPage", "the most common step between rows")
            if settings.time_is is PeriodLabel.START
            else translate("MappingPage", "since the previous row")
        )
        self.period_length.addItem(since, 0)
        for seconds, text in PERIOD_LENGTHS:
            label = translate("MappingPage", text)
            self.period_length.addItem(
                translate("MappingPage", "{length} (detected)").format(length=label) if seconds == detected else label,
                seconds,
            )
        self.period_length.setCurrentIndex(max(0, self.period_length.findData(settings.period_seconds or 0)))
        self.period_note.setText(
            translate(
                "MappingPage", "Detected from the steps between the rows' times; change it if the file says otherwise."
            )
            if detected
            else translate(
                "MappingPage",
                "The rows' times are not regular: each amount runs since the previous row unless you choose a length.",
            )
        )

    def _on_time_is_chosen(self) -> None:
        self.vm.set_time_is(PeriodLabel(self.time_is.currentData()))

    def _on_period_length_chosen(self) -> None:
        self.vm.set_period_seconds(int(self.period_length.currentData()) or None)

    def refresh(self) -> None:
        vm = self.vm
        stored = [s for s in vm.sources if s.id is not None]
        self.source_combo.blockSignals(True)
        self.source_combo.clear()
        for source in stored:
            self.source_combo.addItem(source.name, source.id)
            refusal = vm.refusal(source)
            if refusal:  # another member's source: listed, not choosable, with the policy's reason
                item = self.source_combo.model().item(self.source_combo.count() - 1)  # type: ignore[attr-defined]
                item.setEnabled(False)
                item.setToolTip(refusal)
        # Nothing chosen until "an existing source" is (its placeholder says to choose one).
        self.source_combo.setCurrentIndex(-1)
        self.source_combo.blockSignals(False)
        has_stored = bool(stored)
        self.source_combo.setPlaceholderText(
            translate("MappingPage", "(choose a source)")
            if has_stored
            else translate("MappingPage", "(there are no sources yet)")
        )
        self.existing_radio.setEnabled(has_stored and self._first_choosable() >= 0)
        self.source_combo.setEnabled(has_stored and vm.source.id is not None)
        for widget in (self.existing_radio, self.new_radio):
            widget.blockSignals(True)
        if vm.source.id is not None:
            self.existing_radio.setChecked(True)
            self.source_combo.setCurrentIndex(max(0, self.source_combo.findData(vm.source.id)))
        else:
            self.new_radio.setChecked(True)
            if self.new_name.text() != vm.source.name:
                self.new_name.setText(vm.source.name)
            self.category.setCurrentIndex(max(0, self.category.findData(vm.source.category.value)))
        for widget in (self.existing_radio, self.new_radio):
            widget.blockSignals(False)
        self.new_name.setEnabled(vm.source.id is None)
        self.category.setEnabled(vm.source.id is None)
        settings = vm.settings
        fixed: dict[int, str] = {}
        if settings.date_column is not None:
            fixed[settings.date_column] = (
                translate("ImportModels", DATE_TEXT)
                if settings.time_column is None
                else translate("MappingPage", "Date")
            )
        if settings.time_column is not None:
            fixed[settings.time_column] = translate("ImportModels", TIME_TEXT)
        # Home Log's own export: the periods' starts, the flags and the author go with the readings.
        for value, start in settings.start_columns:
            if value < len(vm.columns):
                fixed[start] = translate("MappingPage", "Period start of “{name}”").format(name=vm.columns[value])
        for column, text in (
            (settings.estimated_column, translate("MappingPage", "Estimated (flag)")),
            (settings.from_bill_column, translate("MappingPage", "From a bill (flag)")),
            (settings.author_column, translate("MappingPage", "Entered by (member)")),
        ):
            if column is not None:
                fixed[column] = text
        if settings.period_column is not None and settings.date_column is not None:
            end = settings.time_is is PeriodLabel.END
            start_text, end_text = translate("ImportModels", PERIOD_TEXT), translate("ImportModels", PERIOD_END_TEXT)
            if settings.period_column == settings.date_column:
                fixed[settings.date_column] = translate("MappingPage", "Period (start to end)")
            else:
                fixed[settings.period_column] = start_text if end else end_text
                fixed[settings.date_column] = end_text if end else start_text
        samples = [
            ", ".join(row[i].strip() for row in vm.sample_rows[:3] if i < len(row) and row[i].strip())
            for i in range(len(vm.columns))
        ]
        self.model.refresh(vm.columns, samples, vm.mapping, vm.source, fixed)
        self._open_editors()
        self._size_columns()
        self._refresh_periods()
        self._refresh_zone()
        problem = vm.mapping_problem()
        self.problem.setText(problem)
        from .widgets import tone

        _bg, fg = tone("error", self.palette())
        self.problem.setStyleSheet(f"color: {fg.name()};")
        self.problem.setVisible(bool(problem))
        self.completeChanged.emit()

    def _open_editors(self) -> None:
        for row in range(self.model.rowCount()):
            for column in (MappingColumn.TARGET, MappingColumn.KIND):
                index = self.model.index(row, column)
                editable = bool(self.model.flags(index) & Qt.ItemFlag.ItemIsEditable)
                if self.view.isPersistentEditorOpen(index):
                    self.view.closePersistentEditor(index)
                if editable:
                    self.view.openPersistentEditor(index)

    def _size_columns(self) -> None:
        view = self.view
        metrics = view.fontMetrics()
        widest_choice = max(
            (
                metrics.horizontalAdvance(text)
                for row in range(self.model.rowCount())
                for text in self.model.choices(row)
            ),
            default=100,
        )
        # The header's own title too ("Column in the file"), so a file of short names does not cut it.
        titles = [str(self.model.headerData(MappingColumn.COLUMN, Qt.Orientation.Horizontal) or "")]
        widest_column = max((metrics.horizontalAdvance(name) for name in [*self.vm.columns, *titles]), default=100)
        char = metrics.averageCharWidth()

        def widest(column: MappingColumn) -> int:
            texts = (str(self.model.data(self.model.index(row, column)) or "") for row in range(self.model.rowCount()))
            return max((metrics.horizontalAdvance(text) for text in texts), default=0)

        # In proportion to the font (a large font gets wider columns), capped so the samples keep room.
        widths = {
            MappingColumn.COLUMN: min(max(char * 18, widest_column + 16), char * 32),
            MappingColumn.TARGET: min(max(char * 22, widest_choice + 40), char * 36),
            MappingColumn.NAME: min(max(char * 22, widest(MappingColumn.NAME) + 16), char * 30),
            MappingColumn.UNIT: max(char * 10, widest(MappingColumn.UNIT) + 16),
            MappingColumn.KIND: max(char * 14, max(metrics.horizontalAdvance(kind_text(k)) for k in KIND_TEXTS) + 40),
        }
        header = view.horizontalHeader()
        for column, width in widths.items():
            view.setColumnWidth(column, width)
        header.setSectionResizeMode(MappingColumn.SAMPLE, QHeaderView.ResizeMode.Stretch)

    def _on_target_changed(self, column: int, target: Any) -> None:
        self.vm.set_target(column, target)
        self.refresh()

    def _on_target_kind_toggled(self, existing: bool) -> None:
        if existing and self.source_combo.count():
            self.source_combo.setEnabled(True)
            if self.source_combo.currentIndex() < 0 or not self._choosable(self.source_combo.currentIndex()):
                self.source_combo.setCurrentIndex(self._first_choosable())
            self._on_source_chosen()
        elif not existing:
            self.vm.use_new_source(self.new_name.text().strip() or self.vm.path.stem, self._category())

    def _choosable(self, index: int) -> bool:
        """Whether the combo's item ``index`` may be imported into (the access policy)."""
        item = self.source_combo.model().item(index)  # type: ignore[attr-defined]
        return item is not None and bool(item.isEnabled())

    def _first_choosable(self) -> int:
        return next((i for i in range(self.source_combo.count()) if self._choosable(i)), -1)

    def _on_source_chosen(self) -> None:
        source_id = self.source_combo.currentData()
        if source_id is not None:
            self.vm.use_source(int(source_id))

    def _on_new_name_edited(self, text: str) -> None:
        self.vm.rename_new_source(text.strip(), self._category())
        problem = self.vm.mapping_problem()
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.completeChanged.emit()

    def _category(self) -> Category:
        return Category(self.category.currentData() or Category.OTHER.value)


class PreviewPage(_Page):
    """The first rows as they will be stored; every problem coloured on its cell, with the reason."""

    def __init__(self, vm: ImportViewModel) -> None:
        super().__init__(
            vm,
            translate("PreviewPage", "Preview"),
            translate("PreviewPage", "The first rows of the file as they will be stored."),
        )
        self.setObjectName("previewPage")
        self._locale = QLocale()
        self.model = PreviewTableModel(self)
        self.view = _table("previewTable")
        self.view.setAccessibleName(translate("PreviewPage", "Preview of the rows as they will be stored"))
        self.view.setModel(self.model)
        self.view.setMouseTracking(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)  # would hide the colours
        self.counts = QLabel(translate("PreviewPage", "Reading the first rows…"))
        self.counts.setObjectName("previewCounts")
        self.counts.setWordWrap(True)
        self.skip_invalid = QCheckBox(translate("PreviewPage", "Skip invalid rows and list them in the summary"))
        self.skip_invalid.setObjectName("skipInvalidCheck")
        self._skip_hint = QLabel(
            translate("PreviewPage", "Otherwise the first invalid row stops the import, and nothing is stored.")
        )
        self._skip_hint.setEnabled(False)
        self.layout_.addWidget(self.counts)
        self.layout_.addWidget(self.view, 1)
        self.layout_.addWidget(self.skip_invalid)
        self.layout_.addWidget(self._skip_hint)
        self.skip_invalid.toggled.connect(self._on_skip_toggled)
        vm.preview_ready.connect(self._on_preview)
        self._failure = ""

    def initializePage(self) -> None:  # noqa: N802
        if self._failure:
            self.banner.show_message(self._failure, "error")
            self._failure = ""
        else:
            self.banner.dismiss()
        self.skip_invalid.setChecked(self.vm.skip_invalid)
        self.counts.setText(translate("PreviewPage", "Reading the first rows…"))
        self.model.set_rows([], [], None, ())
        self.vm.spawn(self.vm.make_preview())

    def isComplete(self) -> bool:  # noqa: N802
        return not self.vm.busy

    def show_failure(self, message: str) -> None:
        """The import refused the file: say why when this page shows again."""
        self._failure = f"{message}\n\n" + translate(
            "ImportWizard", "Nothing was imported. Correct the file, or skip invalid rows below."
        )
        self.banner.show_message(self._failure, "error")

    def _on_preview(self, rows: list[Any]) -> None:
        vm = self.vm
        settings = vm.settings
        metrics = [
            (target.metric.label, column, target.metric.decimals)
            for column, target in sorted(vm.mapping.items())
            if target.role is TargetRole.METRIC and target.metric is not None
        ]
        note = next((c for c, t in vm.mapping.items() if t.role is TargetRole.NOTE), None)
        dates = tuple(c for c in (settings.date_column, settings.time_column) if c is not None)
        locale = self._locale

        def format_time(moment: datetime) -> str:
            local = moment.astimezone()
            return local.strftime("%Y-%m-%d %H:%M") + ("" if local.second == 0 else f":{local.second:02d}")

        def format_value(value: Decimal, decimals: int) -> str:
            if value.as_tuple().exponent > -decimals:  # type: ignore[operator]
                value = value.quantize(Decimal(1).scaleb(-decimals))
            text = format(value, "f")
            return text.replace(".", locale.decimalPoint()) if locale.decimalPoint() != "." else text

        periods = {
            column: target.metric.unit
            for column, target in vm.mapping.items()
            if target.role is TargetRole.METRIC
            and target.metric is not None
            and target.metric.kind is MetricKind.INTERVAL
        }
        self.model.set_rows(rows, metrics, note, dates, format_time, format_value, periods)
        self.view.resizeColumnsToContents()
        char = self.view.fontMetrics().averageCharWidth()
        for column in range(self.model.columnCount() - 1):
            self.view.setColumnWidth(column, min(max(self.view.columnWidth(column), char * 6), char * 40))
        # The status takes the room that is left (long reasons are elided; the tooltip has them).
        self.view.setColumnWidth(self.model.columnCount() - 1, char * 18)
        self.view.horizontalHeader().setStretchLastSection(True)
        invalid = sum(1 for r in rows if r.status is RowStatus.INVALID)
        empty = sum(1 for r in rows if r.status is RowStatus.EMPTY)
        duplicate = sum(1 for r in rows if r.status is RowStatus.DUPLICATE)
        not_reading = sum(1 for r in rows if r.status is RowStatus.NOT_READING)
        missing = sum(len(r.missing) for r in rows if r.status is RowStatus.OK)
        parts = [
            translate("ImportWizard", "The first %Ln rows of the file", None, len(rows))
            if len(rows) > 1
            else translate("PreviewPage", "The only row of the file")
        ]
        if not rows:
            parts = [translate("PreviewPage", "The file has no data rows.")]
        elif not (invalid or empty or duplicate or not_reading or missing):
            parts.append(translate("PreviewPage", "are all fine."))
        else:
            found = []
            if invalid:
                found.append(translate("ImportWizard", "%Ln invalid (red: point at a cell to see why)", None, invalid))
            if empty:
                found.append(translate("ImportWizard", "%Ln without any value (skipped)", None, empty))
            if duplicate:
                found.append(translate("ImportWizard", "%Ln at the same time as an earlier row", None, duplicate))
            if not_reading:
                found.append(translate("ImportWizard", "%Ln that is/are no reading (skipped)", None, not_reading))
            if missing:
                found.append(translate("ImportWizard", "%Ln cell(s) without a value (left empty)", None, missing))
            parts.append(translate("PreviewPage", "include ") + ", ".join(found) + ".")
        self.counts.setText(" ".join(parts))
        self.completeChanged.emit()

    def _on_skip_toggled(self, on: bool) -> None:
        self.vm.skip_invalid = on


class DuplicatesPage(_Page):
    """What to do with a row whose time already has a reading of the source."""

    def __init__(self, vm: ImportViewModel) -> None:
        super().__init__(
            vm,
            translate("DuplicatesPage", "Readings that are there already"),
            translate(
                "DuplicatesPage", "A row of the file may have the same time as a reading the source already has."
            ),
        )
        self.setObjectName("duplicatesPage")
        self.skip = QRadioButton(
            translate("DuplicatesPage", "Keep the stored reading and skip the row (safe when importing a file again)")
        )
        self.skip.setObjectName("skipDuplicatesRadio")
        self.replace = QRadioButton(translate("DuplicatesPage", "Replace the stored reading with the row of the file"))
        self.replace.setObjectName("replaceDuplicatesRadio")
        group = QButtonGroup(self)
        group.addButton(self.skip)
        group.addButton(self.replace)
        self.remember = QCheckBox(
            translate("DuplicatesPage", "Remember these settings for files with the same columns")
        )
        self.remember.setObjectName("rememberProfileCheck")
        self.plan_text = QLabel()
        self.plan_text.setObjectName("planText")
        self.plan_text.setWordWrap(True)
        self.plan_text.setTextFormat(Qt.TextFormat.RichText)
        self.layout_.addWidget(self.skip)
        self.layout_.addWidget(self.replace)
        self.layout_.addSpacing(16)
        self.layout_.addWidget(self.remember)
        self.layout_.addSpacing(16)
        self.layout_.addWidget(self.plan_text)
        self.layout_.addStretch(1)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, translate("DuplicatesPage", "Import"))
        self.skip.toggled.connect(self._on_policy)
        self.remember.toggled.connect(lambda on: setattr(self.vm, "save_profile", on))

    def initializePage(self) -> None:  # noqa: N802
        vm = self.vm
        (self.replace if vm.duplicates is DuplicatePolicy.REPLACE else self.skip).setChecked(True)
        self.remember.setChecked(vm.save_profile)
        metrics = [t.metric for t in vm.mapping.values() if t.role is TargetRole.METRIC and t.metric is not None]
        new = [m.name for m in metrics if m.id is None]
        if vm.source.id is None:
            into = translate("ImportWizard", "a new source “{name}” with the metrics {metrics}").format(
                name=vm.source.name, metrics=", ".join(new)
            )
        else:
            into = f"“{vm.source.name}”" + (
                translate("ImportWizard", ", adding the metrics {metrics}").format(metrics=", ".join(new))
                if new
                else ""
            )
        if vm.skip_invalid:
            rows = translate(
                "DuplicatesPage", "Invalid rows and rows without any value are skipped and listed in the summary."
            )
        else:
            rows = translate(
                "DuplicatesPage",
                "Rows without any value are skipped and listed in the summary; an invalid row stops the "
                "import (nothing is stored then).",
            )
        self.plan_text.setText(
            translate(
                "ImportWizard",
                "<p>All readings of <b>{file}</b> go into {into}, in one step: if anything goes wrong, "
                "or you cancel, nothing is stored.</p><p>{rows}</p>",
            ).format(file=vm.path.name, into=into, rows=rows)
        )

    def _on_policy(self, skip: bool) -> None:
        self.vm.duplicates = DuplicatePolicy.SKIP if skip else DuplicatePolicy.REPLACE


class ProgressPage(_Page):
    """The import running: how far it is, Cancel (which rolls everything back)."""

    def __init__(self, vm: ImportViewModel) -> None:
        super().__init__(
            vm,
            translate("ProgressPage", "Importing"),
            translate("ProgressPage", "Cancel stops the import and undoes it: nothing is stored then."),
        )
        self.setObjectName("progressPage")
        self.bar = QProgressBar()
        self.bar.setObjectName("importProgress")
        self.bar.setRange(0, 1000)
        self.detail = QLabel(translate("ProgressPage", "Starting…"))
        self.detail.setObjectName("progressDetail")
        self._started = time.monotonic()
        self._cancelling = False
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.bar)
        self.layout_.addWidget(self.detail)
        self.layout_.addStretch(2)
        vm.progress.connect(self._on_progress)

    def initializePage(self) -> None:  # noqa: N802
        self._cancelling = False
        self.bar.setRange(0, 1000)
        self.bar.setValue(0)
        self.detail.setText(translate("ProgressPage", "Starting…"))
        self._started = time.monotonic()
        self.vm.spawn(self.vm.run())

    def isComplete(self) -> bool:  # noqa: N802
        return False  # the page moves on by itself

    def set_cancelling(self) -> None:
        self._cancelling = True
        self.detail.setText(translate("ProgressPage", "Cancelling: undoing what was imported…"))
        self.bar.setRange(0, 0)

    def _on_progress(self, progress: ImportProgress) -> None:
        if self._cancelling:
            return
        self.bar.setValue(int(progress.fraction * 1000))
        if progress.phase == "committing":
            self.bar.setRange(0, 0)  # a commit has no steps to count: the bar just moves
            self.detail.setText(translate("ImportWizard", "%Ln rows read; saving…", None, progress.rows_done))
            return
        locale = QLocale()
        skipped = translate("ImportWizard", ", %Ln skipped", None, progress.skipped) if progress.skipped else ""
        text = translate("ImportWizard", "%Ln rows read: {count} to import", None, progress.rows_done).format(
            count=locale.toString(progress.imported)
        )
        text += skipped
        elapsed = time.monotonic() - self._started
        if progress.fraction >= 0.05 and elapsed >= 2:
            left = elapsed * (1 - progress.fraction) / progress.fraction
            text += translate("ImportWizard", " · about {time} left").format(time=_duration(left))
        self.detail.setText(text)


def _short(name: str, limit: int = 32) -> str:
    """A name short enough for a button (the tooltip has it whole)."""
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _duration(seconds: float) -> str:
    """“5 seconds”, “2 minutes”: a rough time for a progress estimate."""
    if seconds < 60:
        whole = max(1, round(seconds))
        return translate("ImportWizard", "%n second(s)", None, whole)
    minutes = round(seconds / 60)
    return translate("ImportWizard", "%n minute(s)", None, minutes)


class HomeLogPage(_Page):
    """A Home Log JSON export: the sources it holds, what happens to each, and what to do with duplicates."""

    def __init__(self, vm: ImportViewModel) -> None:
        super().__init__(
            vm,
            translate("HomeLogPage", "A Home Log export"),
            translate(
                "HomeLogPage", "The file holds whole sources: their metrics, tariffs, meter changes and readings."
            ),
            scrolling=True,
        )
        self.setObjectName("homelogPage")
        self.outline = QLabel(translate("HomeLogPage", "Reading the file…"))
        self.outline.setObjectName("homelogOutline")
        self.outline.setWordWrap(True)
        self.outline.setTextFormat(Qt.TextFormat.RichText)
        self.skip = QRadioButton(
            translate("HomeLogPage", "Keep a stored reading and skip the file's reading of the same time")
        )
        self.skip.setObjectName("homelogSkipRadio")
        self.replace = QRadioButton(
            translate("HomeLogPage", "Replace a stored reading with the file's reading of the same time")
        )
        self.replace.setObjectName("homelogReplaceRadio")
        for button in (self.skip, self.replace):
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        group = QButtonGroup(self)
        group.addButton(self.skip)
        group.addButton(self.replace)
        self.note = QLabel(
            translate(
                "HomeLogPage",
                "Authors are matched to this household's members by name; a reading whose author is no member "
                "here is imported without one, and the summary names them. Everything is stored in one step: if "
                "anything goes wrong, or you cancel, nothing is stored.",
            )
        )
        self.note.setObjectName("homelogNote")
        self.note.setWordWrap(True)
        self.layout_.addWidget(self.outline)
        self.layout_.addSpacing(12)
        self.layout_.addWidget(QLabel(translate("HomeLogPage", "Readings that are there already:")))
        self.layout_.addWidget(self.skip)
        self.layout_.addWidget(self.replace)
        self.layout_.addSpacing(12)
        self.layout_.addWidget(self.note)
        self.layout_.addStretch(1)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, translate("HomeLogPage", "Import"))
        self.skip.toggled.connect(
            lambda on: setattr(self.vm, "duplicates", DuplicatePolicy.SKIP if on else DuplicatePolicy.REPLACE)
        )
        vm.homelog_detected.connect(lambda _d: self.initializePage())

    def initializePage(self) -> None:  # noqa: N802
        vm = self.vm
        (self.replace if vm.duplicates is DuplicatePolicy.REPLACE else self.skip).setChecked(True)
        outline = vm.homelog_outline()
        if not outline:
            return
        from html import escape

        items = "".join(f"<li><b>{escape(name)}</b>: {escape(text)}</li>" for name, text in outline)
        holds = translate("HomeLogPage", "{file} holds:").format(file=escape(vm.path.name))
        self.outline.setText(f"<p>{holds}</p><ul>{items}</ul>")
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return self.vm.homelog is not None and not self.vm.busy

    def nextId(self) -> int:  # noqa: N802
        return PAGE_PROGRESS


class SummaryPage(_Page):
    """What the import did (or that it was cancelled), which can be saved as a text file.

    ``show_source_clicked(source id)``: the "Show …" button, offered when ``can_show_source()`` says a
    window will show the source.
    """

    show_source_clicked = Signal(int)

    def __init__(self, vm: ImportViewModel, can_show_source: Callable[[], bool] = lambda: False) -> None:
        super().__init__(
            vm,
            translate("SummaryPage", "Summary"),
            translate("SummaryPage", "What the import did. You can save it as a text file."),
        )
        self.setObjectName("summaryPage")
        self._can_show_source = can_show_source
        self._source_id: int | None = None
        self.headline = QLabel()
        self.headline.setObjectName("summaryHeadline")
        self.headline.setWordWrap(True)
        font = QFont(self.headline.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.headline.setFont(font)
        self.text = QPlainTextEdit()
        self.text.setObjectName("summaryText")
        self.text.setReadOnly(True)
        self.save_button = QPushButton(translate("SummaryPage", "Save summary…"))
        self.save_button.setObjectName("saveSummaryButton")
        self.show_source_button = QPushButton()
        self.show_source_button.setObjectName("showSourceButton")
        self.show_source_button.hide()
        self.show_source_button.clicked.connect(self._on_show_source)
        row = QHBoxLayout()
        row.addWidget(self.show_source_button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        self.layout_.addWidget(self.headline)
        self.layout_.addWidget(self.text, 1)
        self.layout_.addLayout(row)
        self.save_button.clicked.connect(self._ask_save)
        self.setFinalPage(True)

    def nextId(self) -> int:  # noqa: N802
        return -1  # the last page (the recognised and Home Log export pages' ids come after it)

    def show_summary(self, summary: ImportSummary) -> None:
        headline = translate("ImportWizard", "Imported %Ln reading(s) into “{name}”.", None, summary.imported).format(
            name=summary.source_name
        )
        from ..services.importing.homelog import HomeLogSummary

        parts = summary.sources if isinstance(summary, HomeLogSummary) else []
        if len(parts) > 1:
            headline = translate("SummaryPage", "Imported %Ln reading(s) into {count} sources.", None, summary.imported)
            headline = headline.format(count=len(parts))
            new = sum(1 for part in parts if part.created)
            if new:
                headline += (
                    translate("SummaryPage", " All of them are new.")
                    if new == len(parts)
                    else translate("SummaryPage", " {new} of them are new.").format(new=new)
                )
        elif summary.source_created:
            headline += translate("SummaryPage", " The source is new.")
        self.headline.setText(headline)
        self.text.setPlainText(summary.as_text())
        self.save_button.setEnabled(True)
        self.save_button.show()
        self._source_id = summary.source_id
        offered = summary.source_id is not None and self._can_show_source()
        self.show_source_button.setText(
            translate("ImportWizard", "Show “{name}”").format(name=_short(summary.source_name))
        )
        self.show_source_button.setToolTip(
            translate("ImportWizard", "Close this window and show “{name}” with its readings").format(
                name=summary.source_name
            )
        )
        self.show_source_button.setVisible(offered)

    def show_cancelled(self) -> None:
        self.headline.setText(translate("SummaryPage", "Import cancelled: nothing was changed."))
        self.text.setPlainText(
            translate("ImportWizard", "The import of {file} was cancelled. No reading was stored.").format(
                file=self.vm.path.name
            )
        )
        self.save_button.hide()
        self.show_source_button.hide()

    def _on_show_source(self) -> None:
        if self._source_id is not None:
            self.show_source_clicked.emit(self._source_id)

    def save_to(self, path: Path) -> None:
        self.vm.spawn(self.vm.save_summary(path))

    def _ask_save(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        start = Path(str(QSettings().value(_FOLDER_KEY, "") or folder)) / translate(
            "SummaryPage", "{name} import summary.txt"
        ).format(name=self.vm.path.stem)
        dialog = QFileDialog(self, translate("SummaryPage", "Save the import summary"), str(start))
        dialog.setObjectName("saveSummaryDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters([translate("SummaryPage", "Text file (*.txt)")])
        dialog.setDefaultSuffix("txt")
        dialog.fileSelected.connect(lambda name: self.save_to(Path(name)))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()


class RecognisedPage(_Page):
    """A standard-format file (NEM12, Green Button, Home Assistant, DSMR-reader): what it holds, where it goes.

    No settings and no mapping: each register becomes its own metric with its unit, kind and periods.
    The page is the commit page: "Import" starts the import (progress, Cancel), then the summary.
    """

    def __init__(self, vm: ImportViewModel) -> None:
        super().__init__(
            vm,
            translate("RecognisedPage", "Recognised"),
            translate("RecognisedPage", "Every register of the file becomes a metric with its unit and kind."),
        )
        self.setObjectName("recognisedPage")
        self.headline = QLabel()
        self.headline.setObjectName("recognisedHeadline")
        self.headline.setWordWrap(True)
        font = QFont(self.headline.font())
        font.setBold(True)
        self.headline.setFont(font)
        self.registers = QTableWidget(0, 6)
        self.registers.setObjectName("registersTable")
        self.registers.setAccessibleName(translate("RecognisedPage", "The registers found in the file"))
        self.registers.setHorizontalHeaderLabels(
            [
                translate("RecognisedPage", "Register"),
                translate("RecognisedPage", "Unit"),
                translate("RecognisedPage", "Kind"),
                translate("RecognisedPage", "Values"),
                translate("RecognisedPage", "From"),
                translate("RecognisedPage", "To"),
            ]
        )
        self.registers.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.registers.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.registers.verticalHeader().hide()
        self.registers.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.per_meter = QRadioButton(
            translate("RecognisedPage", "A source for each meter of the file, named after it")
        )
        self.per_meter.setObjectName("sourcePerMeterRadio")
        self.meters = QLabel()
        self.meters.setObjectName("metersText")
        self.meters.setWordWrap(True)
        self.meters.setContentsMargins(24, 0, 0, 0)
        self.one_source = QRadioButton(translate("RecognisedPage", "All into one source:"))
        self.one_source.setObjectName("oneSourceRadio")
        group = QButtonGroup(self)
        group.addButton(self.per_meter)
        group.addButton(self.one_source)
        self.source_name = QComboBox()
        self.source_name.setObjectName("standardSourceCombo")
        self.source_name.setEditable(True)
        self.source_name.setToolTip(
            translate("RecognisedPage", "A source of that name is created when there is none (with these metrics)")
        )
        self.source_name.setMinimumContentsLength(20)
        self.replace = QCheckBox(
            translate(
                "RecognisedPage", "Replace readings stored at the same times (otherwise they are kept and skipped)"
            )
        )
        self.replace.setObjectName("replaceDuplicatesCheck")
        self.details = QLabel()
        self.details.setObjectName("recognisedDetails")
        self.details.setWordWrap(True)
        one = QHBoxLayout()
        one.addWidget(self.one_source)
        one.addWidget(self.source_name, 1)
        self.zone = ZoneCombo("standardZoneCombo")
        self.zone.setAccessibleName(translate("RecognisedPage", "Time zone of the file's times"))
        self.zone_label = QLabel(translate("RecognisedPage", "The file’s times (it names no zone) are in"))
        self.zone_label.setBuddy(self.zone)
        self.zone_row = QWidget()
        self.zone_row.setObjectName("standardZoneRow")
        zone_layout = QHBoxLayout(self.zone_row)
        zone_layout.setContentsMargins(0, 0, 0, 0)
        zone_layout.addWidget(self.zone_label)
        zone_layout.addWidget(self.zone)
        zone_layout.addStretch(1)
        self.layout_.addWidget(self.headline)
        self.layout_.addWidget(self.registers, 1)
        self.layout_.addWidget(self.zone_row)
        self.layout_.addWidget(self.details)
        self.layout_.addWidget(self.per_meter)
        self.layout_.addWidget(self.meters)
        self.layout_.addLayout(one)
        self.layout_.addWidget(self.replace)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, translate("RecognisedPage", "Import"))
        self.per_meter.toggled.connect(self._on_target)
        self.source_name.currentTextChanged.connect(lambda _t: self._on_target())
        self.replace.toggled.connect(
            lambda on: setattr(self.vm, "duplicates", DuplicatePolicy.REPLACE if on else DuplicatePolicy.SKIP)
        )
        self.zone.zone_chosen.connect(self.vm.set_zone)
        vm.zone_changed.connect(self._fill_registers)

    def initializePage(self) -> None:  # noqa: N802
        from ..services.importing.standard import targets_of
        from ..services.importing.zones import system_zone_name

        parsed = self.vm.standard
        if parsed is None:
            return
        self.setTitle(translate("RecognisedPage", "Recognised: {format}").format(format=parsed.format.label))
        rows = self.vm.registers
        count = sum(r.count for r in rows)
        self.headline.setText(
            f"{self.vm.path.name}: "
            + translate("RecognisedPage", "%n register(s)", None, len(rows))
            + ", "
            + translate("RecognisedPage", "%Ln values", None, count)
        )
        self.zone_row.setVisible(self.vm.needs_zone)
        if self.vm.needs_zone:
            self.zone.fill(self.vm.zones, system_zone_name(), self.vm.zone)
        self._fill_registers()
        meters = [t.source_name for t in targets_of(parsed, self.vm.path)]
        if len(meters) > 1:
            self.per_meter.setText(
                translate(
                    "RecognisedPage", "A source for each of the file’s %n meters, named after it:", None, len(meters)
                )
            )
        else:
            self.per_meter.setText(
                translate("RecognisedPage", "A source named after the meter:")
                if meters
                else translate("RecognisedPage", "A source named after the file")
            )
        self.meters.setText(", ".join(translate("RecognisedPage", "“{name}”").format(name=m) for m in meters))
        self.meters.setVisible(bool(meters))
        self.source_name.blockSignals(True)
        self.source_name.clear()
        self.source_name.addItems([s.name for s in self.vm.sources])
        self.source_name.setCurrentText(self.vm.standard_source or default_source_name(self.vm.path))
        self.source_name.blockSignals(False)
        (self.one_source if self.vm.standard_source else self.per_meter).setChecked(True)
        self.replace.setChecked(self.vm.duplicates is DuplicatePolicy.REPLACE)
        details = []
        if parsed.skipped:
            n = len(parsed.skipped)
            details.append(
                translate(
                    "RecognisedPage",
                    "%Ln row(s) or cell(s) of the file cannot be read: each is listed by line in the summary.",
                    None,
                    n,
                )
            )
        details.extend(parsed.notes[:3])
        self.details.setText("\n".join(f"• {d}" for d in details))
        self.details.setVisible(bool(details))
        self._on_target()

    def isComplete(self) -> bool:  # noqa: N802
        return not self.vm.busy and (self.per_meter.isChecked() or bool(self.source_name.currentText().strip()))

    def _fill_registers(self) -> None:
        """The registers, their periods' bounds in this computer's time (naive ones read in the chosen zone)."""
        from ..services.importing.convert import local_zone

        rows = self.vm.registers
        zone = local_zone(self.vm.zone)
        self.registers.setRowCount(len(rows))
        for row, info in enumerate(rows):
            cells = [
                info.name,
                info.unit or "—",
                info.kind.label,
                QLocale().toString(info.count),
                _when(info.first, zone),
                _when(info.last, zone),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.registers.setItem(row, column, item)
        self.registers.resizeColumnsToContents()
        self.registers.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def nextId(self) -> int:  # noqa: N802
        return PAGE_PROGRESS

    def _on_target(self) -> None:
        self.source_name.setEnabled(self.one_source.isChecked())
        self.vm.standard_source = self.source_name.currentText().strip() if self.one_source.isChecked() else ""
        self.completeChanged.emit()


def _when(moment: datetime | None, zone: tzinfo | None = None) -> str:
    """A period's bound as the user's local time (a naive one read in ``zone``, None: as it is), or a dash."""
    if moment is None:
        return "—"
    if moment.tzinfo is None and zone is not None:
        moment = moment.replace(tzinfo=zone)
    local = moment.astimezone() if moment.tzinfo is not None else moment
    return local.strftime("%Y-%m-%d %H:%M")
