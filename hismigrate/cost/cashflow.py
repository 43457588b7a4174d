"""From booked lines to years: baseline, plan, delta and cumulative delta; NPV and the break-even year."""

from __future__ import annotations

from collections.abc import Sequence

from hismigrate.cost.ledger import BASELINE, PLAN, Ledger
from hismigrate.cost.result import CostLine, YearCost


def to_lines(ledger: Ledger) -> list[CostLine]:
    """Every booked amount rounded to the yen, sorted; year totals are sums of these rounded lines."""
    out = []
    for key in sorted(ledger.amounts):
        year, scenario, category, subject, cash = key
        amount = round(ledger.amounts[key])
        if amount == 0:
            continue
        # Built without re-validation: the ledger's keys and amounts are already of the right types.
        out.append(
            CostLine.model_construct(
                year=year,
                scenario=scenario,  # type: ignore[arg-type]
                category=category,
                subject=subject,
                amount_jpy=amount,
                cash=cash,
                basis=tuple(sorted(ledger.bases[key])),
            )
        )
    return out


def year_totals(ledger: Ledger) -> tuple[list[int], list[int]]:
    """Cash delta and write-off per year, summed from the rounded lines (fast path for repeated runs)."""
    delta = dict.fromkeys(ledger.years, 0)
    written = dict.fromkeys(ledger.years, 0)
    for (year, scenario, _category, _subject, cash), amount in ledger.amounts.items():
        rounded = round(amount)
        if not cash:
            written[year] += rounded
        else:
            delta[year] += rounded if scenario == BASELINE else -rounded
    return [delta[y] for y in ledger.years], [written[y] for y in ledger.years]


def year_rows(years: Sequence[int], lines: Sequence[CostLine]) -> list[YearCost]:
    base = dict.fromkeys(years, 0)
    plan = dict.fromkeys(years, 0)
    written = dict.fromkeys(years, 0)
    for line in lines:
        if not line.cash:
            written[line.year] += line.amount_jpy
        elif line.scenario == BASELINE:
            base[line.year] += line.amount_jpy
        elif line.scenario == PLAN:
            plan[line.year] += line.amount_jpy
    rows, cumulative = [], 0
    for year in years:
        delta = base[year] - plan[year]
        cumulative += delta
        rows.append(
            YearCost(
                year=year,
                baseline_jpy=base[year],
                plan_jpy=plan[year],
                delta_jpy=delta,
                cumulative_delta_jpy=cumulative,
                write_off_jpy=written[year],
            )
        )
    return rows


def npv(deltas: Sequence[int], rate: float) -> int:
    """Net present value, the first year undiscounted (it is the year of `as_of`)."""
    return round(sum(d / (1 + rate) ** k for k, d in enumerate(deltas)))


def break_even(rows: Sequence[YearCost]) -> int | None:
    """First year from which the cumulative delta stays at or above zero; None when it ends below zero."""
    found = None
    for row in rows:
        found = (row.year if found is None else found) if row.cumulative_delta_jpy >= 0 else None
    return found
