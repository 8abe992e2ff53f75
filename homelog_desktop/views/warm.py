"""Worker-thread imports, made safe: Qt's Python types are made on the GUI thread first.

Why: PySide6 (6.7 on) makes the Python type of a Qt class lazily, when the class is first looked
up (``from PySide6.QtWidgets import QFoo``, the module's lazy ``__getattr__``: Shiboken's
``incarnateType``) or when an object of that class first reaches Python. Making types is not
thread-safe: while one thread makes a type, shiboken iterates its type map, and another thread
making one at the same time can erase from that map under it: a null pointer, and the process dies
with SIGSEGV (tests died so "while pyqtgraph was being imported in a worker thread"). The app
imports big modules in worker threads to keep the event loop free (the controller at start-up,
the import wizard's stack, the Reports page, the annual report's writer, pyqtgraph for the
charts), while the GUI thread paints and makes types of its own; pyqtgraph alone looks up every
name of QtCore, QtGui and QtWidgets (its Qt shim copies them) and imports QtSvg, QtOpenGL,
QtOpenGLWidgets and QtTest.

The rule: code that imports in a worker thread goes through ``import_in_worker`` or
``run_in_worker`` (on the event loop) or calls ``warm_now`` first (before it runs). These first
make every type of the PySide6 modules in ``QT_MODULES`` on the GUI thread, in steps of
``STEP_SECONDS`` with events handled in between (~0.2–0.4 s in all, once per process; the longest
step is one big type alone, the Qt namespace: ~40 ms), so that no thread makes a Qt type again;
then they import in the one worker thread kept for imports: one import at a time, since two
threads importing modules that import each other can get a partially initialised module
(ImportError). tests/unit/test_warm.py checks both halves: every worker import in the code goes
through here (or imports no PySide6 at all), and after ``warm_now`` those imports make no Qt type
and load no PySide6 module.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # asyncio and concurrent.futures load later (start-up imports them in a worker)
    from concurrent.futures import ThreadPoolExecutor

#: The PySide6 modules whose types are all made on the GUI thread: the app's own and pyqtgraph's.
QT_MODULES: tuple[str, ...] = (
    "PySide6.QtCore",
    "PySide6.QtGui",
    "PySide6.QtWidgets",
    "PySide6.QtSvg",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtTest",
)

#: How long a step goes on making types (each takes ~0.1–3 ms; the Qt namespace alone ~40 ms).
STEP_SECONDS = 0.005

_modules_left: list[str] = list(QT_MODULES)
_names_left: list[tuple[object, str]] = []
_executor: ThreadPoolExecutor | None = None


def is_warm() -> bool:
    return not _modules_left and not _names_left


def warm_step() -> bool:
    """Do the next small piece of the warm-up (GUI thread only). True once everything is made."""
    if _names_left:
        until = time.perf_counter() + STEP_SECONDS
        while _names_left and time.perf_counter() < until:
            module, name = _names_left.pop()
            getattr(module, name, None)
    elif _modules_left:
        try:
            module = importlib.import_module(_modules_left.pop(0))
        except ImportError:  # not in this PySide6 build: nothing can use it, in any thread
            return is_warm()
        made = vars(module)
        _names_left.extend((module, name) for name in reversed(dir(module)) if name not in made)
    return is_warm()


def warm_now(handle_events: Callable[[], object]) -> None:
    """The whole warm-up at once, calling ``handle_events`` between the steps (before the event loop
    runs: pass ``QApplication.processEvents``)."""
    while not warm_step():
        handle_events()


async def warmed() -> None:
    """The warm-up, one step per turn of the event loop (returns at once once done)."""
    import asyncio

    while True:
        if warm_step():
            return
        await asyncio.sleep(0)  # a step of the warm-up per turn: the loop handles events in between


def _import_all(modules: tuple[str, ...]) -> None:
    for name in modules:
        importlib.import_module(name)


def _imports() -> ThreadPoolExecutor:
    global _executor
    if _executor is None:
        from concurrent.futures import ThreadPoolExecutor

        _executor = ThreadPoolExecutor(1, thread_name_prefix="homelog-imports")
    return _executor


async def run_in_worker[T](fn: Callable[[], T]) -> T:
    """``fn()`` (which imports) in the imports' worker thread, once the Qt types are made."""
    import asyncio

    await warmed()
    return await asyncio.get_running_loop().run_in_executor(_imports(), fn)


async def import_in_worker(*modules: str) -> None:
    """Import ``modules`` in the imports' worker thread, once the Qt types are made."""
    await run_in_worker(lambda: _import_all(modules))
