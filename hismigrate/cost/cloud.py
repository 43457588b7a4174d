"""Cloud costs other than storage (hismigrate.cost.cloud_storage): right-sized compute (from each server's size and
utilisation, peak or P95 plus headroom, to a catalog instance) and the operations staff left, for servers rebuilt in
IaaS; the staff left for servers whose systems went to a vendor's SaaS; egress from systems in IaaS to what is still
on site; SaaS fees; and from the first cutover on the landing-zone platform and the lines to the cloud."""

from __future__ import annotations

import numpy as np

from hismigrate.cost.bases import cycle_ref, inv, price_refs, purchase_refs, setting
from hismigrate.cost.cloud_storage import in_cloud
from hismigrate.cost.context import IAAS, Context, code_of
from hismigrate.cost.days import NEVER, month_numbers
from hismigrate.cost.hardware import cheapest_fit
from hismigrate.cost.table import Basis, Rows, named
from hismigrate.cost.timing import Timing, shares_in
from hismigrate.model.enums import Strategy
from hismigrate.model.inventory import Server, System
from hismigrate.model.prices import UNITS_PER_YEAR, PriceItem

_IAAS = code_of(IAAS)
_MANAGED = code_of(frozenset({Strategy.replatform, Strategy.refactor}))
_REPURCHASE = code_of(frozenset({Strategy.repurchase}))


def _needed(size: np.ndarray, util: np.ndarray, headroom: np.ndarray) -> np.ndarray:
    # Never larger than today's server: a missing utilisation keeps the size as it is.
    return np.asarray(np.minimum(size, size * util / 100 * (1 + headroom)))


def right_size(ctx: Context) -> tuple[np.ndarray, np.ndarray]:
    """Per server: the position in the catalog (`ctx.items`) of the cheapest compute item that holds its needed vCPUs
    and memory, else of the largest (-1: the catalog has none), and how many of it."""
    sizing, facts = ctx.settings.sizing, ctx.estate.server_facts
    items = [it for it in ctx.of_kind("compute") if it.vcpu and it.memory_gb]
    n = len(ctx.estate.servers)
    if not items:
        return np.full(n, -1, dtype=np.int64), np.zeros(n)
    headroom = np.where(facts["p95"], sizing.headroom_p95, sizing.headroom_peak)
    given = facts["vcpu"]
    vcpu = np.where(np.isnan(given) | (given == 0), sizing.default_vcpu, given)
    given = facts["memory_gb"]
    memory = np.where(np.isnan(given) | (given == 0), sizing.default_memory_gb, given)
    cpu_util = np.where(np.isnan(facts["cpu_util_pct"]), sizing.default_util_pct, facts["cpu_util_pct"])
    mem_util = np.where(np.isnan(facts["memory_util_pct"]), sizing.default_util_pct, facts["memory_util_pct"])
    need_cpu = np.maximum(1.0, _needed(vcpu, cpu_util, headroom))
    need_mem = np.maximum(0.5, _needed(memory, mem_util, headroom))
    capacity = np.array([(it.vcpu, it.memory_gb) for it in items], dtype=np.float64)
    largest = max(range(len(items)), key=lambda k: (items[k].vcpu or 0, items[k].memory_gb or 0, -items[k].price))
    item, count = cheapest_fit([it.price for it in items], capacity, np.stack([need_cpu, need_mem], axis=1), largest)
    return np.array([ctx.items.index(it) for it in items], dtype=np.int64)[item], count


def fit_basis(server: Server) -> list[str]:
    """What a server's instance is chosen from."""
    headroom = "headroom_p95" if server.util_basis.value == "p95" else "headroom_peak"
    basis = [setting(f"sizing.{headroom}")]
    basis.append(inv("servers", server.id, "vcpu") if server.vcpu else setting("sizing.default_vcpu"))
    basis.append(inv("servers", server.id, "memory_gb") if server.memory_gb else setting("sizing.default_memory_gb"))
    for name, value in (("cpu_util_pct", server.cpu_util_pct), ("memory_util_pct", server.memory_util_pct)):
        basis.append(inv("servers", server.id, name) if value is not None else setting("sizing.default_util_pct"))
    return basis


def _hosting(ctx: Context, timing: Timing, strategies: np.ndarray) -> np.ndarray:
    """Per server: whether a system it hosts moves by one of `strategies` (a mask over strategy codes)."""
    estate = ctx.estate
    hit = strategies[timing.strategy[estate.pair_system]]
    return np.bincount(estate.pair_server[hit], minlength=len(estate.servers)) > 0


def cloud_compute(ctx: Context, timing: Timing, bases: bool) -> Rows:
    s, (chosen, share), (fit, fit_count) = ctx.settings, in_cloud(ctx, timing), right_size(ctx)
    fitted = np.flatnonzero(fit[chosen] >= 0)
    servers = chosen[fitted]
    item, count = fit[servers], fit_count[servers].astype(np.float64)[:, None]
    amounts = ctx.prices[item] * s.power.hours_per_year * count * (1 - s.cloud.commitment_discount)
    managed = ctx.estate.server_facts["role.database"] & _hosting(ctx, timing, _MANAGED)
    amounts = np.where(managed[servers][:, None], amounts * s.cloud.managed_db_factor, amounts) * share[fitted]
    priced = {x: price_refs(ctx, ctx.items[x]) for x in set(item.tolist())} if bases else {}
    extra = [setting("power.hours_per_year"), setting("cloud.commitment_discount")]
    positions = dict(zip(servers.tolist(), item.tolist(), strict=True))

    def basis(k: int) -> Basis:
        db = [setting("cloud.managed_db_factor")] if managed[k] else []
        return (*priced[positions[k]], *fit_basis(ctx.estate.servers[k]), *extra, *db)

    return Rows(ctx.estate.server_code[servers], amounts, named(bases, servers, basis))


def cloud_staff(ctx: Context, timing: Timing, bases: bool) -> Rows:
    """Operations work left with the hospital: for servers in IaaS, and for servers whose systems went to a SaaS."""
    s, (chosen, share) = ctx.settings, in_cloud(ctx, timing)
    staff_year = s.staff.onprem_fte_per_server * s.staff.jpy_per_fte_year * ctx.growth(s.escalation.wages)
    iaas = staff_year * s.staff.cloud_share_iaas * share
    saas = np.flatnonzero(
        (timing.server_cloud_start == NEVER) & (timing.server_leaves != NEVER) & _hosting(ctx, timing, _REPURCHASE)
    )
    left = staff_year * s.staff.cloud_share_saas * (1 - shares_in(ctx, timing.server_months[saas]))
    common = (setting("staff.onprem_fte_per_server"), setting("staff.jpy_per_fte_year"), setting("escalation.wages"))
    in_iaas = set(chosen.tolist())
    servers = np.concatenate([chosen, saas])
    amounts = np.vstack([iaas.reshape(-1, len(ctx.years)), left.reshape(-1, len(ctx.years))])
    share_of = {True: setting("staff.cloud_share_iaas"), False: setting("staff.cloud_share_saas")}
    return Rows(
        ctx.estate.server_code[servers], amounts, named(bases, servers, lambda k: (*common, share_of[k in in_iaas]))
    )


def _moved(timing: Timing, strategies: np.ndarray) -> np.ndarray:
    return np.flatnonzero(strategies[timing.strategy] & (timing.system_leaves != NEVER))


def egress_gb(ctx: Context, timing: Timing, chosen: np.ndarray) -> np.ndarray:
    """GB each chosen system sends to the premises per year: its users' pull plus its flows to systems still on
    site, added flow by flow in inventory order, times the volume factor."""
    s, estate = ctx.settings, ctx.estate
    users = np.nan_to_num(estate.system_facts["users"][chosen])
    gb = np.repeat((users * s.cloud.egress_gb_per_user_month * 12)[:, None], len(ctx.years), axis=1)
    row = np.full(len(estate.systems), -1, dtype=np.int64)
    row[chosen] = np.arange(len(chosen))
    flows = estate.flows
    sender = np.where(flows["source"] >= 0, row[np.maximum(flows["source"], 0)], -1)
    sent = np.flatnonzero(sender >= 0)
    target = flows["target"][sent]
    share = shares_in(ctx, np.where(target >= 0, timing.system_months[np.maximum(target, 0)], NEVER))
    added = flows["gb_per_day"][sent][:, None] * 365 * share
    rank = flows["rank"][sent]
    for r in range(int(rank.max()) + 1 if len(rank) else 0):
        at = np.flatnonzero(rank == r)  # each sender's r-th flow: at most one per sender
        gb[sender[sent[at]]] = gb[sender[sent[at]]] + added[at]
    return np.asarray(gb * s.cloud.egress_volume_factor)


def cloud_egress(ctx: Context, timing: Timing, bases: bool) -> Rows:
    egress = ctx.cheapest("egress")
    if egress is None:
        return Rows.empty(len(ctx.years))
    chosen = _moved(timing, _IAAS)
    share = 1 - shares_in(ctx, timing.system_months[chosen])
    amounts = egress_gb(ctx, timing, chosen) * ctx.price_row(egress) * share
    senders: dict[str, list[str]] = {}
    for flow in ctx.estate.inventory.flows if bases else ():
        senders.setdefault(flow.source, []).append(f"inventory:flows.{flow.source}>{flow.target}")
    priced = (
        *price_refs(ctx, egress),
        setting("cloud.egress_gb_per_user_month"),
        setting("cloud.egress_volume_factor"),
    )

    def basis(k: int) -> Basis:
        system_id = ctx.estate.systems[k].id
        return (*priced, inv("systems", system_id, "users"), *senders.get(system_id, ()))

    return Rows(ctx.estate.system_code[chosen], amounts, named(bases, chosen, basis))


def _saas_fees(ctx: Context, chosen: np.ndarray) -> np.ndarray:
    """Each chosen system's yearly SaaS fee: the vendor's quote for its category, else about what the software cost
    on premises (its purchase spread over its cycle, plus maintenance and licence)."""
    s, estate, software = ctx.settings, ctx.estate, ctx.software
    facts = estate.system_facts
    maint = np.nan_to_num(facts["maintenance_jpy_per_year"][chosen])
    licence = np.nan_to_num(facts["licence_jpy_per_year"][chosen])
    yearly = software.price[chosen] / software.cycle[chosen] + maint + licence
    fees = yearly[:, None] * s.cloud.saas_fee_vs_onprem * ctx.growth(s.escalation.maintenance)
    users = np.nan_to_num(facts["users"][chosen])
    for j, k in enumerate(chosen.tolist()):
        item = _quote(ctx, estate.systems[k])
        if item is not None:
            count = ctx.estate.inventory.hospital.beds if item.unit.startswith("bed") else 1
            count = users[j] if item.unit.startswith("user") else count
            fees[j] = ctx.price_row(item) * count * UNITS_PER_YEAR.get(item.unit, 1) * item.quantity
    return np.asarray(fees)


def _quote(ctx: Context, system: System) -> PriceItem | None:
    """The cheapest SaaS quote for a system's category, if the catalog has one."""
    return next((it for it in ctx.of_kind("saas") if it.category == system.category), None)


def _saas_basis(ctx: Context, system: System) -> list[str]:
    item = _quote(ctx, system)
    if item is not None:
        basis = price_refs(ctx, item)
        if item.unit.startswith("bed"):
            return [*basis, "inventory:hospital.beds"]
        if item.unit.startswith("user"):
            return [*basis, inv("systems", system.id, "users")]
        return basis
    return [
        *purchase_refs(system),
        cycle_ref(ctx, system),
        inv("systems", system.id, "licence_jpy_per_year"),
        setting("cloud.saas_fee_vs_onprem"),
        setting("escalation.maintenance"),
    ]


def saas(ctx: Context, timing: Timing, bases: bool) -> Rows:
    chosen = _moved(timing, _REPURCHASE)
    share = 1 - shares_in(ctx, timing.system_months[chosen])
    amounts = _saas_fees(ctx, chosen).reshape(len(chosen), len(ctx.years)) * share
    basis = named(bases, chosen, lambda k: tuple(_saas_basis(ctx, ctx.estate.systems[k])))
    return Rows(ctx.estate.system_code[chosen], amounts, basis)


def from_first_cutover(kind: str, ctx: Context, timing: Timing, bases: bool) -> Rows:
    """The catalog's items of a kind, paid from the first cutover on (nothing while nothing moves)."""
    first = timing.system_leaves.min(initial=NEVER, keepdims=True)  # NEVER: nothing moves
    items = ctx.of_kind(kind) if first[0] != NEVER else []
    share = 1 - shares_in(ctx, month_numbers(first))[0]
    rows = [ctx.price_row(it) * UNITS_PER_YEAR.get(it.unit, 1) * it.quantity * share for it in items]
    amounts = np.array(rows, dtype=np.float64).reshape(len(rows), len(ctx.years))
    named = [tuple(price_refs(ctx, it)) for it in items] if bases else None
    return Rows(np.array([ctx.code(it.id) for it in items], dtype=np.int64), amounts, named)
