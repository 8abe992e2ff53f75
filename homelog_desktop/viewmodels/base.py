"""The shape every view model action shares: busy while running, expected errors as a signal."""

from __future__ import annotations

import weakref
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from ..background import start
from ..domain.errors import HomeLogError, user_message

if TYPE_CHECKING:
    import asyncio


class BaseViewModel(QObject):
    """Busy state, error reporting and task ownership for a view model.

    ``busy_changed`` fires True when the first action starts and False when the last one ends, so
    overlapping actions never leave the window looking busy. Expected errors (HomeLogError) become
    ``error_occurred(message)``; anything else propagates to the global error handler.
    """

    busy_changed = Signal(bool)
    error_occurred = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._busy_count = 0
        self._tasks: set[asyncio.Task[Any]] = set()

    @property
    def busy(self) -> bool:
        return self._busy_count > 0

    @asynccontextmanager
    async def _action(self) -> AsyncIterator[None]:
        """Wrap one user action: busy on, report HomeLogError, busy off whatever happens."""
        self._busy_count += 1
        if self._busy_count == 1:
            self.busy_changed.emit(True)
        try:
            yield
        except HomeLogError as exc:
            self.error_occurred.emit(user_message(exc))
        finally:
            self._busy_count -= 1
            if self._busy_count == 0:
                self.busy_changed.emit(False)

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any] | None:
        """Run ``coro`` in the background, keeping a reference until it ends (close() cancels it).

        Views use it to start a view-model action from a Qt slot.

        Before the event loop runs, the coroutine waits in a queue until start_deferred() (the one
        way to start background work: homelog_desktop/background.py).
        """
        return start(coro, self._tasks)

    async def close(self) -> None:
        """Cancel and wait for this view model's background work."""
        import asyncio

        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)


def weak_emitter(owner: QObject, signal: str) -> Callable[[Any], None]:
    """A callback that emits ``owner.<signal>(value)`` without keeping ``owner`` alive.

    For helpers a view model keeps (``PatientWriter``): a strong reference to the bound signal
    would make a cycle, and a QObject freed later by the cycle collector, possibly in a worker
    thread, crashes Qt.
    """
    ref = weakref.ref(owner)

    def emit(value: Any) -> None:
        target = ref()
        if target is not None:
            getattr(target, signal).emit(value)

    return emit
