"""Stranded assets: the book value of servers and of replaced or retired software not yet depreciated when they
leave (straight line from the last purchase of their cycle), written off in the fiscal year they leave (non-cash)."""

from __future__ import annotations

import numpy as np

from hismigrate.cost.bases import hardware_refs, inv, setting, software_refs
from hismigrate.cost.context import Context, code_of
from hismigrate.cost.days import NEVER, fiscal_years, last_before, month_numbers
from hismigrate.cost.table import Basis, Rows, in_years, joined, named
from hismigrate.cost.timing import Timing
from hismigrate.model.enums import Strategy

STRANDING = frozenset({Strategy.repurchase, Strategy.retire})  # rehosted software moves along
_STRANDING = code_of(STRANDING)


def _book_values(
    ctx: Context,
    chosen: np.ndarray,
    price: np.ndarray,
    anchor: np.ndarray,
    cycle: np.ndarray | int,
    leaves: np.ndarray,
    life_years: np.ndarray | int,
) -> tuple[np.ndarray, np.ndarray]:
    """Of the chosen assets (leaving on `leaves`), those with a book value to write off in the horizon, and a row
    each: the last purchase before leaving, escalated when in the horizon, less its depreciation."""
    n = len(ctx.years)
    bought = last_before(anchor, cycle, leaves)
    position = fiscal_years(leaves) - ctx.first_year
    kept = (bought != 0) & (position >= 0) & (position < n)
    life = np.broadcast_to(life_years, kept.shape)[kept]
    chosen, leaves, bought, position, price = chosen[kept], leaves[kept], bought[kept], position[kept], price[kept]
    year = fiscal_years(bought)
    grow = np.where(year >= ctx.first_year, ctx.growth(ctx.settings.escalation.purchase, year), 1.0)  # before: as paid
    months = month_numbers(leaves) - month_numbers(bought)
    left = np.where(months >= 0, np.maximum(0.0, 1 - months / (life * 12)), 0.0)
    return chosen, in_years(n, position, price * grow * left)


def server_write_offs(ctx: Context, timing: Timing, bases: bool) -> Rows:
    """The book value of the hardware each server carries (each unit from its own purchase), when the server leaves."""
    s, estate, hw = ctx.settings, ctx.estate, ctx.hardware
    leaves = timing.server_leaves[hw.unit_carrier]
    chosen = np.flatnonzero((leaves != NEVER) & (hw.unit_anchor != 0))
    chosen, amounts = _book_values(
        ctx,
        chosen,
        hw.unit_price[chosen],
        hw.unit_anchor[chosen],
        s.refresh.server_years,
        leaves[chosen],
        s.depreciation.server_years,
    )
    life = setting("depreciation.server_years")
    carriers = hw.unit_carrier[chosen]
    return Rows(
        estate.server_code[carriers],
        amounts,
        named(bases, carriers, lambda k: (*hardware_refs(ctx, k, "price"), life)),
    )


def system_write_offs(ctx: Context, timing: Timing, bases: bool) -> Rows:
    software = ctx.software
    chosen = np.flatnonzero(_STRANDING[timing.strategy] & (software.anchor != 0) & (software.price != 0))
    chosen, amounts = _book_values(
        ctx,
        chosen,
        software.price[chosen],
        software.anchor[chosen],
        software.cycle[chosen],
        timing.system_leaves[chosen],
        software.life[chosen],
    )

    def basis(k: int) -> Basis:
        x = ctx.estate.systems[k]
        life = (
            inv("systems", x.id, "depreciation_years")
            if x.depreciation_years
            else setting("depreciation.software_years")
        )
        return (*software_refs(ctx, x), life)

    return Rows(ctx.estate.system_code[chosen], amounts, named(bases, chosen, basis))


def write_off(ctx: Context, timing: Timing, bases: bool) -> Rows:
    """Servers' write-offs, then systems' (a server and a system of one id make one line)."""
    return joined([server_write_offs(ctx, timing, bases), system_write_offs(ctx, timing, bases)], len(ctx.years))
