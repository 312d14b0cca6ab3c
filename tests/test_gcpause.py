"""Rendering pauses the cyclic collector and gives it back as it was (cluster/gcpause.py)."""

from __future__ import annotations

import gc

import pytest

from cluster.gcpause import without_gc


def test_collector_paused_inside_and_restored_after_even_on_error():
    seen = []

    @without_gc
    def render(fail: bool) -> None:
        seen.append(gc.isenabled())
        if fail:
            raise ValueError("broken input")

    assert gc.isenabled()
    render(False)
    with pytest.raises(ValueError):
        render(True)
    assert seen == [False, False] and gc.isenabled()
    gc.disable()
    try:
        render(False)
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        gc.enable()
