"""A system's purchase date and depreciation period drive its write-off and its refresh; only without a purchase date
is the date inferred (contract end minus the cycle), and the gap names it with what rests on it. Worked by hand."""

from __future__ import annotations

from datetime import date

import pytest

from hismigrate.cost.case import cost_plan
from hismigrate.model.enums import Strategy
from hismigrate.model.prices import PriceCatalog
from hismigrate.model.settings import Settings
from tests.cost.conftest import AS_OF, one_wave_plan, small_inventory

PRICE = 120_000_000
EMR = {"purchase_price_jpy": PRICE, "depreciation_years": 7, "contract_end": "2029-03-31"}


def _emr_lines(result, category: str, scenario: str) -> list[int]:  # type: ignore[no-untyped-def]
    found = [ln for ln in result.lines.each() if ln.subject == "emr" and ln.category == category]
    found = [ln for ln in found if ln.scenario == scenario]
    return list(found[0].amounts_jpy) if found else []


def _run(emr: dict[str, object], settings: Settings, catalog: PriceCatalog):  # type: ignore[no-untyped-def]
    inventory = small_inventory(emr=emr)
    plan = one_wave_plan(inventory, strategy=Strategy.repurchase)  # cuts over on 2027-04-01 (FY2027)
    assert plan.waves[0].cutover == date(2027, 4, 1)
    return cost_plan(inventory, plan, settings, catalog, AS_OF)


def test_bought_2024_04_on_a_7_year_schedule_writes_off_its_book_value(
    settings: Settings, catalog: PriceCatalog
) -> None:
    result = _run({**EMR, "purchase_date": "2024-04-01"}, settings, catalog)
    # 2024-04 to 2027-04: 36 of 84 months gone; bought before the horizon, so at its price
    expected = round(PRICE * (1 - 36 / 84))
    assert expected == 68_571_429
    written = _emr_lines(result, "write_off", "plan")
    assert written[1] == expected and sum(written) == expected  # FY2027, the year it leaves
    assert not [g for g in result.gaps.each() if g.subject == "emr"]
    # and its refresh is due seven years after its purchase: FY2031 in the baseline, at the escalated price
    refresh = _emr_lines(result, "software_refresh", "baseline")
    growth = (1 + settings.cost.escalation.purchase) ** (2031 - 2026)
    assert refresh[2031 - 2026] == round(PRICE * growth) and sum(refresh) == refresh[2031 - 2026]


def test_without_a_purchase_date_the_inferred_date_is_a_gap_with_what_rests_on_it(
    settings: Settings, catalog: PriceCatalog
) -> None:
    result = _run(EMR, settings, catalog)
    # inferred: 2029-03-31 minus the EMR-class cycle (7 years) = 2022-03-31; March 2022 to April 2027 is 61 of 84
    # months (counted in whole months, as every write-off)
    gap = next(g for g in result.gaps.each() if g.subject == "emr")
    assert (gap.key, gap.assumed) == ("system_date_inferred", "2022-03-31")
    written = round(PRICE * (1 - 61 / 84))
    assert sum(_emr_lines(result, "write_off", "plan")) == written
    # what rests on the inferred date: the plan's write-off, and the baseline's refreshes on 2029-03-31 (FY2028)
    # and 2036-03-31 (FY2035, the last year of the horizon)
    refresh = _emr_lines(result, "software_refresh", "baseline")
    growth = 1 + settings.cost.escalation.purchase
    assert refresh[2028 - 2026] == round(PRICE * growth**2) and refresh[2035 - 2026] == round(PRICE * growth**9)
    assert gap.baseline_jpy == sum(refresh)
    assert gap.plan_jpy == written + sum(_emr_lines(result, "software_refresh", "plan"))


@pytest.mark.parametrize("years", [None, 5])
def test_depreciation_defaults_to_the_setting(years: int | None, settings: Settings, catalog: PriceCatalog) -> None:
    emr = {**EMR, "purchase_date": "2024-04-01", "depreciation_years": years}
    result = _run(emr, settings, catalog)
    assert settings.cost.depreciation.software_years == 5
    assert sum(_emr_lines(result, "write_off", "plan")) == round(PRICE * (1 - 36 / 60))
