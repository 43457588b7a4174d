"""The probabilistic attack graph of one migration state: who can reach what, and how likely each step is.

Nodes: `attacker` (virtual), entry points (`connection:<id>`, `internet`, `cloud`), `segment:`, `server:`,
`system:`, `admin_group:<label>` (one local-admin password shared by servers) and `domain:<name>`. Each edge
carries its likelihood from data/attack_likelihoods.yaml, raised by the findings on the hop's element and lowered
by the controls in place (see `likelihoods.HopRule`). Built straight from the inventory in its state, in
inventory order, so that ties resolve the same way on every run.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from hismigrate.exposure.check import Context
from hismigrate.exposure.likelihoods import HopRule, Likelihoods
from hismigrate.exposure.result import Finding
from hismigrate.model.enums import ConnectionKind, Protection, Zone
from hismigrate.model.inventory import Server, System

ATTACKER = "attacker"


@dataclass(frozen=True)
class Edge:
    target: str
    likelihood: float
    kind: str
    findings: tuple[str, ...]  # "CHECK-ID@subject" of the findings that raise it
    controls: tuple[str, ...]
    # -ln likelihood, what the most-likely-path search adds up: worked out once per edge, not per relaxation
    cost: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "cost", -math.log(self.likelihood) if 0.0 < self.likelihood < 1.0 else 0.0)


@dataclass
class AttackGraph:
    edges: dict[str, list[Edge]] = field(default_factory=lambda: defaultdict(list))

    def add(self, source: str, edge: Edge) -> None:
        if edge.likelihood > 0.0:
            self.edges[source].append(edge)

    def edge_count(self) -> int:
        return sum(len(v) for v in self.edges.values())


@dataclass
class EdgeMemo:
    """Edges already made, by everything that decides them: shared by the runs over the states of one plan (with
    the same likelihoods). `fans` keeps the long same-element lists whole (a domain's or password group's
    members, the interfaces): most states leave them as they were."""

    edges: dict[tuple[object, ...], Edge] = field(default_factory=dict)
    fans: dict[tuple[object, ...], tuple[tuple[str, tuple[Edge, ...]], ...]] = field(default_factory=dict)
    # a server's edges, by all that decides them (see build_attack_graph)
    servers: dict[tuple[object, ...], tuple[Edge, tuple[Edge, ...]]] = field(default_factory=dict)


def _worst_first(f: Finding) -> tuple[int, str]:
    return (f.severity.rank, f.check_id)


class _Hopper:
    """Makes edges: looks up the findings on an element and applies the hop's rule."""

    def __init__(self, findings: list[Finding], memo: EdgeMemo | None = None) -> None:
        by_subject: dict[str, list[Finding]] = defaultdict(list)
        for f in findings:
            by_subject[f.subject].append(f)
        # Each element's findings worst first, then by check id, as a sorted list of all findings has them: the
        # order in which they raise a likelihood decides its last bits. The findings may come in any order.
        self.by_subject: dict[str, tuple[str, ...]] = {
            k: tuple(f.check_id for f in (v if len(v) < 2 else sorted(v, key=_worst_first)))
            for k, v in by_subject.items()
        }
        self.memo = memo

    def edge(
        self,
        rule: HopRule,
        target: str,
        kind: str,
        element: str,
        controls: tuple[str, ...] = (),
        base: float | None = None,
    ) -> Edge:
        ids = self.by_subject.get(element, ())
        if self.memo is None:
            return self._make(rule, target, kind, element, controls, base, ids)
        key = (id(rule), target, kind, element, controls, base, ids)
        found = self.memo.edges.get(key)
        if found is None:
            found = self.memo.edges[key] = self._make(rule, target, kind, element, controls, base, ids)
        return found

    def fan(self, ag: AttackGraph, key: tuple[object, ...], make: Callable[[AttackGraph], None]) -> None:
        """Add the edges `make` adds, kept in the memo under `key` (which must name all they depend on)."""
        kept = self.memo.fans.get(key) if self.memo is not None else None
        if kept is None:
            part = AttackGraph()
            make(part)
            kept = tuple((source, tuple(edges)) for source, edges in part.edges.items())
            if self.memo is not None:
                self.memo.fans[key] = kept
        for source, edges in kept:
            ag.edges[source].extend(edges)

    def ids(self, element: str) -> tuple[str, ...]:
        return self.by_subject.get(element, ())

    @staticmethod
    def _make(
        rule: HopRule,
        target: str,
        kind: str,
        element: str,
        controls: tuple[str, ...],
        base: float | None,
        ids: tuple[str, ...],
    ) -> Edge:
        named = rule.relevant(ids)
        used = tuple(c for c in controls if c in rule.controls)
        return Edge(target, rule.likelihood(named, used, base), kind, tuple(f"{c}@{element}" for c in named), used)


def build_attack_graph(
    ctx: Context, findings: list[Finding], lk: Likelihoods, memo: EdgeMemo | None = None
) -> AttackGraph:
    """The attack graph of the state in `ctx` (`findings` in any order). `memo` (kept by the caller, holding the same `lk`'s rules) reuses
    the edges of earlier states whose rule, ends, controls and findings are the same."""
    ag = AttackGraph()
    hop = _Hopper(findings, memo)
    rules = lk.hops
    moved = ctx.in_cloud
    servers = {s.id: s for s in ctx.servers}

    # Entry points.
    for conn in ctx.connections:
        controls = tuple(c for c in ("closed_network", "logs_reviewed") if getattr(conn, c))
        base = lk.entry_base.get(conn.kind.value, 0.05)
        ag.add(ATTACKER, hop.edge(lk.entry, f"connection:{conn.id}", "entry", f"connection:{conn.id}", controls, base))
    internet_segments = [s for s in ctx.segments.values() if s.zone == Zone.internet]
    if internet_segments:
        ag.add(ATTACKER, Edge("internet", lk.internet, "entry", (), ()))
        for seg in internet_segments:
            ag.add("internet", hop.edge(rules["internet_access"], f"segment:{seg.id}", "internet_access", "internet"))
    if moved:
        ag.add(ATTACKER, Edge("cloud", lk.cloud, "entry", (), ()))

    # Connections: where they land, what they maintain, and the cloud's link in.
    for conn in ctx.connections:
        key = f"connection:{conn.id}"
        if conn.lands_in in ctx.segments:
            ag.add(key, hop.edge(rules["lands_in"], f"segment:{conn.lands_in}", "lands_in", key))
        if moved and conn.kind == ConnectionKind.cloud_link:
            ag.add("cloud", hop.edge(rules["cloud_link"], key, "cloud_link", key))
        seen: set[str] = set()
        for system_id in conn.serves:
            if system_id in moved:
                continue
            for server_id in ctx.inventory_systems[system_id].servers if system_id in ctx.inventory_systems else ():
                if server_id in servers and server_id not in seen:
                    seen.add(server_id)
                    ag.add(key, hop.edge(rules["maintains"], f"server:{server_id}", "maintains", key))

    # Segments: routes through the firewall.
    for seg in ctx.segments.values():
        for route in seg.routes:
            if route.to not in ctx.segments:
                continue
            rule = rules["routes_to_filtered" if route.filtered else "routes_to_unfiltered"]
            element = f"route:{seg.id}->{route.to}"
            ag.add(f"segment:{seg.id}", hop.edge(rule, f"segment:{route.to}", "routes_to", element))

    # Servers: reached from their segment; shared passwords and domains; the systems they host.
    groups: dict[str, list[str]] = defaultdict(list)
    domains: dict[str, list[str]] = defaultdict(list)
    for server in ctx.servers:
        if server.local_admin_group:
            groups[server.local_admin_group].append(server.id)
        if server.domain:
            domains[server.domain].append(server.id)
    by_subject = hop.by_subject
    practices = by_subject.get("practices", ())
    hosting = ctx.systems_by_server
    bundles = memo.servers if memo is not None else {}
    for server in ctx.servers:
        # Everything this server's edges depend on: the server, the findings on it, its password group's (when
        # shared), the practices' (when in a domain), the on-prem systems it hosts and theirs. Most states leave
        # most servers alike: their edges are taken whole.
        key = f"server:{server.id}"
        group = server.local_admin_group
        shared = group is not None and group != "" and len(groups[group]) >= 2
        hosted = hosting.get(server.id, ())
        deciding = (
            id(server),
            by_subject.get(key, ()),
            by_subject.get(f"admin_group:{group}", ()) if shared else None,
            practices if server.domain else None,
            tuple((system.id, by_subject.get(f"system:{system.id}", ())) for system in hosted),
        )
        bundle = bundles.get(deciding)
        if bundle is None:
            bundle = bundles[deciding] = _server_edges(hop, rules, server, shared, hosted)
        member, own = bundle
        if member.likelihood > 0.0:
            ag.edges[f"segment:{server.segment}"].append(member)
        if own:
            ag.edges[key].extend(own)
    for label, members in groups.items():
        if len(members) >= 2:
            group = f"admin_group:{label}"
            hop.fan(
                ag,
                ("admin_reuse", group, hop.ids(group), tuple(members)),
                _fan(hop, rules["admin_reuse"], group, members),
            )
    for name, members in domains.items():
        domain = f"domain:{name}"
        hop.fan(
            ag,
            ("domain_member", domain, hop.ids(domain), tuple(members)),
            _fan(hop, rules["domain_member"], domain, members),
        )

    # Systems: in the cloud, and along interfaces.
    for system_id in sorted(moved):
        ag.add("cloud", hop.edge(rules["cloud_hosts"], f"system:{system_id}", "cloud_hosts", f"system:{system_id}"))
    # The interfaces do not move with a state: only findings on them would change their edges.
    flow_findings = tuple((s, ids) for s, ids in hop.by_subject.items() if s.startswith("flow:"))
    hop.fan(ag, ("flows_to", flow_findings), lambda part: _flows(ctx, lk, hop, part))
    return ag


def _server_edges(
    hop: _Hopper, rules: Mapping[str, HopRule], server: Server, shared: bool, hosted: Sequence[System]
) -> tuple[Edge, tuple[Edge, ...]]:
    """A server's edges: its segment's to it, and its own (shared password, domain, the systems it hosts)."""
    key = f"server:{server.id}"
    controls = ("edr",) if server.protection == Protection.edr else ()
    member = hop.edge(rules["member"], key, "member", key, controls)
    own = AttackGraph()
    if shared:
        group = f"admin_group:{server.local_admin_group}"
        own.add(key, hop.edge(rules["admin_password"], group, "admin_password", group))
    if server.domain:
        own.add(
            key, hop.edge(rules["domain_credentials"], f"domain:{server.domain}", "domain_credentials", "practices")
        )
    for system in hosted:
        own.add(key, hop.edge(rules["hosts"], f"system:{system.id}", "hosts", f"system:{system.id}"))
    return member, tuple(own.edges.get(key, ()))


def _fan(hop: _Hopper, rule: HopRule, source: str, members: list[str]) -> Callable[[AttackGraph], None]:
    """From a domain or password group to each member server: one element (the group) decides every edge."""
    kind = "admin_reuse" if source.startswith("admin_group:") else "domain_member"

    def make(part: AttackGraph) -> None:
        for server_id in members:
            part.add(source, hop.edge(rule, f"server:{server_id}", kind, source))

    return make


def _flows(ctx: Context, lk: Likelihoods, hop: _Hopper, part: AttackGraph) -> None:
    flow_rule = lk.hops["flows_to"]
    for flow in ctx.inventory.flows:
        base = lk.flow_by_protocol.get(flow.protocol.value, flow_rule.base)
        element = f"flow:{flow.source}->{flow.target}"
        part.add(f"system:{flow.source}", hop.edge(flow_rule, f"system:{flow.target}", "flows_to", element, base=base))
