"""The one garbage-collector policy for bulk work (import, export): a pause while rows stream through."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


class _Collector:
    """How many bulk jobs run, and whether the collector was on before the first one."""

    depth = 0
    restore = False


def bulk_job_running() -> bool:
    """Is a bulk job's pause on now (the GUI thread's collector then waits: views/gui_gc.py)?"""
    return _Collector.depth > 0


@contextmanager
def gc_paused(*, keep_frozen: bool = False) -> Iterator[None]:
    """Freeze what lives now and pause the cyclic collector until the last overlapping bulk job ends.

    A full collection walks every container object alive (the window's Qt wrappers and SQLAlchemy's
    metadata, a chunk's hundreds of thousands of tuples) holding the GIL: triggered by a worker's
    allocations it froze the event loop for 50-220 ms at a time and slowed the import. Rows hold no
    reference cycles, so nothing is lost: ``gc.freeze()`` keeps the objects alive now out of later
    collections, and the collector runs again as soon as the last bulk job ends. Used on the event
    loop's thread only (it counts overlapping jobs without a lock).

    ``keep_frozen``: what the job made stays frozen with the rest (a file read for the wizard to keep),
    frozen before the collector is back on: a collection in between would walk all of it.
    """
    if _Collector.depth == 0:
        _Collector.restore = gc.isenabled()
        gc.disable()
        gc.freeze()
    _Collector.depth += 1
    try:
        yield
    finally:
        _Collector.depth -= 1
        if _Collector.depth == 0:
            if keep_frozen:
                gc.freeze()
            else:
                gc.unfreeze()
            if _Collector.restore:
                gc.enable()
