"""The refresh alternative of each wave: screening dates by write-off picks what costing every date in full would
pick, and a shifted timing is the timing of the plan with that wave's cutover moved."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

from hismigrate.cost.case import cost_plan
from hismigrate.cost.context import make_context
from hismigrate.cost.runs import full_run
from hismigrate.cost.timing import empty_timing, plan_timing, shifted
from hismigrate.cost.variants import at_refresh, refresh_candidates
from hismigrate.load import load_inventory
from hismigrate.model.plan import MigrationPlan, Wave
from hismigrate.model.prices import PriceCatalog
from hismigrate.model.settings import Settings
from hismigrate.plan.planner import make_plan

SAMPLES = Path(__file__).resolve().parents[2] / "inventories"


def _brute_force(ctx, plan: MigrationPlan, wave: Wave, timing, settings: Settings, catalog: PriceCatalog):  # type: ignore[no-untyped-def]
    best = None
    for day in refresh_candidates(ctx, wave, timing):
        waves = tuple(w.model_copy(update={"cutover": day}) if w.index == wave.index else w for w in plan.waves)
        moved = plan.model_copy(update={"waves": waves})
        expected, found = plan_timing(ctx, moved), shifted(ctx, timing, wave.systems, day)
        for name in ("system_leaves", "strategy", "server_leaves", "server_cloud_start"):
            assert np.array_equal(getattr(found, name), getattr(expected, name)), name
        full = cost_plan(ctx.estate.inventory, moved, settings, catalog, ctx.as_of)
        value, written = full.npv_saving_jpy, sum(y.write_off_jpy for y in full.years)
        if best is None or (written, -value) < (best[0], -best[1]):
            best = (written, value, day)
    return (best[2], best[1], best[0]) if best else (None, None, None)


@pytest.mark.parametrize("sample", ["sakura-general", "minato-university"])
def test_screened_choice_equals_costing_every_date(sample: str, settings: Settings, catalog: PriceCatalog) -> None:
    as_of = date(2026, 12, 1)
    inventory = load_inventory([SAMPLES / sample])
    plan = make_plan(inventory, as_of, settings.plan)
    ctx = make_context(inventory, settings.cost, catalog, as_of)
    timing = plan_timing(ctx, plan)
    run = full_run(ctx, empty_timing(ctx), timing)
    checked = 0
    for wave in plan.waves:
        expected = _brute_force(ctx, plan, wave, timing, settings, catalog)
        assert at_refresh(ctx, wave, timing, run.baseline) == expected
        checked += expected[0] is not None
    assert checked  # the sample has waves with a refresh alternative at all
