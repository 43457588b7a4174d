"""Storage in the cloud, for servers rebuilt there: disks in the cheapest block storage; archives (servers of role
storage: PACS image stores, document stores, NAS; and backup servers' backup sets) in object storage, their hot data
in the hot tier and their cold data (`Context.cold_shares`) in the archive tier, with its retrieval and
minimum-duration charges; backup copies of every server in the tier its data sits in.

The archive tier is the catalog's item of tier `archive`, read within `storage.cold_access_hours`, that costs least a
year per GB: its price, billed for at least its minimum duration when data stays less (`storage.cold_residence_days`
for archives, `storage.backup_residence_days` for backup sets), plus the retrieval of the share read back
(`storage.cold_read_share`)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hismigrate.cost.bases import inv, price_refs, setting
from hismigrate.cost.context import Context
from hismigrate.cost.days import NEVER
from hismigrate.cost.table import Basis, Rows, named
from hismigrate.cost.timing import Timing, shares_in
from hismigrate.model.prices import UNITS_PER_YEAR, PriceItem


def in_cloud(ctx: Context, timing: Timing) -> tuple[np.ndarray, np.ndarray]:
    """The servers rebuilt in the cloud (positions) and the share of each year they spend there."""
    chosen = np.flatnonzero(timing.server_cloud_start != NEVER)
    return chosen, 1 - shares_in(ctx, timing.cloud_months[chosen])


def hot_item(ctx: Context) -> PriceItem | None:
    """The cheapest object storage of the hot tier (an item without a tier is hot)."""
    return next((it for it in ctx.of_kind("object_storage") if it.tier in (None, "hot")), None)


def _minimum(item: PriceItem, residence_days: int) -> float:
    """How many times its stay data is billed for: its minimum duration over its residence, at least once."""
    return max(1.0, item.min_days / residence_days)


def cold_item(ctx: Context, residence_days: int) -> PriceItem | None:
    """The archive-tier item read within the allowed hours that costs least a year per GB of data staying
    `residence_days` (first year's prices)."""
    s = ctx.settings.storage
    fit = [
        it for it in ctx.of_kind("object_storage") if it.tier == "archive" and it.access_hours <= s.cold_access_hours
    ]
    if not fit:
        return None

    def yearly(it: PriceItem) -> tuple[float, str]:
        stored = float(ctx.price_row(it)[0]) * UNITS_PER_YEAR[it.unit] * _minimum(it, residence_days)
        return stored + s.cold_read_share * float(ctx.converted(it.retrieval_per_gb, it.currency)[0]), it.id

    return min(fit, key=yearly)


@dataclass(frozen=True)
class Cold:
    """Per chosen server: the share of its data in the archive tier (0 without one in the catalog), its item's
    position in the catalog (-1) and how many times its price a GB-month is billed (minimum durations)."""

    share: np.ndarray
    item: np.ndarray
    billed: np.ndarray


def _cold(ctx: Context, chosen: np.ndarray) -> Cold:
    backup = ctx.estate.server_facts["role.backup"][chosen].astype(np.int64)
    s = ctx.settings.storage
    residences = (s.cold_residence_days, s.backup_residence_days)  # in an archive, as a backup set
    items = [cold_item(ctx, days) for days in residences]
    at = np.array([-1 if it is None else ctx.items.index(it) for it in items], dtype=np.int64)[backup]
    billed = np.array([_minimum(it, d) if it else 1.0 for it, d in zip(items, residences, strict=True)])[backup]
    return Cold(np.where(at >= 0, ctx.cold_shares[0][chosen], 0.0), at, billed)


def _stored_gb(ctx: Context, chosen: np.ndarray) -> np.ndarray:
    given = ctx.estate.server_facts["storage_gb"][chosen]
    return np.where(np.isnan(given), ctx.settings.sizing.default_storage_gb, given)


def _storage_ref(ctx: Context, k: int) -> str:
    server = ctx.estate.servers[k]
    if server.storage_gb is not None:
        return inv("servers", server.id, "storage_gb")
    return setting("sizing.default_storage_gb")


def cold_refs(ctx: Context, k: int) -> list[str]:
    """What a server's cold share comes from: the deciding system's own share, else its category's default."""
    system = int(ctx.cold_shares[1][k])
    if system < 0:
        return []
    x = ctx.estate.systems[system]
    if x.cold_data_share is not None:
        return [inv("systems", x.id, "cold_data_share")]
    return [inv("systems", x.id, "category"), setting(f"storage.cold_share_by_category.{x.category.value}")]


def cloud_storage(ctx: Context, timing: Timing, bases: bool) -> Rows:
    """Disks in the cheapest block storage; an archive's hot data in the hot tier of object storage."""
    (chosen, share), block, objects = in_cloud(ctx, timing), ctx.cheapest("block_storage"), hot_item(ctx)
    items = [-1 if it is None else ctx.items.index(it) for it in (block, objects)]
    facts = ctx.estate.server_facts
    archive = (facts["role.storage"] | facts["role.backup"])[chosen] & (objects is not None)
    disk = np.where(archive, items[1], items[0])
    on_disk = np.flatnonzero(disk >= 0)
    units = np.array([UNITS_PER_YEAR[ctx.items[x].unit] for x in disk[on_disk].tolist()], dtype=np.float64)
    gb = _stored_gb(ctx, chosen) * np.where(archive, 1 - _cold(ctx, chosen).share, 1.0)
    amounts = gb[on_disk][:, None] * ctx.prices[disk[on_disk]] * units.reshape(-1, 1) * share[on_disk]
    servers, priced = chosen[on_disk], {x: price_refs(ctx, ctx.items[x]) for x in items if x >= 0 and bases}
    archived = dict(zip(servers.tolist(), archive[on_disk].tolist(), strict=True))

    def basis(k: int) -> Basis:
        role = [inv("servers", ctx.estate.servers[k].id, "role"), *cold_refs(ctx, k)] if archived[k] else []
        return (*priced[items[1] if archived[k] else items[0]], _storage_ref(ctx, k), *role)

    return Rows(ctx.estate.server_code[servers], amounts, named(bases, servers, basis))


def _tier_basis(ctx: Context, item: int, k: int) -> tuple[str, ...]:
    backup = bool(ctx.estate.server_facts["role.backup"][k])
    residence = setting("storage.backup_residence_days" if backup else "storage.cold_residence_days")
    role = inv("servers", ctx.estate.servers[k].id, "role")
    tier = (residence, setting("storage.cold_access_hours"))
    return (*price_refs(ctx, ctx.items[item]), _storage_ref(ctx, k), role, *cold_refs(ctx, k), *tier)


def cloud_archive(ctx: Context, timing: Timing, bases: bool) -> Rows:
    """An archive's cold data in the archive tier: stored (at least its minimum duration) and partly read back."""
    s, (chosen, share) = ctx.settings.storage, in_cloud(ctx, timing)
    cold = _cold(ctx, chosen)
    gb = _stored_gb(ctx, chosen) * cold.share
    kept = np.flatnonzero(gb > 0)
    chosen, gb, share, item, billed = chosen[kept], gb[kept], share[kept], cold.item[kept], cold.billed[kept]
    units = np.array([UNITS_PER_YEAR[ctx.items[x].unit] for x in item.tolist()], dtype=np.float64)
    read = [ctx.converted(ctx.items[x].retrieval_per_gb, ctx.items[x].currency) for x in item.tolist()]
    per_gb = ctx.prices[item] * (units * billed)[:, None] + s.cold_read_share * np.reshape(
        read, (len(item), len(ctx.years))
    )
    amounts = gb[:, None] * per_gb * share
    at = dict(zip(chosen.tolist(), item.tolist(), strict=True))
    read_ref = setting("storage.cold_read_share")
    return Rows(
        ctx.estate.server_code[chosen], amounts, named(bases, chosen, lambda k: (*_tier_basis(ctx, at[k], k), read_ref))
    )


def cloud_backup(ctx: Context, timing: Timing, bases: bool) -> Rows:
    """Backup copies of every server's storage in object storage: of an archive's cold data in its archive tier (a
    copy is no more read than its original: no retrieval), of the rest in the hot tier."""
    s, hot = ctx.settings, hot_item(ctx)
    if hot is None:
        return Rows.empty(len(ctx.years))
    chosen, share = in_cloud(ctx, timing)
    copies = _stored_gb(ctx, chosen) * s.cloud.backup_copies
    cold = _cold(ctx, chosen)
    item = np.where(cold.item >= 0, cold.item, ctx.items.index(hot))  # no archive tier: no cold share either
    units = np.array([UNITS_PER_YEAR[ctx.items[x].unit] for x in item.tolist()], dtype=np.float64)
    cold_gb = ctx.prices[item].reshape(len(item), len(ctx.years)) * (units * cold.billed)[:, None]
    per_gb = ctx.price_row(hot)[None, :] * UNITS_PER_YEAR[hot.unit] * (1 - cold.share)[:, None]
    per_gb = per_gb + cold_gb * cold.share[:, None]
    amounts = copies[:, None] * per_gb * share
    extra = (*price_refs(ctx, hot), setting("cloud.backup_copies"))
    tiered = dict(zip(chosen.tolist(), np.where(cold.share > 0, cold.item, -1).tolist(), strict=True))

    def basis(k: int) -> Basis:
        return (*extra, _storage_ref(ctx, k), *(_tier_basis(ctx, tiered[k], k) if tiered[k] >= 0 else ()))

    return Rows(ctx.estate.server_code[chosen], amounts, named(bases, chosen, basis))
