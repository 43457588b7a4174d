"""Package fit: for each shared category, each member's systems with their vendor, customisation, standards and
contract, what delays or blocks their move onto the shared package, and the first day they could join; then a
package suggested for each kind of hospital among the members (university, acute, chronic-care).

What blocks a system comes from the member's own readiness (its assessment): tied to on-site equipment (blocked),
high customisation (a fit-to-standard period first), no HL7 FHIR where the national sharing service needs it (the
interfaces first), a contract running past the day the environment is ready (joins at the last cutover before it
ends: a few months' early exit rather than a renewal). A contract end that is not known is never taken as free: it
is named as a blocker to confirm.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from hismigrate.group.calendar import GroupCalendar
from hismigrate.group.members import Member
from hismigrate.model.enums import HospitalType, Standard, SystemCategory
from hismigrate.model.group import GroupDefaults, GroupSpec
from hismigrate.model.group_plan import (
    CategoryFit,
    FitStatus,
    MemberCategoryFit,
    PackageCategory,
    PackageFit,
    PackageSuggestion,
    SystemFit,
    VendorShare,
)
from hismigrate.model.inventory import System
from hismigrate.model.plan import Readiness, Reason
from hismigrate.plan.waves import add_months

FAMILY: dict[HospitalType, str] = {
    HospitalType.university: "university",
    HospitalType.acute: "acute",
    HospitalType.mixed: "acute",
    HospitalType.chronic: "chronic",
    HospitalType.psychiatric: "chronic",
    HospitalType.clinic: "clinic",
}
# Infrastructure and the grab-bag category are no part of a clinical package.
NOT_PACKAGED = frozenset({SystemCategory.identity, SystemCategory.groupware, SystemCategory.other})
_STATUS_ORDER: tuple[FitStatus, ...] = ("fits", "later", "blocked", "absent")


def system_fit(
    member: Member, system: System, calendar: GroupCalendar, defaults: GroupDefaults, as_of: date
) -> SystemFit:
    """How one system of a shared category fits the package, from its readiness in the member's assessment."""
    strategy = next((s for s in member.assessment.strategies if s.system == system.id), None)
    reasons = {r.key: r for r in (strategy.readiness_reasons if strategy else ())}
    earliest: date = calendar.ready
    held_by: str | None = None
    blockers: list[Reason] = []

    def hold(key: str, until: date) -> None:
        nonlocal earliest, held_by
        if until > earliest:
            earliest, held_by = until, key

    blocked = "ready_equipment" in reasons
    if blocked:
        blockers.append(Reason(key="equipment", params={"equipment": ", ".join(system.equipment)}))
    if "ready_customised" in reasons:
        until = add_months(as_of, defaults.fit_to_standard_months)
        blockers.append(
            Reason(key="customised", params={"months": str(defaults.fit_to_standard_months), "date": until.isoformat()})
        )
        hold("customised", until)
    if "ready_no_fhir" in reasons:
        until = add_months(as_of, defaults.interface_months)
        blockers.append(
            Reason(key="no_fhir", params={"months": str(defaults.interface_months), "date": until.isoformat()})
        )
        hold("no_fhir", until)
    if system.contract_end is None:
        blockers.append(Reason(key="contract_unknown"))
    elif system.contract_end >= earliest:
        # held to its contract, it moves at the last cutover day before the contract ends: a few months' early
        # exit rather than a renewal (the one period that ends on or after the contract's end opens after this day)
        blockers.append(Reason(key="contract", params={"date": system.contract_end.isoformat()}))
        hold("contract", add_months(system.contract_end, -calendar.period_months) + timedelta(days=1))
    status: FitStatus = "blocked" if blocked else "later" if earliest > calendar.window_end else "fits"
    return SystemFit(
        system=system.id,
        name=system.name,
        vendor=system.vendor,
        customisation=system.customisation,
        standards=tuple(system.standards),
        contract_end=system.contract_end,
        readiness=strategy.readiness if strategy else Readiness.unknown,
        status=status,
        earliest=None if blocked else earliest,
        blockers=tuple(blockers),
        held_by=None if blocked else held_by,
    )


def _member_category(member: Member, category: SystemCategory, fits: list[SystemFit]) -> MemberCategoryFit:
    if not fits:
        return MemberCategoryFit(member=member.id, category=category, systems=(), status="absent", earliest=None)
    status = min((f.status for f in fits), key=_STATUS_ORDER.index)
    days = [f.earliest for f in fits if f.earliest is not None]
    return MemberCategoryFit(
        member=member.id, category=category, systems=tuple(fits), status=status, earliest=min(days) if days else None
    )


def _vendors(members: list[Member], category: SystemCategory) -> tuple[VendorShare, ...]:
    users: dict[str, list[str]] = {}
    for member in members:
        for vendor in dict.fromkeys(s.vendor for s in member.inventory.systems if s.category == category and s.vendor):
            users.setdefault(vendor, []).append(member.id)
    ranked = sorted(users.items(), key=lambda item: (-len(item[1]), item[0]))
    return tuple(VendorShare(vendor=v, members=tuple(m)) for v, m in ranked)


def package_fit(
    spec: GroupSpec, members: list[Member], calendar: GroupCalendar, defaults: GroupDefaults, as_of: date
) -> PackageFit:
    categories = []
    for category in spec.shared.categories:
        rows = []
        for member in members:
            systems = [s for s in member.inventory.systems if s.category == category]
            fits = [system_fit(member, s, calendar, defaults, as_of) for s in systems]
            rows.append(_member_category(member, category, fits))
        categories.append(CategoryFit(category=category, members=tuple(rows), vendors=_vendors(members, category)))
    return PackageFit(
        window_start=calendar.ready,
        window_end=calendar.window_end,
        categories=tuple(categories),
        suggestions=suggest_packages(spec, members, calendar, defaults, as_of),
    )


def suggest_packages(
    spec: GroupSpec, members: list[Member], calendar: GroupCalendar, defaults: GroupDefaults, as_of: date
) -> tuple[PackageSuggestion, ...]:
    """One package per kind of hospital among the members: the categories at least half of them run (not those
    mostly tied to on-site equipment), each with the vendor most of them already use."""
    families: dict[str, list[Member]] = {}
    for member in members:
        families.setdefault(FAMILY[member.inventory.hospital.type], []).append(member)
    out = []
    for family in ("university", "acute", "chronic", "clinic"):
        group = families.get(family)
        if not group:
            continue
        run: Counter[SystemCategory] = Counter()
        for member in group:
            run.update({s.category for s in member.inventory.systems if s.category not in NOT_PACKAGED})
        categories = []
        for category in sorted(run, key=lambda c: (-run[c], list(SystemCategory).index(c))):
            categories.append(_package_category(spec, group, category, run[category], calendar, defaults, as_of))
        reasons = [Reason(key=f"package_{family}")]
        customised = [m.inventory.hospital.name for m in group if _emr_customised(m)]
        if customised:
            reasons.append(Reason(key="package_fit_to_standard", params={"members": ", ".join(customised)}))
        types = tuple(dict.fromkeys(m.inventory.hospital.type for m in group))
        out.append(
            PackageSuggestion(
                family=family,
                hospital_types=types,
                members=tuple(m.id for m in group),
                categories=tuple(categories),
                reasons=tuple(reasons),
            )
        )
    return tuple(out)


def _emr_customised(member: Member) -> bool:
    return any(s.category == SystemCategory.emr and s.customisation.value == "high" for s in member.inventory.systems)


def _package_category(
    spec: GroupSpec,
    group: list[Member],
    category: SystemCategory,
    running: int,
    calendar: GroupCalendar,
    defaults: GroupDefaults,
    as_of: date,
) -> PackageCategory:
    reasons = [Reason(key="run_by", params={"count": str(running), "total": str(len(group))})]
    tied = 0
    fhir: set[str] = set()
    for member in group:
        systems = [s for s in member.inventory.systems if s.category == category]
        fits = [system_fit(member, s, calendar, defaults, as_of) for s in systems]
        if fits and all(f.status == "blocked" for f in fits):
            tied += 1
        fhir.update(s.vendor or "" for s in systems if Standard.fhir in s.standards)
    included = running * 2 >= len(group) and tied * 2 < running
    if tied:
        reasons.append(Reason(key="tied_to_equipment", params={"count": str(tied)}))
    if running * 2 < len(group):
        reasons.append(Reason(key="few_run"))
    if category in spec.shared.categories:
        reasons.append(Reason(key="in_shared"))
    vendors = _vendors(group, category)
    # the vendor most already use; on a tie, one whose system speaks HL7 FHIR
    best = min(vendors, key=lambda v: (-len(v.members), v.vendor not in fhir, v.vendor), default=None)
    if best is not None:
        reasons.append(Reason(key="vendor_most", params={"vendor": best.vendor, "count": str(len(best.members))}))
    return PackageCategory(
        category=category,
        running=running,
        included=included,
        vendor=best.vendor if best else None,
        vendor_members=len(best.members) if best else 0,
        reasons=tuple(reasons),
    )


__all__ = ["FAMILY", "package_fit", "suggest_packages", "system_fit"]
