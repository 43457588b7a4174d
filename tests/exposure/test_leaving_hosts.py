"""Hypervisor hosts leave the estate with the last virtual machine drawing on them (hismigrate.state): once every
machine of a cluster has moved, the estate graph and the exposure analysis of that state no longer hold the hosts,
nor their findings; a machine naming no host that stays keeps them."""

from __future__ import annotations

from typing import Any

from hismigrate.exposure.assess import assess_exposure
from hismigrate.exposure.states import assess_states
from hismigrate.graph.build import build_graph
from hismigrate.model.inventory import Inventory
from hismigrate.state import migration_state
from tests.exposure.conftest import AS_OF, inventory_with

# Two unpatched hosts without protection in one cluster; the EMR's two servers are machines naming esx1. The other
# servers are physical, so no machine naming no host draws on the hosts.
HOST = {"segment": "clin-lan", "role": "hypervisor", "physical": True, "redundancy_group": "CL", "domain": "hosp.local"}
HOST |= {"os_name": "VMware ESXi", "os_version": "6.5", "protection": "none", "last_patched": "2023-01-10"}
HOSTS = [{"id": "esx1", "hostname": "ESX1", **HOST}, {"id": "esx2", "hostname": "ESX2", **HOST}]
MACHINES = [{"id": "app01", "host": "esx1"}, {"id": "db01", "host": "esx1"}]


def _estate(*others: dict[str, Any]) -> Inventory:
    physical = [{"id": "office01", "physical": True}, {"id": "bk01", "physical": True}]
    return inventory_with({"servers": [*HOSTS, *MACHINES, *physical, *others]})


def _servers(inventory: Inventory, in_cloud: frozenset[str]) -> list[str]:
    graph = build_graph(inventory, in_cloud).graph
    return [d["id"] for _, d in graph.nodes(data=True) if d["type"] == "server"]


def test_the_hosts_are_gone_once_every_machine_of_their_cluster_has_moved() -> None:
    inventory = _estate()
    before, after = frozenset(), frozenset({"emr"})
    assert _servers(inventory, before) == ["app01", "db01", "office01", "bk01", "esx1", "esx2"]
    assert _servers(inventory, after) == ["office01", "bk01"]
    assert [s.id for s in migration_state(inventory, after).servers] == ["office01", "bk01"]
    subjects = {f.subject for f in assess_exposure(inventory, as_of=AS_OF, in_cloud=before).findings}
    assert {"server:esx1", "server:esx2"} <= subjects  # unpatched, unprotected
    result = assess_exposure(inventory, as_of=AS_OF, in_cloud=after)
    assert not any(f.subject.startswith("server:esx") for f in (*result.findings, *result.gaps))
    # the states run from one to the next (patching the attack graph) ends where a full run of the last state does
    assert assess_states(inventory, AS_OF, [("before", before), ("after", after)]).last == result


def test_a_staying_machine_naming_no_host_keeps_the_hosts_until_it_leaves() -> None:
    inventory = _estate({"id": "office01", "physical": False})  # no host, no price: draws on every host
    assert _servers(inventory, frozenset({"emr"})) == ["office01", "bk01", "esx1", "esx2"]
    subjects = {f.subject for f in assess_exposure(inventory, as_of=AS_OF, in_cloud={"emr"}).findings}
    assert {"server:esx1", "server:esx2"} <= subjects
    # the groupware on office01 moving too takes the hosts with it
    assert _servers(inventory, frozenset({"emr", "groupware"})) == ["bk01"]
