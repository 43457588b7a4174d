"""What a cost run reads: the estate as arrays (hismigrate.cost.estate) and the settings, catalog and years of one
run (`Context`: the plan's, or a sensitivity variant's with other settings or prices)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

import numpy as np

from hismigrate.cost.days import add_years as add_days_years
from hismigrate.cost.estate import STRATEGIES, Estate, make_estate
from hismigrate.cost.hardware import Hardware, make_hardware
from hismigrate.model.calendar import fiscal_year
from hismigrate.model.cost import SettingValue
from hismigrate.model.enums import Strategy
from hismigrate.model.hardware_prices import HardwarePrices, shipped_hardware_prices
from hismigrate.model.inventory import Inventory
from hismigrate.model.prices import PriceCatalog, PriceItem
from hismigrate.model.settings import CostSettings

IAAS = frozenset({Strategy.rehost, Strategy.replatform, Strategy.refactor})
LEAVING = IAAS | {Strategy.repurchase, Strategy.retire}
_SOME_DAY = 730000  # a real day in place of an unknown one (0), for arithmetic that is then thrown away


def code_of(strategies: frozenset[Strategy]) -> np.ndarray:
    """A mask over strategy codes (`STRATEGIES` positions, and -1 for a system that stays: never in it) of the given
    strategies, for `mask[codes]`."""
    return np.array([s in strategies for s in STRATEGIES] + [False], dtype=bool)


@dataclass(frozen=True)
class Software:
    """Per system: replacement purchase (its price, else maintenance / software share, else 0), refresh cycle and
    depreciation life in years, and the day its cycle counts from: its purchase date, else inferred as the contract
    end minus a cycle (`inferred`), else 0 (unknown)."""

    price: np.ndarray
    cycle: np.ndarray
    life: np.ndarray
    anchor: np.ndarray
    inferred: np.ndarray


@dataclass(frozen=True)
class Context:
    """One run's settings, catalog and horizon over an estate; worked out on first use: the catalog's prices per item
    and year, and per server and system what the settings make of its dates and prices."""

    estate: Estate
    settings: CostSettings
    catalog: PriceCatalog
    as_of: date
    table: HardwarePrices  # typical hardware prices, for what the inventory does not price

    @cached_property
    def years(self) -> list[int]:
        """The fiscal years of the horizon, from the one of `as_of`."""
        return [self.first_year + k for k in range(self.settings.horizon_years)]

    @property
    def first_year(self) -> int:
        return fiscal_year(self.as_of)

    @property
    def last_year(self) -> int:
        return self.years[-1]

    @cached_property
    def items(self) -> list[PriceItem]:
        """The catalog's items; `prices` row k is item k's."""
        return list(self.catalog.items)

    @cached_property
    def rate_years(self) -> list[int]:
        """Per year of the horizon: the year of the exchange-rate path that applies."""
        path = self.settings.jpy_per_usd
        return [max((y for y in path if y <= year), default=min(path)) for year in self.years]

    @cached_property
    def prices(self) -> np.ndarray:
        """JPY per unit and year of each item: escalated, converted at the year's rate when in USD."""
        rows = [self.converted(it.price, it.currency) for it in self.items]
        return np.array(rows, dtype=np.float64).reshape(len(rows), len(self.years))

    @cached_property
    def extra(self) -> dict[str, int]:
        """Subject numbers beyond the estate's: shared costs, subsidies, platform and line items."""
        s, estate, out = self.settings, self.estate, dict[str, int]()
        names = [x.id for x in s.shared_costs] + [x.id for x in s.subsidies]
        for name in names + [it.id for it in self.items if it.kind in ("platform", "line")]:
            if name not in estate.subject_at and name not in out:
                out[name] = len(estate.subjects) + len(out)
        return out

    def grow(self, rate: float, year: int) -> float:
        """Escalation factor of `year` relative to the first year of the horizon."""
        return float((1 + rate) ** (year - self.first_year))

    def growth(self, rate: float, years: np.ndarray | None = None) -> np.ndarray:
        """`grow(rate, year)` for each of `years` (default: the horizon's)."""
        if years is None:
            return np.array([self.grow(rate, y) for y in self.years], dtype=np.float64)
        first = int(years.min(initial=self.first_year))  # a factor per year from the earliest to the latest
        factors = [self.grow(rate, y) for y in range(first, int(years.max(initial=first)) + 1)]
        return np.asarray(np.array(factors, dtype=np.float64)[years - first])

    def of_kind(self, kind: str) -> list[PriceItem]:
        """The catalog's items of a kind, cheapest first."""
        return sorted((it for it in self.items if it.kind == kind), key=lambda it: (it.price, it.id))

    def cheapest(self, kind: str) -> PriceItem | None:
        items = self.of_kind(kind)
        return items[0] if items else None

    def converted(self, amount: float, currency: str) -> np.ndarray:
        """An amount in a catalog's currency as JPY for each year: escalated and converted as the items' prices."""
        rates = np.array([self.settings.jpy_per_usd[y] for y in self.rate_years]) if currency == "USD" else 1.0
        return np.asarray(amount * self.growth(self.settings.escalation.cloud) * rates, dtype=np.float64)

    def price_row(self, item: PriceItem) -> np.ndarray:
        row: np.ndarray = self.prices[self.items.index(item)]
        return row

    @cached_property
    def server_anchors(self) -> np.ndarray:
        """Per server: the purchase its refresh cycle counts from (refresh due minus a cycle, else its purchase
        date), 0 when unknown."""
        facts, cycle = self.estate.server_facts, self.settings.refresh.server_years
        due = facts["refresh_due"]
        return np.where(due > 0, add_days_years(np.where(due > 0, due, _SOME_DAY), -cycle), facts["purchase_date"])

    @cached_property
    def hardware(self) -> Hardware:
        """Per server: the hardware it carries (its own, a share of its hosts', an estimate) and its purchases."""
        t = self.table
        classes = (t.servers, t.hypervisor_hosts, t.storage, t.host())
        e = self.estate
        return make_hardware(e.server_facts, e.host_named, e.cluster, self.server_anchors, self.settings, classes)

    @cached_property
    def cold_shares(self) -> tuple[np.ndarray, np.ndarray]:
        """Per server: the share of its data that is cold and the system that decides it (-1 none). Archives (role
        storage): the least of the systems' it serves (their own `cold_data_share`, else their category's default);
        backup servers: `storage.backup_cold_share`; other servers: 0."""
        estate, table = self.estate, self.settings.storage.cold_share_by_category
        given = estate.system_facts["cold_data_share"]
        by_category = np.array([table.get(x.category, 0.0) for x in estate.systems], dtype=np.float64)
        system = np.where(np.isnan(given), by_category, given).reshape(len(estate.systems))
        n = len(estate.servers)
        share = np.full(n, np.inf)
        np.minimum.at(share, estate.pair_server, system[estate.pair_system])
        facts = estate.server_facts
        share = np.where(np.isfinite(share) & facts["role.storage"], share, 0.0)
        deciding = np.full(n, -1, dtype=np.int64)
        hit = system[estate.pair_system] == share[estate.pair_server]
        deciding[estate.pair_server[hit][::-1]] = estate.pair_system[hit][::-1]  # the first such system
        backup = self.settings.storage.backup_cold_share
        return np.where(facts["role.backup"], backup, share), np.where(
            (share > 0) & facts["role.storage"], deciding, -1
        )

    @cached_property
    def software(self) -> Software:
        """Per system: the replacement purchase of its software, its cycle and life, and the day the cycle counts
        from."""
        facts, s = self.estate.system_facts, self.settings
        bought, maint = np.nan_to_num(facts["purchase_price_jpy"]), np.nan_to_num(facts["maintenance_jpy_per_year"])
        price = np.where(bought != 0, bought, np.where(maint != 0, maint / s.maintenance.software_share, 0.0))
        emr = np.array([x.category in s.refresh.emr_class_categories for x in self.estate.systems], dtype=bool)
        cycle = np.where(emr, s.refresh.emr_class_years, s.refresh.other_system_years).astype(np.int64)
        given = facts["depreciation_years"]
        life = np.where(np.isnan(given), s.depreciation.software_years, given).astype(np.int64)
        ends, dates = facts["contract_end"], facts["purchase_date"]
        inferred = (dates == 0) & (ends > 0)
        anchor = np.where(inferred, add_days_years(np.where(ends > 0, ends, _SOME_DAY), -cycle), dates)
        n = len(emr)
        return Software(price.reshape(n), cycle.reshape(n), life.reshape(n), anchor.reshape(n), inferred.reshape(n))

    def code(self, name: str) -> int:
        """A subject's number: the estate's, or one of this context's own (shared costs, subsidies, items)."""
        found = self.estate.subject_at.get(name)
        return found if found is not None else self.extra[name]

    def subject_name(self, code: int) -> str:
        subjects = self.estate.subjects
        if code < len(subjects):
            return subjects[code]
        return list(self.extra)[code - len(subjects)]


def make_context(
    inventory: Inventory | Estate,
    settings: CostSettings,
    catalog: PriceCatalog,
    as_of: date,
    table: HardwarePrices | None = None,
) -> Context:
    """A context over an inventory, or over an estate already made (sensitivity variants share their plan's); the
    hardware table is the shipped one unless given."""
    estate = inventory if isinstance(inventory, Estate) else make_estate(inventory)
    return Context(estate, settings, catalog, as_of, table or shipped_hardware_prices())


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
