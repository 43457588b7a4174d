"""Order move groups into waves: dependencies first, low-risk ready groups early, the EMR core alone and not first,
groups whose hardware refresh or contract end is near pulled forward so that nothing is bought twice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import networkx as nx

from hismigrate.model.enums import SystemCategory
from hismigrate.model.inventory import Inventory
from hismigrate.model.plan import Readiness
from hismigrate.plan.settings import PlanSettings

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
) -> list[list[int]]:
    """Group indices per wave. Every group lands in exactly one wave, after (or with) the groups it depends on."""
    horizon = add_months(as_of, settings.align_months)

    def priority(i: int) -> tuple[int, int, int, int, int]:
        f = facts[i]
        due_soon = 0 if f.due is not None and f.due <= horizon else 1
        # EMR core last among equals; near refresh first; low criticality (high number) first; ready first.
        return (int(f.is_emr_core), due_soon, -f.criticality, _READINESS_RANK[f.readiness], i)

    placed: dict[int, int] = {}
    waves: list[list[int]] = []
    remaining = set(range(len(facts)))
    while remaining:
        wave: list[int] = []
        size = 0
        wave_no = len(waves)
        while True:
            ready = [
                i
                for i in remaining
                if all(placed.get(d, wave_no + 1) <= wave_no or d in wave for d in group_deps.successors(i))
            ]
            if not ready:
                break
            ready.sort(key=priority)
            pick = None
            for i in ready:
                f = facts[i]
                if f.is_emr_core:
                    # alone, and not in the first wave while anything else could go first
                    alone_ok = not wave and (wave_no > 0 or all(facts[j].is_emr_core for j in ready))
                    if alone_ok:
                        pick = i
                        break
                    continue
                if wave and any(facts[j].is_emr_core for j in wave):
                    continue
                if not wave or size + len(f.systems) <= settings.systems_per_wave:
                    pick = i
                    break
            if pick is None:
                break
            wave.append(pick)
            size += len(facts[pick].systems)
            placed[pick] = wave_no
            remaining.discard(pick)
            if facts[pick].is_emr_core:
                break
        assert wave, "a dependency-free group always exists: cycles were merged into groups"
        waves.append(wave)
    return waves
