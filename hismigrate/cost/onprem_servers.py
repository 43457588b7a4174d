"""The on-premises running costs of servers (maintenance, power, facilities, staff) and their hardware refresh
purchases: the one-year formulas, and the same as matrices over servers x years.

Each element of a matrix is the same product of the same factors in the same order as the one-year formula
(`server_running`), so the figures are the same to the last bit.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache

import numpy as np

from hismigrate.cost.context import Context, Timing
from hismigrate.cost.ledger import Ledger, inv, setting
from hismigrate.cost.rows import Rows, book_rows, row_totals
from hismigrate.model.calendar import add_years, cycle_dates, fiscal_year
from hismigrate.model.inventory import Server

REFRESH = "hardware_refresh"


def server_anchor(ctx: Context, server: Server) -> date | None:
    """The purchase the server's refresh cycle counts from (kept per context: the refresh-date screen asks for every
    server of a wave at every candidate date)."""
    anchors: dict[str, date | None] | None = ctx.memo.get("server_anchors")
    if anchors is None:
        anchors = ctx.memo["server_anchors"] = {}
    found = anchors.get(server.id, _UNKNOWN)
    if found is _UNKNOWN:
        cycle = ctx.settings.refresh.server_years
        found = anchors[server.id] = (
            add_years(server.refresh_due, -cycle) if server.refresh_due is not None else server.purchase_date
        )
    return found  # type: ignore[return-value]


_UNKNOWN = object()


def hardware_maintenance(ctx: Context, server: Server) -> tuple[float, list[str]]:
    if server.maintenance_jpy_per_year is not None:
        return server.maintenance_jpy_per_year, [inv("servers", server.id, "maintenance_jpy_per_year")]
    if server.purchase_price_jpy:
        return server.purchase_price_jpy * ctx.settings.maintenance.hardware_share, [
            inv("servers", server.id, "purchase_price_jpy"),
            setting("maintenance.hardware_share"),
        ]
    return 0.0, []


def server_power_kwh(ctx: Context, server: Server) -> tuple[float, list[str]]:
    power = ctx.settings.power
    if server.power_watts is not None:
        watts, basis = server.power_watts, inv("servers", server.id, "power_watts")
    elif server.physical:
        watts, basis = power.default_watts_physical, setting("power.default_watts_physical")
    else:
        watts, basis = power.default_watts_virtual, setting("power.default_watts_virtual")
    kwh = watts * power.pue * power.hours_per_year / 1000
    return kwh, [basis, setting("power.pue"), setting("power.hours_per_year")]


def server_parts(ctx: Context, server: Server) -> tuple[float, float, list[tuple[str, ...]]]:
    """Maintenance, power (kWh) and the four bases of a server's running costs: the same every year of a run."""
    key = ("server_parts", server.id)
    found: tuple[float, float, list[tuple[str, ...]]] | None = ctx.memo.get(key)
    if found is None:
        maint, maint_basis = hardware_maintenance(ctx, server)
        kwh, power_basis = server_power_kwh(ctx, server)
        bases = [
            (*maint_basis, setting("escalation.maintenance")),
            (*power_basis, setting("power.jpy_per_kwh"), setting("escalation.energy")),
            *_same_bases(),  # facilities and staff: one object for every server (the ledger keeps it as it is)
        ]
        found = ctx.memo[key] = (maint, kwh, bases)
    return found


@cache
def _same_bases() -> tuple[tuple[str, ...], tuple[str, ...]]:
    return (
        (setting("facilities_jpy_per_server_year"), setting("escalation.maintenance")),
        (setting("staff.onprem_fte_per_server"), setting("staff.jpy_per_fte_year"), setting("escalation.wages")),
    )


def server_running(ctx: Context, server: Server, year: int) -> list[tuple[str, float, tuple[str, ...]]]:
    """A server's yearly running costs on premises in `year` (category, JPY, basis; the basis lists are shared)."""
    s = ctx.settings
    maint, kwh, bases = server_parts(ctx, server)
    return [
        ("maintenance", maint * ctx.grow(s.escalation.maintenance, year), bases[0]),
        ("power", kwh * s.power.jpy_per_kwh * ctx.grow(s.escalation.energy, year), bases[1]),
        ("facilities", s.facilities_jpy_per_server_year * ctx.grow(s.escalation.maintenance, year), bases[2]),
        (
            "staff",
            s.staff.onprem_fte_per_server * s.staff.jpy_per_fte_year * ctx.grow(s.escalation.wages, year),
            bases[3],
        ),
    ]


def onprem_server_rows(ctx: Context, timing: Timing, servers: list[Server], years: list[int]) -> dict[str, Rows]:
    s = ctx.settings
    if not servers:
        return {}
    ids = [server.id for server in servers]
    leaving = [timing.server_leaves.get(x) for x in ids]
    by_day = {d: ctx.shares(d, years) for d in dict.fromkeys(leaving)}
    share = np.array([by_day[d] for d in leaving], dtype=np.float64)
    maintenance = np.array(ctx.growth(s.escalation.maintenance, years), dtype=np.float64)
    energy = np.array(ctx.growth(s.escalation.energy, years), dtype=np.float64)
    wages = np.array(ctx.growth(s.escalation.wages, years), dtype=np.float64)
    parts = [server_parts(ctx, server) for server in servers]
    maint = np.array([p[0] for p in parts], dtype=np.float64)[:, None]
    kwh = np.array([p[1] for p in parts], dtype=np.float64)[:, None]
    out = {
        "maintenance": Rows(ids, maint * maintenance * share),
        "power": Rows(ids, kwh * s.power.jpy_per_kwh * energy * share),
        "facilities": Rows(ids, s.facilities_jpy_per_server_year * maintenance * share),
        "staff": Rows(ids, s.staff.onprem_fte_per_server * s.staff.jpy_per_fte_year * wages * share),
    }
    refresh = _refresh_rows(ctx, servers, leaving, years)
    if refresh is not None:
        out[REFRESH] = refresh
    return out


def _refresh_rows(ctx: Context, servers: list[Server], leaving: list, years: list[int]) -> Rows | None:  # type: ignore[type-arg]
    """Servers re-bought at each refresh date in the horizon before they leave."""
    s = ctx.settings
    cycle = s.refresh.server_years
    position = {year: k for k, year in enumerate(years)}
    ids, rows = [], []
    for server, leaves in zip(servers, leaving, strict=True):
        anchor = server_anchor(ctx, server)
        if anchor is None or not server.purchase_price_jpy:
            continue
        row: list[float] | None = None
        for day in cycle_dates(anchor, cycle, ctx.last_year)[1:]:
            if leaves is not None and day >= leaves:
                continue  # not re-bought: the server has left by then
            year = fiscal_year(day)
            if year not in position:
                continue
            if row is None:
                row = [0.0] * len(years)
            row[position[year]] += server.purchase_price_jpy * ctx.grow(s.escalation.purchase, year)
        if row is not None:
            ids.append(server.id)
            rows.append(row)
    return Rows(ids, np.array(rows, dtype=np.float64).reshape(len(ids), len(years))) if ids else None


def book_onprem_servers(ctx: Context, timing: Timing, ledger: Ledger, scenario: str, servers: Iterable[Server]) -> None:
    """Book the rows in a ledger, each with its basis when the ledger keeps them."""
    rows = onprem_server_rows(ctx, timing, list(servers), ledger.years)
    by_id = ctx.index.servers
    running = {"maintenance": 0, "power": 1, "facilities": 2, "staff": 3}

    def basis(category: str, k: int) -> Iterable[str]:
        server = by_id[rows[category].ids[k]]
        if category in running:
            return server_parts(ctx, server)[2][running[category]]
        return [
            inv("servers", server.id, "purchase_price_jpy"),
            inv("servers", server.id, "refresh_due" if server.refresh_due else "purchase_date"),
            setting("refresh.server_years"),
            setting("escalation.purchase"),
        ]

    book_rows(ledger, scenario, rows, basis)


def onprem_server_totals(
    ctx: Context, timing: Timing, servers: list[Server], years: list[int]
) -> dict[str, tuple[int, ...]]:
    """Each server's on-premises totals (cash, write-off: none here, running per year)."""
    return row_totals(onprem_server_rows(ctx, timing, servers, years), len(years))


__all__ = [
    "book_onprem_servers",
    "hardware_maintenance",
    "onprem_server_rows",
    "onprem_server_totals",
    "server_anchor",
    "server_parts",
    "server_power_kwh",
    "server_running",
]
