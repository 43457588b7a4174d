"""Days as ordinals (`date.toordinal`), in whole arrays: month numbers, fiscal years, whole years later (29 February
into a common year gives the 28th, as hismigrate.model.calendar.add_years) and the last date of a cycle before a
day, by integer arithmetic on the proleptic Gregorian calendar (H. Hinnant's civil-from-days). NEVER (something that
never leaves) stays out of reach of every date."""

from __future__ import annotations

import numpy as np

NEVER = np.iinfo(np.int64).max // 4
_EPOCH = 719163  # date(1970, 1, 1).toordinal()


def civil(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(year, month, day) of each day."""
    z = days - _EPOCH + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    month = np.where(mp < 10, mp + 3, mp - 9)
    return yoe + era * 400 + (month <= 2), month, doy - (153 * mp + 2) // 5 + 1


def ordinals(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    """The day of each (year, month, day)."""
    y = year - (month <= 2)
    era = y // 400
    yoe = y - era * 400
    doy = (153 * np.where(month > 2, month - 3, month + 9) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return np.asarray(era * 146097 + doe - 719468 + _EPOCH)


def month_numbers(days: np.ndarray) -> np.ndarray:
    """Year * 12 + month - 1 of each day; NEVER for NEVER."""
    real = days != NEVER
    year, month, _ = civil(np.where(real, days, _EPOCH))
    return np.where(real, year * 12 + month - 1, NEVER)


def fiscal_years(days: np.ndarray) -> np.ndarray:
    """The fiscal year (April to March) of each day."""
    year, month, _ = civil(days)
    return np.asarray(np.where(month >= 4, year, year - 1))


def add_years(days: np.ndarray, years: np.ndarray | int) -> np.ndarray:
    year, month, day = civil(days)
    year = year + years
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    return ordinals(year, month, np.where((month == 2) & (day == 29) & ~leap, 28, day))


def last_before(anchors: np.ndarray, cycle: np.ndarray | int, before: np.ndarray) -> np.ndarray:
    """The last date of each anchor's cycle (anchor, anchor + cycle years, ...) before `before`; 0 when even the
    anchor is not."""
    k = (civil(before)[0] - civil(anchors)[0]) // cycle
    found = add_years(anchors, k * cycle)
    k = np.where(found < before, k, k - 1)
    return np.where(k >= 0, add_years(anchors, np.maximum(k, 0) * cycle), 0)
