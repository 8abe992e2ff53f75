"""State of File → Export Annual Report…: the sources to choose from, the export with progress and Cancel."""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from ..i18n import translate
from .base import BaseViewModel

if TYPE_CHECKING:
    from ..db.handle import SessionProvider
    from ..services.annual_report import AnnualReport, YearKind

#: ``(report, path, page size, progress(done, total, text)) -> pages``: the PDF writer (views/annual_report_pdf).
Renderer = Callable[["AnnualReport", Path, str, Callable[[int, int, str], None]], Awaitable[int]]
SERVICE = "homelog_desktop.services.annual_report"


@dataclass(frozen=True, slots=True)
class AnnualReportRequest:
    """What the dialog asks for: the year (calendar or billing), the sources and the page size."""

    kind: YearKind
    year: int
    source_ids: tuple[int, ...]
    page_size: str = "a4"


class AnnualReportViewModel(BaseViewModel):
    """Loads the sources the member sees, then builds the figures (in the background) and hands
    them to the renderer, which yields to the loop between pages; ``cancel()`` stops either part
    and no file is written."""

    #: list[Source]: the sources to choose from (archived ones included; the dialog says which).
    sources_loaded = Signal(list)
    #: (done, total, what): the export's progress.
    progress_changed = Signal(int, int, str)
    #: (path, pages): the PDF was written.
    finished = Signal(str, int)
    #: The message when the file could not be written (nothing else was touched).
    failed = Signal(str)
    #: The export was cancelled: no file was written.
    cancelled = Signal()

    def __init__(self, db: SessionProvider, renderer: Renderer, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._renderer = renderer
        self._export: asyncio.Task[Any] | None = None

    @property
    def exporting(self) -> bool:
        return self._export is not None and not self._export.done()

    async def load_sources(self) -> None:
        async with self._action():
            service = await asyncio.to_thread(importlib.import_module, SERVICE)
            self.sources_loaded.emit(await service.visible_sources(self._db, include_archived=True))

    def start_export(self, request: AnnualReportRequest, path: Path) -> None:
        """Begin ``export`` in the background (one at a time)."""
        if not self.exporting:
            self._export = task = self.spawn(self.export(request, path))
            if task is not None:
                # Also when cancelled before it began to run (its body never sees the cancellation).
                task.add_done_callback(lambda t: self.cancelled.emit() if t.cancelled() else None)

    def cancel(self) -> None:
        if self._export is not None and not self._export.done():
            self._export.cancel()

    async def export(self, request: AnnualReportRequest, path: Path) -> None:
        """The figures of the chosen sources, then the PDF at ``path``."""
        async with self._action():
            service = await asyncio.to_thread(importlib.import_module, SERVICE)
            chosen = set(request.source_ids)
            sources = [s for s in await service.visible_sources(self._db, include_archived=True) if s.id in chosen]
            count = len(sources)
            # Figures are the first third of the work, the pages the rest.
            total = count + (2 * count + 2)

            def figures(done: int, _total: int, name: str) -> None:
                self.progress_changed.emit(
                    done,
                    total,
                    translate("AnnualReportDialog", "Figures of {name}").format(name=name)
                    if name
                    else translate("AnnualReportDialog", "Figures ready"),
                )

            def pages(done: int, _total: int, text: str) -> None:
                self.progress_changed.emit(count + done, total, text)

            report = await service.build_annual_report(
                self._db, service.YearKind(request.kind), request.year, sources, progress=figures
            )
            try:
                written = await self._renderer(report, path, request.page_size, pages)
            except OSError as error:
                reason = error.strerror or str(error)
                self.failed.emit(
                    translate(
                        "AnnualReportDialog", "The report could not be written to {file}: {reason} (folder {folder})."
                    ).format(file=path.name, reason=reason, folder=path.parent)
                )
                return
            self.finished.emit(str(path), written)
