"""The tornado shares one baseline run between drivers that leave on-premises costs alone: same bars as costing
every variant from scratch."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hismigrate.cost.catalog import PriceCatalog
from hismigrate.cost.context import make_context
from hismigrate.cost.model import plan_npv
from hismigrate.cost.sensitivity import DRIVERS, tornado
from hismigrate.load import load_inventory
from hismigrate.model.settings import Settings
from hismigrate.plan.planner import make_plan

SAMPLES = Path(__file__).resolve().parents[2] / "inventories"


def test_shared_baseline_changes_no_bar(settings: Settings, catalog: PriceCatalog) -> None:
    as_of = date(2026, 12, 1)
    inventory = load_inventory([SAMPLES / "sakura-general"])
    plan = make_plan(inventory, as_of, settings.plan)
    bars = {b.driver: (b.npv_low_jpy, b.npv_high_jpy) for b in tornado(inventory, plan, settings.cost, catalog, as_of)}
    for driver, (_low_label, low), (_high_label, high) in DRIVERS:
        fresh = []
        for variant in (low, high):
            cost, cat = variant(settings.cost, catalog)
            fresh.append(plan_npv(make_context(inventory, cost, cat, as_of), plan)[0])
        assert bars[driver] == tuple(fresh), driver
    assert len({v for pair in bars.values() for v in pair}) > 2  # the drivers do move the NPV
