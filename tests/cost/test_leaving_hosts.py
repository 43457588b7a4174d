"""Hypervisor hosts leave with the last virtual machine drawing on them (hismigrate.state), worked by hand: their
idle share stops being paid, their refresh purchases after that day go, and their idle share of book value is written
off in the fiscal year they leave; a staying machine that names no host keeps every host on site."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from hismigrate.cost.case import cost_plan
from hismigrate.model.cost import CostResult
from hismigrate.model.enums import Strategy
from hismigrate.model.inventory import Inventory
from hismigrate.model.plan import MigrationPlan, SystemStrategy, Wave
from tests.cost.test_hand_case import hand_catalog, hand_settings

AS_OF = date(2026, 4, 1)  # horizon FY2026-FY2028 (hand_settings: 3 years, no escalation but wages +10%)
FIRST, SECOND = date(2027, 4, 1), date(2027, 7, 1)  # the two waves' cutovers, both in FY2027


def _server(ident: str, **fields: Any) -> dict[str, Any]:
    return {"id": ident, "hostname": ident, "segment": "lan", **fields}


def _system(ident: str, server: str) -> dict[str, Any]:
    return {"id": ident, "name": ident.upper(), "category": "lis", "criticality": 2, "servers": [server]}


# Two hosts of one cluster, 200 GiB between them; the machines take 30 + 20 = 50 GiB of it (a quarter of each host),
# so each host keeps three quarters idle.
ESX1 = _server(
    "esx1",
    role="hypervisor",
    physical=True,
    redundancy_group="CL",
    memory_gb=100,
    purchase_price_jpy=6_000_000,
    purchase_date="2023-04-01",  # refresh (5-year cycle) on 2028-04-01, FY2028
    maintenance_jpy_per_year=400_000,
    power_watts=500,
)
ESX2 = _server(
    "esx2",
    role="hypervisor",
    physical=True,
    redundancy_group="CL",
    memory_gb=100,
    purchase_price_jpy=4_000_000,
    purchase_date="2022-10-01",  # refresh on 2027-10-01, FY2027
    maintenance_jpy_per_year=200_000,
    power_watts=300,
)


def _inventory(*extra_servers: dict[str, Any], extra_systems: tuple[dict[str, Any], ...] = ()) -> Inventory:
    return Inventory.model_validate(
        {
            "hospital": {"id": "h", "name": "H", "beds": 100, "type": "acute", "prefecture": "13", "founder": "public"},
            "segments": [{"id": "lan", "name": "LAN", "zone": "clinical"}],
            "servers": [
                ESX1,
                ESX2,
                _server("vm1", host="esx1", vcpu=2, memory_gb=30),
                _server("vm2", host="esx1", vcpu=2, memory_gb=20),
                *extra_servers,
            ],
            "systems": [_system("a", "vm1"), _system("b", "vm2"), *extra_systems],
        }
    )


def _plan(*waves: tuple[date, tuple[str, ...]]) -> MigrationPlan:
    moving = [x for _, systems in waves for x in systems]
    return MigrationPlan(
        strategies=tuple(SystemStrategy(system=x, strategy=Strategy.rehost) for x in moving),
        waves=tuple(Wave(index=k + 1, cutover=day, systems=systems) for k, (day, systems) in enumerate(waves)),
    )


def _lines(result: CostResult, subject: str) -> dict[tuple[str, str], list[int]]:
    return {(ln.scenario, ln.category): list(ln.amounts_jpy) for ln in result.lines.each() if ln.subject == subject}


@pytest.fixture(scope="module")
def result() -> CostResult:
    inventory = _inventory()
    plan = _plan((FIRST, ("a",)), (SECOND, ("b",)))
    return cost_plan(inventory, plan, hand_settings(), hand_catalog(), AS_OF)


# Idle share 3/4 a year (FY2026, FY2027, FY2028), paid in the plan until the later machine leaves on 2027-07-01:
# April-June of FY2027, 3 of 12 months (the month of the cutover counts as moved), nothing in FY2028.
# esx1: maintenance 400,000 x 3/4 = 300,000; power 500 W x 3/4 x PUE 2 x 8,760 h / 1000 = 6,570 kWh x 20 = 131,400;
#       facilities 3/4 of a server's 50,000 = 37,500; staff 0.1 FTE x 10,000,000 = 1,000,000 (x1.1, x1.21)
# esx2: maintenance 200,000 x 3/4 = 150,000; power 300 x 3/4 x 2 x 8,760 / 1000 = 3,942 kWh x 20 = 78,840;
#       facilities 37,500; staff as esx1
RUNNING = {
    ("esx1", "maintenance"): [300_000, 75_000, 0],
    ("esx1", "power"): [131_400, 32_850, 0],
    ("esx1", "facilities"): [37_500, 9_375, 0],
    ("esx1", "staff"): [1_000_000, 275_000, 0],
    ("esx2", "maintenance"): [150_000, 37_500, 0],
    ("esx2", "power"): [78_840, 19_710, 0],
    ("esx2", "facilities"): [37_500, 9_375, 0],
    ("esx2", "staff"): [1_000_000, 275_000, 0],
}


def test_the_hosts_idle_share_is_paid_until_the_last_machine_leaves(result: CostResult) -> None:
    for (host, category), plan in RUNNING.items():
        lines = _lines(result, host)
        full = [plan[0], plan[0] * 11 // 10 if category == "staff" else plan[0]]
        full.append(full[-1] * 11 // 10 if category == "staff" else plan[0])
        assert lines["baseline", category] == full, (host, category)
        assert lines["plan", category] == plan, (host, category)


def test_the_hosts_refresh_after_leaving_goes(result: CostResult) -> None:
    # the idle three quarters of each host's purchase: esx2's 4,000,000 on 2027-10-01 (FY2027), esx1's 6,000,000 on
    # 2028-04-01 (FY2028); both after the hosts leave on 2027-07-01, so the plan buys neither
    assert _lines(result, "esx1")["baseline", "hardware_refresh"] == [0, 0, 4_500_000]
    assert _lines(result, "esx2")["baseline", "hardware_refresh"] == [0, 3_000_000, 0]
    assert ("plan", "hardware_refresh") not in _lines(result, "esx1")
    assert ("plan", "hardware_refresh") not in _lines(result, "esx2")


def test_the_hosts_idle_book_value_is_written_off_when_they_leave(result: CostResult) -> None:
    # 5-year (60-month) life, written off on 2027-07-01 (FY2027):
    # esx1 bought 2023-04: 51 months used, 9/60 left: 6,000,000 x 3/4 x 9/60 = 675,000
    # esx2 bought 2022-10: 57 months used, 3/60 left: 4,000,000 x 3/4 x 3/60 = 150,000
    assert _lines(result, "esx1")["plan", "write_off"] == [0, 675_000, 0]
    assert _lines(result, "esx2")["plan", "write_off"] == [0, 150_000, 0]
    # the machines' shares as before: vm1 (30/200 of each host) leaves 2027-04-01: 900,000 x 12/60 + 600,000 x 6/60
    # = 240,000; vm2 (20/200) leaves 2027-07-01: 600,000 x 9/60 + 400,000 x 3/60 = 110,000
    assert _lines(result, "vm1")["plan", "write_off"] == [0, 240_000, 0]
    assert _lines(result, "vm2")["plan", "write_off"] == [0, 110_000, 0]
    assert [y.write_off_jpy for y in result.years] == [0, 240_000 + 110_000 + 675_000 + 150_000, 0]
    # the hosts' write-off belongs to the wave whose cutover they leave with
    assert [w.write_off_jpy for w in result.waves] == [240_000, 110_000 + 675_000 + 150_000]


def test_one_wave_retires_the_hosts_at_its_cutover() -> None:
    inventory = _inventory()
    result = cost_plan(inventory, _plan((FIRST, ("a", "b"))), hand_settings(), hand_catalog(), AS_OF)
    # all of FY2027 off site; esx1 bought 2023-04: 48 of 60 months used: 4,500,000 x 12/60 = 900,000;
    # esx2 bought 2022-10: 54 used: 3,000,000 x 6/60 = 300,000
    assert _lines(result, "esx1")["plan", "maintenance"] == [300_000, 0, 0]
    assert _lines(result, "esx2")["plan", "staff"] == [1_000_000, 0, 0]
    assert _lines(result, "esx1")["plan", "write_off"] == [0, 900_000, 0]
    assert _lines(result, "esx2")["plan", "write_off"] == [0, 300_000, 0]


def test_a_staying_machine_naming_no_host_keeps_every_host() -> None:
    # vm3 names no host and has no price: it draws on the hosts' spare memory (150 of the cluster's 200 GiB are
    # left after the named machines; it takes 40 of them: 0.2 of each host, whose idle share falls to 0.55). While
    # its system c stays, the hosts stay: the plan pays what the baseline pays and writes nothing off.
    vm3 = _server("vm3", vcpu=2, memory_gb=40)
    inventory = _inventory(vm3, extra_systems=(_system("c", "vm3"),))
    settings, catalog = hand_settings(), hand_catalog()
    staying = cost_plan(inventory, _plan((FIRST, ("a",)), (SECOND, ("b",))), settings, catalog, AS_OF)
    for host in ("esx1", "esx2"):
        lines = _lines(staying, host)
        assert lines["plan", "maintenance"] == [220_000 if host == "esx1" else 110_000] * 3  # 400,000 x 0.55
        for category in ("maintenance", "power", "facilities", "staff", "hardware_refresh"):
            assert lines["plan", category] == lines["baseline", category], (host, category)
        assert ("plan", "write_off") not in lines
    # Once c moves too (2028-04-01, FY2028), the hosts leave with it: nothing paid in FY2028. esx1, bought 2023-04,
    # is then fully depreciated (60 of 60 months); esx2 was re-bought on 2027-10-01 (4,000,000 x 0.55 = 2,200,000)
    # and has 54 of 60 months left: 1,980,000 written off in FY2028.
    waves = _plan((FIRST, ("a",)), (SECOND, ("b",)), (date(2028, 4, 1), ("c",)))
    gone = cost_plan(inventory, waves, settings, catalog, AS_OF)
    esx1, esx2 = _lines(gone, "esx1"), _lines(gone, "esx2")
    assert esx1["plan", "maintenance"] == [220_000, 220_000, 0] and ("plan", "write_off") not in esx1
    assert esx2["plan", "staff"] == [1_000_000, 1_100_000, 0]
    assert esx2["plan", "hardware_refresh"] == [0, 2_200_000, 0]
    assert esx2["plan", "write_off"] == [0, 0, 1_980_000]
