"""The hardware each server carries and what keeping it costs: its own, its share of its hypervisor hosts', or an
estimate from the shipped table of typical prices (hismigrate/data/hardware_prices.yaml), for every server at once.

The rule (the `host` field's description says it to users):
- A server with a purchase price carries its own hardware. A physical server, a hypervisor host or a storage server
  without one is priced from the table by its size (cores and memory; usable TB): an estimate, named among the gaps.
- A hypervisor host's hardware (its price and refresh, maintenance, power and rack space) belongs to the virtual
  machines on it, by size: by memory, the resource hosts are sized by (production hosts do not overcommit memory;
  vCPUs they do). A virtual machine naming a `host` takes, of every host of that host's cluster (hosts sharing a
  `redundancy_group`: virtual machines move between them), its memory over the cluster's memory. Virtual machines
  naming no host (and with no price of their own) take the same from the memory the hosts have left, spread over all
  hosts (their host is inferred: a gap says so). What no virtual machine takes stays with the host as idle capacity,
  paid while the host runs: until the last machine drawing on it leaves (hismigrate.state, whose `machine_kinds`
  says who is a host, a machine on named hosts and one drawing on every host's spare memory). Virtual machines
  needing more memory than their cluster has share all of it; those naming no host and needing more than is left
  carry the rest as a share of the table's typical host (an estimate: hardware the inventory does not list).
- So a virtual machine on a host carries no hardware of its own (its own price is not used); one with a price and no
  host keeps it (a machine bought on its own).

Purchases come as units: (carrier, the day its cycle counts from, price), one per carrier and distinct host
purchase; running figures (maintenance, watts, physical servers' worth of rack space) per carrier.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from hismigrate.model.hardware_prices import SizeClass, StorageClass
from hismigrate.model.settings import CostSettings
from hismigrate.state import machine_kinds

OWN, ESTIMATED = "own", "estimated"


@dataclass(frozen=True)
class Hardware:
    """Per server: the hardware it carries each year (maintenance JPY, watts, physical servers' worth for rack space),
    how it carries it, and its purchases as units (carrier, anchor day, price); per server also its own hardware as
    the inventory or the table gives it (`own_price`, the table `item` when estimated)."""

    maintenance: np.ndarray
    watts: np.ndarray
    boxes: np.ndarray
    unit_carrier: np.ndarray
    unit_anchor: np.ndarray
    unit_price: np.ndarray
    own_price: np.ndarray
    item: list[str | None]  # the table's class of an estimated price
    kind: np.ndarray  # per server: 0 own hardware, 1 a share of named hosts, 2 of the hosts' spare memory, 3 a host
    pool_hosts: list[list[int]]  # per pool: its hosts
    pool: np.ndarray  # per server: the pool it draws on (named hosts), -1 otherwise
    excess: np.ndarray  # per server: memory (GiB) no listed host holds, estimated from the typical host


OWN_KIND, NAMED, SPARE, HOST = 0, 1, 2, 3


def cheapest_fit(
    price: Sequence[float], capacity: np.ndarray, need: np.ndarray, largest: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per row of `need` (in the columns of `capacity`: classes x what they hold): the position of the cheapest class
    holding all of it (the first of equal price), else `largest`, and how many of it (1, or as many of the largest
    as it takes)."""
    order = np.lexsort((np.arange(len(price)), np.asarray(price, dtype=np.float64)))
    fits = np.ones((len(need), len(price)), dtype=bool)
    for held, most in zip(need.T, capacity[order].T, strict=True):
        fits &= held[:, None] <= most[None, :]
    found = fits.any(axis=1)
    count = np.ceil((need / capacity[largest]).max(axis=1))
    return np.where(found, order[fits.argmax(axis=1)], largest), np.where(found, 1.0, count)


def _fit(classes: tuple[SizeClass, ...], size: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per server: the cheapest class of the table holding its cores and memory (`size`), else the largest."""
    largest = max(
        range(len(classes)), key=lambda k: (classes[k].max_cores, classes[k].max_memory_gb, classes[k].price_jpy)
    )
    capacity = np.array([(c.max_cores, c.max_memory_gb) for c in classes], dtype=np.float64)
    return cheapest_fit([c.price_jpy for c in classes], capacity, size, largest)


def make_hardware(
    facts: dict[str, np.ndarray],
    hosts_named: np.ndarray,
    clusters: np.ndarray,
    anchors: np.ndarray,
    settings: CostSettings,
    table: tuple[tuple[SizeClass, ...], tuple[SizeClass, ...], tuple[StorageClass, ...], SizeClass],
) -> Hardware:
    """`facts`: the estate's server columns; `hosts_named`: per server the position of the host it names (-1 none);
    `clusters`: per server a cluster number shared by hosts of one redundancy group (else unique); `anchors`: per
    server the day its refresh cycle counts from (0 unknown); `table`: the table's servers, hosts, storage and typical
    host classes."""
    servers, hosts_classes, storage_classes, typical = table
    n = len(anchors)
    sizing, share = settings.sizing, settings.maintenance.hardware_share
    given = np.nan_to_num(facts["purchase_price_jpy"])
    memory = np.where(
        np.nan_to_num(facts["memory_gb"]) > 0, np.nan_to_num(facts["memory_gb"]), sizing.default_memory_gb
    )
    cores = np.where(np.nan_to_num(facts["vcpu"]) > 0, np.nan_to_num(facts["vcpu"]), sizing.default_vcpu)
    is_host, vm, named, spare_taker = machine_kinds(
        facts["role.hypervisor"], facts["physical"], given != 0, hosts_named
    )
    kind = np.select([is_host, named, spare_taker], [HOST, NAMED, SPARE], OWN_KIND)

    # Own hardware: the recorded price, else (not for a virtual machine) the table's class.
    storage_tb = np.where(np.isnan(facts["storage_gb"]), sizing.default_storage_gb, facts["storage_gb"]) / 1000
    fit_server, count_server = _fit(servers, np.stack([cores, memory], axis=1))
    fit_host, count_host = _fit(hosts_classes, np.stack([cores, memory], axis=1))
    most = [c.max_tb for c in storage_classes]  # the first storage class by capacity holding it, else the largest
    largest = max(range(len(most)), key=lambda k: (most[k], k))
    fit_storage = cheapest_fit(most, np.array(most, dtype=np.float64)[:, None], storage_tb[:, None], largest)[0]
    is_storage = facts["role.storage"] & ~is_host
    estimated = (given == 0) & ~vm
    base = np.array([c.base_jpy for c in storage_classes])[fit_storage]
    per_tb = np.array([c.jpy_per_tb for c in storage_classes])[fit_storage]
    table_price = np.select(
        [is_host, is_storage],
        [np.array([c.price_jpy for c in hosts_classes])[fit_host] * count_host, base + per_tb * storage_tb],
        np.array([c.price_jpy for c in servers])[fit_server] * count_server,
    )
    own_price = np.where(estimated, table_price, given)
    ids = [np.array([c.id for c in classes], dtype=object) for classes in (hosts_classes, storage_classes, servers)]
    item_id = np.select([is_host, is_storage], [ids[0][fit_host], ids[1][fit_storage]], ids[2][fit_server])
    item = [x if e else None for x, e in zip(item_id.tolist(), estimated.tolist(), strict=True)]
    maint_given = facts["maintenance_jpy_per_year"]
    own_maint = np.where(np.isnan(maint_given), own_price * share, maint_given)
    default = np.where(facts["physical"], settings.power.default_watts_physical, settings.power.default_watts_virtual)
    own_watts = np.where(np.isnan(facts["power_watts"]), default, facts["power_watts"])

    # Pools: hosts by cluster; each pool's memory, its named machines' memory, and the spare memory left.
    host_at = np.flatnonzero(is_host)
    pools, pool_of_host = np.unique(clusters[host_at], return_inverse=True)
    pool_of_host = pool_of_host.reshape(-1)
    pool_of = np.full(n, -1, dtype=np.int64)
    pool_of[host_at] = pool_of_host
    vm_pool = np.where(named, pool_of[np.maximum(hosts_named, 0)], -1)
    m = len(pools)  # and one pool more, empty, for servers drawing on none (arrays never empty)
    vm_pool = np.where(named, vm_pool, m)
    pool_of = np.where(pool_of >= 0, pool_of, m)
    capacity = np.bincount(pool_of_host, weights=np.nan_to_num(facts["memory_gb"])[host_at], minlength=m + 1)
    demand = np.bincount(vm_pool[named], weights=memory[named], minlength=m + 1)
    spread = np.where(capacity > 0, np.maximum(capacity, demand), demand)  # the memory a pool is divided into
    spare = np.where(capacity > 0, np.maximum(capacity - demand, 0.0), 0.0)
    left, wanted = float(spare.sum()), float(memory[spare_taker].sum())
    placed = min(1.0, left / wanted) if wanted > 0 else 0.0
    per_gb = np.where(capacity > 0, placed * spare / max(left, 1e-300) / np.where(capacity > 0, capacity, 1), 0.0)
    per_gb = np.where(left > 0, per_gb, 0.0)  # share of each pool a spare-taking machine's GiB takes
    taken = np.where(spread > 0, demand / np.where(spread > 0, spread, 1), 0.0) + per_gb * wanted
    idle = np.clip(1 - taken, 0.0, 1.0)  # what stays with each host of the pool
    excess = np.where(spare_taker, memory * (1 - placed), 0.0)

    # Running figures per carrier: own hardware, a share of each figure of the pool(s) drawn on, or idle capacity.
    pool_maint = np.bincount(pool_of_host, weights=own_maint[host_at], minlength=m + 1)
    pool_watts = np.bincount(pool_of_host, weights=own_watts[host_at], minlength=m + 1)
    pool_boxes = np.bincount(pool_of_host, minlength=m + 1).astype(np.float64)
    fraction = np.where(named, memory / np.where(spread > 0, spread, 1)[vm_pool], 0.0)
    gb_share = np.where(spare_taker, memory, 0.0)
    extra = excess / typical.max_memory_gb  # typical hosts' worth not listed
    host_idle = np.where(is_host, idle[pool_of], 0.0)
    mine = (kind == OWN_KIND) + host_idle

    def carried(own: np.ndarray, pooled: np.ndarray, estimate: float) -> np.ndarray:
        out: np.ndarray = own * mine + fraction * pooled[vm_pool] + gb_share * float(per_gb @ pooled) + extra * estimate
        return out

    maintenance = carried(own_maint, pool_maint, typical.price_jpy * share)
    watts = carried(own_watts, pool_watts, typical.watts)
    boxes = carried(np.ones(n), pool_boxes, 1.0)

    # Purchases: own and idle units, named machines' units per distinct purchase of their pool, spare takers' units
    # per distinct purchase of all hosts, and the estimated remainder on the machine's own cycle.
    pairs, pair_of_host = np.unique(np.stack([pool_of_host, anchors[host_at]], axis=1), axis=0, return_inverse=True)
    pair_price = np.bincount(pair_of_host.reshape(-1), weights=own_price[host_at], minlength=len(pairs))
    pair_pool, pair_anchor = pairs[:, 0], pairs[:, 1]
    carriers, days, prices = [np.flatnonzero(mine > 0)], [anchors[mine > 0]], [(own_price * mine)[mine > 0]]
    by_pool = np.argsort(pair_pool, kind="stable")
    first = np.searchsorted(pair_pool[by_pool], np.arange(m + 1))
    count = np.bincount(pair_pool, minlength=m + 1)
    machines = np.flatnonzero(named)
    repeat = count[vm_pool[machines]]
    carrier = np.repeat(machines, repeat)
    nth = np.arange(len(carrier)) - np.repeat(np.cumsum(repeat) - repeat, repeat)
    pair = by_pool[np.repeat(first[vm_pool[machines]], repeat) + nth]
    carriers += [carrier]
    days += [pair_anchor[pair]]
    prices += [fraction[carrier] * pair_price[pair]]
    distinct, per_anchor = np.unique(pair_anchor, return_inverse=True)
    price_per_gb = np.bincount(per_anchor.reshape(-1), weights=per_gb[pair_pool] * pair_price, minlength=len(distinct))
    takers = np.flatnonzero(spare_taker)
    carriers += [np.repeat(takers, len(distinct)), takers[extra[takers] > 0]]
    days += [np.tile(distinct, len(takers)), anchors[takers[extra[takers] > 0]]]
    prices += [
        np.outer(memory[takers], price_per_gb).reshape(-1),
        (extra * typical.price_jpy)[takers][extra[takers] > 0],
    ]
    unit_carrier, unit_anchor, unit_price = (np.concatenate(x) for x in (carriers, days, prices))
    keep = unit_price > 0
    return Hardware(
        maintenance=maintenance,
        watts=watts,
        boxes=boxes,
        unit_carrier=unit_carrier[keep].astype(np.int64),
        unit_anchor=unit_anchor[keep].astype(np.int64),
        unit_price=unit_price[keep],
        own_price=own_price,
        item=item,
        kind=kind,
        pool_hosts=[host_at[pool_of_host == p].tolist() for p in range(m)],
        pool=np.where(named, vm_pool, np.where(is_host, pool_of, -1)),  # -1: none
        excess=excess,
    )
