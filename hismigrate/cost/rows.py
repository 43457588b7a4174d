"""Cost rows of many subjects at once: one numpy matrix per category (subjects x years), booked into a ledger with
their bases for a full run, or rounded and summed per subject for the totals-only runs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from hismigrate.cost.flats import NOT_RUNNING
from hismigrate.cost.ledger import Ledger


@dataclass
class Rows:
    """One category's rows: subject `ids[i]` costs `amounts[i]` (JPY per year of the horizon)."""

    ids: list[str]
    amounts: np.ndarray


def book_rows(ledger: Ledger, scenario: str, rows: dict[str, Rows], basis: Callable[[str, int], Iterable[str]]) -> None:
    """Add every row to a ledger; `basis(category, i)` names what row i was computed from (asked only when the
    ledger keeps bases)."""
    for category, found in rows.items():
        for k, (subject, amounts) in enumerate(zip(found.ids, found.amounts.tolist(), strict=True)):
            ledger.add_row(scenario, category, subject, amounts, basis(category, k) if ledger.track_basis else ())


def row_totals(rows: dict[str, Rows], years: int) -> dict[str, tuple[int, ...]]:
    """Per subject: cash per year, then write-off (nothing here: every row is cash), then the running part of the
    cash (categories not in NOT_RUNNING); each row rounded to the yen (half to even, as Python's round) before
    it is summed, as a ledger's totals are."""
    position: dict[str, int] = {}
    for found in rows.values():
        for subject in found.ids:
            position.setdefault(subject, len(position))
    cash = np.zeros((len(position), years), dtype=np.int64)
    running = np.zeros((len(position), years), dtype=np.int64)
    for category, found in rows.items():
        at = [position[x] for x in found.ids]  # one row per subject and category
        rounded = np.rint(found.amounts).astype(np.int64)
        cash[at] += rounded
        if category not in NOT_RUNNING:
            running[at] += rounded
    flats = np.hstack([cash, np.zeros_like(cash), running]).tolist()
    return {subject: tuple(flat) for subject, flat in zip(position, flats, strict=True)}


__all__ = ["Rows", "book_rows", "row_totals"]
