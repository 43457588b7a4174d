"""Cloud costs of servers, as matrices over servers x years: right-sized compute and the operations staff left, for
servers rebuilt in IaaS (their storage: hismigrate.cost.cloud_storage); the staff left for servers whose systems went
to a vendor's SaaS."""

from __future__ import annotations

import numpy as np

from hismigrate.cost.cloud_storage import in_cloud
from hismigrate.cost.context import Context, code_of, setting
from hismigrate.cost.days import NEVER
from hismigrate.cost.sizing import fit_basis, right_size
from hismigrate.cost.table import Basis, Rows, named
from hismigrate.cost.timing import Timing, shares_in
from hismigrate.model.enums import Strategy

_MANAGED = code_of(frozenset({Strategy.replatform, Strategy.refactor}))
_REPURCHASE = code_of(frozenset({Strategy.repurchase}))


def _hosting(ctx: Context, timing: Timing, strategies: np.ndarray) -> np.ndarray:
    """Per server: whether a system it hosts moves by one of `strategies` (a mask over strategy codes)."""
    estate = ctx.estate
    codes = timing.strategy[estate.pair_system]
    hit = (codes >= 0) & strategies[np.maximum(codes, 0)]
    return np.bincount(estate.pair_server[hit], minlength=len(estate.servers)) > 0


def cloud_compute(ctx: Context, timing: Timing, bases: bool) -> Rows:
    s, (chosen, share), fits = ctx.settings, in_cloud(ctx, timing), right_size(ctx)
    fitted = np.flatnonzero(fits.item[chosen] >= 0)
    servers = chosen[fitted]
    item = np.array([ctx.items.index(it) for it in fits.items] or [-1], dtype=np.int64)[fits.item[servers]]
    count = fits.count[servers].astype(np.float64)[:, None]
    amounts = ctx.prices[item] * s.power.hours_per_year * count * (1 - s.cloud.commitment_discount)
    managed = ctx.estate.server_facts["role.database"] & _hosting(ctx, timing, _MANAGED)
    amounts = np.where(managed[servers][:, None], amounts * s.cloud.managed_db_factor, amounts) * share[fitted]
    priced = {x: ctx.price_basis(ctx.items[x]) for x in set(item.tolist())} if bases else {}
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
