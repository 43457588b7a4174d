"""The cost model's entry point: `cost_plan(inventory, plan, settings, catalog, as_of) -> CostResult`, and
`cost_case`, which also gives the running cost of each migration state."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np

from hismigrate.cost.context import Context, make_context, settings_paths
from hismigrate.cost.gaps import cost_gaps, estimates
from hismigrate.cost.one_time import moves
from hismigrate.cost.runs import Sums, break_even, full_run, npv, running_cost, year_rows
from hismigrate.cost.timing import Timing, empty_timing, plan_timing
from hismigrate.cost.variants import at_refresh, tornado
from hismigrate.model.cost import CatalogRef, CostResult, WaveCost, verdict_of
from hismigrate.model.inventory import Inventory
from hismigrate.model.plan import MigrationPlan, Wave
from hismigrate.model.prices import PriceCatalog
from hismigrate.model.settings import CostSettings, Settings

# (waves done, fiscal year): the migration state after that many waves of the plan, and the year to cost it in.
StateYear = tuple[int, int]


def cost_plan(
    inventory: Inventory,
    plan: MigrationPlan,
    settings: Settings | CostSettings,
    catalog: PriceCatalog,
    as_of: date,
    sensitivity: bool = False,
) -> CostResult:
    """Year-by-year cost of staying on premises versus following `plan`, with NPV, break-even and traces."""
    cost = settings.cost if isinstance(settings, Settings) else settings
    return cost_case(make_context(inventory, cost, catalog, as_of), plan, sensitivity)[0]


def state_running_cost(ctx: Context, plan: MigrationPlan, state: StateYear) -> int | None:
    """The running cost of the plan truncated after `state[0]` waves, in fiscal year `state[1]`."""
    done, year = state
    return running_cost(ctx, plan_timing(ctx, plan.model_copy(update={"waves": plan.waves[:done]})), year)


def cost_case(
    ctx: Context, plan: MigrationPlan, sensitivity: bool = False, states: Sequence[StateYear] = ()
) -> tuple[CostResult, list[int | None]]:
    """The cost case of `plan` and the running cost of each of `states`."""
    cost, catalog, estate = ctx.settings, ctx.catalog, ctx.estate
    baseline, timing = empty_timing(ctx), plan_timing(ctx, plan)
    run = full_run(ctx, baseline, timing)
    lines, found = run.lines, moves(ctx, timing)
    one_time = {estate.systems[k].id: total for k, total in zip(found.systems, found.totals, strict=True)}
    stranded = np.flatnonzero(~np.asarray(lines.cash(), dtype=bool))  # the write-offs: the few non-cash lines
    totals = np.asarray(lines.amounts_jpy.values)[stranded].sum(axis=1).tolist() if len(stranded) else []
    subjects = np.asarray(lines.subject.values)[stranded].tolist()
    written = [(lines.subjects[j], int(t)) for j, t in zip(subjects, totals, strict=True)]
    waves = [_wave_cost(ctx, wave, timing, run.baseline, one_time, written) for wave in plan.waves]
    rows = year_rows(ctx.years, run.baseline, run.plan)
    savings = [r.saving_jpy for r in rows]
    value = npv(savings, cost.discount_rate)
    bars, none = tornado(ctx, (baseline, timing), (run.baseline, run.plan), value) if sensitivity else ([], [])
    used_items = {ref.removeprefix("catalog:") for ref in lines.references if ref.startswith("catalog:")}
    result = CostResult(
        as_of=ctx.as_of,
        catalog=CatalogRef(**catalog.model_dump(include=set(CatalogRef.model_fields))),
        first_year=ctx.first_year,
        horizon_years=cost.horizon_years,
        discount_rate=cost.discount_rate,
        years=tuple(rows),
        lines=lines,
        waves=tuple(waves),
        npv_saving_jpy=value,
        total_saving_jpy=sum(savings),
        break_even_year=break_even(ctx.years, [r.cumulative_saving_jpy for r in rows]) if any(savings) else None,
        verdict=verdict_of(value),
        tornado=tuple(bars),
        no_effect=tuple(none),
        estimates=estimates(ctx, lines, sum(r.plan_jpy for r in rows)),
        gaps=cost_gaps(ctx, lines),
        items_used=tuple(it for it in catalog.items if it.id in used_items),
        settings_used=settings_paths(cost),
        setting_sources=dict(sorted(cost.sources.items())),
    )
    return result, [state_running_cost(ctx, plan, state) for state in states]


def _wave_cost(
    ctx: Context,
    wave: Wave,
    timing: Timing,
    baseline: Sums,
    one_time: dict[str, float],
    stranded: list[tuple[str, int]],
) -> WaveCost:
    """A wave's one-time cost (before subsidies), the book value it strands and its refresh-date alternative."""
    estate, day = ctx.estate, wave.cutover.toordinal()
    moved = [x for x in wave.systems if x in estate.system_at and timing.system_leaves[estate.system_at[x]] == day]
    subjects = set(moved) | {estate.servers[k].id for k in np.flatnonzero(timing.server_leaves == day).tolist()}
    written = sum(total for name, total in stranded if name in subjects)
    refresh = at_refresh(ctx, wave, timing, baseline) if written else (None, None, None)
    return WaveCost(
        index=wave.index,
        cutover=wave.cutover,
        systems=tuple(sorted(wave.systems)),
        one_time_jpy=round(sum(one_time.get(s, 0.0) for s in moved)),
        write_off_jpy=written,
        refresh_cutover=refresh[0],
        plan_npv_saving_at_refresh_jpy=refresh[1],
        plan_write_off_at_refresh_jpy=refresh[2],
    )


__all__ = ["StateYear", "cost_case", "cost_plan", "state_running_cost"]
