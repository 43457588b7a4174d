"""What a figure is computed from: basis references, and the rules that pick them for catalog prices, systems'
software and servers' hardware (hismigrate.cost.hardware: its own fields, the table's estimate, or the fields of the
hosts it draws on and the memory it draws by).

References: `setting:cost.<path>`, `catalog:<item id>`, `inventory:<part>.<id>.<field>`, a fact inferred in the
inventory's place (`inferred:<part>.<id>.<field>`), an entry of a shipped table (`estimate:hardware.<class>`,
`data:fee_revisions.<fiscal year>`). A line's basis is a set: order and repeats do not matter.
"""

from __future__ import annotations

import numpy as np

from hismigrate.cost.context import Context
from hismigrate.cost.hardware import HOST, NAMED, OWN_KIND
from hismigrate.model.inventory import System
from hismigrate.model.prices import PriceItem


def setting(path: str) -> str:
    return f"setting:cost.{path}"


def inv(part: str, ident: str, name: str) -> str:
    return f"inventory:{part}.{ident}.{name}"


def estimated(part: str, ident: str, name: str) -> str:
    """A figure the inventory does not give, taken from a shipped table of estimates (named among the gaps)."""
    return f"estimate:{part}.{ident}.{name}"


def inferred(part: str, ident: str, name: str) -> str:
    """A fact the inventory does not give, inferred from others (named among the gaps, with what rests on it)."""
    return f"inferred:{part}.{ident}.{name}"


def price_refs(ctx: Context, item: PriceItem) -> list[str]:
    """What an item's prices over the horizon name: the item, cloud escalation and each year's rate."""
    refs = [f"catalog:{item.id}", setting("escalation.cloud")]
    if item.currency == "USD":
        refs += [setting(f"jpy_per_usd.{y}") for y in dict.fromkeys(ctx.rate_years)]
    return refs


def cycle_ref(ctx: Context, system: System) -> str:
    """The setting a system's replacement cycle comes from (EMR-class or other)."""
    emr = system.category in ctx.settings.refresh.emr_class_categories
    return setting("refresh.emr_class_years" if emr else "refresh.other_system_years")


def purchase_refs(system: System) -> list[str]:
    """What the replacement purchase of a system's software (`Context.software`) comes from: its recorded purchase
    price, else its maintenance as a share of the purchase (none: no purchase)."""
    if system.purchase_price_jpy:
        return [inv("systems", system.id, "purchase_price_jpy")]
    if not system.maintenance_jpy_per_year:
        return []
    return [inv("systems", system.id, "maintenance_jpy_per_year"), setting("maintenance.software_share")]


def software_refs(ctx: Context, system: System) -> list[str]:
    """A system's software purchase and its cycle, counted from its purchase date, else from the contract end (the
    purchase date inferred)."""
    if system.purchase_date is not None:
        dated = [inv("systems", system.id, "purchase_date")]
    else:
        dated = [inferred("systems", system.id, "purchase_date"), inv("systems", system.id, "contract_end")]
    return [*purchase_refs(system), *dated, cycle_ref(ctx, system)]


def _date_refs(ctx: Context, k: int) -> list[str]:
    """The day a server's hardware cycle counts from."""
    x = ctx.estate.servers[k]
    if x.refresh_due:
        return [inv("servers", x.id, "refresh_due"), setting("refresh.server_years")]
    return [inv("servers", x.id, "purchase_date")] if x.purchase_date else []


def _own(ctx: Context, k: int, figure: str) -> list[str]:
    """What a server's own hardware figure comes from (a price: recorded, or the table's estimate)."""
    x = ctx.estate.servers[k]
    if figure == "power":
        if x.power_watts is not None:
            return [inv("servers", x.id, "power_watts")]
        return [setting("power.default_watts_physical" if x.physical else "power.default_watts_virtual")]
    if figure == "maintenance" and x.maintenance_jpy_per_year is not None:
        return [inv("servers", x.id, "maintenance_jpy_per_year")]
    if figure not in ("maintenance", "price"):
        return []
    price = [inv("servers", x.id, "purchase_price_jpy")]
    if not x.purchase_price_jpy:
        price = [estimated("servers", x.id, "purchase_price_jpy"), f"data:{ctx.table.id}"]
    if figure == "maintenance":
        return [*price, setting("maintenance.hardware_share")]
    return [*price, *_date_refs(ctx, k)]


def hardware_refs(ctx: Context, k: int, figure: str) -> list[str]:
    """What server k's share of a hardware figure (maintenance, power, facilities, price) comes from: its own, its
    own and its memory (a host), or the hosts it draws on (its cluster's, or every host when it names none)."""
    hw, x = ctx.hardware, ctx.estate.servers[k]
    kind = int(hw.kind[k])
    if kind == OWN_KIND:
        return _own(ctx, k, figure)
    if kind == HOST:
        return [*_own(ctx, k, figure), inv("servers", x.id, "memory_gb")]
    hosts = hw.pool_hosts[int(hw.pool[k])] if kind == NAMED else np.flatnonzero(hw.kind == HOST).tolist()
    out = [inv("servers", x.id, "host") if kind == NAMED else inferred("servers", x.id, "host")]
    out += [inv("servers", x.id, "memory_gb") if x.memory_gb else setting("sizing.default_memory_gb")]
    for h in hosts:
        out += [*_own(ctx, h, figure), inv("servers", ctx.estate.servers[h].id, "memory_gb")]
    if hw.excess[k] > 0:
        out += [estimated("servers", x.id, "hardware"), f"data:{ctx.table.id}"]
        out += {"maintenance": [setting("maintenance.hardware_share")], "price": _date_refs(ctx, k)}.get(figure, [])
    return out
