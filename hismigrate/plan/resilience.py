"""What keeps working in a migration state when a line or the cloud is cut, or on-prem servers are encrypted.

Availability model: clinical users sit in the clinical-zone segments (all non-perimeter segments when there is none).
An on-prem system works when one server of each of its redundancy units is up and its segment is reachable from
users through the allowed routes (either direction): servers that share a `redundancy_group` label stand in for one
another, a server in no group is a unit of its own, and a virtual machine also needs its hypervisor host or one host
of the host's cluster (see `plan.redundancy`). A cloud system works when the cloud is reachable through a cloud link;
and every system also needs the systems it depends on. When systems are in the cloud and the inventory has no cloud
link, a planned single line is assumed (and reported), landing where `hismigrate.state` lands an implied cloud link.
Single points of failure are the nodes whose loss alone cuts users off a criticality-1 or -2 system: for each unit,
what every one of its servers needs (the server itself when it is alone, the dominators of its segment on the
reachability graph, its host when that has no stand-in), over the system and everything it depends on. Each single
server names the systems it serves, so that a report can group them by system.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping, Set

import networkx as nx

from hismigrate.model.enums import ConnectionKind, Zone
from hismigrate.model.inventory import Inventory, InventoryIndex, System
from hismigrate.model.plan import Reason
from hismigrate.model.resilience import Resilience, ScenarioOutcome, SinglePoint
from hismigrate.plan.names import system_names
from hismigrate.plan.redundancy import Unit, host_needs, units
from hismigrate.state import PERIMETER, cloud_landing

USERS = "users"
CLOUD = "cloud"
PLANNED_LINE = "connection:(planned cloud line)"
SCENARIOS = ("cloud_link_down", "external_cut", "ransomware_onprem", "cloud_down")


def _key(kind: str, ident: str) -> str:
    return f"{kind}:{ident}"


class _Layout:
    """The reachability graph of the estate with or without the cloud in use, and what it decides for every
    scenario. A state changes only which systems are in the cloud: the graph itself depends only on whether any is,
    so the states of one plan share two layouts."""

    def __init__(
        self,
        inventory: Inventory,
        idx: InventoryIndex,
        with_cloud: bool,
        system_units: list[tuple[Unit, ...]] | None = None,
        hosts: dict[str, frozenset[str]] | None = None,
    ) -> None:
        if system_units is None:
            system_units = [units(s, idx.servers) for s in inventory.systems]
        hosts = host_needs(inventory) if hosts is None else hosts
        g: nx.DiGraph[str] = nx.DiGraph()
        g.add_node(USERS)
        clinical = [s.id for s in inventory.segments if s.zone == Zone.clinical]
        users_in = clinical or [s.id for s in inventory.segments if s.zone not in PERIMETER]
        for seg in inventory.segments:
            g.add_node(_key("segment", seg.id))
        for sid in users_in:
            g.add_edge(USERS, _key("segment", sid))
        for seg in inventory.segments:
            for route in seg.routes:
                g.add_edge(_key("segment", seg.id), _key("segment", route.to))
                g.add_edge(_key("segment", route.to), _key("segment", seg.id))
        links = [c for c in inventory.connections if c.kind == ConnectionKind.cloud_link]
        redundant = {c.id for c in links if c.redundant}
        self.planned_line = with_cloud and not links
        landing = cloud_landing(inventory.segments)  # where an implied link lands, as in every analysis
        self.landing = landing.id if landing is not None and self.planned_line else None
        if with_cloud:
            g.add_node(CLOUD)
            for c in links:
                g.add_edge(_key("segment", c.lands_in), _key("connection", c.id))
                g.add_edge(_key("connection", c.id), CLOUD)
            if self.planned_line and self.landing is not None:
                g.add_edge(_key("segment", self.landing), PLANNED_LINE)
                g.add_edge(PLANNED_LINE, CLOUD)
        cut = {_key("connection", c.id) for c in links if c.id not in redundant}
        if self.planned_line:
            cut.add(PLANNED_LINE)
        removed_by = {
            "cloud_link_down": cut,
            "external_cut": {_key("connection", c.id) for c in inventory.connections} | cut | {PLANNED_LINE},
            "ransomware_onprem": set(),  # every server: none is a node of this graph; see `onprem_up`
            "cloud_down": {CLOUD},
        }
        # Each scenario: is the cloud reachable, and is each system up on premises (before its dependencies).
        self.cloud_up: dict[str, bool] = {}
        self.onprem_up: dict[str, list[bool]] = {}
        for name in SCENARIOS:
            removed = removed_by[name]
            sub = g.subgraph(n for n in g if n not in removed)
            reach = nx.descendants(sub, USERS) if USERS in sub else set()
            self.cloud_up[name] = CLOUD in reach
            servers_lost = name == "ransomware_onprem"
            segment_up = {
                _key("segment", seg.id): not servers_lost and _key("segment", seg.id) in reach
                for seg in inventory.segments
            }
            self.onprem_up[name] = [
                all(any(segment_up[_key("segment", idx.servers[v].segment)] for v in unit) for unit in own)
                for own in system_units
            ]
        idom = nx.immediate_dominators(g, USERS)
        self.dominators: dict[str, frozenset[str]] = {}
        for node in idom:
            chain: set[str] = set()
            current = node
            while current != USERS:
                chain.add(current)
                current = idom[current]
            self.dominators[node] = frozenset(chain)

        # What each system needs on its own, on premises and in the cloud (its dependencies' needs come on top):
        # for each unit, what every server of it that users can reach needs (one out of reach stands in for none).
        def server_needs(v: str) -> frozenset[str]:
            own = {_key("server", v), *(_key("server", h) for h in hosts.get(v, ()))}
            return frozenset(own).union(self.dominators.get(_key("segment", idx.servers[v].segment), ()))

        def unit_needs(unit: Unit) -> frozenset[str]:
            reached = [v for v in unit if _key("segment", idx.servers[v].segment) in self.dominators] or unit
            return frozenset.intersection(*(server_needs(v) for v in reached))

        self.own_onprem = [frozenset().union(*(unit_needs(unit) for unit in own)) for own in system_units]
        self.own_cloud = frozenset({CLOUD} | self.dominators.get(CLOUD, frozenset()))


class _Prepared:
    """What every state of one inventory shares: the two layouts (made when first needed), each system's
    dependencies both ways and the critical systems."""

    def __init__(self, inventory: Inventory) -> None:
        self.inventory = inventory
        self.idx = inventory.by_id()
        self.ids = [s.id for s in inventory.systems]
        self.pos = {sid: i for i, sid in enumerate(self.ids)}
        self.crit1 = [s.id for s in inventory.systems if s.criticality == 1]
        self.crit2 = [s.id for s in inventory.systems if s.criticality == 2]
        # who depends on each system (dependencies on unlisted systems never fail: the model counts them as up)
        self.dependants: list[list[int]] = [[] for _ in self.ids]
        for i, system in enumerate(inventory.systems):
            for dep in system.depends_on:
                if dep in self.pos:
                    self.dependants[self.pos[dep]].append(i)
        self.units = [units(s, self.idx.servers) for s in inventory.systems]
        self.hosts = host_needs(inventory)
        # the systems each server serves: those that list it, else (a hypervisor host) those of its machines
        listed: dict[str, list[str]] = {}
        for system in inventory.systems:
            for v in system.servers:
                listed.setdefault(v, []).append(system.id)
        via_host: dict[str, list[str]] = {}
        for system in inventory.systems:
            for v in system.servers:
                for host in self.hosts.get(v, ()):
                    if host not in listed and system.id not in via_host.setdefault(host, []):
                        via_host[host].append(system.id)
        self.serves = {**via_host, **listed}
        self.layouts: dict[bool, _Layout] = {}
        self.closures: dict[str, list[int]] = {}
        self.points: dict[tuple[str, tuple[str, ...]], SinglePoint] = {}

    def layout(self, with_cloud: bool) -> _Layout:
        if with_cloud not in self.layouts:
            self.layouts[with_cloud] = _Layout(self.inventory, self.idx, with_cloud, self.units, self.hosts)
        return self.layouts[with_cloud]

    def closure(self, system_id: str) -> list[int]:
        """The system and every system it depends on, directly or not (positions in the inventory)."""
        found = self.closures.get(system_id)
        if found is None:
            seen = {system_id}
            todo = [system_id]
            while todo:
                for dep in self.idx.systems[todo.pop()].depends_on:
                    if dep not in seen:
                        seen.add(dep)
                        todo.append(dep)
            found = self.closures[system_id] = [self.pos[s] for s in seen]
        return found

    def point(self, node: str, cuts: tuple[str, ...]) -> SinglePoint:
        """The single point of failure `node` with the systems it cuts; most stay the same from state to state."""
        found = self.points.get((node, cuts))
        if found is None:
            kind, ident = node.split(":", 1)[0], node.split(":", 1)[-1]
            found = SinglePoint(
                node_type=kind,
                node=ident,
                cuts=tuple(sorted(cuts, key=self.pos.__getitem__)),
                systems=tuple(self.serves.get(ident, ())) if kind == "server" else (),
            )
            self.points[(node, cuts)] = found
        return found

    def available(self, layout: _Layout, scenario: str, in_cloud: Set[str]) -> list[bool]:
        """Which systems work (by inventory position): up on their own, and every dependency up."""
        cloud_up = layout.cloud_up[scenario]
        alone = layout.onprem_up[scenario]
        up = [cloud_up if sid in in_cloud else ok for sid, ok in zip(self.ids, alone, strict=True)]
        # a system falls when anything it depends on, directly or not, is down: walk back from those down
        todo = [i for i, ok in enumerate(up) if not ok]
        while todo:
            for i in self.dependants[todo.pop()]:
                if up[i]:
                    up[i] = False
                    todo.append(i)
        return up


_cache: list[tuple[weakref.ref[Inventory], _Prepared]] = []


def _prepared(inventory: Inventory) -> _Prepared:
    """The shared part for this inventory: the states of a plan come one after the other for the same inventory,
    so the last one is kept (weakly: it goes with its inventory)."""
    if _cache and _cache[0][0]() is inventory:
        return _cache[0][1]
    prepared = _Prepared(inventory)
    _cache[:] = [(weakref.ref(inventory, _forget), prepared)]
    return prepared


def _forget(gone: weakref.ref[Inventory]) -> None:
    if _cache and _cache[0][0] is gone:
        _cache.clear()


def _pct(up: list[bool]) -> float:
    return round(100.0 * sum(up) / len(up), 1) if up else 100.0


def assess_resilience(inventory: Inventory, in_cloud: Set[str]) -> Resilience:
    """What keeps working in this state under each scenario, its single points of failure and what to do."""
    return _assess(inventory, in_cloud)


def _assess(inventory: Inventory, in_cloud: Set[str]) -> Resilience:
    prepared = _prepared(inventory)
    layout = prepared.layout(bool(in_cloud))
    pos = prepared.pos
    outcomes = []
    for name in SCENARIOS:
        up = prepared.available(layout, name, in_cloud)
        outcomes.append(
            ScenarioOutcome(
                scenario=name,
                unavailable=tuple(sid for sid, ok in zip(prepared.ids, up, strict=True) if not ok),
                critical1_available_pct=_pct([up[pos[s]] for s in prepared.crit1]),
                critical2_available_pct=_pct([up[pos[s]] for s in prepared.crit2]),
            )
        )
    own = [
        layout.own_cloud if sid in in_cloud else alone
        for sid, alone in zip(prepared.ids, layout.own_onprem, strict=True)
    ]
    cuts: dict[str, list[str]] = {}
    for sid in prepared.crit1 + prepared.crit2:
        needed: set[str] = set()
        for i in prepared.closure(sid):
            needed |= own[i]
        for node in needed:
            cuts.setdefault(node, []).append(sid)
    points = tuple(prepared.point(node, tuple(v)) for node, v in sorted(cuts.items()))
    return Resilience(
        scenarios=tuple(outcomes),
        single_points=points,
        recommendations=_recommend(in_cloud, outcomes, points, prepared.idx.systems),
        planned_line_assumed=layout.planned_line,
    )


def _recommend(
    in_cloud: Set[str], outcomes: list[ScenarioOutcome], points: tuple[SinglePoint, ...], systems: Mapping[str, System]
) -> tuple[Reason, ...]:
    out: list[Reason] = []
    by = {o.scenario: o for o in outcomes}
    line_points = [p for p in points if p.node_type == "connection" or p.node == PLANNED_LINE.split(":", 1)[1]]
    if in_cloud and line_points:
        out.append(Reason(key="second_line", params={"lines": ", ".join(p.node for p in line_points)}))
    stopped = set(by["ransomware_onprem"].unavailable)  # a set: a tuple would make this quadratic
    cloud_needing_onprem = sorted(s for s in in_cloud if s in stopped)
    if cloud_needing_onprem:
        params = {
            "systems": ", ".join(cloud_needing_onprem),
            "system_names": system_names(systems, cloud_needing_onprem),
        }
        out.append(Reason(key="identity_reachable", params=params))
    if by["external_cut"].critical1_available_pct < 100.0:
        out.append(Reason(key="offline_fallback", params={"pct": f"{by['external_cut'].critical1_available_pct:g}"}))
    if by["ransomware_onprem"].critical1_available_pct < 100.0:
        out.append(
            Reason(key="ransomware_recovery", params={"pct": f"{by['ransomware_onprem'].critical1_available_pct:g}"})
        )
    return tuple(out)
