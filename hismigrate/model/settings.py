"""Run settings (`--settings FILE`): the cost section here; other analyses add their own sections beside it.

Defaults are not constants in code: they come from the dated data file hismigrate/data/cost_defaults.yaml, onto
which a user's settings file is merged key by key (see load/settings_source.py).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from hismigrate.model.enums import Customisation, Strategy, SystemCategory
from hismigrate.model.fields import (
    FIRST_DAY,
    LAST_DAY,
    MAX_BEDS,
    MAX_CORES,
    MAX_MBPS,
    MAX_MEMORY_GB,
    MAX_PURCHASE_JPY,
    MAX_STORAGE_GB,
    MAX_WATTS,
    MAX_YEARLY_JPY,
    Day,
    bounded,
)

# Every number is finite and bounded (see model.fields): a setting beyond what a hospital can have is a typo, and
# the cost model must be able to compute and print what the settings give it.
Share = Annotated[float, Field(ge=0, le=2, allow_inf_nan=False)]
"""A share of an amount kept or paid (0 to 2: up to twice the amount)."""
JpyPerUsd = Annotated[float, Field(ge=1, le=1000, allow_inf_nan=False)]
Year = Annotated[int, Field(ge=FIRST_DAY.year, le=LAST_DAY.year)]
Key = Annotated[str, StringConstraints(min_length=1, max_length=128)]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Escalation(_Section):
    """Yearly price rises, compounded from the first year of the horizon."""

    wages: Annotated[float, bounded("IT staff and one-time labour.", ge=-0.2, le=0.2)]
    energy: Annotated[float, bounded("Electricity.", ge=-0.2, le=0.2)]
    maintenance: Annotated[float, bounded("Maintenance, licences, facilities, lines, revision work.", ge=-0.2, le=0.2)]
    purchase: Annotated[float, bounded("Hardware and software replacement purchases.", ge=-0.2, le=0.2)]
    cloud: Annotated[float, bounded("Cloud catalog prices (in their own currency).", ge=-0.2, le=0.2)]


class Power(_Section):
    jpy_per_kwh: Annotated[float, bounded("Electricity price in JPY per kWh.", ge=0, le=1000)]
    pue: Annotated[float, bounded("Power usage effectiveness of the server room.", ge=1, le=5)]
    default_watts_physical: Annotated[
        float, bounded("Average draw of a physical server when not recorded.", ge=0, le=MAX_WATTS)
    ]
    default_watts_virtual: Annotated[
        float, bounded("Share of host power of a virtual machine when not recorded.", ge=0, le=MAX_WATTS)
    ]
    hours_per_year: Annotated[float, bounded("Hours a year the servers run.", gt=0, le=8784)]


class Staff(_Section):
    jpy_per_fte_year: Annotated[float, bounded("Cost of one full-time IT engineer per year.", ge=0, le=100_000_000)]
    onprem_fte_per_server: Annotated[float, bounded("Share of an engineer each on-premises server takes.", ge=0, le=10)]
    cloud_share_iaas: Annotated[float, bounded("Share of that staff cost left for a server run in IaaS.", ge=0, le=2)]
    cloud_share_saas: Annotated[float, bounded("Share left for a server replaced by a vendor SaaS.", ge=0, le=2)]


class Refresh(_Section):
    emr_class_years: Annotated[int, bounded("Replacement cycle of EMR-class systems.", ge=1, le=30)]
    other_system_years: Annotated[int, bounded("Replacement cycle of other department systems.", ge=1, le=30)]
    server_years: Annotated[int, bounded("Replacement cycle of server hardware.", ge=1, le=30)]
    emr_class_categories: list[SystemCategory] = Field(description="Categories replaced on the EMR-class cycle.")


class Depreciation(_Section):
    server_years: Annotated[int, bounded("Useful life of servers for book value (straight line).", ge=1, le=30)]
    software_years: Annotated[int, bounded("Useful life of software for book value.", ge=1, le=30)]


class Maintenance(_Section):
    hardware_share: Annotated[float, bounded("Hardware maintenance per year as a share of purchase price.", ge=0, le=1)]
    software_share: Annotated[
        float,
        bounded(
            "Software maintenance per year as a share of its purchase (infers the purchase: the share divides).",
            ge=0.01,
            le=1,
        ),
    ]


class Revision(_Section):
    """Rework at each fee-schedule revision (診療報酬改定). The revisions' effective dates are not settings: they come
    from the dated table hismigrate/data/fee_revisions.yaml (1 April up to FY2022, 1 June from FY2024), the same
    dates the planner keeps cutovers away from."""

    jpy_by_customisation: dict[Customisation, Annotated[float, Field(ge=0, le=MAX_YEARLY_JPY, allow_inf_nan=False)]] = (
        Field(
            description="Rework per revision of an on-premises system needing it, by its customisation, in JPY. From 0"
            f" to {MAX_YEARLY_JPY:,} each."
        )
    )
    strategy_share: dict[Strategy, Share] = Field(
        description="Share of that rework left after moving, by strategy. From 0 to 2 each."
    )


class SharedCost(_Section):
    """A cost shared by on-premises systems that stops only when the last system needing it leaves."""

    id: Key
    jpy_per_year: Annotated[float, bounded("Its cost a year in JPY.", ge=0, le=MAX_YEARLY_JPY)]
    needed_by: list[SystemCategory] = Field(default_factory=list, description="Empty: needed by every system.")


class Sizing(_Section):
    headroom_peak: Annotated[float, bounded("Headroom added above a peak utilisation.", ge=0, le=5)]
    headroom_p95: Annotated[float, bounded("Headroom added above a 95th-percentile utilisation.", ge=0, le=5)]
    default_util_pct: Annotated[float, bounded("Utilisation assumed when not recorded.", ge=0, le=100)]
    default_vcpu: Annotated[int, bounded("Cores assumed for a server without them.", ge=1, le=MAX_CORES)]
    default_memory_gb: Annotated[
        float, bounded("Memory (GiB) assumed for a server without it.", ge=0.5, le=MAX_MEMORY_GB)
    ]
    default_storage_gb: Annotated[
        float, bounded("Storage (GiB) assumed for a server without it.", ge=0, le=MAX_STORAGE_GB)
    ]


class Cloud(_Section):
    commitment_discount: Annotated[float, bounded("Discount of reserved or savings-plan compute.", ge=0, le=0.9)]
    backup_copies: Annotated[float, bounded("Backup stored, as a multiple of provisioned storage.", ge=0, le=10)]
    egress_gb_per_user_month: Annotated[float, bounded("Data each user pulls from the cloud per month.", ge=0, le=1000)]
    egress_volume_factor: Annotated[float, bounded("Multiplier on every egress volume (sensitivity).", ge=0, le=5)]
    managed_db_factor: Annotated[
        float, bounded("Price of a managed database relative to a plain instance.", ge=0, le=10)
    ]
    software_refresh_share: dict[Strategy, Share] = Field(
        description="Share of the software replacement purchase still paid after moving, by strategy. From 0 to 2 each."
    )
    saas_fee_vs_onprem: Annotated[
        float,
        bounded(
            "SaaS fee as a multiple of the system's on-premises software cost when no quote is given.", ge=0, le=100
        ),
    ]


class Storage(_Section):
    """Where an archive's data sits in the cloud: the share rarely read (cold) in the catalog's archive tier, the rest
    in the hot tier. Only archives are tiered (servers of role storage, and backup servers' backup sets): databases
    and other disks stay hot, on block storage."""

    cold_share_by_category: dict[SystemCategory, Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]] = Field(
        description="Share of an archive's data that is cold, by the category of the systems it serves (a system's"
        " `cold_data_share` overrides it; a category not listed: 0, all hot). From 0 to 1 each."
    )
    cold_read_share: Annotated[
        float,
        bounded("Share of the cold data read back in a year (retrieval is charged per GB).", ge=0, le=12),
    ]
    cold_residence_days: Annotated[
        int,
        bounded(
            "Days cold data stays in its tier before it is deleted or rewritten: below a tier's minimum duration, the"
            " minimum is billed.",
            ge=1,
            le=36500,
        ),
    ]
    backup_cold_share: Annotated[
        float,
        bounded(
            "Share of a backup server's data (role backup) that is cold: backup sets are read only to restore.",
            ge=0,
            le=1,
        ),
    ]
    backup_residence_days: Annotated[
        int,
        bounded(
            "Days a backup set stays before it is rotated out (the generations kept): below a tier's minimum duration,"
            " the minimum is billed.",
            ge=1,
            le=36500,
        ),
    ]
    cold_access_hours: Annotated[
        float,
        bounded(
            "Longest time to the first byte a cold tier may take (0: read at once, as a prior image must be at the"
            " bedside); slower tiers are not used.",
            ge=0,
            le=240,
        ),
    ]


class StrategyOneTime(_Section):
    per_system_jpy: Annotated[float, bounded("Project work per system (design, cutover).", ge=0, le=MAX_PURCHASE_JPY)]
    per_server_jpy: Annotated[float, bounded("Migration work per server.", ge=0, le=MAX_YEARLY_JPY)]
    per_interface_jpy: Annotated[float, bounded("Rework per interface (flow) of the system.", ge=0, le=MAX_YEARLY_JPY)]
    validation_jpy: Annotated[
        float, bounded("Validation and acceptance testing per system.", ge=0, le=MAX_PURCHASE_JPY)
    ]
    training_jpy_per_user: Annotated[float, bounded("Training per user of the system.", ge=0, le=10_000_000)]
    parallel_months: Annotated[float, bounded("Months both estates run in parallel.", ge=0, le=36)]


class OneTime(_Section):
    by_strategy: dict[Strategy, StrategyOneTime]
    data_transfer_jpy_per_gb: Annotated[float, bounded("Data migration work per GB held.", ge=0, le=1_000_000)]
    early_exit_share: Annotated[float, bounded("Share of remaining contract fees paid to leave early.", ge=0, le=1)]


class SubsidyCap(_Section):
    min_beds: Annotated[int, bounded("Beds from which this cap applies.", ge=0, le=MAX_BEDS)]
    cap_jpy: Annotated[float, bounded("Most paid to one hospital, in JPY.", ge=0, le=MAX_PURCHASE_JPY)]


class Subsidy(_Section):
    id: Key
    share: Annotated[float, bounded("Share of the eligible cost the subsidy pays.", ge=0, le=1)]
    categories: list[SystemCategory] = Field(default_factory=list, description="Empty: every category.")
    components: list[Key] = Field(description="One-time components eligible: migration, interfaces, validation, ...")
    caps: list[SubsidyCap] = Field(description="Cap per hospital by bed count (highest min_beds not above beds).")
    source: str = ""


class CostSettings(_Section):
    """Every assumption of the cost model; each value has a source in `sources` or in the file's comments."""

    as_of: Day | None = Field(default=None, description="Date the defaults were last reviewed.")
    horizon_years: Annotated[int, bounded("Years the cost case covers.", ge=1, le=30)]
    discount_rate: Annotated[float, bounded("Yearly discount rate of the NPV.", ge=0, le=1)]
    jpy_per_usd: dict[Year, JpyPerUsd] = Field(
        description="Rate by fiscal year; a year takes the latest given before it. Years from"
        f" {FIRST_DAY.year} to {LAST_DAY.year}; rates from 1 to 1,000 JPY per USD."
    )
    provider: Key = Field(description="Shipped catalog used when no other is named (aws, azure, gcp).")
    escalation: Escalation
    power: Power
    staff: Staff
    refresh: Refresh
    depreciation: Depreciation
    maintenance: Maintenance
    revision: Revision
    facilities_jpy_per_server_year: Annotated[
        float, bounded("Rack, cooling and UPS upkeep per server.", ge=0, le=MAX_YEARLY_JPY)
    ]
    shared_costs: list[SharedCost]
    sizing: Sizing
    cloud: Cloud
    storage: Storage
    one_time: OneTime
    subsidies: list[Subsidy]
    sources: dict[str, str] = Field(default_factory=dict, description="Where each default comes from, by key.")


def default_cost_settings() -> CostSettings:
    from hismigrate.data import load_data

    return CostSettings.model_validate(load_data("cost_defaults.yaml"))


class PlanSettings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    start: Day | None = Field(
        default=None,
        description="Cutover date of the first wave; default: the first 1 April at least lead_months after --as-of.",
    )
    months_between_waves: Annotated[int, bounded("Months between two cutovers.", ge=1, le=60)] = 6
    systems_per_wave: Annotated[int, bounded("Most systems moved in one wave.", ge=1, le=500)] = 8
    max_waves: Annotated[
        int,
        bounded(
            ge=1,
            le=60,
            description="Most waves in a plan (six years at the default spacing: longer than a board can act on). When "
            "systems_per_wave would need more, the wave size is raised to the smallest that fits, groups kept whole; "
            "when the EMR cores alone (one per wave) would need more, separate EMR cores share waves.",
        ),
    ] = 12
    cloud_line_mbps: Annotated[
        float, bounded("Capacity of the line to the cloud when the inventory has no cloud_link.", ge=1, le=MAX_MBPS)
    ] = 1000.0
    mbps_per_user: Annotated[
        float,
        bounded(
            "Average bandwidth one user of a cloud system needs on the line (thin client or web UI), Mbps.",
            ge=0,
            le=1000,
        ),
    ] = 0.05
    bind_mbps: Annotated[
        float, bounded("A flow at or above this throughput binds two systems into one move group.", ge=0, le=MAX_MBPS)
    ] = 100.0
    align_months: Annotated[
        int, bounded("A refresh or contract end within this many months pulls its group forward.", ge=0, le=240)
    ] = 18
    lead_months: Annotated[int, bounded("Minimum months from --as-of to the first cutover.", ge=0, le=120)] = 3
    revision_blackout_months_before: Annotated[
        int,
        bounded(
            "No cutover from the first day of the month this many months before a fee-schedule revision's effective month"
            " (2 before 1 June: from 1 April, when drug prices change too); the dates are in"
            " hismigrate/data/fee_revisions.yaml.",
            ge=0,
            le=11,
        ),
    ] = 2
    revision_blackout_months_after: Annotated[
        int,
        bounded(
            "... to the last day of the month this many months after the effective month (1 after 1 June: to 31 July). A"
            " cutover that falls in the window moves to the first day after it, and later waves with it.",
            ge=0,
            le=11,
        ),
    ] = 1


class Settings(BaseModel):
    """All settings of a run: one section per analysis. An unknown section is an error (a typo would be ignored)."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    cost: CostSettings = Field(default_factory=default_cost_settings)
    plan: PlanSettings = Field(default_factory=PlanSettings, description="Migration planner settings.")

    def with_cost(self, **changes: object) -> Settings:
        return self.model_copy(update={"cost": self.cost.model_copy(update=changes)})
