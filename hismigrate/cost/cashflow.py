"""From booked lines to years: baseline, plan, delta and cumulative delta; NPV and the break-even year."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain, compress
from operator import add

import numpy as np

from hismigrate.cost.ledger import BASELINE, Ledger
from hismigrate.model.cost import CostLine, YearCost, cost_line


def to_lines(ledger: Ledger) -> list[CostLine]:
    """Every booked series with each year rounded to the yen, sorted; year totals are sums of these rounded figures."""
    return rounded_lines(ledger)[0]


def rounded_lines(ledger: Ledger) -> tuple[list[CostLine], np.ndarray]:
    """`to_lines`, and the lines' amounts as one integer matrix (row k: line k), for the sums taken from them."""
    rows, bases = ledger.amounts, ledger.bases
    keys = _sorted_keys(rows)
    n = len(ledger.years)
    # Rounded in one numpy pass: np.rint rounds half to even, as Python's round does, to the same integers.
    floats = np.fromiter(chain.from_iterable(map(rows.__getitem__, keys)), dtype=np.float64, count=len(keys) * n)
    if np.all(np.abs(floats) < 2.0**62):
        amounts = np.rint(floats.reshape(len(keys), n)).astype(np.int64)
    else:  # beyond 64-bit integers (or not finite): Python's round, which keeps them whole (or fails as it does)
        amounts = np.array([list(map(round, rows[key])) for key in keys], dtype=object).reshape(len(keys), n)
    kept = np.asarray(amounts.any(axis=1), dtype=bool)
    amounts = amounts[kept]
    out = []
    canonical: dict[int, tuple[str, ...]] = {}  # by the identity of a kept basis (shared by many rows; alive here)
    for (scenario, category, subject, cash), figures in zip(
        compress(keys, kept.tolist()), amounts.tolist(), strict=True
    ):
        named = bases[scenario, category, subject, cash]
        basis = canonical.get(id(named))
        if basis is None:
            basis = canonical[id(named)] = tuple(sorted(set(named)))
        out.append(cost_line(scenario, category, subject, cash, tuple(figures), basis))
    return out, amounts


def _sorted_keys(rows: dict[tuple[str, str, str, bool], list[float]]) -> list[tuple[str, str, str, bool]]:
    """The keys in tuple order, sorted by one joined text (half the time of comparing a million tuples): the same
    order while no part holds a NUL, the lowest character; else as tuples."""
    keys = list(rows)
    if any("\0" in subject or "\0" in category for _scenario, category, subject, _cash in keys):
        return sorted(keys)
    return sorted(keys, key=lambda k: f"{k[0]}\0{k[1]}\0{k[2]}\0{k[3]:d}")


def year_rows(years: Sequence[int], lines: Sequence[CostLine], amounts: np.ndarray | None = None) -> list[YearCost]:
    """Each year's baseline, plan, delta, cumulative delta and write-off: sums of the lines' rounded figures.
    `amounts`, when given, is the lines' figures as one matrix (see `rounded_lines`), summed in whole columns."""
    n = len(years)
    if amounts is None:
        base, plan, written = [0] * n, [0] * n, [0] * n
        for line in lines:
            target = written if not line.cash else base if line.scenario == BASELINE else plan
            target[:] = map(add, target, line.amounts_jpy)
    else:
        base, plan, written = _column_sums(lines, amounts, n)
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


def _column_sums(lines: Sequence[CostLine], amounts: np.ndarray, n: int) -> list[list[int]]:
    """Per year: the baseline's cash, the plan's cash and the write-offs, summed exactly (as Python integers when a
    64-bit sum could overflow)."""
    kind = np.fromiter(
        (2 if not line.cash else 0 if line.scenario == BASELINE else 1 for line in lines),
        dtype=np.int8,
        count=len(lines),
    )
    if (
        amounts.dtype != object
        and len(lines)
        and float(np.abs(amounts.astype(np.float64)).max()) * len(lines) >= 2.0**62
    ):
        amounts = amounts.astype(object)
    out = []
    for k in range(3):
        chosen = amounts[kind == k]
        out.append([int(x) for x in chosen.sum(axis=0)] if len(chosen) else [0] * n)
    return out


def npv(deltas: Sequence[int], rate: float) -> int:
    """Net present value, the first year undiscounted (it is the year of `as_of`)."""
    return round(sum(d / (1 + rate) ** k for k, d in enumerate(deltas)))


def break_even(rows: Sequence[YearCost]) -> int | None:
    """First year from which the cumulative delta stays at or above zero; None when it ends below zero."""
    found = None
    for row in rows:
        found = (row.year if found is None else found) if row.cumulative_delta_jpy >= 0 else None
    return found
