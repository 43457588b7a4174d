"""Cloud costs per fiscal year: right-sized instances, storage, backup, egress, managed databases, vendor SaaS
fees, cloud operations staff, the landing-zone platform, and connectivity (closed-network lines) from the first
wave on. USD items convert at that year's rate; JPY items do not.
"""

from __future__ import annotations

from hismigrate.cost.calendar import onprem_share
from hismigrate.cost.catalog import UNITS_PER_YEAR, PriceItem
from hismigrate.cost.context import IAAS, Context, Timing
from hismigrate.cost.ledger import Ledger, inv, item_ref, setting
from hismigrate.cost.onprem import system_cycle, system_purchase
from hismigrate.cost.sizing import right_size
from hismigrate.model.enums import ServerRole, Strategy
from hismigrate.model.inventory import System

MANAGED = frozenset({Strategy.replatform, Strategy.refactor})


def price_in_jpy(ctx: Context, item: PriceItem, year: int) -> tuple[float, list[str]]:
    """One unit of `item` in JPY in `year`: escalated, and converted at the year's rate when in USD.

    Asked for every server and year, so kept per context; callers must not change the basis list returned."""
    key = ("price_in_jpy", item.id, item.price, item.currency, year)
    found: tuple[float, list[str]] | None = ctx.memo.get(key)
    if found is None:
        s = ctx.settings
        price = item.price * ctx.grow(s.escalation.cloud, year)
        basis = [item_ref(item.id), setting("escalation.cloud")]
        if item.currency == "USD":
            price *= ctx.jpy_per_usd(year)
            basis.append(setting(f"jpy_per_usd.{ctx.rate_key(year)}"))
        found = ctx.memo[key] = (price, basis)
    return found


def _cheapest(ctx: Context, kind: str) -> PriceItem | None:
    items = ctx.catalog.of_kind(kind)
    return items[0] if items else None


def _servers(ctx: Context, timing: Timing, ledger: Ledger, scenario: str) -> None:
    s = ctx.settings
    block, objects = _cheapest(ctx, "block_storage"), _cheapest(ctx, "object_storage")
    staff_basis = [
        setting("staff.onprem_fte_per_server"),
        setting("staff.jpy_per_fte_year"),
        setting("escalation.wages"),
    ]
    for server in ctx.inventory.servers:
        start = timing.server_cloud_start.get(server.id)
        leaves = timing.server_leaves.get(server.id)
        fit = right_size(server, s.sizing, ctx.catalog) if start else None
        managed = server.role == ServerRole.database and any(
            timing.moved_by(x) in MANAGED for x in ctx.systems_of_server.get(server.id, ())
        )
        storage = server.storage_gb if server.storage_gb is not None else s.sizing.default_storage_gb
        storage_ref = (
            inv("servers", server.id, "storage_gb")
            if server.storage_gb is not None
            else setting("sizing.default_storage_gb")
        )
        for year in ledger.years:
            staff_year = s.staff.onprem_fte_per_server * s.staff.jpy_per_fte_year * ctx.grow(s.escalation.wages, year)
            if start is not None:
                share = 1 - onprem_share(year, start)
                if fit is not None:
                    price, basis = price_in_jpy(ctx, fit.item, year)
                    amount = price * s.power.hours_per_year * fit.count * (1 - s.cloud.commitment_discount)
                    extra = [*fit.basis, setting("power.hours_per_year"), setting("cloud.commitment_discount")]
                    if managed:
                        amount *= s.cloud.managed_db_factor
                        extra.append(setting("cloud.managed_db_factor"))
                    ledger.add(year, scenario, "cloud_compute", server.id, amount * share, basis + extra)
                # Archives (storage servers: PACS image stores, NAS) go to object storage, not to disks.
                disk = objects if server.role == ServerRole.storage and objects is not None else block
                if disk is not None:
                    price, basis = price_in_jpy(ctx, disk, year)
                    amount = storage * price * UNITS_PER_YEAR[disk.unit] * share
                    basis = [*basis, storage_ref] + ([inv("servers", server.id, "role")] if disk is not block else [])
                    ledger.add(year, scenario, "cloud_storage", server.id, amount, basis)
                if objects is not None:
                    price, basis = price_in_jpy(ctx, objects, year)
                    amount = storage * s.cloud.backup_copies * price * UNITS_PER_YEAR[objects.unit] * share
                    ledger.add(
                        year,
                        scenario,
                        "cloud_backup",
                        server.id,
                        amount,
                        [*basis, storage_ref, setting("cloud.backup_copies")],
                    )
                ledger.add(
                    year,
                    scenario,
                    "cloud_staff",
                    server.id,
                    staff_year * s.staff.cloud_share_iaas * share,
                    [*staff_basis, setting("staff.cloud_share_iaas")],
                )
            elif leaves is not None:
                # Its systems went to a vendor's SaaS (or were retired): some operations work stays with the hospital.
                systems = ctx.systems_of_server.get(server.id, ())
                if any(timing.moved_by(x) == Strategy.repurchase for x in systems):
                    share = 1 - onprem_share(year, leaves)
                    ledger.add(
                        year,
                        scenario,
                        "cloud_staff",
                        server.id,
                        staff_year * s.staff.cloud_share_saas * share,
                        [*staff_basis, setting("staff.cloud_share_saas")],
                    )


def _egress_gb_per_year(ctx: Context, timing: Timing, system: System, year: int) -> tuple[float, list[str]]:
    s = ctx.settings
    gb = (system.users or 0) * s.cloud.egress_gb_per_user_month * 12
    basis = [inv("systems", system.id, "users"), setting("cloud.egress_gb_per_user_month")]
    for flow in ctx.flows_from(system.id):
        per_day = flow.gb_per_day if flow.gb_per_day is not None else (flow.mbps or 0) * 86400 / 8 / 1000
        # Only traffic to systems still on premises leaves the cloud.
        gb += per_day * 365 * onprem_share(year, timing.system_leaves.get(flow.target))
        basis.append(f"inventory:flows.{flow.source}>{flow.target}")
    return gb * s.cloud.egress_volume_factor, [*basis, setting("cloud.egress_volume_factor")]


def _saas_fee(ctx: Context, system: System, year: int) -> tuple[float, list[str]]:
    s = ctx.settings
    quotes = [it for it in ctx.catalog.of_kind("saas") if it.category == system.category]
    if quotes:
        item = quotes[0]
        price, basis = price_in_jpy(ctx, item, year)
        if item.unit.startswith("bed"):
            count, basis = ctx.inventory.hospital.beds, [*basis, "inventory:hospital.beds"]
        elif item.unit.startswith("user"):
            count, basis = system.users or 0, [*basis, inv("systems", system.id, "users")]
        else:
            count = 1
        return price * count * UNITS_PER_YEAR.get(item.unit, 1) * item.quantity, basis
    # No quote: the vendor charges about what the software cost on premises (purchase spread over its cycle).
    purchase, basis = system_purchase(ctx, system)
    cycle, cycle_basis = system_cycle(ctx, system)
    yearly = purchase / cycle + (system.maintenance_jpy_per_year or 0) + (system.licence_jpy_per_year or 0)
    basis = [
        *basis,
        cycle_basis,
        inv("systems", system.id, "licence_jpy_per_year"),
        setting("cloud.saas_fee_vs_onprem"),
        setting("escalation.maintenance"),
    ]
    return yearly * s.cloud.saas_fee_vs_onprem * ctx.grow(s.escalation.maintenance, year), basis


def _systems(ctx: Context, timing: Timing, ledger: Ledger, scenario: str) -> None:
    egress = _cheapest(ctx, "egress")
    for system in ctx.inventory.systems:
        strategy = timing.moved_by(system.id)
        leaves = timing.system_leaves.get(system.id)
        if strategy is None or leaves is None:
            continue
        for year in ledger.years:
            share = 1 - onprem_share(year, leaves)
            if strategy in IAAS and egress is not None:
                gb, gb_basis = _egress_gb_per_year(ctx, timing, system, year)
                price, basis = price_in_jpy(ctx, egress, year)
                ledger.add(year, scenario, "cloud_egress", system.id, gb * price * share, basis + gb_basis)
            elif strategy == Strategy.repurchase:
                fee, basis = _saas_fee(ctx, system, year)
                ledger.add(year, scenario, "saas", system.id, fee * share, basis)


def _platform_and_lines(ctx: Context, timing: Timing, ledger: Ledger, scenario: str) -> None:
    if timing.first_cutover is None:
        return
    for kind, category in (("platform", "cloud_platform"), ("line", "connectivity")):
        for item in ctx.catalog.of_kind(kind):
            for year in ledger.years:
                share = 1 - onprem_share(year, timing.first_cutover)
                price, basis = price_in_jpy(ctx, item, year)
                amount = price * UNITS_PER_YEAR.get(item.unit, 1) * item.quantity * share
                ledger.add(year, scenario, category, item.id, amount, basis)


def cloud_costs(ctx: Context, timing: Timing, ledger: Ledger, scenario: str) -> None:
    """Book every cloud cost of one scenario (nothing for the baseline, where nothing has moved)."""
    _servers(ctx, timing, ledger, scenario)
    _systems(ctx, timing, ledger, scenario)
    _platform_and_lines(ctx, timing, ledger, scenario)
