"""Each wave's refresh-date alternative: cutting over instead at a date when one of the wave's assets is due for
refresh anyway, the one that strands the least book value (the NPV breaks a tie). The write-off decides first and is
one category, so only the dates tied on the least write-off are costed in full."""

from __future__ import annotations

from datetime import date

import numpy as np

from hismigrate.cost.categories import BY_NAME, CATEGORIES
from hismigrate.cost.context import Context
from hismigrate.cost.runs import Sums, category_sums, saving_npv, written
from hismigrate.cost.timing import Timing, shifted
from hismigrate.cost.write_offs import STRANDING
from hismigrate.model.calendar import cycle_dates
from hismigrate.model.plan import Wave

MAX_REFRESH_CANDIDATES = 6  # bounds the extra runs per wave on large estates


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


def total_written(ctx: Context, timing: Timing, baseline: Sums) -> int:
    """The plan's total write-off under `timing` (with the baseline's, none while nothing leaves)."""
    n = len(ctx.years)
    return sum(written(baseline, n)) + sum(written(category_sums(ctx, timing, [BY_NAME["write_off"]]), n))


def at_refresh(ctx: Context, wave: Wave, timing: Timing, baseline: Sums) -> tuple[date | None, int | None, int | None]:
    """(cutover date, NPV of the plan's delta, the plan's total write-off) if the wave cut over at its best refresh
    date; Nones when none of its assets is due in the horizon."""
    written_at: dict[date, tuple[Timing, int]] = {}
    for day in refresh_candidates(ctx, wave, timing):
        moved = shifted(ctx, timing, wave.systems, day)
        written_at[day] = (moved, total_written(ctx, moved, baseline))
    if not written_at:
        return None, None, None
    least = min(w for _timing, w in written_at.values())
    best: tuple[int, int, date] | None = None
    for day, (moved, stranded) in written_at.items():
        if stranded != least:
            continue
        value = saving_npv(ctx, baseline, category_sums(ctx, moved, CATEGORIES))
        if best is None or (stranded, -value) < (best[0], -best[1]):
            best = (stranded, value, day)
    assert best is not None
    return best[2], best[1], best[0]
