"""A group of hospitals moving onto one shared system (共同利用): the group file's format.

A group names its member inventories (paths, relative to the group file) and the shared arrangement: which system
categories move onto the shared package, the shared cloud environment, how its costs are split between members (the
allocation key), and how many member cutovers the vendors can carry per period. Each field's description documents
the format (`hismigrate schema --group`). Every figure left blank takes the dated default in
hismigrate/data/group_defaults.yaml.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from hismigrate.model.enums import AllocationKey, Prefecture, SystemCategory
from hismigrate.model.fields import (
    MAX_PURCHASE_JPY,
    MAX_USERS,
    MAX_YEARLY_JPY,
    NUMBER,
    Flag,
    Int,
    OptDay,
    OptText,
    Slug,
    Text,
    bounded,
)
from hismigrate.model.inventory import Inventory
from hismigrate.model.text import parse_list


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class GroupInfo(_Model):
    """The group as a whole."""

    id: Slug = Field(description="Short lower-case identifier, used as the report folder name (e.g. `inba-public`).")
    name: Text = Field(description="Name of the group (グループ名).")
    prefecture: Prefecture | None = Field(default=None, description="Prefecture of the group, when it has one.")
    notes: OptText = Field(default=None, description="Free notes.")


class MemberRef(_Model):
    """One member hospital: where its inventory is, and its figures for the allocation key when not in it."""

    path: Text = Field(
        description="The member's inventory: a folder of YAML files, a YAML file or an Excel workbook, relative to"
        " the group file."
    )
    share: Annotated[
        float | None, bounded("Its share of the shared costs, with `allocation: shares`.", ge=0, le=1), NUMBER
    ] = None
    users: Annotated[
        int | None,
        bounded(
            "Users of the shared package at this member; default: the most users of its systems in the shared categories.",
            ge=0,
            le=MAX_USERS,
        ),
        NUMBER,
    ] = None


class SharedEnvironment(_Model):
    """The shared cloud environment every member's cloud systems run in: priced once for the group."""

    region: OptText = Field(
        default=None, description="Cloud region of the shared environment; default: the price catalog's region."
    )
    build_months: Annotated[
        int | None, bounded("Months to build the shared environment before the first cutover.", ge=1, le=60), NUMBER
    ] = None
    build_jpy: Annotated[
        float | None,
        bounded(
            "One-time cost of the shared build (design, tenancy, common masters, the interface hub), JPY; default: a"
            " base plus an amount per member.",
            ge=0,
            le=MAX_PURCHASE_JPY,
        ),
        NUMBER,
    ] = None
    operations_fte: Annotated[
        float | None, bounded("Full-time staff who run the shared environment for the group.", ge=0, le=100), NUMBER
    ] = None
    security_monitoring_jpy_per_year: Annotated[
        float | None,
        bounded("Security monitoring (SOC) of the shared environment per year, JPY.", ge=0, le=MAX_YEARLY_JPY),
        NUMBER,
    ] = None
    hub_line_redundant: Flag = Field(
        default=False,
        description="The closed-network hub line of the shared environment has an independent second line.",
    )


class Shared(_Model):
    """What the members share and on what terms."""

    categories: Annotated[list[SystemCategory], BeforeValidator(parse_list)] = Field(
        min_length=1, description="System categories that move onto the shared package (e.g. emr, billing, ordering)."
    )
    package_vendor: OptText = Field(
        default=None, description="Vendor that builds and maintains the shared package, when chosen."
    )
    environment: SharedEnvironment = Field(
        default_factory=SharedEnvironment, description="The shared cloud environment."
    )
    allocation: AllocationKey = Field(
        default=AllocationKey.beds, description="How shared costs are split: beds, users, equal or shares."
    )
    cutovers_per_period: Annotated[
        int | None, bounded("Most member cutovers in one period (the vendors' capacity).", ge=1, le=50), NUMBER
    ] = None
    period_months: Annotated[int | None, bounded("Length of one period, in months.", ge=1, le=24), NUMBER] = None
    start: OptDay = Field(
        default=None,
        description="Day the shared build starts; default: the first 1 April at least the planner's lead time after"
        " --as-of.",
    )
    window_years: Annotated[
        int | None, bounded("Years after the environment is ready in which members should join.", ge=1, le=15), NUMBER
    ] = None
    prices: OptText = Field(
        default=None,
        description="The group's own quotes (a price catalog in YAML, relative to the group file): the package's"
        " fees per bed or user, with volume tiers; merged over the shipped catalog for every member and the group.",
    )


class GroupSpec(_Model):
    """A group file: the group, its members and the shared arrangement."""

    group: GroupInfo = Field(description="The group.")
    members: list[MemberRef] = Field(min_length=2, description="The member hospitals (at least two).")
    shared: Shared = Field(description="The shared arrangement.")


GROUP_PARTS = ("group", "members", "shared")
"""Top-level keys of a group file."""


class GroupDefaults(_Model):
    """The defaults of hismigrate/data/group_defaults.yaml: dated estimates, each with a source."""

    as_of: date = Field(description="Date the defaults were last reviewed.")
    build_months: Int = Field(ge=1)
    build_base_jpy: float = Field(ge=0)
    build_per_member_jpy: float = Field(ge=0)
    operations_fte: float = Field(ge=0)
    security_monitoring_jpy_per_year: float = Field(ge=0)
    cutovers_per_period: Int = Field(ge=1)
    period_months: Int = Field(ge=1)
    window_years: Int = Field(ge=1)
    fit_to_standard_months: Int = Field(ge=0, description="Preparation before a highly customised system joins.")
    interface_months: Int = Field(ge=0, description="Preparation before a system without the standard joins.")
    second_region_share: float = Field(ge=0, le=2, description="A warm standby region, as a share of the primary.")
    local_copy_one_time_jpy: float = Field(ge=0)
    local_copy_jpy_per_year: float = Field(ge=0)
    isolation_one_time_jpy: float = Field(ge=0)
    isolation_jpy_per_year: float = Field(ge=0)
    vendor_access_jpy_per_member_year: float = Field(ge=0)
    sources: dict[str, str] = Field(default_factory=dict)


def shared_users(inventory: Inventory, categories: Collection[SystemCategory]) -> int | None:
    """Users of the shared package at a member: the most users of its systems in the shared categories (the same
    staff use several of them); None when none of them says."""
    counts = [s.users for s in inventory.systems if s.category in categories and s.users]
    return max(counts) if counts else None


def group_defaults() -> GroupDefaults:
    from hismigrate.data import load_data

    return GroupDefaults.model_validate(load_data("group_defaults.yaml"))


__all__ = [
    "GROUP_PARTS",
    "AllocationKey",
    "GroupDefaults",
    "GroupInfo",
    "GroupSpec",
    "MemberRef",
    "Shared",
    "SharedEnvironment",
    "group_defaults",
    "shared_users",
]
