"""Day arithmetic in whole arrays gives what hismigrate.model.calendar gives one date at a time: month numbers,
fiscal years, whole years later (29 February into a common year) and the last purchase of a cycle before a day."""

from __future__ import annotations

from datetime import date

import numpy as np
from hypothesis import example, given
from hypothesis import strategies as st

from hismigrate.cost.days import NEVER, add_years, fiscal_years, last_before, month_numbers
from hismigrate.model.calendar import add_years as add_years_one
from hismigrate.model.calendar import cycle_dates, fiscal_year

days = st.dates(date(1900, 1, 1), date(2200, 12, 31))


@given(st.lists(days, min_size=1, max_size=20), st.integers(-30, 30))
@example([date(2024, 2, 29), date(2000, 2, 29), date(2100, 3, 1)], 1)
@example([date(1996, 2, 29), date(2096, 2, 29)], 4)  # into 2000 (a leap year) and 2100 (not)
def test_days_as_the_calendar_gives_them(found: list[date], years: int) -> None:
    ordinals = np.array([d.toordinal() for d in found], dtype=np.int64)
    assert month_numbers(ordinals).tolist() == [d.year * 12 + d.month - 1 for d in found]
    assert fiscal_years(ordinals).tolist() == [fiscal_year(d) for d in found]
    assert add_years(ordinals, years).tolist() == [add_years_one(d, years).toordinal() for d in found]
    assert month_numbers(np.array([NEVER]))[0] == NEVER


@given(days, st.integers(1, 12), days)
@example(date(2020, 2, 29), 1, date(2021, 2, 28))
@example(date(2020, 2, 29), 4, date(2024, 2, 29))
def test_last_purchase_before_a_day(anchor: date, cycle: int, leaves: date) -> None:
    bought = [d for d in cycle_dates(anchor, cycle, fiscal_year(leaves)) if d < leaves]
    found = last_before(np.array([anchor.toordinal()]), cycle, np.array([leaves.toordinal()]))[0]
    assert found == (bought[-1].toordinal() if bought else 0)
