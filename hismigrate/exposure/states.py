"""assess_states: the exposure of every migration state of a plan at close to the cost of one full run.

Each state gives the same index and findings as `assess_exposure` on it (a test holds them equal), but what a state
does not change is not redone: from one state to the next only the items a move touches (the moved systems, their
servers and lines) have their item-scoped checks re-run or taken from earlier states with the same key (the
check's `scope`), the findings by subject and their counts are patched, and so is the attack graph
(exposure.graph_patch); only the first and last states get the full result (checklist, paths, per-system
exposure), the ones between get their index and findings count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hismigrate.exposure.assess import finding_of, finding_order, full_result
from hismigrate.exposure.attack_graph import AttackGraph, Edge, EdgeMemo, group_findings
from hismigrate.exposure.check import Check, Context
from hismigrate.exposure.graph_patch import GraphPatcher, StateChange
from hismigrate.exposure.index import exposure_index_of, index_rows
from hismigrate.exposure.kev import KevKnowledge, kev_knowledge
from hismigrate.exposure.likelihoods import Likelihoods
from hismigrate.exposure.residual import residual_systems
from hismigrate.model.exposure import ExposureResult, Finding, Severity
from hismigrate.model.inventory import Connection, Inventory, Server
from hismigrate.model.kev import KevCatalog
from hismigrate.model.remediation import ResidualSystem

ITEM_SCOPES = ("connection", "server", "hosted_server", "on_prem_system")
SCOPES = ("static", "state", *ITEM_SCOPES)

Found = list[tuple[bool, Finding]]  # (undecided: a gap, the finding), in the order the check yielded them


@dataclass(frozen=True)
class StateExposure:
    """What the plan's table needs of one state."""

    name: str
    index: float
    findings_by_severity: dict[str, int]  # every severity, 0 included; gaps not counted


@dataclass(frozen=True)
class StatesExposure:
    states: tuple[StateExposure, ...]
    first: ExposureResult  # the full result of the first state ("before")
    last: ExposureResult | None  # and of the last (after the last wave), when asked for
    residual: tuple[ResidualSystem, ...] = ()  # the criticality-1 systems left on premises in the last state


@dataclass(frozen=True)
class Built:
    """Today's estate as a run over the plan's states made it (`assess_states`' `first_done`): taken, not made again."""

    graph: AttackGraph
    bundles: dict[str, tuple[Edge, tuple[Edge, ...]]]
    by_subject: dict[str, tuple[str, ...]]
    dist: dict[str, float]
    prev: dict[str, tuple[str, Edge]]


@dataclass(frozen=True)
class Kept:
    """What a run over the plan's states leaves for a later run over today's estate (the remediation plan): its
    memo of edges and the first state as built."""

    memo: EdgeMemo
    built: Built


def by_severity(findings: Iterable[Finding]) -> dict[str, int]:
    counted = Counter(f.severity for f in findings)
    return {s.value: counted.get(s, 0) for s in Severity}


def assess_states(
    inventory: Inventory,
    as_of: date,
    states: Sequence[tuple[str, Iterable[str]]],
    kev: KevCatalog | None = None,
    progress: Callable[[str], None] | None = None,
    full_last: bool = True,
    first_done: Callable[[ExposureResult, Kept], None] | None = None,
) -> StatesExposure:
    """Score every state (name, systems in the cloud) of a plan; `progress` hears each state's name as it starts.
    The first state's full result is always made, the last's when `full_last` (an assessment reports the last
    state's index and counts only: its full result would be made, and sent back from a worker, for nothing).
    `first_done` gets the first state (today's estate) and what the run made of it as soon as it is made, before
    the next states: a later run over today's estate (the remediation plan) can take them and start then."""
    if not states:
        raise ValueError("assess_states needs at least one state")
    run = _Run(inventory, as_of, kev_knowledge(kev))
    out: list[StateExposure] = []
    first = last = None
    for k, (name, in_cloud) in enumerate(states):
        if progress is not None:
            progress(name)
        whole = k == 0 or (full_last and k == len(states) - 1)
        state, result = run.state(name, frozenset(in_cloud), whole)
        out.append(state)
        if k == 0:
            first = result
            if first_done is not None and result is not None:  # its graph and search, before the next states patch it
                graph, bundles = run.patcher.snapshot()
                built = Built(graph, bundles, dict(run.by_subject), run.search["dist"], run.search["prev"])
                first_done(result, Kept(run.memo, built))
        if k == len(states) - 1:
            last = result
    assert first is not None and (last is not None or not full_last)
    return StatesExposure(states=tuple(out), first=first, last=last, residual=run.residual())


@dataclass
class _Run:
    """What the states of one plan share: the checks by scope, their hits kept by item, the attack graph patched
    from one state to the next."""

    inventory: Inventory
    as_of: date
    kev: KevKnowledge
    lk: Likelihoods = field(init=False)
    scoped: dict[str, list[Check]] = field(init=False)
    kept: dict[str, dict[Any, Found]] = field(init=False)
    known_connections: dict[str, Connection] = field(init=False)
    static: Found | None = None
    memo: EdgeMemo = field(default_factory=EdgeMemo)
    # the previous state: its context, every item scope's hits by subject, the state-scope hits' ids by subject
    prev: Context | None = None
    items: dict[str, dict[str, Found]] = field(default_factory=dict)
    state_ids: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)
    state_found: Found = field(default_factory=list)
    static_ids: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)
    item_counts: Counter[Severity] = field(default_factory=Counter)
    by_subject: dict[str, tuple[str, ...]] = field(default_factory=dict)
    patcher: GraphPatcher = field(init=False)
    lookups: dict[str, Any] = field(init=False)
    rows: list[tuple[str, int, str]] = field(init=False)
    servers: dict[str, Server] = field(default_factory=dict)  # the previous state's, by id
    graph: AttackGraph | None = None  # the last state's attack graph
    dist: dict[str, float] | None = None  # and its search, when made
    search: dict[str, Any] = field(default_factory=dict)  # the last whole state's path search (dist, prev)

    def __post_init__(self) -> None:
        from hismigrate.exposure.likelihoods import load_likelihoods
        from hismigrate.exposure.registry import all_checks

        self.lk = load_likelihoods()
        self.scoped = {scope: [] for scope in SCOPES}
        for check in all_checks():
            if check.scope not in self.scoped:
                raise RuntimeError(f"{check.id}: unknown scope {check.scope!r}")
            self.scoped[check.scope].append(check)
        self.kept = {scope: {} for scope in ITEM_SCOPES}
        self.known_connections = {c.id: c for c in self.inventory.connections}
        self.patcher = GraphPatcher(self.inventory, self.lk, self.memo, self.by_subject)
        self.rows = index_rows(list(self.inventory.systems))
        self.lookups = {
            "inventory_systems": {s.id: s for s in self.inventory.systems},
            "segments": {s.id: s for s in self.inventory.segments},
        }

    def state(self, name: str, in_cloud: frozenset[str], whole: bool) -> tuple[StateExposure, ExposureResult | None]:
        from hismigrate.exposure.paths import distances
        from hismigrate.state import migration_state

        members = migration_state(self.inventory, in_cloud)
        ctx = Context(
            inventory=self.inventory, state=members, as_of=self.as_of, kev=self.kev, thresholds=self.lk.thresholds
        )
        # the lookups no state changes: made once, not per state (a Context keeps its cached properties there)
        ctx.__dict__.update(self.lookups)
        change = self._checks(ctx)
        graph = self.patcher.first(ctx) if change is None else self.patcher.next(ctx, change)
        self.prev = ctx
        self.graph, self.dist = graph, None
        if whole:
            found = self._found()
            findings = sorted((f for gap, f in found if not gap), key=finding_order)
            gaps = sorted((f for gap, f in found if gap), key=finding_order)
            result = full_result(ctx, self.lk, findings, gaps, self.memo, graph, self.search)
            return StateExposure(name, result.index, by_severity(result.findings)), result
        assert self.static is not None
        counts = self.item_counts + Counter(f.severity for gap, f in (*self.static, *self.state_found) if not gap)
        self.dist = distances(graph)
        index = exposure_index_of(self.rows, self.dist, dict(self.lk.criticality_weights))
        return StateExposure(name, index, {s.value: counts.get(s, 0) for s in Severity}), None

    def residual(self) -> tuple[ResidualSystem, ...]:
        """The criticality-1 systems on premises in the last state run, with their likelihood and own findings."""
        from hismigrate.exposure.paths import distances

        assert self.prev is not None and self.graph is not None
        if self.dist is None:
            self.dist = distances(self.graph)
        findings = [f for gap, f in self._found() if not gap]
        return residual_systems(self.prev, self.dist, findings)

    def _found(self) -> Found:
        """The state's findings and gaps, unsorted."""
        assert self.static is not None
        found: Found = [*self.static, *self.state_found]
        for scope in ITEM_SCOPES:
            for hits in self.items[scope].values():
                found.extend(hits)
        return found

    def _checks(self, ctx: Context) -> StateChange | None:
        """Run what this state changes; None for the first state, else what changed from the previous one."""
        state_found = _run(ctx, self.scoped["state"])
        state_ids = _ids_by_subject(state_found)
        if self.static is None:
            self.static = _run(ctx, self.scoped["static"])
            self.static_ids = _ids_by_subject(self.static)
        touched = {s for s in state_ids.keys() | self.state_ids.keys() if state_ids.get(s) != self.state_ids.get(s)}
        self.state_found, self.state_ids = state_found, state_ids
        prev = self.prev
        if prev is None:
            self.servers = {s.id: s for s in ctx.servers}
            for scope in ITEM_SCOPES:
                items, subjects = self._listing(ctx, scope, None)
                self.items[scope] = self._hits(ctx, scope, items, subjects)
            self.item_counts = Counter(
                f.severity for by in self.items.values() for hits in by.values() for gap, f in hits if not gap
            )
            self.by_subject.update(group_findings(f for gap, f in self._found() if not gap))
            return None
        moved = prev.in_cloud ^ ctx.in_cloud
        before, now = self.servers, {s.id: s for s in ctx.servers}
        self.servers = now
        removed = frozenset(before.keys() - now.keys())
        added = frozenset(now.keys() - before.keys())
        hosting = {i for system_id in moved for i in ctx.inventory_systems[system_id].servers} & now.keys()
        old_lines = {c.id: c for c in prev.connections}
        new_lines = {c.id: c for c in ctx.connections}
        lines = frozenset(i for i in old_lines.keys() | new_lines.keys() if old_lines.get(i) is not new_lines.get(i))
        systems = ctx.inventory_systems
        changes: dict[str, tuple[list[str], list[Any]]] = {
            "server": ([f"server:{i}" for i in removed], [now[i] for i in added]),
            "hosted_server": ([f"server:{i}" for i in removed | hosting], [now[i] for i in added | hosting]),
            "on_prem_system": (
                [f"system:{i}" for i in moved],
                [systems[i] for i in moved if i not in ctx.in_cloud and i in systems],
            ),
            "connection": (
                [f"connection:{i}" for i in lines if i in old_lines],
                [new_lines[i] for i in lines if i in new_lines],
            ),
        }
        for scope, (gone, come) in changes.items():
            if not self.scoped[scope]:
                continue
            by = self.items[scope]
            for subject in gone:
                hits = by.pop(subject, None)
                if hits:
                    self.item_counts.subtract(f.severity for gap, f in hits if not gap)
                touched.add(subject)
            _, subjects = self._listing(ctx, scope, come)
            fresh = self._hits(ctx, scope, come, subjects)
            for subject, hits in fresh.items():
                by[subject] = hits
                self.item_counts.update(f.severity for gap, f in hits if not gap)
                touched.add(subject)
        return StateChange(moved, removed, added, lines, frozenset(self._regroup(touched)))

    def _regroup(self, subjects: Iterable[str]) -> list[str]:
        """Remake the check ids of these subjects' findings, worst first; the subjects whose ids changed."""
        changed = []
        by_subject = self.by_subject
        for subject in subjects:
            pairs = [*self.static_ids.get(subject, ()), *self.state_ids.get(subject, ())]
            for by in self.items.values():
                hits = by.get(subject)
                if hits:
                    pairs.extend((f.severity.rank, f.check_id) for gap, f in hits if not gap)
            ids = tuple(c for _, c in sorted(pairs)) if pairs else ()
            if by_subject.get(subject, ()) != ids:
                changed.append(subject)
                if ids:
                    by_subject[subject] = ids
                else:
                    del by_subject[subject]
        return changed

    def _hits(self, ctx: Context, scope: str, items: list[Any], subjects: list[str]) -> dict[str, Found]:
        """The hits of one scope's checks on these items, by subject: kept ones for items already seen alike, the
        rest run now."""
        checks = self.scoped[scope]
        if not checks or not items:
            return {}
        keys = self._keys(ctx, scope, items)
        kept = self.kept[scope]
        new = [i for i, key in enumerate(keys) if key is None or key not in kept]
        fresh: dict[str, Found] = {}
        if new:
            fresh = {subjects[i]: [] for i in new}
            narrow = {"connection": "connections", "on_prem_system": "on_prem_systems"}.get(scope, "servers")
            narrowed = ctx.narrowed(**{narrow: [items[i] for i in new]})
            for check in checks:
                for hit in check.run(narrowed):
                    bucket = fresh.get(hit.subject)
                    if bucket is None:  # the check's declared scope is wrong: say so rather than miscount
                        raise RuntimeError(f"{check.id} (scope {scope}) hit {hit.subject}, not an item it was given")
                    bucket.append((hit.unknown, finding_of(check, hit)))
            for i in new:
                if keys[i] is not None:
                    kept[keys[i]] = fresh[subjects[i]]
        return {
            subject: kept[key] if key is not None and key in kept else fresh[subject]
            for key, subject in zip(keys, subjects, strict=True)
        }

    def _keys(self, ctx: Context, scope: str, items: list[Any]) -> list[Any]:
        """The key deciding each item's hits, or None when not to keep them."""
        if scope == "connection":
            # a line of the inventory is decided by itself; the implied cloud link changes with the state
            known, keys = self.known_connections, []
            for conn in items:
                ident: str = conn.id
                keys.append(ident if known.get(ident) is conn else None)
            return keys
        if scope == "hosted_server":  # the server with the on-prem systems it hosts in this state
            hosted = ctx.systems_by_server
            return [(s.id, tuple(x.id for x in hosted.get(s.id, ()))) for s in items]
        return [s.id for s in items]

    def _listing(self, ctx: Context, scope: str, items: list[Any] | None) -> tuple[list[Any], list[str]]:
        """(the items the scope iterates, or those given; each one's subject)."""
        if scope == "connection":
            conns = ctx.connections if items is None else items
            return conns, [f"connection:{c.id}" for c in conns]
        if scope == "on_prem_system":
            systems = ctx.on_prem_systems if items is None else items
            return systems, [f"system:{s.id}" for s in systems]
        servers = ctx.servers if items is None else items
        return servers, [f"server:{s.id}" for s in servers]


def _run(ctx: Context, checks: list[Check]) -> Found:
    return [(hit.unknown, finding_of(check, hit)) for check in checks for hit in check.run(ctx)]


def _ids_by_subject(found: Found) -> dict[str, tuple[tuple[int, str], ...]]:
    """Subject -> (severity rank, check id) of its findings (gaps left out), sorted."""
    out: dict[str, list[tuple[int, str]]] = {}
    for gap, f in found:
        if not gap:
            out.setdefault(f.subject, []).append((f.severity.rank, f.check_id))
    return {k: tuple(sorted(v)) for k, v in out.items()}
