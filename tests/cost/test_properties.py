"""Invariants of the cost model over generated estates (hypothesis)."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from hismigrate.cost.case import cost_plan
from hismigrate.cost.runs import npv
from hismigrate.model.inventory import Inventory
from hismigrate.model.plan import MigrationPlan
from hismigrate.model.prices import shipped_catalog
from hismigrate.model.settings import Settings
from tests.cost.conftest import AS_OF, one_wave_plan

SETTINGS = Settings()
CATALOG = shipped_catalog("aws")
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

days = st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31))
maybe_money = st.one_of(st.none(), st.integers(min_value=0, max_value=50_000_000))


@st.composite
def servers(draw: Any, index: int) -> dict[str, Any]:
    return {
        "id": f"s{index}",
        "hostname": f"s{index}",
        "segment": "lan",
        "physical": draw(st.booleans()),
        "vcpu": draw(st.one_of(st.none(), st.integers(1, 64))),
        "memory_gb": draw(st.one_of(st.none(), st.integers(1, 512))),
        "storage_gb": draw(st.one_of(st.none(), st.integers(0, 20_000))),
        "cpu_util_pct": draw(st.one_of(st.none(), st.integers(0, 100))),
        "memory_util_pct": draw(st.one_of(st.none(), st.integers(0, 100))),
        "util_basis": draw(st.sampled_from(["peak", "p95"])),
        "purchase_date": draw(st.one_of(st.none(), days)),
        "purchase_price_jpy": draw(maybe_money),
        "maintenance_jpy_per_year": draw(st.one_of(st.none(), st.integers(0, 5_000_000))),
        "power_watts": draw(st.one_of(st.none(), st.integers(0, 2000))),
    }


@st.composite
def estates(draw: Any) -> dict[str, Any]:
    n_servers = draw(st.integers(0, 5))
    server_list = [draw(servers(i)) for i in range(n_servers)]
    ids = [s["id"] for s in server_list]
    systems = []
    for k in range(draw(st.integers(0, 4))):
        systems.append(
            {
                "id": f"sys{k}",
                "name": f"System {k}",
                "category": draw(st.sampled_from(["emr", "pacs", "lis", "nutrition", "billing"])),
                "servers": draw(st.lists(st.sampled_from(ids), unique=True, max_size=3)) if ids else [],
                "criticality": draw(st.integers(1, 4)),
                "users": draw(st.one_of(st.none(), st.integers(0, 3000))),
                "data_volume_gb": draw(st.one_of(st.none(), st.integers(0, 100_000))),
                "maintenance_jpy_per_year": draw(maybe_money),
                "licence_jpy_per_year": draw(st.one_of(st.none(), st.integers(0, 10_000_000))),
                "contract_end": draw(st.one_of(st.none(), days)),
                "fee_revision": draw(st.booleans()),
                "customisation": draw(st.sampled_from(["none", "low", "medium", "high"])),
                "strategy": draw(
                    st.sampled_from(["rehost", "replatform", "refactor", "repurchase", "retain", "retire"])
                ),
            }
        )
    return {
        "hospital": {
            "id": "h",
            "name": "H",
            "beds": draw(st.integers(0, 1200)),
            "type": "acute",
            "prefecture": "13",
            "founder": "public",
        },
        "segments": [{"id": "lan", "name": "LAN", "zone": "clinical"}],
        "servers": server_list,
        "systems": systems,
    }


@FAST
@given(estates())
@example({"hospital": {"id": "h", "name": "H", "beds": 0, "type": "acute", "prefecture": "13", "founder": "public"}})
def test_delta_is_zero_when_nothing_moves(data: dict[str, Any]) -> None:
    inventory = Inventory.model_validate(data)
    result = cost_plan(inventory, MigrationPlan(), SETTINGS, CATALOG, AS_OF)
    assert all(y.saving_jpy == 0 and y.write_off_jpy == 0 for y in result.years)
    assert result.npv_saving_jpy == 0 and result.verdict == "neutral"


@FAST
@given(estates(), servers(99))
def test_adding_a_server_never_lowers_the_baseline(data: dict[str, Any], extra: dict[str, Any]) -> None:
    before = cost_plan(Inventory.model_validate(data), MigrationPlan(), SETTINGS, CATALOG, AS_OF)
    data = {**data, "servers": [*data["servers"], extra]}
    after = cost_plan(Inventory.model_validate(data), MigrationPlan(), SETTINGS, CATALOG, AS_OF)
    for old, new in zip(before.years, after.years, strict=True):
        assert new.baseline_jpy >= old.baseline_jpy


@FAST
@given(estates())
def test_npv_at_zero_rate_is_the_plain_sum_of_deltas(data: dict[str, Any]) -> None:
    inventory = Inventory.model_validate(data)
    result = cost_plan(inventory, one_wave_plan(inventory), SETTINGS.with_cost(discount_rate=0.0), CATALOG, AS_OF)
    assert result.npv_saving_jpy == sum(y.saving_jpy for y in result.years) == result.total_saving_jpy
    # and the year rows are the sums of the rounded lines
    for row in result.years:
        plan = sum(
            ln.amount_jpy for ln in result.per_year() if ln.year == row.year and ln.scenario == "plan" and ln.cash
        )
        assert plan == row.plan_jpy


@given(st.lists(st.integers(-(10**9), 10**9), min_size=1, max_size=15))
def test_npv_zero_rate_helper(deltas: list[int]) -> None:
    assert npv(deltas, 0.0) == sum(deltas)


@FAST
@given(estates())
def test_output_is_deterministic(data: dict[str, Any]) -> None:
    inventory = Inventory.model_validate(data)
    plan = one_wave_plan(inventory)
    first = cost_plan(inventory, plan, SETTINGS, CATALOG, AS_OF).model_dump_json()
    assert first == cost_plan(inventory, plan, SETTINGS, CATALOG, AS_OF).model_dump_json()
