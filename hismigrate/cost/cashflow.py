"""From the full run's sums to years: baseline, plan, delta and cumulative delta, write-off; the break-even year."""

from __future__ import annotations

from collections.abc import Sequence

from hismigrate.cost.runs import Sums, cash, written
from hismigrate.model.cost import YearCost


def year_rows(years: Sequence[int], baseline: Sums, plan: Sums) -> list[YearCost]:
    n = len(years)
    base, planned = cash(baseline, n), cash(plan, n)
    stranded = [a + b for a, b in zip(written(baseline, n), written(plan, n), strict=True)]
    rows, cumulative = [], 0
    for k, year in enumerate(years):
        delta = base[k] - planned[k]
        cumulative += delta
        rows.append(
            YearCost(
                year=year,
                baseline_jpy=base[k],
                plan_jpy=planned[k],
                delta_jpy=delta,
                cumulative_delta_jpy=cumulative,
                write_off_jpy=stranded[k],
            )
        )
    return rows


def break_even(rows: Sequence[YearCost]) -> int | None:
    """First year from which the cumulative delta stays at or above zero; None when it ends below zero."""
    found = None
    for row in rows:
        found = (row.year if found is None else found) if row.cumulative_delta_jpy >= 0 else None
    return found
