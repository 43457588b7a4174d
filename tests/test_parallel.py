"""Work on forked workers gives the same results as in one process: the stream of tasks, the shares, a background
task (and what it tells on the way) and a whole assessment; the collector is paused and restored as promised."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path

import pytest

from hismigrate import parallel, pipeline
from hismigrate.load import load_inventory
from hismigrate.load.inputs import load_inputs
from hismigrate.parallel import (
    Background,
    can_fork,
    imap_tasks,
    jobs_for,
    jobs_or_default,
    large_heap,
    made_apart,
    map_shares,
    release_freed,
)
from hismigrate.pipeline import Stage, Step

SAMPLES = Path(__file__).resolve().parents[1] / "inventories"
AS_OF = date(2026, 4, 1)
forking = pytest.mark.skipif(not can_fork(), reason="workers are forked; elsewhere everything runs in one process")


def _square(x: int) -> int:
    return x * x


def test_shares_come_back_in_order() -> None:
    tasks = [lambda k=k: _square(k) for k in range(7)]  # closures: never pickled, the workers inherit them
    sizes = [5, 1, 9, 2, 2, 7, 1]
    assert map_shares(tasks, sizes, 3) == map_shares(tasks, sizes, 1) == [k * k for k in range(7)]
    assert map_shares([], [], 2) == []


def test_streamed_tasks_come_back_in_order_as_they_are_done() -> None:
    tasks = [lambda k=k: _square(k) for k in range(9)]
    stream = imap_tasks(tasks, jobs=2)
    assert next(stream) == 0  # the first result, before the last task is asked for
    assert list(stream) == [k * k for k in range(1, 9)]
    assert list(imap_tasks(tasks, jobs=1)) == [k * k for k in range(9)]


@forking
def test_closing_a_stream_early_stops_its_workers() -> None:
    import multiprocessing
    import time

    stream = imap_tasks([lambda: 1, *(lambda: time.sleep(60) for _ in range(3))], jobs=2)
    assert next(stream) == 1
    start = time.monotonic()
    stream.close()
    assert time.monotonic() - start < 30
    assert not multiprocessing.active_children()


def test_jobs_default_to_the_cores_up_to_four() -> None:
    assert jobs_or_default(3) == 3
    assert 1 <= jobs_or_default(None) <= 4


def test_work_fans_out_from_its_size_only() -> None:
    for work, size in parallel.WORTH_FROM.items():
        assert jobs_for(work, size - 1, 3) == 1
        assert jobs_for(work, size, 3) == (3 if can_fork() else 1)
        assert jobs_for(work, size, 1) == 1


def test_a_failing_task_fails_the_run() -> None:
    def boom() -> int:
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        map_shares([lambda: 1, boom], [1, 1], 2)
    with pytest.raises(ValueError, match="boom"):
        list(imap_tasks([lambda: 1, boom], jobs=2))


def test_background_result_and_error() -> None:
    assert Background(lambda: {"x": [1, 2]}).result() == {"x": [1, 2]}
    assert Background(lambda: 3, fork=False).result() == 3

    def boom() -> int:
        raise KeyError("missing")

    with pytest.raises(KeyError, match="missing"):
        Background(boom).result()


def _nested() -> tuple[int, int]:
    """Run in a worker: a worker of its own, as the states' worker starts the remediation plan's."""
    import os

    inner = Background(os.getpid)
    return os.getpid(), inner.result()


@forking
def test_freed_memory_is_handed_back_before_a_fork_and_before_a_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    released: list[int] = []
    monkeypatch.setattr(parallel, "release_freed", lambda: released.append(len(released)))
    worker = Background(partial(time.sleep, 0.3))
    assert released == [0]  # before the worker was forked: it inherits no free pages to fill with copies
    worker.result()
    assert released == [0, 1]  # before this process waited for it


def test_handing_back_freed_memory_keeps_what_is_in_use() -> None:
    kept = [bytes(1000) for _ in range(1000)]
    del kept[::2]
    release_freed()
    assert len(kept) == 500 and all(b == bytes(1000) for b in kept)


def test_a_worker_may_start_a_worker_of_its_own() -> None:
    import os

    if not can_fork():
        pytest.skip("no fork here")
    outer, inner = Background(_nested).result()
    assert len({os.getpid(), outer, inner}) == 3


@pytest.mark.parametrize("fork", [True, False])
def test_what_a_background_task_tells_is_heard_in_order_before_its_result(fork: bool) -> None:
    heard: list[object] = []

    def task(tell) -> str:  # type: ignore[no-untyped-def]
        for k in range(5):
            tell(Step(Stage.exposure, f"wave {k}"))
        return "done"

    assert Background.telling(task, heard.append, fork=fork).result() == "done"
    assert heard == [Step(Stage.exposure, f"wave {k}") for k in range(5)]


@pytest.fixture
def collector_state() -> Iterator[None]:
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


@pytest.mark.usefixtures("collector_state")
@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_inside_a_large_heap_and_restored_after(enabled: bool) -> None:
    (gc.enable if enabled else gc.disable)()
    with large_heap():
        assert not gc.isenabled()
    assert gc.isenabled() is enabled
    with pytest.raises(ValueError), large_heap():
        raise ValueError
    assert gc.isenabled() is enabled

    @large_heap()
    def command() -> bool:
        return gc.isenabled()

    assert command() is False
    assert gc.isenabled() is enabled


@pytest.mark.usefixtures("collector_state")
def test_the_collector_stays_paused_when_the_process_ends_with_the_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel._Process, "ends_with_command", True)
    gc.enable()
    with large_heap():
        pass
    assert not gc.isenabled()  # resuming it would walk every object once more, for nothing


@forking
def test_forked_assessment_equals_serial_and_tells_the_same_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(parallel.WORTH_FROM, "states", 0)  # the sample is small: fork all the same
    inventory = load_inventory([SAMPLES / "sakura-general"])
    inputs = load_inputs(AS_OF, None, None, None)
    serial_steps: list[Step] = []
    forked_steps: list[Step] = []
    serial = pipeline.assess(inventory, replace(inputs, jobs=1), serial_steps.append)
    forked = pipeline.assess(inventory, replace(inputs, jobs=2), forked_steps.append)
    assert forked.model_dump_json() == serial.model_dump_json()
    # the worker's steps are heard here too; only their place among this process's steps may differ
    assert sorted(forked_steps, key=repr) == sorted(serial_steps, key=repr)
    states = [s.name for s in serial.states]
    assert [s.state for s in serial_steps if s.stage is Stage.exposure] == states
    assert [s.state for s in forked_steps if s.stage is Stage.resilience] == states
    assert serial_steps[:2] == [Step(Stage.plan), Step(Stage.cost)]


@forking
def test_what_is_made_apart_comes_back_from_another_process() -> None:
    import os

    assert made_apart(os.getpid) != os.getpid()
    with pytest.raises(ZeroDivisionError):
        made_apart(partial(divmod, 1, 0))


@forking
def test_a_large_estate_is_loaded_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    apart: list[object] = []

    def recorded(task: Callable[[], object]) -> object:
        apart.append(task)
        return made_apart(task)

    monkeypatch.setattr(parallel, "made_apart", recorded)
    sample = SAMPLES / "sakura-general"
    alone = load_inventory([sample])
    assert not apart  # below WORTH_FROM: loaded here
    monkeypatch.setitem(parallel.WORTH_FROM, "parse", 0)
    assert load_inventory([sample], 2) == alone
    assert not apart  # parsed on 2 cores, but nothing forks afterwards (validate): no trip back
    assert load_inventory([sample], 2, apart=True) == alone
    assert len(apart) == 1


def test_errors_survive_the_trip_from_a_worker() -> None:
    import pickle

    from hismigrate.errors import ConfigError, InventoryError, Location

    error = InventoryError.single(Location("servers.yaml", line=3), "yaml_syntax", detail="x")
    back = pickle.loads(pickle.dumps(error))
    assert back.problems == error.problems and str(back) == str(error)
    config = pickle.loads(pickle.dumps(ConfigError("bad", "fix it", Location("settings.yaml", line=2))))
    assert (config.message, config.hint, config.location) == ("bad", "fix it", Location("settings.yaml", line=2))


@forking
def test_files_parsed_on_workers_load_the_same(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import shutil

    from hismigrate.errors import InventoryError

    sample = SAMPLES / "minato-university"
    serial = load_inventory([sample])
    monkeypatch.setitem(parallel.WORTH_FROM, "parse", 0)
    assert load_inventory([sample], 3) == serial
    broken = tmp_path / "estate"
    shutil.copytree(sample, broken)
    (broken / "systems.yaml").write_text("systems: [\n", encoding="utf-8")
    with pytest.raises(InventoryError) as forked:
        load_inventory([broken], 3)
    monkeypatch.setitem(parallel.WORTH_FROM, "parse", 10**12)
    with pytest.raises(InventoryError) as alone:
        load_inventory([broken])
    assert forked.value.problems == alone.value.problems
    assert forked.value.problems[0].location.file.endswith("systems.yaml")


# The modules that may touch processes, threads and the collector: this one, and the interrupt handler, which must
# end the process at once from inside a signal handler (issue 21).
_PROCESS_MODULES = {"parallel.py": set(), "cli/interrupt.py": {"os._exit"}}
_PROCESS_IMPORTS = {"gc", "multiprocessing", "threading", "mmap", "concurrent", "_thread", "subprocess", "ctypes"}
_PROCESS_CALLS = {"os.fork", "os._exit", "os.kill", "os.register_at_fork"}


def test_processes_threads_and_the_collector_are_handled_in_parallel_only() -> None:
    import ast

    package = Path(parallel.__file__).parent
    found = []
    for path in sorted(package.rglob("*.py")):
        name = path.relative_to(package).as_posix()
        allowed = _PROCESS_MODULES.get(name)
        if allowed == set():
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = {(node.module or "").split(".")[0]}
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                call = f"{node.value.id}.{node.attr}"
                if call in _PROCESS_CALLS and call not in (allowed or set()):
                    found.append(f"{name}:{node.lineno} {call}")
                continue
            else:
                continue
            found += [f"{name}:{node.lineno} import {n}" for n in sorted(names & _PROCESS_IMPORTS)]
    assert not found
