"""The servers' cost matrices hold, element by element and to the bit, the one-year formulas times the year's share
on premises (or in the cloud)."""

from __future__ import annotations

from pathlib import Path

from hismigrate.cost.cloud_servers import cloud_server_rows, fit_of
from hismigrate.cost.context import make_context, plan_timing
from hismigrate.cost.onprem_servers import onprem_server_rows, server_running
from hismigrate.cost.prices import price_in_jpy
from hismigrate.load import load_inventory
from hismigrate.model.prices import PriceCatalog
from hismigrate.model.settings import Settings
from hismigrate.plan.planner import make_plan
from tests.cost.conftest import AS_OF

SAMPLES = Path(__file__).resolve().parents[2] / "inventories"


def test_onprem_rows_are_the_yearly_formula_times_the_share(settings: Settings, catalog: PriceCatalog) -> None:
    inventory = load_inventory([SAMPLES / "minato-university"])
    ctx = make_context(inventory, settings.cost, catalog, AS_OF)
    timing = plan_timing(ctx, make_plan(inventory, AS_OF, settings.plan))
    rows = onprem_server_rows(ctx, timing, list(inventory.servers), ctx.years)
    leaving = 0
    for i, server in enumerate(inventory.servers):
        share = ctx.shares(timing.server_leaves.get(server.id), ctx.years)
        leaving += share[-1] < 1
        for k, year in enumerate(ctx.years):
            for category, amount, _basis in server_running(ctx, server, year):
                assert rows[category].ids[i] == server.id
                assert rows[category].amounts[i, k] == amount * share[k], (server.id, category, year)
    assert leaving  # the plan moves servers: shares below 1 are checked too


def test_cloud_compute_rows_are_price_times_hours_times_count(settings: Settings, catalog: PriceCatalog) -> None:
    inventory = load_inventory([SAMPLES / "minato-university"])
    ctx = make_context(inventory, settings.cost, catalog, AS_OF)
    timing = plan_timing(ctx, make_plan(inventory, AS_OF, settings.plan))
    rows = cloud_server_rows(ctx, timing, inventory.servers, ctx.years)["cloud_compute"]
    s = ctx.settings
    by_id = ctx.index.servers
    assert rows.ids
    for i, server_id in enumerate(rows.ids):
        server, fit = by_id[server_id], fit_of(ctx, by_id[server_id])
        assert fit is not None
        share = [1 - x for x in ctx.shares(timing.server_cloud_start[server_id], ctx.years)]
        managed = rows.amounts[i, -1] != 0 and server.role.value == "database"
        for k, year in enumerate(ctx.years):
            price = price_in_jpy(ctx, fit.item, year)[0]
            plain = price * s.power.hours_per_year * fit.count * (1 - s.cloud.commitment_discount)
            expected = (
                {plain * share[k], plain * s.cloud.managed_db_factor * share[k]} if managed else {plain * share[k]}
            )
            assert rows.amounts[i, k] in expected, (server_id, year)
