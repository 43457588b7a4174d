"""What keeps working in a migration state when a line or the cloud is cut, or on-prem servers are encrypted.

Availability model: clinical users sit in the clinical-zone segments (all non-perimeter segments when there is none).
An on-prem system works when every server it runs on is up and its segment is reachable from users through the
allowed routes (either direction); a cloud system works when the cloud is reachable through a cloud link; and every
system also needs the systems it depends on. When systems are in the cloud and the inventory has no cloud link, a
planned single line landing in the first clinical segment is assumed (and reported).
Single points of failure are the nodes whose loss alone cuts users off a criticality-1 or -2 system, found with
dominators on the reachability graph plus the servers and dependencies every such system needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Set

import networkx as nx
from pydantic import BaseModel, ConfigDict

from hismigrate.collector import collector_paused
from hismigrate.model.enums import ConnectionKind, Zone
from hismigrate.model.inventory import Inventory
from hismigrate.model.plan import Reason

USERS = "users"
CLOUD = "cloud"
PLANNED_LINE = "connection:(planned cloud line)"
_PERIMETER = frozenset({Zone.internet, Zone.vendor, Zone.dmz})
SCENARIOS = ("cloud_link_down", "external_cut", "ransomware_onprem", "cloud_down")


class ScenarioOutcome(BaseModel):
    model_config = ConfigDict(frozen=True)

    scenario: str
    unavailable: tuple[str, ...]
    critical1_available_pct: float
    critical2_available_pct: float


class SinglePoint(BaseModel):
    model_config = ConfigDict(frozen=True)

    node_type: str  # server, segment, connection, cloud
    node: str
    cuts: tuple[str, ...]  # critical systems that stop without it


class Resilience(BaseModel):
    model_config = ConfigDict(frozen=True)

    scenarios: tuple[ScenarioOutcome, ...]
    single_points: tuple[SinglePoint, ...]
    recommendations: tuple[Reason, ...]
    planned_line_assumed: bool


def _key(kind: str, ident: str) -> str:
    return f"{kind}:{ident}"


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

    def available(self, removed: Set[str]) -> dict[str, bool]:
        g = self.graph.subgraph(n for n in self.graph if n not in removed)
        reach = nx.descendants(g, USERS) if USERS in g else set()
        up: dict[str, bool] = {}
        for system in self.inventory.systems:
            if system.id in self.in_cloud:
                up[system.id] = CLOUD in reach
            else:
                up[system.id] = all(
                    _key("server", v) not in removed and _key("segment", self.idx.servers[v].segment) in reach
                    for v in system.servers
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
        """Nodes whose loss alone stops this system: its servers, dominators of their segments (or of the
        cloud), and the same for every system it depends on."""
        seen = seen if seen is not None else set()
        if system_id in seen:
            return set()
        seen.add(system_id)
        system = self.idx.systems[system_id]
        targets = (
            [CLOUD]
            if system_id in self.in_cloud
            else [_key("segment", self.idx.servers[v].segment) for v in system.servers]
        )
        needed = set() if system_id in self.in_cloud else {_key("server", v) for v in system.servers}
        if system_id in self.in_cloud:
            needed.add(CLOUD)
        for target in targets:
            needed |= self._dominators(target)
        for dep in system.depends_on:
            needed |= self.required_nodes(dep, seen)
        return needed

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


def assess_resilience(inventory: Inventory, in_cloud: Set[str]) -> Resilience:
    """What keeps working in this state under each scenario, its single points of failure and what to do."""
    # Run once per migration state beside large kept results (60,000 servers): the cyclic collector would rescan
    # that whole heap on every few thousand objects made here, for no cycle to free (several seconds a state).
    with collector_paused():
        return _assess(inventory, in_cloud)


def _assess(inventory: Inventory, in_cloud: Set[str]) -> Resilience:
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
        SinglePoint(node_type=node.split(":", 1)[0], node=node.split(":", 1)[-1], cuts=tuple(sorted(v, key=order.get)))
        for node, v in sorted(cuts.items())
    )
    return Resilience(
        scenarios=tuple(outcomes),
        single_points=points,
        recommendations=_recommend(inventory, in_cloud, outcomes, points, estate),
        planned_line_assumed=estate.planned_line,
    )


def _recommend(
    inventory: Inventory,
    in_cloud: Set[str],
    outcomes: list[ScenarioOutcome],
    points: tuple[SinglePoint, ...],
    estate: _Estate,
) -> tuple[Reason, ...]:
    out: list[Reason] = []
    by = {o.scenario: o for o in outcomes}
    line_points = [p for p in points if p.node_type == "connection" or p.node == PLANNED_LINE.split(":", 1)[1]]
    if in_cloud and line_points:
        out.append(Reason(key="second_line", params={"lines": ", ".join(p.node for p in line_points)}))
    stopped = set(by["ransomware_onprem"].unavailable)  # a set: a tuple would make this quadratic
    cloud_needing_onprem = sorted(s for s in in_cloud if s in stopped)
    if cloud_needing_onprem:
        out.append(Reason(key="identity_reachable", params={"systems": ", ".join(cloud_needing_onprem)}))
    if by["external_cut"].critical1_available_pct < 100.0:
        out.append(Reason(key="offline_fallback", params={"pct": f"{by['external_cut'].critical1_available_pct:g}"}))
    if by["ransomware_onprem"].critical1_available_pct < 100.0:
        out.append(
            Reason(key="ransomware_recovery", params={"pct": f"{by['ransomware_onprem'].critical1_available_pct:g}"})
        )
    return tuple(out)
