"""Days as ordinals (`date.toordinal`), in whole arrays: month numbers, fiscal years, whole years later (29 February
into a common year gives the 28th, as hismigrate.model.calendar.add_years) and the last date of a cycle before a
day. NEVER (something that never leaves) stays out of reach of every date."""

from __future__ import annotations

import numpy as np

NEVER = np.iinfo(np.int64).max // 4
_EPOCH = 719163  # date(1970, 1, 1).toordinal()


def _months(days: np.ndarray) -> np.ndarray:
    """Months since January 1970 of each (real) day."""
    return np.asarray((days - _EPOCH).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64))


def month_numbers(days: np.ndarray) -> np.ndarray:
    """Year * 12 + month - 1 of each day; NEVER for NEVER."""
    real = days != NEVER
    return np.where(real, _months(np.where(real, days, _EPOCH)) + 1970 * 12, NEVER)


def fiscal_years(days: np.ndarray) -> np.ndarray:
    """The fiscal year (April to March) of each day."""
    months = _months(days) + 1970 * 12
    return np.asarray((months - 3) // 12)


def _parts(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    months = _months(days)
    first = (months.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)) + _EPOCH
    return months // 12 + 1970, months % 12 + 1, days - first + 1


def _ordinals(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    months = ((year - 1970) * 12 + month - 1).astype("datetime64[M]")
    return np.asarray(months.astype("datetime64[D]").astype(np.int64) + _EPOCH + day - 1)


def add_years(days: np.ndarray, years: np.ndarray | int) -> np.ndarray:
    year, month, day = _parts(days)
    year = year + years
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    return _ordinals(year, month, np.where((month == 2) & (day == 29) & ~leap, 28, day))


def last_before(anchors: np.ndarray, cycle: int, before: np.ndarray) -> np.ndarray:
    """The last date of each anchor's cycle (anchor, anchor + cycle years, ...) before `before`; 0 when even the
    anchor is not."""
    k = (_parts(before)[0] - _parts(anchors)[0]) // cycle
    found = add_years(anchors, k * cycle)
    k = np.where(found < before, k, k - 1)
    return np.where(k >= 0, add_years(anchors, np.maximum(k, 0) * cycle), 0)
