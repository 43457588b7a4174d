"""assess_resilience, which shares what the states of one inventory have in common, gives every state exactly what
the first implementation (kept below as the reference: one reachability graph and one fixpoint per state, extended
with redundancy groups and hosts) gives: on the samples' plans, synthetic plans, and random sequences of states
(systems may come back), with and without redundancy declared."""

from __future__ import annotations

import random
from collections.abc import Iterable, Set
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.synthetic import generate
from hismigrate.load import load_inventory
from hismigrate.model.enums import ConnectionKind, Zone
from hismigrate.model.inventory import Inventory
from hismigrate.model.settings import PlanSettings
from hismigrate.plan.planner import make_plan
from hismigrate.plan.resilience import (
    CLOUD,
    PLANNED_LINE,
    SCENARIOS,
    USERS,
    Resilience,
    ScenarioOutcome,
    SinglePoint,
    _key,
    _recommend,
    assess_resilience,
)
from tests.conftest import SAMPLES as HOSPITAL_SAMPLES

REPO = Path(__file__).resolve().parents[2]
SAMPLES = [p.name for p in HOSPITAL_SAMPLES]  # the sample hospitals (not the sample group)
AS_OF = date(2026, 4, 1)
_PERIMETER = frozenset({Zone.internet, Zone.vendor, Zone.dmz})


# --- the reference: the implementation before the states shared their work (commit b772d09) ---------------------
class _Estate:
    """The reachability graph of one state: users -> segments <-> segments, segment -> cloud link -> cloud."""

    def __init__(self, inventory: Inventory, in_cloud: Set[str]) -> None:
        self.inventory = inventory
        self.in_cloud = in_cloud
        self.idx = inventory.by_id()
        g = nx.DiGraph()
        g.add_node(USERS)
        clinical = [s.id for s in inventory.segments if s.zone == Zone.clinical]
        users_in = clinical or [s.id for s in inventory.segments if s.zone not in _PERIMETER]
        for seg in inventory.segments:
            g.add_node(_key("segment", seg.id))
        for sid in users_in:
            g.add_edge(USERS, _key("segment", sid))
        for seg in inventory.segments:
            for route in seg.routes:
                g.add_edge(_key("segment", seg.id), _key("segment", route.to))
                g.add_edge(_key("segment", route.to), _key("segment", seg.id))
        self.links = [c for c in inventory.connections if c.kind == ConnectionKind.cloud_link]
        self.redundant_links = {c.id for c in self.links if c.redundant}
        self.planned_line = bool(in_cloud) and not self.links
        if in_cloud:
            g.add_node(CLOUD)
            for c in self.links:
                g.add_edge(_key("segment", c.lands_in), _key("connection", c.id))
                g.add_edge(_key("connection", c.id), CLOUD)
            if self.planned_line and users_in:
                g.add_edge(_key("segment", users_in[0]), PLANNED_LINE)
                g.add_edge(PLANNED_LINE, CLOUD)
        self.graph = g

    def units(self, system_id: str) -> list[list[str]]:
        """The system's servers by redundancy label (a server in none alone)."""
        by_label: dict[str, list[str]] = {}
        for v in self.idx.systems[system_id].servers:
            label = self.idx.servers[v].redundancy_group
            by_label.setdefault(f"label:{label}" if label is not None else f"alone:{v}", []).append(v)
        return list(by_label.values())

    def hosts_of(self, v: str) -> list[str]:
        """The hosts one of which the machine `v` needs: its host's cluster, or its host alone (none: no host)."""
        host = self.idx.servers[v].host
        if host is None:
            return []
        label = self.idx.servers[host].redundancy_group
        return [s.id for s in self.inventory.servers if s.redundancy_group == label] if label else [host]

    def _host_up(self, v: str, removed: Set[str]) -> bool:
        """Its host, or another of the host's cluster, is up (a host's own host is not followed)."""
        hosts = self.hosts_of(v)
        return not hosts or any(_key("server", h) not in removed for h in hosts)

    def available(self, removed: Set[str]) -> dict[str, bool]:
        g = self.graph.subgraph(n for n in self.graph if n not in removed)
        reach = nx.descendants(g, USERS) if USERS in g else set()
        up: dict[str, bool] = {}
        for system in self.inventory.systems:
            if system.id in self.in_cloud:
                up[system.id] = CLOUD in reach
            else:
                up[system.id] = all(
                    any(
                        _key("server", v) not in removed
                        and _key("segment", self.idx.servers[v].segment) in reach
                        and self._host_up(v, removed)
                        for v in unit
                    )
                    for unit in self.units(system.id)
                )
        changed = True
        while changed:  # a system needs what it depends on; falls only, so it ends
            changed = False
            for system in self.inventory.systems:
                if up[system.id] and any(not up.get(d, True) for d in system.depends_on):
                    up[system.id] = False
                    changed = True
        return up

    def required_nodes(self, system_id: str, seen: set[str] | None = None) -> set[str]:
        """Nodes whose loss alone stops this system: for each of its redundancy units, what every server of it
        needs (the server, the dominators of its segment, its hosts with no stand-in); in the cloud, the cloud and
        its dominators; and the same for every system it depends on."""
        seen = seen if seen is not None else set()
        if system_id in seen:
            return set()
        seen.add(system_id)
        system = self.idx.systems[system_id]
        needed: set[str] = set()
        if system_id in self.in_cloud:
            needed = {CLOUD} | self._dominators(CLOUD)
        else:
            for unit in self.units(system_id):
                reached = [v for v in unit if self._dominators(_key("segment", self.idx.servers[v].segment))]
                needed |= set.intersection(*(self._server_needs(v) for v in reached or unit))
        for dep in system.depends_on:
            needed |= self.required_nodes(dep, seen)
        return needed

    def _server_needs(self, v: str) -> set[str]:
        return {_key("server", v)} | self._dominators(_key("segment", self.idx.servers[v].segment)) | self._hosts(v)

    def _hosts(self, v: str) -> set[str]:
        hosts = self.hosts_of(v)
        return set.intersection(*({_key("server", h)} for h in hosts)) if hosts else set()

    def serves(self, server_id: str) -> tuple[str, ...]:
        listed = tuple(s.id for s in self.inventory.systems if server_id in s.servers)
        if listed:
            return listed
        return tuple(s.id for s in self.inventory.systems if any(server_id in self._hosts(v) for v in s.servers))

    def _dominators(self, target: str) -> set[str]:
        if not hasattr(self, "_idom"):
            self._idom = nx.immediate_dominators(self.graph, USERS)
        out: set[str] = set()
        node = target
        if node not in self._idom:
            return out
        while node != USERS:
            out.add(node)
            node = self._idom[node]
        return out


def _pct(systems: Iterable[str], up: dict[str, bool]) -> float:
    ids = list(systems)
    return round(100.0 * sum(up[s] for s in ids) / len(ids), 1) if ids else 100.0


def reference(inventory: Inventory, in_cloud: Set[str]) -> Resilience:
    estate = _Estate(inventory, in_cloud)
    crit1 = [s.id for s in inventory.systems if s.criticality == 1]
    crit2 = [s.id for s in inventory.systems if s.criticality == 2]
    links = {_key("connection", c.id) for c in estate.links if c.id not in estate.redundant_links}
    if estate.planned_line:
        links.add(PLANNED_LINE)
    removed_by = {
        "cloud_link_down": links,
        "external_cut": {_key("connection", c.id) for c in inventory.connections} | links | {PLANNED_LINE},
        "ransomware_onprem": {_key("server", s.id) for s in inventory.servers},
        "cloud_down": {CLOUD},
    }
    outcomes = []
    for name in SCENARIOS:
        up = estate.available(removed_by[name])
        outcomes.append(
            ScenarioOutcome(
                scenario=name,
                unavailable=tuple(s.id for s in inventory.systems if not up[s.id]),
                critical1_available_pct=_pct(crit1, up),
                critical2_available_pct=_pct(crit2, up),
            )
        )
    cuts: dict[str, list[str]] = {}
    for sid in crit1 + crit2:
        for node in estate.required_nodes(sid):
            cuts.setdefault(node, []).append(sid)
    order = {s.id: i for i, s in enumerate(inventory.systems)}
    points = tuple(
        SinglePoint(
            node_type=node.split(":", 1)[0],
            node=node.split(":", 1)[-1],
            cuts=tuple(sorted(v, key=order.get)),
            systems=estate.serves(node.split(":", 1)[-1]) if node.startswith("server:") else (),
        )
        for node, v in sorted(cuts.items())
    )
    return Resilience(
        scenarios=tuple(outcomes),
        single_points=points,
        recommendations=_recommend(in_cloud, outcomes, points, estate.idx.systems),
        planned_line_assumed=estate.planned_line,
    )


def with_redundancy(inventory: Inventory, seed: int) -> Inventory:
    """The estate with redundancy declared at random: some servers become hypervisor hosts (alone or in one of two
    clusters) under some of the others, and some systems' servers form groups (pairs, farms, or a group with one
    member listed)."""
    rng = random.Random(seed)
    servers = list(inventory.servers)
    hosts = rng.sample([s.id for s in servers], k=max(1, len(servers) // 10))
    labels: dict[str, str | None] = {h: rng.choice([None, "cluster-a", "cluster-b"]) for h in hosts}
    for system in inventory.systems:
        members = [v for v in system.servers if v not in labels]
        if len(members) >= 2 and rng.random() < 0.6:
            for v in rng.sample(members, k=rng.randint(1, len(members))):
                labels[v] = f"{system.id}-group"
    out = []
    for server in servers:
        host = rng.choice(hosts) if server.id not in hosts and rng.random() < 0.4 else None
        out.append(server.model_copy(update={"redundancy_group": labels.get(server.id), "host": host}))
    return inventory.model_copy(update={"servers": out})


# --- the tests -----------------------------------------------------------------------------------------------------


def _assert_same(inventory: Inventory, states: Iterable[Set[str]]) -> None:
    for in_cloud in states:
        assert assess_resilience(inventory, in_cloud) == reference(inventory, in_cloud), sorted(in_cloud)


def _plan_states(inventory: Inventory) -> list[frozenset[str]]:
    return [in_cloud for _, in_cloud in make_plan(inventory, AS_OF, PlanSettings()).states()]


@pytest.mark.parametrize("sample", SAMPLES)
def test_every_state_of_a_sample_plan_matches_the_reference(sample: str) -> None:
    inventory = load_inventory(REPO / "inventories" / sample)
    _assert_same(inventory, _plan_states(inventory))


@pytest.mark.parametrize(("seed", "redundant"), [(1, False), (7, False), (1, True), (7, True)])
def test_every_state_of_a_synthetic_plan_matches_the_reference(seed: int, redundant: bool) -> None:
    inventory = generate(servers=400, seed=seed)
    inventory = with_redundancy(inventory, seed) if redundant else inventory
    states = _plan_states(inventory)
    assert len(states) > 3
    _assert_same(inventory, states)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 50),
    redundant=st.booleans(),
    picks=st.lists(st.lists(st.integers(0, 10_000), max_size=12), min_size=1, max_size=5),
)
def test_any_sequence_of_states_matches_the_reference(seed: int, redundant: bool, picks: list[list[int]]) -> None:
    inventory = generate(servers=120, seed=seed)
    inventory = with_redundancy(inventory, seed) if redundant else inventory
    ids = [s.id for s in inventory.systems]
    _assert_same(inventory, [frozenset(ids[i % len(ids)] for i in pick) for pick in picks])


def test_two_inventories_in_turn_do_not_share_their_states() -> None:
    one, two = generate(servers=120, seed=3), generate(servers=120, seed=4)
    moved = {one.systems[0].id, two.systems[0].id}
    for inventory in (one, two, one, two):
        assert assess_resilience(inventory, moved) == reference(inventory, moved)
