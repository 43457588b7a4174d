"""A finished survey table (labels and cells, small-cell suppression applied) and the helpers every table uses."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

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


def half_up(value: Fraction | float, digits: int = 1) -> float:
    """`value` rounded half away from zero (四捨五入) to `digits` decimals: 35.45 -> 35.5, -2.25 -> -2.3.

    A ratio of counts is rounded exactly (3545/10000 is 35.45, not the float 35.4499...); a float is taken as the
    decimal it prints as."""
    exact = value if isinstance(value, Fraction) else Fraction(Decimal(repr(float(value))))
    scaled = abs(exact) * 10**digits
    whole = math.floor(scaled + Fraction(1, 2))
    return math.copysign(whole, exact) / 10**digits + 0.0  # + 0.0 turns -0.0 into 0.0


def percent(part: int, whole: int) -> Fraction:
    """part / whole in percent, exactly (0 when whole is 0)."""
    return Fraction(part * 100, whole) if whole else Fraction(0)


def shown(value: Fraction | float | int, hospitals: int, min_cell: int, digits: int = 1) -> Cell:
    """`value` rounded half-up, or the suppression mark when it describes fewer than `min_cell` hospitals (or is
    undefined)."""
    if hospitals < min_cell or hospitals == 0:
        return SUPPRESSED
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and math.isnan(value):
        return SUPPRESSED
    return half_up(value, digits)


def count_cell(hospitals: int, min_cell: int) -> Cell:
    """A count of hospitals, suppressed below `min_cell`."""
    return shown(int(hospitals), int(hospitals), min_cell)
