"""Work on forked workers gives the same results as in one process: the pool of tasks, a background task and a
whole assessment."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from hismigrate import pipeline
from hismigrate.load import load_inventory
from hismigrate.load.inputs import load_inputs
from hismigrate.parallel import Background, can_fork, imap_tasks, jobs_or_default, run_tasks

SAMPLES = Path(__file__).resolve().parents[1] / "inventories"
AS_OF = date(2026, 4, 1)
forking = pytest.mark.skipif(not can_fork(), reason="workers are forked; elsewhere everything runs in one process")


def _square(x: int) -> int:
    return x * x


def test_tasks_come_back_in_order() -> None:
    tasks = [lambda k=k: _square(k) for k in range(7)]  # closures: never pickled, the workers inherit them
    assert run_tasks(tasks, jobs=3) == run_tasks(tasks, jobs=1) == [k * k for k in range(7)]


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


def test_a_failing_task_fails_the_run() -> None:
    def boom() -> int:
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        run_tasks([lambda: 1, boom], jobs=2)


def test_background_result_and_error() -> None:
    assert Background(lambda: {"x": [1, 2]}).result() == {"x": [1, 2]}
    assert Background(lambda: 3, fork=False).result() == 3

    def boom() -> int:
        raise KeyError("missing")

    with pytest.raises(KeyError, match="missing"):
        Background(boom).result()


@forking
@forking
def test_forked_assessment_equals_serial(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "PARALLEL_FROM_SUBJECTS", 0)  # the sample is small: fork all the same
    inventory = load_inventory([SAMPLES / "sakura-general"])
    inputs = load_inputs(AS_OF, None, None, None)
    serial = pipeline.assess(inventory, replace(inputs, jobs=1))
    forked = pipeline.assess(inventory, replace(inputs, jobs=2))
    assert forked.model_dump_json() == serial.model_dump_json()


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
    from hismigrate.load import yaml_source

    sample = SAMPLES / "minato-university"
    serial = load_inventory([sample])
    monkeypatch.setattr(yaml_source, "PARALLEL_FROM_BYTES", 0)
    assert load_inventory([sample], 3) == serial
    broken = tmp_path / "estate"
    shutil.copytree(sample, broken)
    (broken / "systems.yaml").write_text("systems: [\n", encoding="utf-8")
    with pytest.raises(InventoryError) as forked:
        load_inventory([broken], 3)
    monkeypatch.setattr(yaml_source, "PARALLEL_FROM_BYTES", 10**12)
    with pytest.raises(InventoryError) as alone:
        load_inventory([broken])
    assert forked.value.problems == alone.value.problems
    assert forked.value.problems[0].location.file.endswith("systems.yaml")
