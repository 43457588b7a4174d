"""Independent work on several cores: a pool of tasks (the runs of assessment.json's text, batches of survey
submissions), and tasks in the background (the exposure, resilience and traffic of every state while the cost case
runs in this process; shares of a large estate's YAML while this process parses its own).

Workers are forked: they inherit everything computed so far (the inventory, the assessment), so a task travels as
its index and only its result is pickled back. Where fork is not available (Windows;
macOS, where it is unsafe), or with one job, tasks run in this process when asked; the results are the same.
"""

from __future__ import annotations

import os
import sys
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Generic, TypeVar

T = TypeVar("T")

# Each worker holds its own copy of what it touches (about 0.6-1 GB at 60,000 servers): beyond a few, memory grows
# faster than the time falls.
DEFAULT_MAX_JOBS = 4

# The tasks of the pool being run: set before the workers fork, so that they find them without pickling.
_TASKS: Sequence[Callable[[], Any]] = ()

# How often this process wakes while it waits for workers. A signal sent to the process (Ctrl-C, `kill`) may be
# delivered to any of its threads (the pool's and the background's helpers); Python runs its handler in the main
# thread only when that thread next runs, which a wait without a timeout never does: the run would hang instead of
# ending at once.
_WAKE_S = 0.2


def available_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def jobs_or_default(jobs: int | None) -> int:
    """`jobs` as asked (`--jobs`), else the cores up to DEFAULT_MAX_JOBS."""
    return jobs if jobs is not None else min(available_jobs(), DEFAULT_MAX_JOBS)


def can_fork() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def _run(k: int) -> Any:
    return _TASKS[k]()


def _die_with_parent(parent: int) -> None:
    """Run first in every forked worker: it ends when the process that forked it ends, however that ends (even by
    SIGKILL), instead of living on to print a BrokenPipeError when it sends its result to no one; and it leaves an
    interrupt (Ctrl-C reaches the whole process group) to its parent, which stops it."""
    import contextlib
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent ended before the line above took effect
        os._exit(1)


def run_tasks(tasks: Sequence[Callable[[], Any]], jobs: int = 1) -> list[Any]:
    """Each task's result, in the order of `tasks`; with `jobs` > 1, on that many forked workers (tasks are handed
    out one at a time, in order, so put the long ones first)."""
    global _TASKS
    if jobs <= 1 or len(tasks) <= 1 or not can_fork():
        return [task() for task in tasks]
    import multiprocessing  # here: importing it costs a small run more than its work

    _TASKS = tasks
    try:
        with multiprocessing.get_context("fork").Pool(
            min(jobs, len(tasks)), initializer=_die_with_parent, initargs=(os.getpid(),)
        ) as pool:
            pending = pool.map_async(_run, range(len(tasks)), chunksize=1)
            while not pending.ready():
                pending.wait(_WAKE_S)
            return pending.get()
    finally:
        _TASKS = ()


def imap_tasks(tasks: Sequence[Callable[[], T]], jobs: int = 1) -> Iterator[T]:
    """Each task's result, in the order of `tasks`, as soon as it and those before it are done (`run_tasks` as a
    stream: the caller can write out each result while the workers make the next ones). Closing the iterator early
    stops the workers."""
    global _TASKS
    if jobs <= 1 or len(tasks) <= 1 or not can_fork():
        for task in tasks:
            yield task()
        return
    import multiprocessing

    _TASKS = tasks
    try:
        with multiprocessing.get_context("fork").Pool(
            min(jobs, len(tasks)), initializer=_die_with_parent, initargs=(os.getpid(),)
        ) as pool:
            results = pool.imap(_run, range(len(tasks)), chunksize=1)
            while True:
                try:
                    yield results.next(_WAKE_S)
                except multiprocessing.TimeoutError:
                    continue
                except StopIteration:
                    return
    finally:
        _TASKS = ()


class Background(Generic[T]):
    """A task running in a forked worker while this process goes on; `result()` waits for it. Without fork (or with
    `fork=False`) the task runs when its result is asked for.

    A thread here takes the result as soon as it is sent, so that the worker ends (and frees its memory) then,
    not when this process gets round to asking."""

    def __init__(self, task: Callable[[], T], fork: bool = True) -> None:
        self._task: Callable[[], T] | None = task
        self._process: Any = None
        self._received: tuple[bool, Any] = (True, None)
        if fork and can_fork():
            import multiprocessing

            context = multiprocessing.get_context("fork")
            receive, send = context.Pipe(duplex=False)
            self._process = context.Process(target=_send_result, args=(task, send, os.getpid()), daemon=True)
            self._process.start()
            send.close()  # the worker holds its end: if it dies, the receiving end sees the pipe closed
            self._taker = threading.Thread(target=self._take, args=(receive,), daemon=True)
            self._taker.start()

    def _take(self, receive: Any) -> None:
        try:
            self._received = receive.recv()
        except EOFError:
            pass  # the worker died without sending: `result` says so
        finally:
            receive.close()
            self._process.join()

    def result(self) -> T:
        if self._process is None:
            assert self._task is not None
            value, self._task = self._task(), None
            return value
        while self._taker.is_alive():
            self._taker.join(_WAKE_S)
        failed, value = self._received
        if failed:
            if isinstance(value, BaseException):
                raise value
            raise RuntimeError(f"a background worker stopped without a result (exit code {self._process.exitcode})")
        return value  # type: ignore[no-any-return]


def _send_result(task: Callable[[], Any], send: Any, parent: int) -> None:
    _die_with_parent(parent)
    try:
        send.send((False, task()))
    except BaseException as error:
        try:
            send.send((True, error))
        except Exception:
            send.send((True, RuntimeError(f"a background worker failed:\n{traceback.format_exc()}")))
    send.close()


__all__ = ["DEFAULT_MAX_JOBS", "Background", "available_jobs", "can_fork", "imap_tasks", "jobs_or_default", "run_tasks"]
