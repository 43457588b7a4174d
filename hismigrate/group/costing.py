"""Assemble the shared cost case: each member's group plan costed by the cost model (on several cores where it
pays), the package fees and months on the package, the allocation keys, and the shared environment's components."""

from __future__ import annotations

from datetime import date
from functools import partial

import numpy as np

from hismigrate.cost.bases import price_refs
from hismigrate.cost.case import cost_plan
from hismigrate.cost.context import make_context
from hismigrate.group.calendar import GroupCalendar
from hismigrate.group.environment import PLATFORM_KINDS, environment, package_item
from hismigrate.group.members import Member
from hismigrate.group.sharing import SharedCase, Variant, months_on_package, package_fees, shared_cost
from hismigrate.load.inputs import Inputs
from hismigrate.model.cost import CostResult
from hismigrate.model.enums import AllocationKey, Strategy
from hismigrate.model.group import GroupDefaults, GroupSpec, shared_users
from hismigrate.model.group_cost import GroupCost
from hismigrate.model.group_plan import GroupPlan, MemberTimeline
from hismigrate.model.inventory import Inventory
from hismigrate.model.plan import MigrationPlan, Reason, Wave
from hismigrate.model.prices import UNITS_PER_YEAR, PriceCatalog, PriceItem
from hismigrate.parallel import imap_tasks


def member_group_plan(member: Member, timeline: MemberTimeline) -> MigrationPlan:
    """The member's plan in the group: its package systems bought as the shared package (repurchase) at its
    cutovers, its other systems on its own waves (as the group plan timed them)."""
    package = {s for c in timeline.cutovers for s in c.systems}
    strategies = tuple(
        s.model_copy(update={"strategy": Strategy.repurchase, "reasons": (Reason(key="group_package"),)})
        if s.system in package
        else s
        for s in member.own_plan.strategies
    )
    by_day: dict[date, list[str]] = {}
    for cut in timeline.cutovers:
        by_day.setdefault(cut.cutover, []).extend(cut.systems)
    for wave in timeline.own_waves:
        by_day.setdefault(wave.cutover, []).extend(wave.systems)
    waves = tuple(
        Wave(index=k, cutover=day, systems=tuple(dict.fromkeys(systems)))
        for k, (day, systems) in enumerate(sorted(by_day.items()), start=1)
    )
    return MigrationPlan(strategies=strategies, waves=waves, already_in_cloud=member.own_plan.already_in_cloud)


def without_platform(catalog: PriceCatalog) -> PriceCatalog:
    """The catalog a member is costed with in the group: the landing zone is the group's, priced once."""
    return catalog.model_copy(update={"items": tuple(it for it in catalog.items if it.kind not in PLATFORM_KINDS)})


def key_weights(spec: GroupSpec, members: list[Member]) -> dict[AllocationKey, np.ndarray]:
    """Each allocation key's weight per member that the group's figures allow (users only when every member has
    them; agreed shares only when given)."""
    out = {
        AllocationKey.beds: np.array([m.beds for m in members], dtype=float),
        AllocationKey.equal: np.ones(len(members)),
    }
    users = [
        m.ref.users if m.ref.users is not None else shared_users(m.inventory, spec.shared.categories) for m in members
    ]
    if all(u for u in users):
        out[AllocationKey.users] = np.array(users, dtype=float)
    if all(m.ref.share is not None for m in members):
        out[AllocationKey.shares] = np.array([m.ref.share for m in members], dtype=float)
    return out


def _volumes(spec: GroupSpec, members: list[Member], unit: str | None) -> np.ndarray:
    if unit is not None and unit.startswith("bed"):
        return np.array([m.beds for m in members], dtype=float)
    if unit is not None and unit.startswith("user"):
        users = [m.ref.users or shared_users(m.inventory, spec.shared.categories) or 0 for m in members]
        return np.array(users, dtype=float)
    return np.ones(len(members))


def group_cost(
    spec: GroupSpec,
    members: list[Member],
    plan: GroupPlan,
    calendar: GroupCalendar,
    defaults: GroupDefaults,
    inputs: Inputs,
    jobs: int = 1,
) -> GroupCost:
    settings, catalog = inputs.settings, inputs.catalog
    in_group = without_platform(catalog)
    timelines = {t.member: t for t in plan.members}
    tasks = [
        partial(cost_plan, m.inventory, member_group_plan(m, timelines[m.id]), settings, in_group, inputs.as_of)
        for m in members
    ]
    runs: list[CostResult] = list(imap_tasks(tasks, jobs))
    alone = [m.assessment.cost for m in members]
    years = [y.year for y in alone[0].years]
    on_package = [{s for c in timelines[m.id].cutovers for s in c.systems} for m in members]
    fees = np.array([package_fees(r, systems) for r, systems in zip(runs, on_package, strict=True)], dtype=float)
    own = np.array([[y.plan_jpy for y in r.years] for r in runs], dtype=float) - fees
    item = package_item(catalog, list(spec.shared.categories))
    participating = np.array([bool(timelines[m.id].cutovers) for m in members])
    keys = {k: w * participating for k, w in key_weights(spec, members).items()}
    # the shared items priced as the cost model prices a hospital's (escalation, the year's exchange rate)
    pricing = make_context(Inventory(hospital=members[0].inventory.hospital), settings.cost, catalog, inputs.as_of)

    def yearly(item: PriceItem) -> tuple[list[float], list[str]]:
        row = pricing.price_row(item) * UNITS_PER_YEAR.get(item.unit, 1) * item.quantity
        return [float(x) for x in row], price_refs(pricing, item)

    env = environment(spec, defaults, settings.cost, catalog, calendar, years, int(participating.sum()), yearly)
    case = SharedCase(
        years=years,
        members=[m.id for m in members],
        baseline=np.array([[y.baseline_jpy for y in r.years] for r in alone], dtype=float),
        alone=np.array([[y.plan_jpy for y in r.years] for r in alone], dtype=float),
        own=own,
        fees=fees,
        months=np.array([months_on_package(timelines[m.id], years) for m in members]),
        keys=keys,
        volumes=_volumes(spec, members, item.unit if item else None),
        components=env.components,
        item=item,
        tiers=catalog.volume_discounts.get(item.id, ()) if item else (),
        rate=settings.cost.discount_rate,
        build_per_member=0.0 if spec.shared.environment.build_jpy is not None else defaults.build_per_member_jpy,
        participating=int(participating.sum()),
    )
    base = Variant(key=spec.shared.allocation, factors={}, members=int(participating.sum()) or len(members))
    return shared_cost(case, base, alone)


__all__ = ["group_cost", "key_weights", "member_group_plan", "without_platform"]
