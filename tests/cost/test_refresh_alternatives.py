"""The refresh alternative of each wave: screening dates by write-off picks what costing every date would pick."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hismigrate.cost.context import make_context, plan_timing, shifted
from hismigrate.cost.model import _at_refresh, _refresh_candidates, _written, cost_plan_in, plan_npv
from hismigrate.load import load_inventory
from hismigrate.model.plan import MigrationPlan, Wave
from hismigrate.model.prices import PriceCatalog
from hismigrate.model.settings import Settings
from hismigrate.plan.planner import make_plan

SAMPLES = Path(__file__).resolve().parents[2] / "inventories"


def _brute_force(ctx, plan: MigrationPlan, wave: Wave, timing):  # type: ignore[no-untyped-def]
    best = None
    for day in _refresh_candidates(ctx, wave, timing):
        waves = tuple(w.model_copy(update={"cutover": day}) if w.index == wave.index else w for w in plan.waves)
        moved = plan.model_copy(update={"waves": waves})
        assert shifted(ctx, timing, wave.systems, day) == plan_timing(ctx, moved)
        value, written = plan_npv(ctx, moved)
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
    # The screen in contexts of its own (after a full run, and without one), so that it books its write-offs itself
    # rather than reading what the brute force has booked.
    warm = make_context(inventory, settings.cost, catalog, as_of)
    cost_plan_in(warm, plan)
    cold = make_context(inventory, settings.cost, catalog, as_of)
    checked = 0
    for wave in plan.waves:
        expected = _brute_force(ctx, plan, wave, timing)
        for screened in (warm, cold):
            assert _at_refresh(screened, plan, wave, plan_timing(screened, plan)) == expected
        checked += expected[0] is not None
    assert checked  # the sample has waves with a refresh alternative at all


@pytest.mark.parametrize("sample", ["sakura-general", "minato-university"])
def test_screened_write_off_of_every_date_equals_a_full_costing(
    sample: str, settings: Settings, catalog: PriceCatalog
) -> None:
    as_of = date(2026, 12, 1)
    inventory = load_inventory([SAMPLES / sample])
    plan = make_plan(inventory, as_of, settings.plan)
    full = make_context(inventory, settings.cost, catalog, as_of)
    screen = make_context(inventory, settings.cost, catalog, as_of)
    cost_plan_in(screen, plan)  # the screen counts from the plan's totals, booking write-offs only for what moves
    compared = 0
    for wave in plan.waves:
        timing = plan_timing(screen, plan)
        for day in _refresh_candidates(screen, wave, timing):
            waves = tuple(w.model_copy(update={"cutover": day}) if w.index == wave.index else w for w in plan.waves)
            expected = plan_npv(full, plan.model_copy(update={"waves": waves}))[1]
            assert _written(screen, shifted(screen, timing, wave.systems, day)) == expected, (wave.index, day)
            compared += 1
    assert compared
