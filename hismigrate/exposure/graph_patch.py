"""Turns one migration state's attack graph into the next's by remaking only the sources whose edges the move
changes (the moved systems' servers, their segments, groups and lines, the cloud, what the changed findings are
on). The remade sources come from the same functions as a full build (attack_graph), so the edges are the same.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from hismigrate.exposure.attack_graph import (
    ATTACKER,
    AttackGraph,
    Edge,
    EdgeMemo,
    _Hopper,
    build_attack_graph,
    cloud_edges,
    connection_edges,
    entry_edges,
    flow_fan,
    group_fan,
    internet_edges,
    put,
    segment_edges,
    server_bundle,
)
from hismigrate.exposure.check import Context
from hismigrate.exposure.likelihoods import Likelihoods
from hismigrate.model.inventory import Inventory, Server


@dataclass(frozen=True)
class StateChange:
    """What differs from the previous state."""

    moved: frozenset[str]  # systems that went to the cloud or came back
    removed: frozenset[str]  # servers that left the estate
    added: frozenset[str]  # servers that came back
    lines: frozenset[str]  # connection ids whose line came, went or was remade (the implied cloud link)
    subjects: frozenset[str]  # subjects whose findings (their check ids) changed


class GraphPatcher:
    """Holds the attack graph of the last state given; `by_subject` is the caller's, kept up to date by it."""

    def __init__(self, inventory: Inventory, lk: Likelihoods, memo: EdgeMemo, by_subject: dict[str, tuple[str, ...]]):
        self.lk = lk
        self.hop = _Hopper([], memo, by_subject)
        self.systems = {s.id: s for s in inventory.systems}
        self.servers = {s.id: s for s in inventory.servers}
        self.by_segment: dict[str, list[Server]] = defaultdict(list)  # in inventory order, as a state lists them
        self.by_group: dict[str, list[Server]] = defaultdict(list)
        self.by_domain: dict[str, list[Server]] = defaultdict(list)
        for s in inventory.servers:
            self.by_segment[s.segment].append(s)
            if s.local_admin_group:
                self.by_group[s.local_admin_group].append(s)
            if s.domain:
                self.by_domain[s.domain].append(s)
        self.in_domain = [s.id for s in inventory.servers if s.domain]
        self.lines_of: dict[str, list[str]] = defaultdict(list)  # system -> the lines serving it
        for c in inventory.connections:
            for system_id in c.serves:
                self.lines_of[system_id].append(c.id)
        self.systems_of: dict[str, list[str]] = defaultdict(list)  # server -> the systems listing it
        for system in inventory.systems:
            for server_id in system.servers:
                self.systems_of[server_id].append(system.id)
        self.route_segment = {f"route:{seg.id}->{r.to}": seg.id for seg in inventory.segments for r in seg.routes}
        self.ag = AttackGraph()
        self.present: set[str] = set()
        self.bundles: dict[str, tuple[Edge, tuple[Edge, ...]]] = {}
        self.flow_sources: tuple[str, ...] = ()

    def first(self, ctx: Context) -> AttackGraph:
        """The graph of a first state, built in full."""
        hop = self.hop
        hop.know(ctx)
        self.bundles = {}
        self.ag = build_attack_graph(ctx, [], self.lk, hop.memo, hop.by_subject, self.bundles)
        self.present = {s.id for s in ctx.servers}
        self.flow_sources = tuple(source for source, _ in flow_fan(ctx, self.lk, hop))
        return self.ag

    def snapshot(self) -> tuple[AttackGraph, dict[str, tuple[Edge, tuple[Edge, ...]]]]:
        """A copy of the current graph and server edges that later patches leave as they are (a patch replaces a
        source's list of edges, it never changes one in place)."""
        copy = AttackGraph()
        copy.edges = defaultdict(list, self.ag.edges)
        return copy, dict(self.bundles)

    def next(self, ctx: Context, change: StateChange) -> AttackGraph:
        """The graph of the next state: the previous one's, its changed sources remade."""
        hop, rules, ag = self.hop, self.lk.hops, self.ag
        hop.know(ctx)
        self.present -= change.removed
        self.present |= change.added
        servers: set[str] = set(change.added)
        segments: set[str] = set()
        groups: set[str] = set()
        domains: set[str] = set()
        lines: set[str] = set(change.lines)
        flows = False
        for system_id in change.moved:
            lines.update(self.lines_of.get(system_id, ()))
            if system_id in self.systems:
                servers.update(self.systems[system_id].servers)
        for subject in change.subjects:
            kind, _, ident = subject.partition(":")
            if kind == "server":
                servers.add(ident)
            elif kind == "system" and ident in self.systems:
                servers.update(self.systems[ident].servers)
            elif kind == "admin_group":
                groups.add(ident)
            elif kind == "domain":
                domains.add(ident)
            elif kind == "connection":
                lines.add(ident)
            elif kind == "route" and subject in self.route_segment:
                segments.add(self.route_segment[subject])
            elif kind == "flow":
                flows = True
            elif subject == "practices":
                servers.update(self.in_domain)
        for server_id in change.removed | change.added:
            server = self.servers[server_id]
            if server.local_admin_group:
                groups.add(server.local_admin_group)
            if server.domain:
                domains.add(server.domain)
            for system_id in self.systems_of.get(server_id, ()):
                lines.update(self.lines_of.get(system_id, ()))
        for label in groups:  # whether the password is shared may have changed: every member's edges may
            servers.update(s.id for s in self.by_group.get(label, ()))

        for server_id in change.removed:
            ag.edges.pop(f"server:{server_id}", None)
            self.bundles.pop(server_id, None)
            segments.add(self.servers[server_id].segment)
        hosting = ctx.systems_by_server
        for server_id in servers:
            if server_id not in self.present:
                continue
            server = self.servers[server_id]
            bundle = server_bundle(hop, rules, server, self._shared(server), hosting.get(server_id, ()))
            old = self.bundles.get(server_id)
            if old is None or old[0] is not bundle[0]:
                segments.add(server.segment)
            self.bundles[server_id] = bundle
            put(ag, f"server:{server_id}", bundle[1])
        for seg_id in segments:
            members = [
                member
                for s in self.by_segment.get(seg_id, ())
                if s.id in self.present and (member := self.bundles[s.id][0]).likelihood > 0.0
            ]
            put(ag, f"segment:{seg_id}", segment_edges(ctx, rules, hop, seg_id, members))
        for kind, labels, listing in (("admin_group", groups, self.by_group), ("domain", domains, self.by_domain)):
            for label in labels:
                ids = [s.id for s in listing.get(label, ()) if s.id in self.present]
                put(ag, f"{kind}:{label}", ())
                for source, edges in group_fan(hop, rules, kind, label, ids) if ids else ():
                    put(ag, source, edges)
        now = {c.id: c for c in ctx.connections}
        for line in lines:
            conn = now.get(line)
            put(ag, f"connection:{line}", connection_edges(ctx, rules, hop, conn, self.present) if conn else [])
        if flows:
            for source in self.flow_sources:
                put(ag, source, ())
            fanned = flow_fan(ctx, self.lk, hop)
            for source, edges in fanned:
                put(ag, source, edges)
            self.flow_sources = tuple(source for source, _ in fanned)
        put(ag, ATTACKER, entry_edges(ctx, self.lk, hop))
        put(ag, "internet", internet_edges(ctx, rules, hop))
        put(ag, "cloud", cloud_edges(ctx, rules, hop))
        return ag

    def _shared(self, server: Server) -> bool:
        group = server.local_admin_group
        if not group:
            return False
        count = 0
        for s in self.by_group[group]:
            if s.id in self.present:
                count += 1
                if count >= 2:
                    return True
        return False
