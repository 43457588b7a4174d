"""The shared cost case of a group: each member alone against the same member in the group, year by year, with
the shared components priced once and split by the allocation key.

One sign, the single-hospital cost case's (hismigrate.model.cost.SIGN): going alone is the baseline and the group the
plan, so a saving is "alone minus in the group", positive when sharing costs the member (or the group) less."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from hismigrate.model.cost import SIGN, Verdict
from hismigrate.model.frozen import Frozen


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


SHARING = f"going alone is the baseline, the group the plan: {SIGN}"
"""How a saving of sharing reads: the one sign, with going alone as the baseline."""


class GroupYear(Frozen):
    """One fiscal year of the shared cost case: the group's (the members' sums) or one member's."""

    year: int = Field(description="Fiscal year (April to March).")
    baseline_jpy: int = Field(description="Everything stays on premises.")
    alone_jpy: int = Field(description="On its own plan (the group's: every member on its own).")
    group_jpy: int = Field(description="In the group: its own costs plus its share of the shared components.")
    saving_jpy: int = Field(description=f"Alone minus in the group that year ({SHARING}).")
    cumulative_saving_jpy: int = Field(description=f"Sum of saving_jpy from the first year to this one ({SHARING}).")


class MemberYear(GroupYear):
    """One member's year, with its share of the shared components."""

    shared_jpy: int = Field(description="Its share of the shared components (in group_jpy).")


class MemberCost(Frozen):
    member: str
    share: float = Field(description="Its share under the allocation key.")
    years: tuple[MemberYear, ...]
    npv_saving_jpy: int = Field(
        description=f"NPV of the yearly savings of sharing, the first year undiscounted ({SHARING})."
    )
    break_even_year: int | None = Field(description="First year from which the cumulative saving stays >= 0.")
    verdict: Verdict = Field(description="Sign of npv_saving_jpy: sharing saves or costs the member.")
    own_npv_saving_jpy: int = Field(
        description=f"NPV saving of its own plan against staying on premises (as its own assessment: {SIGN})."
    )
    in_group_npv_saving_jpy: int = Field(
        description=f"NPV saving of its plan in the group against staying on premises ({SIGN})."
    )
    volume_discount_jpy: int = Field(description="What the catalog's volume discount takes off its package fee.")


class GroupTornadoBar(Frozen):
    """What moves a group's (or a member's) NPV of sharing: the driver's low and high values as shown."""

    driver: str = Field(description="What is varied (i18n key group.driver.<driver>).")
    low: str = Field(description="Low value, as shown.")
    high: str = Field(description="High value, as shown.")
    npv_saving_low_jpy: int = Field(description=f"NPV saving of sharing with the driver at its low value ({SHARING}).")
    npv_saving_high_jpy: int = Field(
        description=f"NPV saving of sharing with the driver at its high value ({SHARING})."
    )

    @property
    def swing(self) -> int:
        return abs(self.npv_saving_high_jpy - self.npv_saving_low_jpy)


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
    npv_saving_jpy: int = Field(description=f"NPV saving of sharing for the group, the members' sum ({SHARING}).")
    break_even_year: int | None = Field(description="First year from which the group's cumulative saving stays >= 0.")
    verdict: Verdict = Field(description="Sign of npv_saving_jpy: sharing saves or costs the group.")
    dearer: tuple[str, ...] = Field(description="Members for whom sharing costs more than going alone.")
    tornado: tuple[GroupTornadoBar, ...] = Field(description="What moves the group's NPV saving of sharing most.")
    member_tornados: tuple[MemberTornado, ...] = Field(
        description="What moves each member's NPV saving of sharing, the allocation key and the number of members included."
    )


__all__ = [
    "SHARING",
    "GroupCost",
    "GroupYear",
    "MemberCost",
    "MemberTornado",
    "MemberYear",
    "SharedComponent",
    "Verdict",
]
