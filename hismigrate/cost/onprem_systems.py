"""On-premises costs of systems and lines: software maintenance and licences (kept by rehosted software), the
rework of each fee-schedule revision, software replacement purchases, the existing lines, and the costs shared by
many systems (server room, UPS), paid until the last system needing them has left."""

from __future__ import annotations

from datetime import date

import numpy as np

from hismigrate.cost.context import (
    IAAS,
    Context,
    code_of,
    inv,
    setting,
    system_cycle,
    system_purchase,
)
from hismigrate.cost.days import NEVER, fiscal_years
from hismigrate.cost.estate import STRATEGIES
from hismigrate.cost.onprem_servers import cycles
from hismigrate.cost.table import Basis, Rows
from hismigrate.cost.timing import Timing, line_leaves, onprem_shares
from hismigrate.model.enums import Strategy

_IAAS = code_of(IAAS)


def _fees(ctx: Context, timing: Timing, field: str, bases: bool) -> Rows:
    """A yearly fee of each system that has one, escalated, on premises until it leaves unless rehosted."""
    estate = ctx.estate
    fees = [getattr(s, field) for s in estate.systems]
    chosen = np.array([k for k, fee in enumerate(fees) if fee], dtype=np.int64)
    share = onprem_shares(ctx, timing.system_leaves[chosen])
    codes = timing.strategy[chosen]
    keeps = ((codes >= 0) & _IAAS[np.maximum(codes, 0)]).astype(np.float64)[:, None]
    kept = share + (1 - share) * keeps
    fee = np.array([fees[k] for k in chosen.tolist()], dtype=np.float64)[:, None]
    amounts = fee * ctx.growth(ctx.settings.escalation.maintenance) * kept
    named = None
    if bases:
        escalation = setting("escalation.maintenance")
        named = [(inv("systems", estate.systems[k].id, field), escalation) for k in chosen.tolist()]
    return Rows(estate.system_code[chosen], amounts.reshape(len(chosen), len(ctx.years)), named)


def system_maintenance(ctx: Context, timing: Timing, bases: bool) -> Rows:
    return _fees(ctx, timing, "maintenance_jpy_per_year", bases)


def licence(ctx: Context, timing: Timing, bases: bool) -> Rows:
    return _fees(ctx, timing, "licence_jpy_per_year", bases)


def _left_share(table: dict[Strategy, float]) -> np.ndarray:
    """Per strategy code: the share of a cost left after moving that way (0 when the table does not say)."""
    return np.array([table.get(s, 0.0) for s in STRATEGIES], dtype=np.float64)


def revision(ctx: Context, timing: Timing, bases: bool) -> Rows:
    """Rework at each fee-schedule revision, for systems that follow it; after moving, the strategy's share."""
    rev, estate = ctx.settings.revision, ctx.estate
    chosen = np.array([k for k, s in enumerate(estate.systems) if s.fee_revision], dtype=np.int64)
    due = np.array([(y - rev.first_year) % rev.every_years == 0 for y in ctx.years], dtype=bool)
    day = np.array([date(y if rev.month >= 4 else y + 1, rev.month, 1).toordinal() for y in ctx.years])
    leaves = timing.system_leaves[chosen]
    moved = (leaves[:, None] <= day[None, :]) & (leaves != NEVER)[:, None]
    codes = timing.strategy[chosen]
    factor = np.where(moved, _left_share(rev.strategy_share)[np.maximum(codes, 0)][:, None], 1.0)
    amount = np.array([rev.jpy_by_customisation.get(estate.systems[k].customisation, 0.0) for k in chosen.tolist()])
    amounts = amount.astype(np.float64)[:, None] * factor * ctx.growth(ctx.settings.escalation.maintenance) * due
    named: list[Basis] | None = None
    if bases:
        named = []
        ever = (moved & due).any(axis=1).tolist() if due.any() else [False] * len(chosen)
        for k, was_moved in zip(chosen.tolist(), ever, strict=True):
            system = estate.systems[k]
            basis = [
                inv("systems", system.id, "fee_revision"),
                setting(f"revision.jpy_by_customisation.{system.customisation.value}"),
                setting("revision.first_year"),
                setting("revision.every_years"),
                setting("escalation.maintenance"),
            ]
            if was_moved:
                strategy = timing.strategy_of(k)
                basis.append(setting(f"revision.strategy_share.{strategy.value if strategy else ''}"))
            named.append(tuple(basis))
    if not due.any():
        chosen, amounts = chosen[:0], amounts[:0]
        named = [] if bases else None
    return Rows(estate.system_code[chosen], amounts.reshape(len(chosen), len(ctx.years)), named)


def software_refresh(ctx: Context, timing: Timing, bases: bool) -> Rows:
    """A system's software re-bought at each refresh of its cycle within the horizon; after it moves, the share its
    strategy keeps buying."""
    s, estate, n = ctx.settings, ctx.estate, len(ctx.years)
    software = ctx.software
    anchors = np.where(software.price != 0, software.anchor, 0)
    owner, day = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    for cycle in np.unique(software.cycle).tolist():
        found = cycles(np.where(software.cycle == cycle, anchors, 0), cycle, ctx.last_year)
        owner.append(found[0])
        day.append(found[1])
    system, days = np.concatenate(owner), np.concatenate(day)
    year = fiscal_years(days) - ctx.first_year
    inside = year >= 0
    system, days, year = system[inside], days[inside], year[inside]
    moved = days >= timing.system_leaves[system]
    code = np.maximum(timing.strategy[system], 0)
    factor = np.where(moved, _left_share(s.cloud.software_refresh_share)[code], 1.0)
    subjects, where = np.unique(system, return_inverse=True)
    amounts = np.zeros((len(subjects), n), dtype=np.float64)
    amounts[where.reshape(-1), year] = software.price[system] * factor * ctx.growth(s.escalation.purchase)[year]
    named: list[Basis] | None = None
    if bases:
        named = []
        ever = np.bincount(where.reshape(-1), weights=moved, minlength=len(subjects)) > 0
        for k, was_moved in zip(subjects.tolist(), ever.tolist(), strict=True):
            system_row = estate.systems[k]
            basis = [
                *system_purchase(ctx, system_row)[1],
                inv("systems", system_row.id, "contract_end"),
                system_cycle(ctx, system_row)[1],
                setting("escalation.purchase"),
            ]
            strategy = timing.strategy_of(k)
            if was_moved and strategy is not None:
                basis.append(setting(f"cloud.software_refresh_share.{strategy.value}"))
            named.append(tuple(basis))
    return Rows(estate.system_code[subjects], amounts, named)


def connections(ctx: Context, timing: Timing, bases: bool) -> Rows:
    """Existing lines with a cost, paid until they leave (a vendor line with the last system it serves)."""
    estate = ctx.estate
    chosen = np.array([k for k, c in enumerate(estate.connections) if c.cost_jpy_per_year], dtype=np.int64)
    share = onprem_shares(ctx, line_leaves(ctx, timing)[chosen])
    cost = np.array([estate.connections[k].cost_jpy_per_year for k in chosen.tolist()], dtype=np.float64)
    amounts = cost.reshape(-1, 1) * share * ctx.growth(ctx.settings.escalation.maintenance)
    named = None
    if bases:
        escalation = setting("escalation.maintenance")
        named = [
            (inv("connections", estate.connections[k].id, "cost_jpy_per_year"), escalation) for k in chosen.tolist()
        ]
    return Rows(estate.connection_code[chosen], amounts.reshape(len(chosen), len(ctx.years)), named)


def shared(ctx: Context, timing: Timing, bases: bool) -> Rows:
    """Costs shared by many systems: paid in full while any system needing them is on site (a step, not a slope)."""
    s, estate = ctx.settings, ctx.estate
    subjects, rows, named = [], [], []
    growth = ctx.growth(s.escalation.maintenance)
    for k, cost in enumerate(s.shared_costs):
        users = [j for j, x in enumerate(estate.systems) if not cost.needed_by or x.category in cost.needed_by]
        if not users:
            continue
        last = np.array([int(timing.system_leaves[users].max())], dtype=np.int64)
        rows.append(cost.jpy_per_year * onprem_shares(ctx, last)[0] * growth)
        subjects.append(ctx.code(cost.id))
        named.append((setting(f"shared_costs.{k}.jpy_per_year"), setting("escalation.maintenance")))
    amounts = np.array(rows, dtype=np.float64).reshape(len(rows), len(ctx.years))
    return Rows(np.array(subjects, dtype=np.int64), amounts, named if bases else None)
