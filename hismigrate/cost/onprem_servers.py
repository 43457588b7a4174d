"""On-premises costs of servers, as matrices over servers x years: hardware maintenance, power, facilities and
staff while a server runs on site, and its refresh purchases before it leaves."""

from __future__ import annotations

from datetime import date

import numpy as np

from hismigrate.cost.context import Context, setting
from hismigrate.cost.days import fiscal_years
from hismigrate.cost.hardware_bases import hardware_basis
from hismigrate.cost.table import Rows, named
from hismigrate.cost.timing import Timing, shares_in
from hismigrate.model.calendar import cycle_dates


def _all(ctx: Context) -> np.ndarray:
    return ctx.estate.server_code


def maintenance_jpy(ctx: Context) -> np.ndarray:
    """Per server: yearly hardware maintenance of the hardware it carries (hismigrate.cost.hardware)."""
    return ctx.hardware.maintenance


def kwh(ctx: Context) -> np.ndarray:
    """Per server: kWh a year of the hardware it carries."""
    power = ctx.settings.power
    return np.asarray(ctx.hardware.watts * power.pue * power.hours_per_year / 1000, dtype=np.float64)


def maintenance(ctx: Context, timing: Timing, bases: bool) -> Rows:
    share = shares_in(ctx, timing.server_months)
    amounts = maintenance_jpy(ctx)[:, None] * ctx.growth(ctx.settings.escalation.maintenance) * share
    escalation = setting("escalation.maintenance")
    return Rows(
        _all(ctx), amounts, named(bases, _all(ctx), lambda k: (*hardware_basis(ctx, k, "maintenance"), escalation))
    )


def power(ctx: Context, timing: Timing, bases: bool) -> Rows:
    s, share = ctx.settings, shares_in(ctx, timing.server_months)
    amounts = kwh(ctx)[:, None] * s.power.jpy_per_kwh * ctx.growth(s.escalation.energy) * share
    extra = (setting("power.pue"), setting("power.hours_per_year"), setting("power.jpy_per_kwh"))
    return Rows(
        _all(ctx),
        amounts,
        named(bases, _all(ctx), lambda k: (*hardware_basis(ctx, k, "power"), *extra, setting("escalation.energy"))),
    )


def facilities(ctx: Context, timing: Timing, bases: bool) -> Rows:
    """Rack space, cooling and UPS upkeep of the physical servers' worth each server carries."""
    s, share = ctx.settings, shares_in(ctx, timing.server_months)
    basis = (setting("facilities_jpy_per_server_year"), setting("escalation.maintenance"))
    grow = s.facilities_jpy_per_server_year * ctx.growth(s.escalation.maintenance)
    amounts = ctx.hardware.boxes[:, None] * grow * share
    return Rows(_all(ctx), amounts, named(bases, _all(ctx), lambda k: (*hardware_basis(ctx, k, "facilities"), *basis)))


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
        named(bases, subjects, lambda k: (*hardware_basis(ctx, k, "price"), *escalation)),
    )
