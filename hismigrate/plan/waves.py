"""Order move groups into waves: dependencies first, low-risk ready groups early, the EMR core alone and not first,
groups whose hardware refresh or contract end is near pulled forward so that nothing is bought twice.

An estate with more EMR cores than `max_waves` (a group of hospitals in one inventory) cannot move each core in a wave
of its own within the cap: EMR cores then share their waves (still without other systems), as few per wave as fits."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
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
        dues += [due for s in systems for v in s.servers if (due := idx.servers[v].refresh_due)]
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


@dataclass(frozen=True)
class Ordering:
    """Group indices per wave, the wave size used and the most EMR cores put in one wave."""

    waves: list[list[int]]
    per_wave: int
    emr_per_wave: int


def _smallest(low: int, high: int, fits: Callable[[int], list[list[int]] | None]) -> tuple[int, list[list[int]]]:
    """The smallest value in (low, high] whose ordering fits (`high` must fit), with that ordering. The greedy is not
    proven monotone, so only values seen to fit are kept."""
    best = fits(high)
    assert best is not None
    while high - low > 1:
        middle = (low + high) // 2
        tried = fits(middle)
        if tried is not None:
            high, best = middle, tried
        else:
            low = middle
    return high, best


def order_waves(facts: list[GroupFacts], group_deps: nx.DiGraph[int], as_of: date, settings: PlanSettings) -> Ordering:
    """Every group lands in exactly one wave, after (or with) the groups it depends on. When `systems_per_wave` would
    need more than `max_waves` waves, the size is raised to the smallest that fits (or, when the dependency chain
    itself is longer, to the smallest giving the fewest waves); when the EMR cores alone need more waves than that,
    they share waves first, as few per wave as fits."""
    size, cap = settings.systems_per_wave, settings.max_waves
    waves = _order(facts, group_deps, as_of, settings, size, 1)
    if len(waves) <= cap:
        return Ordering(waves, size, 1)
    total = sum(len(f.systems) for f in facts)
    cores = sum(1 for f in facts if f.is_emr_core)
    emr = 1
    if cores > 1 and len(_order(facts, group_deps, as_of, settings, total, 1)) > cap:
        least = len(_order(facts, group_deps, as_of, settings, total, cores))
        goal = max(cap, least)

        def emr_fits(k: int) -> list[list[int]] | None:
            tried = _order(facts, group_deps, as_of, settings, total, k)
            return tried if len(tried) <= goal else None

        emr = _smallest(0, cores, emr_fits)[0]
    target = max(cap, len(_order(facts, group_deps, as_of, settings, total, emr)))

    def size_fits(n: int) -> list[list[int]] | None:
        tried = _order(facts, group_deps, as_of, settings, n, emr)
        return tried if len(tried) <= target else None

    per_wave, best = _smallest(size, total, size_fits)
    return Ordering(best, per_wave, emr)


def _order(
    facts: list[GroupFacts],
    group_deps: nx.DiGraph[int],
    as_of: date,
    settings: PlanSettings,
    per_wave: int,
    emr_per_wave: int,
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
        size = cores = 0
        while ready:
            pick = _pick(facts, ready, wave, size, per_wave, first=not waves)
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
                cores += 1
                if cores >= emr_per_wave:
                    break
        assert wave, "a dependency-free group always exists: cycles were merged into groups"
        waves.append(wave)
    return waves


def _pick(
    facts: list[GroupFacts], ready: Sequence[tuple[int, ...]], wave: list[int], size: int, per_wave: int, first: bool
) -> int | None:
    """Position in `ready` of the next group for `wave`, or None when the wave is full."""
    if wave and facts[wave[0]].is_emr_core:
        # An EMR wave takes EMR cores only (the caller stops at emr_per_wave). They sort last: found by bisection.
        pos = bisect.bisect_left(ready, (1,))
        return pos if pos < len(ready) else None
    if wave and size >= per_wave:
        return None  # full: every group has a system at least (else the scan below finds nothing, slowly)
    for pos, key in enumerate(ready):
        f = facts[key[-1]]
        if f.is_emr_core:
            # opens a wave of its own, and not the first wave while anything else could go first (cores sort last)
            if not wave and (not first or facts[ready[0][-1]].is_emr_core):
                return pos
            continue
        if not wave or size + len(f.systems) <= per_wave:
            return pos
    return None
