"""What moving costs once: the one-time costs of moving each system, by strategy (work, data, interfaces, validation,
training, parallel running, leaving a contract early); the subsidies that cover part of them, earliest first until
each cap; and stranded assets, the book value of servers and of replaced or retired software not yet depreciated
when they leave (straight line from the last purchase of their cycle), written off in the fiscal year they leave
(non-cash)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hismigrate.cost.bases import hardware_refs, inv, setting, software_refs
from hismigrate.cost.context import Context, code_of
from hismigrate.cost.days import NEVER, fiscal_years, last_before, month_numbers
from hismigrate.cost.estate import ONE_TIME_PARTS, STRATEGIES
from hismigrate.cost.onprem import SERVER_SETTINGS, server_basis, server_figures
from hismigrate.cost.table import Basis, Rows, in_years, joined, named
from hismigrate.cost.timing import Timing
from hismigrate.model.enums import Strategy
from hismigrate.model.settings import StrategyOneTime

PARALLEL = ONE_TIME_PARTS.index("parallel_running")
STRANDING = frozenset({Strategy.repurchase, Strategy.retire})  # rehosted software moves along, keeping its contract
_STRANDING = code_of(STRANDING)


@dataclass(frozen=True)
class Moves:
    """The one-time lines of every system a timing moves (in inventory order): its fiscal year of cutover, whether
    its strategy has a one-time rule, each part's JPY (`ONE_TIME_PARTS`, then leaving the contract early) and their
    total before subsidies."""

    systems: list[int]
    years: list[int]
    ruled: np.ndarray
    parts: np.ndarray  # systems x (parts, early exit)
    totals: list[float]


def _parallel_running(ctx: Context, systems: np.ndarray, years: np.ndarray) -> np.ndarray:
    """A year of each system's on-premises running cost in its cutover year: software maintenance and licence, then
    server by server its running categories (hismigrate.cost.onprem: maintenance, power, facilities, staff; a
    server's shared by the systems it hosts), added in that order."""
    estate, figures = ctx.estate, server_figures(ctx)
    grow = {rate: ctx.growth(rate, years) for _, rate in figures.values()}
    total = np.zeros(len(systems), dtype=np.float64)
    for field in ("maintenance_jpy_per_year", "licence_jpy_per_year"):
        total = total + np.nan_to_num(estate.system_facts[field][systems]) * grow[ctx.settings.escalation.maintenance]
    hosts = np.maximum(estate.hosts, 1)
    start, count = estate.server_start[systems], estate.server_count[systems]
    for rank in range(int(count.max()) if len(count) else 0):
        at = np.flatnonzero(count > rank)
        server = estate.server_list[start[at] + rank]
        for yearly, rate in figures.values():
            total[at] = total[at] + yearly[server] * grow[rate][at] / hosts[server]
    return total


def _rule_field(ctx: Context, name: str) -> np.ndarray:
    """Per strategy code: a field of the strategy's one-time rule (0 without a rule)."""
    rules = ctx.settings.one_time.by_strategy
    return np.array([getattr(rules[x], name) if x in rules else 0.0 for x in STRATEGIES], dtype=np.float64)


def moves(ctx: Context, timing: Timing) -> Moves:
    s, estate = ctx.settings, ctx.estate
    systems = np.flatnonzero(timing.strategy >= 0)
    leaves, code = timing.system_leaves[systems], timing.strategy[systems].astype(np.int64)
    years = fiscal_years(leaves)
    facts = estate.system_facts
    volume, users = np.nan_to_num(facts["data_volume_gb"][systems]), np.nan_to_num(facts["users"][systems])
    rule = {name: _rule_field(ctx, name)[code] for name in StrategyOneTime.model_fields}
    run = _parallel_running(ctx, systems, years)
    amounts = (
        volume * s.one_time.data_transfer_jpy_per_gb,
        rule["per_interface_jpy"] * estate.interfaces[systems],
        rule["per_system_jpy"] + rule["per_server_jpy"] * estate.server_count[systems],
        run * rule["parallel_months"] / 12,
        rule["training_jpy_per_user"] * users,
        rule["validation_jpy"],
    )
    grow = ctx.growth(s.escalation.wages, years)
    ruled = np.array([x in s.one_time.by_strategy for x in STRATEGIES], dtype=bool)[code]
    parts = np.zeros((len(systems), len(ONE_TIME_PARTS) + 1), dtype=np.float64)
    total = np.zeros(len(systems), dtype=np.float64)
    for p, amount in enumerate(amounts):
        parts[:, p] = np.where(ruled, amount if p == PARALLEL else amount * grow, 0.0)
        total = total + parts[:, p]
    # Rehosted software keeps its contract; a system replaced or switched off pays to leave it early.
    ends = facts["contract_end"][systems]
    months = month_numbers(np.where(ends > 0, ends, leaves)) - month_numbers(leaves)
    fees = np.nan_to_num(facts["maintenance_jpy_per_year"][systems]) + np.nan_to_num(
        facts["licence_jpy_per_year"][systems]
    )
    leaving = _STRANDING[code] & (ends > 0) & (months > 0)
    parts[:, -1] = np.where(leaving, fees / 12 * months * s.one_time.early_exit_share, 0.0)
    return Moves(systems.tolist(), years.tolist(), ruled, parts, (total + parts[:, -1]).tolist())


def part_bases(ctx: Context, k: int, timing: Timing) -> list[list[str]]:
    """Per part of moving system k (`ONE_TIME_PARTS`, then early exit): what it is computed from (before wages
    escalation)."""
    strategy = timing.strategy_of(k)
    assert strategy is not None
    system, key = ctx.estate.systems[k], f"one_time.by_strategy.{strategy.value}"
    run: list[str] = []
    for field in ("maintenance_jpy_per_year", "licence_jpy_per_year"):
        if getattr(system, field):
            run += [inv("systems", system.id, field), setting("escalation.maintenance")]
    for x in ctx.estate.servers_of[k]:
        run += [ref for name in SERVER_SETTINGS for ref in server_basis(ctx, x, name)]
    early: list[str] = []
    if strategy in STRANDING and system.contract_end is not None:
        early = [
            inv("systems", system.id, "contract_end"),
            inv("systems", system.id, "maintenance_jpy_per_year"),
            inv("systems", system.id, "licence_jpy_per_year"),
            setting("one_time.early_exit_share"),
        ]
    return [
        [inv("systems", system.id, "data_volume_gb"), setting("one_time.data_transfer_jpy_per_gb")],
        [setting(f"{key}.per_interface_jpy"), "inventory:flows"],
        [setting(f"{key}.per_system_jpy"), setting(f"{key}.per_server_jpy"), inv("systems", system.id, "servers")],
        [*run, setting(f"{key}.parallel_months")],
        [setting(f"{key}.training_jpy_per_user"), inv("systems", system.id, "users")],
        [setting(f"{key}.validation_jpy")],
        early,
    ]


def one_time(ctx: Context, timing: Timing, bases: bool) -> Rows:
    """One line per part of each move, in its fiscal year of cutover (parts without a rule for the strategy: only
    leaving the contract early)."""
    found, n = moves(ctx, timing), len(ctx.years)
    systems = np.array(found.systems, dtype=np.int64)
    position = np.array(found.years, dtype=np.int64) - ctx.first_year
    early = np.arange(len(ONE_TIME_PARTS) + 1) == len(ONE_TIME_PARTS)
    chosen = (found.ruled[:, None] | early[None, :]) & ((position >= 0) & (position < n))[:, None]
    row, part = np.nonzero(chosen)  # by system, then part
    amounts = in_years(n, position[row], found.parts[row, part])
    named: list[Basis] | None = None
    if bases:
        of = {j: part_bases(ctx, found.systems[j], timing) for j in np.unique(row).tolist()}
        wages = [setting("escalation.wages")]  # all but parallel running (its own escalations) and leaving early
        escalated = [wages if p not in (PARALLEL, len(ONE_TIME_PARTS)) else [] for p in range(len(early))]
        named = [tuple(of[j][p] + escalated[p]) for j, p in zip(row.tolist(), part.tolist(), strict=True)]
    return Rows(ctx.estate.one_time_code[systems[row], part], amounts, named)


def subsidy(ctx: Context, timing: Timing, bases: bool) -> Rows:
    """Subsidy lines (negative) for the moves' eligible parts, earliest first until each rule's cap."""
    s, n = ctx.settings, len(ctx.years)
    found = moves(ctx, timing)
    beds = ctx.estate.inventory.hospital.beds
    rows: dict[int, np.ndarray] = {}
    named: dict[int, list[str]] = {}
    for k, rule in enumerate(s.subsidies):
        entries = [
            (year, float(found.parts[j, p]), system, p)
            for j, (system, year) in enumerate(zip(found.systems, found.years, strict=True))
            if found.ruled[j] and (not rule.categories or ctx.estate.systems[system].category in rule.categories)
            for p, part in enumerate(ONE_TIME_PARTS)
            if part in rule.components
        ]
        caps = [c for c in rule.caps if c.min_beds <= beds]
        remaining = max(caps, key=lambda c: c.min_beds).cap_jpy if caps else 0.0
        code = ctx.code(rule.id)
        for year, amount, system, p in sorted(entries, key=lambda e: e[0]):
            granted = min(amount * rule.share, remaining)
            remaining -= granted
            position = year - ctx.first_year
            if not 0 <= position < n:
                continue
            row = rows.setdefault(code, np.zeros(n, dtype=np.float64))
            row[position] += -granted
            if bases:
                refs = [setting(f"subsidies.{k}.share"), setting(f"subsidies.{k}.caps"), "inventory:hospital.beds"]
                named.setdefault(code, []).extend(part_bases(ctx, system, timing)[p] + refs)
    amounts = np.array(list(rows.values()), dtype=np.float64).reshape(len(rows), n)
    bases_out: list[Basis] | None = [tuple(named.get(c, ())) for c in rows] if bases else None
    return Rows(np.array(list(rows), dtype=np.int64), amounts, bases_out)


def _book_values(
    ctx: Context,
    chosen: np.ndarray,
    price: np.ndarray,
    anchor: np.ndarray,
    cycles: np.ndarray | int,
    leaves: np.ndarray,
    lives: np.ndarray | int,
) -> tuple[np.ndarray, np.ndarray]:
    """Of the chosen assets (positions in the per-asset arrays; a number holds for every asset), those with a book
    value to write off in the horizon, and a row each: the last purchase before leaving, escalated when in the
    horizon, less its depreciation."""
    price, anchor, cycle, leaves, life = (
        np.broadcast_to(x, price.shape)[chosen] for x in (price, anchor, cycles, leaves, lives)
    )
    n = len(ctx.years)
    bought = last_before(anchor, cycle, leaves)
    position = fiscal_years(leaves) - ctx.first_year
    kept = (bought != 0) & (position >= 0) & (position < n)
    chosen, leaves, bought, position, price, life = (x[kept] for x in (chosen, leaves, bought, position, price, life))
    year = fiscal_years(bought)
    grow = np.where(year >= ctx.first_year, ctx.growth(ctx.settings.escalation.purchase, year), 1.0)  # before: as paid
    months = month_numbers(leaves) - month_numbers(bought)
    left = np.where(months >= 0, np.maximum(0.0, 1 - months / (life * 12)), 0.0)
    return chosen, in_years(n, position, price * grow * left)


def write_off(ctx: Context, timing: Timing, bases: bool) -> Rows:
    """The book value of the hardware each server carries (each unit from its own purchase) when the server leaves,
    then of the software of systems replaced or switched off (a server and a system of one id make one line)."""
    s, estate, hw, software = ctx.settings, ctx.estate, ctx.hardware, ctx.software
    leaves = timing.server_leaves[hw.unit_carrier]
    units = np.flatnonzero((leaves != NEVER) & (hw.unit_anchor != 0))
    hardware = (hw.unit_price, hw.unit_anchor, s.refresh.server_years, leaves, s.depreciation.server_years)
    units, by_unit = _book_values(ctx, units, *hardware)
    systems = np.flatnonzero(_STRANDING[timing.strategy] & (software.anchor != 0) & (software.price != 0))
    bought = (software.price, software.anchor, software.cycle, timing.system_leaves, software.life)
    systems, by_system = _book_values(ctx, systems, *bought)
    carriers, server_life = hw.unit_carrier[units], setting("depreciation.server_years")

    def system_basis(k: int) -> Basis:
        x = estate.systems[k]
        life = inv("systems", x.id, "depreciation_years") if x.depreciation_years else None
        return (*software_refs(ctx, x), life or setting("depreciation.software_years"))

    servers = named(bases, carriers, lambda k: (*hardware_refs(ctx, k, "price"), server_life))
    parts = [Rows(estate.server_code[carriers], by_unit, servers)]
    parts += [Rows(estate.system_code[systems], by_system, named(bases, systems, system_basis))]
    return joined(parts, len(ctx.years))
