"""Variants of the plan's run, each recomputing only the categories its change touches.

The sensitivity tornado: the plan's NPV saving with one driver at a low and a high value, everything else unchanged.
Each driver names the parameters it changes (a setting path, or `prices.<kind>`); a variant recomputes only the
categories that declare they read one of them (hismigrate.cost.categories), for both scenarios, and takes every
other category's sums from the plan's own run.

Each wave's refresh-date alternative: cutting over instead at a date when one of the wave's assets is due for
refresh anyway, the one that strands the least book value (the NPV breaks a tie). The write-off decides first and is
one category, so only the dates tied on the least write-off are costed in full."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np

from hismigrate.cost.categories import BY_NAME, CATEGORIES, touched
from hismigrate.cost.context import Context, make_context
from hismigrate.cost.one_time import STRANDING
from hismigrate.cost.runs import Sums, category_sums, saving_npv, total
from hismigrate.cost.timing import Timing, shifted
from hismigrate.model.calendar import cycle_dates
from hismigrate.model.cost import DriverUnit, TornadoBar
from hismigrate.model.plan import Wave

MAX_REFRESH_CANDIDATES = 6  # bounds the extra runs per wave on large estates


@dataclass(frozen=True)
class Driver:
    """What is varied: `parameters` (setting paths or `prices.<kind>`, as categories declare what they read), how
    (`set` a setting, `scale` a setting or each value of a table, `prices` times the value, `rate`: one exchange rate
    for every year, `hardware`: the table of typical hardware prices times the value) and the low and high value (as shown, and the value)."""

    name: str
    parameters: str
    how: Literal["set", "scale", "prices", "rate", "hardware"]
    unit: DriverUnit  # how its low and high read in a report
    low: tuple[float, float]  # (as shown, the value set)
    high: tuple[float, float]

    def apply(self, value: float, ctx: Context) -> Context:
        """A context of the same estate with the driver at `value`."""
        cost, catalog, table = ctx.settings, ctx.catalog, ctx.table
        if self.how == "rate":
            cost = cost.model_copy(update={"jpy_per_usd": {min(cost.jpy_per_usd): value}})
        elif self.how == "prices":
            catalog = catalog.with_prices({p.removeprefix("prices.") for p in self.parameters.split()}, value)
        elif self.how == "hardware":
            table = table.scaled(value)
        else:
            section, name = self.parameters.split(".")
            now = getattr(getattr(cost, section), name)
            new: object = value
            if self.how == "scale":
                new = {k: x * value for k, x in now.items()} if isinstance(now, dict) else now * value
            cost = cost.model_copy(update={section: getattr(cost, section).model_copy(update={name: new})})
        return make_context(ctx.estate, cost, catalog, ctx.as_of, table)


CLOUD = "prices.compute prices.block_storage prices.object_storage prices.egress prices.platform"
# Ranges follow issue 5 and the pilot report (139-180 JPY/USD). Low and high are the driver's own low and high (a
# staff saving of 0% at the low end, 40% at the high), whichever way they move the NPV.
DRIVERS: tuple[Driver, ...] = (
    Driver("exchange_rate", "jpy_per_usd", "rate", "jpy_per_usd", (139, 139.0), (180, 180.0)),
    Driver("cloud_prices", CLOUD, "prices", "change", (0.8, 0.8), (1.2, 1.2)),
    Driver("egress_volume", "cloud.egress_volume_factor", "scale", "factor", (0.5, 0.5), (3, 3.0)),
    Driver("line_costs", "prices.line", "prices", "factor", (0.5, 0.5), (2, 2.0)),
    Driver("maintenance_share", "maintenance.hardware_share", "set", "share", (0.05, 0.05), (0.15, 0.15)),
    Driver("refresh_cycle", "refresh.emr_class_years", "set", "years", (5, 5), (7, 7)),
    Driver("revision_rework", "revision.jpy_by_customisation", "scale", "factor", (0.5, 0.5), (2, 2.0)),
    Driver("staff_savings", "staff.cloud_share_iaas", "set", "share", (0.0, 1.0), (0.4, 0.6)),
    # the table of typical hardware prices is an estimate: 30% either way
    Driver("hardware_estimates", "hardware", "hardware", "factor", (0.7, 0.7), (1.3, 1.3)),
)


def variant_npv(
    ctx: Context, driver: Driver, value: float, timings: tuple[Timing, Timing], sums: tuple[Sums, Sums]
) -> int:
    """The plan's NPV with the driver at `value`: the categories `driver` touches recomputed under the baseline's and the
    plan's timings (`timings`), the others' sums from the plan's run (`sums`)."""
    other = driver.apply(value, ctx)
    categories = touched(frozenset(driver.parameters.split()))
    base, plan = ({**s, **category_sums(other, t, categories)} for s, t in zip(sums, timings, strict=True))
    return saving_npv(other, base, plan)


def tornado(
    ctx: Context, timings: tuple[Timing, Timing], sums: tuple[Sums, Sums], base: int
) -> tuple[list[TornadoBar], list[str]]:
    """The bars, widest swing first, and the drivers left out: those giving the plan's NPV saving (`base`) at both
    ends (nothing in the estate rests on them)."""
    bars, none = [], []
    for d in DRIVERS:
        low, high = (variant_npv(ctx, d, end[1], timings, sums) for end in (d.low, d.high))
        if low == high == base:
            none.append(d.name)
            continue
        bars.append(
            TornadoBar(
                driver=d.name,
                unit=d.unit,
                low=d.low[0],
                high=d.high[0],
                npv_saving_low_jpy=low,
                npv_saving_high_jpy=high,
            )
        )
    return sorted(bars, key=lambda b: (-b.swing, b.driver)), none


def refresh_candidates(ctx: Context, wave: Wave, timing: Timing) -> list[date]:
    """Dates after the cutover at which one of the wave's assets is due for refresh anyway: the next purchase of a
    system's software replaced or switched off (rehosted software moves along), or of hardware its servers carry."""
    estate, software, hw, dues = ctx.estate, ctx.software, ctx.hardware, set()
    server_cycle = ctx.settings.refresh.server_years
    for k in (estate.system_at[x] for x in wave.systems if x in estate.system_at):
        cycles = [(int(software.anchor[k]), int(software.cycle[k]))] if timing.strategy_of(k) in STRANDING else []
        carried = np.isin(hw.unit_carrier, estate.servers_of[k])  # the hardware its servers carry
        cycles += [(int(a), server_cycle) for a in np.unique(hw.unit_anchor[carried]).tolist()]
        for anchor, cycle in cycles:
            if anchor:
                due = [d for d in cycle_dates(date.fromordinal(anchor), cycle, ctx.last_year) if d > wave.cutover]
                dues.update(due[:1])
    return sorted(dues)[:MAX_REFRESH_CANDIDATES]


def at_refresh(ctx: Context, wave: Wave, timing: Timing, baseline: Sums) -> tuple[date | None, int | None, int | None]:
    """(cutover date, NPV of the plan's delta, the plan's total write-off) if the wave cut over at its best refresh
    date; Nones when none of its assets is due in the horizon."""
    n = len(ctx.years)
    before = sum(total(baseline, n, cash=False))  # the baseline's write-off: none, while nothing leaves
    moved = {day: shifted(ctx, timing, wave.systems, day) for day in refresh_candidates(ctx, wave, timing)}
    sums = {day: category_sums(ctx, t, [BY_NAME["write_off"]]) for day, t in moved.items()}
    written = {day: before + sum(total(found, n, cash=False)) for day, found in sums.items()}
    if not written:
        return None, None, None
    least = min(written.values())
    tied = [day for day, stranded in written.items() if stranded == least]
    value = {day: saving_npv(ctx, baseline, category_sums(ctx, moved[day], CATEGORIES)) for day in tied}
    best = max(tied, key=value.__getitem__)  # the earliest of the best
    return best, value[best], least
