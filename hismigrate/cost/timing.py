"""When things leave the premises under a plan: each system's leaving day and strategy, and from them (by the one
definition of a migration state, hismigrate.state) when each server leaves and starts running in the cloud.
Days are ordinals (`date.toordinal`); NEVER for what stays. The baseline is the empty timing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property

import numpy as np

from hismigrate.cost.context import IAAS, LEAVING, Context, code_of
from hismigrate.cost.days import NEVER, month_numbers
from hismigrate.cost.estate import STRATEGIES
from hismigrate.cost.hardware import HOST, NAMED, SPARE
from hismigrate.model.enums import Strategy
from hismigrate.model.plan import MigrationPlan

_IAAS = code_of(IAAS)


@dataclass(frozen=True)
class Timing:
    """Per system: the day it leaves and its strategy code (-1: it stays); per server: the day it leaves and the day
    it starts in the cloud. A server leaves with the last system it hosts (a hypervisor host: and the last machine
    drawing on it) and starts in the cloud with the first of them that moves to IaaS (both run meanwhile)."""

    system_leaves: np.ndarray
    strategy: np.ndarray
    server_leaves: np.ndarray
    server_cloud_start: np.ndarray

    # Month numbers of the days (hismigrate.cost.days), worked out once per timing: every category reads them.
    @cached_property
    def system_months(self) -> np.ndarray:
        return month_numbers(self.system_leaves)

    @cached_property
    def server_months(self) -> np.ndarray:
        return month_numbers(self.server_leaves)

    @cached_property
    def cloud_months(self) -> np.ndarray:
        return month_numbers(self.server_cloud_start)

    def strategy_of(self, system: int) -> Strategy | None:
        code = int(self.strategy[system])
        return STRATEGIES[code] if code >= 0 else None


def timing_of(ctx: Context, system_leaves: np.ndarray, strategy: np.ndarray) -> Timing:
    """The servers' days from the systems' (see `Timing`)."""
    estate, hw = ctx.estate, ctx.hardware
    n = len(estate.servers)
    own = np.full(n, -1, dtype=np.int64)  # -1: hosts no system
    np.maximum.at(own, estate.pair_server, system_leaves[estate.pair_system])
    leaves = np.where(own < 0, NEVER, own)  # hosts no system: nobody said it could go ...
    # ... unless machines draw on it: a host leaves with the last of its systems and of the machines on its cluster
    # and those naming no host (hismigrate.state.servers_leave); -1: nothing draws on it
    named, host = hw.kind == NAMED, hw.kind == HOST
    drawn = np.full(len(hw.pool_hosts) + 1, -1, dtype=np.int64)
    np.maximum.at(drawn, hw.pool[named], leaves[named])
    draws = np.maximum(drawn[hw.pool[host]], leaves[hw.kind == SPARE].max(initial=-1))
    leaves[host] = np.where(draws < 0, leaves[host], np.maximum(own[host], draws))
    start = np.full(n, NEVER, dtype=np.int64)
    iaas = _IAAS[strategy[estate.pair_system]]
    np.minimum.at(start, estate.pair_server[iaas], system_leaves[estate.pair_system[iaas]])
    return Timing(system_leaves, strategy, leaves, start)


def empty_timing(ctx: Context) -> Timing:
    m = len(ctx.estate.systems)
    return timing_of(ctx, np.full(m, NEVER, dtype=np.int64), np.full(m, -1, dtype=np.int8))


def plan_timing(ctx: Context, plan: MigrationPlan) -> Timing:
    """Each system leaves at the cutover of the first wave that holds it, by the plan's strategy, else the
    inventory's override, else rehost (the plan put it in a wave); a system retained in a wave stays."""
    planned = {s.system: s.strategy for s in plan.strategies}
    estate = ctx.estate
    m = len(estate.systems)
    leaves = np.full(m, NEVER, dtype=np.int64)
    strategy = np.full(m, -1, dtype=np.int8)
    for wave in plan.waves:
        day = wave.cutover.toordinal()
        for system_id in wave.systems:
            k = estate.system_at.get(system_id)
            if k is None or strategy[k] >= 0:
                continue
            chosen = planned.get(system_id) or estate.systems[k].strategy or Strategy.rehost
            if chosen in LEAVING:
                leaves[k], strategy[k] = day, STRATEGIES.index(chosen)
    return timing_of(ctx, leaves, strategy)


def shifted(ctx: Context, timing: Timing, systems: Iterable[str], day: date) -> Timing:
    """`timing` with the given leaving systems leaving on `day` instead."""
    leaves = timing.system_leaves.copy()
    at = [k for k in (ctx.estate.system_at.get(x) for x in systems) if k is not None and timing.strategy[k] >= 0]
    leaves[at] = day.toordinal()
    return timing_of(ctx, leaves, timing.strategy)


def line_leaves(ctx: Context, timing: Timing) -> np.ndarray:
    """Per connection: the day it leaves (a vendor line with the last system it serves: hismigrate.state), else
    NEVER."""
    estate = ctx.estate
    out = np.full(len(estate.connections), -1, dtype=np.int64)
    np.maximum.at(out, estate.vendor_line, timing.system_leaves[estate.vendor_serves])
    return np.where(out < 0, NEVER, out)


def shares_in(ctx: Context, months: np.ndarray) -> np.ndarray:
    """Row k: the share of each year spent on premises by something leaving in month `months[k]` (month numbers:
    whole months, the month of the cutover already counts as moved), as hismigrate.model.calendar.onprem_share."""
    starts = np.array([fy * 12 + 3 for fy in ctx.years], dtype=np.int64)
    return np.asarray(np.clip(months[:, None] - starts[None, :], 0, 12) / 12, dtype=np.float64)


__all__ = ["Timing", "empty_timing", "line_leaves", "plan_timing", "shares_in", "shifted", "timing_of"]
