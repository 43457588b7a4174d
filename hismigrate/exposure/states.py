"""assess_states: the exposure of every migration state of a plan at close to the cost of one full run.

Each state gives the same index and findings as `assess_exposure` on it (a test holds them equal), but what a state
does not change is not redone: a check's hits on a server, line or system are kept by what decides them (the
check's `scope`), the attack graph's edges are kept by what decides them, and only the first and last states get
the full result (checklist, paths, per-system exposure); the ones between get their index and findings count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hismigrate.collector import collector_paused
from hismigrate.exposure.assess import finding_of, finding_order, full_result, system_likelihoods
from hismigrate.exposure.attack_graph import EdgeMemo
from hismigrate.exposure.check import Check, Context
from hismigrate.exposure.kev import KevCatalog, KevKnowledge, kev_knowledge
from hismigrate.exposure.likelihoods import Likelihoods
from hismigrate.exposure.result import ExposureResult, Finding, Severity
from hismigrate.model.inventory import Connection, Inventory

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
    last: ExposureResult  # and of the last (after the last wave)


def by_severity(findings: Iterable[Finding]) -> dict[str, int]:
    counted = Counter(f.severity for f in findings)
    return {s.value: counted.get(s, 0) for s in Severity}


def assess_states(
    inventory: Inventory,
    as_of: date,
    states: Sequence[tuple[str, Iterable[str]]],
    kev: KevCatalog | None = None,
    progress: Callable[[str], None] | None = None,
) -> StatesExposure:
    """Score every state (name, systems in the cloud) of a plan; `progress` hears each state's name as it starts."""
    if not states:
        raise ValueError("assess_states needs at least one state")
    with collector_paused():  # as in assess_exposure: many small objects, all kept
        run = _Run(inventory, as_of, kev_knowledge(kev))
        out: list[StateExposure] = []
        first = last = None
        for k, (name, in_cloud) in enumerate(states):
            if progress is not None:
                progress(name)
            whole = k in (0, len(states) - 1)
            state, result = run.state(name, frozenset(in_cloud), whole)
            out.append(state)
            if k == 0:
                first = result
            if k == len(states) - 1:
                last = result
        assert first is not None and last is not None
        return StatesExposure(states=tuple(out), first=first, last=last)


@dataclass
class _Run:
    """What the states of one plan share: the checks by scope, their hits kept by item, the attack-graph edges."""

    inventory: Inventory
    as_of: date
    kev: KevKnowledge
    lk: Likelihoods = field(init=False)
    scoped: dict[str, list[Check]] = field(init=False)
    kept: dict[str, dict[Any, Found]] = field(init=False)
    known_connections: dict[str, Connection] = field(init=False)
    static: Found | None = None
    memo: EdgeMemo = field(default_factory=EdgeMemo)

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

    def state(self, name: str, in_cloud: frozenset[str], whole: bool) -> tuple[StateExposure, ExposureResult | None]:
        from hismigrate.exposure.attack_graph import build_attack_graph
        from hismigrate.exposure.index import exposure_index
        from hismigrate.exposure.paths import distances
        from hismigrate.graph.build import state_members

        members = state_members(self.inventory, in_cloud)
        ctx = Context(
            inventory=self.inventory, state=members, as_of=self.as_of, kev=self.kev, thresholds=dict(self.lk.thresholds)
        )
        found = self._checks(ctx)
        if whole:
            findings = sorted((f for gap, f in found if not gap), key=finding_order)
            gaps = sorted((f for gap, f in found if gap), key=finding_order)
            result = full_result(ctx, self.lk, findings, gaps, self.memo)
            return StateExposure(name, result.index, by_severity(result.findings)), result
        findings = [f for gap, f in found if not gap]  # unsorted: the counts and the graph need no order
        dist = distances(build_attack_graph(ctx, findings, self.lk, self.memo))
        index = exposure_index(system_likelihoods(ctx, dist), dict(self.lk.criticality_weights))
        return StateExposure(name, index, by_severity(findings)), None

    def _checks(self, ctx: Context) -> Found:
        """The state's findings and gaps, unsorted."""
        if self.static is None:
            self.static = _run(ctx, self.scoped["static"])
        found: Found = [*self.static, *_run(ctx, self.scoped["state"])]
        for scope in ITEM_SCOPES:
            found.extend(self._items(ctx, scope))
        return found

    def _items(self, ctx: Context, scope: str) -> Found:
        """The hits of one scope's checks in this state: kept ones for items already seen alike, the rest run now."""
        checks = self.scoped[scope]
        if not checks:
            return []
        items, keys, subjects, narrow = self._listing(ctx, scope)
        kept = self.kept[scope]
        new = [i for i, key in enumerate(keys) if key is None or key not in kept]
        fresh: dict[str, Found] = {}
        if new:
            fresh = {subjects[i]: [] for i in new}
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
        out: Found = []
        for key, subject in zip(keys, subjects, strict=True):
            out.extend(kept[key] if key is not None and key in kept else fresh[subject])
        return out

    def _listing(self, ctx: Context, scope: str) -> tuple[list[Any], list[Any], list[str], str]:
        """(items the scope iterates, the key deciding each one's hits or None when not to keep them, each one's
        subject, the Context list to narrow)."""
        if scope == "connection":
            conns = ctx.connections
            # a line of the inventory is decided by itself; the implied cloud link changes with the state
            keys = [c.id if self.known_connections.get(c.id) is c else None for c in conns]
            return conns, keys, [f"connection:{c.id}" for c in conns], "connections"
        if scope == "on_prem_system":
            systems = ctx.on_prem_systems
            return systems, [s.id for s in systems], [f"system:{s.id}" for s in systems], "on_prem_systems"
        servers = ctx.servers
        if scope == "server":
            keys = [s.id for s in servers]
        else:  # hosted_server: the server with the on-prem systems it hosts in this state
            hosted = ctx.systems_by_server
            keys = [(s.id, tuple(x.id for x in hosted.get(s.id, ()))) for s in servers]
        return servers, keys, [f"server:{s.id}" for s in servers], "servers"


def _run(ctx: Context, checks: list[Check]) -> Found:
    return [(hit.unknown, finding_of(check, hit)) for check in checks for hit in check.run(ctx)]
