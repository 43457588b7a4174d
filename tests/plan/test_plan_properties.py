"""Planner invariants over random estates: one wave per moving system, groups whole, dependencies first, stable."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings

from hismigrate.load.validate import to_inventory
from hismigrate.model.enums import Strategy
from hismigrate.model.inventory import Inventory
from hismigrate.model.settings import PlanSettings
from hismigrate.plan.planner import make_plan
from hismigrate.plan.strategy import MOVING, binding_pairs
from tests.strategies import inventories

AS_OF = date(2026, 12, 1)


def _inventory(data: dict[str, Any]) -> Inventory:
    from hismigrate.errors import Location

    return to_inventory(data, lambda loc: Location("<generated>"))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inventories(), inventories().map(lambda d: len(d["systems"]) % 3 + 1))
def test_plan_invariants(data: dict[str, Any], per_wave: int) -> None:
    inv = _inventory(data)
    plan_settings = PlanSettings(systems_per_wave=per_wave)
    plan = make_plan(inv, AS_OF, plan_settings)
    assert [s.system for s in plan.strategies] == [s.id for s in inv.systems]

    wave_of: dict[str, int] = {}
    for wave in plan.waves:
        for sid in wave.systems:
            assert sid not in wave_of, "a system is in two waves"
            wave_of[sid] = wave.index
    for s in plan.strategies:
        in_wave = s.system in wave_of
        assert in_wave == (s.strategy in MOVING and s.system not in plan.already_in_cloud), s
        if not in_wave:
            assert s.strategy in (Strategy.retain, Strategy.retire) or s.system in plan.already_in_cloud

    # groups are never split: systems that must move together are in the same wave
    for a, b, _ in binding_pairs(inv, plan_settings):
        if a in wave_of and b in wave_of:
            assert wave_of[a] == wave_of[b]
    # dependencies first (or together)
    for system in inv.systems:
        for dep in system.depends_on:
            if system.id in wave_of and dep in wave_of:
                assert wave_of[dep] <= wave_of[system.id]
    # cutovers strictly increase
    assert all(a.cutover < b.cutover for a, b in zip(plan.waves, plan.waves[1:], strict=False))
    # the same input gives the same plan
    assert make_plan(inv, AS_OF, plan_settings) == plan


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inventories(), inventories().map(lambda d: len(d["systems"]) % 3 + 1))
def test_wave_cap(data: dict[str, Any], max_waves: int) -> None:
    """At most max_waves waves unless the dependency chain (or the EMR core alone) needs more even with unlimited
    waves; groups stay whole and dependencies first; a raised size is noted on every wave above
    the setting."""
    inv = _inventory(data)
    capped = PlanSettings(systems_per_wave=1, max_waves=max_waves)
    plan = make_plan(inv, AS_OF, capped)
    unlimited = make_plan(inv, AS_OF, PlanSettings(systems_per_wave=500, max_waves=60))
    assert len(plan.waves) <= max(max_waves, len(unlimited.waves))
    assert sorted(s for w in plan.waves for s in w.systems) == sorted(s for w in unlimited.waves for s in w.systems)
    wave_of = {sid: w.index for w in plan.waves for sid in w.systems}
    for a, b, _ in binding_pairs(inv, capped):
        if a in wave_of and b in wave_of:
            assert wave_of[a] == wave_of[b]
    for system in inv.systems:
        for dep in system.depends_on:
            if system.id in wave_of and dep in wave_of:
                assert wave_of[dep] <= wave_of[system.id]
    for wave in plan.waves:
        raised = [n for n in wave.notes if n.key == "wave_size_raised"]
        if raised:
            assert len(wave.systems) > 1
        if len(wave.groups) > 1:  # two groups in a wave of size 1: only a raised size lets that happen
            assert raised and int(raised[0].params["size"]) >= len(wave.systems)
