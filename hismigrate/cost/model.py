"""The cost model's entry point: `cost_plan(inventory, plan, settings, catalog, as_of) -> CostResult`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from typing import Any

import numpy as np

from hismigrate.cost.cashflow import break_even, npv, rounded_lines, year_rows
from hismigrate.cost.cloud import cloud_costs
from hismigrate.cost.context import Context, Timing, make_context, plan_timing, settings_paths, shifted
from hismigrate.cost.flats import Totals
from hismigrate.cost.ledger import BASELINE, PLAN, Ledger
from hismigrate.cost.one_time import one_time_costs, write_offs
from hismigrate.cost.onprem import onprem_costs, system_anchor, system_cycle, system_purchase
from hismigrate.cost.onprem_servers import server_anchor
from hismigrate.cost.sensitivity import Dependencies, subject_dependencies
from hismigrate.cost.subjects import Subjects
from hismigrate.cost.totals import plan_npv, scenario_totals
from hismigrate.model.calendar import cycle_dates
from hismigrate.model.cost import CatalogRef, CostLine, CostResult, Gap, WaveCost
from hismigrate.model.enums import Strategy
from hismigrate.model.inventory import Inventory
from hismigrate.model.plan import MigrationPlan, Wave
from hismigrate.model.prices import PriceCatalog
from hismigrate.model.settings import CostSettings, Settings
from hismigrate.parallel import run_tasks


def _full_run(
    ctx: Context, plan: MigrationPlan, dependencies: bool
) -> tuple[list[CostLine], np.ndarray, dict[str, float], Dependencies | None]:
    """Both scenarios with every basis: the lines, their figures as one matrix, the one-time total per system and
    (when asked) which subjects name each setting and item, for the sensitivity runs. The subjects' totals are kept
    for the totals-only runs that follow."""
    ledger = Ledger(ctx.years)
    subjects = Subjects.of(ctx)
    onprem_costs(ctx, subjects.empty, ledger, BASELINE)
    timing = plan_timing(ctx, plan)
    onprem_costs(ctx, timing, ledger, PLAN)
    cloud_costs(ctx, timing, ledger, PLAN)
    totals = one_time_costs(ctx, timing, ledger, PLAN)
    write_offs(ctx, timing, ledger, PLAN)
    lines, amounts = rounded_lines(ledger)
    subjects.remember(lines, subjects.empty, timing, amounts)
    deps = subject_dependencies(ledger) if dependencies else None
    return lines, amounts, totals, deps  # the ledger goes: its lines hold what is kept


def running_cost(ctx: Context, plan: MigrationPlan, year: int) -> int | None:
    """What `plan` costs to run in fiscal `year`: cash lines of the plan scenario without one-time costs, subsidies
    and replacement purchases (`NOT_RUNNING`), rounded one by one; None when the year is outside the horizon."""
    if year not in ctx.years:
        return None
    planned = scenario_totals(ctx, plan_timing(ctx, plan))[1]
    return planned.running[ctx.years.index(year)]


MAX_REFRESH_CANDIDATES = 6  # bounds the extra runs per wave on large estates


def _refresh_candidates(ctx: Context, wave: Wave, timing: Timing) -> list[date]:
    """Dates after the cutover at which one of the wave's assets is due for refresh anyway."""
    dues: set[date] = set()
    for system_id in wave.systems:
        system = ctx.index.systems.get(system_id)
        if system is None:
            continue
        anchor = system_anchor(ctx, system)
        # Only software that is replaced or switched off can be stranded; rehosted software moves along.
        if anchor is not None and timing.moved_by(system_id) in (Strategy.repurchase, Strategy.retire):
            cycle = system_cycle(ctx, system)[0]
            dues.update([d for d in cycle_dates(anchor, cycle, ctx.last_year) if d > wave.cutover][:1])
        for server in ctx.servers_of(system):
            anchor = server_anchor(ctx, server)
            if anchor is not None and server.purchase_price_jpy:
                cycle = ctx.settings.refresh.server_years
                dues.update([d for d in cycle_dates(anchor, cycle, ctx.last_year) if d > wave.cutover][:1])
    return sorted(dues)[:MAX_REFRESH_CANDIDATES]


def _written(ctx: Context, timing: Timing) -> int:
    """A plan's total write-off alone: the book value it strands (only subjects are written off)."""
    subjects = Subjects.of(ctx)
    return sum(Totals.of(subjects.baseline()).written) + subjects.written(timing)


def _at_refresh(
    ctx: Context, plan: MigrationPlan, wave: Wave, timing: Timing
) -> tuple[date | None, int | None, int | None]:
    """Of the refresh dates, the one that strands least (then saves most): cutover date, NPV and write-off."""
    # The write-off decides first and costs a fraction of a full run, so only the dates tied on the least
    # write-off are costed in full (the NPV breaks the tie); the choice is the same as costing every date.
    written_at: dict[date, tuple[Timing, int]] = {}
    for day in _refresh_candidates(ctx, wave, timing):
        moved = shifted(ctx, timing, wave.systems, day)
        written_at[day] = (moved, _written(ctx, moved))
    if not written_at:
        return None, None, None
    least = min(written for _timing, written in written_at.values())
    best: tuple[int, int, date] | None = None
    for day, (moved, written) in written_at.items():
        if written != least:
            continue
        value, written = plan_npv(ctx, plan, moved)
        if best is None or (written, -value) < (best[0], -best[1]):
            best = (written, value, day)
    assert best is not None
    return best[2], best[1], best[0]


def _wave_write_offs(
    ctx: Context, plan: MigrationPlan, timing: Timing, lines: list[CostLine]
) -> list[tuple[Wave, list[str], int]]:
    """Per wave: the systems that leave at its cutover and the book value the wave strands."""
    stranded = [(line.subject, sum(line.amounts_jpy)) for line in lines if not line.cash]  # the few write-offs
    out = []
    for wave in plan.waves:
        moved = [s for s in wave.systems if timing.system_leaves.get(s) == wave.cutover]
        servers = {sid for sid, day in timing.server_leaves.items() if day == wave.cutover}
        subjects = set(moved) | servers
        written = sum(amount for subject, amount in stranded if subject in subjects)
        out.append((wave, moved, written))
    return out


def _wave_cost(
    wave: Wave, moved: list[str], written: int, one_time: dict[str, float], refresh: tuple[date | None, ...]
) -> WaveCost:
    return WaveCost(
        index=wave.index,
        cutover=wave.cutover,
        systems=tuple(sorted(wave.systems)),
        one_time_jpy=round(sum(one_time.get(s, 0.0) for s in moved)),
        write_off_jpy=written,
        refresh_cutover=refresh[0],
        refresh_npv_delta_jpy=refresh[1],
        refresh_write_off_jpy=refresh[2],
    )


def _gaps(ctx: Context) -> list[Gap]:
    gaps = []
    for server in ctx.inventory.servers:
        if not server.purchase_price_jpy:
            gaps.append(Gap(subject=server.id, key="server_price"))
        elif server_anchor(ctx, server) is None:
            gaps.append(Gap(subject=server.id, key="server_date"))
    for system in ctx.inventory.systems:
        if not system_purchase(ctx, system)[0]:
            gaps.append(Gap(subject=system.id, key="system_maintenance"))
        elif system.contract_end is None:
            gaps.append(Gap(subject=system.id, key="system_contract_end"))
    return gaps


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
    return cost_plan_in(make_context(inventory, cost, catalog, as_of), plan, sensitivity)


def cost_plan_in(ctx: Context, plan: MigrationPlan, sensitivity: bool = False) -> CostResult:
    """`cost_plan` in a given context, so that later totals-only runs in it (running costs per state) reuse its
    subjects' totals."""
    return cost_case(ctx, plan, sensitivity)[0]


# (waves done, fiscal year): the migration state after that many waves of the plan, and the year to cost it in.
StateYear = tuple[int, int]


def cost_case(
    ctx: Context, plan: MigrationPlan, sensitivity: bool = False, states: Sequence[StateYear] = (), jobs: int = 1
) -> tuple[CostResult, list[int | None]]:
    """The cost case of `plan` and the running cost of each of `states` (see `running_cost`).

    The full run comes first and keeps every subject's totals in `ctx`; the totals-only runs that follow (each
    wave's refresh-date alternative, each sensitivity variant, each state) are independent of one another and run
    on `jobs` cores."""
    cost, catalog, as_of = ctx.settings, ctx.catalog, ctx.as_of
    lines, amounts, one_time, deps = _full_run(ctx, plan, dependencies=sensitivity)
    timing = plan_timing(ctx, plan)
    waves = _wave_write_offs(ctx, plan, timing, lines)

    # The long tasks first (workers take them in order): the biggest waves' alternatives, then the variants.
    stranding = sorted((w for w in waves if w[2]), key=lambda w: (-len(w[0].systems), w[0].index))
    tasks: list[Callable[[], Any]] = [partial(_at_refresh, ctx, plan, wave, timing) for wave, _, _ in stranding]
    if sensitivity:
        from hismigrate.cost.sensitivity import tornado_bars, variant_npvs

        assert deps is not None
        tasks += variant_npvs(ctx, plan, deps, timing)
    tasks += [partial(running_cost, ctx, _truncated(plan, done), year) for done, year in states]
    results = run_tasks(tasks, jobs)

    refresh = dict(zip((w[0].index for w in stranding), results, strict=False))
    tornado = tuple(tornado_bars(results[len(stranding) : len(results) - len(states)])) if sensitivity else ()
    running = results[len(results) - len(states) :]

    rows = year_rows(ctx.years, lines, amounts)
    del amounts
    deltas = [r.delta_jpy for r in rows]
    value = npv(deltas, cost.discount_rate)
    named = set().union(*(line.basis for line in lines))  # each line's few references, unioned in C
    used_items = {ref.removeprefix("catalog:") for ref in named if ref.startswith("catalog:")}
    verdict = "saves" if value > 0 else "costs" if value < 0 else "neutral"
    result = CostResult(
        as_of=as_of,
        catalog=CatalogRef(
            id=catalog.id,
            provider=catalog.provider,
            region=catalog.region,
            as_of=catalog.as_of,
            merged_from=catalog.merged_from,
        ),
        first_year=ctx.first_year,
        horizon_years=cost.horizon_years,
        discount_rate=cost.discount_rate,
        years=tuple(rows),
        lines=tuple(lines),
        waves=tuple(
            _wave_cost(wave, moved, written, one_time, refresh.get(wave.index, (None, None, None)))
            for wave, moved, written in waves
        ),
        npv_delta_jpy=value,
        total_delta_jpy=sum(deltas),
        break_even_year=break_even(rows) if any(d != 0 for d in deltas) else None,
        verdict=verdict,
        tornado=tornado,
        gaps=tuple(_gaps(ctx)),
        items_used=tuple(it for it in catalog.items if it.id in used_items),
        settings_used=settings_paths(cost),
        setting_sources=dict(sorted(cost.sources.items())),
    )
    return result, running


def _truncated(plan: MigrationPlan, waves: int) -> MigrationPlan:
    return plan.model_copy(update={"waves": plan.waves[:waves]})


__all__ = ["cost_case", "cost_plan", "plan_npv", "running_cost"]
