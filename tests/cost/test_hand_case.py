"""Two servers, one system, three years: every figure worked out by hand (comments) and matched to the yen."""

from __future__ import annotations

from datetime import date

import pytest

from hismigrate.cost.case import cost_plan
from hismigrate.model.inventory import Inventory
from hismigrate.model.prices import PriceCatalog
from hismigrate.model.settings import CostSettings, Settings
from tests.cost.conftest import one_wave_plan

AS_OF = date(2026, 4, 1)  # FY2026; the stand-in plan cuts over on 2027-04-01 (FY2027)


def hand_settings() -> CostSettings:
    data = Settings().cost.model_dump()
    data.update(
        horizon_years=3,
        discount_rate=0.0,
        jpy_per_usd={2026: 100.0, 2028: 150.0},
        escalation={"wages": 0.1, "energy": 0.0, "maintenance": 0.0, "purchase": 0.0, "cloud": 0.0},
        power={
            "jpy_per_kwh": 20,
            "pue": 2.0,
            "default_watts_physical": 0,
            "default_watts_virtual": 0,
            "hours_per_year": 8760,
        },
        staff={
            "jpy_per_fte_year": 10_000_000,
            "onprem_fte_per_server": 0.1,
            "cloud_share_iaas": 0.5,
            "cloud_share_saas": 0.2,
        },
        maintenance={"hardware_share": 0.1, "software_share": 0.1},
        facilities_jpy_per_server_year=50_000,
        shared_costs=[{"id": "server_room", "jpy_per_year": 1_000_000}],
        subsidies=[],
    )
    data["revision"]["jpy_by_customisation"] = {"none": 0, "low": 0, "medium": 0, "high": 1_000_000}
    data["sizing"]["headroom_peak"] = 0.25
    data["sizing"]["default_util_pct"] = 100
    data["cloud"].update(commitment_discount=0, backup_copies=1, egress_gb_per_user_month=1, egress_volume_factor=1)
    data["one_time"]["data_transfer_jpy_per_gb"] = 100
    data["one_time"]["by_strategy"]["rehost"] = {
        "per_system_jpy": 1_000_000,
        "per_server_jpy": 200_000,
        "per_interface_jpy": 0,
        "validation_jpy": 500_000,
        "training_jpy_per_user": 0,
        "parallel_months": 0,
    }
    return CostSettings.model_validate(data)


def hand_catalog() -> PriceCatalog:
    def item(id_: str, kind: str, unit: str, price: float, currency: str = "USD", **extra: object) -> dict[str, object]:
        return {"id": id_, "kind": kind, "unit": unit, "price": price, "currency": currency, "source": "test", **extra}

    return PriceCatalog.model_validate(
        {
            "id": "hand-2026-04-01",
            "provider": "test",
            "as_of": "2026-04-01",
            "items": [
                item("c.small", "compute", "hour", 0.1, vcpu=2, memory_gb=8),
                item("c.large", "compute", "hour", 0.2, vcpu=4, memory_gb=16),
                item("block", "block_storage", "gb_month", 0.1),
                item("object", "object_storage", "gb_month", 0.02),
                item("egress", "egress", "gb", 0.1),
                item("line", "line", "month", 100_000, "JPY", manual=True),
            ],
        }
    )


def hand_inventory() -> Inventory:
    return Inventory.model_validate(
        {
            "hospital": {"id": "h", "name": "H", "beds": 100, "type": "acute", "prefecture": "13", "founder": "public"},
            "segments": [{"id": "lan", "name": "LAN", "zone": "clinical"}],
            "servers": [
                # needs 4 x 40% x 1.25 = 2 vCPU and 16 x 40% x 1.25 = 8 GB: c.small
                {
                    "id": "s1",
                    "hostname": "s1",
                    "segment": "lan",
                    "physical": True,
                    "vcpu": 4,
                    "memory_gb": 16,
                    "cpu_util_pct": 40,
                    "memory_util_pct": 40,
                    "storage_gb": 100,
                    "purchase_date": "2022-04-01",
                    "purchase_price_jpy": 2_000_000,
                    "maintenance_jpy_per_year": 150_000,
                    "power_watts": 500,
                },
                # no utilisation: keeps its 2 vCPU / 8 GB: c.small
                {
                    "id": "s2",
                    "hostname": "s2",
                    "segment": "lan",
                    "vcpu": 2,
                    "memory_gb": 8,
                    "storage_gb": 50,
                    "purchase_date": "2024-10-01",
                    "purchase_price_jpy": 1_000_000,
                    "power_watts": 100,
                },
            ],
            "systems": [
                {
                    "id": "emr",
                    "name": "EMR",
                    "category": "emr",
                    "servers": ["s1", "s2"],
                    "criticality": 1,
                    "users": 10,
                    "data_volume_gb": 1000,
                    "maintenance_jpy_per_year": 5_000_000,
                    "licence_jpy_per_year": 1_000_000,
                    "contract_end": "2030-03-31",
                    "fee_revision": True,
                    "customisation": "high",
                },
            ],
        }
    )


@pytest.fixture(scope="module")
def result():  # type: ignore[no-untyped-def]
    inventory = hand_inventory()
    return cost_plan(inventory, one_wave_plan(inventory, AS_OF), hand_settings(), hand_catalog(), AS_OF)


def test_baseline_by_hand(result) -> None:  # type: ignore[no-untyped-def]
    # s1: maintenance 150,000 + power 500 W x PUE 2 x 8,760 h = 8,760 kWh x 20 = 175,200 + facilities 50,000
    #     + staff 0.1 x 10M = 1,000,000 (x1.1, x1.21 for wages); refresh 2,000,000 on 2027-04-01
    # s2: maintenance 10% of 1,000,000 + power 1,752 kWh x 20 = 35,040 + 50,000 + staff
    # emr: maintenance 5,000,000 + licence 1,000,000; revision 1,000,000 in FY2026 and FY2028; server room 1,000,000
    assert [y.baseline_jpy for y in result.years] == [10_560_240, 11_760_240, 10_980_240]


def test_plan_by_hand(result) -> None:  # type: ignore[no-untyped-def]
    # FY2027: software 6,000,000 (rehosted, kept); compute 2 x 0.1 USD x 8,760 h x 100 = 175,200;
    #   storage 150 GB x 0.1 x 12 x 100 = 18,000; backup 150 x 0.02 x 12 x 100 = 3,600; cloud staff 2 x 550,000;
    #   egress 10 users x 12 GB x 0.1 x 100 = 1,200; line 1,200,000;
    #   one-time (1,000,000 + 2 x 200,000 + 1000 GB x 100 + 500,000) x 1.1 = 2,200,000
    # FY2028 at 150 JPY/USD: compute 262,800, storage 27,000, backup 5,400, staff 2 x 605,000, egress 1,800,
    #   line 1,200,000, software 6,000,000, revision still due after a rehost 1,000,000
    assert [y.plan_jpy for y in result.years] == [10_560_240, 10_698_000, 9_707_000]


def test_saving_npv_and_write_off_by_hand(result) -> None:  # type: ignore[no-untyped-def]
    assert [y.saving_jpy for y in result.years] == [0, 1_062_240, 1_273_240]
    assert [y.cumulative_saving_jpy for y in result.years] == [0, 1_062_240, 2_335_480]
    assert result.npv_saving_jpy == 2_335_480
    assert result.verdict == "saves"
    # s2 bought 2024-10-01 for 1,000,000, 30 of 60 months used at cutover; s1 fully depreciated
    assert [y.write_off_jpy for y in result.years] == [0, 500_000, 0]
    (wave,) = result.waves
    assert wave.one_time_jpy == 2_200_000
    assert wave.write_off_jpy == 500_000


def test_lines_by_hand(result) -> None:  # type: ignore[no-untyped-def]
    amounts = {(ln.year, ln.scenario, ln.category, ln.subject): ln.amount_jpy for ln in result.per_year()}
    assert amounts[(2027, "baseline", "hardware_refresh", "s1")] == 2_000_000
    assert (2027, "plan", "hardware_refresh", "s1") not in amounts
    assert amounts[(2027, "plan", "cloud_compute", "s1")] == 87_600
    assert amounts[(2028, "plan", "cloud_compute", "s1")] == 131_400
    assert amounts[(2027, "plan", "connectivity", "line")] == 1_200_000
    assert amounts[(2028, "plan", "cloud_staff", "s2")] == 605_000
    assert amounts[(2027, "plan", "one_time", "emr.migration")] == 1_540_000


def test_result_names_catalog_and_date(result) -> None:  # type: ignore[no-untyped-def]
    assert result.catalog.id == "hand-2026-04-01"
    assert result.catalog.as_of == date(2026, 4, 1)
    assert result.as_of == AS_OF
    assert {it.id for it in result.items_used} == {"c.small", "block", "object", "egress", "line"}
