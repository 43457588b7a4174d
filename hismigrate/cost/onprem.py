"""On-premises costs, as matrices over subjects x years: what each server's hardware and staff cost while it runs on
site and its refresh purchases before it leaves; systems' software fees (kept by rehosted software), the rework of
each fee-schedule revision and software replacement purchases; the existing lines; and the costs shared by many
systems (server room, UPS), paid until the last system needing them has left."""

from __future__ import annotations

from datetime import date

import numpy as np

from hismigrate.cost.bases import hardware_refs, inv, setting, software_refs
from hismigrate.cost.context import IAAS, Context, code_of
from hismigrate.cost.days import NEVER, fiscal_years, month_numbers
from hismigrate.cost.estate import STRATEGIES
from hismigrate.cost.table import Basis, Rows, named
from hismigrate.cost.timing import Timing, line_leaves, shares_in
from hismigrate.model.calendar import cycle_dates, fiscal_year
from hismigrate.model.enums import Strategy
from hismigrate.model.fee_revision import fee_revisions
from hismigrate.model.fee_revision import table_id as fee_revision_table

_IAAS = code_of(IAAS)
# The running categories of a server on site: the settings each reads beside the hardware the server carries (staff:
# none of its hardware).
SERVER_SETTINGS = {
    "maintenance": ("escalation.maintenance",),
    "power": ("power.pue", "power.hours_per_year", "power.jpy_per_kwh", "escalation.energy"),
    "facilities": ("facilities_jpy_per_server_year", "escalation.maintenance"),
    "staff": ("staff.onprem_fte_per_server", "staff.jpy_per_fte_year", "escalation.wages"),
}


_SERVER_REFS = {name: tuple(map(setting, paths)) for name, paths in SERVER_SETTINGS.items()}


def server_figures(ctx: Context) -> dict[str, tuple[np.ndarray, float]]:
    """Per running category of servers (`SERVER_SETTINGS`): each server's JPY a year at the first year's prices, for
    the hardware it carries (hismigrate.cost.hardware: maintenance, kWh, physical servers' worth of rack space, cooling
    and UPS upkeep) and its operations staff; and the escalation rate of the category."""
    s, hw = ctx.settings, ctx.hardware
    kwh = hw.watts * s.power.pue * s.power.hours_per_year / 1000
    staff = np.full(len(hw.watts), s.staff.onprem_fte_per_server * s.staff.jpy_per_fte_year)
    return {
        "maintenance": (hw.maintenance, s.escalation.maintenance),
        "power": (kwh * s.power.jpy_per_kwh, s.escalation.energy),
        "facilities": (hw.boxes * s.facilities_jpy_per_server_year, s.escalation.maintenance),
        "staff": (staff, s.escalation.wages),
    }


def server_basis(ctx: Context, k: int, name: str) -> Basis:
    """What server k's figure of running category `name` comes from."""
    hardware = hardware_refs(ctx, k, name) if name != "staff" else []
    return (*hardware, *_SERVER_REFS[name])


def server_running(name: str, ctx: Context, timing: Timing, bases: bool) -> Rows:
    """A running category of servers (`SERVER_SETTINGS`): each server's yearly figure, escalated, while on site."""
    yearly, rate = server_figures(ctx)[name]
    amounts = yearly[:, None] * ctx.growth(rate) * shares_in(ctx, timing.server_months)
    servers = np.arange(len(yearly))
    return Rows(ctx.estate.server_code, amounts, named(bases, servers, lambda k: server_basis(ctx, k, name)))


def purchases(ctx: Context, anchors: np.ndarray, cycles: np.ndarray | int) -> tuple[np.ndarray, ...]:
    """Every purchase within the horizon on each anchor's cycle (hismigrate.model.calendar.cycle_dates, after the
    anchor itself; anchor 0: none): (position of the anchor, day, year position)."""
    cycles = np.broadcast_to(cycles, anchors.shape)
    keys, where = np.unique(np.stack([anchors, cycles], axis=1), axis=0, return_inverse=True)
    due = [cycle_dates(date.fromordinal(a), c, ctx.last_year)[1:] if a else () for a, c in keys.tolist()]
    lengths = np.array([len(d) for d in due], dtype=np.int64)
    days = np.array([d.toordinal() for ds in due for d in ds], dtype=np.int64)
    where = where.reshape(-1)
    counts = lengths[where]
    owner = np.repeat(np.arange(len(anchors)), counts)
    nth = np.arange(len(owner)) - np.repeat(np.cumsum(counts) - counts, counts)  # the n-th date of its anchor
    day = days[np.repeat((np.cumsum(lengths) - lengths)[where], counts) + nth]
    year = fiscal_years(day) - ctx.first_year
    inside = year >= 0
    return owner[inside], day[inside], year[inside]


def hardware_refresh(ctx: Context, timing: Timing, bases: bool) -> Rows:
    """The hardware each server carries, re-bought at each refresh date in the horizon before the server leaves."""
    hw = ctx.hardware
    unit, day, year = purchases(ctx, hw.unit_anchor, ctx.settings.refresh.server_years)
    carrier = hw.unit_carrier[unit]
    kept = day < timing.server_leaves[carrier]
    carrier, unit, year = carrier[kept], unit[kept], year[kept]
    subjects, where = np.unique(carrier, return_inverse=True)
    amounts = np.zeros((len(subjects), len(ctx.years)), dtype=np.float64)
    grow = ctx.growth(ctx.settings.escalation.purchase)
    np.add.at(amounts, (where.reshape(-1), year), hw.unit_price[unit] * grow[year])
    escalation = (setting("refresh.server_years"), setting("escalation.purchase"))
    return Rows(
        ctx.estate.server_code[subjects],
        amounts,
        named(bases, subjects, lambda k: (*hardware_refs(ctx, k, "price"), *escalation)),
    )


def fees(field: str, ctx: Context, timing: Timing, bases: bool) -> Rows:
    """A yearly fee of each system that has one (`field`: maintenance or licence), escalated, on premises until it
    leaves unless rehosted."""
    fee = np.nan_to_num(ctx.estate.system_facts[field])
    chosen = np.flatnonzero(fee)
    share = shares_in(ctx, timing.system_months[chosen])
    kept = share + (1 - share) * _IAAS[timing.strategy[chosen]].astype(np.float64)[:, None]
    amounts = fee[chosen][:, None] * ctx.growth(ctx.settings.escalation.maintenance) * kept
    escalation = setting("escalation.maintenance")
    basis = named(bases, chosen, lambda k: (inv("systems", ctx.estate.systems[k].id, field), escalation))
    return Rows(ctx.estate.system_code[chosen], amounts, basis)


def _left_share(table: dict[Strategy, float]) -> np.ndarray:
    """Per strategy code (and -1: stays): the share of a cost left after moving that way (0 when the table does not
    say)."""
    return np.array([table.get(s, 0.0) for s in STRATEGIES] + [0.0], dtype=np.float64)


def revision(ctx: Context, timing: Timing, bases: bool) -> Rows:
    """Rework at each fee-schedule revision taking effect in the horizon (hismigrate.model.fee_revision: the dated
    table the planner reads too), booked in the fiscal year it takes effect, for systems that follow it; for a system
    moved before the effective date, its strategy's share."""
    rev, systems = ctx.settings.revision, ctx.estate.systems
    revisions = [r for r in fee_revisions(date(ctx.last_year + 1, 3, 31)) if fiscal_year(r.effective) >= ctx.first_year]
    day = np.array([r.effective.toordinal() for r in revisions], dtype=np.int64)
    position = np.array([fiscal_year(r.effective) - ctx.first_year for r in revisions], dtype=np.int64)
    chosen = np.array([k for k, x in enumerate(systems) if x.fee_revision and revisions], dtype=np.int64)
    leaves, codes = timing.system_leaves[chosen], timing.strategy[chosen]
    moved = (leaves[:, None] <= day[None, :]) & (leaves != NEVER)[:, None]  # systems x revisions
    factor = np.where(moved, _left_share(rev.strategy_share)[codes][:, None], 1.0)
    amount = np.array([rev.jpy_by_customisation.get(systems[k].customisation, 0.0) for k in chosen.tolist()])
    grow = ctx.growth(ctx.settings.escalation.maintenance)
    amounts = np.zeros((len(chosen), len(ctx.years)), dtype=np.float64)
    np.add.at(amounts.T, position, (amount.reshape(-1, 1) * factor * grow[position]).T)  # by its fiscal year
    ever = dict(zip(chosen.tolist(), moved.any(axis=1).tolist(), strict=True))
    table = fee_revision_table()

    def basis(k: int) -> Basis:
        x, strategy = systems[k], timing.strategy_of(k)
        left = [setting(f"revision.strategy_share.{strategy.value if strategy else ''}")] if ever[k] else []
        rework = setting(f"revision.jpy_by_customisation.{x.customisation.value}")
        return (inv("systems", x.id, "fee_revision"), rework, f"data:{table}", setting("escalation.maintenance"), *left)

    return Rows(ctx.estate.system_code[chosen], amounts, named(bases, chosen, basis))


def software_refresh(ctx: Context, timing: Timing, bases: bool) -> Rows:
    """A system's software re-bought at each refresh of its cycle within the horizon; after it moves, the share its
    strategy keeps buying."""
    s, software = ctx.settings, ctx.software
    system, day, year = purchases(ctx, np.where(software.price != 0, software.anchor, 0), software.cycle)
    moved = day >= timing.system_leaves[system]
    factor = np.where(moved, _left_share(s.cloud.software_refresh_share)[timing.strategy[system]], 1.0)
    subjects, where = np.unique(system, return_inverse=True)
    amounts = np.zeros((len(subjects), len(ctx.years)), dtype=np.float64)
    amounts[where.reshape(-1), year] = software.price[system] * factor * ctx.growth(s.escalation.purchase)[year]
    ever = np.bincount(where.reshape(-1), weights=moved, minlength=len(subjects)) > 0
    kept = dict(zip(subjects.tolist(), ever.tolist(), strict=True))

    def basis(k: int) -> Basis:
        x, strategy = ctx.estate.systems[k], timing.strategy_of(k)
        shared = [setting(f"cloud.software_refresh_share.{strategy.value}")] if kept[k] and strategy else []
        return (*software_refs(ctx, x), setting("escalation.purchase"), *shared)

    return Rows(ctx.estate.system_code[subjects], amounts, named(bases, subjects, basis))


def connections(ctx: Context, timing: Timing, bases: bool) -> Rows:
    """Existing lines with a cost, paid until they leave (a vendor line with the last system it serves)."""
    lines = ctx.estate.connections
    cost = np.array([c.cost_jpy_per_year or 0.0 for c in lines], dtype=np.float64)
    chosen = np.flatnonzero(cost)
    share = shares_in(ctx, month_numbers(line_leaves(ctx, timing)[chosen]))
    amounts = cost[chosen][:, None] * share * ctx.growth(ctx.settings.escalation.maintenance)
    escalation = setting("escalation.maintenance")
    basis = named(bases, chosen, lambda k: (inv("connections", lines[k].id, "cost_jpy_per_year"), escalation))
    return Rows(ctx.estate.connection_code[chosen], amounts, basis)


def shared(ctx: Context, timing: Timing, bases: bool) -> Rows:
    """Costs shared by many systems: paid in full while any system needing them is on site (a step, not a slope)."""
    s, systems = ctx.settings, ctx.estate.systems
    costs = [
        (k, cost, [j for j, x in enumerate(systems) if not cost.needed_by or x.category in cost.needed_by])
        for k, cost in enumerate(s.shared_costs)
    ]
    costs = [c for c in costs if c[2]]
    last = np.array([int(timing.system_leaves[users].max()) for _, _, users in costs], dtype=np.int64)
    jpy = np.array([cost.jpy_per_year for _, cost, _ in costs], dtype=np.float64).reshape(-1, 1)
    amounts = jpy * shares_in(ctx, month_numbers(last)) * ctx.growth(s.escalation.maintenance)
    escalation = setting("escalation.maintenance")
    basis = named(
        bases, np.array([k for k, _, _ in costs]), lambda k: (setting(f"shared_costs.{k}.jpy_per_year"), escalation)
    )
    return Rows(np.array([ctx.code(cost.id) for _, cost, _ in costs], dtype=np.int64), amounts, basis)
