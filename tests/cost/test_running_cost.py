"""A state's running cost, booked for its one year alone, equals that year's slice of a full run."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hismigrate.cost.catalog import PriceCatalog
from hismigrate.cost.context import make_context
from hismigrate.cost.ledger import Ledger
from hismigrate.cost.model import _book_plan, running_cost
from hismigrate.load import load_inventory
from hismigrate.model.settings import Settings
from hismigrate.plan.planner import make_plan

SAMPLES = Path(__file__).resolve().parents[2] / "inventories"
EXCLUDED = frozenset({"one_time", "subsidy", "write_off"})


def test_one_year_ledger_matches_the_full_run(settings: Settings, catalog: PriceCatalog) -> None:
    as_of = date(2026, 12, 1)
    inventory = load_inventory([SAMPLES / "sakura-general"])
    plan = make_plan(inventory, as_of, settings.plan)
    ctx = make_context(inventory, settings.cost, catalog, as_of)
    full = Ledger(ctx.years, track_basis=False)
    _book_plan(ctx, plan, full)
    for year in ctx.years:
        expected = sum(
            round(amount)
            for (at, _scenario, category, _subject, cash), amount in full.amounts.items()
            if at == year and cash and category not in EXCLUDED
        )
        assert expected > 0
        assert running_cost(ctx, plan, year, EXCLUDED) == expected
    assert running_cost(ctx, plan, ctx.years[-1] + 1, EXCLUDED) is None
