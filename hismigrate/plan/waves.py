"""Order move groups into waves: dependencies first, low-risk ready groups early, the EMR core alone and not first,
groups whose hardware refresh or contract end is near pulled forward so that nothing is bought twice."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date

import networkx as nx

from hismigrate.model.enums import SystemCategory
from hismigrate.model.inventory import Inventory
from hismigrate.model.plan import Readiness
from hismigrate.model.settings import PlanSettings

_READINESS_RANK = {Readiness.ready: 0, Readiness.conditional: 1, Readiness.unknown: 2, Readiness.not_ready: 3}


@dataclass(frozen=True)
class GroupFacts:
    """What the ordering needs to know about one move group."""

    systems: tuple[str, ...]
    is_emr_core: bool
    criticality: int  # the most critical member (1 = care stops)
    readiness: Readiness  # the least ready member
    due: date | None  # the earliest refresh or contract end among its members


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1 if day.day == 1 else min(day.day, 28))


def first_cutover(as_of: date, settings: PlanSettings) -> date:
    """The settings' start, else the first 1 April at least `lead_months` after as_of (the fiscal year start)."""
    if settings.start is not None:
        return settings.start
    earliest = add_months(date(as_of.year, as_of.month, 1), settings.lead_months)
    april = date(earliest.year, 4, 1)
    return april if april >= earliest else date(earliest.year + 1, 4, 1)


def group_facts(
    inventory: Inventory, groups: list[tuple[str, ...]], readiness: dict[str, Readiness]
) -> list[GroupFacts]:
    idx = inventory.by_id()
    out = []
    for members in groups:
        systems = [idx.systems[s] for s in members]
        dues = [s.contract_end for s in systems if s.contract_end]
        dues += [idx.servers[v].refresh_due for s in systems for v in s.servers if idx.servers[v].refresh_due]
        out.append(
            GroupFacts(
                systems=members,
                is_emr_core=any(s.category == SystemCategory.emr for s in systems),
                criticality=min(s.criticality for s in systems),
                readiness=max((readiness[s] for s in members), key=_READINESS_RANK.__getitem__),
                due=min(dues) if dues else None,
            )
        )
    return out


def order_waves(
    facts: list[GroupFacts], group_deps: nx.DiGraph, as_of: date, settings: PlanSettings
) -> tuple[list[list[int]], int]:
    """Group indices per wave, and the wave size used. Every group lands in exactly one wave, after (or with) the
    groups it depends on. When `systems_per_wave` would need more than `max_waves` waves, the size is raised to the
    smallest that fits (or, when the dependency chain itself is longer, to the smallest giving the fewest waves)."""
    size = settings.systems_per_wave
    waves = _order(facts, group_deps, as_of, settings, size)
    if len(waves) <= settings.max_waves:
        return waves, size
    total = sum(len(f.systems) for f in facts)
    target = max(settings.max_waves, len(_order(facts, group_deps, as_of, settings, total)))
    # Binary search for the smallest size that fits; the greedy is not proven monotone, so keep only sizes seen to fit.
    low, high = size, total  # low never fits, high always does
    best = _order(facts, group_deps, as_of, settings, total)
    while high - low > 1:
        middle = (low + high) // 2
        tried = _order(facts, group_deps, as_of, settings, middle)
        if len(tried) <= target:
            high, best = middle, tried
        else:
            low = middle
    return best, high


def _order(
    facts: list[GroupFacts], group_deps: nx.DiGraph, as_of: date, settings: PlanSettings, per_wave: int
) -> list[list[int]]:
    horizon = add_months(as_of, settings.align_months)

    def priority(i: int) -> tuple[int, int, int, int, int]:
        f = facts[i]
        due_soon = 0 if f.due is not None and f.due <= horizon else 1
        # EMR core last among equals; near refresh first; low criticality (high number) first; ready first.
        return (int(f.is_emr_core), due_soon, -f.criticality, _READINESS_RANK[f.readiness], i)

    # A group is ready once every group it needs is placed (in an earlier wave or this one). Kept incrementally,
    # sorted by priority, so that a pick costs a scan of the ready list, not of the whole estate.
    pending = {i: group_deps.out_degree(i) for i in range(len(facts))}
    ready = sorted((priority(i) for i, n in pending.items() if n == 0))
    waves: list[list[int]] = []
    placed = 0
    while placed < len(facts):
        wave: list[int] = []
        size = 0
        wave_no = len(waves)
        while ready:
            pick = None
            for pos, key in enumerate(ready):
                i = key[-1]
                f = facts[i]
                if f.is_emr_core:
                    # alone, and not in the first wave while anything else could go first (EMR cores sort last)
                    if not wave and (wave_no > 0 or facts[ready[0][-1]].is_emr_core):
                        pick = pos
                        break
                    continue
                if wave and facts[wave[0]].is_emr_core:
                    break
                if not wave or size + len(f.systems) <= per_wave:
                    pick = pos
                    break
            if pick is None:
                break
            i = ready.pop(pick)[-1]
            wave.append(i)
            size += len(facts[i].systems)
            placed += 1
            for needer in group_deps.predecessors(i):
                pending[needer] -= 1
                if pending[needer] == 0:
                    bisect.insort(ready, priority(needer))
            if facts[i].is_emr_core:
                break
        assert wave, "a dependency-free group always exists: cycles were merged into groups"
        waves.append(wave)
    return waves
