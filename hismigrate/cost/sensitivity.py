"""Sensitivity tornado: the plan's NPV with one driver at a low and a high value, everything else unchanged.

Each driver names the parameters it changes (a setting path, or `prices.<kind>`); a variant recomputes only the
categories that declare they read one of them (hismigrate.cost.categories), for both scenarios, and takes every
other category's sums from the plan's own run."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from hismigrate.cost.categories import touched
from hismigrate.cost.context import Context, make_context
from hismigrate.cost.runs import Sums, category_sums, delta_npv, replaced
from hismigrate.cost.timing import Timing
from hismigrate.model.cost import TornadoBar
from hismigrate.model.prices import PriceCatalog
from hismigrate.model.settings import CostSettings


@dataclass(frozen=True)
class Driver:
    """What is varied: `parameters` (setting paths or `prices.<kind>`, as categories declare what they read), how
    (`set` a setting, `scale` a setting or each value of a table, `prices` times the value, `rate`: one exchange rate
    for every year) and the low and high value (as shown, and the value)."""

    name: str
    parameters: str
    how: Literal["set", "scale", "prices", "rate"]
    low: tuple[str, float]
    high: tuple[str, float]

    def apply(self, value: float, cost: CostSettings, catalog: PriceCatalog) -> tuple[CostSettings, PriceCatalog]:
        if self.how == "rate":
            return cost.model_copy(update={"jpy_per_usd": {min(cost.jpy_per_usd): value}}), catalog
        if self.how == "prices":
            return cost, catalog.with_prices({p.removeprefix("prices.") for p in self.parameters.split()}, value)
        section, name = self.parameters.split(".")
        now = getattr(getattr(cost, section), name)
        new: object = value
        if self.how == "scale":
            new = {k: x * value for k, x in now.items()} if isinstance(now, dict) else now * value
        return cost.model_copy(update={section: getattr(cost, section).model_copy(update={name: new})}), catalog


CLOUD = "prices.compute prices.block_storage prices.object_storage prices.egress prices.platform"
# Ranges follow issue 5 and the pilot report (139-180 JPY/USD).
DRIVERS: tuple[Driver, ...] = (
    Driver("exchange_rate", "jpy_per_usd", "rate", ("139", 139.0), ("180", 180.0)),
    Driver("cloud_prices", CLOUD, "prices", ("-20%", 0.8), ("+20%", 1.2)),
    Driver("egress_volume", "cloud.egress_volume_factor", "scale", ("x0.5", 0.5), ("x3", 3.0)),
    Driver("line_costs", "prices.line", "prices", ("x0.5", 0.5), ("x2", 2.0)),
    Driver("maintenance_share", "maintenance.hardware_share", "set", ("5%", 0.05), ("15%", 0.15)),
    Driver("refresh_cycle", "refresh.emr_class_years", "set", ("5y", 5), ("7y", 7)),
    Driver("revision_rework", "revision.jpy_by_customisation", "scale", ("x0.5", 0.5), ("x2", 2.0)),
    Driver("staff_savings", "staff.cloud_share_iaas", "set", ("40%", 0.6), ("0%", 1.0)),
)


def variant_npv(
    ctx: Context, driver: Driver, value: float, timings: tuple[Timing, Timing], sums: tuple[Sums, Sums]
) -> int:
    """The plan's NPV with the driver at `value`: the categories `driver` touches recomputed under the baseline's and the
    plan's timings (`timings`), the others' sums from the plan's run (`sums`)."""
    settings, catalog = driver.apply(value, ctx.settings, ctx.catalog)
    other = make_context(ctx.estate, settings, catalog, ctx.as_of)
    categories = touched(frozenset(driver.parameters.split()))
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
