"""Runs a cost case's independent totals-only runs (sensitivity variants, refresh-date alternatives, the running cost
of each migration state) on several cores.

The workers are forked once the full run has kept every subject's totals in the context: they inherit it, so a
task travels as its index and comes back as a few integers. Where fork is not available (Windows, macOS's default),
or with one job, the tasks run in this process, one after the other; the results are the same either way.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any

# The tasks of the pool being run: set before the workers fork, so that they find them without pickling.
_TASKS: Sequence[Callable[[], Any]] = ()


def available_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and os.name == "posix"


def _run(k: int) -> Any:
    return _TASKS[k]()


def run_tasks(tasks: Sequence[Callable[[], Any]], jobs: int = 1) -> list[Any]:
    """Each task's result, in the order of `tasks`; with `jobs` > 1, on that many forked workers (tasks are handed
    out one at a time, in order, so put the long ones first)."""
    global _TASKS
    if jobs <= 1 or len(tasks) <= 1 or not can_fork():
        return [task() for task in tasks]
    _TASKS = tasks
    try:
        with multiprocessing.get_context("fork").Pool(min(jobs, len(tasks))) as pool:
            return pool.map(_run, range(len(tasks)), chunksize=1)
    finally:
        _TASKS = ()


__all__ = ["available_jobs", "can_fork", "run_tasks"]
