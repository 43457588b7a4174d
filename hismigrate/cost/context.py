"""What one cost run reads: the inventory, the settings, the catalog, the years, and when each thing leaves.

`Timing` turns a migration plan into dates: when each system and server stops running on premises, and when each
server starts running in the cloud. The baseline is the empty timing (nothing leaves).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hismigrate.model.calendar import fiscal_year, onprem_share
from hismigrate.model.enums import Strategy
from hismigrate.model.inventory import Flow, Inventory, InventoryIndex, Server, System
from hismigrate.model.plan import MigrationPlan
from hismigrate.model.prices import PriceCatalog, PriceItem
from hismigrate.model.settings import CostSettings
from hismigrate.state import server_leaves

IAAS = frozenset({Strategy.rehost, Strategy.replatform, Strategy.refactor})
LEAVING = IAAS | {Strategy.repurchase, Strategy.retire}


@dataclass(frozen=True)
class Context:
    inventory: Inventory
    index: InventoryIndex
    settings: CostSettings
    catalog: PriceCatalog
    as_of: date
    systems_of_server: dict[str, tuple[str, ...]]
    first_year: int
    years: list[int]
    last_year: int
    # Results that depend on the context alone (the baseline's year totals), computed once per context.
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def grow(self, rate: float, year: int) -> float:
        """Escalation factor of `year` relative to the first year of the horizon."""
        return (1 + rate) ** (year - self.first_year)

    def growth(self, rate: float, years: list[int]) -> list[float]:
        """`grow(rate, year)` for each of `years` (asked for every subject: computed once per rate)."""
        key = ("growth", rate, tuple(years))
        found: list[float] | None = self.memo.get(key)
        if found is None:
            found = self.memo[key] = [self.grow(rate, year) for year in years]
        return found

    def shares(self, leaves: date | None, years: list[int]) -> list[float]:
        """`onprem_share(year, leaves)` for each of `years` (computed once per leaving date)."""
        key = ("shares", leaves, tuple(years))
        found: list[float] | None = self.memo.get(key)
        if found is None:
            found = self.memo[key] = [onprem_share(year, leaves) for year in years]
        return found

    def rate_key(self, year: int) -> int:
        """The year of the exchange-rate path that applies to `year`: the latest given at or before it."""
        key = ("rate_key", year)
        found: int | None = self.memo.get(key)  # asked for every server and year: looked up once per year
        if found is None:
            path = self.settings.jpy_per_usd
            earlier = [y for y in path if y <= year]
            found = self.memo[key] = max(earlier) if earlier else min(path)
        return found

    def jpy_per_usd(self, year: int) -> float:
        return self.settings.jpy_per_usd[self.rate_key(year)]

    def flows_from(self, system_id: str) -> list[Flow]:
        """The flows a system sends, in inventory order (indexed once: scanning every flow per system is quadratic)."""
        by_source: dict[str, list[Flow]] | None = self.memo.get("flows_from")
        if by_source is None:
            by_source = self.memo["flows_from"] = {}
            for flow in self.inventory.flows:
                by_source.setdefault(flow.source, []).append(flow)
        return by_source.get(system_id, [])

    def interfaces(self, system_id: str) -> int:
        """How many flows a system sends or receives."""
        counts: dict[str, int] | None = self.memo.get("interfaces")
        if counts is None:
            counts = self.memo["interfaces"] = {}
            for flow in self.inventory.flows:
                for end in {flow.source, flow.target}:
                    counts[end] = counts.get(end, 0) + 1
        return counts.get(system_id, 0)

    def of_kind(self, kind: str) -> list[PriceItem]:
        """The catalog's items of a kind, cheapest first (sorted once per context)."""
        key = ("of_kind", kind)
        found: list[PriceItem] | None = self.memo.get(key)
        if found is None:
            found = self.memo[key] = self.catalog.of_kind(kind)
        return found

    def servers_of(self, system: System) -> list[Server]:
        key = ("servers_of", system.id)
        found: list[Server] | None = self.memo.get(key)
        if found is None:
            found = self.memo[key] = [self.index.servers[s] for s in system.servers if s in self.index.servers]
        return found


def settings_paths(settings: CostSettings) -> dict[str, Any]:
    """Every cost setting by its path (`cost.power.pue`: 1.8), as bases and reports name them."""
    out: dict[str, Any] = {}

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(f"{prefix}.{k}", v)
        elif isinstance(value, list):
            for k, v in enumerate(value):
                walk(f"{prefix}.{k}", v)
        else:
            out[prefix] = value

    walk("cost", settings.model_dump(mode="json", exclude={"sources"}))
    return out


def make_context(
    inventory: Inventory, settings: CostSettings, catalog: PriceCatalog, as_of: date, like: Context | None = None
) -> Context:
    """`like`: a context of the same inventory whose indexes are shared (read only), as sensitivity variants do."""
    first = fiscal_year(as_of)
    if like is not None and like.inventory is inventory:
        index, systems_of_server = like.index, like.systems_of_server
    else:
        hosting: dict[str, list[str]] = {}
        for system in inventory.systems:
            for server_id in system.servers:
                hosting.setdefault(server_id, []).append(system.id)
        index, systems_of_server = inventory.by_id(), {k: tuple(sorted(set(v))) for k, v in hosting.items()}
    return Context(
        first_year=first,
        years=[first + k for k in range(settings.horizon_years)],
        last_year=first + settings.horizon_years - 1,
        inventory=inventory,
        index=index,
        settings=settings,
        catalog=catalog,
        as_of=as_of,
        systems_of_server=systems_of_server,
    )


@dataclass(frozen=True)
class Timing:
    """When things leave the premises under one scenario; empty for the baseline."""

    system_leaves: dict[str, date] = field(default_factory=dict)
    strategy: dict[str, Strategy] = field(default_factory=dict)
    server_leaves: dict[str, date] = field(default_factory=dict)
    server_cloud_start: dict[str, date] = field(default_factory=dict)
    first_cutover: date | None = None
    # Each subject's slice of this timing (what its lines depend on; cost.subjects), kept as it is asked: a timing
    # belongs to one inventory and never changes, and every sensitivity variant asks the plan's for each subject.
    slices: dict[str, tuple[Any, ...]] = field(default_factory=dict, compare=False, repr=False)

    def moved_by(self, system_id: str) -> Strategy | None:
        return self.strategy.get(system_id)


def plan_timing(ctx: Context, plan: MigrationPlan) -> Timing:
    # The plan's strategy, else the inventory's override, else rehost (the plan put it in a wave). Indexed once
    # per tuple of strategies (alternatives and states share their plan's).
    cached = ctx.memo.get(("planned", id(plan.strategies)))
    if cached is None or cached[0] is not plan.strategies:
        cached = ctx.memo[("planned", id(plan.strategies))] = (
            plan.strategies,
            {s.system: s.strategy for s in plan.strategies},
        )
    planned: dict[str, Strategy] = cached[1]
    leaves: dict[str, date] = {}
    strategy: dict[str, Strategy] = {}
    for wave in plan.waves:
        for system_id in wave.systems:
            system = ctx.index.systems.get(system_id)
            if system is None or system_id in leaves:
                continue
            chosen = planned.get(system_id) or system.strategy or Strategy.rehost
            if chosen not in LEAVING:
                continue  # "retain" in a wave: it stays where it is
            leaves[system_id] = wave.cutover
            strategy[system_id] = chosen
    server_leaves: dict[str, date] = {}
    cloud_start: dict[str, date] = {}
    # Only the servers of leaving systems can leave or start in the cloud.
    for server_id in dict.fromkeys(v for x in leaves for v in ctx.index.systems[x].servers):
        _time_server(ctx, server_id, leaves, strategy, server_leaves, cloud_start)
    return Timing(
        system_leaves=leaves,
        strategy=strategy,
        server_leaves=server_leaves,
        server_cloud_start=cloud_start,
        first_cutover=min(leaves.values()) if leaves else None,
    )


def _time_server(
    ctx: Context,
    server_id: str,
    leaves: dict[str, date],
    strategy: dict[str, Strategy],
    server_leaves_on: dict[str, date],
    cloud_start: dict[str, date],
) -> None:
    server_leaves_on.pop(server_id, None)
    cloud_start.pop(server_id, None)
    if server_id not in ctx.index.servers:
        return
    system_ids = ctx.systems_of_server[server_id]
    day = server_leaves(system_ids, leaves)  # switched off when the last system on it has left ...
    if day is not None:
        server_leaves_on[server_id] = day
    # ... but rebuilt in the cloud as soon as the first system on it moves to IaaS (both run meanwhile).
    iaas = [leaves[s] for s in system_ids if strategy.get(s) in IAAS]
    if iaas:
        cloud_start[server_id] = min(iaas)


def shifted(ctx: Context, timing: Timing, systems: Iterable[str], day: date) -> Timing:
    """`timing` with the given leaving systems leaving on `day` instead: what `plan_timing` gives for the plan
    with their wave's cutover moved to `day`, without going over the whole plan again."""
    leaves = dict(timing.system_leaves)
    changed = [x for x in systems if x in leaves]
    for system_id in changed:
        leaves[system_id] = day
    server_leaves, cloud_start = dict(timing.server_leaves), dict(timing.server_cloud_start)
    for server_id in dict.fromkeys(v for x in changed for v in ctx.index.systems[x].servers):
        _time_server(ctx, server_id, leaves, timing.strategy, server_leaves, cloud_start)
    return Timing(
        system_leaves=leaves,
        strategy=timing.strategy,
        server_leaves=server_leaves,
        server_cloud_start=cloud_start,
        first_cutover=min(leaves.values()) if leaves else None,
    )
