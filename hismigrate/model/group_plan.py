"""Results of the group analyses that decide who joins the shared package when: the package fit of each system
category across the members (with what blocks each member), a suggested package per hospital type, and the joint
plan (the shared environment first, then the members' cutovers under the group's cap).

A reason is a catalog key (`group.reason.<key>`) with parameters, as the planner's are."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from hismigrate.model.enums import Customisation, HospitalType, Standard, SystemCategory
from hismigrate.model.frozen import Frozen
from hismigrate.model.plan import Readiness, Reason

FitStatus = Literal["fits", "later", "blocked", "absent"]


class SystemFit(Frozen):
    """One member system of a shared category, as the package sees it."""

    system: str
    name: str
    vendor: str | None
    customisation: Customisation
    standards: tuple[Standard, ...]
    contract_end: date | None
    readiness: Readiness = Field(description="The system's cloud readiness in the member's own assessment.")
    status: FitStatus = Field(
        description="fits: joins within the window; later: only after it; blocked: cannot join (tied to equipment)."
    )
    earliest: date | None = Field(description="First day it could move onto the package (None when blocked).")
    blockers: tuple[Reason, ...] = Field(description="What delays or blocks it (group.reason.<key>).")
    held_by: str | None = Field(
        default=None, description="The blocker that sets `earliest` (None: the day the environment is ready)."
    )


class MemberCategoryFit(Frozen):
    """One member's systems of one shared category."""

    member: str
    category: SystemCategory
    systems: tuple[SystemFit, ...]
    status: FitStatus = Field(description="The best of its systems' statuses; absent when it runs none.")
    earliest: date | None


class VendorShare(Frozen):
    vendor: str
    members: tuple[str, ...]


class CategoryFit(Frozen):
    """A shared category across the members."""

    category: SystemCategory
    members: tuple[MemberCategoryFit, ...]
    vendors: tuple[VendorShare, ...] = Field(description="Vendors of the members' systems, most members first.")


class PackageCategory(Frozen):
    category: SystemCategory
    running: int = Field(description="Members of the hospital type that run a system of this category.")
    included: bool
    vendor: str | None = Field(description="The vendor most of them already use (fewest migrations).")
    vendor_members: int
    reasons: tuple[Reason, ...]


class PackageSuggestion(Frozen):
    """The package suggested for the members of one kind (university, acute, chronic, clinic)."""

    family: Literal["university", "acute", "chronic", "clinic"]
    hospital_types: tuple[HospitalType, ...]
    members: tuple[str, ...]
    categories: tuple[PackageCategory, ...]
    reasons: tuple[Reason, ...]


class PackageFit(Frozen):
    window_start: date = Field(description="The shared environment's ready day: the first day a member can join.")
    window_end: date = Field(description="The end of the joining window.")
    categories: tuple[CategoryFit, ...]
    suggestions: tuple[PackageSuggestion, ...]


class MemberCutover(Frozen):
    """A member's move of shared-category systems onto the package (its main cutover, or a later one for systems
    whose contract runs longer)."""

    member: str
    cutover: date
    systems: tuple[str, ...]
    main: bool
    notes: tuple[Reason, ...]


class OwnWave(Frozen):
    """A wave of the member's own plan (its other systems), kept in the group plan."""

    cutover: date = Field(description="Its cutover in the group plan.")
    planned: date = Field(description="Its cutover in the member's own plan.")
    systems: tuple[str, ...]


class MemberTimeline(Frozen):
    member: str
    earliest: date | None = Field(description="First day its main cutover could take place.")
    cutovers: tuple[MemberCutover, ...]
    own_waves: tuple[OwnWave, ...]
    staying: tuple[str, ...] = Field(description="Systems of the shared categories that cannot join (blocked).")


class JointWave(Frozen):
    index: int = Field(ge=1)
    cutover: date
    members: tuple[str, ...] = Field(description="Members cutting over onto the package then.")


class MemberState(Frozen):
    member: str
    in_cloud: tuple[str, ...] = Field(description="Its systems in the cloud in this state of the group plan.")
    alone_in_cloud: tuple[str, ...] = Field(description="Its systems in the cloud on the same day under its own plan.")
    joined: bool


class GroupState(Frozen):
    """The group on one day of the plan: before it, after each joint wave, and when every member's plan is done."""

    name: str = Field(description="`before`, `wave <k>` or `complete`.")
    index: int
    day: date
    members: tuple[MemberState, ...]


class GroupPlan(Frozen):
    build_start: date
    environment_ready: date
    period_months: int
    cutovers_per_period: int
    window_end: date
    blackouts: tuple[tuple[date, date], ...] = Field(description="Windows around fee revisions with no cutover.")
    waves: tuple[JointWave, ...]
    members: tuple[MemberTimeline, ...]
    states: tuple[GroupState, ...]


__all__ = [
    "CategoryFit",
    "FitStatus",
    "GroupPlan",
    "GroupState",
    "JointWave",
    "MemberCategoryFit",
    "MemberCutover",
    "MemberState",
    "MemberTimeline",
    "OwnWave",
    "PackageCategory",
    "PackageFit",
    "PackageSuggestion",
    "SystemFit",
    "VendorShare",
]
