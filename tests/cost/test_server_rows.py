"""The categories' matrices hold, element by element and to the bit, the one-year figures times the year's share
on premises (or in the cloud); and every setting a line's basis names is one its category declares it reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from hismigrate.cost.case import cost_plan
from hismigrate.cost.categories import BY_NAME
from hismigrate.cost.context import make_context
from hismigrate.cost.onprem import server_running
from hismigrate.cost.timing import plan_timing
from hismigrate.load import load_inventory
from hismigrate.model.calendar import onprem_share
from hismigrate.model.prices import PriceCatalog
from hismigrate.model.settings import Settings
from hismigrate.plan.planner import make_plan
from tests.cost.conftest import AS_OF

SAMPLES = Path(__file__).resolve().parents[2] / "inventories"


def test_onprem_rows_are_the_yearly_formula_times_the_share(settings: Settings, catalog: PriceCatalog) -> None:
    from datetime import date

    inventory = load_inventory([SAMPLES / "minato-university"])
    ctx = make_context(inventory, settings.cost, catalog, AS_OF)
    timing = plan_timing(ctx, make_plan(inventory, AS_OF, settings.plan))
    s = settings.cost
    maint, watts = (server_running(name, ctx, timing, False) for name in ("maintenance", "power"))
    leaving = 0
    for i in range(len(inventory.servers)):
        day = int(timing.server_leaves[i])
        leaves = date.fromordinal(day) if day < 10**7 else None
        # the hardware it carries (its own, or a share of the hosts': tests/cost/test_hardware.py)
        fee = float(ctx.hardware.maintenance[i])
        kwh = float(ctx.hardware.watts[i]) * s.power.pue * s.power.hours_per_year / 1000
        leaving += leaves is not None
        for k, year in enumerate(ctx.years):
            share = onprem_share(year, leaves)
            assert maint.amounts[i, k] == fee * ctx.grow(s.escalation.maintenance, year) * share
            assert watts.amounts[i, k] == kwh * s.power.jpy_per_kwh * ctx.grow(s.escalation.energy, year) * share
    assert leaving  # the plan moves servers: shares below 1 are checked too


@pytest.mark.parametrize("sample", ["sakura-general", "minato-university"])
def test_every_setting_a_basis_names_is_declared_by_its_category(
    sample: str, settings: Settings, catalog: PriceCatalog
) -> None:
    inventory = load_inventory([SAMPLES / sample])
    result = cost_plan(inventory, make_plan(inventory, AS_OF, settings.plan), settings, catalog, AS_OF)
    kinds = {it.id: it.kind for it in catalog.items}
    checked = 0
    for line in result.lines.each():
        category = BY_NAME[line.category]
        for ref in line.basis:
            if ref.startswith("setting:cost."):
                parameter = ref.removeprefix("setting:cost.")
            elif ref.startswith("catalog:"):
                parameter = f"prices.{kinds[ref.removeprefix('catalog:')]}"
            else:
                continue
            assert category.touched_by(parameter), (line.category, ref)
            checked += 1
    assert checked > 1000
