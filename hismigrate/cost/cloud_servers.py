"""Cloud costs of servers, as matrices over servers x years: right-sized compute, storage (archives to object
storage), backup and the operations staff left, for servers rebuilt in IaaS; the staff left for servers whose
systems went to a vendor's SaaS."""

from __future__ import annotations

import numpy as np

from hismigrate.cost.context import Context, code_of, inv, setting
from hismigrate.cost.days import NEVER
from hismigrate.cost.sizing import fit_basis, right_size
from hismigrate.cost.table import Rows
from hismigrate.cost.timing import Timing, onprem_shares
from hismigrate.model.enums import Strategy
from hismigrate.model.prices import UNITS_PER_YEAR, PriceItem

_MANAGED = code_of(frozenset({Strategy.replatform, Strategy.refactor}))
_REPURCHASE = code_of(frozenset({Strategy.repurchase}))


def _hosting(ctx: Context, timing: Timing, strategies: np.ndarray) -> np.ndarray:
    """Per server: whether a system it hosts moves by one of `strategies` (a mask over strategy codes)."""
    estate = ctx.estate
    codes = timing.strategy[estate.pair_system]
    hit = (codes >= 0) & strategies[np.maximum(codes, 0)]
    return np.bincount(estate.pair_server[hit], minlength=len(estate.servers)) > 0


def _in_cloud(ctx: Context, timing: Timing) -> tuple[np.ndarray, np.ndarray]:
    """The servers rebuilt in the cloud (positions) and the share of each year they spend there."""
    chosen = np.flatnonzero(timing.server_cloud_start != NEVER)
    return chosen, 1 - onprem_shares(ctx, timing.server_cloud_start[chosen])


def _storage(ctx: Context, chosen: np.ndarray) -> np.ndarray:
    given = ctx.estate.server_facts["storage_gb"][chosen]
    return np.where(np.isnan(given), ctx.settings.sizing.default_storage_gb, given)


def _storage_ref(ctx: Context, k: int) -> str:
    server = ctx.estate.servers[k]
    if server.storage_gb is not None:
        return inv("servers", server.id, "storage_gb")
    return setting("sizing.default_storage_gb")


def cloud_compute(ctx: Context, timing: Timing, bases: bool) -> Rows:
    s = ctx.settings
    chosen, share = _in_cloud(ctx, timing)
    fits = right_size(ctx)
    fitted = np.flatnonzero(fits.item[chosen] >= 0)
    servers = chosen[fitted]
    positions = [ctx.items.index(it) for it in fits.items]
    item = np.array(positions, dtype=np.int64)[fits.item[servers]] if positions else fits.item[servers]
    count = fits.count[servers].astype(np.float64)[:, None]
    amounts = ctx.prices[item] * s.power.hours_per_year * count * (1 - s.cloud.commitment_discount)
    facts = ctx.estate.server_facts
    managed = (facts["role.database"][servers] & _hosting(ctx, timing, _MANAGED)[servers])[:, None]
    amounts = np.where(managed, amounts * s.cloud.managed_db_factor, amounts) * share[fitted]
    named = None
    if bases:
        extra = [setting("power.hours_per_year"), setting("cloud.commitment_discount")]
        named = []
        priced = {x: ctx.price_basis(ctx.items[x]) for x in set(item.tolist())}
        for k, x, m in zip(servers.tolist(), item.tolist(), managed[:, 0].tolist(), strict=True):
            db = [setting("cloud.managed_db_factor")] if m else []
            named.append((*priced[x], *fit_basis(ctx.estate.servers[k]), *extra, *db))
    return Rows(ctx.estate.server_code[servers], amounts, named)


def cloud_storage(ctx: Context, timing: Timing, bases: bool) -> Rows:
    chosen, share = _in_cloud(ctx, timing)
    block, objects = ctx.cheapest("block_storage"), ctx.cheapest("object_storage")
    archive = ctx.estate.server_facts["role.storage"][chosen] & (objects is not None)
    disk: list[PriceItem | None] = [objects if a else block for a in archive.tolist()]
    on_disk = [k for k, d in enumerate(disk) if d is not None]
    picked = [d for d in disk if d is not None]
    units = np.array([UNITS_PER_YEAR[d.unit] for d in picked], dtype=np.float64)[:, None]
    position = {id(d): ctx.items.index(d) for d in (block, objects) if d is not None}
    prices = ctx.prices[[position[id(d)] for d in picked]].reshape(len(picked), len(ctx.years))
    amounts = _storage(ctx, chosen)[on_disk][:, None] * prices * units * share[on_disk]
    servers = chosen[on_disk]
    named = None
    if bases:
        named = []
        priced = {id(d): ctx.price_basis(d) for d in (block, objects) if d is not None}
        for k, d in zip(servers.tolist(), picked, strict=True):
            role = [inv("servers", ctx.estate.servers[k].id, "role")] if d is not block else []
            named.append((*priced[id(d)], _storage_ref(ctx, k), *role))
    return Rows(ctx.estate.server_code[servers], amounts, named)


def cloud_backup(ctx: Context, timing: Timing, bases: bool) -> Rows:
    s = ctx.settings
    objects = ctx.cheapest("object_storage")
    if objects is None:
        return Rows.empty(len(ctx.years))
    chosen, share = _in_cloud(ctx, timing)
    copies = _storage(ctx, chosen) * s.cloud.backup_copies
    amounts = copies[:, None] * ctx.price_row(objects)[None, :] * UNITS_PER_YEAR[objects.unit] * share
    named = None
    if bases:
        extra = (*ctx.price_basis(objects), setting("cloud.backup_copies"))
        named = [(*extra, _storage_ref(ctx, k)) for k in chosen.tolist()]
    return Rows(ctx.estate.server_code[chosen], amounts, named)


def cloud_staff(ctx: Context, timing: Timing, bases: bool) -> Rows:
    """Operations work left with the hospital: for servers in IaaS, and for servers whose systems went to a SaaS."""
    s = ctx.settings
    chosen, share = _in_cloud(ctx, timing)
    staff_year = s.staff.onprem_fte_per_server * s.staff.jpy_per_fte_year * ctx.growth(s.escalation.wages)
    iaas = staff_year * s.staff.cloud_share_iaas * share
    saas = np.flatnonzero(
        (timing.server_cloud_start == NEVER) & (timing.server_leaves != NEVER) & _hosting(ctx, timing, _REPURCHASE)
    )
    left = staff_year * s.staff.cloud_share_saas * (1 - onprem_shares(ctx, timing.server_leaves[saas]))
    named = None
    if bases:
        common = (
            setting("staff.onprem_fte_per_server"),
            setting("staff.jpy_per_fte_year"),
            setting("escalation.wages"),
        )
        named = [(*common, setting("staff.cloud_share_iaas"))] * len(chosen)
        named += [(*common, setting("staff.cloud_share_saas"))] * len(saas)
    subjects = ctx.estate.server_code[np.concatenate([chosen, saas])]
    return Rows(subjects, np.vstack([iaas.reshape(-1, len(ctx.years)), left.reshape(-1, len(ctx.years))]), named)
