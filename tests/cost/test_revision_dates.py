"""The fee-schedule revision rework follows the dated revision table the planner reads (1 June from FY2024), not a
rule of its own: a system replaced in May 2028 is gone before the FY2028 revision takes effect."""

from __future__ import annotations

from datetime import date

from hismigrate.cost.case import cost_plan
from hismigrate.model.enums import Strategy
from hismigrate.model.fee_revision import fee_revisions, table_id
from hismigrate.model.plan import MigrationPlan, SystemStrategy, Wave
from hismigrate.model.prices import PriceCatalog
from hismigrate.model.settings import Settings
from tests.cost.conftest import AS_OF, small_inventory


def test_rework_lands_on_the_tables_effective_dates(settings: Settings, catalog: PriceCatalog) -> None:
    inventory = small_inventory()  # the EMR follows the revision, customisation high
    plan = MigrationPlan(
        strategies=(SystemStrategy(system="emr", strategy=Strategy.repurchase),),
        waves=(Wave(index=1, cutover=date(2028, 5, 1), systems=("emr",)),),
    )
    result = cost_plan(inventory, plan, settings, catalog, AS_OF)
    cost = settings.cost
    rework = cost.revision.jpy_by_customisation[inventory.systems[0].customisation]
    share = cost.revision.strategy_share[Strategy.repurchase]
    assert (rework, share) == (8_000_000, 0.2)
    effective = [r.effective for r in fee_revisions(date(2036, 3, 31)) if r.effective >= date(2026, 4, 1)]
    assert effective == [date(y, 6, 1) for y in (2026, 2028, 2030, 2032, 2034)]  # listed, then projected

    def rows(scenario: str) -> list[int]:
        line = next(ln for ln in result.lines.each() if ln.category == "revision" and ln.scenario == scenario)
        assert f"data:{table_id()}" in line.basis
        return list(line.amounts_jpy)

    grow = [(1 + cost.escalation.maintenance) ** k for k in range(10)]
    baseline = [round(rework * grow[k]) if k % 2 == 0 else 0 for k in range(10)]
    assert rows("baseline") == baseline
    # moved on 1 May 2028, before the FY2028 revision takes effect on 1 June: only the SaaS share from then on (an
    # "April" rule would have charged the full rework of FY2028 on premises)
    plan_rows = [baseline[0], 0, *[round(rework * share * grow[k]) if k % 2 == 0 else 0 for k in range(2, 10)]]
    assert rows("plan") == plan_rows
