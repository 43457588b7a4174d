"""The de-identified survey submission: what one hospital sends to the ministry, and nothing that identifies its estate.

Schema-versioned, immutable and JSON-able; the file formats (JSON, a key/value workbook) live in hismigrate/survey/.
Only classes, counts, flags, statuses and bands travel: never names, addresses, versions, free text or exact beds.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from functools import cache
from typing import Annotated, Literal, TypeVar

from pydantic import Field, ValidationInfo, field_validator

from hismigrate.model.enums import ConnectionKind, Founder, HospitalType, Prefecture, SystemCategory
from hismigrate.model.exposure import Severity
from hismigrate.model.fields import Flag
from hismigrate.model.frozen import Frozen
from hismigrate.model.submission_codes import (
    SUBMISSION_SCHEMA_VERSION,
    CheckId,
    ChecklistItemId,
    FacilityCode,
    prefecture_of_code,
)

# Bounds of every number a submission carries: finite, and within what one hospital can have. The largest Japanese
# hospitals run a few thousand servers (physical and virtual) and a few hundred systems; the bounds leave an order of
# magnitude above that (the benchmarks' synthetic estate of 100 university hospitals has 60,000 servers), so that
# a real estate always fits and a typing slip (an amount in yen in a count) does not.
MAX_SERVERS = 100_000
MAX_SYSTEMS = 10_000
MAX_CONNECTIONS = 10_000
"""External connection points of one kind."""
MAX_FINDINGS = 1_000_000
"""Findings of one check at one severity: a check finds at most once per subject (server, system, line, route)."""
MAX_WAVES = 100
FIRST_YEAR, LAST_YEAR = 2000, 2100
"""Dates and fiscal years a submission may name."""

# Band edges are part of the schema (a submission's band means the same thing in every year of the survey), so they
# live here with the schema version rather than in a dated data file: changing them is a new schema version.
COST_BAND_EDGES_JPY = (0, 10_000_000, 30_000_000, 100_000_000, 300_000_000, 1_000_000_000, 3_000_000_000)
"""Lower edges of the bands of yearly cost (JPY): 0-10M, 10M-30M, ..., 3B and over."""
CHANGE_BAND_WIDTH_PCT = 10
CHANGE_BAND_RANGE_PCT = (-100, 200)
"""Cost change bands are 10 points wide, from -100% to +200% and over (lower edges)."""


class BedClass(StrEnum):
    """The ministry's bed-size classes."""

    under_200 = "under_200"
    from_200_to_399 = "200_399"
    from_400 = "400_plus"

    @classmethod
    def of(cls, beds: int) -> BedClass:
        if beds >= 400:
            return cls.from_400
        return cls.from_200_to_399 if beds >= 200 else cls.under_200


class Region(StrEnum):
    """The eight regional blocks (hismigrate/data/regions.yaml)."""

    hokkaido = "hokkaido"
    tohoku = "tohoku"
    kanto = "kanto"
    chubu = "chubu"
    kinki = "kinki"
    chugoku = "chugoku"
    shikoku = "shikoku"
    kyushu_okinawa = "kyushu_okinawa"


@cache
def region_table() -> dict[Prefecture, Region]:
    """Prefecture -> regional block, from the shipped data file."""
    from hismigrate.data import load_data

    data = load_data("regions.yaml")
    return {Prefecture(p): Region(r) for r, prefectures in data["regions"].items() for p in prefectures}


def region_of(prefecture: Prefecture) -> Region:
    return region_table()[prefecture]


class ChecklistStatus(StrEnum):
    """Status of one MHLW checklist item, as the exposure analysis decided it."""

    passed = "pass"
    failed = "fail"
    unknown = "unknown"


class OrderingKind(StrEnum):
    """The kinds of ordering (オーダリング) the ministry counts."""

    lab = "lab"
    radiology = "radiology"
    pharmacy = "pharmacy"
    nutrition = "nutrition"
    other = "other"


Share = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
FiscalYear = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]


K = TypeVar("K")
V = TypeVar("V")


def _sorted_dict(value: dict[K, V]) -> dict[K, V]:
    """Dict keys in a stable order, so that equal submissions serialise to equal bytes."""
    return dict(sorted(value.items(), key=lambda kv: str(kv[0])))


class Adoption(Frozen):
    """Which kinds of system the hospital runs (on premises or in the cloud)."""

    emr: Flag = Field(description="An electronic medical record (電子カルテ) is in use.")
    ordering: Flag = Field(description="An ordering system (オーダリング) is in use, of any kind.")
    ordering_kinds: dict[OrderingKind, Flag] = Field(
        default_factory=dict,
        validate_default=True,
        description="Ordering by kind (lab, radiology, pharmacy, nutrition, other).",
    )
    pacs: Flag = Field(description="A PACS (医用画像管理) is in use.")
    departments: dict[SystemCategory, Flag] = Field(
        default_factory=dict,
        validate_default=True,
        description="Every system category: true when at least one system of it is in use.",
    )

    @field_validator("ordering_kinds", mode="after")
    @classmethod
    def _every_kind(cls, value: dict[OrderingKind, bool]) -> dict[OrderingKind, bool]:
        return {k: bool(value.get(k, False)) for k in OrderingKind}

    @field_validator("departments", mode="after")
    @classmethod
    def _every_category(cls, value: dict[SystemCategory, bool]) -> dict[SystemCategory, bool]:
        return {k: bool(value.get(k, False)) for k in SystemCategory}


class Counts(Frozen):
    """Sizes of the estate."""

    servers: int = Field(ge=0, le=MAX_SERVERS, description=f"Servers (physical and virtual), 0 to {MAX_SERVERS:,}.")
    systems: int = Field(ge=0, le=MAX_SYSTEMS, description=f"Department and core systems, 0 to {MAX_SYSTEMS:,}.")
    connections: dict[ConnectionKind, Annotated[int, Field(ge=0, le=MAX_CONNECTIONS)]] = Field(
        default_factory=dict,
        validate_default=True,
        description=f"External connection points by kind, 0 to {MAX_CONNECTIONS:,} each.",
    )

    @field_validator("connections", mode="after")
    @classmethod
    def _every_kind(cls, value: dict[ConnectionKind, int]) -> dict[ConnectionKind, int]:
        return {k: value.get(k, 0) for k in ConnectionKind}


class Exposure(Frozen):
    """The exposure index (0-100) before the migration and after its last wave."""

    now: float = Field(ge=0, le=100, allow_inf_nan=False, description="Exposure index of the estate as it is (0-100).")
    after_plan: float = Field(
        ge=0, le=100, allow_inf_nan=False, description="Exposure index after the last wave of the plan (0-100)."
    )


class PlanSummary(Frozen):
    """The migration plan in shares of systems, never which systems."""

    waves: int = Field(ge=0, le=MAX_WAVES, description=f"Number of migration waves, 0 to {MAX_WAVES}.")
    already_in_cloud: Share = Field(
        default=0.0, description="Share of systems in the cloud before the plan starts (0-1)."
    )
    by_year: dict[FiscalYear, Share] = Field(
        default_factory=dict,
        description=f"Share of the hospital's systems (0-1) cut over to the cloud in each fiscal year "
        f"({FIRST_YEAR}-{LAST_YEAR}); with already_in_cloud they add up to at most 1.",
    )

    @field_validator("by_year", mode="after")
    @classmethod
    def _at_most_all(cls, value: dict[int, float], info: ValidationInfo) -> dict[int, float]:
        if info.data.get("already_in_cloud", 0.0) + sum(value.values()) > 1.0 + 1e-6:
            raise ValueError("the shares of systems moved add up to more than 1")
        return _sorted_dict(value)


class CostSummary(Frozen):
    """Cost over the plan's horizon, rounded to bands so that no contract price can be read back."""

    horizon_years: int = Field(ge=1, le=30, description="Years the cost model covers (1-30).")
    baseline_band_jpy: int = Field(
        description="Lower edge of the band of the average yearly cost if everything stays on premises."
    )
    plan_band_jpy: int = Field(description="Lower edge of the band of the average yearly cost under the plan.")
    change_pct_band: int = Field(
        description="Lower edge of the 10-point band of the plan's cost change against staying on premises, in "
        "percent: positive when the plan costs more (-100 ... 200; 200 means 200% and over)."
    )

    @field_validator("baseline_band_jpy", "plan_band_jpy")
    @classmethod
    def _a_band(cls, value: int) -> int:
        if value not in COST_BAND_EDGES_JPY:
            raise ValueError(f"not a band edge; use one of {', '.join(str(e) for e in COST_BAND_EDGES_JPY)}")
        return value

    @field_validator("change_pct_band")
    @classmethod
    def _a_change_band(cls, value: int) -> int:
        low, high = CHANGE_BAND_RANGE_PCT
        if value % CHANGE_BAND_WIDTH_PCT or not low <= value <= high:
            raise ValueError(f"not a multiple of {CHANGE_BAND_WIDTH_PCT} from {low} to {high}")
        return value


def cost_band(yearly_jpy: float) -> int:
    """The lower edge of the band holding a yearly cost."""
    return max(e for e in COST_BAND_EDGES_JPY if e <= max(yearly_jpy, 0))


def change_band(change_pct: float) -> int:
    """The lower edge of the 10-point band holding a cost change in percent (clamped to the range)."""
    low, high = CHANGE_BAND_RANGE_PCT
    band = int(change_pct // CHANGE_BAND_WIDTH_PCT) * CHANGE_BAND_WIDTH_PCT
    return min(max(band, low), high)


class Submission(Frozen):
    """One hospital's de-identified answer to the survey."""

    schema_version: Literal["1"] = Field(
        default=SUBMISSION_SCHEMA_VERSION, description="Version of this format; aggregation rejects others."
    )
    facility_code: FacilityCode = Field(
        description="The facility code (医療機関コード): 10 digits, the prefecture (01-47), the table (1 medical, "
        "3 dental) and the institution code with its check digit; or `h-` and 32 hex digits, the keyed hash "
        "standing in for it (survey export without --facility-code). Nothing else.",
        json_schema_extra={"pattern": "^([0-9]{10}|h-[0-9a-f]{32})$"},
    )
    as_of: date = Field(
        ge=date(FIRST_YEAR, 1, 1),
        le=date(LAST_YEAR, 12, 31),
        description="The date of the assessment; its fiscal year is the survey year unless the ingest names one. Of "
        "two submissions of one facility and survey year the later date counts.",
    )
    bed_class: BedClass = Field(description="Bed-size class (under 200, 200-399, 400 and over); never the bed count.")
    hospital_type: HospitalType = Field(description="Kind of hospital.")
    prefecture: Prefecture = Field(description="Prefecture (都道府県).")
    region: Region = Field(description="Regional block of the prefecture.")
    founder: Founder = Field(description="Founder class (設置主体).")
    adoption: Adoption = Field(description="Which kinds of system are in use.")
    counts: Counts = Field(description="Counts of servers, systems and connection points.")
    exposure: Exposure = Field(description="Exposure index now and after the plan.")
    findings: dict[CheckId, dict[Severity, Annotated[int, Field(ge=0, le=MAX_FINDINGS)]]] = Field(
        default_factory=dict,
        description=f"Number of findings (0 to {MAX_FINDINGS:,}) by check id and severity; check ids of the shipped "
        "catalog of the schema version only.",
    )
    checklist: dict[ChecklistItemId, ChecklistStatus] = Field(
        default_factory=dict,
        description="Status of the MHLW checklist items, by item number (e.g. `2-(7)`), items of the shipped "
        "checklist of the schema version only. An item left out is counted as not reported, never as failed.",
    )
    plan: PlanSummary = Field(description="The migration plan in shares of systems per year.")
    cost: CostSummary | None = Field(default=None, description="Cost bands; absent when no cost was computed.")

    @field_validator("findings", mode="after")
    @classmethod
    def _sorted_findings(cls, value: dict[str, dict[Severity, int]]) -> dict[str, dict[Severity, int]]:
        return {k: {s: v[s] for s in Severity if s in v} for k, v in sorted(value.items())}

    @field_validator("checklist", mode="after")
    @classmethod
    def _sorted_checklist(cls, value: dict[str, ChecklistStatus]) -> dict[str, ChecklistStatus]:
        return _sorted_dict(value)

    @field_validator("region", mode="after")
    @classmethod
    def _region_matches(cls, value: Region, info: ValidationInfo) -> Region:
        prefecture = info.data.get("prefecture")
        if prefecture is not None and region_of(prefecture) != value:
            raise ValueError(f"region '{value.value}' does not hold prefecture '{prefecture.value}'")
        return value

    @field_validator("prefecture", mode="after")
    @classmethod
    def _code_issued_here(cls, value: Prefecture, info: ValidationInfo) -> Prefecture:
        issued = prefecture_of_code(info.data.get("facility_code") or "")
        if issued is not None and issued != value:
            raise ValueError(f"the facility code was issued in prefecture '{issued.value}', not '{value.value}'")
        return value
