"""Redundancy in resilience: servers that stand in for one another stop a system only all together; a single point of
failure is exactly a node whose loss alone stops a critical system that works with nothing lost; the samples'
single points hold no member of a redundant group."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hismigrate.errors import Location
from hismigrate.load import load_inventory
from hismigrate.load.validate import to_inventory
from hismigrate.model.inventory import Inventory
from hismigrate.model.settings import PlanSettings
from hismigrate.plan.planner import make_plan
from hismigrate.plan.resilience import CLOUD, _key, assess_resilience
from tests.plan.test_resilience_states import _Estate
from tests.strategies import inventories

REPO = Path(__file__).resolve().parents[2]
AS_OF = date(2026, 12, 1)

BASE = """
hospital: {id: h, name: 病院, beds: 300, type: acute, prefecture: tokyo, founder: public}
segments:
  - {id: clin, name: 診療系, zone: clinical, routes: [{to: srv-a}, {to: srv-b}]}
  - {id: srv-a, name: サーバA, zone: management}
  - {id: srv-b, name: サーバB, zone: management}
servers:
  - {id: dc1, hostname: DC1, segment: srv-a, role: domain_controller}
  - {id: dc2, hostname: DC2, segment: srv-b, role: domain_controller}
  - {id: ap1, hostname: AP1, segment: srv-a}
  - {id: ap2, hostname: AP2, segment: srv-a}
  - {id: db1, hostname: DB1, segment: srv-a, role: database}
  - {id: esx1, hostname: ESX1, segment: srv-a, role: hypervisor, physical: true}
  - {id: esx2, hostname: ESX2, segment: srv-a, role: hypervisor, physical: true}
systems:
  - {id: identity, name: 認証, category: identity, servers: [dc1, dc2], criticality: 1}
  - {id: emr, name: 電子カルテ, category: emr, servers: [ap1, ap2, db1], criticality: 1, depends_on: [identity]}
"""


def _inv(labels: dict[str, str], hosts: dict[str, str] | None = None) -> Inventory:
    data: dict[str, Any] = yaml.safe_load(BASE)
    for server in data["servers"]:
        if server["id"] in labels:
            server["redundancy_group"] = labels[server["id"]]
        if hosts and server["id"] in hosts:
            server["host"] = hosts[server["id"]]
    return to_inventory(data, lambda loc: Location("<test>"))


def _singles(inventory: Inventory) -> dict[str, tuple[str, ...]]:
    return {f"{p.node_type}:{p.node}": p.cuts for p in assess_resilience(inventory, frozenset()).single_points}


def test_without_groups_every_server_is_single() -> None:
    singles = _singles(_inv({}))
    assert {k for k in singles if k.startswith("server:")} == {
        "server:dc1",
        "server:dc2",
        "server:ap1",
        "server:ap2",
        "server:db1",
    }
    assert singles["server:dc1"] == ("identity", "emr")  # the EMR needs identity
    assert singles["server:ap1"] == ("emr",)


def test_a_pair_and_a_farm_are_not_single_but_the_database_is() -> None:
    singles = _singles(_inv({"dc1": "dc", "dc2": "dc", "ap1": "emr-ap", "ap2": "emr-ap"}))
    assert {k for k in singles if k.startswith("server:")} == {"server:db1"}
    # the two DCs sit in two segments: neither segment alone stops identity; the EMR's servers all sit in srv-a
    assert "segment:srv-b" not in singles
    assert singles["segment:srv-a"] == ("emr",)
    assert singles["segment:clin"] == ("identity", "emr")


def test_a_group_of_one_listed_server_is_still_single() -> None:
    # ap2 carries the label but only ap1 of the farm is listed for another label: a lone member stands for nothing
    singles = _singles(_inv({"ap1": "farm", "ap2": "other"}))
    assert "server:ap1" in singles and "server:ap2" in singles


def test_a_virtual_machine_needs_its_host_unless_the_host_is_in_a_cluster() -> None:
    labels = {"dc1": "dc", "dc2": "dc", "ap1": "emr-ap", "ap2": "emr-ap"}
    alone = assess_resilience(_inv(labels, {"db1": "esx1"}), frozenset())
    host = next(p for p in alone.single_points if p.node == "esx1")
    assert host.cuts == ("emr",) and host.systems == ("emr",)  # named by the system of the machine it carries
    clustered = _inv({**labels, "esx1": "cl", "esx2": "cl"}, {"db1": "esx1"})
    assert "server:esx1" not in _singles(clustered) and "server:esx2" not in _singles(clustered)
    # both application servers on one host: the farm stops with the host
    shared = _singles(_inv(labels, {"ap1": "esx1", "ap2": "esx1"}))
    assert shared["server:esx1"] == ("emr",)


def test_single_servers_name_the_systems_they_serve() -> None:
    result = assess_resilience(_inv({"dc1": "dc", "dc2": "dc"}), frozenset())
    servers = {p.node: p.systems for p in result.single_points if p.node_type == "server"}
    assert servers == {"ap1": ("emr",), "ap2": ("emr",), "db1": ("emr",)}


@st.composite
def _redundant_inventories(draw: st.DrawFn) -> dict[str, Any]:
    data = draw(inventories())
    ids = [s["id"] for s in data["servers"]]
    if ids:
        hosts = draw(st.lists(st.sampled_from(ids), unique=True, max_size=3))
        for server in data["servers"]:
            server["redundancy_group"] = draw(st.sampled_from([None, None, "g1", "g2", "g3"]))
            others = [h for h in hosts if h != server["id"]]
            if server["id"] not in hosts and others:
                server["host"] = draw(st.none() | st.sampled_from(others))
    return data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_redundant_inventories(), st.data())
def test_a_single_point_is_exactly_what_alone_stops_a_working_critical_system(
    data: dict[str, Any], pick: st.DataObject
) -> None:
    inventory = to_inventory(data, lambda loc: Location("<generated>"))
    ids = [s.id for s in inventory.systems]
    in_cloud = frozenset(pick.draw(st.lists(st.sampled_from(ids), unique=True)) if ids else [])
    result = assess_resilience(inventory, in_cloud)
    estate = _Estate(inventory, in_cloud)
    working = estate.available(set())
    critical = [s.id for s in inventory.systems if s.criticality <= 2 and working[s.id]]
    nodes = [n for n in estate.graph if n not in ("users",)] + [_key("server", s.id) for s in inventory.servers]
    listed = {f"{p.node_type}:{p.node}": set(p.cuts) for p in result.single_points}
    for node in nodes:
        up = estate.available({node})
        stopped = {s for s in critical if not up[s]}
        got = listed.get("cloud:cloud" if node == CLOUD else node, set()) & set(critical)
        assert got == stopped, node


@pytest.mark.parametrize("sample", ["sakura-general", "minato-university"])
def test_samples_list_no_member_of_a_redundant_group(sample: str) -> None:
    inventory = load_inventory([REPO / "inventories" / sample])
    servers = inventory.by_id().servers
    grouped = {s.id for s in inventory.servers if s.redundancy_group}
    assert grouped, "the sample declares its clusters"
    for _, in_cloud in make_plan(inventory, AS_OF, PlanSettings()).states():
        singles = {p.node for p in assess_resilience(inventory, in_cloud).single_points if p.node_type == "server"}
        for sid in singles & grouped:  # a labelled server is single only when no other server of its system shares it
            label = servers[sid].redundancy_group
            for system in inventory.systems:
                if sid in system.servers:
                    assert [v for v in system.servers if servers[v].redundancy_group == label] == [sid]


def test_the_general_hospital_lists_neither_domain_controller_nor_emr_application_server() -> None:
    inventory = load_inventory([REPO / "inventories" / "sakura-general"])
    pairs = {"skr-dc01", "skr-dc02", "skr-emr-db01", "skr-emr-db02", "skr-ifgw01", "skr-ifgw02"}
    pairs |= {f"skr-emr-ap0{i}" for i in range(1, 7)} | {f"skr-esx0{i}" for i in range(1, 5)}
    for _, in_cloud in make_plan(inventory, AS_OF, PlanSettings()).states():
        result = assess_resilience(inventory, in_cloud)
        nodes = {p.node for p in result.single_points}
        assert not nodes & pairs
    # what is truly single stays listed: the EMR's shared storage, before the plan
    before = assess_resilience(inventory, frozenset())
    storage = next(p for p in before.single_points if p.node == "skr-san01")
    assert storage.systems == ("emr",) and "emr" in storage.cuts


def test_a_group_works_while_one_member_is_reachable() -> None:
    def unavailable(labels: dict[str, str]) -> set[str]:
        data: dict[str, Any] = yaml.safe_load(BASE)
        data["segments"][0]["routes"] = [{"to": "srv-a"}]  # srv-b (DC2) cannot be reached from the wards
        for server in data["servers"]:
            server["redundancy_group"] = labels.get(server["id"])
        result = assess_resilience(to_inventory(data, lambda loc: Location("<test>")), frozenset())
        return set(next(o for o in result.scenarios if o.scenario == "cloud_down").unavailable)

    assert unavailable({}) == {"identity", "emr"}  # every server needed: DC2 is out of reach
    assert unavailable({"dc1": "dc", "dc2": "dc"}) == set()  # DC1 stands in
