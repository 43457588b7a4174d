"""One-time costs of moving each system, by strategy (work, data, interfaces, validation, training, parallel
running, leaving a contract early), minus subsidies; and stranded assets: book value written off at cutover.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from hismigrate.cost.context import Context, Timing
from hismigrate.cost.ledger import Ledger, inv, setting
from hismigrate.cost.onprem import system_anchor, system_cycle, system_purchase, system_software
from hismigrate.cost.onprem_servers import server_anchor, server_running
from hismigrate.model.calendar import cycle_dates, fiscal_year, months_between
from hismigrate.model.enums import Strategy
from hismigrate.model.inventory import Server, System
from hismigrate.model.settings import StrategyOneTime

ONE_TIME = "one_time"


def _parallel_running(ctx: Context, system: System, year: int) -> tuple[float, list[str]]:
    """A year of the system's on-premises running cost (its servers shared with other systems count in part)."""
    total, basis = 0.0, []
    for _category, amount, b in system_software(ctx, system, year):
        total += amount
        basis += b
    for server in ctx.servers_of(system):
        hosts = len(ctx.systems_of_server.get(server.id, ())) or 1
        for _category, amount, b in server_running(ctx, server, year):
            total += amount / hosts
            basis += b
    return total, basis


def _components(
    ctx: Context, system: System, strategy: Strategy, rule: StrategyOneTime, year: int
) -> dict[str, tuple[float, list[str]]]:
    key = f"one_time.by_strategy.{strategy.value}"
    s = ctx.settings
    n_interfaces = ctx.interfaces(system.id)
    run, run_basis = _parallel_running(ctx, system, year)
    out = {
        "migration": (
            rule.per_system_jpy + rule.per_server_jpy * len(ctx.servers_of(system)),
            [setting(f"{key}.per_system_jpy"), setting(f"{key}.per_server_jpy"), inv("systems", system.id, "servers")],
        ),
        "data_transfer": (
            (system.data_volume_gb or 0) * s.one_time.data_transfer_jpy_per_gb,
            [inv("systems", system.id, "data_volume_gb"), setting("one_time.data_transfer_jpy_per_gb")],
        ),
        "interfaces": (rule.per_interface_jpy * n_interfaces, [setting(f"{key}.per_interface_jpy"), "inventory:flows"]),
        "validation": (rule.validation_jpy, [setting(f"{key}.validation_jpy")]),
        "training": (
            rule.training_jpy_per_user * (system.users or 0),
            [setting(f"{key}.training_jpy_per_user"), inv("systems", system.id, "users")],
        ),
        # Both estates are paid while they run side by side (wages escalation is applied below, not to this).
        "parallel_running": (run * rule.parallel_months / 12, [*run_basis, setting(f"{key}.parallel_months")]),
    }
    return out


def _early_exit(ctx: Context, system: System, strategy: Strategy, cutover_day) -> tuple[float, list[str]]:  # type: ignore[no-untyped-def]
    # Rehosted software keeps its contract; a system replaced or switched off pays to leave it early.
    if strategy not in (Strategy.repurchase, Strategy.retire) or system.contract_end is None:
        return 0.0, []
    months = months_between(cutover_day, system.contract_end)
    if months <= 0:
        return 0.0, []
    fees = (system.maintenance_jpy_per_year or 0) + (system.licence_jpy_per_year or 0)
    return fees / 12 * months * ctx.settings.one_time.early_exit_share, [
        inv("systems", system.id, "contract_end"),
        inv("systems", system.id, "maintenance_jpy_per_year"),
        inv("systems", system.id, "licence_jpy_per_year"),
        setting("one_time.early_exit_share"),
    ]


@dataclass(frozen=True)
class SystemOneTime:
    """The one-time lines of moving one system one way on one date, and what of them subsidies may cover."""

    system: str
    lines: tuple[tuple[str, int, float, list[str]], ...]  # subject, fiscal year, JPY, basis
    eligible: tuple[tuple[int, int, float, list[str]], ...]  # subsidy rule, fiscal year, JPY, basis
    total: float  # before subsidy
    refs: frozenset[str] = field(init=False, compare=False, repr=False)  # every basis reference of the lines
    # Its lines' totals by horizon (first year, years): kept with it, so that the sensitivity variants that take it
    # over take them too (cost.totals).
    totals: dict[tuple[int, int], tuple[int, ...]] = field(init=False, compare=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "refs", frozenset(r for line in self.lines for r in line[3]))


def system_one_time(ctx: Context, system: System, strategy: Strategy, cutover: date) -> SystemOneTime:
    """Moving `system` by `strategy` on `cutover`: the same for every plan that does so (kept per context)."""
    key = ("one_time", system.id, strategy, cutover)
    found: SystemOneTime | None = ctx.memo.get(key)
    if found is not None:
        return found
    s = ctx.settings
    year = fiscal_year(cutover)
    rule = s.one_time.by_strategy.get(strategy)
    parts = _components(ctx, system, strategy, rule, year) if rule else {}
    grow = ctx.grow(s.escalation.wages, year)
    lines: list[tuple[str, int, float, list[str]]] = []
    eligible: list[tuple[int, int, float, list[str]]] = []
    total = 0.0
    for name, (amount, basis) in sorted(parts.items()):
        escalated = amount if name == "parallel_running" else amount * grow
        extra = [] if name == "parallel_running" else [setting("escalation.wages")]
        lines.append((f"{system.id}.{name}", year, escalated, basis + extra))
        total += escalated
        for k, subsidy in enumerate(s.subsidies):
            if name in subsidy.components and (not subsidy.categories or system.category in subsidy.categories):
                eligible.append((k, year, escalated, basis))
    amount, basis = _early_exit(ctx, system, strategy, cutover)
    lines.append((f"{system.id}.early_exit", year, amount, basis))
    total += amount
    found = ctx.memo[key] = SystemOneTime(system.id, tuple(lines), tuple(eligible), total)
    return found


def subsidies(ctx: Context, moving: list[SystemOneTime]) -> list[tuple[str, int, float, list[str]]]:
    """Subsidy lines (negative) for the moving systems' eligible costs, earliest first until each rule's cap."""
    s = ctx.settings
    eligible: dict[int, list[tuple[int, float, list[str]]]] = {}
    for one in moving:
        for k, year, amount, basis in one.eligible:
            eligible.setdefault(k, []).append((year, amount, basis))
    beds = ctx.inventory.hospital.beds
    out = []
    for k, entries in sorted(eligible.items()):
        subsidy = s.subsidies[k]
        caps = [c for c in subsidy.caps if c.min_beds <= beds]
        cap = max(caps, key=lambda c: c.min_beds).cap_jpy if caps else 0.0
        remaining = cap
        for year, amount, basis in sorted(entries, key=lambda e: e[0]):
            granted = min(amount * subsidy.share, remaining)
            remaining -= granted
            refs = [*basis, setting(f"subsidies.{k}.share"), setting(f"subsidies.{k}.caps"), "inventory:hospital.beds"]
            out.append((subsidy.id, year, -granted, refs))
    return out


def moving_systems(ctx: Context, timing: Timing) -> list[SystemOneTime]:
    """The one-time lines of every system a timing moves, in inventory order."""
    out = []
    for system in ctx.inventory.systems:
        strategy = timing.moved_by(system.id)
        cutover = timing.system_leaves.get(system.id)
        if strategy is not None and cutover is not None:
            out.append(system_one_time(ctx, system, strategy, cutover))
    return out


def one_time_costs(ctx: Context, timing: Timing, ledger: Ledger, scenario: str) -> dict[str, float]:
    """Book the one-time costs and subsidies of one scenario; return the one-time total per system (before subsidy)."""
    moving = moving_systems(ctx, timing)
    totals: dict[str, float] = {}
    for one in moving:
        for subject, year, amount, basis in one.lines:
            ledger.add(year, scenario, ONE_TIME, subject, amount, basis)
        totals[one.system] = one.total
    for subject, year, amount, basis in subsidies(ctx, moving):
        ledger.add(year, scenario, "subsidy", subject, amount, basis)
    return totals


def _book_value(price: float, bought, leaves, life_years: int) -> float:  # type: ignore[no-untyped-def]
    return _depreciated(price, months_between(bought, leaves), life_years)


def _depreciated(price: float, months: int, life_years: int) -> float:
    """What is left of `price` after `months` of straight-line depreciation over `life_years`."""
    return price * max(0.0, 1 - months / (life_years * 12)) if months >= 0 else 0.0


def write_offs(
    ctx: Context,
    timing: Timing,
    ledger: Ledger,
    scenario: str,
    servers: Iterable[Server] | None = None,
    systems: Iterable[System] | None = None,
) -> None:
    """Book value of servers and replaced software not yet depreciated when they leave: a non-cash line (of the
    given servers and systems, else of all)."""
    for subject, year, value, basis in write_off_items(ctx, timing, servers, systems):
        ledger.add(year, scenario, "write_off", subject, value, basis, cash=False)


def write_off_items(
    ctx: Context, timing: Timing, servers: Iterable[Server] | None = None, systems: Iterable[System] | None = None
) -> Iterator[tuple[str, int, float, list[str]]]:
    """(subject, fiscal year, JPY, basis) of each write-off (see `write_offs`)."""
    for server in ctx.inventory.servers if servers is None else servers:
        found = server_write_off(ctx, server, timing.server_leaves.get(server.id))
        if found is not None:
            yield (
                server.id,
                found[0],
                found[1],
                [
                    inv("servers", server.id, "purchase_price_jpy"),
                    inv("servers", server.id, "refresh_due" if server.refresh_due else "purchase_date"),
                    setting("depreciation.server_years"),
                ],
            )
    for system in ctx.inventory.systems if systems is None else systems:
        found = system_write_off(ctx, system, timing.system_leaves.get(system.id), timing.moved_by(system.id))
        if found is not None:
            basis = system_purchase(ctx, system)[1]
            cycle_basis = system_cycle(ctx, system)[1]
            yield (
                system.id,
                found[0],
                found[1],
                [
                    *basis,
                    inv("systems", system.id, "contract_end"),
                    cycle_basis,
                    setting("depreciation.software_years"),
                ],
            )


def server_write_off(ctx: Context, server: Server, leaves: date | None) -> tuple[int, float] | None:
    """(fiscal year, JPY) of the book value a server strands when it leaves on `leaves`; None when nothing is
    written off."""
    if leaves is None or not server.purchase_price_jpy:
        return None
    anchor = server_anchor(ctx, server)
    if anchor is None:
        return None
    # The dates depend on the anchor and the leaving date alone, which few servers do not share with others:
    # worked out once per pair (the refresh-date screen asks for every server of a wave at every candidate date).
    key = ("server_write_off", anchor, leaves)
    found: tuple[int, float | int, int] | tuple[()] | None = ctx.memo.get(key)
    if found is None:
        s = ctx.settings
        bought = [d for d in cycle_dates(anchor, s.refresh.server_years, fiscal_year(leaves)) if d < leaves]
        if not bought:
            found = ctx.memo[key] = ()  # bought after it leaves: nothing to write off
        else:
            year = fiscal_year(bought[-1])
            grow = ctx.grow(s.escalation.purchase, year) if year >= ctx.first_year else 1
            found = ctx.memo[key] = (fiscal_year(leaves), grow, months_between(bought[-1], leaves))
    if not found:
        return None
    year, grow, months = found
    return year, _depreciated(server.purchase_price_jpy * grow, months, ctx.settings.depreciation.server_years)


def system_write_off(
    ctx: Context, system: System, leaves: date | None, strategy: Strategy | None
) -> tuple[int, float] | None:
    """(fiscal year, JPY) of the book value of a system's software that is replaced or switched off on `leaves`;
    None when nothing is written off."""
    s = ctx.settings
    anchor = system_anchor(ctx, system)
    price = system_purchase(ctx, system)[0]
    if leaves is None or anchor is None or price == 0 or strategy not in (Strategy.repurchase, Strategy.retire):
        return None
    cycle = system_cycle(ctx, system)[0]
    bought = [d for d in cycle_dates(anchor, cycle, fiscal_year(leaves)) if d < leaves]
    if not bought:
        return None
    year = fiscal_year(bought[-1])
    price *= ctx.grow(s.escalation.purchase, year) if year >= ctx.first_year else 1
    return fiscal_year(leaves), _book_value(price, bought[-1], leaves, s.depreciation.software_years)
