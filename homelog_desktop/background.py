"""The one way to start a background coroutine from a Qt slot, a view model or the composition root.

``start(coro, tasks)`` runs ``coro`` as a task on the running loop, holds a reference to it (in
``tasks``, the owner's set, which the owner may cancel; else in a set of this module) until it ends,
and reports an unexpected error at once to the loop's exception handler (the error dialog).
Before the event loop runs (the start-up snapshot is shown before asyncio is even imported) the
coroutine waits until ``start_deferred()``.

No Qt and no asyncio at import time: the window's first frame imports this module.
"""

from __future__ import annotations

import sys
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import asyncio

Tasks = set["asyncio.Task[Any]"]

#: Tasks started without an owner, held until they end.
_unowned: Tasks = set()
#: Work asked for before the event loop ran: (coroutine, its owner's task set).
_deferred: list[tuple[Coroutine[Any, Any, Any], Tasks | None]] = []


def loop_running() -> bool:
    """Whether an asyncio event loop runs in this thread (False before asyncio is even imported)."""
    aio = sys.modules.get("asyncio")  # not imported yet: certainly no loop
    return aio is not None and aio.events._get_running_loop() is not None


def start(coro: Coroutine[Any, Any, Any], tasks: Tasks | None = None) -> asyncio.Task[Any] | None:
    """Run ``coro`` in the background (see the module's text); the task, or None if deferred."""
    if not loop_running():
        _deferred.append((coro, tasks))
        return None
    import asyncio

    task = asyncio.ensure_future(coro)
    owner = _unowned if tasks is None else tasks
    owner.add(task)
    task.add_done_callback(owner.discard)
    task.add_done_callback(_report_failure)
    return task


def pending() -> int:
    """How many tasks started without an owner are still running."""
    return len(_unowned)


def start_deferred() -> None:
    """Start the work asked for before the event loop ran (call on the running loop)."""
    while _deferred:
        coro, tasks = _deferred.pop(0)
        start(coro, tasks)


def _report_failure(task: asyncio.Task[Any]) -> None:
    if task.cancelled():
        return
    error = task.exception()
    if error is not None:
        task.get_loop().call_exception_handler({"message": "Background work failed", "exception": error, "task": task})
