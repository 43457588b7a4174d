"""Right-sizing: from a server's size and utilisation (peak or P95, plus headroom) to a catalog instance."""

from __future__ import annotations

import math
from dataclasses import dataclass

from hismigrate.cost.ledger import inv, setting
from hismigrate.model.enums import UtilisationBasis
from hismigrate.model.inventory import Server
from hismigrate.model.prices import PriceCatalog, PriceItem
from hismigrate.model.settings import Sizing


@dataclass(frozen=True)
class Fit:
    item: PriceItem
    count: int
    vcpu: int
    memory_gb: float
    basis: tuple[str, ...]


def _needed(size: float, util: float, headroom: float) -> float:
    # Never larger than today's server: a missing utilisation keeps the size as it is.
    return min(size, size * util / 100 * (1 + headroom))


def right_size(
    server: Server, sizing: Sizing, catalog: PriceCatalog, compute_items: list[PriceItem] | None = None
) -> Fit | None:
    """The cheapest compute item that holds the needed vCPUs and memory, or several of the largest
    (`compute_items`: the catalog's compute items cheapest first, when already sorted)."""
    items = catalog.of_kind("compute") if compute_items is None else compute_items
    computes = [it for it in items if it.vcpu and it.memory_gb]
    if not computes:
        return None
    basis: list[str] = []
    headroom_key = "headroom_p95" if server.util_basis == UtilisationBasis.p95 else "headroom_peak"
    headroom = getattr(sizing, headroom_key)
    basis.append(setting(f"sizing.{headroom_key}"))
    vcpu = server.vcpu or sizing.default_vcpu
    basis.append(inv("servers", server.id, "vcpu") if server.vcpu else setting("sizing.default_vcpu"))
    memory = server.memory_gb or sizing.default_memory_gb
    basis.append(inv("servers", server.id, "memory_gb") if server.memory_gb else setting("sizing.default_memory_gb"))
    cpu_util = server.cpu_util_pct if server.cpu_util_pct is not None else sizing.default_util_pct
    mem_util = server.memory_util_pct if server.memory_util_pct is not None else sizing.default_util_pct
    for name, value in (("cpu_util_pct", server.cpu_util_pct), ("memory_util_pct", server.memory_util_pct)):
        basis.append(inv("servers", server.id, name) if value is not None else setting("sizing.default_util_pct"))
    need_cpu = max(1.0, _needed(vcpu, cpu_util, headroom))
    need_mem = max(0.5, _needed(memory, mem_util, headroom))
    fitting = [it for it in computes if it.vcpu >= need_cpu and it.memory_gb >= need_mem]  # type: ignore[operator]
    if fitting:
        best = fitting[0]  # of_kind sorts by price
        return Fit(best, 1, math.ceil(need_cpu), need_mem, tuple(basis))
    largest = max(computes, key=lambda it: (it.vcpu or 0, it.memory_gb or 0, -it.price))
    count = math.ceil(max(need_cpu / largest.vcpu, need_mem / largest.memory_gb))  # type: ignore[operator]
    return Fit(largest, count, math.ceil(need_cpu), need_mem, tuple(basis))
