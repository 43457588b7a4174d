"""The group's calendar: when the shared build starts and the environment is ready, the periods in which members
cut over (at most `cutovers_per_period` each), the joining window, and the windows around each fee revision in
which no one cuts over (the planner's: the same dated revisions and the same months before and after)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hismigrate.model.fee_revision import blackouts
from hismigrate.model.group import GroupDefaults, GroupSpec
from hismigrate.model.settings import Settings
from hismigrate.plan.waves import add_months, first_cutover


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


def blackout_windows(settings: Settings, first: date, last: date) -> tuple[tuple[date, date], ...]:
    """(first day, last day) of each window around a fee revision from `first` to `last`: the planner's windows
    (hismigrate/data/fee_revisions.yaml and the plan settings' months before and after)."""
    plan = settings.plan
    windows = blackouts(first, last, plan.revision_blackout_months_before, plan.revision_blackout_months_after)
    return tuple((w.start, w.end) for w in windows)


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
        blackouts=blackout_windows(settings, start, add_months(window_end, 12 * 12)),
    )


__all__ = ["GroupCalendar", "blackout_windows", "group_calendar"]
