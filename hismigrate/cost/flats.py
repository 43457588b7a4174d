"""Per-subject totals kept flat: what each cost category counts as (running or not, cloud or on premises, owned by a
subject or common), and the year vectors (cash, written, running) that totals-only runs add up."""

from __future__ import annotations

from dataclasses import dataclass
from operator import add

from hismigrate.cost.ledger import Ledger

# What a year in a state costs to run leaves out one-time costs and subsidies, write-offs, and the lumpy replacement
# purchases of the cash view (they are in the year-by-year cost case).
NOT_RUNNING = frozenset({"one_time", "subsidy", "write_off", "software_refresh", "hardware_refresh"})
# Lines no subject owns: booked whole in every run.
COMMON = frozenset({"shared", "cloud_platform", "connectivity", "one_time", "subsidy"})
# A subject's lines come in two parts kept apart, so that a sensitivity variant that changes only cloud prices or
# the exchange rate rebooks only the cloud part: on premises (with write-offs) and in the cloud.
CLOUD = frozenset({"cloud_compute", "cloud_storage", "cloud_backup", "cloud_staff", "cloud_egress", "saas"})
ONPREM_PART, CLOUD_PART = 0, 1


@dataclass(frozen=True)
class Totals:
    """Per year of the horizon: cash cost, write-off (non-cash) and the running part of the cash cost."""

    cash: tuple[int, ...]
    written: tuple[int, ...]
    running: tuple[int, ...]

    @staticmethod
    def of(flat: tuple[int, ...]) -> Totals:
        n = len(flat) // 3
        return Totals(flat[:n], flat[n : 2 * n], flat[2 * n :])


# A subject's totals are kept flat (cash, written, running: three runs of one figure per year) so that the totals
# of many subjects add up column by column in C.
Flat = tuple[int, ...]


def columns(rows: list[Flat], width: int) -> Flat:
    return tuple(map(sum, zip(*rows, strict=True))) if rows else (0,) * width


def plus(*parts: Flat) -> Flat:
    return tuple(map(sum, zip(*parts, strict=True)))


def minus(a: Flat, b: Flat) -> Flat:
    return tuple(x - y for x, y in zip(a, b, strict=True))


def ledger_totals(ledger: Ledger, scenario: str) -> dict[str, Flat]:
    """One scenario's rows of a ledger, rounded per year and summed per subject."""
    n = len(ledger.years)
    sums: dict[str, tuple[list[int], list[int], list[int]]] = {}
    zeros = [0] * n
    for (row_scenario, category, subject, cash), row in ledger.amounts.items():
        if row_scenario != scenario:
            continue
        found = sums.get(subject)
        if found is None:
            found = sums[subject] = (zeros.copy(), zeros.copy(), zeros.copy())
        rounded = list(map(round, row))
        if cash:
            found[0][:] = map(add, found[0], rounded)
            if category not in NOT_RUNNING:
                found[2][:] = map(add, found[2], rounded)
        else:
            found[1][:] = map(add, found[1], rounded)
    return {subject: (*c, *w, *r) for subject, (c, w, r) in sums.items()}


__all__ = [
    "CLOUD",
    "CLOUD_PART",
    "COMMON",
    "NOT_RUNNING",
    "ONPREM_PART",
    "Flat",
    "Totals",
    "columns",
    "ledger_totals",
    "minus",
    "plus",
]
