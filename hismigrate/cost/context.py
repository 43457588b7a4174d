"""What a cost run reads: the estate as arrays (`Estate`, one per inventory), and the settings, catalog and years of
one run (`Context`: the estate's, or a sensitivity variant's with other settings or prices).

Basis references name what a figure is computed from: `setting:cost.<path>`, `catalog:<item id>` or
`inventory:<part>.<id>.<field>`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np

from hismigrate.model.calendar import add_years, fiscal_year
from hismigrate.model.cost import SettingValue
from hismigrate.model.enums import ServerRole, Strategy, UtilisationBasis
from hismigrate.model.inventory import Connection, Inventory, Server, System
from hismigrate.model.prices import PriceCatalog, PriceItem
from hismigrate.model.settings import CostSettings

STRATEGIES: tuple[Strategy, ...] = tuple(Strategy)
IAAS = frozenset({Strategy.rehost, Strategy.replatform, Strategy.refactor})
LEAVING = IAAS | {Strategy.repurchase, Strategy.retire}
ONE_TIME_PARTS = ("data_transfer", "interfaces", "migration", "parallel_running", "training", "validation")


def setting(path: str) -> str:
    return f"setting:cost.{path}"


def item_ref(item_id: str) -> str:
    return f"catalog:{item_id}"


def inv(part: str, ident: str, name: str) -> str:
    return f"inventory:{part}.{ident}.{name}"


def code_of(strategies: frozenset[Strategy]) -> np.ndarray:
    """A mask over strategy codes (`STRATEGIES` positions) of the given strategies."""
    return np.array([s in strategies for s in STRATEGIES], dtype=bool)


@dataclass(frozen=True)
class Estate:
    """The inventory as positions and arrays, the same for every context of it. Servers, systems and connections
    are numbered in inventory order; `pairs` links each server to the systems it hosts (each pair once)."""

    inventory: Inventory
    servers: list[Server]
    systems: list[System]
    connections: list[Connection]
    system_at: dict[str, int]
    pair_server: np.ndarray  # (server, system) pairs: the server's position ...
    pair_system: np.ndarray  # ... and the system's
    hosts: np.ndarray  # per server: how many systems it hosts
    servers_of: list[list[int]]  # per system: its listed servers that exist (in its order, repeats kept) ...
    server_list: np.ndarray  # ... all in one array: system k's are server_list[server_start[k]:][:server_count[k]]
    server_start: np.ndarray
    server_count: np.ndarray
    interfaces: np.ndarray  # per system: flows it sends or receives
    flow_facts: dict[str, np.ndarray]  # per flow: source and target system positions (-1: unknown), GB a day, and
    # its rank among the flows its source sends (inventory order)
    subjects: list[str]  # every subject name a line can have, each once
    subject_at: dict[str, int]
    server_code: np.ndarray  # the subject number of each server, system, connection
    system_code: np.ndarray
    connection_code: np.ndarray
    one_time_code: np.ndarray  # systems x (ONE_TIME_PARTS, early_exit): the subject of each one-time line
    server_facts: dict[str, np.ndarray]  # per server, each numeric field (NaN when not given) and role flag

    def code(self, name: str) -> int:
        return self.subject_at[name]


def make_estate(inventory: Inventory) -> Estate:
    servers, systems, connections = list(inventory.servers), list(inventory.systems), list(inventory.connections)
    server_at = {s.id: k for k, s in reversed(list(enumerate(servers)))}
    system_at = {s.id: k for k, s in reversed(list(enumerate(systems)))}
    servers_of = [[server_at[x] for x in sys.servers if x in server_at] for sys in systems]
    count = [len(xs) for xs in servers_of]
    pairs = sorted({(server_at[x], k) for k, sys in enumerate(systems) for x in sys.servers if x in server_at})
    pair_server = np.array([p[0] for p in pairs], dtype=np.int64)
    pair_system = np.array([p[1] for p in pairs], dtype=np.int64)
    interfaces = np.zeros(len(systems), dtype=np.int64)
    for flow in inventory.flows:
        for end in {flow.source, flow.target}:
            if end in system_at:
                interfaces[system_at[end]] += 1
    flows = inventory.flows
    sent: dict[str, int] = {}
    ranks = []
    for f in flows:
        ranks.append(sent.get(f.source, 0))
        sent[f.source] = ranks[-1] + 1
    flow_facts = {
        "source": np.array([system_at.get(f.source, -1) for f in flows], dtype=np.int64),
        "target": np.array([system_at.get(f.target, -1) for f in flows], dtype=np.int64),
        "gb_per_day": np.array(
            [f.gb_per_day if f.gb_per_day is not None else (f.mbps or 0) * 86400 / 8 / 1000 for f in flows],
            dtype=np.float64,
        ),
        "rank": np.array(ranks, dtype=np.int64),
    }
    names = [s.id for s in servers] + [s.id for s in systems] + [c.id for c in connections]
    names += [f"{s.id}.{part}" for s in systems for part in (*ONE_TIME_PARTS, "early_exit")]
    subject_at: dict[str, int] = {}
    for name in names:
        subject_at.setdefault(name, len(subject_at))

    def codes(ids: list[str]) -> np.ndarray:
        return np.array([subject_at[x] for x in ids], dtype=np.int64)

    parts = (*ONE_TIME_PARTS, "early_exit")
    one_time = codes([f"{s.id}.{part}" for s in systems for part in parts]).reshape(len(systems), len(parts))
    return Estate(
        inventory=inventory,
        servers=servers,
        systems=systems,
        connections=connections,
        system_at=system_at,
        pair_server=pair_server,
        pair_system=pair_system,
        hosts=np.bincount(pair_server, minlength=len(servers)),
        servers_of=servers_of,
        server_list=np.array([x for xs in servers_of for x in xs], dtype=np.int64),
        server_start=np.cumsum([0, *count[:-1]]).astype(np.int64) if count else np.zeros(0, dtype=np.int64),
        server_count=np.array(count, dtype=np.int64),
        interfaces=interfaces,
        flow_facts=flow_facts,
        subjects=list(subject_at),
        subject_at=subject_at,
        server_code=codes([s.id for s in servers]),
        system_code=codes([s.id for s in systems]),
        connection_code=codes([c.id for c in connections]),
        one_time_code=one_time,
        server_facts=_server_facts(servers),
    )


SERVER_NUMBERS = (
    "purchase_price_jpy",
    "maintenance_jpy_per_year",
    "power_watts",
    "storage_gb",
    "vcpu",
    "memory_gb",
    "cpu_util_pct",
    "memory_util_pct",
)


def _server_facts(servers: list[Server]) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {
        name: np.array([getattr(s, name) for s in servers], dtype=np.float64).reshape(len(servers))
        for name in SERVER_NUMBERS
    }
    out["physical"] = np.array([bool(s.physical) for s in servers], dtype=bool).reshape(len(servers))
    for role in ServerRole:
        out[f"role.{role.value}"] = np.array([s.role == role for s in servers], dtype=bool).reshape(len(servers))
    for name in ("refresh_due", "purchase_date"):
        days = [getattr(s, name) for s in servers]
        out[name] = np.array([d.toordinal() if d else 0 for d in days], dtype=np.int64).reshape(len(servers))
    out["p95"] = np.array([s.util_basis == UtilisationBasis.p95 for s in servers], dtype=bool).reshape(len(servers))
    return out


@dataclass(frozen=True)
class Context:
    """One run's settings, catalog and horizon over an estate; prices per catalog item and year worked out once."""

    estate: Estate
    settings: CostSettings
    catalog: PriceCatalog
    as_of: date
    first_year: int
    years: list[int]
    items: list[PriceItem]  # the catalog's items; `prices` row k is item k's
    prices: np.ndarray  # JPY per unit and year: escalated, converted at the year's rate when in USD
    rate_years: list[int]  # per year of the horizon: the year of the exchange-rate path that applies
    extra: dict[str, int] = field(default_factory=dict)  # subjects beyond the estate's (shared costs, items, ...)

    @property
    def inventory(self) -> Inventory:
        return self.estate.inventory

    @property
    def last_year(self) -> int:
        return self.years[-1]

    def grow(self, rate: float, year: int) -> float:
        """Escalation factor of `year` relative to the first year of the horizon."""
        return float((1 + rate) ** (year - self.first_year))

    def growth(self, rate: float) -> np.ndarray:
        """`grow(rate, year)` for each year of the horizon."""
        return np.array([self.grow(rate, year) for year in self.years], dtype=np.float64)

    def of_kind(self, kind: str) -> list[PriceItem]:
        """The catalog's items of a kind, cheapest first."""
        return sorted((it for it in self.items if it.kind == kind), key=lambda it: (it.price, it.id))

    def cheapest(self, kind: str) -> PriceItem | None:
        items = self.of_kind(kind)
        return items[0] if items else None

    def price_row(self, item: PriceItem) -> np.ndarray:
        row: np.ndarray = self.prices[self.items.index(item)]
        return row

    def price_basis(self, item: PriceItem) -> list[str]:
        """What an item's prices over the horizon name: the item, cloud escalation and each year's rate."""
        basis = [item_ref(item.id), setting("escalation.cloud")]
        if item.currency == "USD":
            basis += [setting(f"jpy_per_usd.{y}") for y in dict.fromkeys(self.rate_years)]
        return basis

    def code(self, name: str) -> int:
        """A subject's number: the estate's, or one of this context's own (shared costs, subsidies, items)."""
        found = self.estate.subject_at.get(name)
        return found if found is not None else self.extra[name]

    def subject_name(self, code: int) -> str:
        subjects = self.estate.subjects
        if code < len(subjects):
            return subjects[code]
        return list(self.extra)[code - len(subjects)]


def make_context(inventory: Inventory | Estate, settings: CostSettings, catalog: PriceCatalog, as_of: date) -> Context:
    """A context over an inventory, or over an estate already made (sensitivity variants share their plan's)."""
    estate = inventory if isinstance(inventory, Estate) else make_estate(inventory)
    first = fiscal_year(as_of)
    years = [first + k for k in range(settings.horizon_years)]
    path = settings.jpy_per_usd
    rate_years = [max((y for y in path if y <= year), default=min(path)) for year in years]
    prices = np.zeros((len(catalog.items), len(years)), dtype=np.float64)
    for k, item in enumerate(catalog.items):
        for j, year in enumerate(years):
            price = item.price * (1 + settings.escalation.cloud) ** (year - first)
            if item.currency == "USD":
                price *= path[rate_years[j]]
            prices[k, j] = price
    names = [s.id for s in settings.shared_costs] + [s.id for s in settings.subsidies]
    names += [it.id for it in catalog.items if it.kind in ("platform", "line")]
    extra: dict[str, int] = {}
    for name in names:
        if name not in estate.subject_at and name not in extra:
            extra[name] = len(estate.subjects) + len(extra)
    return Context(estate, settings, catalog, as_of, first, years, list(catalog.items), prices, rate_years, extra)


def server_anchor(server: Server, cycle: int) -> date | None:
    """The purchase a server's refresh cycle counts from."""
    return add_years(server.refresh_due, -cycle) if server.refresh_due is not None else server.purchase_date


def server_anchors(ctx: Context) -> np.ndarray:
    """Per server: the day (ordinal) its refresh cycle counts from, 0 when unknown (see `server_anchor`)."""
    facts, cycle = ctx.estate.server_facts, ctx.settings.refresh.server_years
    due = facts["refresh_due"]
    found, where = np.unique(due, return_inverse=True)
    shifted = [add_years(date.fromordinal(int(d)), -cycle).toordinal() if d else 0 for d in found]
    return np.where(due > 0, np.array(shifted, dtype=np.int64)[where.reshape(-1)], facts["purchase_date"])


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


def settings_paths(settings: CostSettings) -> dict[str, SettingValue]:
    """Every cost setting by its path (`cost.power.pue`: 1.8), as bases and reports name them."""
    out: dict[str, SettingValue] = {}

    def walk(prefix: str, value: object) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(f"{prefix}.{k}", v)
        elif isinstance(value, list):
            for k, v in enumerate(value):
                walk(f"{prefix}.{k}", v)
        else:
            out[prefix] = value  # type: ignore[assignment]  # JSON scalars (model_dump in json mode)

    walk("cost", settings.model_dump(mode="json", exclude={"sources"}))
    return out
