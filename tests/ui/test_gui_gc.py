"""Cyclic garbage is collected on the GUI thread only (views/gui_gc.py)."""

from __future__ import annotations

import gc
import threading
import weakref

from homelog_desktop.views.gui_gc import install


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
