"""Fee-schedule revisions: the dated table (1 April up to FY2022, 1 June from FY2024, even fiscal years), the window
around each, and a planner that never cuts over inside one, for the samples and for random estates and settings."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from hismigrate.errors import Location
from hismigrate.load import load_inventory
from hismigrate.load.validate import to_inventory
from hismigrate.model.fee_revision import blackout, blackouts, fee_revisions, outside_blackouts, table_id
from hismigrate.model.plan import MigrationPlan
from hismigrate.model.settings import PlanSettings
from hismigrate.plan.planner import make_plan
from tests.conftest import SAMPLES as HOSPITAL_SAMPLES
from tests.strategies import inventories

REPO = Path(__file__).resolve().parents[2]
AS_OF = date(2026, 12, 1)
SAMPLES = HOSPITAL_SAMPLES  # the sample hospitals (not the sample group)


def test_the_table_has_april_up_to_fy2022_and_june_from_fy2024_in_even_years() -> None:
    revisions = fee_revisions(date(2032, 12, 31))
    by_year = {r.fiscal_year: r for r in revisions}
    assert by_year[2022].effective == date(2022, 4, 1) and not by_year[2022].projected
    assert by_year[2024].effective == date(2024, 6, 1) and not by_year[2024].projected
    assert by_year[2026].effective == date(2026, 6, 1) and not by_year[2026].projected
    assert [(r.effective, r.projected) for r in revisions if r.fiscal_year > 2026] == [
        (date(2028, 6, 1), True),
        (date(2030, 6, 1), True),
        (date(2032, 6, 1), True),
    ]
    assert all(r.fiscal_year % 2 == 0 for r in revisions)
    assert all(r.effective.month == (4 if r.fiscal_year <= 2022 else 6) for r in revisions)
    assert table_id().startswith("fee-revisions-")


def test_the_default_window_runs_from_two_months_before_to_the_month_after() -> None:
    june, april = (next(r for r in fee_revisions(date(2030, 1, 1)) if r.fiscal_year == y) for y in (2028, 2022))
    defaults = PlanSettings()
    before, after = defaults.revision_blackout_months_before, defaults.revision_blackout_months_after
    assert (before, after) == (2, 1)
    window = blackout(june, before, after)
    assert (window.start, window.end) == (date(2028, 4, 1), date(2028, 7, 31))  # drug prices change on 1 April too
    window = blackout(april, before, after)
    assert (window.start, window.end) == (date(2022, 2, 1), date(2022, 5, 31))
    assert blackout(june, 0, 0).start == date(2028, 6, 1) and blackout(june, 0, 0).end == date(2028, 6, 30)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2028, 3, 31), date(2028, 3, 31)),
        (date(2028, 4, 1), date(2028, 8, 1)),
        (date(2028, 6, 1), date(2028, 8, 1)),
        (date(2028, 7, 31), date(2028, 8, 1)),
        (date(2028, 8, 1), date(2028, 8, 1)),
        (date(2027, 4, 1), date(2027, 4, 1)),
    ],
)
def test_a_day_in_a_window_moves_to_the_day_after_it(day: date, expected: date) -> None:
    moved, window = outside_blackouts(day, 2, 1)
    assert moved == expected
    assert (window is not None) == (moved != day)


def test_windows_are_listed_where_they_overlap_the_span() -> None:
    found = blackouts(date(2026, 12, 1), date(2030, 4, 1), 2, 1)
    assert [(w.start, w.end) for w in found] == [
        (date(2028, 4, 1), date(2028, 7, 31)),
        (date(2030, 4, 1), date(2030, 7, 31)),
    ]
    assert blackouts(date(2028, 8, 1), date(2030, 3, 31), 2, 1) == ()


def test_a_window_as_long_as_the_cycle_is_refused() -> None:
    with pytest.raises(ValidationError):
        PlanSettings(revision_blackout_months_before=12)
    with pytest.raises(ValidationError):
        PlanSettings(revision_blackout_months_after=-1)


def _in_a_window(day: date, before: int, after: int) -> bool:
    """Written from the rule, not from the module: the month of `day` lies within `before` months before to `after`
    months after a revision's effective month."""
    month = day.year * 12 + day.month - 1
    return any(
        -before <= month - (r.effective.year * 12 + r.effective.month - 1) <= after
        for r in fee_revisions(day + timedelta(days=400))
    )


def _check(plan: MigrationPlan, settings: PlanSettings, as_of: date) -> None:
    before, after = settings.revision_blackout_months_before, settings.revision_blackout_months_after
    for wave in plan.waves:
        assert not _in_a_window(wave.cutover, before, after), wave
        assert not any(w.holds(wave.cutover) for w in plan.blackouts), wave
        moved = [n for n in wave.notes if n.key == "fee_revision_moved"]
        if moved:
            assert moved[0].params["cutover"] == wave.cutover.isoformat()
            assert _in_a_window(date.fromisoformat(moved[0].params["planned"]), before, after)
    # the windows the plan carries (and the chart draws) are every window between the assessment and the last cutover
    if plan.waves:
        assert plan.blackouts == blackouts(as_of, plan.waves[-1].cutover, before, after)
    else:
        assert plan.blackouts == ()
    for earlier, later in zip(plan.waves, plan.waves[1:], strict=False):
        months = (later.cutover.year - earlier.cutover.year) * 12 + later.cutover.month - earlier.cutover.month
        assert months >= settings.months_between_waves


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_no_wave_of_a_sample_cuts_over_in_a_window(sample: Path) -> None:
    inventory = load_inventory([sample])
    plan = make_plan(inventory, AS_OF, PlanSettings())
    _check(plan, PlanSettings(), AS_OF)
    assert plan.blackouts, "every sample's plan runs past a revision"
    assert all(w.cutover.month not in (4, 5, 6, 7) or w.cutover.year % 2 for w in plan.waves)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=inventories(),
    before=st.integers(0, 11),
    after=st.integers(0, 11),
    spacing=st.integers(1, 30),
    start=st.none() | st.dates(date(2024, 1, 1), date(2034, 12, 31)),
    as_of=st.dates(date(2022, 1, 1), date(2032, 12, 31)),
)
@example(data=None, before=2, after=1, spacing=6, start=date(2028, 4, 1), as_of=AS_OF)  # the default, on a revision
@example(data=None, before=11, after=11, spacing=1, start=None, as_of=AS_OF)  # one free month in two years
def test_no_wave_of_any_plan_cuts_over_in_a_window(
    data: dict[str, Any] | None, before: int, after: int, spacing: int, start: date | None, as_of: date
) -> None:
    if data is None:
        inventory = load_inventory([REPO / "inventories" / "aozora-chronic"])
    else:
        inventory = to_inventory(data, lambda loc: Location("<generated>"))
    plan_settings = PlanSettings(
        revision_blackout_months_before=before,
        revision_blackout_months_after=after,
        months_between_waves=spacing,
        start=start,
        systems_per_wave=1,
    )
    plan = make_plan(inventory, as_of, plan_settings)
    _check(plan, plan_settings, as_of)
