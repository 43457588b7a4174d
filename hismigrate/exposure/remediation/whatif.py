"""Re-running the exposure analysis on today's estate with fixes applied, at the cost of what the fixes change.

`WhatIf` holds the last estate it accepted (its findings, attack graph and search). `trial(edits)` builds the estate
with more fixes applied: it re-runs the checks on the items the fixes replaced (by the checks' scopes: the lines,
the servers and the systems they host, and the route and practices checks when segments or practices change),
remakes the attack graph's edges that start at those items with the same functions as a full build
(exposure.attack_graph), and runs the path search again. A test holds every trial equal to `assess_exposure` on
the fixed inventory (the index and the most exposed criticality-1 system).

A scoring trial (`names=False`) re-runs only the checks whose findings raise a likelihood (a known-exploited
version, remote-administration ports on a route): the others only name the reasons on hops. The trial of a step
taken (`names=True`) re-runs them all, so that the next candidates see every finding the fix removed. The checks
that look at the whole state (which servers a vendor line reaches, shared password groups, flat segments, routes
from vendor segments, backups beside production) are never re-run here: they too only name reasons (a test holds
every non-zero raise to item-scoped checks), and the graph follows the group memberships a fix changes (LAPS).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from hismigrate.exposure.assess import run_checks
from hismigrate.exposure.attack_graph import (
    ATTACKER,
    AttackGraph,
    Edge,
    EdgeMemo,
    _Hopper,
    build_attack_graph,
    connection_edges,
    domain_edge,
    entry_edges,
    group_fan,
    group_findings,
    put,
    segment_edges,
    server_bundle,
)
from hismigrate.exposure.check import Check, Context
from hismigrate.exposure.kev import KevKnowledge
from hismigrate.exposure.likelihoods import Likelihoods
from hismigrate.exposure.paths import best_steps, distances, most_likely
from hismigrate.exposure.remediation.fixes import Edits
from hismigrate.exposure.states import Built
from hismigrate.model.exposure import Finding
from hismigrate.model.inventory import Inventory, Server
from hismigrate.state import migration_state

Touched = tuple[Edge, tuple[str, ...]]  # a hop of a best path some fix could change, and the subjects whose would
Entry = tuple[int, str, str, bool]  # (severity rank, check id, scope, undecided) of one hit on a subject
RERUN = {"connection": ("connection",), "server": ("server", "hosted_server"), "system": ("on_prem_system",)}
# What no fix changes, computed once and lent to every trial's context (fixes replace no system)
SHARED = ("systems", "inventory_systems", "on_prem_systems", "systems_by_server")


def raising_checks(lk: Likelihoods) -> frozenset[str]:
    """The checks whose findings raise some likelihood (the others only name reasons on hops)."""
    rules = (lk.entry, *lk.hops.values())
    return frozenset(c for rule in rules for v in rule.vectors for c, r in v.raises.items() if r > 0)


@dataclass
class Trial:
    """One estate: the fixes applied so far, its findings by subject and its attack graph searched."""

    edits: Edits
    inventory: Inventory
    ctx: Context
    found: dict[str, list[Entry]]
    by_subject: dict[str, tuple[str, ...]]
    graph: AttackGraph
    bundles: dict[str, tuple[Edge, tuple[Edge, ...]]]
    dist: dict[str, float] = field(default_factory=dict)

    def subjects_of(self, check_id: str) -> list[str]:
        """The subjects this check fails on or cannot decide, sorted."""
        return self.by_check.get(check_id, [])

    @cached_property
    def by_check(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for subject, entries in self.found.items():
            for check_id in {e[1] for e in entries}:
                out[check_id].append(subject)
        return {k: sorted(v) for k, v in out.items()}

    def likelihood(self, node: str) -> float:
        d = self.dist.get(node)
        return 0.0 if d is None else math.exp(-d)


class WhatIf:
    def __init__(
        self,
        inventory: Inventory,
        as_of: date,
        kev: KevKnowledge,
        lk: Likelihoods,
        known: tuple[list[Finding], list[Finding]] | None = None,
        memo: EdgeMemo | None = None,
        built: Built | None = None,
    ) -> None:
        """`known`: the estate's findings and gaps when a run has made them already (the first state of the plan);
        `memo` and `built`: that run's edges and the estate's graph and server edges, taken rather than made
        again (`built` only with `known`: the graph must be that of these findings)."""
        from hismigrate.exposure.registry import all_checks

        self.base = inventory
        self.as_of, self.kev, self.lk = as_of, kev, lk
        self.raising = raising_checks(lk)
        self.scoped: dict[str, list[Check]] = defaultdict(list)
        for check in all_checks():
            self.scoped[check.scope].append(check)
        self.memo = memo if memo is not None else EdgeMemo()
        self._paths: tuple[Trial, dict[str, list[Touched]], dict[str, set[str]]] | None = None
        self._prev: tuple[Trial, dict[str, tuple[str, Edge]]] | None = None
        self._edits: dict[str, tuple[list[str], dict[tuple[str, str], object], Edits]] = {}
        self._by_key: tuple[Trial, dict[tuple[str, str], object]] | None = None
        # Edges are kept in the memo by their items' ids: no item of a trial may be freed and its id reused.
        self.alive: list[Inventory] = []
        self.systems_of: dict[str, list[str]] = defaultdict(list)  # server -> systems listing it
        for system in inventory.systems:
            for server_id in system.servers:
                self.systems_of[server_id].append(system.id)
        # what no fix changes: the servers present (all of them: today's estate) and each segment's, in order
        self.present = {s.id for s in inventory.servers}
        self.segment_servers: dict[str, list[str]] = defaultdict(list)
        for server in inventory.servers:
            self.segment_servers[server.segment].append(server.id)
        self._sizes: tuple[Trial, dict[str, int]] | None = None
        self.lookups: dict[str, Any] = {}
        ctx = self.context(inventory)
        self.lookups = {name: getattr(ctx, name) for name in SHARED}
        findings, gaps = known if known is not None else run_checks(ctx, all_checks())
        # (rank, id, scope) of each check once: a large estate has hundreds of thousands of findings
        head = {c.id: (c.severity.rank, c.id, c.scope) for c in all_checks()}
        found: dict[str, list[Entry]] = defaultdict(list)
        for undecided, listed in ((False, findings), (True, gaps)):
            for f in listed:
                found[f.subject].append((*head[f.check_id], undecided))
        bundles: dict[str, tuple[Edge, tuple[Edge, ...]]] = {}
        prev = None
        if built is not None and known is not None:
            by_subject, graph, bundles = dict(built.by_subject), built.graph, dict(built.bundles)
            dist, prev = built.dist, built.prev
        else:
            # a full run's grouping (subject -> finding ids, worst first), as exposure.attack_graph makes it
            by_subject = group_findings(findings)
            graph = build_attack_graph(ctx, findings, lk, self.memo, by_subject, bundles)
            dist = distances(graph)
        self.current = Trial(Edits(), inventory, ctx, dict(found), by_subject, graph, bundles)
        self.current.dist = dist
        self._prev = (self.current, prev) if prev is not None else None

    def context(self, inventory: Inventory) -> Context:
        ctx = Context(
            inventory=inventory,
            state=migration_state(inventory),
            as_of=self.as_of,
            kev=self.kev,
            thresholds=self.lk.thresholds,
        )
        ctx.__dict__.update(self.lookups)
        return ctx

    def edits_for(self, check: str, subjects: list[str], make: Callable[[], Edits]) -> Edits:
        """A fix's edits of the current estate, the same objects as the last time it was tried when none of the
        items it replaces has changed since: the edges already made for them are then found in the memo."""
        kept = self._edits.get(check)
        items = self._items()
        if kept is not None and kept[0] == subjects and all(items.get(k) is v for k, v in kept[1].items()):
            return kept[2]
        edits = make()
        originals = {
            key: items.get(key)
            for key in (
                *(("connection", i) for i in edits.connections),
                *(("server", i) for i in edits.servers),
                *(("segment", i) for i in edits.segments),
            )
        }
        self._edits[check] = (list(subjects), originals, edits)
        return edits

    def _group_sizes(self) -> dict[str, int]:
        """How many servers share each local administrator password in the current estate."""
        if self._sizes is None or self._sizes[0] is not self.current:
            sizes: dict[str, int] = defaultdict(int)
            for server in self.current.inventory.servers:
                if server.local_admin_group:
                    sizes[server.local_admin_group] += 1
            self._sizes = (self.current, dict(sizes))
        return self._sizes[1]

    def _items(self) -> dict[tuple[str, str], object]:
        if self._by_key is None or self._by_key[0] is not self.current:
            inv = self.current.inventory
            items: dict[tuple[str, str], object] = {("connection", c.id): c for c in inv.connections}
            items.update({("server", s.id): s for s in inv.servers})
            items.update({("segment", s.id): s for s in inv.segments})
            self._by_key = (self.current, items)
        return self._by_key[1]

    def accept(self, trial: Trial, edits: Edits) -> None:
        """Take a scoring trial of `edits` as the current estate, with every check re-run on what they changed
        (the names only: no likelihood changes, so its graph and search stand)."""
        found = dict(self.current.found)
        touched = self._recheck(trial.ctx, edits, found, names=True)
        by_subject = dict(trial.by_subject)
        _regroup(by_subject, found, touched)
        self.current = Trial(trial.edits, trial.inventory, trial.ctx, found, by_subject, trial.graph, trial.bundles)
        self.current.dist = trial.dist

    def best_paths(self, rows: list[tuple[str, int, str]]) -> tuple[dict[str, list[Touched]], dict[str, set[str]]]:
        """Each reachable system's best path in the current estate, its hops that some fix could change with the
        subjects whose fix would (`touch_keys`), and the systems whose best path each subject's fix would touch;
        made once per estate."""
        if self._paths is None or self._paths[0] is not self.current:
            known = self._prev
            prev = known[1] if known is not None and known[0] is self.current else most_likely(self.current.graph)[1]
            paths: dict[str, list[Touched]] = {}
            index: dict[str, set[str]] = defaultdict(set)
            for node, _, _ in rows:
                steps = best_steps(node, self.current.dist, prev) if node in prev else None
                if steps:
                    touched = [(edge, keys) for source, edge in steps if (keys := touch_keys(source, edge))]
                    paths[node] = touched
                    for _, keys in touched:
                        for key in keys:
                            index[key].add(node)
            self._paths = (self.current, paths, index)
        return self._paths[1], self._paths[2]

    def trial(self, edits: Edits, names: bool = True) -> Trial:
        """The current estate with `edits` applied on top, re-assessed; `names`: re-run every check on what they
        change, else only those that raise a likelihood."""
        now = self.current
        total = now.edits.then(edits)
        inventory = total.applied(self.base)
        self.alive.append(inventory)
        ctx = self.context(inventory)
        # the device matches of the lines no edit touched are those of the current estate
        kev = dict(now.ctx.kev_matches)
        for conn in edits.connections.values():
            kev[conn.id] = self.kev.match(conn)
        ctx.__dict__["kev_matches"] = kev
        found = dict(now.found)
        touched = self._recheck(ctx, edits, found, names)
        by_subject = dict(now.by_subject)
        _regroup(by_subject, found, touched)
        graph, bundles = self._patch(ctx, edits, by_subject)
        trial = Trial(total, inventory, ctx, found, by_subject, graph, bundles)
        trial.dist = distances(graph)
        return trial

    def _recheck(self, ctx: Context, edits: Edits, found: dict[str, list[Entry]], names: bool) -> set[str]:
        """Re-run the checks on what `edits` replaced; update `found`; the subjects whose hits may have changed."""
        touched: set[str] = set()
        jobs: list[tuple[tuple[str, ...], list[str], Context]] = []
        if edits.connections:
            lines = [c for c in ctx.connections if c.id in edits.connections]
            jobs.append((RERUN["connection"], [f"connection:{c.id}" for c in lines], ctx.narrowed(connections=lines)))
        if edits.servers:
            servers = [s for s in ctx.servers if s.id in edits.servers]
            jobs.append((RERUN["server"], [f"server:{s.id}" for s in servers], ctx.narrowed(servers=servers)))
            systems = {x for server_id in edits.servers for x in self.systems_of.get(server_id, ())}
            on_prem = [s for s in ctx.on_prem_systems if s.id in systems]
            jobs.append((RERUN["system"], [f"system:{s.id}" for s in on_prem], ctx.narrowed(on_prem_systems=on_prem)))
        if edits.segments or edits.practices is not None:
            static = [s for s, entries in found.items() if any(e[2] == "static" for e in entries)]
            jobs.append((("static",), static, ctx))
        for scopes, subjects, narrowed in jobs:
            checks = [c for scope in scopes for c in self.scoped.get(scope, ()) if names or c.id in self.raising]
            if not checks:
                continue
            rerun = {c.id for c in checks}
            for subject in subjects:
                kept = [e for e in found.get(subject, ()) if e[1] not in rerun]
                if kept:
                    found[subject] = kept
                else:
                    found.pop(subject, None)
            touched.update(subjects)
            for check in checks:
                rank = check.severity.rank
                for hit in check.run(narrowed):
                    found[hit.subject] = [*found.get(hit.subject, ()), (rank, check.id, check.scope, hit.unknown)]
                    touched.add(hit.subject)
        return touched

    def _patch(
        self, ctx: Context, edits: Edits, by_subject: dict[str, tuple[str, ...]]
    ) -> tuple[AttackGraph, dict[str, tuple[Edge, tuple[Edge, ...]]]]:
        """The current graph with the sources `edits` change remade (the current one is left as it is)."""
        now = self.current
        graph = AttackGraph()
        graph.edges = defaultdict(list, now.graph.edges)
        bundles = dict(now.bundles)
        hop = _Hopper([], self.memo, by_subject)
        hop.know(ctx)
        rules = self.lk.hops
        if edits.connections:
            put(graph, ATTACKER, entry_edges(ctx, self.lk, hop))
            for conn in ctx.connections:
                if conn.id in edits.connections:
                    put(graph, f"connection:{conn.id}", connection_edges(ctx, rules, hop, conn, self.present))
        items = self._items()
        groups: set[str] = set()  # password groups and domains whose membership the edits change
        domains: set[str] = set()
        for server_id, after in edits.servers.items():
            before = items[("server", server_id)]
            assert isinstance(before, Server)
            if before.local_admin_group != after.local_admin_group:
                groups.update(g for g in (before.local_admin_group, after.local_admin_group) if g)
            if before.domain != after.domain:
                domains.update(d for d in (before.domain, after.domain) if d)
        members: dict[str, list[Server]] = defaultdict(list)
        in_domain: dict[str, list[Server]] = defaultdict(list)
        if groups or domains:
            for server in ctx.servers:
                if server.local_admin_group in groups:
                    members[server.local_admin_group or ""].append(server)
                if server.domain in domains:
                    in_domain[server.domain or ""].append(server)
        count = self._group_sizes()
        for label in groups:  # the sizes of the groups the edits change, as they are after them
            count = {**count, label: len(members.get(label, ()))}
        rebundle = set(edits.servers) | {s.id for label in groups for s in members.get(label, ())}
        segments = set(edits.segments)
        hosting = ctx.systems_by_server

        def server_of(server_id: str) -> Server:
            fixed = edits.servers.get(server_id) or items[("server", server_id)]
            assert isinstance(fixed, Server)
            return fixed

        for server_id in sorted(rebundle):
            fixed = server_of(server_id)
            shared = bool(fixed.local_admin_group) and count.get(fixed.local_admin_group or "", 0) >= 2
            bundle = server_bundle(hop, rules, fixed, shared, hosting.get(server_id, ()))
            if bundles.get(server_id, (None,))[0] is not bundle[0]:
                segments.add(fixed.segment)
            bundles[server_id] = bundle
            put(graph, f"server:{server_id}", bundle[1])
        if edits.practices is not None:
            # Only the servers' edges to their domain change: swap those, keep the rest of each server's edges.
            for server in ctx.servers:
                if server.domain and server.id not in rebundle:
                    member, own = bundles[server.id]
                    edr = "edr" in member.controls
                    edges = tuple(
                        domain_edge(hop, rules, server, edr) if e.kind == "domain_credentials" else e for e in own
                    )
                    bundles[server.id] = (member, edges)
                    put(graph, f"server:{server.id}", [e for e in edges if e.likelihood > 0.0])
        for label in groups:
            put(graph, f"admin_group:{label}", ())
            ids = [s.id for s in members.get(label, ())]
            for source, fanned in group_fan(hop, rules, "admin_group", label, ids) if ids else ():
                put(graph, source, fanned)
        for name in domains:
            put(graph, f"domain:{name}", ())
            ids = [s.id for s in in_domain.get(name, ())]
            for source, fanned in group_fan(hop, rules, "domain", name, ids) if ids else ():
                put(graph, source, fanned)
        for seg_id in segments:
            members_of = [bundles[i][0] for i in self.segment_servers.get(seg_id, ())]
            reach = [m for m in members_of if m.likelihood > 0.0]
            put(graph, f"segment:{seg_id}", segment_edges(ctx, rules, hop, seg_id, reach))
        return graph, bundles


def touch_keys(source: str, edge: Edge) -> tuple[str, ...]:
    """The subjects whose fix changes this hop: a line (its entry, its maintenance logons), a server (its hop from
    the segment, its hop to the domain), a route, a password group (its hops), the practices (every hop to a
    domain)."""
    kind = edge.kind
    if kind == "entry":
        return (edge.target,)
    if kind == "maintains":
        return (source,)
    if kind == "member":
        return (edge.target,)
    if kind == "domain_credentials":
        return (source, "practices")
    if kind == "routes_to":
        return (f"route:{source.removeprefix('segment:')}->{edge.target.removeprefix('segment:')}",)
    if kind == "admin_password":
        return (edge.target,)
    if kind == "admin_reuse":
        return (source,)
    return ()


def _regroup(by_subject: dict[str, tuple[str, ...]], found: dict[str, list[Entry]], subjects: set[str]) -> None:
    for subject in subjects:
        ids = _ids(found.get(subject, ()))
        if ids:
            by_subject[subject] = ids
        else:
            by_subject.pop(subject, None)


def _ids(entries: list[Entry] | tuple[Entry, ...]) -> tuple[str, ...]:
    """A subject's finding ids (not the undecided), worst first then by id, as a full run groups them."""
    return tuple(cid for _, cid in sorted((rank, cid) for rank, cid, _, gap in entries if not gap))
