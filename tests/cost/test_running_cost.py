"""Totals-only runs (subjects booked once per slice and reused) equal the full run of the same plan, for every
migration state of the samples, whether the context is fresh or has already costed the whole plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hismigrate.cost.context import make_context
from hismigrate.cost.flats import NOT_RUNNING
from hismigrate.cost.model import cost_plan, cost_plan_in, plan_npv, running_cost
from hismigrate.load import load_inventory
from hismigrate.model.prices import PriceCatalog
from hismigrate.model.settings import Settings
from hismigrate.plan.planner import make_plan

SAMPLES = Path(__file__).resolve().parents[2] / "inventories"
AS_OF = date(2026, 12, 1)


@pytest.mark.parametrize("sample", ["aozora-chronic", "sakura-general"])
def test_every_state_matches_its_full_run(sample: str, settings: Settings, catalog: PriceCatalog) -> None:
    inventory = load_inventory([SAMPLES / sample])
    plan = make_plan(inventory, AS_OF, settings.plan)
    warm = make_context(inventory, settings.cost, catalog, AS_OF)
    cost_plan_in(warm, plan)  # keeps every subject's totals under the whole plan
    assert len(plan.waves) >= 2
    for k in range(len(plan.waves) + 1):
        state = plan.model_copy(update={"waves": plan.waves[:k]})
        full = cost_plan(inventory, state, settings, catalog, AS_OF)
        fresh = make_context(inventory, settings.cost, catalog, AS_OF)
        written = sum(y.write_off_jpy for y in full.years)
        assert plan_npv(warm, state) == plan_npv(fresh, state) == (full.npv_delta_jpy, written)
        for year in full.first_year + 1, full.first_year + 3:
            expected = sum(
                ln.amount_jpy
                for ln in full.per_year()
                if ln.year == year and ln.scenario == "plan" and ln.cash and ln.category not in NOT_RUNNING
            )
            assert expected > 0
            assert running_cost(warm, state, year) == running_cost(fresh, state, year) == expected
    assert running_cost(warm, plan, warm.years[-1] + 1) is None
