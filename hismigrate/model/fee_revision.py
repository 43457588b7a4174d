"""Fee-schedule revisions (診療報酬改定) and the windows around them in which no system is cut over.

The effective dates come from the shipped, dated file hismigrate/data/fee_revisions.yaml (listed revisions, then a
projection rule for those not yet announced). A revision keeps every hospital's billing and EMR vendors busy for
months before and after it: a cutover then competes with the revision work for the same people. The planner moves
a cutover out of these windows and the timeline chart draws the same windows, from the plan, not from a rule of its
own.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from pydantic import Field

from hismigrate.model.calendar import first_of_month, last_of_month
from hismigrate.model.frozen import Frozen


class FeeRevision(Frozen):
    fiscal_year: int = Field(description="Fiscal year of the revision (令和8年度改定: 2026).")
    effective: date = Field(description="Date the revised fee schedule takes effect.")
    projected: bool = Field(default=False, description="Not yet announced: derived from the every-two-years rule.")


class Blackout(Frozen):
    """A window around a fee-schedule revision in which the plan cuts nothing over."""

    revision: FeeRevision = Field(description="The fee-schedule revision the window is around.")
    start: date = Field(description="First day of the window.")
    end: date = Field(description="Last day of the window (inclusive).")

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end


@cache
def _table() -> tuple[str, tuple[FeeRevision, ...], tuple[int, int, int]]:
    from hismigrate.data import load_data

    data = load_data("fee_revisions.yaml")
    listed = tuple(
        sorted(
            (FeeRevision(fiscal_year=r["fiscal_year"], effective=r["effective"]) for r in data["revisions"]),
            key=lambda r: r.effective,
        )
    )
    rule = data["projection"]
    return str(data["id"]), listed, (int(rule["every_years"]), int(rule["month"]), int(rule["day"]))


def table_id() -> str:
    """Id (with its date) of the shipped table of revisions."""
    return _table()[0]


def fee_revisions(until: date) -> tuple[FeeRevision, ...]:
    """Every revision in force on or before `until`: the listed ones, then the projected ones."""
    _, listed, (every, month, day) = _table()
    out = [r for r in listed if r.effective <= until]
    fiscal = listed[-1].fiscal_year + every
    while True:
        effective = date(fiscal if month >= 4 else fiscal + 1, month, day)
        if effective > until:
            return tuple(out)
        out.append(FeeRevision(fiscal_year=fiscal, effective=effective, projected=True))
        fiscal += every


def blackout(revision: FeeRevision, months_before: int, months_after: int) -> Blackout:
    """From the first day of the month `months_before` months before the effective month to the last day of the
    month `months_after` months after it (2, 1 around 1 June: 1 April to 31 July)."""
    return Blackout(
        revision=revision,
        start=first_of_month(revision.effective, -months_before),
        end=last_of_month(revision.effective, months_after),
    )


def blackouts(first: date, last: date, months_before: int, months_after: int) -> tuple[Blackout, ...]:
    """The windows that overlap the days from `first` to `last`, in date order."""
    reach = last_of_month(last, months_before)  # a revision this late still has its window start by `last`
    windows = (blackout(r, months_before, months_after) for r in fee_revisions(reach))
    return tuple(w for w in windows if w.end >= first and w.start <= last)


def outside_blackouts(day: date, months_before: int, months_after: int) -> tuple[date, Blackout | None]:
    """`day` when it is in no window, else the first day after the window(s) holding it, with the first window
    that moved it. The windows are shorter than the two years between revisions (the settings cap each side at 11
    months), so this ends after a window or two."""
    moved_by: Blackout | None = None
    while True:
        holding = next((w for w in blackouts(day, day, months_before, months_after) if w.holds(day)), None)
        if holding is None:
            return day, moved_by
        moved_by = moved_by or holding
        day = holding.end + timedelta(days=1)
