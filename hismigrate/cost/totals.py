"""Totals-only cost runs: the baseline and a plan's totals, from the subjects' totals (kept per context by
`Subjects`) and the lines no subject owns (shared costs, landing zone and lines, one-time costs and subsidies),
which are booked whole in each run."""

from __future__ import annotations

from hismigrate.cost.cashflow import npv
from hismigrate.cost.cloud import platform_and_lines
from hismigrate.cost.context import Context, Timing, plan_timing
from hismigrate.cost.flats import Flat, Totals, columns, ledger_totals, plus
from hismigrate.cost.ledger import PLAN, Ledger
from hismigrate.cost.one_time import SystemOneTime, moving_systems, subsidies
from hismigrate.cost.onprem import shared_costs
from hismigrate.cost.subjects import Subjects
from hismigrate.model.plan import MigrationPlan


def common_totals(ctx: Context, timing: Timing) -> Flat:
    """The lines no subject owns, for one timing (the baseline's when nothing leaves)."""
    ledger = Ledger(ctx.years, track_basis=False)
    shared_costs(ctx, timing, ledger, PLAN)
    if not timing.system_leaves:
        return columns(list(ledger_totals(ledger, PLAN).values()), 3 * len(ctx.years))
    platform_and_lines(ctx, timing, ledger, PLAN)
    moving = moving_systems(ctx, timing)
    # One-time lines are one per system and year (each its own rounded figure): kept per system as totals.
    rows = [_one_time_totals(ctx, one) for one in moving]
    for subject, year, amount, _basis in subsidies(ctx, moving):
        ledger.add(year, PLAN, "subsidy", subject, amount, ())
    rows.extend(ledger_totals(ledger, PLAN).values())
    return columns(rows, 3 * len(ctx.years))


def _one_time_totals(ctx: Context, one: SystemOneTime) -> Flat:
    """A moving system's one-time lines as totals: each line has its own subject and year, so its own rounding."""
    key = (ctx.first_year, len(ctx.years))
    found: Flat | None = one.totals.get(key)
    if found is None:
        cash = [0] * len(ctx.years)
        position = {year: k for k, year in enumerate(ctx.years)}
        for _subject, year, amount, _basis in one.lines:
            if year in position:
                cash[position[year]] += round(amount)
        found = one.totals[key] = (*cash, *([0] * (2 * len(cash))))  # one-time costs are cash, not running
    return found


def scenario_totals(ctx: Context, timing: Timing) -> tuple[Totals, Totals]:
    """(baseline, plan) totals of a plan's timing, every subject booked at most once per slice in this context."""
    subjects = Subjects.of(ctx)
    base = ctx.memo.get("baseline_totals")
    if base is None:
        base = ctx.memo["baseline_totals"] = Totals.of(plus(subjects.baseline(), common_totals(ctx, subjects.empty)))
    return base, Totals.of(plus(subjects.plan(timing), common_totals(ctx, timing)))


def plan_npv(ctx: Context, plan: MigrationPlan, timing: Timing | None = None) -> tuple[int, int]:
    """NPV of the delta and the total write-off of a plan (for sensitivity and wave alternatives); `timing` is the
    plan's, when already known."""
    base, planned = scenario_totals(ctx, timing or plan_timing(ctx, plan))
    deltas = [b - p for b, p in zip(base.cash, planned.cash, strict=True)]
    return npv(deltas, ctx.settings.discount_rate), sum(base.written) + sum(planned.written)


__all__ = ["plan_npv", "scenario_totals"]
