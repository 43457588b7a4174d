"""assess_group(group, inventories, inputs) -> GroupAssessment: the members' own assessments (the pipeline, as for
one hospital, on several cores where there are several members), then the group analyses on top of them: package
fit, the joint plan, the shared cost case and the regional blast radius."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import partial

from hismigrate import __version__
from hismigrate.group.blast import blast_states, supply_chain
from hismigrate.group.calendar import group_calendar
from hismigrate.group.costing import group_cost
from hismigrate.group.fit import package_fit
from hismigrate.group.joint import joint_plan
from hismigrate.group.members import Member
from hismigrate.group.mitigations import mitigations
from hismigrate.load.group_source import GroupSource
from hismigrate.load.inputs import Inputs
from hismigrate.model.assessment import Assessment, bed_class
from hismigrate.model.group import group_defaults, shared_users
from hismigrate.model.group_blast import BlastRadius
from hismigrate.model.group_result import GroupAssessment, GroupFacts, GroupSources, MemberFacts
from hismigrate.model.inventory import Inventory
from hismigrate.parallel import imap_tasks, jobs_for
from hismigrate.pipeline import assess


class GroupStage(StrEnum):
    members = "members"
    fit = "fit"
    plan = "plan"
    cost = "cost"
    blast = "blast"


@dataclass(frozen=True)
class GroupStep:
    """What a group assessment is doing now; while the members are assessed, how many of how many are done."""

    stage: GroupStage
    done: int = 0
    total: int = 0


Progress = Callable[[GroupStep], None]


def member_assessments(
    inventories: list[Inventory], inputs: Inputs, jobs: int, progress: Progress | None = None
) -> list[Assessment]:
    """Each member's own assessment, as `hismigrate assess` makes it, on `jobs` cores (one member per worker)."""
    one = replace(inputs, jobs=1)
    out = []
    for k, result in enumerate(imap_tasks([partial(assess, inv, one) for inv in inventories], jobs)):
        out.append(result)
        if progress is not None:
            progress(GroupStep(GroupStage.members, k + 1, len(inventories)))
    return out


def assess_group(
    source: GroupSource, inventories: list[Inventory], inputs: Inputs, progress: Progress | None = None
) -> tuple[GroupAssessment, list[Member]]:
    """The group assessment, and the members (inventory and own assessment) it was made from."""
    step = progress or (lambda _: None)
    spec, settings, as_of = source.spec, inputs.settings, inputs.as_of
    jobs = jobs_for("members", len(inventories), inputs.jobs)
    assessments = member_assessments(inventories, inputs, jobs, step)
    members = [Member(inv, a, ref) for inv, a, ref in zip(inventories, assessments, spec.members, strict=True)]
    defaults = group_defaults()
    calendar = group_calendar(spec, defaults, settings, as_of)

    step(GroupStep(GroupStage.fit))
    fit = package_fit(spec, members, calendar, defaults, as_of)
    step(GroupStep(GroupStage.plan))
    plan = joint_plan(members, fit, calendar, settings)
    step(GroupStep(GroupStage.cost))
    cost = group_cost(spec, members, plan, calendar, defaults, inputs, jobs)
    step(GroupStep(GroupStage.blast))
    hub_redundant = spec.shared.environment.hub_line_redundant
    findings = supply_chain(members, spec.shared.package_vendor, plan)
    states = blast_states(members, plan, findings, hub_redundant)
    region = spec.shared.environment.region or inputs.catalog.region
    blast = BlastRadius(
        region=region,
        states=states,
        supply_chain=findings,
        mitigations=mitigations(states, cost, defaults, inputs.catalog, hub_redundant),
    )
    shares = {m.member: m.share for m in cost.members}
    facts = tuple(_member_facts(m, shares[m.id], spec.shared.categories) for m in members)
    result = GroupAssessment(
        tool_version=__version__,
        as_of=as_of,
        group=GroupFacts(
            id=spec.group.id,
            name=spec.group.name,
            prefecture=spec.group.prefecture,
            members=len(members),
            beds=sum(m.beds for m in members),
            categories=tuple(spec.shared.categories),
            package_vendor=spec.shared.package_vendor,
            allocation=spec.shared.allocation,
            region=region,
        ),
        members=facts,
        fit=fit,
        plan=plan,
        cost=cost,
        blast=blast,
        sources=GroupSources(
            price_catalog=inputs.catalog.id,
            price_catalog_as_of=inputs.catalog.as_of,
            group_defaults_as_of=defaults.as_of,
            settings_file=inputs.settings_file.name if inputs.settings_file else None,
            prices_file=inputs.prices_file.name if inputs.prices_file else None,
        ),
    )
    return result, members


def _member_facts(member: Member, share: float, categories: object) -> MemberFacts:
    a, h = member.assessment, member.inventory.hospital
    users = member.ref.users if member.ref.users is not None else shared_users(member.inventory, categories)  # type: ignore[arg-type]
    return MemberFacts(
        id=h.id,
        name=h.name,
        path=member.ref.path,
        beds=h.beds,
        bed_class=bed_class(h.beds),
        type=h.type,
        prefecture=h.prefecture,
        founder=h.founder,
        users=users,
        share=share,
        systems=len(member.inventory.systems),
        servers=len(member.inventory.servers),
        exposure_index_now=a.summary.exposure_index_now,
        exposure_index_after=a.summary.exposure_index_after,
        own_waves=a.summary.waves,
        own_npv_saving_jpy=a.summary.npv_saving_jpy,
        own_verdict=a.summary.verdict,
    )


__all__ = ["assess_group", "member_assessments"]
