"""The regional blast radius of a group plan: per state, what stops in which member (and for how many beds) when
the shared region is down, when the hub line is cut, when one member's compromise reaches the shared environment,
and when a vendor whose lines reach several members is breached; the same members on their own beside it; the
supply-chain findings; and the mitigations with what each costs."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from hismigrate.model.exposure import Severity
from hismigrate.model.frozen import Frozen
from hismigrate.model.plan import Reason

Scenario = Literal["region_down", "hub_line_cut", "member_compromise", "vendor_breach"]
SCENARIOS: tuple[Scenario, ...] = ("region_down", "hub_line_cut", "member_compromise", "vendor_breach")


class MemberImpact(Frozen):
    member: str
    stopped: tuple[str, ...] = Field(description="Its systems that stop (unavailable), directly or through one needed.")
    critical1: tuple[str, ...] = Field(description="Of them, the criticality-1 systems (care stops).")
    beds: int = Field(description="Its beds when a criticality-1 system stops, else 0.")


class Impact(Frozen):
    """What one event stops across the members."""

    members: tuple[MemberImpact, ...] = Field(description="Members where something stops.")
    care_stops: int = Field(description="Members where a criticality-1 system stops.")
    beds: int = Field(description="Beds of those members.")


class BlastScenario(Frozen):
    scenario: Scenario
    subject: str | None = Field(description="The member breached first, or the vendor breached.")
    group: Impact = Field(description="Under the group plan.")
    alone: Impact = Field(
        description="The same event with every member on its own plan (a line cut: the worst single member)."
    )


class BlastState(Frozen):
    state: str
    index: int
    day: date
    on_environment: tuple[str, ...] = Field(description="Members whose cloud systems run in the shared environment.")
    scenarios: tuple[BlastScenario, ...]


class SupplyChainFinding(Frozen):
    """One vendor account or one appliance model reaching several members: one breach, several hospitals."""

    kind: Literal["vendor", "appliance", "package_vendor"]
    name: str
    members: tuple[str, ...]
    lines: tuple[str, ...] = Field(description="`<member>:<connection id>` of each line.")
    severity: Severity | None = Field(description="The worst finding on those lines in the members' assessments.")
    known_exploited: bool = Field(description="A line's device has a known-exploited vulnerability (CISA KEV).")


class Mitigation(Frozen):
    key: str = Field(description="i18n key group.mitigation.<key>.")
    scenarios: tuple[Scenario, ...] = Field(description="The scenarios it addresses.")
    one_time_jpy: int
    jpy_per_year: int
    basis: tuple[str, ...] = Field(description="Settings, defaults and catalog items the amounts come from.")
    effect: Reason = Field(description="What changes with it (group.effect.<key>).")


class BlastRadius(Frozen):
    region: str
    states: tuple[BlastState, ...]
    supply_chain: tuple[SupplyChainFinding, ...]
    mitigations: tuple[Mitigation, ...]


__all__ = [
    "SCENARIOS",
    "BlastRadius",
    "BlastScenario",
    "BlastState",
    "Impact",
    "MemberImpact",
    "Mitigation",
    "Scenario",
    "SupplyChainFinding",
]
