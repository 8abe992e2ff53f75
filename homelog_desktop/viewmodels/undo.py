"""The undo history of one open database: Edit → Undo/Redo over Qt's QUndoStack.

Each edit a view model commits is recorded as a command holding only data: its name ("Delete 3
Readings"), the rows it touched before and after (domain/undo.py), and what to tell the pages. The
stack moves only once a step has committed: ``UndoHistory.undo()`` runs the step through
services/undo.py on the event loop, and only when it succeeded moves the QUndoStack's index (whose
``undo()``/``redo()`` then do nothing more). A refused step (someone changed the rows since) is
reported with ``error_occurred`` and the history stays where it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..domain.undo import Image, ImportUndo, KeptRows, Scope
from ..i18n import translate
from .base import BaseViewModel
from .changes import DataChanged, What

if TYPE_CHECKING:
    from ..db.handle import SessionProvider
    from ..services.undo import UndoService


class Change(QUndoCommand):
    """An edit that was committed: the rows of ``scope`` went from ``before`` to ``after``.

    Undo makes them ``before`` again, redo ``after``; each step expects the rows as the other one
    left them, and refuses when they differ (someone changed them since).
    """

    def __init__(
        self,
        name: str,
        scope: Scope,
        before: Image,
        after: Image,
        what: What,
        source_ids: Iterable[int | None] = (),
    ) -> None:
        super().__init__(name)
        self.name = name
        self.scope = scope
        self.before = before
        self.after = after
        self.what = what
        self.source_ids = frozenset(i for i in source_ids if i is not None)

    async def revert(self, service: UndoService) -> None:
        """Undo: put back the rows as they were before the edit."""
        self.before = await service.apply(f"undo “{self.name}”", self.scope, self.before, self.after)

    async def reapply(self, service: UndoService) -> None:
        """Redo: the rows as the edit left them."""
        self.after = await service.apply(f"redo “{self.name}”", self.scope, self.after, self.before)

    # QUndoStack calls these when its index moves, after the step has committed: nothing left to do.
    def undo(self) -> None:
        pass

    def redo(self) -> None:
        pass


class ImportChange(Change):
    """An import: undone as one step, its readings and what it created (sources, metrics, and for a
    Home Log file their tariffs, meter changes...) removed, and the stored readings it replaced
    (``replaced``: their rows as they were, kept compact) put back with their ids and versions.

    The imported readings are not held in memory while the import is done: undo reads them as it
    removes them (refusing if any was changed since, or if something was added since to what the
    import created), and redo puts back what undo removed, with the same ids (and removes the
    replaced readings again, refusing if one was changed since).
    """

    def __init__(
        self,
        name: str,
        undo: ImportUndo,
        source_ids: Iterable[int | None],
        replaced: KeptRows | None = None,
        what: What = What.READINGS | What.SOURCES,
    ) -> None:
        super().__init__(name, undo.scope, Image(), Image(), what, source_ids)
        self.undo_rows = undo
        self.replaced = replaced

    async def revert(self, service: UndoService) -> None:
        self.after = await service.remove_import(f"undo “{self.name}”", self.undo_rows, self.replaced)

    async def reapply(self, service: UndoService) -> None:
        # The replaced readings as undo put them back: what redo expects to find, and removes again.
        expected = await service.image(self.replaced) if self.replaced is not None else Image()
        await service.apply(f"redo “{self.name}”", self.scope, self.after, expected)
        self.after = Image()  # put back as they were (first versions): the next undo reads them again


class UndoHistory(BaseViewModel):
    """The undo stack of one workspace: record committed edits, undo and redo them one at a time."""

    #: The state the Edit menu shows changed (can undo/redo, their names, busy).
    changed = Signal()
    #: A step committed: its status message ("Undone: Delete 3 Readings").
    stepped = Signal(str)

    def __init__(
        self,
        db: SessionProvider,
        changes: DataChanged | None = None,
        parent: QObject | None = None,
        service: UndoService | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._changes = changes
        self._service = service
        self.stack = QUndoStack(self)
        #: The commands, as the stack holds them (Python keeps the data; index i is command i).
        self._commands: list[Change] = []
        self._running = False
        self.stack.indexChanged.connect(self._on_index_changed)

    def _on_index_changed(self, _index: int) -> None:
        self.changed.emit()

    # -- state for the menu ------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._running

    def can_undo(self) -> bool:
        return not self._running and self.stack.canUndo()

    def can_redo(self) -> bool:
        return not self._running and self.stack.canRedo()

    def undo_text(self) -> str:
        """The name of the edit Undo would undo ("" if none)."""
        return self.stack.undoText()

    def redo_text(self) -> str:
        return self.stack.redoText()

    def count(self) -> int:
        return self.stack.count()

    # -- recording and stepping --------------------------------------------------------------

    def record(self, command: Change) -> None:
        """An edit committed: it becomes the next to undo (a redo history after it is dropped)."""
        del self._commands[self.stack.index() :]
        self._commands.append(command)
        self.stack.push(command)  # calls command.redo(): the edit is already done

    def clear(self) -> None:
        """Forget every step (the database was switched, restored or closed)."""
        self.stack.clear()
        self._commands.clear()
        self.changed.emit()

    async def undo(self) -> None:
        """Undo the last edit, if nothing changed it since; the history moves only once it committed."""
        if not self.can_undo():
            return
        command = self._commands[self.stack.index() - 1]
        if await self._step(command, undo=True):
            self._move(
                command,
                self.stack.index() - 1,
                self.stack.undo,
                translate("Undo", "Undone: {name}").format(name=command.name),
            )

    async def redo(self) -> None:
        """Redo the edit last undone."""
        if not self.can_redo():
            return
        command = self._commands[self.stack.index()]
        if await self._step(command, undo=False):
            self._move(
                command,
                self.stack.index(),
                self.stack.redo,
                translate("Undo", "Redone: {name}").format(name=command.name),
            )

    def _move(self, command: Change, at: int, move: Callable[[], None], message: str) -> None:
        """Move the stack over ``command`` (at index ``at``) once its step committed. Should another
        edit have been recorded meanwhile, the history no longer runs in one line: it is cleared."""
        if 0 <= at < len(self._commands) and self._commands[at] is command:
            move()
            self.stepped.emit(message)
            return
        self.clear()
        self.stepped.emit(
            translate("Undo", "{message}. Another change was saved meanwhile: nothing more to undo or redo.").format(
                message=message
            )
        )

    async def _step(self, command: Change, *, undo: bool) -> bool:
        service = self._service
        if service is None:
            from ..services.undo import UndoService  # SQLAlchemy: imported on first use

            service = self._service = UndoService(self._db)
        done = False
        self._running = True
        self.changed.emit()
        try:
            async with self._action():
                await (command.revert(service) if undo else command.reapply(service))
                done = True
        finally:
            self._running = False
            self.changed.emit()
        if done and self._changes is not None:
            self._changes.notify(command.what, command.source_ids)
        return done
