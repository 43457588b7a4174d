"""A migration state's running cost, from the running categories alone, is the sum of the running lines of a full
costing of the plan cut after that wave, in the year asked."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hismigrate.cost.case import cost_plan, state_running_cost
from hismigrate.cost.categories import BY_NAME
from hismigrate.cost.context import make_context
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
    ctx = make_context(inventory, settings.cost, catalog, AS_OF)
    assert len(plan.waves) >= 2
    for k in range(len(plan.waves) + 1):
        full = cost_plan(inventory, plan.model_copy(update={"waves": plan.waves[:k]}), settings, catalog, AS_OF)
        for year in full.first_year + 1, full.first_year + 3:
            expected = sum(
                ln.amount_jpy
                for ln in full.per_year()
                if ln.year == year and ln.scenario == "plan" and BY_NAME[ln.category].running and ln.cash
            )
            assert expected > 0
            assert state_running_cost(ctx, plan, (k, year)) == expected
    assert state_running_cost(ctx, plan, (len(plan.waves), ctx.years[-1] + 1)) is None
