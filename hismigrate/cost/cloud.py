"""Cloud costs per fiscal year: right-sized instances, storage, backup, egress, managed databases, vendor SaaS
fees, cloud operations staff, the landing-zone platform, and connectivity (closed-network lines) from the first
wave on. USD items convert at that year's rate; JPY items do not.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from hismigrate.cost.cloud_servers import book_cloud_servers
from hismigrate.cost.context import IAAS, Context, Timing
from hismigrate.cost.ledger import Ledger, inv, setting
from hismigrate.cost.onprem import system_cycle, system_purchase
from hismigrate.cost.prices import cheapest, price_in_jpy, price_row
from hismigrate.model.calendar import onprem_share
from hismigrate.model.enums import Strategy
from hismigrate.model.inventory import Server, System
from hismigrate.model.prices import UNITS_PER_YEAR


def _in_cloud(ctx: Context, start: date, years: list[int]) -> list[float]:
    return [1 - share for share in ctx.shares(start, years)]


def _egress_gb(ctx: Context, timing: Timing, system: System, years: list[int]) -> tuple[list[float], list[str]]:
    """GB a system in the cloud sends to the premises in each of `years` (a whole row; per year the same sums in the
    same order as one year at a time)."""
    s = ctx.settings
    flows = ctx.flows_from(system.id)
    # Kept by everything it reads (sensitivity variants share the entries: cost.sensitivity.reuse); the caller must
    # not change the lists.
    key = (
        "egress_gb",
        system.id,
        s.cloud.egress_gb_per_user_month,
        s.cloud.egress_volume_factor,
        tuple(years),
        tuple(timing.system_leaves.get(flow.target) for flow in flows),
    )
    found: tuple[list[float], list[str]] | None = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = _egress_rows(ctx, timing, system, years)
    return found


def _egress_rows(ctx: Context, timing: Timing, system: System, years: list[int]) -> tuple[list[float], list[str]]:
    s = ctx.settings
    gb = [(system.users or 0) * s.cloud.egress_gb_per_user_month * 12] * len(years)
    basis = [inv("systems", system.id, "users"), setting("cloud.egress_gb_per_user_month")]
    for flow in ctx.flows_from(system.id):
        per_day = flow.gb_per_day if flow.gb_per_day is not None else (flow.mbps or 0) * 86400 / 8 / 1000
        # Only traffic to systems still on premises leaves the cloud.
        share = ctx.shares(timing.system_leaves.get(flow.target), years)
        gb = [gb[k] + per_day * 365 * share[k] for k in range(len(years))]
        basis.append(f"inventory:flows.{flow.source}>{flow.target}")
    factor = s.cloud.egress_volume_factor
    return [g * factor for g in gb], [*basis, setting("cloud.egress_volume_factor")]


def _saas_fee(ctx: Context, system: System, year: int) -> tuple[float, list[str]]:
    s = ctx.settings
    quotes = [it for it in ctx.of_kind("saas") if it.category == system.category]
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


def _systems(ctx: Context, timing: Timing, ledger: Ledger, scenario: str, systems: Iterable[System]) -> None:
    egress = cheapest(ctx, "egress")
    for system in systems:
        strategy = timing.moved_by(system.id)
        leaves = timing.system_leaves.get(system.id)
        if strategy is None or leaves is None:
            continue
        years = ledger.years
        if strategy in IAAS and egress is not None:
            share = _in_cloud(ctx, leaves, years)
            gb, gb_basis = _egress_gb(ctx, timing, system, years)
            prices, basis = price_row(ctx, egress, years)
            amounts = [gb[k] * prices[k] * share[k] for k in range(len(years))]
            ledger.add_row(scenario, "cloud_egress", system.id, amounts, basis + gb_basis)
            continue
        for year in years:
            share = 1 - onprem_share(year, leaves)
            if strategy == Strategy.repurchase:
                fee, basis = _saas_fee(ctx, system, year)
                ledger.add(year, scenario, "saas", system.id, fee * share, basis)


def platform_and_lines(ctx: Context, timing: Timing, ledger: Ledger, scenario: str) -> None:
    """Book the landing zone and the lines to the cloud, from the first cutover on."""
    if timing.first_cutover is None:
        return
    for kind, category in (("platform", "cloud_platform"), ("line", "connectivity")):
        for item in ctx.of_kind(kind):
            for year in ledger.years:
                share = 1 - onprem_share(year, timing.first_cutover)
                price, basis = price_in_jpy(ctx, item, year)
                amount = price * UNITS_PER_YEAR.get(item.unit, 1) * item.quantity * share
                ledger.add(year, scenario, category, item.id, amount, basis)


def cloud_subject_costs(
    ctx: Context, timing: Timing, ledger: Ledger, scenario: str, servers: Iterable[Server], systems: Iterable[System]
) -> None:
    """Book the cloud costs of the given servers and systems (each line's subject is one of them)."""
    book_cloud_servers(ctx, timing, ledger, scenario, servers)
    _systems(ctx, timing, ledger, scenario, systems)


def cloud_costs(ctx: Context, timing: Timing, ledger: Ledger, scenario: str) -> None:
    """Book every cloud cost of one scenario (nothing for the baseline, where nothing has moved)."""
    cloud_subject_costs(ctx, timing, ledger, scenario, ctx.inventory.servers, ctx.inventory.systems)
    platform_and_lines(ctx, timing, ledger, scenario)
