"""Run settings (`--settings FILE`): the cost section here; other analyses add their own sections beside it.

Defaults are not constants in code: they come from the dated data file hismigrate/data/cost_defaults.yaml, onto
which a user's settings file is merged key by key (see load/settings_source.py).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from hismigrate.model.enums import Customisation, Strategy, SystemCategory


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Escalation(_Section):
    """Yearly price rises, compounded from the first year of the horizon."""

    wages: float = Field(ge=-0.5, le=1, description="IT staff and one-time labour.")
    energy: float = Field(ge=-0.5, le=1, description="Electricity.")
    maintenance: float = Field(ge=-0.5, le=1, description="Maintenance, licences, facilities, lines, revision work.")
    purchase: float = Field(ge=-0.5, le=1, description="Hardware and software replacement purchases.")
    cloud: float = Field(ge=-0.5, le=1, description="Cloud catalog prices (in their own currency).")


class Power(_Section):
    jpy_per_kwh: float = Field(ge=0, description="Electricity price in JPY per kWh.")
    pue: float = Field(ge=1, le=5, description="Power usage effectiveness of the server room.")
    default_watts_physical: float = Field(ge=0, description="Average draw of a physical server when not recorded.")
    default_watts_virtual: float = Field(
        ge=0, description="Share of host power of a virtual machine when not recorded."
    )
    hours_per_year: float = Field(gt=0, le=8784, description="Hours a year the servers run.")


class Staff(_Section):
    jpy_per_fte_year: float = Field(ge=0, description="Cost of one full-time IT engineer per year.")
    onprem_fte_per_server: float = Field(ge=0, description="Share of an engineer each on-premises server takes.")
    cloud_share_iaas: float = Field(ge=0, le=2, description="Share of that staff cost left for a server run in IaaS.")
    cloud_share_saas: float = Field(ge=0, le=2, description="Share left for a server replaced by a vendor SaaS.")


class Refresh(_Section):
    emr_class_years: int = Field(ge=1, le=30, description="Replacement cycle of EMR-class systems.")
    other_system_years: int = Field(ge=1, le=30, description="Replacement cycle of other department systems.")
    server_years: int = Field(ge=1, le=30, description="Replacement cycle of server hardware.")
    emr_class_categories: list[SystemCategory] = Field(description="Categories replaced on the EMR-class cycle.")


class Depreciation(_Section):
    server_years: int = Field(ge=1, le=30, description="Useful life of servers for book value (straight line).")
    software_years: int = Field(ge=1, le=30, description="Useful life of software for book value.")


class Maintenance(_Section):
    hardware_share: float = Field(ge=0, le=1, description="Hardware maintenance per year as a share of purchase price.")
    software_share: float = Field(
        gt=0, le=1, description="Software maintenance per year as a share of its purchase (infers the purchase)."
    )


class Revision(_Section):
    """The fee-schedule revision (診療報酬改定): April of every second (even) year."""

    first_year: int = Field(description="A year with a revision (e.g. 2026); others follow every `every_years`.")
    every_years: int = Field(ge=1, le=10)
    month: int = Field(ge=1, le=12, description="Month the revision takes effect.")
    jpy_by_customisation: dict[Customisation, float] = Field(
        description="Rework per revision of an on-premises system needing it, by its customisation."
    )
    strategy_share: dict[Strategy, float] = Field(description="Share of that rework left after moving, by strategy.")


class SharedCost(_Section):
    """A cost shared by on-premises systems that stops only when the last system needing it leaves."""

    id: str
    jpy_per_year: float = Field(ge=0)
    needed_by: list[SystemCategory] = Field(default_factory=list, description="Empty: needed by every system.")


class Sizing(_Section):
    headroom_peak: float = Field(ge=0, le=5, description="Headroom added above a peak utilisation.")
    headroom_p95: float = Field(ge=0, le=5, description="Headroom added above a 95th-percentile utilisation.")
    default_util_pct: float = Field(ge=0, le=100, description="Utilisation assumed when not recorded.")
    default_vcpu: int = Field(ge=1)
    default_memory_gb: float = Field(gt=0)
    default_storage_gb: float = Field(ge=0)


class Cloud(_Section):
    commitment_discount: float = Field(ge=0, lt=1, description="Discount of reserved or savings-plan compute.")
    backup_copies: float = Field(ge=0, description="Backup stored, as a multiple of provisioned storage.")
    egress_gb_per_user_month: float = Field(ge=0, description="Data each user pulls from the cloud per month.")
    egress_volume_factor: float = Field(ge=0, description="Multiplier on every egress volume (sensitivity).")
    managed_db_factor: float = Field(ge=0, description="Price of a managed database relative to a plain instance.")
    software_refresh_share: dict[Strategy, float] = Field(
        description="Share of the software replacement purchase still paid after moving, by strategy."
    )
    saas_fee_vs_onprem: float = Field(
        ge=0, description="SaaS fee as a multiple of the system's on-premises software cost when no quote is given."
    )


class StrategyOneTime(_Section):
    per_system_jpy: float = Field(ge=0, description="Project work per system (design, cutover).")
    per_server_jpy: float = Field(ge=0, description="Migration work per server.")
    per_interface_jpy: float = Field(ge=0, description="Rework per interface (flow) of the system.")
    validation_jpy: float = Field(ge=0, description="Validation and acceptance testing per system.")
    training_jpy_per_user: float = Field(ge=0)
    parallel_months: float = Field(ge=0, le=36, description="Months both estates run in parallel.")


class OneTime(_Section):
    by_strategy: dict[Strategy, StrategyOneTime]
    data_transfer_jpy_per_gb: float = Field(ge=0, description="Data migration work per GB held.")
    early_exit_share: float = Field(ge=0, le=1, description="Share of remaining contract fees paid to leave early.")


class SubsidyCap(_Section):
    min_beds: int = Field(ge=0)
    cap_jpy: float = Field(ge=0)


class Subsidy(_Section):
    id: str
    share: float = Field(ge=0, le=1)
    categories: list[SystemCategory] = Field(default_factory=list, description="Empty: every category.")
    components: list[str] = Field(description="One-time components eligible: migration, interfaces, validation, ...")
    caps: list[SubsidyCap] = Field(description="Cap per hospital by bed count (highest min_beds not above beds).")
    source: str = ""


class CostSettings(_Section):
    """Every assumption of the cost model; each value has a source in `sources` or in the file's comments."""

    as_of: date | None = Field(default=None, description="Date the defaults were last reviewed.")
    horizon_years: int = Field(ge=1, le=30)
    discount_rate: float = Field(ge=0, le=1)
    jpy_per_usd: dict[int, float] = Field(description="Rate by fiscal year; a year takes the latest given before it.")
    provider: str = Field(description="Shipped catalog used when no other is named (aws, azure, gcp).")
    escalation: Escalation
    power: Power
    staff: Staff
    refresh: Refresh
    depreciation: Depreciation
    maintenance: Maintenance
    revision: Revision
    facilities_jpy_per_server_year: float = Field(ge=0, description="Rack, cooling and UPS upkeep per server.")
    shared_costs: list[SharedCost]
    sizing: Sizing
    cloud: Cloud
    one_time: OneTime
    subsidies: list[Subsidy]
    sources: dict[str, str] = Field(default_factory=dict, description="Where each default comes from, by key.")


def default_cost_settings() -> CostSettings:
    from hismigrate.data import load_data

    return CostSettings.model_validate(load_data("cost_defaults.yaml"))


class PlanSettings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    start: date | None = Field(
        default=None,
        description="Cutover date of the first wave; default: the first 1 April at least lead_months after --as-of.",
    )
    months_between_waves: int = Field(default=6, ge=1, le=60, description="Months between two cutovers.")
    systems_per_wave: int = Field(default=8, ge=1, le=500, description="Most systems moved in one wave.")
    max_waves: int = Field(
        default=12,
        ge=1,
        le=60,
        description="Most waves in a plan (six years at the default spacing: longer than a board can act on). When "
        "systems_per_wave would need more, the wave size is raised to the smallest that fits, groups kept whole; "
        "when the EMR cores alone (one per wave) would need more, separate EMR cores share waves.",
    )
    cloud_line_mbps: float = Field(
        default=1000.0, gt=0, description="Capacity of the line to the cloud when the inventory has no cloud_link."
    )
    mbps_per_user: float = Field(
        default=0.05,
        ge=0,
        description="Average bandwidth one user of a cloud system needs on the line (thin client or web UI), Mbps.",
    )
    bind_mbps: float = Field(
        default=100.0, ge=0, description="A flow at or above this throughput binds two systems into one move group."
    )
    align_months: int = Field(
        default=18, ge=0, description="A refresh or contract end within this many months pulls its group forward."
    )
    lead_months: int = Field(default=3, ge=0, description="Minimum months from --as-of to the first cutover.")
    revision_blackout_months_before: int = Field(
        default=2,
        ge=0,
        le=11,
        description="No cutover from the first day of the month this many months before a fee-schedule revision's"
        " effective month (2 before 1 June: from 1 April, when drug prices change too); the dates are in"
        " hismigrate/data/fee_revisions.yaml.",
    )
    revision_blackout_months_after: int = Field(
        default=1,
        ge=0,
        le=11,
        description="... to the last day of the month this many months after the effective month (1 after 1 June:"
        " to 31 July). A cutover that falls in the window moves to the first day after it, and later waves with it.",
    )


class Settings(BaseModel):
    """All settings of a run: one section per analysis. An unknown section is an error (a typo would be ignored)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    cost: CostSettings = Field(default_factory=default_cost_settings)
    plan: PlanSettings = Field(default_factory=PlanSettings, description="Migration planner settings.")

    def with_cost(self, **changes: Any) -> Settings:
        return self.model_copy(update={"cost": self.cost.model_copy(update=changes)})
