"""What of the plan's cost rests on estimates (CostResult.estimates, named in the summary), worked by hand: the catalog
items marked manual that the plan uses, the hardware table when a server has no price, the shipped one-time work per
strategy until the user replaces it; and the plan's cash over the horizon in the lines resting on one of them, with
its share of the plan's whole cash cost."""

from __future__ import annotations

from typing import Any

from hismigrate.cost.case import cost_plan
from hismigrate.model.hardware_prices import shipped_hardware_prices
from hismigrate.model.prices import PriceCatalog
from hismigrate.model.settings import Settings
from tests.cost.conftest import AS_OF, one_wave_plan, small_inventory
from tests.cost.test_hardware import estate, server


def quoted(settings: Settings) -> Settings:
    """The user's own one-time figures: every shipped figure replaced (each one more than shipped)."""
    one_time = settings.cost.one_time
    mine = {
        s: v.model_copy(update={k: x + 1 for k, x in v.model_dump().items()}) for s, v in one_time.by_strategy.items()
    }
    return settings.with_cost(one_time=one_time.model_copy(update={"by_strategy": mine}))


def _plan_lines(result: Any, flagged: Any) -> list[Any]:
    return [ln for ln in result.lines.each() if ln.scenario == "plan" and ln.cash and any(map(flagged, ln.basis))]


def test_manual_catalog_items_and_their_share_of_the_plan(settings: Settings, catalog: PriceCatalog) -> None:
    items = {it.id: it for it in catalog.items}
    line, platform = items["line.closed_network"], items["platform.landing_zone"]
    assert line.manual and platform.manual
    assert (line.price, line.quantity, line.currency) == (150_000, 2, "JPY")
    assert (platform.price, platform.currency) == (400, "USD")
    assert settings.cost.jpy_per_usd == {2025: 150.0} and settings.cost.escalation.cloud == 0
    inventory = small_inventory()
    result = cost_plan(inventory, one_wave_plan(inventory), quoted(settings), catalog, AS_OF)  # cuts over in FY2027
    estimates = result.estimates
    assert (estimates.items, estimates.tables, estimates.settings) == (
        ("line.closed_network", "platform.landing_zone"),
        (),  # every server has its price
        (),  # the one-time work is the user's
    )
    # from FY2027 to FY2035, nine years: two closed-network lines at 150,000 JPY a month, and the landing zone at
    # 400 USD a month at 150 JPY/USD
    by_hand = 9 * (150_000 * 2 * 12) + 9 * (400 * 12 * 150)
    assert by_hand == 38_880_000
    assert estimates.plan_jpy == by_hand
    assert estimates.share == by_hand / sum(y.plan_jpy for y in result.years)


def test_the_shipped_one_time_work_is_an_estimate_until_replaced(settings: Settings, catalog: PriceCatalog) -> None:
    inventory = small_inventory()
    plan = one_wave_plan(inventory)
    shipped = cost_plan(inventory, plan, settings, catalog, AS_OF)
    mine = cost_plan(inventory, plan, quoted(settings), catalog, AS_OF)
    moving = {s.strategy.value for s in plan.strategies if s.system in plan.waves[0].systems}
    assert shipped.estimates.settings == tuple(sorted(moving)) and mine.estimates.settings == ()
    # with the shipped figures, every one-time line of the plan rests on them (the parallel running counted whole)
    one_time = _plan_lines(shipped, lambda r: r.startswith("setting:cost.one_time.by_strategy."))
    assert {ln.category for ln in one_time} == {"one_time"}
    assert sum(sum(ln.amounts_jpy) for ln in one_time) > 0
    manual = _plan_lines(shipped, lambda r: r.removeprefix("catalog:") in shipped.estimates.items)
    assert shipped.estimates.plan_jpy == sum(sum(ln.amounts_jpy) for ln in {*one_time, *manual})
    assert mine.estimates.plan_jpy == sum(sum(ln.amounts_jpy) for ln in manual)


def test_a_server_priced_from_the_table_puts_the_table_among_the_estimates(
    settings: Settings, catalog: PriceCatalog
) -> None:
    inventory = estate(server("db", physical=True, vcpu=8, memory_gb=32, refresh_due="2028-04-01"))
    result = cost_plan(inventory, one_wave_plan(inventory), quoted(settings), catalog, AS_OF)
    assert result.estimates.tables == (shipped_hardware_prices().id,)
    resting = _plan_lines(result, lambda r: r.startswith("estimate:"))
    # on premises until its cutover in FY2027: a year of 8% maintenance on the estimated 3.0 M; and the months of
    # parallel running, whose running cost includes that maintenance, count whole (the write-off is not cash, and
    # counts nowhere in the plan's cost)
    assert [(ln.category, ln.subject) for ln in resting] == [
        ("maintenance", "db"),
        ("one_time", "emr.parallel_running"),
    ]
    assert resting[0].amounts_jpy[0] == sum(resting[0].amounts_jpy) == 240_000
    manual = _plan_lines(result, lambda r: r.removeprefix("catalog:") in result.estimates.items)
    assert result.estimates.plan_jpy == sum(sum(ln.amounts_jpy) for ln in {*resting, *manual})
