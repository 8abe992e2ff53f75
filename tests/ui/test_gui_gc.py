"""Cyclic garbage is collected on the GUI thread only (views/gui_gc.py)."""

from __future__ import annotations

import gc
import threading
import weakref

from homelog_desktop.services.bulk import gc_paused
from homelog_desktop.views.gui_gc import GuiThreadCollector, install


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cyclic collector frees it


def test_garbage_is_collected_by_the_gui_thread_and_not_automatically(qapp, qtbot):
    install(qapp)
    assert not gc.isenabled()
    freed_on: list[str] = []
    node = _Node()
    weakref.finalize(node, lambda: freed_on.append(threading.current_thread().name))
    del node
    keep = [[] for _ in range(gc.get_threshold()[0] * 2)]  # past the youngest generation's threshold
    qtbot.waitUntil(lambda: bool(freed_on), timeout=10_000)
    assert freed_on == [threading.main_thread().name]
    del keep


class _Generations:
    """The generations collected while it is open (gc.callbacks)."""

    def __init__(self) -> None:
        self.seen: list[int] = []

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self.seen.append(info["generation"])

    def __enter__(self) -> _Generations:
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *_exc: object) -> None:
        gc.callbacks.remove(self._callback)


def _oldest_past_its_threshold() -> None:
    """Middle collections until the oldest generation's count is past its threshold."""
    while gc.get_count()[2] <= gc.get_threshold()[2]:
        gc.collect(1)


def test_a_full_collection_waits_until_the_oldest_generation_has_grown_by_a_quarter(qapp):
    collector = GuiThreadCollector()
    try:
        gc.collect()
        collector.long_lived = len(gc.get_objects(2))
        _oldest_past_its_threshold()  # (moves a handful of objects to the oldest generation)
        young = [[] for _ in range(gc.get_threshold()[0] + 100)]  # past the youngest threshold
        with _Generations() as collected:
            collector.collect()
        assert collected.seen == [0]  # not a full one: the oldest generation barely grew
        assert gc.get_count()[2] > gc.get_threshold()[2]

        grown = [[] for _ in range(collector.long_lived // 3)]  # a third more long-lived objects
        gc.collect(1)  # ... moved to the oldest generation
        younger = [[] for _ in range(gc.get_threshold()[0] + 100)]  # (a new list: freeing one lowers the count)
        with _Generations() as collected:
            collector.collect()
        assert collected.seen == [2]
        assert collector.long_lived >= len(grown)
        assert gc.get_count()[2] == 0
        del young, younger, grown
    finally:
        collector.deleteLater()


def test_nothing_is_collected_before_the_youngest_generation_is_past_its_threshold(qapp):
    collector = GuiThreadCollector()
    try:
        gc.collect()
        _oldest_past_its_threshold()
        gc.collect(0)  # the youngest count back to (about) nothing
        with _Generations() as collected:
            collector.collect()
        assert collected.seen == []
    finally:
        collector.deleteLater()


def test_what_a_standard_file_read_left_frozen_does_not_stop_the_collector(qapp):
    """gc_paused(keep_frozen=True) leaves the file's values frozen for the wizard; cyclic garbage made
    afterwards is still collected (the collector used to wait for as long as anything was frozen)."""
    collector = GuiThreadCollector()
    try:
        with gc_paused(keep_frozen=True):
            kept = [[] for _ in range(1000)]
        assert gc.get_freeze_count() > 0
        freed: list[bool] = []
        node = _Node()
        weakref.finalize(node, lambda: freed.append(True))
        del node
        young = [[] for _ in range(gc.get_threshold()[0] + 100)]
        collector.collect()
        assert freed == [True]
        del kept, young
    finally:
        gc.unfreeze()
        collector.deleteLater()


def test_a_bulk_job_holds_the_collector_back(qapp):
    collector = GuiThreadCollector()
    try:
        with gc_paused():
            young = [[] for _ in range(gc.get_threshold()[0] + 100)]
            with _Generations() as collected:
                assert collector.collect() == 0
            assert collected.seen == []
        del young
    finally:
        collector.deleteLater()
