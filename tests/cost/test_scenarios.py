"""Scenarios: cloud dearer as in the Digital Agency pilot (lines and exchange rate up) says so plainly."""

from __future__ import annotations

import pytest

from hismigrate.cost.case import cost_plan
from hismigrate.model.prices import PriceCatalog, merge_catalogs
from hismigrate.model.settings import Settings
from tests.cost.conftest import AS_OF, one_wave_plan, small_inventory


def _pilot_lines(catalog: PriceCatalog) -> PriceCatalog:
    # In the pilot, network lines went from 83.5M to 294M JPY (x3.5); here the closed-network lines cost
    # 1,000,000 JPY a month each, a user quote that replaces the shipped estimate.
    user = PriceCatalog.model_validate(
        {
            "id": "pilot-quotes",
            "provider": "user",
            "as_of": "2026-08-01",
            "items": [
                {
                    "id": "line.closed_network",
                    "kind": "line",
                    "unit": "month",
                    "price": 1_000_000,
                    "currency": "JPY",
                    "quantity": 2,
                    "source": "carrier quote",
                    "manual": True,
                }
            ],
        }
    )
    return merge_catalogs(catalog, user)


def test_cloud_dearer_yields_a_negative_saving(catalog: PriceCatalog) -> None:
    settings = Settings().with_cost(jpy_per_usd={2025: 139.0, 2027: 160.0})
    inventory = small_inventory()
    merged = _pilot_lines(catalog)
    result = cost_plan(inventory, one_wave_plan(inventory), settings, merged, AS_OF)
    assert result.npv_saving_jpy < 0
    assert result.total_saving_jpy < 0
    assert result.verdict == "costs"
    assert result.break_even_year is None
    assert result.catalog.merged_from == (catalog.id, "pilot-quotes")
    line = next(it for it in result.items_used if it.id == "line.closed_network")
    assert line.source == "carrier quote" and line.manual


def test_exchange_rate_moves_cloud_fees_like_the_pilot(catalog: PriceCatalog) -> None:
    # Pilot: cloud fees 1,236M -> 1,423M JPY when the rate went 139 -> 160 (x1.151); USD items scale exactly so.
    inventory = small_inventory()
    plan = one_wave_plan(inventory)

    def compute_fees(rate: float) -> int:
        result = cost_plan(inventory, plan, Settings().with_cost(jpy_per_usd={2025: rate}), catalog, AS_OF)
        return sum(ln.amount_jpy for ln in result.per_year() if ln.category == "cloud_compute")

    low, high = compute_fees(139.0), compute_fees(160.0)
    assert abs(high / low - 160 / 139) < 1e-5  # lines are rounded to the yen


def test_sensitivity_tornado_covers_the_drivers(catalog: PriceCatalog) -> None:
    inventory = small_inventory()
    result = cost_plan(inventory, one_wave_plan(inventory), Settings(), catalog, AS_OF, sensitivity=True)
    drivers = {bar.driver for bar in result.tornado}
    assert drivers == {
        "exchange_rate",
        "cloud_prices",
        "egress_volume",
        "line_costs",
        "maintenance_share",
        "staff_savings",
    }
    # left out, with their reason true of this estate: the rehosted EMR keeps its rework and its refresh whatever
    # they cost (the same in both scenarios), and every server has a price (nothing rests on the hardware table)
    assert result.no_effect == ("refresh_cycle", "revision_rework", "hardware_estimates")
    staff = next(bar for bar in result.tornado if bar.driver == "staff_savings")
    assert (staff.low, staff.high) == (0.0, 0.4)  # the saving's low end is no saving
    assert staff.npv_saving_low_jpy < result.npv_saving_jpy < staff.npv_saving_high_jpy
    swings = [bar.swing for bar in result.tornado]
    assert swings == sorted(swings, reverse=True)
    rate = next(bar for bar in result.tornado if bar.driver == "exchange_rate")
    assert rate.npv_saving_low_jpy > rate.npv_saving_high_jpy  # a dearer dollar makes the plan worse
    lines = next(bar for bar in result.tornado if bar.driver == "line_costs")
    assert lines.npv_saving_low_jpy > result.npv_saving_jpy > lines.npv_saving_high_jpy


def test_repurchase_uses_a_saas_quote_per_bed(catalog: PriceCatalog) -> None:
    inventory = small_inventory(emr={"contract_end": "2032-03-31"})  # bought 2025-03-31: 25 of 60 months used
    user = PriceCatalog.model_validate(
        {
            "id": "vendor",
            "provider": "user",
            "as_of": "2026-08-01",
            "items": [
                {
                    "id": "saas.emr",
                    "kind": "saas",
                    "unit": "bed_month",
                    "price": 10_000,
                    "currency": "JPY",
                    "category": "emr",
                    "source": "vendor quote",
                    "manual": True,
                }
            ],
        }
    )
    from hismigrate.model.enums import Strategy

    plan = one_wave_plan(inventory, strategy=Strategy.repurchase)
    result = cost_plan(
        inventory,
        plan,
        Settings().with_cost(escalation=Settings().cost.escalation.model_copy(update={"cloud": 0.0})),
        merge_catalogs(catalog, user),
        AS_OF,
    )
    fees = {ln.year: ln.amount_jpy for ln in result.per_year() if ln.category == "saas"}
    assert fees[2027] == 300 * 10_000 * 12  # 300 beds
    assert not any(ln.category == "cloud_compute" for ln in result.per_year())
    # the EMR software, not yet depreciated, is written off when replaced; the vendor line item is traced
    written = next(ln for ln in result.per_year() if ln.category == "write_off" and ln.subject == "emr")
    assert written.amount_jpy == round(30_000_000 / 0.12 * 35 / 60) and not written.cash
    # leaving the contract 59 months early (April 2027 to March 2032) costs half the remaining fees
    exit_line = next(ln for ln in result.per_year() if ln.subject == "emr.early_exit")
    assert exit_line.amount_jpy == round(32_000_000 / 12 * 59 * 0.5)
    assert "catalog:saas.emr" in next(ln for ln in result.per_year() if ln.category == "saas").basis


@pytest.mark.parametrize("maintenance", [30_000_000, None])
def test_a_recorded_software_price_replaces_the_estimate(catalog: PriceCatalog, maintenance: int | None) -> None:
    # bought for 180 million yen with the contract to 2032-03-31 (the estimate from maintenance would be 250 million)
    inventory = small_inventory(
        emr={"contract_end": "2032-03-31", "purchase_price_jpy": 180_000_000, "maintenance_jpy_per_year": maintenance}
    )
    from hismigrate.model.enums import Strategy

    result = cost_plan(inventory, one_wave_plan(inventory, strategy=Strategy.repurchase), Settings(), catalog, AS_OF)
    written = next(ln for ln in result.per_year() if ln.category == "write_off" and ln.subject == "emr")
    assert written.amount_jpy == round(180_000_000 * 35 / 60)  # 25 of 60 months used, as above
    assert "inventory:systems.emr.purchase_price_jpy" in written.basis
    assert "inventory:systems.emr.maintenance_jpy_per_year" not in written.basis
    # a price known is no gap, whether or not the maintenance is recorded
    assert "system_maintenance" not in {gap.key for gap in result.gaps.each() if gap.subject == "emr"}


def test_retained_systems_keep_costs_and_nothing_moves(catalog: PriceCatalog) -> None:
    from hismigrate.model.enums import Strategy

    inventory = small_inventory()
    plan = one_wave_plan(inventory, strategy=Strategy.retain)
    result = cost_plan(inventory, plan, Settings(), catalog, AS_OF)
    assert all(y.saving_jpy == 0 for y in result.years)
    assert result.verdict == "neutral" and result.break_even_year is None


def test_archive_servers_are_priced_on_object_storage(catalog: PriceCatalog) -> None:
    inventory = small_inventory(
        servers=[
            {"id": "nas", "hostname": "nas", "segment": "lan", "role": "storage", "storage_gb": 100_000},
            {"id": "ap", "hostname": "ap", "segment": "lan", "storage_gb": 100},
        ],
        systems=[{"id": "pacs", "name": "PACS", "category": "pacs", "servers": ["nas", "ap"], "criticality": 2}],
    )
    result = cost_plan(inventory, one_wave_plan(inventory), Settings(), catalog, AS_OF)
    storage = {ln.subject: ln for ln in result.per_year() if ln.category == "cloud_storage" and ln.year == 2027}
    assert "catalog:s3.standard" in storage["nas"].basis
    assert "catalog:ebs.gp3" in storage["ap"].basis
