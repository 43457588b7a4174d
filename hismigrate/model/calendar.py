"""Fiscal years (April to March, as hospitals budget), month shares of a year, and dates on a cycle."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache


def fiscal_year(day: date) -> int:
    """Japanese fiscal year: FY2026 runs from 2026-04-01 to 2027-03-31."""
    return day.year if day.month >= 4 else day.year - 1


def _month_number(day: date) -> int:
    return day.year * 12 + day.month - 1


def onprem_share(fy: int, leaves: date | None) -> float:
    """Share of fiscal year `fy` spent on premises by something that leaves on `leaves` (None: never).

    Counted in whole months: the month of the cutover already counts as moved.
    """
    if leaves is None:
        return 1.0
    months = _month_number(leaves) - (fy * 12 + 3)
    return min(12, max(0, months)) / 12


def months_between(start: date, end: date) -> int:
    """Whole months from `start` to `end` (negative when `end` is earlier)."""
    return _month_number(end) - _month_number(start)


def first_of_month(day: date, months: int = 0) -> date:
    """The first day of the month `months` after (negative: before) the month of `day`."""
    number = _month_number(day) + months
    return date(number // 12, number % 12 + 1, 1)


def last_of_month(day: date, months: int = 0) -> date:
    """The last day of the month `months` after (negative: before) the month of `day`."""
    return first_of_month(day, months + 1) - timedelta(days=1)


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


@cache  # asked for every server and system in every run, with few distinct anchors
def cycle_dates(anchor: date, cycle_years: int, until_fy: int) -> tuple[date, ...]:
    """anchor, anchor + cycle, ... up to the end of fiscal year `until_fy`."""
    out: list[date] = []
    k = 0
    while True:
        day = add_years(anchor, k * cycle_years)
        if fiscal_year(day) > until_fy:
            return tuple(out)
        out.append(day)
        k += 1
