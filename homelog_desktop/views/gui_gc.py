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

A full collection walks every object alive, the modules' functions and classes included (about
120,000 with SQLAlchemy, PySide6 and pyqtgraph loaded: 60-90 ms on the development machine, the
window frozen meanwhile). So, like CPython's own collector, it runs only when the objects that
reached the oldest generation since the last full collection are at least a quarter of those it
left there (``LONG_LIVED_SHARE``): not every tenth middle collection, which during a long report
or an import meant a full collection every few dozen seconds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

from ..services.bulk import bulk_job_running

#: How often the GUI thread looks at the collector's counts.
INTERVAL_MS = 250

#: A full collection waits until the oldest generation has grown by this share (CPython's rule).
LONG_LIVED_SHARE = 0.25
#: The oldest of the collector's three generations.
OLDEST = 2


class GuiThreadCollector(QObject):
    """Collects cyclic garbage on the thread it lives on (the GUI thread); see the module docstring."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        gc.disable()
        #: How many objects the last full collection left in the oldest generation.
        self.long_lived = len(gc.get_objects(OLDEST))
        # Counting the oldest generation lists every object in it (about 8 ms with 120,000): done
        # again only after a middle collection has moved objects into it (its count then changes).
        self._measured_at: int | None = None
        self._grown = False
        self._timer.start()

    def collect(self) -> int:
        """Collect as CPython's automatic collector would now (if at all); the number of objects freed.

        Nothing until the youngest generation is past its threshold; then the oldest generation
        past its threshold, the oldest only when it has grown enough (see the module docstring).
        Not while a bulk job has the collector paused (services/bulk.py). What a job left frozen (a
        standard file read for the wizard) stays out of the collections; the rest is collected."""
        if bulk_job_running():
            return 0
        counts = gc.get_count()
        thresholds = gc.get_threshold()
        if not thresholds[0] or counts[0] <= thresholds[0]:
            return 0
        generation = 0
        for index in range(OLDEST, 0, -1):
            if thresholds[index] and counts[index] > thresholds[index]:
                if index == OLDEST and not self._oldest_grown():
                    continue
                generation = index
                break
        freed = gc.collect(generation)
        if generation == OLDEST:
            self.long_lived = len(gc.get_objects(OLDEST))
            self._measured_at = None
        return freed

    def _oldest_grown(self) -> bool:
        """Have the objects that reached the oldest generation since the last full collection become
        at least ``LONG_LIVED_SHARE`` of those it left there?"""
        middle_collections = gc.get_count()[OLDEST]
        if middle_collections != self._measured_at:
            self._measured_at = middle_collections
            pending = len(gc.get_objects(OLDEST)) - self.long_lived
            self._grown = pending >= self.long_lived * LONG_LIVED_SHARE
        return self._grown


_installed: GuiThreadCollector | None = None


def install(app: QObject) -> GuiThreadCollector:
    """Collect on the GUI thread from now on (idempotent); call on the GUI thread with the app."""
    global _installed
    if _installed is None:
        _installed = GuiThreadCollector(app)
    gc.disable()  # (again: something may have turned the automatic collector back on)
    return _installed
