"""The cost categories, in booking order: each a vectorised function of (context, timing) giving its rows, with
what it reads declared beside it. A sensitivity variant recomputes only the categories that read a parameter it
changes; a migration state's running cost only the running ones.

`reads` names settings by their path under `cost.` (a section names all of it: `power` holds `power.pue`) and
catalog kinds as `prices.<kind>`; every category also reads the inventory and the timing. A test checks that every
setting and catalog item a line's basis names is declared by its category (tests/cost/test_server_rows.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from hismigrate.cost import (
    cloud,
    cloud_storage,
    one_time,
    onprem,
)
from hismigrate.cost.context import Context
from hismigrate.cost.table import Rows, joined
from hismigrate.cost.timing import Timing

Book = Callable[[Context, Timing, bool], Rows]  # (context, timing, with bases) -> rows


@dataclass(frozen=True)
class Category:
    name: str
    book: Book
    reads: str  # space-separated setting paths and `prices.<kind>`
    running: bool = True  # counts in a state's running cost (not one-time, subsidy, write-off or a purchase)
    cash: bool = True  # False: a write-off of book value

    def touched_by(self, parameter: str) -> bool:
        """Whether changing `parameter` (a setting path or `prices.<kind>`) can change this category's rows."""
        return any(
            parameter == r or parameter.startswith(r + ".") or r.startswith(parameter + ".") for r in self.reads.split()
        )


def _maintenance(ctx: Context, timing: Timing, bases: bool) -> Rows:
    """Hardware maintenance of servers, then software maintenance of systems (one line where their ids meet)."""
    parts = [
        onprem.server_running("maintenance", ctx, timing, bases),
        onprem.fees("maintenance_jpy_per_year", ctx, timing, bases),
    ]
    return joined(parts, len(ctx.years))


PRICED = "jpy_per_usd escalation.cloud"  # every catalog price: escalated, converted at the year's rate
# The hardware each server carries (hismigrate.cost.hardware): the table's estimates (`hardware`), the shares by
# memory, the figures' defaults and the purchase cycle.
HARDWARE = "hardware maintenance.hardware_share power.default_watts_physical power.default_watts_virtual"
HARDWARE += " sizing.default_memory_gb sizing.default_vcpu sizing.default_storage_gb refresh.server_years"
CYCLE = "refresh.emr_class_categories refresh.emr_class_years refresh.other_system_years maintenance.software_share"
SERVER_RUNNING = f"{HARDWARE} power facilities_jpy_per_server_year staff.onprem_fte_per_server"
SERVER_RUNNING += " staff.jpy_per_fte_year escalation.maintenance escalation.energy escalation.wages"

CATEGORIES: tuple[Category, ...] = (
    Category("maintenance", _maintenance, f"{HARDWARE} escalation.maintenance"),
    Category("power", partial(onprem.server_running, "power"), f"{HARDWARE} power escalation.energy"),
    Category(
        "facilities",
        partial(onprem.server_running, "facilities"),
        f"{HARDWARE} facilities_jpy_per_server_year escalation.maintenance",
    ),
    Category(
        "staff",
        partial(onprem.server_running, "staff"),
        "staff.onprem_fte_per_server staff.jpy_per_fte_year escalation.wages",
    ),
    Category("hardware_refresh", onprem.hardware_refresh, f"{HARDWARE} escalation.purchase", running=False),
    Category("licence", partial(onprem.fees, "licence_jpy_per_year"), "escalation.maintenance"),
    Category("revision", onprem.revision, "revision escalation.maintenance"),
    Category(
        "software_refresh",
        onprem.software_refresh,
        f"{CYCLE} cloud.software_refresh_share escalation.purchase",
        running=False,
    ),
    Category("connections", onprem.connections, "escalation.maintenance"),
    Category("shared", onprem.shared, "shared_costs escalation.maintenance"),
    Category(
        "cloud_compute",
        cloud.cloud_compute,
        f"{PRICED} prices.compute sizing power.hours_per_year cloud.commitment_discount cloud.managed_db_factor",
    ),
    Category(
        "cloud_storage",
        cloud_storage.cloud_storage,
        f"{PRICED} prices.block_storage prices.object_storage sizing.default_storage_gb storage",
    ),
    Category(
        "cloud_archive",
        cloud_storage.cloud_archive,
        f"{PRICED} prices.object_storage sizing.default_storage_gb storage",
    ),
    Category(
        "cloud_backup",
        cloud_storage.cloud_backup,
        f"{PRICED} prices.object_storage sizing.default_storage_gb cloud.backup_copies storage",
    ),
    Category("cloud_staff", cloud.cloud_staff, "staff escalation.wages"),
    Category(
        "cloud_egress",
        cloud.cloud_egress,
        f"{PRICED} prices.egress cloud.egress_gb_per_user_month cloud.egress_volume_factor",
    ),
    Category(
        "saas",
        cloud.saas,
        f"{PRICED} {CYCLE} prices.saas cloud.saas_fee_vs_onprem escalation.maintenance",
    ),
    Category("cloud_platform", partial(cloud.from_first_cutover, "platform"), f"{PRICED} prices.platform"),
    Category("connectivity", partial(cloud.from_first_cutover, "line"), f"{PRICED} prices.line"),
    Category("one_time", one_time.one_time, f"one_time {SERVER_RUNNING}", running=False),
    Category("subsidy", one_time.subsidy, f"one_time subsidies {SERVER_RUNNING}", running=False),
    Category(
        "write_off",
        one_time.write_off,
        f"{CYCLE} {HARDWARE} depreciation escalation.purchase",
        running=False,
        cash=False,
    ),
)
BY_NAME = {c.name: c for c in CATEGORIES}


def touched(parameters: frozenset[str]) -> tuple[Category, ...]:
    """The categories whose rows a change of any of `parameters` can change."""
    return tuple(c for c in CATEGORIES if any(c.touched_by(p) for p in parameters))
