"""Sensitivity tornado: the plan's NPV with one driver at a low and a high value, everything else unchanged."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from hismigrate.cost.catalog import PriceCatalog
from hismigrate.cost.context import make_context
from hismigrate.cost.result import TornadoBar
from hismigrate.model.inventory import Inventory
from hismigrate.model.plan import MigrationPlan
from hismigrate.model.settings import CostSettings

Variant = Callable[[CostSettings, PriceCatalog], tuple[CostSettings, PriceCatalog]]

CLOUD_KINDS = {"compute", "block_storage", "object_storage", "egress", "platform"}


def _section(cost: CostSettings, name: str, **changes: object) -> CostSettings:
    return cost.model_copy(update={name: getattr(cost, name).model_copy(update=changes)})


def _rate(value: float) -> Variant:
    return lambda c, cat: (c.model_copy(update={"jpy_per_usd": {min(c.jpy_per_usd): value}}), cat)


def _prices(kinds: set[str], factor: float) -> Variant:
    return lambda c, cat: (c, cat.with_prices(kinds, factor))


def _egress(factor: float) -> Variant:
    return lambda c, cat: (_section(c, "cloud", egress_volume_factor=c.cloud.egress_volume_factor * factor), cat)


def _maintenance_share(value: float) -> Variant:
    return lambda c, cat: (_section(c, "maintenance", hardware_share=value), cat)


def _refresh(years: int) -> Variant:
    return lambda c, cat: (_section(c, "refresh", emr_class_years=years), cat)


def _revision(factor: float) -> Variant:
    def apply(c: CostSettings, cat: PriceCatalog) -> tuple[CostSettings, PriceCatalog]:
        table = {k: v * factor for k, v in c.revision.jpy_by_customisation.items()}
        return _section(c, "revision", jpy_by_customisation=table), cat

    return apply


def _staff(value: float) -> Variant:
    return lambda c, cat: (_section(c, "staff", cloud_share_iaas=value), cat)


# driver, (low label, variant), (high label, variant). Ranges follow issue 5 and the pilot report (139-180 JPY/USD).
DRIVERS: tuple[tuple[str, tuple[str, Variant], tuple[str, Variant]], ...] = (
    ("exchange_rate", ("139", _rate(139.0)), ("180", _rate(180.0))),
    ("cloud_prices", ("-20%", _prices(CLOUD_KINDS, 0.8)), ("+20%", _prices(CLOUD_KINDS, 1.2))),
    ("egress_volume", ("x0.5", _egress(0.5)), ("x3", _egress(3.0))),
    ("line_costs", ("x0.5", _prices({"line"}, 0.5)), ("x2", _prices({"line"}, 2.0))),
    ("maintenance_share", ("5%", _maintenance_share(0.05)), ("15%", _maintenance_share(0.15))),
    ("refresh_cycle", ("5y", _refresh(5)), ("7y", _refresh(7))),
    ("revision_rework", ("x0.5", _revision(0.5)), ("x2", _revision(2.0))),
    ("staff_savings", ("40%", _staff(0.6)), ("0%", _staff(1.0))),
)


def tornado(
    inventory: Inventory, plan: MigrationPlan, cost: CostSettings, catalog: PriceCatalog, as_of: date
) -> list[TornadoBar]:
    """One bar per driver, widest swing first."""
    from hismigrate.cost.model import plan_npv

    # The baseline is on-premises costs alone, which read neither the catalog nor the exchange rate: the drivers
    # that change only those (rate, cloud and line prices) share one baseline run instead of booking it each.
    baselines: dict[str, object] = {}
    bars = []
    for driver, (low_label, low), (high_label, high) in DRIVERS:
        values = []
        for variant in (low, high):
            c, cat = variant(cost, catalog)
            ctx = make_context(inventory, c, cat, as_of)
            key = c.model_dump_json(exclude={"jpy_per_usd", "sources"})
            if key in baselines:
                ctx.memo["baseline"] = baselines[key]
            values.append(plan_npv(ctx, plan)[0])
            baselines[key] = ctx.memo["baseline"]
        bars.append(
            TornadoBar(driver=driver, low=low_label, high=high_label, npv_low_jpy=values[0], npv_high_jpy=values[1])
        )
    return sorted(bars, key=lambda b: (-b.swing, b.driver))
