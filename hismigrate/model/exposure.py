"""The exposure result: findings, checklist items, attack paths and the index, as JSON-able pydantic models."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import Field

from hismigrate.model.frozen import Frozen

Scalar = str | int | float | bool | None


class Severity(StrEnum):
    critical = "critical"
    high = "high"
    medium = "medium"
    low = "low"
    info = "info"

    @property
    def rank(self) -> int:
        """0 for critical ... 4 for info: sorts the worst first."""
        return _RANK[self]


_RANK = {s: i for i, s in enumerate(Severity)}


class Band(StrEnum):
    """The exposure index's bands, lowest first (thresholds and calibration: hismigrate/exposure/bands.py)."""

    low = "low"
    moderate = "moderate"
    high = "high"
    very_high = "very_high"
    critical = "critical"


class Status(StrEnum):
    passed = "pass"
    failed = "fail"
    unknown = "unknown"


class Finding(Frozen):
    """One check failing (or undecidable, in `gaps`) on one subject, with the evidence that decided it."""

    check_id: str = Field(description="Stable check id, e.g. HIS-CONN-001.")
    severity: Severity
    subject: str = Field(description="What it is about: `connection:vpn1`, `server:emr-db1`, `route:a->b`, ...")
    evidence: dict[str, Scalar] = Field(description="The inventory facts that decided it, by field name.")
    references: tuple[str, ...] = Field(default=(), description="Checklist items, guideline sections, CVE ids.")


class ChecklistItem(Frozen):
    """One item of the MHLW checklist, decided from the estate where possible and from the practices answers."""

    item: str = Field(description="Item number, e.g. `2-(7)`.")
    title: dict[str, str] = Field(description="The item's wording by language (ja, en), from the checklist data file.")
    status: Status = Field(description="pass, fail, or unknown when neither the estate nor the answers decide it.")
    source: str = Field(description="`estate`, `practices` or `none`: where the decision came from.")
    evidence: tuple[str, ...] = Field(description="Check ids with their outcome, or the practices answer.")


class Hop(Frozen):
    """One step of an attack path: from one node of the attack graph to the next, with why it is likely."""

    kind: str = Field(description="entry, lands_in, maintains, routes_to, member, admin_password, ...")
    source: str = Field(description="Node the hop starts from (`connection:<id>`, `segment:<id>`, `server:<id>`, ...).")
    target: str = Field(description="Node the hop reaches.")
    likelihood: float = Field(ge=0, le=1, description="Likelihood that an attacker at the source takes this hop.")
    findings: tuple[str, ...] = Field(default=(), description="`CHECK-ID@subject` of the findings raising it.")
    controls: tuple[str, ...] = Field(default=(), description="Controls in place lowering it.")


class AttackPath(Frozen):
    """One of the most likely paths from an entry point to a critical system: rank 1 is the most likely, ranks 2 and 3
    the next most likely that differ from the ones before in their entry or in a lateral step."""

    system: str = Field(description="The critical system the path reaches, by id.")
    criticality: int = Field(description="The system's criticality (1 highest).")
    rank: int = Field(default=1, ge=1, description="1 for the system's most likely path, then 2, 3.")
    entry: str = Field(description="The entry point the path starts from (`connection:<id>`, `internet`, `cloud`).")
    likelihood: float = Field(ge=0, le=1, description="Product of the hop likelihoods.")
    hops: tuple[Hop, ...] = Field(description="The path's steps, from the entry point to the system.")


class ChokePoint(Frozen):
    """A hop or a finding that many of the top paths to criticality-1 systems share: fixing it cuts them all."""

    kind: str = Field(description="`hop` (`source->target`) or `finding` (`CHECK-ID@subject`).")
    ref: str = Field(description="The hop (`source->target`) or the finding (`CHECK-ID@subject`).")
    paths: int = Field(description="How many of the top paths to criticality-1 systems contain it.")
    share: float = Field(ge=0, le=1, description="paths / every top path to a criticality-1 system.")


class Coverage(Frozen):
    """How much of what the analysis reads the inventory states: a missing fact counts as the control absent."""

    known: int = Field(description="Facts the analysis uses that the inventory states.")
    total: int = Field(description="Facts the analysis uses.")
    share: float = Field(ge=0, le=1, description="known / total (0 when there is nothing to know).")
    missing: dict[str, int] = Field(
        default_factory=dict, description="Facts not stated, by `part.field` (e.g. `servers.protection`)."
    )


class BandThreshold(Frozen):
    band: Band = Field(description="The band.")
    lowest: float = Field(description="The lowest index in the band (a band runs up to the next one's).")


class ControlFactor(Frozen):
    control: str = Field(description="The control, as data/attack_likelihoods.yaml names it (`mfa`, `edr`...).")
    factor: float = Field(ge=0, le=1, description="What the control multiplies the likelihoods it weakens by.")
    source: str = Field(description="Where the factor comes from, with its confidence (H, M, L).")


class Calibration(Frozen):
    """What the index's bands and the controls' factors are, as the run used them (data/attack_likelihoods.yaml)."""

    likelihoods: str = Field(description="Id of the attack likelihood defaults.")
    bands: tuple[BandThreshold, ...] = Field(description="The five bands, lowest first.")
    controls: tuple[ControlFactor, ...] = Field(description="Each control's factor and its source.")


class SystemExposure(Frozen):
    """How likely one system is to be reached by an attacker, in one migration state."""

    system: str = Field(description="The system, by id.")
    criticality: int = Field(description="Its criticality (1 highest).")
    in_cloud: bool = Field(description="In the cloud in this state.")
    likelihood: float = Field(ge=0, le=1, description="Likelihood of its most likely attack path (0: unreachable).")
    exposure: float = Field(ge=0, le=100, description="100 x likelihood, rounded to one decimal.")


class ExposureResult(Frozen):
    """Everything the exposure analysis says about one migration state of one inventory."""

    as_of: date
    in_cloud: tuple[str, ...] = Field(description="Systems in the cloud in this state, sorted.")
    kev_source: str = Field(description="The KEV facts and catalog versions used.")
    likelihoods_source: str = Field(description="Id of the attack likelihood defaults used.")
    index: float = Field(ge=0, le=100, description="Exposure index 0-100: criticality-weighted mean likelihood x 100.")
    band: Band = Field(description="The index's band (hismigrate/exposure/bands.py).")
    coverage: Coverage
    findings: tuple[Finding, ...]
    gaps: tuple[Finding, ...] = Field(description="Checks that could not be decided for lack of data.")
    checklist: tuple[ChecklistItem, ...]
    paths: tuple[AttackPath, ...] = Field(
        description="The most likely distinct paths (ranks 1-3) to each critical system, worst first."
    )
    choke_points: tuple[ChokePoint, ...] = Field(
        default=(), description="Hops and findings most top paths to criticality-1 systems share, most shared first."
    )
    systems: tuple[SystemExposure, ...]

    def findings_of(self, check_id: str) -> list[Finding]:
        return [f for f in self.findings if f.check_id == check_id]

    def path_to(self, system_id: str) -> AttackPath | None:
        """The system's most likely path (rank 1)."""
        return next((p for p in self.paths if p.system == system_id and p.rank == 1), None)

    def paths_to(self, system_id: str) -> list[AttackPath]:
        """The system's top paths, rank 1 first."""
        return sorted((p for p in self.paths if p.system == system_id), key=lambda p: p.rank)

    def exposure_of(self, system_id: str) -> SystemExposure | None:
        return next((s for s in self.systems if s.system == system_id), None)
