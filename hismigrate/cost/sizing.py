"""Right-sizing: from each server's size and utilisation (peak or P95, plus headroom) to a catalog instance, for
every server at once."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hismigrate.cost.context import Context, inv, setting
from hismigrate.model.inventory import Server
from hismigrate.model.prices import PriceItem


@dataclass(frozen=True)
class Fits:
    """Per server: the position in `items` of its instance (-1: the catalog has none) and how many of it."""

    items: list[PriceItem]
    item: np.ndarray
    count: np.ndarray


def _needed(size: np.ndarray, util: np.ndarray, headroom: np.ndarray) -> np.ndarray:
    # Never larger than today's server: a missing utilisation keeps the size as it is.
    return np.asarray(np.minimum(size, size * util / 100 * (1 + headroom)))


def right_size(ctx: Context) -> Fits:
    """The cheapest compute item that holds each server's needed vCPUs and memory, or several of the largest."""
    sizing, facts = ctx.settings.sizing, ctx.estate.server_facts
    items = [it for it in ctx.of_kind("compute") if it.vcpu and it.memory_gb]
    n = len(ctx.estate.servers)
    if not items:
        return Fits(items, np.full(n, -1, dtype=np.int64), np.zeros(n, dtype=np.int64))
    headroom = np.where(facts["p95"], sizing.headroom_p95, sizing.headroom_peak)
    given = facts["vcpu"]
    vcpu = np.where(np.isnan(given) | (given == 0), sizing.default_vcpu, given)
    given = facts["memory_gb"]
    memory = np.where(np.isnan(given) | (given == 0), sizing.default_memory_gb, given)
    cpu_util = np.where(np.isnan(facts["cpu_util_pct"]), sizing.default_util_pct, facts["cpu_util_pct"])
    mem_util = np.where(np.isnan(facts["memory_util_pct"]), sizing.default_util_pct, facts["memory_util_pct"])
    need_cpu = np.maximum(1.0, _needed(vcpu, cpu_util, headroom))
    need_mem = np.maximum(0.5, _needed(memory, mem_util, headroom))
    cpus = np.array([it.vcpu for it in items], dtype=np.float64)
    mems = np.array([it.memory_gb for it in items], dtype=np.float64)
    fitting = (cpus[None, :] >= need_cpu[:, None]) & (mems[None, :] >= need_mem[:, None])
    largest = max(range(len(items)), key=lambda k: (items[k].vcpu or 0, items[k].memory_gb or 0, -items[k].price))
    several = np.ceil(np.maximum(need_cpu / cpus[largest], need_mem / mems[largest])).astype(np.int64)
    fits = fitting.any(axis=1)
    item = np.where(fits, fitting.argmax(axis=1), largest)
    return Fits(items, item, np.where(fits, 1, several))


def fit_basis(server: Server) -> list[str]:
    """What a server's instance is chosen from."""
    headroom = "headroom_p95" if server.util_basis.value == "p95" else "headroom_peak"
    basis = [setting(f"sizing.{headroom}")]
    basis.append(inv("servers", server.id, "vcpu") if server.vcpu else setting("sizing.default_vcpu"))
    basis.append(inv("servers", server.id, "memory_gb") if server.memory_gb else setting("sizing.default_memory_gb"))
    for name, value in (("cpu_util_pct", server.cpu_util_pct), ("memory_util_pct", server.memory_util_pct)):
        basis.append(inv("servers", server.id, name) if value is not None else setting("sizing.default_util_pct"))
    return basis
