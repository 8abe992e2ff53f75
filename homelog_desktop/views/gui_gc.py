"""Cyclic garbage is collected on the GUI thread only.

Why: Python runs its cyclic garbage collector in whichever thread happens to allocate when a
generation's threshold is crossed: often a worker thread (imports, SQLAlchemy, numpy, the sample
household). A Qt object freed by such a collection (a window or view model of a closed workspace,
in a reference cycle) is destroyed in that thread; its timers cannot be unregistered from there
and stay with the GUI thread's event dispatcher, whose next timer event goes to freed memory:
SIGSEGV in QCoreApplication::notifyInternal2 from QTimerInfoList::activateTimers, with every
worker idle (tests/ui/test_main_window.py followed by test_app.py died so in 4 of 6 runs; with
collections on the GUI thread only, 0 of 6).

So ``install`` turns the automatic collector off and a timer on the GUI thread collects instead,
a generation at a time as the automatic collector would (``gc.get_count`` against
``gc.get_threshold``), every ``INTERVAL_MS``: a young generation takes well under a millisecond.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

#: How often the GUI thread looks at the collector's counts.
INTERVAL_MS = 250


class GuiThreadCollector(QObject):
    """Collects cyclic garbage on the thread it lives on (the GUI thread); see the module docstring."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        gc.disable()
        self._timer.start()

    def collect(self) -> int:
        """Collect the oldest generation past its threshold (if any); the number of objects freed.

        Not while a bulk job has the collector paused (services/bulk.py freezes what lives then)."""
        if gc.get_freeze_count():
            return 0
        counts = gc.get_count()
        thresholds = gc.get_threshold()
        generation = -1
        for index, (count, threshold) in enumerate(zip(counts, thresholds, strict=False)):
            if threshold and count > threshold:
                generation = index
        return gc.collect(generation) if generation >= 0 else 0


_installed: GuiThreadCollector | None = None


def install(app: QObject) -> GuiThreadCollector:
    """Collect on the GUI thread from now on (idempotent); call on the GUI thread with the app."""
    global _installed
    if _installed is None:
        _installed = GuiThreadCollector(app)
    gc.disable()  # (again: something may have turned the automatic collector back on)
    return _installed
