"""The shared environment's components priced once for the group, year by year: the landing zone and the hub line
(the price catalog's platform and line items), the operations staff, the security monitoring and the one-time
build; the package's volume discount (the catalog's tiers on the package item).

An environment component runs from the day the environment is ready; the build is spread over the months it
takes. Catalog items are priced by the cost model's own pricing (escalation, the year's exchange rate).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from hismigrate.group.calendar import GroupCalendar
from hismigrate.model.calendar import fiscal_year, onprem_share
from hismigrate.model.group import GroupDefaults, GroupSpec
from hismigrate.model.group_cost import SharedComponent
from hismigrate.model.prices import PriceCatalog, PriceItem
from hismigrate.model.settings import CostSettings
from hismigrate.plan.waves import add_months

PLATFORM_KINDS = ("platform",)  # priced once for the group instead of once per member
HUB_KINDS = ("line",)


@dataclass(frozen=True)
class Environment:
    """The components as rows of JPY per year, and what sets each apart for the sensitivity runs."""

    years: list[int]
    components: list[SharedComponent]


def running_share(years: list[int], ready: date) -> list[float]:
    """The share of each fiscal year in which the environment runs."""
    return [1 - onprem_share(year, ready) for year in years]


def _months_by_year(start: date, months: int, years: list[int]) -> list[float]:
    """Share of a `months`-long piece of work that falls in each fiscal year (evenly by month)."""
    counts = dict.fromkeys(years, 0)
    for k in range(months):
        year = fiscal_year(add_months(start, k))
        if year in counts:
            counts[year] += 1
        elif year < years[0]:
            counts[years[0]] += 1  # work before the horizon is paid in its first year
    return [counts[y] / months for y in years]


def build_jpy(spec: GroupSpec, defaults: GroupDefaults, members: int) -> float:
    given = spec.shared.environment.build_jpy
    return given if given is not None else defaults.build_base_jpy + defaults.build_per_member_jpy * members


# An item's whole year in JPY for each year of the horizon, and what that rests on (the cost model's pricing).
Pricing = Callable[[PriceItem], tuple[list[float], list[str]]]


def environment(
    spec: GroupSpec,
    defaults: GroupDefaults,
    settings: CostSettings,
    catalog: PriceCatalog,
    calendar: GroupCalendar,
    years: list[int],
    members: int,
    yearly: Pricing,
) -> Environment:
    env = spec.shared.environment
    runs = running_share(years, calendar.ready)
    first = years[0]
    out: list[SharedComponent] = []

    def add(ident: str, amounts: list[float], basis: tuple[str, ...], manual: bool) -> None:
        out.append(
            SharedComponent(
                id=ident, amounts_jpy=tuple(round(a) for a in amounts), split="key", basis=basis, manual=manual
            )
        )

    for ident, kinds in (("landing_zone", PLATFORM_KINDS), ("hub_line", HUB_KINDS)):
        items = [it for kind in kinds for it in catalog.of_kind(kind)]
        priced = [yearly(it) for it in items]
        amounts = [sum(row[k] for row, _ in priced) * runs[k] for k in range(len(years))]
        basis = tuple(dict.fromkeys(ref for _, refs in priced for ref in refs))
        add(ident, amounts, basis, any(it.manual for it in items))
    fte = env.operations_fte if env.operations_fte is not None else defaults.operations_fte
    wages = settings.escalation.wages
    staff = [fte * settings.staff.jpy_per_fte_year * (1 + wages) ** (y - first) * runs[k] for k, y in enumerate(years)]
    staff_basis = (
        "group:shared.environment.operations_fte" if env.operations_fte is not None else "group_defaults:operations_fte"
    )
    add(
        "operations", staff, (staff_basis, "setting:cost.staff.jpy_per_fte_year", "setting:cost.escalation.wages"), True
    )
    soc = env.security_monitoring_jpy_per_year
    soc_basis = "group:shared.environment.security_monitoring_jpy_per_year"
    if soc is None:
        soc, soc_basis = defaults.security_monitoring_jpy_per_year, "group_defaults:security_monitoring_jpy_per_year"
    growth = settings.escalation.maintenance
    monitoring = [soc * (1 + growth) ** (y - first) * runs[k] for k, y in enumerate(years)]
    add("security_monitoring", monitoring, (soc_basis, "setting:cost.escalation.maintenance"), True)
    total = build_jpy(spec, defaults, members)
    spread = _months_by_year(calendar.build_start, max(1, _months(calendar.build_start, calendar.ready)), years)
    build_basis = (
        ("group:shared.environment.build_jpy",)
        if env.build_jpy is not None
        else ("group_defaults:build_base_jpy", "group_defaults:build_per_member_jpy")
    )
    add("build", [total * s for s in spread], build_basis, True)
    return Environment(years=years, components=out)


def _months(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


def package_item(catalog: PriceCatalog, categories: list[object]) -> PriceItem | None:
    """The catalog's package quote: the SaaS item of the first shared category that has volume tiers, else of the
    first that has one (the EMR's, usually)."""
    items = [it for category in categories for it in catalog.of_kind("saas") if it.category == category]
    return next((it for it in items if catalog.volume_discounts.get(it.id)), items[0] if items else None)


__all__ = [
    "Environment",
    "build_jpy",
    "environment",
    "package_item",
    "running_share",
]
