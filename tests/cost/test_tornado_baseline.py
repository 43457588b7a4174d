"""A sensitivity variant recomputes only the categories that declare they read what its driver changes: the same
bars as costing every variant from scratch, on the samples and on random estates with random plans. This is what
keeps each category's declared reads complete."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hismigrate.cost.case import cost_case, cost_plan
from hismigrate.cost.context import make_context
from hismigrate.cost.variants import DRIVERS
from hismigrate.load import load_inventory
from hismigrate.model.enums import Strategy
from hismigrate.model.inventory import Inventory
from hismigrate.model.plan import MigrationPlan, SystemStrategy, Wave
from hismigrate.model.prices import PriceCatalog, shipped_catalog
from hismigrate.model.settings import Settings
from hismigrate.plan.planner import make_plan
from tests.cost.conftest import AS_OF
from tests.cost.test_properties import estates

SAMPLES = Path(__file__).resolve().parents[2] / "inventories"


def _check(inventory: Inventory, plan: MigrationPlan, cost: Any, catalog: PriceCatalog, as_of: date) -> set[int]:
    result = cost_plan(inventory, plan, cost, catalog, as_of, sensitivity=True)
    bars = {b.driver: (b.npv_saving_low_jpy, b.npv_saving_high_jpy) for b in result.tornado}
    for driver in DRIVERS:
        fresh = []
        for _label, value in (driver.low, driver.high):
            varied = driver.apply(value, make_context(inventory, cost, catalog, as_of))
            fresh.append(cost_case(varied, plan)[0].npv_saving_jpy)  # every category computed
        if driver.name in result.no_effect:  # left out: the same NPV saving at both ends
            assert tuple(fresh) == (result.npv_saving_jpy,) * 2, driver.name
        else:
            assert bars[driver.name] == tuple(fresh), driver.name
    assert set(bars) | set(result.no_effect) == {d.name for d in DRIVERS}
    return {v for pair in bars.values() for v in pair}


@pytest.mark.parametrize("sample", ["sakura-general", "minato-university"])
def test_recomputed_categories_change_no_bar(sample: str, settings: Settings, catalog: PriceCatalog) -> None:
    as_of = date(2026, 12, 1)
    inventory = load_inventory([SAMPLES / sample])
    plan = make_plan(inventory, as_of, settings.plan)
    assert len(_check(inventory, plan, settings.cost, catalog, as_of)) > 2  # the drivers do move the NPV


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(estates(), st.data())
def test_recomputed_categories_on_random_estates_and_plans(data: dict[str, Any], draw: st.DataObject) -> None:
    inventory = Inventory.model_validate(data)
    strategies, waves = [], []
    moves = [Strategy.rehost, Strategy.replatform, Strategy.repurchase, Strategy.retire, Strategy.retain]
    for system in inventory.systems:
        chosen = draw.draw(st.sampled_from(moves))
        strategies.append(SystemStrategy(system=system.id, strategy=chosen))
        if chosen != Strategy.retain:
            waves.append((draw.draw(st.integers(0, 2)), system.id))
    plan = MigrationPlan(
        strategies=tuple(strategies),
        waves=tuple(
            Wave(index=k + 1, cutover=date(2027 + k, 4 + 3 * k, 1), systems=tuple(s for w, s in waves if w == k))
            for k in range(3)
        ),
    )
    _check(inventory, plan, Settings().cost, shipped_catalog("aws"), AS_OF)
