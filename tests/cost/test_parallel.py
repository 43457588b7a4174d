"""The cost case's independent runs give the same figures on forked workers as one after the other."""

from __future__ import annotations

from pathlib import Path

import pytest

from hismigrate.cost.catalog import PriceCatalog
from hismigrate.cost.context import make_context
from hismigrate.cost.model import cost_case
from hismigrate.cost.parallel import can_fork, run_tasks
from hismigrate.load import load_inventory
from hismigrate.model.settings import Settings
from hismigrate.plan.planner import make_plan
from tests.cost.conftest import AS_OF

SAMPLES = Path(__file__).resolve().parents[2] / "inventories"


def _square(x: int) -> int:
    return x * x


def test_tasks_come_back_in_order() -> None:
    tasks = [lambda k=k: _square(k) for k in range(7)]  # closures: never pickled, the workers inherit them
    assert run_tasks(tasks, jobs=3) == run_tasks(tasks, jobs=1) == [k * k for k in range(7)]


def test_a_failing_task_fails_the_run() -> None:
    def boom() -> int:
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        run_tasks([lambda: 1, boom], jobs=2)


@pytest.mark.skipif(not can_fork(), reason="workers are forked; elsewhere the runs are serial anyway")
def test_parallel_cost_case_equals_serial(settings: Settings, catalog: PriceCatalog) -> None:
    inventory = load_inventory([SAMPLES / "minato-university"])
    plan = make_plan(inventory, AS_OF, settings.plan)
    states = [(k, 2027 + k) for k in range(len(plan.waves) + 1)]
    serial, running = cost_case(make_context(inventory, settings.cost, catalog, AS_OF), plan, True, states, jobs=1)
    forked, forked_running = cost_case(
        make_context(inventory, settings.cost, catalog, AS_OF), plan, True, states, jobs=2
    )
    assert any(w.refresh_cutover for w in serial.waves) and serial.tornado  # the parallel tasks did exist
    assert forked.model_dump() == serial.model_dump()
    assert forked_running == running and any(r is not None for r in running)
