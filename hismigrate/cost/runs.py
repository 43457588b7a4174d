"""Totals of a run: per category, the year sums of its rounded lines under one timing (a run recomputes only the
categories it is asked for); the full run, every category of both scenarios with its bases, as the result's
column-wise lines (sorted by scenario, category and subject; lines whose every year rounds to zero left out);
and from the sums a scenario's cash, write-off and running cost per year, the year rows (baseline, plan, saving,
cumulative saving, write-off), the NPV and the break-even year."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate

import numpy as np

from hismigrate.cost.categories import BY_NAME, CATEGORIES, Category
from hismigrate.cost.context import Context
from hismigrate.cost.table import Basis, column_sums, merged, rounded, year_sums
from hismigrate.cost.timing import Timing
from hismigrate.model.columns import IntColumn, IntRows
from hismigrate.model.cost import CostLines, YearCost

Sums = dict[str, np.ndarray]  # category -> JPY per year (sums of rounded lines)


def category_sums(ctx: Context, timing: Timing, categories: Iterable[Category] = CATEGORIES) -> Sums:
    return {c.name: year_sums(c.book(ctx, timing, False), len(ctx.years)) for c in categories}


@dataclass(frozen=True)
class FullRun:
    lines: CostLines
    baseline: Sums
    plan: Sums


def full_run(ctx: Context, baseline: Timing, plan: Timing) -> FullRun:
    n = len(ctx.years)
    sums: tuple[Sums, Sums] = ({}, {})
    scenario, category, subject, amounts = [], [], [], []
    bases: list[Basis] = []
    for s, timing in enumerate((baseline, plan)):
        for c, cat in enumerate(CATEGORIES):
            rows = merged(cat.book(ctx, timing, True))
            figures = rounded(rows.amounts)
            sums[s][cat.name] = column_sums(figures, n)
            kept = np.flatnonzero(figures.any(axis=1))
            scenario.append(np.full(len(kept), s, dtype=np.int64))
            category.append(np.full(len(kept), c, dtype=np.int64))
            subject.append(rows.subjects[kept])
            amounts.append(figures[kept])
            assert rows.bases is not None
            bases += [rows.bases[k] for k in kept.tolist()]
    return FullRun(_lines(ctx, scenario, category, subject, amounts, bases), sums[0], sums[1])


def _lines(
    ctx: Context,
    scenario: list[np.ndarray],
    category: list[np.ndarray],
    subject: list[np.ndarray],
    amounts: list[np.ndarray],
    bases: list[Basis],
) -> CostLines:
    n = len(ctx.years)
    scenarios, categories, subjects = (np.concatenate(x) for x in (scenario, category, subject))
    if any(a.dtype == object for a in amounts):
        amounts = [a.astype(object) for a in amounts]
    figures = np.concatenate(amounts).reshape(len(scenarios), n) if amounts else np.zeros((0, n), dtype=np.int64)
    used_subjects, subject_at = np.unique(subjects, return_inverse=True)
    subject_names = [ctx.subject_name(int(c)) for c in used_subjects.tolist()]
    subject_rank = np.argsort(np.argsort(np.array(subject_names, dtype=object), kind="stable"), kind="stable")
    # texts stored once: used categories and subjects in their sorted order, references sorted, each basis once
    category_names = [c.name for c in CATEGORIES]
    used = sorted({category_names[c] for c in categories.tolist()})
    category_at = np.array([used.index(c) if c in used else -1 for c in category_names], dtype=np.int32)
    subject_at = subject_at.reshape(-1)
    order = np.lexsort((subject_rank[subject_at], category_at[categories], scenarios))
    sorted_subjects = sorted(subject_names)
    raw = list(map(bases.__getitem__, order.tolist()))
    canonical = {b: tuple(sorted(set(b))) for b in dict.fromkeys(raw)}  # many lines share one basis
    references = sorted(set().union(*canonical.values()))
    reference_at = {r: k for k, r in enumerate(references)}
    basis_at = {b: k for k, b in enumerate(dict.fromkeys(canonical.values()))}
    number = {b: basis_at[c] for b, c in canonical.items()}
    return CostLines(
        categories=tuple(used),
        category_cash=tuple(BY_NAME[c].cash for c in used),
        subjects=tuple(sorted_subjects),
        references=tuple(references),
        bases=tuple(tuple(map(reference_at.__getitem__, basis)) for basis in basis_at),
        scenario=IntColumn(scenarios[order].astype(np.int8)),
        category=IntColumn(category_at[categories[order]]),
        subject=IntColumn(subject_rank[subject_at[order]].astype(np.int32)),
        basis=IntColumn(np.fromiter(map(number.__getitem__, raw), dtype=np.int32, count=len(raw))),
        amounts_jpy=IntRows(figures[order]),
    )


def total(sums: Mapping[str, np.ndarray], years: int, cash: bool = True, running: bool = False) -> list[int]:
    """Per year: the sum of the cash (or non-cash: write-off) categories of `sums` (only the running ones, when
    asked)."""
    chosen = [v.tolist() for n, v in sums.items() if BY_NAME[n].cash == cash and (BY_NAME[n].running or not running)]
    return [sum(year) for year in zip(*chosen, strict=True)] if chosen else [0] * years


def npv(amounts: list[int], rate: float) -> int:
    """Net present value, the first year undiscounted (it is the year of `as_of`)."""
    return round(sum(d / (1 + rate) ** k for k, d in enumerate(amounts)))


def saving_npv(ctx: Context, base: Mapping[str, np.ndarray], plan: Mapping[str, np.ndarray]) -> int:
    """NPV of the yearly savings (baseline minus plan)."""
    n = len(ctx.years)
    savings = [b - p for b, p in zip(total(base, n), total(plan, n), strict=True)]
    return npv(savings, ctx.settings.discount_rate)


def running_cost(ctx: Context, timing: Timing, year: int) -> int | None:
    """What a timing costs to run in fiscal `year`: cash lines without one-time costs, subsidies and replacement
    purchases; None when the year is outside the horizon."""
    if year not in ctx.years:
        return None
    sums = category_sums(ctx, timing, [c for c in CATEGORIES if c.running and c.cash])
    return total(sums, len(ctx.years), running=True)[ctx.years.index(year)]


def year_rows(years: Sequence[int], baseline: Sums, plan: Sums) -> list[YearCost]:
    n = len(years)
    base, planned = total(baseline, n), total(plan, n)
    stranded = [a + b for a, b in zip(total(baseline, n, cash=False), total(plan, n, cash=False), strict=True)]
    savings = [b - p for b, p in zip(base, planned, strict=True)]
    return [
        YearCost(
            year=year,
            baseline_jpy=b,
            plan_jpy=p,
            saving_jpy=saving,
            cumulative_saving_jpy=cumulative,
            write_off_jpy=written,
        )
        for year, b, p, saving, cumulative, written in zip(
            years, base, planned, savings, accumulate(savings), stranded, strict=True
        )
    ]


def break_even(years: Sequence[int], cumulative: Sequence[int]) -> int | None:
    """First year from which the cumulative saving stays at or above zero; None when it ends below zero."""
    found = None
    for year, value in zip(years, cumulative, strict=True):
        found = (year if found is None else found) if value >= 0 else None
    return found
