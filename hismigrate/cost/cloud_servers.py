"""The cloud costs of servers (compute, storage, backup, operations staff) as matrices over servers x years.

A 60,000-server estate is costed many times over (sensitivity variants, refresh-date alternatives): one row per
category and server, computed with numpy in whole matrices. Each element is the same product of the same factors in
the same order as the one-year formula, so the figures are the same to the last bit; rounded to the yen with
np.rint (half to even, as Python's round).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from hismigrate.cost.context import Context, Timing
from hismigrate.cost.ledger import Ledger, inv, setting
from hismigrate.cost.prices import cheapest, price_row
from hismigrate.cost.rows import Rows, book_rows, row_totals
from hismigrate.cost.sizing import Fit, right_size
from hismigrate.model.enums import ServerRole, Strategy
from hismigrate.model.inventory import Server
from hismigrate.model.prices import UNITS_PER_YEAR

MANAGED = frozenset({Strategy.replatform, Strategy.refactor})


def fit_of(ctx: Context, server: Server) -> Fit | None:
    """The server's right-sized instance: the same in every run of a context."""
    key = ("fit", server.id)
    if key not in ctx.memo:
        ctx.memo[key] = right_size(server, ctx.settings.sizing, ctx.catalog, ctx.of_kind("compute"))
    found: Fit | None = ctx.memo[key]
    return found


def _prices(ctx: Context, item_ids: list[str], years: list[int]) -> np.ndarray:
    """Row k: the price row (JPY per unit and year) of catalog item `item_ids[k]`."""
    by_id = {it.id: it for it in ctx.catalog.items}
    rows = {i: price_row(ctx, by_id[i], years)[0] for i in dict.fromkeys(item_ids)}
    return np.array([rows[i] for i in item_ids], dtype=np.float64).reshape(len(item_ids), len(years))


def _in_cloud(ctx: Context, days: list, years: list[int]) -> np.ndarray:  # type: ignore[type-arg]
    """Row k: the share of each year spent in the cloud from `days[k]` on."""
    rows = {d: [1 - share for share in ctx.shares(d, years)] for d in dict.fromkeys(days)}
    return np.array([rows[d] for d in days], dtype=np.float64).reshape(len(days), len(years))


def cloud_server_rows(ctx: Context, timing: Timing, servers: Iterable[Server], years: list[int]) -> dict[str, Rows]:
    """Each category's rows for the given servers: those rebuilt in the cloud (compute, storage, backup, staff) and
    those whose systems went to a vendor's SaaS (the staff share that stays with the hospital)."""
    s = ctx.settings
    servers = list(servers)
    in_cloud = [server for server in servers if server.id in timing.server_cloud_start]
    out: dict[str, Rows] = {}
    wages = np.array(ctx.growth(s.escalation.wages, years), dtype=np.float64)
    staff_year = s.staff.onprem_fte_per_server * s.staff.jpy_per_fte_year * wages
    if in_cloud:
        share = _in_cloud(ctx, [timing.server_cloud_start[x.id] for x in in_cloud], years)
        ids = [server.id for server in in_cloud]
        fits = [fit_of(ctx, server) for server in in_cloud]
        fitted = [k for k, fit in enumerate(fits) if fit is not None]
        if fitted:
            chosen = [fits[k] for k in fitted]
            amounts = (
                _prices(ctx, [f.item.id for f in chosen], years)  # type: ignore[union-attr]
                * s.power.hours_per_year
                * np.array([f.count for f in chosen], dtype=np.float64)[:, None]  # type: ignore[union-attr]
                * (1 - s.cloud.commitment_discount)
            )
            managed = np.array([_managed(ctx, timing, in_cloud[k]) for k in fitted])[:, None]
            amounts = np.where(managed, amounts * s.cloud.managed_db_factor, amounts) * share[fitted]
            out["cloud_compute"] = Rows([in_cloud[k].id for k in fitted], amounts)
        default = s.sizing.default_storage_gb
        storage = np.array([x.storage_gb if x.storage_gb is not None else default for x in in_cloud], dtype=np.float64)
        block, objects = cheapest(ctx, "block_storage"), cheapest(ctx, "object_storage")
        # Archives (storage servers: PACS image stores, NAS) go to object storage, not to disks.
        disks = [objects if x.role == ServerRole.storage and objects is not None else block for x in in_cloud]
        if block is not None or objects is not None:
            on_disk = [k for k, disk in enumerate(disks) if disk is not None]
            units = np.array([UNITS_PER_YEAR[disks[k].unit] for k in on_disk], dtype=np.float64)[:, None]  # type: ignore[union-attr]
            prices = _prices(ctx, [disks[k].id for k in on_disk], years)  # type: ignore[union-attr]
            out["cloud_storage"] = Rows(
                [in_cloud[k].id for k in on_disk], storage[on_disk][:, None] * prices * units * share[on_disk]
            )
        if objects is not None:
            prices = _prices(ctx, [objects.id], years)
            copies = storage * s.cloud.backup_copies
            out["cloud_backup"] = Rows(ids, copies[:, None] * prices * UNITS_PER_YEAR[objects.unit] * share)
        out["cloud_staff"] = Rows(ids, staff_year * s.staff.cloud_share_iaas * share)
    # Servers whose systems went to a vendor's SaaS (or were retired): some operations work stays with the hospital.
    saas = [
        server
        for server in servers
        if server.id not in timing.server_cloud_start
        and server.id in timing.server_leaves
        and any(timing.moved_by(x) == Strategy.repurchase for x in ctx.systems_of_server.get(server.id, ()))
    ]
    if saas:
        share = _in_cloud(ctx, [timing.server_leaves[x.id] for x in saas], years)
        staff = Rows([x.id for x in saas], staff_year * s.staff.cloud_share_saas * share)
        found = out.get("cloud_staff")
        out["cloud_staff"] = (
            staff if found is None else Rows(found.ids + staff.ids, np.vstack([found.amounts, staff.amounts]))
        )
    return out


def _managed(ctx: Context, timing: Timing, server: Server) -> bool:
    return server.role == ServerRole.database and any(
        timing.moved_by(x) in MANAGED for x in ctx.systems_of_server.get(server.id, ())
    )


def book_cloud_servers(ctx: Context, timing: Timing, ledger: Ledger, scenario: str, servers: Iterable[Server]) -> None:
    """Book the rows in a ledger, each with its basis when the ledger keeps them."""
    rows = cloud_server_rows(ctx, timing, servers, ledger.years)
    by_id = ctx.index.servers
    book_rows(ledger, scenario, rows, lambda category, k: _basis(ctx, timing, category, by_id[rows[category].ids[k]]))


def cloud_server_totals(
    ctx: Context, timing: Timing, servers: Iterable[Server], years: list[int]
) -> dict[str, tuple[int, ...]]:
    """Each server's cloud totals (cash, write-off, running per year; cloud costs are all cash and running)."""
    return row_totals(cloud_server_rows(ctx, timing, servers, years), len(years))


def _basis(ctx: Context, timing: Timing, category: str, server: Server) -> list[str]:
    years = ctx.years
    if category == "cloud_staff":
        share = "staff.cloud_share_iaas" if server.id in timing.server_cloud_start else "staff.cloud_share_saas"
        return [
            setting("staff.onprem_fte_per_server"),
            setting("staff.jpy_per_fte_year"),
            setting("escalation.wages"),
            setting(share),
        ]
    storage_ref = (
        inv("servers", server.id, "storage_gb")
        if server.storage_gb is not None
        else setting("sizing.default_storage_gb")
    )
    block, objects = cheapest(ctx, "block_storage"), cheapest(ctx, "object_storage")
    if category == "cloud_compute":
        fit = fit_of(ctx, server)
        assert fit is not None
        extra = [*fit.basis, setting("power.hours_per_year"), setting("cloud.commitment_discount")]
        if _managed(ctx, timing, server):
            extra.append(setting("cloud.managed_db_factor"))
        return price_row(ctx, fit.item, years)[1] + extra
    if category == "cloud_storage":
        disk = objects if server.role == ServerRole.storage and objects is not None else block
        assert disk is not None
        role = [inv("servers", server.id, "role")] if disk is not block else []
        return [*price_row(ctx, disk, years)[1], storage_ref, *role]
    assert category == "cloud_backup" and objects is not None
    return [*price_row(ctx, objects, years)[1], storage_ref, setting("cloud.backup_copies")]


__all__ = ["book_cloud_servers", "cloud_server_rows", "cloud_server_totals", "fit_of"]
