"""From booked lines to years: baseline, plan, delta and cumulative delta; NPV and the break-even year."""

from __future__ import annotations

from collections.abc import Sequence
from operator import add

from hismigrate.cost.ledger import BASELINE, Ledger
from hismigrate.cost.result import CostLine, YearCost


def to_lines(ledger: Ledger) -> list[CostLine]:
    """Every booked series with each year rounded to the yen, sorted; year totals are sums of these rounded figures."""
    out = []
    rows, bases = ledger.amounts, ledger.bases
    for key in sorted(rows):
        amounts = tuple(map(round, rows[key]))
        if not any(amounts):
            continue
        scenario, category, subject, cash = key
        out.append(
            CostLine(
                scenario=scenario,  # type: ignore[arg-type]
                category=category,
                subject=subject,
                cash=cash,
                amounts_jpy=amounts,
                basis=tuple(sorted(bases[key])),
            )
        )
    return out


def year_rows(years: Sequence[int], lines: Sequence[CostLine]) -> list[YearCost]:
    n = len(years)
    base, plan, written = [0] * n, [0] * n, [0] * n
    for line in lines:
        target = written if not line.cash else base if line.scenario == BASELINE else plan
        target[:] = map(add, target, line.amounts_jpy)
    rows, cumulative = [], 0
    for k, year in enumerate(years):
        delta = base[k] - plan[k]
        cumulative += delta
        rows.append(
            YearCost(
                year=year,
                baseline_jpy=base[k],
                plan_jpy=plan[k],
                delta_jpy=delta,
                cumulative_delta_jpy=cumulative,
                write_off_jpy=written[k],
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
