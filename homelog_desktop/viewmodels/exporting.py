"""Exporting a source's readings to a file from the window: progress, cancel, the result."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..domain.entities import Source
from ..i18n import translate
from ..services.exporting import ExportCancelledError, ExportFormat, ExportResult, export_sources
from .base import BaseViewModel

if TYPE_CHECKING:
    from ..db.handle import SessionProvider


def format_for(path: Path, name_filter: str = "") -> ExportFormat:
    """JSON when the chosen file or the save dialog's filter says so, CSV otherwise."""
    if path.suffix.lower() == ".json" or (path.suffix.lower() != ".csv" and "json" in name_filter.lower()):
        return ExportFormat.JSON
    return ExportFormat.CSV


class ExportViewModel(BaseViewModel):
    """One export at a time: ``progress(done, total)`` while it runs, then ``finished(ExportResult)``,
    ``cancelled()``, or ``error_occurred(message)`` (an unwritable folder, say)."""

    #: (rows written, rows in all), at most every 100 ms.
    progress = Signal(int, int)
    #: ExportResult of a completed export.
    finished = Signal(object)
    #: The user cancelled; no file was written.
    cancelled = Signal()

    def __init__(self, db: SessionProvider, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._cancel = threading.Event()
        self.running = False

    async def export_all(self, path: Path) -> ExportResult | None:
        """Write every source the member sees, whole, to ``path`` as one Home Log JSON file."""
        from ..repositories import SourceRepository

        async with self._action():
            async with self._db.session(readonly=True) as session:
                sources = await SourceRepository(session).all()
        if not sources:
            self.error_occurred.emit(translate("Exporting", "There is no source to export."))
            return None
        return await self.export(sources, path, ExportFormat.JSON)

    async def export(
        self, source: Source | list[Source], path: Path, fmt: ExportFormat | None = None
    ) -> ExportResult | None:
        """Write ``source``'s readings (or several sources', JSON) to ``path`` (format from its suffix unless given)."""
        fmt = fmt or format_for(path)
        sources = source if isinstance(source, list) else [source]
        self.running = True
        result: ExportResult | None = None
        try:
            async with self._action():
                try:
                    result = await export_sources(
                        self._db, sources, path, fmt, progress=self.progress.emit, cancel=self._cancel
                    )
                except ExportCancelledError:
                    self.cancelled.emit()
                    return None
                except OSError as exc:
                    reason = exc.strerror or str(exc)
                    self.error_occurred.emit(
                        translate("Exporting", "Cannot write {path}: {reason}.").format(path=path, reason=reason)
                    )
                    return None
                self.finished.emit(result)
        finally:
            self.running = False
            self._cancel = threading.Event()  # a Cancel before the export began still counts: reset only now
        return result

    def cancel(self) -> None:
        """Stop the running export (it ends with ``cancelled``)."""
        self._cancel.set()
