"""On-premises costs per server and system per fiscal year: refresh purchases, maintenance, licences, power,
facilities, staff, fee-revision rework, existing lines, and shared costs that stop only with the last user.

Under a plan, a system's own software costs may continue after it moves (rehosted software keeps its maintenance
and is still upgraded); the share that continues is a setting per strategy.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from hismigrate.cost.context import IAAS, Context, Timing
from hismigrate.cost.ledger import Ledger, inv, setting
from hismigrate.cost.onprem_servers import book_onprem_servers
from hismigrate.model.calendar import add_years, cycle_dates, fiscal_year, onprem_share
from hismigrate.model.enums import Strategy
from hismigrate.model.inventory import Connection, Server, System
from hismigrate.state import line_leaves


def system_cycle(ctx: Context, system: System) -> tuple[int, str]:
    refresh = ctx.settings.refresh
    if system.category in refresh.emr_class_categories:
        return refresh.emr_class_years, setting("refresh.emr_class_years")
    return refresh.other_system_years, setting("refresh.other_system_years")


def system_purchase(ctx: Context, system: System) -> tuple[float, list[str]]:
    """Replacement purchase of a system's software: its recorded purchase price, else inferred from its
    maintenance (the maintenance is that share of the purchase)."""
    if system.purchase_price_jpy:
        return system.purchase_price_jpy, [inv("systems", system.id, "purchase_price_jpy")]
    if not system.maintenance_jpy_per_year:
        return 0.0, []
    share = ctx.settings.maintenance.software_share
    return system.maintenance_jpy_per_year / share, [
        inv("systems", system.id, "maintenance_jpy_per_year"),
        setting("maintenance.software_share"),
    ]


def system_anchor(ctx: Context, system: System) -> date | None:
    if system.contract_end is None:
        return None
    return add_years(system.contract_end, -system_cycle(ctx, system)[0])


def system_software(ctx: Context, system: System, year: int) -> list[tuple[str, float, list[str]]]:
    """A system's yearly software maintenance and licence in `year`."""
    grow = ctx.grow(ctx.settings.escalation.maintenance, year)
    out: list[tuple[str, float, list[str]]] = []
    if system.maintenance_jpy_per_year:
        out.append(
            (
                "maintenance",
                system.maintenance_jpy_per_year * grow,
                [inv("systems", system.id, "maintenance_jpy_per_year"), setting("escalation.maintenance")],
            )
        )
    if system.licence_jpy_per_year:
        out.append(
            (
                "licence",
                system.licence_jpy_per_year * grow,
                [inv("systems", system.id, "licence_jpy_per_year"), setting("escalation.maintenance")],
            )
        )
    return out


def _continuing(ctx: Context, strategy: Strategy | None, table: dict[Strategy, float]) -> float:
    if strategy is None:
        return 1.0
    return table.get(strategy, 0.0)


def _systems(ctx: Context, timing: Timing, ledger: Ledger, scenario: str, systems: Iterable[System]) -> None:
    s = ctx.settings
    rev = s.revision
    years = ledger.years
    grow = ctx.growth(s.escalation.maintenance, years)
    for system in systems:
        leaves = timing.system_leaves.get(system.id)
        strategy = timing.moved_by(system.id)
        keeps_software = strategy in IAAS  # rehosted software keeps its maintenance and licence
        # As system_software year by year, a whole row per category at once (the same products in the same order).
        kept = [share + (1 - share) * (1.0 if keeps_software else 0.0) for share in ctx.shares(leaves, years)]
        for category, field in (("maintenance", "maintenance_jpy_per_year"), ("licence", "licence_jpy_per_year")):
            fee = getattr(system, field)
            if fee:
                basis = [inv("systems", system.id, field), setting("escalation.maintenance")]
                ledger.add_row(
                    scenario, category, system.id, [fee * grow[k] * kept[k] for k in range(len(years))], basis
                )
        for year in years if system.fee_revision else ():
            if (year - rev.first_year) % rev.every_years == 0:
                revision_day = date(year if rev.month >= 4 else year + 1, rev.month, 1)
                moved = leaves is not None and revision_day >= leaves
                factor = _continuing(ctx, strategy, rev.strategy_share) if moved else 1.0
                amount = rev.jpy_by_customisation.get(system.customisation, 0.0)
                basis = [
                    inv("systems", system.id, "fee_revision"),
                    setting(f"revision.jpy_by_customisation.{system.customisation.value}"),
                    setting("revision.first_year"),
                    setting("revision.every_years"),
                    setting("escalation.maintenance"),
                ]
                if moved:
                    basis.append(setting(f"revision.strategy_share.{strategy.value if strategy else ''}"))
                ledger.add(
                    year,
                    scenario,
                    "revision",
                    system.id,
                    amount * factor * ctx.grow(s.escalation.maintenance, year),
                    basis,
                )
        price, price_basis = system_purchase(ctx, system)
        anchor = system_anchor(ctx, system)
        if anchor is None or price == 0:
            continue
        cycle, cycle_basis = system_cycle(ctx, system)
        for day in cycle_dates(anchor, cycle, ctx.last_year)[1:]:
            moved = leaves is not None and day >= leaves
            factor = _continuing(ctx, strategy, s.cloud.software_refresh_share) if moved else 1.0
            basis = [
                *price_basis,
                inv("systems", system.id, "contract_end"),
                cycle_basis,
                setting("escalation.purchase"),
            ]
            if moved and strategy is not None:
                basis.append(setting(f"cloud.software_refresh_share.{strategy.value}"))
            year = fiscal_year(day)
            ledger.add(
                year,
                scenario,
                "software_refresh",
                system.id,
                price * factor * ctx.grow(s.escalation.purchase, year),
                basis,
            )


def shared_costs(ctx: Context, timing: Timing, ledger: Ledger, scenario: str) -> None:
    """Book the costs shared by many systems (server room, UPS...): paid while any system needing them is on site."""
    s = ctx.settings
    for k, shared in enumerate(s.shared_costs):
        users = [sys for sys in ctx.inventory.systems if not shared.needed_by or sys.category in shared.needed_by]
        if not users:
            continue
        # A step, not a slope: paid in full while any system needing it is still on site, so until the last leaves
        # (the share of a year on site grows with the leaving date).
        leaving = [timing.system_leaves.get(sys.id) for sys in users]
        last = None if any(day is None for day in leaving) else max(leaving)  # type: ignore[type-var]
        for year in ledger.years:
            share = onprem_share(year, last)
            amount = shared.jpy_per_year * share * ctx.grow(s.escalation.maintenance, year)
            ledger.add(
                year,
                scenario,
                "shared",
                shared.id,
                amount,
                [setting(f"shared_costs.{k}.jpy_per_year"), setting("escalation.maintenance")],
            )


def _connections(
    ctx: Context, timing: Timing, ledger: Ledger, scenario: str, connections: Iterable[Connection]
) -> None:
    s = ctx.settings
    for conn in connections:
        if not conn.cost_jpy_per_year:
            continue
        share = ctx.shares(line_leaves(conn, timing.system_leaves), ledger.years)
        grow = ctx.growth(s.escalation.maintenance, ledger.years)
        cost = conn.cost_jpy_per_year
        ledger.add_row(
            scenario,
            "connections",
            conn.id,
            [cost * share[k] * grow[k] for k in range(len(share))],
            [inv("connections", conn.id, "cost_jpy_per_year"), setting("escalation.maintenance")],
        )


def onprem_subject_costs(
    ctx: Context,
    timing: Timing,
    ledger: Ledger,
    scenario: str,
    servers: Iterable[Server],
    systems: Iterable[System],
    connections: Iterable[Connection],
) -> None:
    """Book the on-premises costs of the given servers, systems and connections (each line's subject is one of them)."""
    book_onprem_servers(ctx, timing, ledger, scenario, servers)
    _systems(ctx, timing, ledger, scenario, systems)
    _connections(ctx, timing, ledger, scenario, connections)


def onprem_costs(ctx: Context, timing: Timing, ledger: Ledger, scenario: str) -> None:
    """Book every on-premises cost of one scenario."""
    inventory = ctx.inventory
    onprem_subject_costs(ctx, timing, ledger, scenario, inventory.servers, inventory.systems, inventory.connections)
    shared_costs(ctx, timing, ledger, scenario)
