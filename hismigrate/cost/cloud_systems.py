"""Cloud costs of systems and of the move as a whole: egress from systems in IaaS to what is still on site, vendor
SaaS fees, and from the first cutover on the landing-zone platform and the lines to the cloud."""

from __future__ import annotations

import numpy as np

from hismigrate.cost.context import IAAS, Context, code_of, inv, setting, system_cycle, system_purchase
from hismigrate.cost.days import NEVER
from hismigrate.cost.table import Basis, Rows, named
from hismigrate.cost.timing import Timing, onprem_shares, shares_in
from hismigrate.model.enums import Strategy
from hismigrate.model.inventory import System
from hismigrate.model.prices import UNITS_PER_YEAR, PriceItem

_IAAS = code_of(IAAS)
_REPURCHASE = code_of(frozenset({Strategy.repurchase}))


def _moved(timing: Timing, strategies: np.ndarray) -> np.ndarray:
    codes = timing.strategy
    return np.flatnonzero((codes >= 0) & strategies[np.maximum(codes, 0)] & (timing.system_leaves != NEVER))


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
    for flow in ctx.inventory.flows if bases else ():
        senders.setdefault(flow.source, []).append(f"inventory:flows.{flow.source}>{flow.target}")
    priced = (
        *ctx.price_basis(egress),
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
            count = ctx.inventory.hospital.beds if item.unit.startswith("bed") else 1
            count = users[j] if item.unit.startswith("user") else count
            fees[j] = ctx.price_row(item) * count * UNITS_PER_YEAR.get(item.unit, 1) * item.quantity
    return np.asarray(fees)


def _quote(ctx: Context, system: System) -> PriceItem | None:
    """The cheapest SaaS quote for a system's category, if the catalog has one."""
    return next((it for it in ctx.of_kind("saas") if it.category == system.category), None)


def _saas_basis(ctx: Context, system: System) -> list[str]:
    item = _quote(ctx, system)
    if item is not None:
        basis = ctx.price_basis(item)
        if item.unit.startswith("bed"):
            return [*basis, "inventory:hospital.beds"]
        if item.unit.startswith("user"):
            return [*basis, inv("systems", system.id, "users")]
        return basis
    return [
        *system_purchase(ctx, system)[1],
        system_cycle(ctx, system)[1],
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


def _from_first_cutover(ctx: Context, timing: Timing, kind: str, bases: bool) -> Rows:
    """The catalog's items of a kind, paid from the first cutover on (nothing while nothing moves)."""
    items = ctx.of_kind(kind) if timing.moves else []
    share = 1 - onprem_shares(ctx, np.array([timing.first_cutover], dtype=np.int64))[0]
    rows = [ctx.price_row(it) * UNITS_PER_YEAR.get(it.unit, 1) * it.quantity * share for it in items]
    amounts = np.array(rows, dtype=np.float64).reshape(len(rows), len(ctx.years))
    named = [tuple(ctx.price_basis(it)) for it in items] if bases else None
    return Rows(np.array([ctx.code(it.id) for it in items], dtype=np.int64), amounts, named)


def cloud_platform(ctx: Context, timing: Timing, bases: bool) -> Rows:
    return _from_first_cutover(ctx, timing, "platform", bases)


def connectivity(ctx: Context, timing: Timing, bases: bool) -> Rows:
    return _from_first_cutover(ctx, timing, "line", bases)
