"""Catalog items in JPY per fiscal year: escalated, converted at the year's rate when in USD, with the settings and
items each price is computed from (kept per context: asked for every server and year)."""

from __future__ import annotations

from hismigrate.cost.context import Context
from hismigrate.cost.ledger import item_ref, setting
from hismigrate.model.prices import PriceItem


def price_in_jpy(ctx: Context, item: PriceItem, year: int) -> tuple[float, list[str]]:
    """One unit of `item` in JPY in `year`: escalated, and converted at the year's rate when in USD.

    Asked for every server and year, so kept per context; callers must not change the basis list returned."""
    key = ("price_in_jpy", item.id, item.price, item.currency, year)
    found: tuple[float, list[str]] | None = ctx.memo.get(key)
    if found is None:
        s = ctx.settings
        price = item.price * ctx.grow(s.escalation.cloud, year)
        basis = [item_ref(item.id), setting("escalation.cloud")]
        if item.currency == "USD":
            price *= ctx.jpy_per_usd(year)
            basis.append(setting(f"jpy_per_usd.{ctx.rate_key(year)}"))
        found = ctx.memo[key] = (price, basis)
    return found


def cheapest(ctx: Context, kind: str) -> PriceItem | None:
    """The catalog's cheapest item of a kind, if any."""
    items = ctx.of_kind(kind)
    return items[0] if items else None


def price_row(ctx: Context, item: PriceItem, years: list[int]) -> tuple[list[float], list[str]]:
    """`price_in_jpy` for each of `years`, and every basis it named (the rate of each year)."""
    key = ("price_row", item.id, item.price, item.currency, tuple(years))
    found: tuple[list[float], list[str]] | None = ctx.memo.get(key)
    if found is None:
        prices, basis = [], {}
        for year in years:
            price, names = price_in_jpy(ctx, item, year)
            prices.append(price)
            basis.update(dict.fromkeys(names))
        found = ctx.memo[key] = (prices, list(basis))
    return found


__all__ = ["cheapest", "price_in_jpy", "price_row"]
