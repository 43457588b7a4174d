"""What a server's hardware figures are computed from (hismigrate.cost.hardware): its own fields, the table's
estimate, or the fields of the hosts it draws on and the memory it draws by."""

from __future__ import annotations

import numpy as np

from hismigrate.cost.context import Context, estimated, inferred, inv, setting
from hismigrate.cost.hardware import HOST, NAMED, OWN_KIND, SPARE


def table_ref(ctx: Context) -> str:
    return f"data:{ctx.table.id}"


def price_refs(ctx: Context, k: int) -> list[str]:
    """A server's own price: recorded, or the table's estimate."""
    x = ctx.estate.servers[k]
    if x.purchase_price_jpy:
        return [inv("servers", x.id, "purchase_price_jpy")]
    return [estimated("servers", x.id, "purchase_price_jpy"), table_ref(ctx)]


def date_refs(ctx: Context, k: int) -> list[str]:
    """The day a server's hardware cycle counts from."""
    x = ctx.estate.servers[k]
    if x.refresh_due:
        return [inv("servers", x.id, "refresh_due"), setting("refresh.server_years")]
    return [inv("servers", x.id, "purchase_date")] if x.purchase_date else []


def _own(ctx: Context, k: int, figure: str) -> list[str]:
    x = ctx.estate.servers[k]
    if figure == "maintenance":
        if x.maintenance_jpy_per_year is not None:
            return [inv("servers", x.id, "maintenance_jpy_per_year")]
        return [*price_refs(ctx, k), setting("maintenance.hardware_share")]
    if figure == "power":
        if x.power_watts is not None:
            return [inv("servers", x.id, "power_watts")]
        return [setting("power.default_watts_physical" if x.physical else "power.default_watts_virtual")]
    if figure == "price":
        return [*price_refs(ctx, k), *date_refs(ctx, k)]
    return []


def _memory(ctx: Context, k: int) -> str:
    x = ctx.estate.servers[k]
    return inv("servers", x.id, "memory_gb") if x.memory_gb else setting("sizing.default_memory_gb")


def drawn_on(ctx: Context, k: int) -> list[int]:
    """The hosts whose hardware a server carries a share of: its cluster's, or every host (naming none)."""
    hw = ctx.hardware
    if hw.kind[k] == NAMED:
        return hw.pool_hosts[int(hw.pool[k])]
    if hw.kind[k] == SPARE:
        return np.flatnonzero(hw.kind == HOST).tolist()
    return []


def hardware_basis(ctx: Context, k: int, figure: str) -> list[str]:
    """What server k's share of a hardware figure comes from."""
    hw, x = ctx.hardware, ctx.estate.servers[k]
    kind = int(hw.kind[k])
    if kind == OWN_KIND:
        return _own(ctx, k, figure)
    hosts = drawn_on(ctx, k)
    if kind == HOST:
        return [*_own(ctx, k, figure), inv("servers", x.id, "memory_gb")]
    named = inv("servers", x.id, "host") if kind == NAMED else inferred("servers", x.id, "host")
    out = [named, _memory(ctx, k)]
    for h in hosts:
        out += [*_own(ctx, h, figure), inv("servers", ctx.estate.servers[h].id, "memory_gb")]
    if hw.excess[k] > 0:
        out += [estimated("servers", x.id, "hardware"), table_ref(ctx)]
        out += {"maintenance": [setting("maintenance.hardware_share")], "price": date_refs(ctx, k)}.get(figure, [])
    return out
