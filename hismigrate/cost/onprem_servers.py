"""On-premises costs of servers, as matrices over servers x years: hardware maintenance, power, facilities and
staff while a server runs on site, and its refresh purchases before it leaves."""

from __future__ import annotations

from datetime import date

import numpy as np

from hismigrate.cost.context import Context, inv, setting
from hismigrate.cost.days import fiscal_years
from hismigrate.cost.table import Basis, Rows, named
from hismigrate.cost.timing import Timing, shares_in
from hismigrate.model.calendar import cycle_dates
from hismigrate.model.inventory import Server


def _all(ctx: Context) -> np.ndarray:
    return ctx.estate.server_code


def hardware_maintenance(ctx: Context, server: Server) -> list[str]:
    """What a server's yearly hardware maintenance comes from: its own figure, else a share of its price."""
    if server.maintenance_jpy_per_year is not None:
        return [inv("servers", server.id, "maintenance_jpy_per_year")]
    if server.purchase_price_jpy:
        return [inv("servers", server.id, "purchase_price_jpy"), setting("maintenance.hardware_share")]
    return []


def maintenance_jpy(ctx: Context) -> np.ndarray:
    """Per server: yearly hardware maintenance (its figure, else its price times the maintenance share, else 0)."""
    facts = ctx.estate.server_facts
    maint, price = facts["maintenance_jpy_per_year"], facts["purchase_price_jpy"]
    priced = np.nan_to_num(price) != 0
    share = ctx.settings.maintenance.hardware_share
    return np.where(~np.isnan(maint), maint, np.where(priced, np.nan_to_num(price) * share, 0.0))


def kwh(ctx: Context) -> np.ndarray:
    """Per server: kWh a year (its own draw, else the default of physical or virtual servers)."""
    power, facts = ctx.settings.power, ctx.estate.server_facts
    default = np.where(facts["physical"], power.default_watts_physical, power.default_watts_virtual)
    watts = np.where(np.isnan(facts["power_watts"]), default, facts["power_watts"])
    return np.asarray(watts * power.pue * power.hours_per_year / 1000, dtype=np.float64)


def power_basis(server: Server) -> list[str]:
    if server.power_watts is not None:
        watts = inv("servers", server.id, "power_watts")
    else:
        watts = setting("power.default_watts_physical" if server.physical else "power.default_watts_virtual")
    return [watts, setting("power.pue"), setting("power.hours_per_year")]


def maintenance(ctx: Context, timing: Timing, bases: bool) -> Rows:
    share, servers = shares_in(ctx, timing.server_months), ctx.estate.servers
    amounts = maintenance_jpy(ctx)[:, None] * ctx.growth(ctx.settings.escalation.maintenance) * share
    escalation = setting("escalation.maintenance")
    return Rows(
        _all(ctx), amounts, named(bases, _all(ctx), lambda k: (*hardware_maintenance(ctx, servers[k]), escalation))
    )


def power(ctx: Context, timing: Timing, bases: bool) -> Rows:
    s, share, servers = ctx.settings, shares_in(ctx, timing.server_months), ctx.estate.servers
    amounts = kwh(ctx)[:, None] * s.power.jpy_per_kwh * ctx.growth(s.escalation.energy) * share
    extra = (setting("power.jpy_per_kwh"), setting("escalation.energy"))
    return Rows(_all(ctx), amounts, named(bases, _all(ctx), lambda k: (*power_basis(servers[k]), *extra)))


def facilities(ctx: Context, timing: Timing, bases: bool) -> Rows:
    s, share = ctx.settings, shares_in(ctx, timing.server_months)
    basis = (setting("facilities_jpy_per_server_year"), setting("escalation.maintenance"))
    amounts = s.facilities_jpy_per_server_year * ctx.growth(s.escalation.maintenance) * share
    return Rows(_all(ctx), amounts, named(bases, _all(ctx), lambda k: basis))


def staff(ctx: Context, timing: Timing, bases: bool) -> Rows:
    s, share = ctx.settings, shares_in(ctx, timing.server_months)
    basis = (setting("staff.onprem_fte_per_server"), setting("staff.jpy_per_fte_year"), setting("escalation.wages"))
    amounts = s.staff.onprem_fte_per_server * s.staff.jpy_per_fte_year * ctx.growth(s.escalation.wages) * share
    return Rows(_all(ctx), amounts, named(bases, _all(ctx), lambda k: basis))


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
    """Servers re-bought at each refresh date in the horizon before they leave."""
    price = np.nan_to_num(ctx.estate.server_facts["purchase_price_jpy"])
    server, day, year = purchases(ctx, np.where(price != 0, ctx.server_anchors, 0), ctx.settings.refresh.server_years)
    kept = day < timing.server_leaves[server]
    server, year = server[kept], year[kept]
    subjects, where = np.unique(server, return_inverse=True)
    amounts = np.zeros((len(subjects), len(ctx.years)), dtype=np.float64)
    amounts[where.reshape(-1), year] = price[server] * ctx.growth(ctx.settings.escalation.purchase)[year]
    cycle, escalation = setting("refresh.server_years"), setting("escalation.purchase")

    def basis(k: int) -> Basis:
        x = ctx.estate.servers[k]
        bought = inv("servers", x.id, "refresh_due" if x.refresh_due else "purchase_date")
        return (inv("servers", x.id, "purchase_price_jpy"), bought, cycle, escalation)

    return Rows(ctx.estate.server_code[subjects], amounts, named(bases, subjects, basis))
