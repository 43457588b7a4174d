"""The GroupAssessment: what one run of `hismigrate group assess` found, as one JSON-able document. It holds the
group analyses and, for each member, the key figures of its own assessment (the whole of which a member's own
`hismigrate assess` writes)."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from hismigrate.model.cost import SIGN
from hismigrate.model.enums import AllocationKey, Founder, HospitalType, Prefecture, SystemCategory
from hismigrate.model.frozen import Frozen
from hismigrate.model.group_blast import BlastRadius
from hismigrate.model.group_cost import GroupCost
from hismigrate.model.group_plan import GroupPlan, PackageFit

# 1.0: the first group.json; 1.1: every cost difference a saving with the one sign (see GroupAssessment's description)
GROUP_SCHEMA_VERSION = "1.1"


class MemberFacts(Frozen):
    """A member and the key figures of its own assessment."""

    id: str
    name: str
    path: str = Field(description="Its inventory, as the group file names it.")
    beds: int
    bed_class: str
    type: HospitalType
    prefecture: Prefecture
    founder: Founder
    users: int | None = Field(description="Users of the shared package (for the users key).")
    share: float = Field(description="Its share of the shared costs under the group's allocation key.")
    systems: int
    servers: int
    exposure_index_now: float
    exposure_index_after: float = Field(description="After its own plan's last wave.")
    own_waves: int
    own_npv_saving_jpy: int = Field(
        description=f"NPV saving of its own plan against staying on premises, as its own assessment gives it ({SIGN})."
    )
    own_verdict: str


class GroupFacts(Frozen):
    id: str
    name: str
    prefecture: Prefecture | None
    members: int
    beds: int
    categories: tuple[SystemCategory, ...]
    package_vendor: str | None
    allocation: AllocationKey
    region: str


class GroupSources(Frozen):
    """The dated data this run used."""

    price_catalog: str
    price_catalog_as_of: date
    group_defaults_as_of: date
    settings_file: str | None
    prices_file: str | None


class GroupAssessment(Frozen):
    """What one run of `hismigrate group assess` found (group.json). Every cost difference is a saving, with the
    sign of the single-hospital assessment (hismigrate.model.cost.SIGN): going alone is the baseline and the group
    the plan, so a saving is positive when sharing costs less.

    Changes: 1.1: the cost differences are named for their direction, with the one sign: `delta_jpy` and
    `cumulative_delta_jpy` (years, members' years) became `saving_jpy` and `cumulative_saving_jpy`, `npv_delta_jpy`
    (cost, members) `npv_saving_jpy`, the tornados' `npv_low_jpy` and `npv_high_jpy` `npv_saving_low_jpy` and
    `npv_saving_high_jpy`, the members' `npv_alone_vs_onprem_jpy` and `npv_group_vs_onprem_jpy` `own_npv_saving_jpy`
    and `in_group_npv_saving_jpy`, `members[].own_npv_delta_jpy` `own_npv_saving_jpy` (values and signs unchanged).
    1.0: the first version."""

    schema_version: str = Field(default=GROUP_SCHEMA_VERSION, description="This document's schema version.")
    tool_version: str
    as_of: date
    group: GroupFacts
    members: tuple[MemberFacts, ...]
    fit: PackageFit
    plan: GroupPlan
    cost: GroupCost
    blast: BlastRadius
    sources: GroupSources


__all__ = ["GROUP_SCHEMA_VERSION", "GroupAssessment", "GroupFacts", "GroupSources", "MemberFacts"]
