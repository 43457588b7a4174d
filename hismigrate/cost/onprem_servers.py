"""On-premises costs of servers, as matrices over servers x years: hardware maintenance, power, facilities and
staff while a server runs on site, and its refresh purchases before it leaves."""

from __future__ import annotations

from datetime import date

import numpy as np

from hismigrate.cost.context import Context, inv, setting
from hismigrate.cost.days import fiscal_years
from hismigrate.cost.table import Rows
from hismigrate.cost.timing import Timing, onprem_shares
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
    maint = maintenance_jpy(ctx)[:, None]
    share = onprem_shares(ctx, timing.server_leaves)
    growth = ctx.settings.escalation.maintenance
    servers = ctx.estate.servers
    named = [(*hardware_maintenance(ctx, x), setting("escalation.maintenance")) for x in servers] if bases else None
    return Rows(_all(ctx), maint * ctx.growth(growth) * share, named)


def power(ctx: Context, timing: Timing, bases: bool) -> Rows:
    s = ctx.settings
    share = onprem_shares(ctx, timing.server_leaves)
    amounts = kwh(ctx)[:, None] * s.power.jpy_per_kwh * ctx.growth(s.escalation.energy) * share
    extra = (setting("power.jpy_per_kwh"), setting("escalation.energy"))
    named = [(*power_basis(x), *extra) for x in ctx.estate.servers] if bases else None
    return Rows(_all(ctx), amounts, named)


def facilities(ctx: Context, timing: Timing, bases: bool) -> Rows:
    s = ctx.settings
    share = onprem_shares(ctx, timing.server_leaves)
    basis = (setting("facilities_jpy_per_server_year"), setting("escalation.maintenance"))
    amounts = s.facilities_jpy_per_server_year * ctx.growth(s.escalation.maintenance) * share
    return Rows(_all(ctx), amounts, [basis] * len(share) if bases else None)


def staff(ctx: Context, timing: Timing, bases: bool) -> Rows:
    s = ctx.settings
    share = onprem_shares(ctx, timing.server_leaves)
    basis = (setting("staff.onprem_fte_per_server"), setting("staff.jpy_per_fte_year"), setting("escalation.wages"))
    amounts = s.staff.onprem_fte_per_server * s.staff.jpy_per_fte_year * ctx.growth(s.escalation.wages) * share
    return Rows(_all(ctx), amounts, [basis] * len(share) if bases else None)


def cycles(anchors: np.ndarray, cycle: int, until: int) -> tuple[np.ndarray, np.ndarray]:
    """Every date on each anchor's cycle up to the end of fiscal year `until` (hismigrate.model.calendar
    .cycle_dates), after the anchor itself: (position of the anchor, day)."""
    found, where = np.unique(anchors, return_inverse=True)
    dates = [cycle_dates(date.fromordinal(int(d)), cycle, until)[1:] if d else () for d in found]
    counts = np.array([len(d) for d in dates], dtype=np.int64)[where.reshape(-1)]
    days = [np.array([d.toordinal() for d in ds], dtype=np.int64) for ds in dates]
    owner = np.repeat(np.arange(len(anchors)), counts)
    flat = np.concatenate([days[w] for w in where.reshape(-1).tolist()]) if len(owner) else owner
    return owner, flat


def refresh_events(ctx: Context) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every server re-purchase due within the horizon: (server, day, year position, JPY)."""
    s = ctx.settings
    price = np.nan_to_num(ctx.estate.server_facts["purchase_price_jpy"])
    anchors = np.where(price != 0, ctx.server_anchors, 0)
    server, day = cycles(anchors, s.refresh.server_years, ctx.last_year)
    year = fiscal_years(day) - ctx.first_year
    inside = year >= 0
    server, day, year = server[inside], day[inside], year[inside]
    growth = ctx.growth(s.escalation.purchase)
    return server, day, year, price[server] * growth[year]


def hardware_refresh(ctx: Context, timing: Timing, bases: bool) -> Rows:
    """Servers re-bought at each refresh date in the horizon before they leave."""
    server, day, year, amount = refresh_events(ctx)
    kept = day < timing.server_leaves[server]
    server, year, amount = server[kept], year[kept], amount[kept]
    subjects, where = np.unique(server, return_inverse=True)
    amounts = np.zeros((len(subjects), len(ctx.years)), dtype=np.float64)
    amounts[where.reshape(-1), year] = amount  # one purchase a year at most
    named = None
    if bases:
        named = []
        for k in subjects.tolist():
            x = ctx.estate.servers[k]
            named.append(
                (
                    inv("servers", x.id, "purchase_price_jpy"),
                    inv("servers", x.id, "refresh_due" if x.refresh_due else "purchase_date"),
                    setting("refresh.server_years"),
                    setting("escalation.purchase"),
                )
            )
    return Rows(ctx.estate.server_code[subjects], amounts, named)
