"""Who carries which hardware (hismigrate.cost.hardware), worked by hand: a server without a price gets the table's
size-class estimate and a gap naming it; a host's hardware is spread over its virtual machines by memory, over its
cluster, with the idle rest kept by the host; machines naming no host share the hosts' spare memory, and what the
hosts cannot hold is estimated from the table's typical host."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from hismigrate.cost.case import cost_plan
from hismigrate.cost.context import make_context
from hismigrate.model.hardware_prices import shipped_hardware_prices
from hismigrate.model.inventory import Inventory
from hismigrate.model.prices import PriceCatalog
from hismigrate.model.settings import Settings
from tests.cost.conftest import AS_OF, one_wave_plan, small_inventory

SHARE = 0.08  # cost.maintenance.hardware_share


def server(ident: str, **fields: Any) -> dict[str, Any]:
    return {"id": ident, "hostname": ident, "segment": "lan", **fields}


def estate(*servers: dict[str, Any]) -> Inventory:
    systems = [{"id": "emr", "name": "EMR", "category": "emr", "servers": [s["id"] for s in servers], "criticality": 1}]
    return small_inventory(servers=list(servers), systems=systems)


def hardware(inventory: Inventory, settings: Settings, catalog: PriceCatalog):  # type: ignore[no-untyped-def]
    return make_context(inventory, settings.cost, catalog, AS_OF).hardware


def test_a_server_without_a_price_gets_its_size_class_and_the_gap_names_it(
    settings: Settings, catalog: PriceCatalog
) -> None:
    assert settings.cost.maintenance.hardware_share == SHARE
    inventory = estate(server("db", physical=True, vcpu=8, memory_gb=32, refresh_due="2028-04-01"))
    table = shipped_hardware_prices()
    medium = next(c for c in table.servers if c.id == "server.medium")
    assert (medium.max_cores, medium.max_memory_gb, medium.price_jpy) == (8, 64, 3_000_000)
    result = cost_plan(inventory, one_wave_plan(inventory), settings, catalog, AS_OF)
    lines = {(ln.scenario, ln.category): ln for ln in result.lines.each() if ln.subject == "db"}
    # a year's maintenance is 8% of the estimated 3.0 M; the refresh on 2028-04-01 (FY2028) re-buys it
    assert lines["baseline", "maintenance"].amounts_jpy[0] == 240_000
    growth = (1 + settings.cost.escalation.purchase) ** 2
    assert lines["baseline", "hardware_refresh"].amounts_jpy[2] == round(3_000_000 * growth)
    gap = next(g for g in result.gaps.each() if g.subject == "db")
    assert (gap.key, gap.assumed) == ("server_price_estimated", "server.medium")
    assert gap.reference == "estimate:servers.db.purchase_price_jpy"
    priced = [ln for ln in lines.values() if ln.category in ("maintenance", "hardware_refresh", "write_off")]
    assert len(priced) == 4 and all(gap.reference in ln.basis for ln in priced)  # the write-off in the plan only
    resting = [ln for ln in result.lines.each() if gap.reference in ln.basis]  # the EMR's parallel running too
    assert {ln.subject for ln in resting} == {"db", "emr.parallel_running"}
    assert gap.baseline_jpy == sum(sum(ln.amounts_jpy) for ln in resting if ln.scenario == "baseline")
    assert gap.plan_jpy == sum(sum(ln.amounts_jpy) for ln in resting if ln.scenario == "plan") > 0


@pytest.mark.parametrize(
    ("spec", "item", "price"),
    [
        ({"physical": True, "vcpu": 4, "memory_gb": 16}, "server.small", 1_500_000),
        ({"physical": True, "vcpu": 64, "memory_gb": 512}, "server.xlarge", 14_000_000),  # two of the largest
        ({"physical": True, "role": "hypervisor", "vcpu": 48, "memory_gb": 768}, "host.large", 9_800_000),
        ({"physical": True, "role": "storage", "storage_gb": 100_000}, "storage.array", 3_000_000 + 100 * 50_000),
    ],
)
def test_size_classes(spec: dict[str, Any], item: str, price: float, settings: Settings, catalog: PriceCatalog) -> None:
    hw = hardware(estate(server("x", **spec)), settings, catalog)
    assert (hw.item[0], hw.own_price[0]) == (item, price)


HOST = server(
    "esx1",
    role="hypervisor",
    physical=True,
    memory_gb=256,
    purchase_price_jpy=6_000_000,
    maintenance_jpy_per_year=500_000,
    power_watts=500,
    refresh_due="2029-04-01",
)


def test_a_hosts_hardware_is_spread_over_its_machines_by_memory(settings: Settings, catalog: PriceCatalog) -> None:
    vm1 = server("vm1", host="esx1", memory_gb=64, purchase_price_jpy=999_999)  # its own price is not used
    vm2 = server("vm2", host="esx1", memory_gb=32)
    hw = hardware(estate(HOST, vm1, vm2), settings, catalog)
    # 64 and 32 of 256 GiB: a quarter and an eighth; the host keeps the idle five eighths
    assert hw.maintenance.tolist() == [500_000 * 5 / 8, 500_000 / 4, 500_000 / 8]
    assert hw.watts.tolist() == [500 * 5 / 8, 500 / 4, 500 / 8]
    assert hw.boxes.tolist() == [5 / 8, 1 / 4, 1 / 8]
    units = sorted(zip(hw.unit_carrier.tolist(), hw.unit_price.tolist(), strict=True))
    assert units == [(0, 6_000_000 * 5 / 8), (1, 1_500_000.0), (2, 750_000.0)]
    anchor = date(2024, 4, 1).toordinal()  # refresh due 2029-04-01 minus the 5-year cycle
    assert set(hw.unit_anchor.tolist()) == {anchor}


def test_a_machine_draws_on_its_hosts_whole_cluster(settings: Settings, catalog: PriceCatalog) -> None:
    one = {**HOST, "redundancy_group": "CL"}
    two = {**one, "id": "esx2", "hostname": "esx2", "purchase_price_jpy": 4_000_000, "purchase_date": "2022-04-01"}
    two.pop("refresh_due")
    vm = server("vm", host="esx1", memory_gb=128)
    hw = hardware(estate(one, two, vm), settings, catalog)
    # 128 of the cluster's 512 GiB: a quarter of each host, each from its own purchase
    assert hw.maintenance[2] == (500_000 + 500_000) / 4
    units = {(c, round(p)) for c, p in zip(hw.unit_carrier.tolist(), hw.unit_price.tolist(), strict=True) if c == 2}
    assert units == {(2, 1_500_000), (2, 1_000_000)}


def test_machines_naming_no_host_share_the_spare_memory(settings: Settings, catalog: PriceCatalog) -> None:
    host = {**HOST, "memory_gb": 100}
    named = server("named", host="esx1", memory_gb=40)
    other = server("other", memory_gb=30)  # no host, no price
    inventory = estate(host, named, other)
    hw = hardware(inventory, settings, catalog)
    # 40 GiB named; 60 left, of which the other machine takes 30: 0.3 of the host; the host keeps 0.3 idle
    assert hw.maintenance.tolist() == pytest.approx([500_000 * 0.3, 500_000 * 0.4, 500_000 * 0.3])
    result = cost_plan(inventory, one_wave_plan(inventory), settings, catalog, AS_OF)
    gap = next(g for g in result.gaps.each() if g.subject == "other")
    assert (gap.key, gap.reference) == ("vm_host_inferred", "inferred:servers.other.host")
    assert gap.baseline_jpy > 0


def test_what_the_hosts_cannot_hold_is_estimated_from_the_typical_host(
    settings: Settings, catalog: PriceCatalog
) -> None:
    host = {**HOST, "memory_gb": 100}
    big = server("big", memory_gb=200, purchase_date="2023-04-01")  # wants 200 GiB; 100 are left
    inventory = estate(host, big)
    hw = hardware(inventory, settings, catalog)
    typical = shipped_hardware_prices().host()
    assert (typical.id, typical.max_memory_gb, typical.price_jpy) == ("host.large", 768, 9_800_000)
    estimate = 100 / 768 * 9_800_000
    assert hw.maintenance[1] == pytest.approx(500_000 + estimate * SHARE)  # the whole host, and the estimate
    assert hw.excess.tolist() == [0.0, 100.0]
    result = cost_plan(inventory, one_wave_plan(inventory), settings, catalog, AS_OF)
    gaps = {g.key: g for g in result.gaps.each() if g.subject == "big"}
    assert gaps["vm_hardware_estimated"].assumed == "host.large"
    assert gaps["vm_hardware_estimated"].reference == "estimate:servers.big.hardware"


def test_without_hosts_a_machine_without_a_price_is_all_estimate(settings: Settings, catalog: PriceCatalog) -> None:
    hw = hardware(estate(server("vm", memory_gb=96)), settings, catalog)
    assert hw.unit_price.tolist() == pytest.approx([96 / 768 * 9_800_000])
    assert hw.boxes.tolist() == pytest.approx([96 / 768])


@pytest.mark.parametrize("sample", ["aozora-chronic", "sakura-general", "minato-university"])
def test_the_spread_keeps_every_hosts_figures(sample: str, settings: Settings, catalog: PriceCatalog) -> None:
    """Whatever the sharing, the servers together carry each server's own hardware once, plus the estimates."""
    from pathlib import Path

    from hismigrate.load import load_inventory

    inventory = load_inventory([Path(__file__).resolve().parents[2] / "inventories" / sample])
    ctx = make_context(inventory, settings.cost, catalog, AS_OF)
    hw, facts = ctx.hardware, ctx.estate.server_facts
    typical = ctx.table.host()
    own = [float(hw.own_price[k]) for k, x in enumerate(inventory.servers) if hw.kind[k] in (0, 3)]
    estimate = float(hw.excess.sum()) / typical.max_memory_gb * typical.price_jpy
    assert float(hw.unit_price.sum()) == pytest.approx(sum(own) + estimate)
    physical = float(sum(1 for k in range(len(inventory.servers)) if hw.kind[k] in (0, 3)))
    assert float(hw.boxes.sum()) == pytest.approx(physical + float(hw.excess.sum()) / typical.max_memory_gb)
    assert len(facts["physical"]) == len(inventory.servers)
