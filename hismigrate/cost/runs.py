"""Totals of a run: per category, the year sums of its rounded lines under one timing; and from them a scenario's
cash, write-off and running cost per year, the year rows (baseline, plan, saving, cumulative saving, write-off), the
NPV and the break-even year. A run recomputes only the categories it is asked for."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from hismigrate.cost.categories import BY_NAME, CATEGORIES, Category
from hismigrate.cost.context import Context
from hismigrate.cost.table import year_sums
from hismigrate.cost.timing import Timing
from hismigrate.model.cost import YearCost

Sums = dict[str, np.ndarray]  # category -> JPY per year (sums of rounded lines)


def category_sums(ctx: Context, timing: Timing, categories: Iterable[Category] = CATEGORIES) -> Sums:
    return {c.name: year_sums(c.book(ctx, timing, False), len(ctx.years)) for c in categories}


def _total(sums: Mapping[str, np.ndarray], years: int, cash: bool, running: bool = False) -> list[int]:
    """Per year: the sum of the cash (or non-cash) categories of `sums` (only the running ones, when asked)."""
    out = [0] * years
    for name in (n for n in sums if BY_NAME[n].cash == cash and (BY_NAME[n].running or not running)):
        out = [a + int(b) for a, b in zip(out, sums[name].tolist(), strict=True)]
    return out


def cash(sums: Mapping[str, np.ndarray], years: int) -> list[int]:
    return _total(sums, years, cash=True)


def written(sums: Mapping[str, np.ndarray], years: int) -> list[int]:
    return _total(sums, years, cash=False)


def npv(amounts: list[int], rate: float) -> int:
    """Net present value, the first year undiscounted (it is the year of `as_of`)."""
    return round(sum(d / (1 + rate) ** k for k, d in enumerate(amounts)))


def saving_npv(ctx: Context, base: Mapping[str, np.ndarray], plan: Mapping[str, np.ndarray]) -> int:
    """NPV of the yearly savings (baseline minus plan)."""
    n = len(ctx.years)
    savings = [b - p for b, p in zip(cash(base, n), cash(plan, n), strict=True)]
    return npv(savings, ctx.settings.discount_rate)


def replaced(sums: Sums, changed: Sums) -> Sums:
    """`sums` with the categories of `changed` taken from it."""
    return {**sums, **changed}


def running_cost(ctx: Context, timing: Timing, year: int) -> int | None:
    """What a timing costs to run in fiscal `year`: cash lines without one-time costs, subsidies and replacement
    purchases; None when the year is outside the horizon."""
    if year not in ctx.years:
        return None
    sums = category_sums(ctx, timing, [c for c in CATEGORIES if c.running and c.cash])
    return _total(sums, len(ctx.years), cash=True, running=True)[ctx.years.index(year)]


def year_rows(years: Sequence[int], baseline: Sums, plan: Sums) -> list[YearCost]:
    n = len(years)
    base, planned = cash(baseline, n), cash(plan, n)
    stranded = [a + b for a, b in zip(written(baseline, n), written(plan, n), strict=True)]
    rows, cumulative = [], 0
    for k, year in enumerate(years):
        saving = base[k] - planned[k]
        cumulative += saving
        rows.append(
            YearCost(
                year=year,
                baseline_jpy=base[k],
                plan_jpy=planned[k],
                saving_jpy=saving,
                cumulative_saving_jpy=cumulative,
                write_off_jpy=stranded[k],
            )
        )
    return rows


def break_even(years: Sequence[int], cumulative: Sequence[int]) -> int | None:
    """First year from which the cumulative saving stays at or above zero; None when it ends below zero."""
    found = None
    for year, value in zip(years, cumulative, strict=True):
        found = (year if found is None else found) if value >= 0 else None
    return found
