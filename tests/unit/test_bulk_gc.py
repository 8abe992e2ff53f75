"""The garbage-collector policy of bulk jobs (services/bulk.py)."""

from __future__ import annotations

import gc

from homelog_desktop.services.bulk import gc_paused


def test_gc_paused_restores_the_collector_and_unfreezes() -> None:
    """The collector is off during a bulk job and back on, with nothing frozen, after it."""
    was = gc.isenabled()
    gc.enable()
    try:
        with gc_paused():
            assert not gc.isenabled()
            assert gc.get_freeze_count() > 0
        assert gc.isenabled()
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()
        if not was:
            gc.disable()


def test_gc_paused_keep_frozen_freezes_what_the_job_made() -> None:
    """With keep_frozen, what the job made is frozen before the collector is back on."""
    was = gc.isenabled()
    gc.enable()
    try:
        with gc_paused(keep_frozen=True):
            made = [[i] for i in range(10)]
        assert gc.isenabled()
        collectable = {id(o) for o in gc.get_objects()}  # (frozen objects are in no generation)
        assert gc.is_tracked(made) and id(made) not in collectable
    finally:
        gc.unfreeze()
        if not was:
            gc.disable()
