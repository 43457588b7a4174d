"""Pause Python's cyclic garbage collector while a loader builds a large estate, and restore it afterwards."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused(resume: bool = True) -> Iterator[None]:
    """Loading creates millions of long-lived objects and no cycles worth finding; with the collector running,
    its repeated passes over the growing heap cost about as much as the parse. Its state is restored on exit,
    unless `resume` is false (the process is about to end)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled and resume:
            gc.enable()
