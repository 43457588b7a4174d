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
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from hismigrate.exposure.check import Context
from hismigrate.exposure.controls import connection_controls, practice_controls, route_controls, server_controls
from hismigrate.exposure.likelihoods import HopRule, Likelihoods
from hismigrate.model.enums import ConnectionKind, Zone
from hismigrate.model.exposure import Finding
from hismigrate.model.inventory import Connection, Server, System

Bases = tuple[tuple[str, float], ...] | None  # a base by vector name, replacing the rule's (hashable: a memo key)

ATTACKER = "attacker"


class Edge(NamedTuple):
    """One hop: an immutable tuple, quick to make by the hundred thousand (a frozen dataclass is three times
    slower to build)."""

    target: str
    likelihood: float
    kind: str
    findings: tuple[str, ...]  # "CHECK-ID@subject" of the findings that raise it
    controls: tuple[str, ...]
    # -ln likelihood, what the most-likely-path search adds up: worked out once per edge, not per relaxation
    cost: float


def cost_of(likelihood: float) -> float:
    return -math.log(likelihood) if 0.0 < likelihood < 1.0 else 0.0


def edge_of(target: str, likelihood: float, kind: str) -> Edge:
    """An edge no finding raises and no control lowers (the attacker's to the internet and the cloud)."""
    return Edge(target, likelihood, kind, (), (), cost_of(likelihood))


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

    def __init__(
        self,
        findings: list[Finding],
        memo: EdgeMemo | None = None,
        by_subject: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        if by_subject is None:
            by_subject = group_findings(findings)
        self.by_subject = by_subject
        self.memo = memo
        self.rated: dict[tuple[object, ...], tuple[tuple[str, ...], tuple[str, ...], float, float]] = {}
        self.facts: ControlFacts | None = None

    def know(self, ctx: Context) -> None:
        """Read what the controls of this state's items depend on besides the items (as of, limits, practices)."""
        self.facts = ControlFacts.of(ctx)

    def server_controls(self, server: Server) -> tuple[str, ...]:
        assert self.facts is not None, "know(ctx) first"
        return server_controls(server, self.facts.as_of, self.facts.patch_max_days)

    def edge(
        self,
        rule: HopRule,
        target: str,
        kind: str,
        element: str,
        controls: tuple[str, ...] = (),
        base: Bases = None,
    ) -> Edge:
        ids = self.by_subject.get(element, ())
        if self.memo is None:
            return self._make(rule, target, kind, element, controls, base, ids)
        key = (id(rule), target, kind, element, controls, base, ids)
        found = self.memo.edges.get(key)
        if found is None:
            found = self.memo.edges[key] = self._make(rule, target, kind, element, controls, base, ids)
        return found

    def fresh(
        self,
        rule: HopRule,
        target: str,
        kind: str,
        element: str,
        controls: tuple[str, ...] = (),
        base: Bases = None,
    ) -> Edge:
        """`edge` without the memo, for edges kept whole with others (a server's, a fan's): no use keeping each."""
        return self._make(rule, target, kind, element, controls, base, self.by_subject.get(element, ()))

    def fan(self, ag: AttackGraph, key: tuple[object, ...], make: Callable[[AttackGraph], None]) -> None:
        """Add the edges `make` adds, kept in the memo under `key` (which must name all they depend on)."""
        for source, edges in self.fanned(key, make):
            ag.edges[source].extend(edges)

    def fanned(
        self, key: tuple[object, ...], make: Callable[[AttackGraph], None]
    ) -> tuple[tuple[str, tuple[Edge, ...]], ...]:
        kept = self.memo.fans.get(key) if self.memo is not None else None
        if kept is None:
            part = AttackGraph()
            make(part)
            kept = tuple((source, tuple(edges)) for source, edges in part.edges.items())
            if self.memo is not None:
                self.memo.fans[key] = kept
        return kept

    def ids(self, element: str) -> tuple[str, ...]:
        return self.by_subject.get(element, ())

    def _make(
        self,
        rule: HopRule,
        target: str,
        kind: str,
        element: str,
        controls: tuple[str, ...],
        base: Bases,
        ids: tuple[str, ...],
    ) -> Edge:
        # The likelihood depends on the rule, controls, base and findings only: worked out once for the many
        # edges that share them (all the unremarkable servers of an estate).
        key = (id(rule), controls, base, ids)
        rated = self.rated.get(key)
        if rated is None:
            relevant = tuple(rule.relevant(ids))
            weakened = rule.controls
            used = tuple(c for c in controls if c in weakened)
            p = rule.likelihood(relevant, used, None if base is None else dict(base))
            rated = self.rated[key] = (relevant, used, p, cost_of(p))
        named, used, p, cost = rated
        return Edge(target, p, kind, tuple(f"{c}@{element}" for c in named) if named else (), used, cost)


def group_findings(findings: Iterable[Finding]) -> dict[str, tuple[str, ...]]:
    """Subject -> the check ids of its findings, worst first, then by check id, as a sorted list of all findings
    has them: the order in which they raise a likelihood decides its last bits. The findings may come in any order."""
    by_subject: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_subject[f.subject].append(f)
    return {
        k: tuple(f.check_id for f in (v if len(v) < 2 else sorted(v, key=_worst_first))) for k, v in by_subject.items()
    }


def build_attack_graph(
    ctx: Context,
    findings: list[Finding],
    lk: Likelihoods,
    memo: EdgeMemo | None = None,
    by_subject: dict[str, tuple[str, ...]] | None = None,
    bundles: dict[str, tuple[Edge, tuple[Edge, ...]]] | None = None,
) -> AttackGraph:
    """The attack graph of the state in `ctx` (`findings` in any order, or already grouped: `by_subject`, as
    `group_findings` makes it). `memo` (kept by the caller, holding the same `lk`'s rules) reuses the edges of
    earlier states whose rule, ends, controls and findings are the same. Each source's edges come from one of the
    functions below, which exposure.graph_patch calls alone for what a state changes; `bundles`, when given, gets
    each server's (member edge, own edges)."""
    ag = AttackGraph()
    hop = _Hopper(findings, memo, by_subject)
    hop.know(ctx)
    rules = lk.hops
    present = {s.id for s in ctx.servers}

    put(ag, ATTACKER, entry_edges(ctx, lk, hop))
    put(ag, "internet", internet_edges(ctx, rules, hop))
    put(ag, "cloud", cloud_edges(ctx, rules, hop))
    for conn in ctx.connections:
        put(ag, f"connection:{conn.id}", connection_edges(ctx, rules, hop, conn, present))

    groups: dict[str, list[str]] = defaultdict(list)
    domains: dict[str, list[str]] = defaultdict(list)
    for server in ctx.servers:
        if server.local_admin_group:
            groups[server.local_admin_group].append(server.id)
        if server.domain:
            domains[server.domain].append(server.id)
    hosting = ctx.systems_by_server
    members: dict[str, list[Edge]] = defaultdict(list)  # segment -> its servers' member edges, in server order
    for server in ctx.servers:
        group = server.local_admin_group
        shared = group is not None and group != "" and len(groups[group]) >= 2
        member, own = bundle = server_bundle(hop, rules, server, shared, hosting.get(server.id, ()))
        if bundles is not None:
            bundles[server.id] = bundle
        if member.likelihood > 0.0:
            members[server.segment].append(member)
        put(ag, f"server:{server.id}", own)
    for seg_id in dict.fromkeys([*ctx.segments, *members]):
        put(ag, f"segment:{seg_id}", segment_edges(ctx, rules, hop, seg_id, members.get(seg_id, ())))
    for label, ids in groups.items():
        for source, edges in group_fan(hop, rules, "admin_group", label, ids):
            put(ag, source, edges)
    for name, ids in domains.items():
        for source, edges in group_fan(hop, rules, "domain", name, ids):
            put(ag, source, edges)
    for source, edges in flow_fan(ctx, lk, hop):
        put(ag, source, edges)
    return ag


def put(ag: AttackGraph, source: str, edges: Sequence[Edge]) -> None:
    """Set a source's edges (none: no entry, as a built graph has no empty lists)."""
    if edges:
        ag.edges[source] = list(edges)
    else:
        ag.edges.pop(source, None)


def entry_edges(ctx: Context, lk: Likelihoods, hop: _Hopper) -> list[Edge]:
    """The attacker's: every line in the state, the internet, the cloud."""
    out: list[Edge] = []
    for conn in ctx.connections:
        bases = lk.entry_bases.get(conn.kind.value)
        key = f"connection:{conn.id}"
        _add(out, hop.edge(lk.entry, key, "entry", key, line_controls(ctx, conn), bases))
    if any(s.zone == Zone.internet for s in ctx.segments.values()):
        _add(out, edge_of("internet", lk.internet, "entry"))
    if ctx.in_cloud:
        _add(out, edge_of("cloud", lk.cloud, "entry"))
    return out


def internet_edges(ctx: Context, rules: Mapping[str, HopRule], hop: _Hopper) -> list[Edge]:
    out: list[Edge] = []
    for seg in ctx.segments.values():
        if seg.zone == Zone.internet:
            _add(out, hop.edge(rules["internet_access"], f"segment:{seg.id}", "internet_access", "internet"))
    return out


def cloud_edges(ctx: Context, rules: Mapping[str, HopRule], hop: _Hopper) -> list[Edge]:
    """The cloud's: its links in, then the systems it hosts."""
    out: list[Edge] = []
    moved = ctx.in_cloud
    if not moved:
        return out
    for conn in ctx.connections:
        if conn.kind == ConnectionKind.cloud_link:
            key = f"connection:{conn.id}"
            _add(out, hop.edge(rules["cloud_link"], key, "cloud_link", key))
    for system_id in sorted(moved):
        key = f"system:{system_id}"
        _add(out, hop.edge(rules["cloud_hosts"], key, "cloud_hosts", key))
    return out


def connection_edges(
    ctx: Context, rules: Mapping[str, HopRule], hop: _Hopper, conn: Connection, present: Set[str]
) -> list[Edge]:
    """A line's: where it lands, the on-prem servers (in `present`) of the systems it maintains."""
    out: list[Edge] = []
    key = f"connection:{conn.id}"
    if conn.lands_in in ctx.segments:
        _add(out, hop.edge(rules["lands_in"], f"segment:{conn.lands_in}", "lands_in", key))
    moved = ctx.in_cloud
    systems = ctx.inventory_systems
    seen: set[str] = set()
    controls = line_controls(ctx, conn) if conn.serves else ()
    for system_id in conn.serves:
        if system_id in moved:
            continue
        for server_id in systems[system_id].servers if system_id in systems else ():
            if server_id in present and server_id not in seen:
                seen.add(server_id)
                _add(out, hop.edge(rules["maintains"], f"server:{server_id}", "maintains", key, controls))
    return out


def segment_edges(
    ctx: Context, rules: Mapping[str, HopRule], hop: _Hopper, seg_id: str, members: Sequence[Edge]
) -> list[Edge]:
    """A segment's: its routes through the firewall, then to its servers (`members`, their member edges)."""
    out: list[Edge] = []
    seg = ctx.segments.get(seg_id)
    for route in seg.routes if seg is not None else ():
        if route.to not in ctx.segments:
            continue
        element = f"route:{seg_id}->{route.to}"
        _add(out, hop.edge(rules["routes_to"], f"segment:{route.to}", "routes_to", element, route_controls(route)))
    out.extend(members)
    return out


def server_bundle(
    hop: _Hopper, rules: Mapping[str, HopRule], server: Server, shared: bool, hosted: Sequence[System]
) -> tuple[Edge, tuple[Edge, ...]]:
    """(its segment's edge to the server, its own edges), taken whole from the memo when all that decides them
    is as in an earlier state: the server, the findings on it, its password group's (when shared), the
    practices' (when in a domain), the on-prem systems it hosts and theirs."""
    by_subject = hop.by_subject
    group = server.local_admin_group
    deciding = (
        id(server),
        by_subject.get(f"server:{server.id}", ()),
        by_subject.get(f"admin_group:{group}", ()) if shared else None,
        (by_subject.get("practices", ()), hop.facts.practices if hop.facts else ()) if server.domain else None,
        tuple((system.id, by_subject.get(f"system:{system.id}", ())) for system in hosted),
    )
    bundles = hop.memo.servers if hop.memo is not None else {}
    bundle = bundles.get(deciding)
    if bundle is None:
        bundle = bundles[deciding] = _server_edges(hop, rules, server, shared, hosted)
    return bundle


def group_fan(
    hop: _Hopper, rules: Mapping[str, HopRule], kind: str, label: str, members: list[str]
) -> tuple[tuple[str, tuple[Edge, ...]], ...]:
    """A domain's or shared password group's edges to its member servers (a password group of one has none)."""
    if kind == "admin_group" and len(members) < 2:
        return ()
    source = f"{kind}:{label}"
    rule = rules["admin_reuse" if kind == "admin_group" else "domain_member"]
    return hop.fanned(
        ("admin_reuse" if kind == "admin_group" else "domain_member", source, hop.ids(source), tuple(members)),
        _fan(hop, rule, source, members),
    )


def flow_fan(ctx: Context, lk: Likelihoods, hop: _Hopper) -> tuple[tuple[str, tuple[Edge, ...]], ...]:
    """The interfaces' edges: they do not move with a state, only findings on them would change them."""
    flow_findings = tuple((s, ids) for s, ids in hop.by_subject.items() if s.startswith("flow:"))
    return hop.fanned(("flows_to", flow_findings), lambda part: _flows(ctx, lk, hop, part))


def _add(out: list[Edge], edge: Edge) -> None:
    if edge.likelihood > 0.0:
        out.append(edge)


def _server_edges(
    hop: _Hopper, rules: Mapping[str, HopRule], server: Server, shared: bool, hosted: Sequence[System]
) -> tuple[Edge, tuple[Edge, ...]]:
    """A server's edges: its segment's to it, and its own (shared password, domain, the systems it hosts)."""
    key = f"server:{server.id}"
    controls = hop.server_controls(server)
    member = hop.fresh(rules["member"], key, "member", key, controls)
    own: list[Edge] = []
    if shared:
        group = f"admin_group:{server.local_admin_group}"
        _add(own, hop.fresh(rules["admin_password"], group, "admin_password", group))
    if server.domain:
        _add(own, domain_edge(hop, rules, server, "edr" in controls))
    for system in hosted:
        _add(own, hop.fresh(rules["hosts"], f"system:{system.id}", "hosts", f"system:{system.id}"))
    return member, tuple(own)


def domain_edge(hop: _Hopper, rules: Mapping[str, HopRule], server: Server, edr: bool) -> Edge:
    """A domain server's edge to its domain's administrator rights: the practices answers' controls, and its EDR."""
    assert hop.facts is not None, "know(ctx) first"
    controls = hop.facts.practices + (("edr",) if edr else ())
    return hop.fresh(
        rules["domain_credentials"], f"domain:{server.domain}", "domain_credentials", "practices", controls
    )


def _fan(hop: _Hopper, rule: HopRule, source: str, members: list[str]) -> Callable[[AttackGraph], None]:
    """From a domain or password group to each member server: one element (the group) decides every edge."""
    kind = "admin_reuse" if source.startswith("admin_group:") else "domain_member"

    def make(part: AttackGraph) -> None:
        for server_id in members:
            part.add(source, hop.fresh(rule, f"server:{server_id}", kind, source))

    return make


def _flows(ctx: Context, lk: Likelihoods, hop: _Hopper, part: AttackGraph) -> None:
    flow_rule = lk.hops["flows_to"]
    bases: dict[object, Bases] = {}  # by protocol: its enum's value is slow to read 100,000 times
    for flow in ctx.inventory.flows:
        base = bases.get(flow.protocol)
        if base is None:
            base = bases[flow.protocol] = (("hop", lk.flow_by_protocol.get(flow.protocol.value, flow_rule.base)),)
        element = f"flow:{flow.source}->{flow.target}"
        part.add(f"system:{flow.source}", hop.fresh(flow_rule, f"system:{flow.target}", "flows_to", element, base=base))


@dataclass(frozen=True)
class ControlFacts:
    """What a state's controls depend on besides its items."""

    as_of: date
    patch_max_days: int
    practices: tuple[str, ...]  # the domain-wide controls of the practices answers

    @classmethod
    def of(cls, ctx: Context) -> ControlFacts:
        return cls(ctx.as_of, ctx.thresholds.patch_max_days, practice_controls(ctx.inventory.practices))


def exploitable(ctx: Context, conn: Connection) -> bool:
    """The line's device matches a known-exploited version, or is of a KEV family with no version recorded."""
    return any(m.status in ("affected", "version_unknown") for m in ctx.kev_matches.get(conn.id, ()))


def line_controls(ctx: Context, conn: Connection) -> tuple[str, ...]:
    return connection_controls(conn, ctx.as_of, ctx.thresholds.firmware_max_days, exploitable(ctx, conn))
