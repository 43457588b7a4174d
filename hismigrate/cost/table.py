"""The cost table: one row per subject of a category under a scenario, an amount per year of the horizon.

A category's function returns its rows (`Rows`: subject numbers, a float matrix of subjects x years and, in the full
run, each row's basis). Rows of one key (scenario, category, subject) are added up in the order they were booked,
then each year is rounded to the yen (np.rint: half to even, as Python's round; Python integers where 64 bits could
overflow). Every total is a sum of those rounded figures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

Basis = tuple[str, ...]


@dataclass(frozen=True)
class Rows:
    """Subject `subjects[i]` costs `amounts[i]` (JPY per year); `bases[i]` names what it comes from (None: not
    asked for)."""

    subjects: np.ndarray
    amounts: np.ndarray
    bases: Sequence[Basis] | None = None

    @staticmethod
    def empty(years: int) -> Rows:
        return Rows(np.zeros(0, dtype=np.int64), np.zeros((0, years), dtype=np.float64), [])

    def __len__(self) -> int:
        return len(self.subjects)


def named(bases: bool, chosen: np.ndarray, basis: Callable[[int], Basis]) -> list[Basis] | None:
    """Each chosen row's basis (`basis` of its position, once per distinct position), when bases are asked for."""
    if not bases:
        return None
    positions = chosen.tolist()
    found = {k: basis(k) for k in dict.fromkeys(positions)}
    return [found[k] for k in positions]


def in_years(years: int, position: np.ndarray, values: np.ndarray) -> np.ndarray:
    """One row per value: the value in its year of the horizon, nothing in the others."""
    out = np.zeros((len(values), years), dtype=np.float64)
    out[np.arange(len(values)), position] = values
    return out


def joined(parts: Sequence[Rows], years: int) -> Rows:
    """The rows of several parts, in order."""
    parts = [p for p in parts if len(p)]
    if not parts:
        return Rows.empty(years)
    bases = None if any(p.bases is None for p in parts) else [b for p in parts for b in p.bases or ()]
    subjects = np.concatenate([np.asarray(p.subjects, dtype=np.int64) for p in parts])
    return Rows(subjects, np.vstack([p.amounts for p in parts]), bases)


def merged(rows: Rows) -> Rows:
    """One row per subject, in the order of first booking: rows of the same subject added up in booking order (as
    separate bookings of one line are; np.add.at adds in the order given), their bases joined."""
    if len(rows) == 0 or np.bincount(rows.subjects).max() == 1:
        return rows
    subjects, first, where = np.unique(rows.subjects, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")  # the subjects in the order of their first booking
    at = np.empty_like(order)
    at[order] = np.arange(len(order))
    at = at[where.reshape(-1)]
    amounts = np.zeros((len(subjects), rows.amounts.shape[1]), dtype=np.float64)
    np.add.at(amounts, at, rows.amounts)
    if rows.bases is None:
        return Rows(subjects[order], amounts)
    bases: list[list[str]] = [[] for _ in order]
    for j, basis in zip(at.tolist(), rows.bases, strict=True):
        bases[j].extend(basis)
    return Rows(subjects[order], amounts, [tuple(b) for b in bases])


def rounded(amounts: np.ndarray) -> np.ndarray:
    """Each figure rounded to the yen: int64, or Python integers beyond 64 bits (or failing as round fails)."""
    if amounts.size == 0 or bool(np.all(np.abs(amounts) < 2.0**62)):
        whole: np.ndarray = np.rint(amounts).astype(np.int64)
        return whole
    figures = [[round(x) for x in row] for row in amounts.tolist()]
    return np.array(figures, dtype=object).reshape(amounts.shape)


def column_sums(amounts: np.ndarray, years: int) -> np.ndarray:
    """Per year: the sum of rounded rows, exactly (as Python integers when a 64-bit sum could overflow)."""
    if len(amounts) == 0:
        return np.zeros(years, dtype=np.int64)
    if amounts.dtype != object and float(np.abs(amounts.astype(np.float64)).max()) * len(amounts) >= 2.0**62:
        amounts = amounts.astype(object)
    return np.asarray(amounts.sum(axis=0))


def year_sums(rows: Rows, years: int) -> np.ndarray:
    """A category's rows merged, rounded and summed per year."""
    return column_sums(rounded(merged(rows).amounts), years)


__all__ = ["Basis", "Rows", "column_sums", "in_years", "joined", "merged", "named", "rounded", "year_sums"]
