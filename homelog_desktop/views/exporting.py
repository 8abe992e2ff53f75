"""Source → Export Readings…: the save dialog, then a progress dialog for big sources."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from ..i18n import QT_TRANSLATE_NOOP, translate
from ..services.exporting import ExportFormat, ExportResult, suggested_filename
from ..viewmodels.exporting import format_for

if TYPE_CHECKING:
    from ..domain.entities import Source
    from ..viewmodels.exporting import ExportViewModel

#: The save dialog's filters; the first is the default.
NAME_FILTERS = (
    QT_TRANSLATE_NOOP("Exporting", "CSV file (*.csv)"),
    QT_TRANSLATE_NOOP("Exporting", "JSON file (*.json)"),
)
#: What the progress dialog names when every source is exported (through ``translate``).
ALL_SOURCES = QT_TRANSLATE_NOOP("Exporting", "every source")
#: The file name proposed for an export of every source.
ALL_SOURCES_FILE = "Home Log export.json"
#: Milliseconds an export runs before its progress dialog appears (small sources finish before).
PROGRESS_DELAY_MS = 400
_FOLDER_KEY = "export/folder"


def ask_export_path(parent: QWidget, source: Source, on_chosen: Callable[[Path, ExportFormat], None]) -> QFileDialog:
    """Open (without blocking) a save dialog for the export of ``source``; ``on_chosen`` gets the answer."""
    settings = QSettings()
    folder = str(settings.value(_FOLDER_KEY, "") or "") or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation
    )
    start = Path(folder) / suggested_filename(source, ExportFormat.CSV)
    dialog = QFileDialog(
        parent, translate("Exporting", "Export the readings of “{name}”").format(name=source.name), str(start)
    )
    dialog.setObjectName("exportFileDialog")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setNameFilters([translate("Exporting", name) for name in NAME_FILTERS])
    dialog.setDefaultSuffix("csv")

    def filter_selected(name_filter: str) -> None:
        fmt = ExportFormat.JSON if "json" in name_filter.lower() else ExportFormat.CSV
        dialog.setDefaultSuffix(fmt.value)
        chosen = dialog.selectedFiles()
        stem = Path(chosen[0]).stem if chosen else Path(suggested_filename(source, fmt)).stem
        dialog.selectFile(stem + fmt.suffix)

    def file_selected(name: str) -> None:
        path = Path(name)
        settings.setValue(_FOLDER_KEY, str(path.parent))
        on_chosen(path, format_for(path, dialog.selectedNameFilter()))

    dialog.filterSelected.connect(filter_selected)
    dialog.fileSelected.connect(file_selected)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def ask_export_all_path(parent: QWidget, on_chosen: Callable[[Path], None]) -> QFileDialog:
    """Open (without blocking) a save dialog for an export of every source (JSON); ``on_chosen`` gets the file."""
    settings = QSettings()
    folder = str(settings.value(_FOLDER_KEY, "") or "") or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation
    )
    dialog = QFileDialog(parent, translate("Exporting", "Export every source"), str(Path(folder) / ALL_SOURCES_FILE))
    dialog.setObjectName("exportAllFileDialog")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setNameFilters([NAME_FILTERS[1]])
    dialog.setDefaultSuffix("json")

    def file_selected(name: str) -> None:
        path = Path(name)
        settings.setValue(_FOLDER_KEY, str(path.parent))
        on_chosen(path)

    dialog.fileSelected.connect(file_selected)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class ExportProgress(QProgressDialog):
    """Follows one export of ``vm``: appears if it takes a while, Cancel stops it, closes at the end.

    ``source`` is the source exported, or the text naming several (``ALL_SOURCES``)."""

    def __init__(self, vm: ExportViewModel, source: Source | str, path: Path, parent: QWidget | None = None) -> None:
        name = translate("Exporting", source) if isinstance(source, str) else f"“{source.name}”"
        super().__init__(
            translate("Exporting", "Exporting the readings of {name} to {file}…").format(name=name, file=path.name),
            translate("ExportProgress", "Cancel"),
            0,
            0,
            parent,
        )
        self.setObjectName("exportProgress")
        self.setWindowTitle(translate("ExportProgress", "Export readings"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(PROGRESS_DELAY_MS)
        self.setMinimumWidth(420)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self._vm = vm
        self._name = name
        vm.progress.connect(self._on_progress)
        vm.finished.connect(self._on_done)
        vm.cancelled.connect(self._on_done)
        vm.error_occurred.connect(self._on_done)
        self.canceled.connect(vm.cancel)
        self.setValue(0)

    def _on_progress(self, done: int, total: int) -> None:
        if self.maximum() != total:
            self.setMaximum(max(total, 1))
        locale = QLocale()
        self.setLabelText(
            translate("Exporting", "Exporting the readings of {name}… {done} of {total}").format(
                name=self._name, done=locale.toString(done), total=locale.toString(total)
            )
        )
        self.setValue(done)

    def _on_done(self, *_args: object) -> None:
        self._vm.progress.disconnect(self._on_progress)
        self.canceled.disconnect(self._vm.cancel)
        self.reset()
        self.close()
        self.deleteLater()


def describe(result: ExportResult) -> str:
    """A status-bar line for a finished export."""
    where = result.path.name if result.path is not None else translate("Exporting", "the output")
    of = (
        translate("Exporting", "{count} sources").format(count=result.sources)
        if result.sources > 1
        else f"“{result.source.name}”"
    )
    left = (
        translate("Exporting", " (virtual meters left out: {names})").format(names=", ".join(result.left_out))
        if result.left_out
        else ""
    )
    return (
        translate("Exporting", "Exported %Ln reading(s) of {of} to {place}", None, result.rows).format(
            of=of, place=where
        )
        + left
    )
