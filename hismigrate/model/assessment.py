"""The Assessment: everything one run of `hismigrate assess` found, as one JSON-able, schema-versioned document.

It is language-neutral: texts that a report shows (check titles, remediation) are carried in both languages, once
per check, and reasons are catalog keys with parameters. Reports (HTML, Markdown, Excel) and the survey export read
only this.
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

# 2.0: cost lines are year series; 2.1: cost lines column-wise, texts and bases once; 2.2: compact, check texts once
# in `checks`, every field described; exposure bands, coverage, top paths with ranks and choke points, the
# remediation plan, hardening beside moving, the residual on-prem exposure; 2.3: cost gaps column-wise, cash per
# category (see Assessment's description)
RESULT_SCHEMA_VERSION = "2.3"


class Texts(Frozen):
    """One text in both report languages."""

    ja: str = Field(description="In Japanese.")
    en: str = Field(description="In English.")


def bed_class(beds: int) -> str:
    """The ministry's bed-size class: `<200`, `200-399` or `400+`."""
    return "<200" if beds < 200 else "200-399" if beds < 400 else "400+"


class HospitalFacts(Frozen):
    """The hospital as the inventory describes it."""

    id: str = Field(description="The inventory's id of the hospital (the reports' folder name).")
    name: str = Field(description="The hospital's name.")
    beds: int = Field(description="Licensed beds.")
    bed_class: str = Field(description="The ministry's bed-size class: <200, 200-399, 400+.")
    type: HospitalType = Field(description="Hospital type (general, psychiatric, ...), as in the inventory.")
    prefecture: Prefecture = Field(description="Prefecture the hospital is in.")
    founder: Founder = Field(description="Who founded it (national, public, medical corporation, ...).")


class Counts(Frozen):
    """How many of each part the inventory lists."""

    segments: int = Field(description="Network segments.")
    servers: int = Field(description="Servers (physical and virtual).")
    systems: int = Field(description="Information systems (EMR, billing, department systems, ...).")
    connections: int = Field(description="External connection points (remote maintenance, regional network, ...).")
    flows: int = Field(description="Data flows between systems.")


class CheckText(Frozen):
    """A check's texts, stored once for all its findings and gaps."""

    title: Texts = Field(description="What the check finds, as a title.")
    remediation: Texts = Field(description="What to do about a finding of it.")
    references: tuple[str, ...] = Field(
        description="The check's references (MHLW checklist items, guideline sections), in its own order."
    )


class FindingOut(Frozen):
    """A finding (or an undecided check, in `gaps`): its check's texts are in the assessment's `checks`."""

    check_id: str = Field(description="The check, e.g. HIS-CONN-001: its texts are `checks[check_id]`.")
    severity: Severity = Field(description="The check's severity: critical, high, medium, low or info.")
    subject: str = Field(description="What it is about: `connection:vpn1`, `server:emr-db1`, `route:a->b`, ...")
    evidence: dict[str, str | int | float | bool | None] = Field(
        description="The inventory facts that decided it, by field name."
    )
    references: tuple[str, ...] = Field(
        description="References of this finding beyond its check's (such as the CVE ids matched); all of them, in"
        " order, are the check's references then these."
    )


class WaveOut(Frozen):
    """One migration wave: the systems that cut over together, and the line to the cloud after it."""

    index: int = Field(description="Wave number, from 1.")
    cutover: date = Field(description="Date the wave's systems go live in the cloud.")
    systems: tuple[str, ...] = Field(description="System ids moving in this wave.")
    groups: tuple[tuple[str, ...], ...] = Field(description="Move groups (never split) in this wave, by system id.")
    notes: tuple[Reason, ...] = Field(description="Bridges, refresh alignment, capacity warnings.")
    cross_boundary_mbps: float = Field(description="Flows between on-prem and cloud systems after this wave, Mbps.")
    line_capacity_mbps: float = Field(description="Capacity of the line(s) to the cloud, Mbps.")


class StateOut(Frozen):
    """One migration state: before the plan, or after wave k."""

    name: str = Field(description="`before` or `wave <k>`.")
    wave: int = Field(description="0 before the plan, k after wave k.")
    cutover: date | None = Field(description="The cutover date of the wave that led here; null before the plan.")
    systems_in_cloud: tuple[str, ...] = Field(description="System ids in the cloud in this state, sorted.")
    exposure_index: float = Field(
        ge=0, le=100, description="Exposure index 0-100 in this state: criticality-weighted mean likelihood x 100."
    )
    exposure_band: Band | None = Field(description="The index's band; null when the inventory is incomplete.")
    findings_by_severity: dict[str, int] = Field(description="Findings in this state by severity (gaps not counted).")
    cross_boundary_mbps: float = Field(description="Flows between on-prem and cloud systems in this state, Mbps.")
    annual_cost_jpy: int | None = Field(
        description="Running cost (no one-time costs, no replacement purchases) in the first full fiscal year in this state."
    )
    annual_cost_year: int | None = Field(description="The fiscal year that annual_cost_jpy is for.")
    resilience: Resilience = Field(description="What keeps working in this state when a line or the cloud fails.")


class Summary(Frozen):
    """The headline figures."""

    notes: tuple[Note, ...] = Field(
        default=(),
        description="What the figures cannot rest on, stated before them: a draft inventory, no systems, no servers,"
        " no connections (model/completeness.py).",
    )
    exposure_index_now: float = Field(description="Exposure index 0-100 before the plan.")
    exposure_index_after: float = Field(description="Exposure index 0-100 after the last wave.")
    exposure_band_now: Band | None = Field(
        description="The band of exposure_index_now (hismigrate/exposure/bands.py); null when the inventory lists no"
        " systems, servers or connections, since no band can rest on it."
    )
    exposure_band_after: Band | None = Field(description="The band of exposure_index_after; null as above.")
    coverage: float = Field(
        ge=0, le=1, description="Share of the facts the exposure analysis uses that the inventory states (coverage)."
    )
    findings_by_severity: dict[str, int] = Field(description="Findings before the plan by severity.")
    waves: int = Field(description="Number of migration waves.")
    systems_moving: int = Field(description="Systems the plan moves to the cloud (rehost, replatform, ...).")
    systems_staying: int = Field(
        description="Systems that stay on premises or are retired (none already in the cloud)."
    )
    systems_already_in_cloud: int = Field(default=0, description="Systems in the cloud before the plan starts.")
    npv_saving_jpy: int = Field(
        description="NPV of the plan's yearly savings, baseline minus plan (positive: the plan costs less), JPY."
    )
    break_even_year: int | None = Field(
        description="First fiscal year from which the cumulative saving stays >= 0; null when not within the horizon."
    )
    verdict: str = Field(description="saves, costs or neutral (over the cost horizon, at the discount rate).")


class Sources(Frozen):
    """The dated data this run used, so that every figure can be traced."""

    kev: str = Field(description="The KEV facts and catalog versions used.")
    likelihoods: str = Field(description="Id of the attack likelihood defaults used.")
    os_lifecycle: str = Field(description="Id of the OS lifecycle (end of support) table used.")
    fee_revisions: str = Field(default="", description="Table of fee-schedule revision dates the plan avoided.")
    price_catalog: str = Field(description="Id of the price catalog the cloud costs come from.")
    price_catalog_as_of: date = Field(description="Date the catalog's prices were captured.")
    settings_file: str | None = Field(description="Name of the settings file given (--settings); null: defaults.")
    prices_file: str | None = Field(description="Name of the price file given (--prices); null: the shipped catalog.")


class Assessment(Frozen):
    """Everything one run of `hismigrate assess` found (assessment.json, schema version 2.2).

    The text is compact (no indentation), UTF-8 without escapes, with the fields in this order and a final line
    break; numbers are written as pydantic-core writes them: the fewest digits that read back to the same value,
    positional from 1e-5 up to 1e16 (`0.00001`, `100.0`), with an exponent beyond (`1e-7`, `1e+16`). Each text is
    stored once: a finding names its check, whose title, remediation and references are in `checks`; cost lines
    are column-wise, each basis once (`cost.lines`). The same inputs and as-of date give the same bytes.

    Changes: 2.3: the cost gaps column-wise (`cost.gaps`); whether a cost line is cash is stated once per category
    (`cost.lines.category_cash`) instead of per line. 2.2: compact; a finding's title and remediation moved to `checks` (by check id), its references are
    only those beyond its check's; every field described; exposure bands and coverage, ranked top paths and choke
    points, the remediation plan, hardening beside moving and the residual on-prem exposure; every cost difference is
    a saving with one sign (hismigrate.model.cost.SIGN) and named so (`*saving*`: the years' `saving_jpy`, the NPV's
    `npv_saving_jpy`, the options' `saving_jpy` against doing nothing). 2.1: cost lines column-wise, texts and bases
    once.
    2.0: cost lines are year series."""

    schema_version: str = Field(default=RESULT_SCHEMA_VERSION, description="This document's schema version.")
    tool_version: str = Field(description="The hismigrate version that wrote it.")
    as_of: date = Field(description="The date the assessment is as of (--as-of): every date-dependent figure uses it.")
    hospital: HospitalFacts = Field(description="The hospital assessed.")
    counts: Counts = Field(description="What the inventory lists.")
    summary: Summary = Field(description="The headline figures, as the summary of the reports states them.")
    findings: tuple[FindingOut, ...] = Field(description="Findings before the plan, worst first.")
    gaps: tuple[FindingOut, ...] = Field(description="Checks that could not be decided for lack of data.")
    checks: dict[str, CheckText] = Field(
        description="The texts of every check with a finding or a gap, by check id (sorted), stored once."
    )
    checklist: tuple[ChecklistItem, ...] = Field(description="The MHLW checklist items, decided before the plan.")
    attack_paths: tuple[AttackPath, ...] = Field(
        description="The most likely distinct paths (rank 1-3) to each critical system, before the plan."
    )
    choke_points: tuple[ChokePoint, ...] = Field(description="What most top paths to criticality-1 systems share.")
    coverage: Coverage = Field(description="The facts the exposure analysis uses, known and missing, before the plan.")
    system_exposure: tuple[SystemExposure, ...] = Field(description="Each system's exposure before the plan.")
    strategies: tuple[SystemStrategy, ...] = Field(description="The migration strategy of every system.")
    waves: tuple[WaveOut, ...] = Field(description="Migration waves in cutover order.")
    revision_blackouts: tuple[Blackout, ...] = Field(
        default=(), description="Windows around fee-schedule revisions in which the plan cuts nothing over."
    )
    states: tuple[StateOut, ...] = Field(description="Every migration state: before the plan, then after each wave.")
    remediation: RemediationPlan = Field(description="Fixes ranked by the exposure they remove, each re-assessed.")
    alternatives: Alternatives | None = Field(
        description="Hardening today's estate beside moving it, over the cost horizon; null when incomplete."
    )
    residual: tuple[ResidualSystem, ...] = Field(
        description="Criticality-1 systems still on premises after the last wave, with their likelihood and findings."
    )
    cost: CostResult = Field(description="The cost case: baseline and plan year by year, NPV, sensitivity, lines.")
    calibration: Calibration = Field(description="The exposure bands and control factors the run used.")
    sources: Sources = Field(description="The dated data this run used.")

    def references(self, finding: FindingOut) -> tuple[str, ...]:
        """All of a finding's references: its check's, then its own."""
        check = self.checks.get(finding.check_id)
        return tuple(dict.fromkeys((*(check.references if check else ()), *finding.references)))
