"""The full run: every category of both scenarios with its bases, as the result's column-wise lines (sorted by
scenario, category, subject and cash; lines whose every year rounds to zero left out), and each category's year
sums for the runs that follow."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hismigrate.cost.categories import BY_NAME, CATEGORIES
from hismigrate.cost.context import Context
from hismigrate.cost.runs import Sums
from hismigrate.cost.table import Basis, column_sums, merged, rounded
from hismigrate.cost.timing import Timing
from hismigrate.model.columns import IntColumn, IntRows
from hismigrate.model.cost import CostLines


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
            kept = np.flatnonzero(figures.any(axis=1)) if len(figures) else np.zeros(0, dtype=np.int64)
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
    category_names = [c.name for c in CATEGORIES]
    category_rank = np.argsort(np.argsort(np.array(category_names, dtype=object), kind="stable"), kind="stable")
    subject_at = subject_at.reshape(-1)
    order = np.lexsort((subject_rank[subject_at], category_rank[categories], scenarios))
    # texts stored once: used categories and subjects in their sorted order, references sorted, each basis once
    used = sorted({category_names[c] for c in categories.tolist()})
    category_at = np.array([used.index(c) if c in used else -1 for c in category_names], dtype=np.int32)
    sorted_subjects = sorted(subject_names)
    raw = list(map(bases.__getitem__, order.tolist()))
    canonical = {b: tuple(sorted(set(b))) for b in dict.fromkeys(raw)}  # many lines share one basis
    references = sorted(set().union(*canonical.values()))
    reference_at = dict(zip(references, range(len(references)), strict=True))
    basis_at: dict[Basis, int] = {}
    for basis in canonical.values():
        basis_at.setdefault(basis, len(basis_at))
    number = dict(zip(canonical, map(basis_at.__getitem__, canonical.values()), strict=True))
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
