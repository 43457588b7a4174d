"""What the group can do about its blast radius, and what each costs: a second region, a second hub line or a
line per member, a read-only copy of records at each member, members isolated from one another in the shared
environment, and per-member vendor accounts. Amounts are the group defaults' estimates and the catalog's line
price; each effect is read from the last state of the plan (when every member is on the environment)."""

from __future__ import annotations

from hismigrate.model.group import GroupDefaults
from hismigrate.model.group_blast import BlastScenario, BlastState, Mitigation
from hismigrate.model.group_cost import GroupCost
from hismigrate.model.plan import Reason
from hismigrate.model.prices import PriceCatalog


def _first_full_year(cost: GroupCost) -> int:
    """The first year in which the environment runs all year (its components' largest year, else the last)."""
    landing = next((c for c in cost.components if c.id == "landing_zone"), None)
    if landing is None or not any(landing.amounts_jpy):
        return len(cost.years) - 1
    top = max(landing.amounts_jpy)
    return next(k for k, a in enumerate(landing.amounts_jpy) if a >= top * 0.999)


def _scenario(state: BlastState, name: str) -> BlastScenario | None:
    return next((s for s in state.scenarios if s.scenario == name), None)


def mitigations(
    states: tuple[BlastState, ...],
    cost: GroupCost,
    defaults: GroupDefaults,
    catalog: PriceCatalog,
    hub_redundant: bool,
) -> tuple[Mitigation, ...]:
    last = states[-1]
    members = len(last.on_environment) or len(cost.members)
    k = _first_full_year(cost)
    by_id = {c.id: c for c in cost.components}

    def yearly(*ids: str) -> int:
        return sum(by_id[i].amounts_jpy[k] for i in ids if i in by_id)

    region = _scenario(last, "region_down")
    hub = _scenario(last, "hub_line_cut")
    breach = _scenario(last, "member_compromise")
    vendor = _scenario(last, "vendor_breach")
    out = [
        Mitigation(
            key="second_region",
            scenarios=("region_down",),
            one_time_jpy=0,
            jpy_per_year=round(defaults.second_region_share * yearly("landing_zone", "hub_line", "package")),
            basis=("group_defaults:second_region_share", "landing_zone", "hub_line", "package"),
            effect=Reason(key="second_region", params={"beds": str(region.group.beds if region else 0)}),
        )
    ]
    lines = catalog.of_kind("line")
    if lines and not hub_redundant:
        # one line to the environment per member: the hub's price per line (the catalog counts them in quantity)
        one = yearly("hub_line") / max(sum(it.quantity for it in lines), 1)
        beds = str(hub.group.beds if hub else 0)
        basis = tuple(f"catalog:{it.id}" for it in lines)
        out.append(
            Mitigation(
                key="second_hub_line",
                scenarios=("hub_line_cut",),
                one_time_jpy=0,
                jpy_per_year=yearly("hub_line"),
                basis=basis,
                effect=Reason(key="second_hub_line", params={"beds": beds}),
            )
        )
        out.append(
            Mitigation(
                key="member_lines",
                scenarios=("hub_line_cut",),
                one_time_jpy=0,
                jpy_per_year=round(one * members),
                basis=basis,
                effect=Reason(key="member_lines", params={"beds": beds, "members": str(members)}),
            )
        )
    out.append(
        Mitigation(
            key="local_copy",
            scenarios=("region_down", "hub_line_cut", "member_compromise"),
            one_time_jpy=round(defaults.local_copy_one_time_jpy * members),
            jpy_per_year=round(defaults.local_copy_jpy_per_year * members),
            basis=("group_defaults:local_copy_one_time_jpy", "group_defaults:local_copy_jpy_per_year"),
            effect=Reason(key="local_copy", params={"members": str(members)}),
        )
    )
    if breach is not None:
        out.append(
            Mitigation(
                key="isolation",
                scenarios=("member_compromise",),
                one_time_jpy=round(defaults.isolation_one_time_jpy),
                jpy_per_year=round(defaults.isolation_jpy_per_year),
                basis=("group_defaults:isolation_one_time_jpy", "group_defaults:isolation_jpy_per_year"),
                effect=Reason(
                    key="isolation", params={"beds": str(breach.group.beds), "alone": str(breach.alone.beds)}
                ),
            )
        )
    if vendor is not None:
        out.append(
            Mitigation(
                key="vendor_access",
                scenarios=("vendor_breach",),
                one_time_jpy=0,
                jpy_per_year=round(defaults.vendor_access_jpy_per_member_year * len(cost.members)),
                basis=("group_defaults:vendor_access_jpy_per_member_year",),
                effect=Reason(
                    key="vendor_access", params={"vendor": vendor.subject or "", "beds": str(vendor.group.beds)}
                ),
            )
        )
    return tuple(out)


__all__ = ["mitigations"]
