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
    """The most likely path from any entry point to one critical system."""

    system: str = Field(description="The critical system the path reaches, by id.")
    criticality: int = Field(description="The system's criticality (1 highest).")
    entry: str = Field(description="The entry point the path starts from (`connection:<id>`, `internet`, `cloud`).")
    likelihood: float = Field(ge=0, le=1, description="Product of the hop likelihoods.")
    hops: tuple[Hop, ...] = Field(description="The path's steps, from the entry point to the system.")


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
    findings: tuple[Finding, ...]
    gaps: tuple[Finding, ...] = Field(description="Checks that could not be decided for lack of data.")
    checklist: tuple[ChecklistItem, ...]
    paths: tuple[AttackPath, ...] = Field(description="The most likely path to each critical system, worst first.")
    systems: tuple[SystemExposure, ...]

    def findings_of(self, check_id: str) -> list[Finding]:
        return [f for f in self.findings if f.check_id == check_id]

    def path_to(self, system_id: str) -> AttackPath | None:
        return next((p for p in self.paths if p.system == system_id), None)

    def exposure_of(self, system_id: str) -> SystemExposure | None:
        return next((s for s in self.systems if s.system == system_id), None)
