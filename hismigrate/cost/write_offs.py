"""Stranded assets: the book value of servers and of replaced or retired software not yet depreciated when they
leave, written off in the fiscal year they leave (non-cash)."""

from __future__ import annotations

from datetime import date

import numpy as np

from hismigrate.cost.context import (
    Context,
    code_of,
    inv,
    server_anchors,
    setting,
    system_anchor,
    system_cycle,
    system_purchase,
)
from hismigrate.cost.days import NEVER, fiscal_years, last_before, month_numbers
from hismigrate.cost.table import Rows, joined
from hismigrate.cost.timing import Timing
from hismigrate.model.calendar import cycle_dates, fiscal_year, months_between
from hismigrate.model.enums import Strategy

STRANDING = frozenset({Strategy.repurchase, Strategy.retire})  # rehosted software moves along
_STRANDING = code_of(STRANDING)


def _last_purchase(
    ctx: Context, anchor: date, cycle: int, leaves: date, purchase_growth: float
) -> tuple[int, float, int] | None:
    """(fiscal year of leaving, escalation of the last purchase before leaving, months since it); None when
    bought only after leaving."""
    bought = [d for d in cycle_dates(anchor, cycle, fiscal_year(leaves)) if d < leaves]
    if not bought:
        return None
    year = fiscal_year(bought[-1])
    grow = ctx.grow(purchase_growth, year) if year >= ctx.first_year else 1
    return fiscal_year(leaves), grow, months_between(bought[-1], leaves)


def _depreciated(price: float, months: int, life_years: int) -> float:
    """What is left of `price` after `months` of straight-line depreciation over `life_years`."""
    return price * max(0.0, 1 - months / (life_years * 12)) if months >= 0 else 0.0


def server_write_offs(ctx: Context, timing: Timing, bases: bool) -> Rows:
    s, estate, n = ctx.settings, ctx.estate, len(ctx.years)
    price = np.nan_to_num(estate.server_facts["purchase_price_jpy"])
    anchors = server_anchors(ctx)
    chosen = np.flatnonzero((timing.server_leaves != NEVER) & (price != 0) & (anchors != 0))
    leaves = timing.server_leaves[chosen]
    bought = last_before(anchors[chosen], s.refresh.server_years, leaves)
    position = fiscal_years(leaves) - ctx.first_year
    kept = (bought != 0) & (position >= 0) & (position < n)
    chosen, leaves, bought, position = chosen[kept], leaves[kept], bought[kept], position[kept]
    year = fiscal_years(bought)
    grow = np.ones(len(year), dtype=np.float64)
    for y in np.unique(year[year >= ctx.first_year]).tolist():  # bought before the horizon: at its price
        grow[year == y] = ctx.grow(s.escalation.purchase, y)
    months = month_numbers(leaves) - month_numbers(bought)
    life = s.depreciation.server_years * 12
    left = np.where(months >= 0, np.maximum(0.0, 1 - months / life), 0.0)
    amounts = np.zeros((len(chosen), n), dtype=np.float64)
    amounts[np.arange(len(chosen)), position] = price[chosen] * grow * left
    named = None
    if bases:
        named = []
        for k in chosen.tolist():
            server = estate.servers[k]
            named.append(
                (
                    inv("servers", server.id, "purchase_price_jpy"),
                    inv("servers", server.id, "refresh_due" if server.refresh_due else "purchase_date"),
                    setting("depreciation.server_years"),
                )
            )
    return Rows(estate.server_code[chosen], amounts, named)


def system_write_offs(ctx: Context, timing: Timing, bases: bool) -> Rows:
    s, estate, n = ctx.settings, ctx.estate, len(ctx.years)
    subjects, rows, named = [], [], []
    codes = timing.strategy
    for k in np.flatnonzero((codes >= 0) & _STRANDING[np.maximum(codes, 0)]).tolist():
        system = estate.systems[k]
        price, price_basis = system_purchase(ctx, system)
        anchor = system_anchor(ctx, system)
        if anchor is None or price == 0 or timing.strategy_of(k) not in STRANDING:
            continue
        cycle, cycle_basis = system_cycle(ctx, system)
        term = _last_purchase(ctx, anchor, cycle, date.fromordinal(int(timing.system_leaves[k])), s.escalation.purchase)
        if term is None or not 0 <= term[0] - ctx.first_year < n:
            continue
        row = np.zeros(n, dtype=np.float64)
        row[term[0] - ctx.first_year] = _depreciated(price * term[1], term[2], s.depreciation.software_years)
        subjects.append(int(estate.system_code[k]))
        rows.append(row)
        if bases:
            extra = (inv("systems", system.id, "contract_end"), cycle_basis, setting("depreciation.software_years"))
            named.append((*price_basis, *extra))
    amounts = np.array(rows, dtype=np.float64).reshape(len(rows), n)
    return Rows(np.array(subjects, dtype=np.int64), amounts, named if bases else None)


def write_off(ctx: Context, timing: Timing, bases: bool) -> Rows:
    """Servers' write-offs, then systems' (a server and a system of one id make one line)."""
    return joined([server_write_offs(ctx, timing, bases), system_write_offs(ctx, timing, bases)], len(ctx.years))
