"""make_plan: inventory -> MigrationPlan (strategies, readiness, move groups in waves with their notes).

Cutovers follow one another `months_between_waves` apart from the first, and none falls in the window around a
fee-schedule revision (model.fee_revision): a cutover that would is moved to the first day after the window, and the
waves after it keep their spacing from it. The plan carries the windows it avoided, for the timeline to draw."""

from __future__ import annotations

from datetime import date

from hismigrate.model.enums import ConnectionKind, Strategy
from hismigrate.model.fee_revision import blackouts, outside_blackouts
from hismigrate.model.inventory import Inventory
from hismigrate.model.plan import MigrationPlan, Readiness, Reason, SystemStrategy, Wave
from hismigrate.model.settings import PlanSettings
from hismigrate.plan.groups import move_groups
from hismigrate.plan.names import system_names
from hismigrate.plan.readiness import readiness
from hismigrate.plan.strategy import MOVING, decide_strategies
from hismigrate.plan.traffic import cloud_line_mbps, cross_boundary_mbps
from hismigrate.plan.waves import add_months, first_cutover, group_facts, order_waves


def already_in_cloud(inventory: Inventory) -> set[str]:
    """Systems with no on-prem server that a cloud link serves: already a cloud service before any wave."""
    linked = {s for c in inventory.connections if c.kind == ConnectionKind.cloud_link for s in c.serves}
    return {s.id for s in inventory.systems if not s.servers and s.id in linked}


def make_plan(inventory: Inventory, as_of: date, settings: PlanSettings | None = None) -> MigrationPlan:
    settings = settings or PlanSettings()
    in_cloud = already_in_cloud(inventory)
    decided = decide_strategies(inventory, as_of, settings)
    idx = inventory.by_id()
    strategies = []
    for system in inventory.systems:
        strategy, reasons = decided[system.id]
        state: Readiness
        why: tuple[Reason, ...]
        if system.id in in_cloud:
            # in no wave whatever its strategy: an override (e.g. repurchase) keeps its reason and gains this one
            there = Reason(key="already_in_cloud")
            strategy, reasons = (strategy, (*reasons, there)) if system.strategy else (Strategy.retain, (there,))
            state, why = Readiness.ready, (there,)
        else:
            state, why = readiness(system, strategy, inventory, as_of, idx.servers)
        strategies.append(
            SystemStrategy(
                system=system.id,
                strategy=strategy,
                reasons=reasons,
                readiness=state,
                readiness_reasons=why,
                already_in_cloud=system.id in in_cloud,
            )
        )
    moving = {s.system for s in strategies if s.strategy in MOVING and s.system not in in_cloud}
    groups, group_deps = move_groups(inventory, moving, settings)
    facts = group_facts(inventory, groups, {s.system: s.readiness for s in strategies})
    ordering = order_waves(facts, group_deps, as_of, settings)
    per_wave = ordering.per_wave

    capacity = cloud_line_mbps(inventory, settings)
    before, after = settings.revision_blackout_months_before, settings.revision_blackout_months_after
    planned = first_cutover(as_of, settings)
    moved = set(in_cloud)
    waves: list[Wave] = []
    for number, members in enumerate(ordering.waves, start=1):
        if waves:
            planned = add_months(waves[-1].cutover, settings.months_between_waves)
        cutover, window = outside_blackouts(planned, before, after)
        wave_groups = tuple(facts[i].systems for i in members)
        systems = tuple(s for g in wave_groups for s in g)
        moved.update(systems)
        notes: list[Reason] = []
        if window is not None:
            params = {
                "revision": window.revision.effective.isoformat(),
                "start": window.start.isoformat(),
                "end": window.end.isoformat(),
                "planned": planned.isoformat(),
                "cutover": cutover.isoformat(),
            }
            notes.append(Reason(key="fee_revision_moved", params=params))
        if per_wave > settings.systems_per_wave and len(systems) > settings.systems_per_wave:
            params = {
                "size": str(per_wave),
                "setting": str(settings.systems_per_wave),
                "waves": str(settings.max_waves),
            }
            notes.append(Reason(key="wave_size_raised", params=params))
        cores = sum(1 for i in members if facts[i].is_emr_core)
        if cores > 1:
            notes.append(Reason(key="emr_cores_shared", params={"count": str(cores), "waves": str(settings.max_waves)}))
        for sid in systems:
            for dep in idx.systems[sid].depends_on:
                if dep not in moved:
                    params = {
                        "system": sid,
                        "dependency": dep,
                        "system_name": system_names(idx.systems, [sid]),
                        "dependency_name": system_names(idx.systems, [dep]),
                    }
                    notes.append(Reason(key="bridge", params=params))
        for i in members:
            due = facts[i].due
            if due is not None and due >= as_of:  # a refresh already overdue strands nothing
                key = "aligned" if cutover <= due else "after_refresh"
                params = {
                    "group": ", ".join(facts[i].systems),
                    "group_names": system_names(idx.systems, facts[i].systems),
                    "date": due.isoformat(),
                }
                notes.append(Reason(key=key, params=params))
        traffic = cross_boundary_mbps(inventory, moved, settings)
        if traffic > capacity:
            notes.append(Reason(key="over_capacity", params={"mbps": f"{traffic:g}", "capacity": f"{capacity:g}"}))
        waves.append(Wave(index=number, cutover=cutover, systems=systems, groups=wave_groups, notes=tuple(notes)))
    avoided = blackouts(as_of, waves[-1].cutover, before, after) if waves else ()
    return MigrationPlan(
        strategies=tuple(strategies),
        waves=tuple(waves),
        already_in_cloud=tuple(sorted(in_cloud)),
        blackouts=avoided,
    )
