"""Where hismigrate uses more than one core, and how a large estate's heap is kept cheap: the one module that decides
whether to fan out, runs the workers, pauses the garbage collector and ends the console script's process.

What fans out, each from the size in WORTH_FROM (`jobs_for`); below it a worker costs more than it saves:
- `parse`: the YAML of a large estate, in shares of about equal size (`map_shares`; load.yaml_source cuts them),
  the whole load in a worker apart (`made_apart`: the inventory comes back without the parse's leftovers);
- `states`: the exposure, resilience and traffic of every migration state, in a worker while the cost case runs in
  this process (`Background`; pipeline), its progress relayed to this process; the remediation plan of today's
  estate in a worker of that worker's, from the moment the first state is made (it inherits that state's graph);
- `ingest`: batches of survey submissions, read in order as they are stored (`imap_tasks`; survey.ingest);
- `members`: the members of a group, each assessed as one hospital, then each one's cost in the group
  (`imap_tasks`; group.assess, group.costing).

Workers are forked: they inherit everything computed so far (the inventory, the plan), so a task travels as its
index and only its result is pickled back. Each dies with its parent, however that ends, and leaves an interrupt to
it (cli.interrupt). Where fork is not available (Windows; macOS, where it is unsafe), or with one job, the work runs
in this process; the results are the same. Everything else (the analyses, the writers) is a plain function.

The heap: a command that builds an estate runs inside `large_heap` (the collector paused), and the console script
ends through `run_process`, which skips the teardown of what the command built. Memory freed by the C allocator
stays in the process (holes between live blocks) until it is handed back (`release_freed`): done before a worker is
forked, so that it inherits no holes to fill with copies of its own, and when a process starts to wait for a worker.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from typing import Any, Generic, Literal, NoReturn, TypeVar

T = TypeVar("T")
E = TypeVar("E")

Work = Literal["parse", "states", "ingest", "members"]
# The size from which each kind of work is spread over workers: bytes of YAML, subjects of the estate (servers,
# systems and lines), batches of survey files, members of a group (below three, forking costs about what one small
# member's assessment does).
WORTH_FROM: dict[Work, int] = {"parse": 4_000_000, "states": 3_000, "ingest": 2, "members": 3}

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


def jobs_for(work: Work, size: int, jobs: int | None = None) -> int:
    """The processes `work` of `size` runs on: `jobs` as asked (else the cores, up to DEFAULT_MAX_JOBS) when it is
    at least WORTH_FROM[work] and workers can be forked; else 1, this process alone."""
    jobs = jobs_or_default(jobs)
    return jobs if jobs > 1 and size >= WORTH_FROM[work] and can_fork() else 1


# -- the heap -----------------------------------------------------------------------------------------------------


class _Process:
    ends_with_command = False  # set by run_process: the console script ends when its command does


@contextmanager
def large_heap() -> Iterator[None]:
    """Pause the cyclic garbage collector while a command builds an estate and its analyses: millions of long-lived
    objects and no cycles worth finding, which its passes would walk again and again as the heap grows (as long as
    the YAML parse itself at 60,000 servers). Used by the CLI around every command that reads an inventory (also
    as a decorator). Afterwards the collector is as it was, unless the process ends with the command
    (`run_process`): resuming it would walk every object once more (about a second at 60,000 servers) for nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled and not _Process.ends_with_command:
            gc.enable()


def release_freed() -> None:
    """Hand the pages the C allocator holds free back to the system (glibc's `malloc_trim`): after a large
    estate's load or cost case they are hundreds of megabytes (the parse's and the cost case's temporaries), which
    would otherwise count in this process and, once forked, be filled again by every worker. A few milliseconds;
    nothing where the C library has no such call."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    with contextlib.suppress(OSError, AttributeError):  # not glibc (musl): nothing to hand back this way
        ctypes.CDLL(None).malloc_trim(0)


def run_process(main: Callable[[], object]) -> NoReturn:
    """Run the console script's `main` and end the process with its exit code, without tearing down its heap:
    after a large estate's `assess` that is millions of objects freed one by one (about 1.5 s at 60,000 servers), to
    no one's benefit. Output is flushed and workers still running are stopped first, as a normal exit would."""
    _Process.ends_with_command = True
    try:
        main()
        code: object = 0
    except SystemExit as done:
        code = done.code
    end_process(code)


def end_process(code: object) -> NoReturn:
    """End the process now with `code` as `sys.exit` reads it (None 0, an int itself, anything else printed and
    1), after flushing the output and stopping the workers."""
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    stop_workers()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (`| head`), a stream the command closed
            stream.flush()
    os._exit(code)


# -- workers ------------------------------------------------------------------------------------------------------


def stop_workers(at_once: bool = False) -> None:
    """Stop the workers still running: terminated and waited for, or killed (`at_once`: on an interrupt, whose
    handler must not wait)."""
    if "multiprocessing" not in sys.modules:  # loaded only by a run that forked
        return
    import multiprocessing
    import signal

    for child in multiprocessing.active_children():
        if at_once:
            with contextlib.suppress(OSError, TypeError):
                os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]
        else:
            child.terminate()
            child.join()


def _run(k: int) -> Any:
    return _TASKS[k]()


def _die_with_parent(parent: int) -> None:
    """Run first in every forked worker: it ends when the process that forked it ends, however that ends (even by
    SIGKILL), instead of living on to print a BrokenPipeError when it sends its result to no one; and it leaves an
    interrupt (Ctrl-C reaches the whole process group) to its parent, which stops it."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent ended before the line above took effect
        os._exit(1)


def imap_tasks(tasks: Sequence[Callable[[], T]], jobs: int = 1) -> Iterator[T]:
    """Each task's result, in the order of `tasks`, as soon as it and those before it are done, so that the caller
    can use each result while the workers make the next ones; with `jobs` > 1, on that many forked workers (tasks are
    handed out one at a time, in order). Closing the iterator early stops the workers."""
    global _TASKS
    if jobs <= 1 or len(tasks) <= 1 or not can_fork():
        for task in tasks:
            yield task()
        return
    import multiprocessing  # here: importing it costs a small run more than its work

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


def map_shares(tasks: Sequence[Callable[[], T]], sizes: Sequence[int], jobs: int) -> list[T]:
    """Each task's result, in the order of `tasks`, made on `jobs` processes: this one and `jobs - 1` forked workers,
    each with a share of the tasks of about equal total size (by `sizes`: the largest first, each to the share with
    the least so far). A worker sends its share's results back at once."""
    shares: list[list[int]] = [[] for _ in range(max(1, jobs))]
    loads = [0] * len(shares)
    for k in sorted(range(len(tasks)), key=lambda k: (-sizes[k], k)):
        least = loads.index(min(loads))
        shares[least].append(k)
        loads[least] += sizes[k]
    others = [(share, Background(partial(_run_share, tasks, share))) for share in shares[1:] if share]
    results: dict[int, T] = dict(zip(shares[0], _run_share(tasks, shares[0]), strict=True))
    for share, worker in others:
        results.update(zip(share, worker.result(), strict=True))
    return [results[k] for k in range(len(tasks))]


def made_apart(task: Callable[[], T]) -> T:
    """`task`'s result made in a forked worker and sent back, or made here where workers cannot be forked. For work
    whose temporaries outweigh its result, as a large estate's load (its parse leaves about 300 MB of holes in the
    heap beside a 200 MB inventory at 60,000 servers, which every worker forked later would inherit and fill with
    copies of its own): the result arrives compact, in a heap that never held them."""
    return Background(task).result()


def _run_share(tasks: Sequence[Callable[[], T]], share: list[int]) -> list[T]:
    return [tasks[k]() for k in share]


class Background(Generic[T]):
    """A task running in a forked worker while this process goes on; `result()` waits for it. Without fork (or with
    `fork=False`) the task runs when its result is asked for.

    A thread here takes what the worker sends as soon as it is sent (its events, then its result), so that the
    worker ends (and frees its memory) then, not when this process gets round to asking."""

    def __init__(self, task: Callable[[], T], fork: bool = True) -> None:
        self._task: Callable[[], T] | None = task
        self._process: Any = None
        self._received: tuple[bool, Any] = (True, None)
        self._heard: Callable[[Any], None] | None = None
        if fork and can_fork():
            self._start(partial(_untold, task))

    @classmethod
    def telling(
        cls, task: Callable[[Callable[[E], None]], T], heard: Callable[[E], None], fork: bool = True
    ) -> Background[T]:
        """A task that tells of its progress as it goes (`tell(event)`): `heard(event)` is called in this process
        for each, in order; from a forked worker, on this process's receiving thread as the events arrive (an event
        travels pickled)."""
        background: Background[T] = cls(partial(task, heard), fork=False)
        if fork and can_fork():
            background._heard = heard
            background._start(partial(_telling, task))
        return background

    def _start(self, work: Callable[[Any], T]) -> None:
        """Fork the worker that runs `work(send)` (`send`: its end of the pipe) and sends back what it returns."""
        import multiprocessing

        release_freed()
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_send_result, args=(work, send, os.getpid()), daemon=True)
        self._process.start()
        send.close()  # the worker holds its end: if it dies, the receiving end sees the pipe closed
        self._taker = threading.Thread(target=self._take, args=(receive,), daemon=True)
        self._taker.start()

    def _take(self, receive: Any) -> None:
        try:
            while True:
                kind, *message = receive.recv()
                if kind == "event":
                    if self._heard is not None:
                        self._heard(message[0])
                    continue
                self._received = (kind == "failed", message[0])
                break
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
        if self._taker.is_alive():
            release_freed()  # what this process freed meanwhile, before it waits holding it
        while self._taker.is_alive():
            self._taker.join(_WAKE_S)
        failed, value = self._received
        if failed:
            if isinstance(value, BaseException):
                raise value
            raise RuntimeError(f"a background worker stopped without a result (exit code {self._process.exitcode})")
        return value  # type: ignore[no-any-return]


def _untold(task: Callable[[], T], _send: Any) -> T:
    return task()


def _telling(task: Callable[[Callable[[Any], None]], T], send: Any) -> T:
    return task(lambda event: send.send(("event", event)))


def _send_result(work: Callable[[Any], Any], send: Any, parent: int) -> None:
    _die_with_parent(parent)
    # A daemonic process may not start workers of its own (multiprocessing forbids it): this one may (pipeline's
    # remediation plan), and they end with it all the same (daemonic themselves, and each dies with its parent).
    import multiprocessing

    multiprocessing.current_process().daemon = False
    try:
        send.send(("done", work(send)))
    except BaseException as error:
        try:
            send.send(("failed", error))
        except Exception:
            send.send(("failed", RuntimeError(f"a background worker failed:\n{traceback.format_exc()}")))
    send.close()


__all__ = [
    "DEFAULT_MAX_JOBS",
    "WORTH_FROM",
    "Background",
    "Work",
    "available_jobs",
    "can_fork",
    "end_process",
    "imap_tasks",
    "jobs_for",
    "jobs_or_default",
    "large_heap",
    "made_apart",
    "map_shares",
    "release_freed",
    "run_process",
    "stop_workers",
]
