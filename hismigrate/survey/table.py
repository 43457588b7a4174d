"""A finished survey table (labels and cells, small-cell suppression applied) and the helpers every table uses."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

Cell = str | int | float
SUPPRESSED = "-"
"""Shown instead of any figure that describes fewer than --min-cell hospitals."""


@dataclass(frozen=True)
class ChartSpec:
    """How survey.html draws a table: `bars` (a bar per value column, grouped by row) or `box` (quartile boxes: each
    triple of value columns is Q1, median, Q3), over `rows` (indices), on the axis from `low` to `high`."""

    kind: str
    columns: tuple[int, ...]
    rows: tuple[int, ...]
    low: float = 0.0
    high: float = 100.0


@dataclass(frozen=True)
class SurveyTable:
    """One output table: `name` is its file stem and the key of its title (`survey.table.<name>`)."""

    name: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    chart: ChartSpec | None = None


def materialise(value: Any) -> Any:
    """A computed result: Dask collections are computed here, pandas objects pass through (one code path for both)."""
    return value.compute() if hasattr(value, "compute") else value


def shown(value: float | int, hospitals: int, min_cell: int, digits: int = 1) -> Cell:
    """`value` rounded, or the suppression mark when it describes fewer than `min_cell` hospitals (or is undefined)."""
    if hospitals < min_cell or hospitals == 0:
        return SUPPRESSED
    if isinstance(value, float):
        if math.isnan(value):
            return SUPPRESSED
        return round(value, digits) + 0.0  # + 0.0 turns -0.0 into 0.0
    return int(value)


def count_cell(hospitals: int, min_cell: int) -> Cell:
    """A count of hospitals, suppressed below `min_cell`."""
    return shown(int(hospitals), int(hospitals), min_cell)
