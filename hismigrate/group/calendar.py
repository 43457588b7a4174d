"""The group's calendar: when the shared build starts and the environment is ready, the periods in which members
cut over (at most `cutovers_per_period` each), the joining window, and the days around each fee revision on which
no one cuts over."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from hismigrate.model.group import GroupDefaults, GroupSpec
from hismigrate.model.settings import Settings
from hismigrate.plan.waves import add_months, first_cutover

# No cutover from this many months before a fee revision takes effect to the end of the month after it: the
# vendors' and the hospitals' staff are busy with the revision's changes.
BLACKOUT_MONTHS_BEFORE = 2
BLACKOUT_MONTHS_AFTER = 1


@dataclass(frozen=True)
class GroupCalendar:
    build_start: date
    ready: date
    window_end: date
    period_months: int
    cap: int
    blackouts: tuple[tuple[date, date], ...]

    def slot(self, k: int) -> date:
        """The cutover day of period `k` (0: the day the environment is ready)."""
        return add_months(self.ready, k * self.period_months)

    def blocked(self, day: date) -> bool:
        return any(start <= day <= end for start, end in self.blackouts)

    def first_period(self, day: date) -> int:
        """The first period whose cutover day is on or after `day`."""
        k = 0
        while self.slot(k) < day:
            k += 1
        return k


def _revision_days(settings: Settings, first: int, last: int) -> list[date]:
    rev = settings.cost.revision
    return [
        date(year, rev.month, 1)
        for year in range(first, last + 1)
        if year >= rev.first_year and (year - rev.first_year) % rev.every_years == 0
    ]


def _month_end(day: date) -> date:
    return add_months(date(day.year, day.month, 1), 1) - timedelta(days=1)


def blackout_windows(settings: Settings, first: int, last: int) -> tuple[tuple[date, date], ...]:
    """(first day, last day) of each window around a fee revision from year `first` to `last`."""
    out = []
    for day in _revision_days(settings, first, last):
        start = add_months(day, -BLACKOUT_MONTHS_BEFORE)
        out.append((start, _month_end(add_months(day, BLACKOUT_MONTHS_AFTER))))
    return tuple(out)


def group_calendar(spec: GroupSpec, defaults: GroupDefaults, settings: Settings, as_of: date) -> GroupCalendar:
    shared = spec.shared
    start = shared.start or first_cutover(as_of, settings.plan)
    months = shared.environment.build_months or defaults.build_months
    ready = add_months(start, months)
    window = shared.window_years or defaults.window_years
    window_end = add_months(ready, 12 * window)
    return GroupCalendar(
        build_start=start,
        ready=ready,
        window_end=window_end,
        period_months=shared.period_months or defaults.period_months,
        cap=shared.cutovers_per_period or defaults.cutovers_per_period,
        blackouts=blackout_windows(settings, start.year, window_end.year + 12),
    )


__all__ = ["GroupCalendar", "blackout_windows", "group_calendar"]
