"""The Assessment: everything one run of `hismigrate assess` found, as one JSON-able, schema-versioned document.

It is language-neutral: texts that a report shows (check titles, remediation) are carried in both languages, and
reasons are catalog keys with parameters. Reports (HTML, Markdown, Excel) and the survey export read only this.
"""

from __future__ import annotations

from datetime import date

from pydantic import Field

from hismigrate.model.completeness import Note
from hismigrate.model.cost import CostResult
from hismigrate.model.enums import Founder, HospitalType, Prefecture
from hismigrate.model.exposure import (
    AttackPath,
    Band,
    Calibration,
    ChecklistItem,
    ChokePoint,
    Coverage,
    Severity,
    SystemExposure,
)
from hismigrate.model.fee_revision import Blackout
from hismigrate.model.frozen import Frozen
from hismigrate.model.plan import Reason, SystemStrategy
from hismigrate.model.remediation import Alternatives, RemediationPlan, ResidualSystem
from hismigrate.model.resilience import Resilience

# 2.0: cost lines are year series; 2.1: cost lines column-wise, texts and bases once; 2.2: exposure bands, coverage,
# top paths with ranks and choke points, the remediation plan, hardening beside moving, the residual on-prem exposure
RESULT_SCHEMA_VERSION = "2.2"


class Texts(Frozen):
    """One text in both report languages."""

    ja: str
    en: str


def bed_class(beds: int) -> str:
    """The ministry's bed-size class: `<200`, `200-399` or `400+`."""
    return "<200" if beds < 200 else "200-399" if beds < 400 else "400+"


class HospitalFacts(Frozen):
    id: str
    name: str
    beds: int
    bed_class: str = Field(description="The ministry's bed-size class: <200, 200-399, 400+.")
    type: HospitalType
    prefecture: Prefecture
    founder: Founder


class Counts(Frozen):
    segments: int
    servers: int
    systems: int
    connections: int
    flows: int


class FindingOut(Frozen):
    """A finding with its check's texts, as a report shows it."""

    check_id: str
    severity: Severity
    subject: str
    title: Texts
    remediation: Texts
    evidence: dict[str, str | int | float | bool | None]
    references: tuple[str, ...]


class WaveOut(Frozen):
    index: int
    cutover: date
    systems: tuple[str, ...]
    groups: tuple[tuple[str, ...], ...]
    notes: tuple[Reason, ...] = Field(description="Bridges, refresh alignment, capacity warnings.")
    cross_boundary_mbps: float = Field(description="Flows between on-prem and cloud systems after this wave, Mbps.")
    line_capacity_mbps: float = Field(description="Capacity of the line(s) to the cloud, Mbps.")


class StateOut(Frozen):
    """One migration state: before the plan, or after wave k."""

    name: str = Field(description="`before` or `wave <k>`.")
    wave: int = Field(description="0 before the plan, k after wave k.")
    cutover: date | None
    systems_in_cloud: tuple[str, ...]
    exposure_index: float = Field(ge=0, le=100)
    exposure_band: Band | None = Field(description="The index's band; null when the inventory is incomplete.")
    findings_by_severity: dict[str, int]
    cross_boundary_mbps: float
    annual_cost_jpy: int | None = Field(
        description="Running cost (no one-time costs, no replacement purchases) in the first full fiscal year in this state."
    )
    annual_cost_year: int | None = Field(description="The fiscal year that annual_cost_jpy is for.")
    resilience: Resilience


class Summary(Frozen):
    notes: tuple[Note, ...] = Field(
        default=(),
        description="What the figures cannot rest on, stated before them: a draft inventory, no systems, no servers,"
        " no connections (model/completeness.py).",
    )
    exposure_index_now: float
    exposure_index_after: float
    exposure_band_now: Band | None = Field(
        description="The band of exposure_index_now (hismigrate/exposure/bands.py); null when the inventory lists no"
        " systems, servers or connections, since no band can rest on it."
    )
    exposure_band_after: Band | None
    coverage: float = Field(
        ge=0, le=1, description="Share of the facts the exposure analysis uses that the inventory states (coverage)."
    )
    findings_by_severity: dict[str, int]
    waves: int
    systems_moving: int
    systems_staying: int = Field(
        description="Systems that stay on premises or are retired (none already in the cloud)."
    )
    systems_already_in_cloud: int = Field(default=0, description="Systems in the cloud before the plan starts.")
    npv_delta_jpy: int
    break_even_year: int | None
    verdict: str = Field(description="saves, costs or neutral (over the cost horizon, at the discount rate).")


class Sources(Frozen):
    """The dated data this run used, so that every figure can be traced."""

    kev: str
    likelihoods: str
    os_lifecycle: str
    fee_revisions: str = Field(default="", description="Table of fee-schedule revision dates the plan avoided.")
    price_catalog: str
    price_catalog_as_of: date
    settings_file: str | None
    prices_file: str | None


class Assessment(Frozen):
    schema_version: str = RESULT_SCHEMA_VERSION
    tool_version: str
    as_of: date
    hospital: HospitalFacts
    counts: Counts
    summary: Summary
    findings: tuple[FindingOut, ...] = Field(description="Findings before the plan, worst first.")
    gaps: tuple[FindingOut, ...] = Field(description="Checks that could not be decided for lack of data.")
    checklist: tuple[ChecklistItem, ...]
    attack_paths: tuple[AttackPath, ...] = Field(
        description="The most likely distinct paths (rank 1-3) to each critical system, before the plan."
    )
    choke_points: tuple[ChokePoint, ...] = Field(description="What most top paths to criticality-1 systems share.")
    coverage: Coverage = Field(description="The facts the exposure analysis uses, known and missing, before the plan.")
    system_exposure: tuple[SystemExposure, ...]
    strategies: tuple[SystemStrategy, ...]
    waves: tuple[WaveOut, ...]
    revision_blackouts: tuple[Blackout, ...] = Field(
        default=(), description="Windows around fee-schedule revisions in which the plan cuts nothing over."
    )
    states: tuple[StateOut, ...]
    remediation: RemediationPlan = Field(description="Fixes ranked by the exposure they remove, each re-assessed.")
    alternatives: Alternatives | None = Field(
        description="Hardening today's estate beside moving it, over the cost horizon; null when incomplete."
    )
    residual: tuple[ResidualSystem, ...] = Field(
        description="Criticality-1 systems still on premises after the last wave, with their likelihood and findings."
    )
    cost: CostResult
    calibration: Calibration = Field(description="The exposure bands and control factors the run used.")
    sources: Sources
