"""Sensitivity tornado: the plan's NPV with one driver at a low and a high value, everything else unchanged.

Each driver names the parameters it changes (a setting path, or `prices.<kind>`); a variant recomputes only the
categories that declare they read one of them (hismigrate.cost.categories), for both scenarios, and takes every
other category's sums from the plan's own run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hismigrate.cost.categories import touched
from hismigrate.cost.context import Context, make_context
from hismigrate.cost.runs import Sums, category_sums, delta_npv, replaced
from hismigrate.cost.timing import Timing
from hismigrate.model.cost import TornadoBar
from hismigrate.model.prices import PriceCatalog
from hismigrate.model.settings import CostSettings

Change = Callable[[CostSettings, PriceCatalog], tuple[CostSettings, PriceCatalog]]

CLOUD_KINDS = ("compute", "block_storage", "object_storage", "egress", "platform")


@dataclass(frozen=True)
class Driver:
    name: str
    parameters: frozenset[str]  # what its variants change
    low: tuple[str, Change]  # label as shown, and the change
    high: tuple[str, Change]


def _section(cost: CostSettings, name: str, **changes: object) -> CostSettings:
    return cost.model_copy(update={name: getattr(cost, name).model_copy(update=changes)})


def _rate(value: float) -> Change:
    return lambda c, cat: (c.model_copy(update={"jpy_per_usd": {min(c.jpy_per_usd): value}}), cat)


def _prices(kinds: tuple[str, ...], factor: float) -> Change:
    return lambda c, cat: (c, cat.with_prices(set(kinds), factor))


def _egress(factor: float) -> Change:
    return lambda c, cat: (_section(c, "cloud", egress_volume_factor=c.cloud.egress_volume_factor * factor), cat)


def _maintenance_share(value: float) -> Change:
    return lambda c, cat: (_section(c, "maintenance", hardware_share=value), cat)


def _refresh(years: int) -> Change:
    return lambda c, cat: (_section(c, "refresh", emr_class_years=years), cat)


def _revision(factor: float) -> Change:
    def apply(c: CostSettings, cat: PriceCatalog) -> tuple[CostSettings, PriceCatalog]:
        table = {k: v * factor for k, v in c.revision.jpy_by_customisation.items()}
        return _section(c, "revision", jpy_by_customisation=table), cat

    return apply


def _staff(value: float) -> Change:
    return lambda c, cat: (_section(c, "staff", cloud_share_iaas=value), cat)


def _driver(name: str, parameters: tuple[str, ...], low: tuple[str, Change], high: tuple[str, Change]) -> Driver:
    return Driver(name, frozenset(parameters), low, high)


# Ranges follow issue 5 and the pilot report (139-180 JPY/USD).
DRIVERS: tuple[Driver, ...] = (
    _driver("exchange_rate", ("jpy_per_usd",), ("139", _rate(139.0)), ("180", _rate(180.0))),
    _driver(
        "cloud_prices",
        tuple(f"prices.{k}" for k in CLOUD_KINDS),
        ("-20%", _prices(CLOUD_KINDS, 0.8)),
        ("+20%", _prices(CLOUD_KINDS, 1.2)),
    ),
    _driver("egress_volume", ("cloud.egress_volume_factor",), ("x0.5", _egress(0.5)), ("x3", _egress(3.0))),
    _driver("line_costs", ("prices.line",), ("x0.5", _prices(("line",), 0.5)), ("x2", _prices(("line",), 2.0))),
    _driver(
        "maintenance_share",
        ("maintenance.hardware_share",),
        ("5%", _maintenance_share(0.05)),
        ("15%", _maintenance_share(0.15)),
    ),
    _driver("refresh_cycle", ("refresh.emr_class_years",), ("5y", _refresh(5)), ("7y", _refresh(7))),
    _driver("revision_rework", ("revision.jpy_by_customisation",), ("x0.5", _revision(0.5)), ("x2", _revision(2.0))),
    _driver("staff_savings", ("staff.cloud_share_iaas",), ("40%", _staff(0.6)), ("0%", _staff(1.0))),
)


def variant_npv(
    ctx: Context, driver: Driver, change: Change, timings: tuple[Timing, Timing], sums: tuple[Sums, Sums]
) -> int:
    """The plan's NPV with `change` applied: the categories `driver` touches recomputed under the baseline's and the
    plan's timings (`timings`), the others' sums from the plan's run (`sums`)."""
    settings, catalog = change(ctx.settings, ctx.catalog)
    other = make_context(ctx.estate, settings, catalog, ctx.as_of)
    categories = touched(driver.parameters)
    base, plan = (replaced(s, category_sums(other, t, categories)) for s, t in zip(sums, timings, strict=True))
    return delta_npv(other, base, plan)


def tornado(ctx: Context, timings: tuple[Timing, Timing], sums: tuple[Sums, Sums]) -> list[TornadoBar]:
    """The bars, widest swing first."""
    bars = [
        TornadoBar(
            driver=d.name,
            low=d.low[0],
            high=d.high[0],
            npv_low_jpy=variant_npv(ctx, d, d.low[1], timings, sums),
            npv_high_jpy=variant_npv(ctx, d, d.high[1], timings, sums),
        )
        for d in DRIVERS
    ]
    return sorted(bars, key=lambda b: (-b.swing, b.driver))
