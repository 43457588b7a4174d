"""The shared cost case of a group: each member alone against the same member in the group, year by year, with
the shared components priced once and split by the allocation key.

Signs follow the single-hospital cost case: a delta is "alone minus in the group", positive when sharing saves the
member (or the group) money that year."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from hismigrate.model.frozen import Frozen

Verdict = Literal["saves", "costs", "neutral"]


class SharedComponent(Frozen):
    """A part of the shared environment priced once for the group."""

    id: str = Field(description="package, landing_zone, operations, security_monitoring, hub_line or build.")
    amounts_jpy: tuple[int, ...] = Field(description="JPY per fiscal year of the horizon.")
    split: Literal["key", "joined"] = Field(
        description="key: split by the allocation key between every member; joined: between the members on the"
        " package that year, by the key."
    )
    basis: tuple[str, ...] = Field(description="Catalog items, defaults and settings it comes from.")
    manual: bool = Field(description="It rests on an estimate to be replaced by a quote.")


class MemberYear(Frozen):
    year: int
    baseline_jpy: int = Field(description="Everything stays on premises.")
    alone_jpy: int = Field(description="The member's own plan.")
    group_jpy: int = Field(description="In the group: its own costs plus its share of the shared components.")
    shared_jpy: int = Field(description="Its share of the shared components (in group_jpy).")
    delta_jpy: int = Field(description="alone minus in the group: positive when sharing saves.")
    cumulative_delta_jpy: int


class MemberCost(Frozen):
    member: str
    share: float = Field(description="Its share under the allocation key.")
    years: tuple[MemberYear, ...]
    npv_delta_jpy: int = Field(description="NPV of sharing against going alone (positive: sharing saves).")
    break_even_year: int | None = Field(description="First year from which the cumulative delta stays >= 0.")
    verdict: Verdict
    npv_alone_vs_onprem_jpy: int = Field(description="Its own plan against staying on premises.")
    npv_group_vs_onprem_jpy: int = Field(description="The group plan against staying on premises.")
    volume_discount_jpy: int = Field(description="What the catalog's volume discount takes off its package fee.")


class GroupYear(Frozen):
    year: int
    baseline_jpy: int
    alone_jpy: int
    group_jpy: int
    delta_jpy: int
    cumulative_delta_jpy: int


class GroupTornadoBar(Frozen):
    """What moves a group's (or a member's) NPV of sharing: the driver's low and high values as shown."""

    driver: str = Field(description="What is varied (i18n key group.driver.<driver>).")
    low: str = Field(description="Low value, as shown.")
    high: str = Field(description="High value, as shown.")
    npv_low_jpy: int = Field(description="NPV of sharing with the driver at its low value.")
    npv_high_jpy: int = Field(description="NPV of sharing with the driver at its high value.")

    @property
    def swing(self) -> int:
        return abs(self.npv_high_jpy - self.npv_low_jpy)


class MemberTornado(Frozen):
    member: str
    bars: tuple[GroupTornadoBar, ...]


class GroupCost(Frozen):
    first_year: int
    horizon_years: int
    discount_rate: float
    components: tuple[SharedComponent, ...]
    volume_discounts: tuple[float, ...] = Field(description="The package's volume discount each year (0-1).")
    years: tuple[GroupYear, ...]
    members: tuple[MemberCost, ...]
    npv_delta_jpy: int = Field(description="NPV of sharing for the group (the members' sum).")
    break_even_year: int | None
    verdict: Verdict
    dearer: tuple[str, ...] = Field(description="Members for whom sharing costs more than going alone.")
    tornado: tuple[GroupTornadoBar, ...] = Field(description="What moves the group's NPV of sharing most.")
    member_tornados: tuple[MemberTornado, ...] = Field(
        description="What moves each member's NPV of sharing, the allocation key and the number of members included."
    )


__all__ = ["GroupCost", "GroupYear", "MemberCost", "MemberTornado", "MemberYear", "SharedComponent", "Verdict"]
