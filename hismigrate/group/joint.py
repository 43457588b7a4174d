"""The joint plan: the shared environment is built first; then each member moves its systems of the shared
categories onto the package in one main cutover (its EMR-class systems together), and any whose contract runs
longer in a later cutover; the members' other systems keep their own plan's waves, none before the environment is
ready (every member's cloud systems run in it).

Each member's constraints come from the package fit (contracts, fit-to-standard, interfaces, equipment); the
group's are the environment's ready day, at most `cutovers_per_period` member cutovers per period (the package
vendor's teams) and no cutover in the window around a fee revision. Periods are filled in turn: of the members free
to move by then, one whose contract or server refresh comes soonest goes first (later, it would renew the contract
or buy the hardware again), then the smaller (small and medium hospitals move sooner, as the ministry expects),
then by id.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from hismigrate.group.calendar import GroupCalendar
from hismigrate.group.members import Member
from hismigrate.model.calendar import months_between
from hismigrate.model.group_plan import (
    GroupPlan,
    GroupState,
    JointWave,
    MemberCutover,
    MemberState,
    MemberTimeline,
    OwnWave,
    PackageFit,
    SystemFit,
)
from hismigrate.model.plan import Reason
from hismigrate.model.settings import Settings
from hismigrate.plan.waves import add_months


@dataclass
class _Slots:
    """Member cutovers booked per period."""

    calendar: GroupCalendar
    booked: dict[int, list[str]] = field(default_factory=dict)

    def _book(self, member: str, k: int) -> None:
        if member not in self.booked.setdefault(k, []):
            self.booked[k].append(member)

    def _free(self, member: str, k: int) -> bool:
        taken = self.booked.get(k, [])
        return not self.calendar.blocked(self.calendar.slot(k)) and (member in taken or len(taken) < self.calendar.cap)

    def why_later(self, earliest: date, k: int) -> list[Reason]:
        """Why period `k` and not the first on or after `earliest`: a blackout, and the cap, on the way."""
        notes: list[Reason] = []
        for j in range(self.calendar.first_period(earliest), k):
            day = self.calendar.slot(j)
            key = "blackout" if self.calendar.blocked(day) else "cap"
            if any(n.key == key for n in notes):
                continue
            params = {"date": day.isoformat()} | ({"cap": str(self.calendar.cap)} if key == "cap" else {})
            notes.append(Reason(key=key, params=params))
        return notes

    def place(self, member: str, earliest: date) -> tuple[int, list[Reason]]:
        """The first period on or after `earliest` outside a blackout with room (or already holding this member)."""
        k = self.calendar.first_period(earliest)
        while not self._free(member, k):
            k += 1
        self._book(member, k)
        return k, self.why_later(earliest, k)

    def schedule(self, earliest: dict[str, date], rank: Callable[[str, date], tuple[date, int, str]]) -> dict[str, int]:
        """Each member's period, period by period: of the members free to move by then, those `rank` puts first
        (the nearest deadline) take the room there is."""
        placed: dict[str, int] = {}
        waiting = set(earliest)
        k = 0
        while waiting:
            day = self.calendar.slot(k)
            if not self.calendar.blocked(day):
                ready = sorted((m for m in waiting if earliest[m] <= day), key=lambda m: rank(m, day))
                for member in ready[: max(0, self.calendar.cap - len(self.booked.get(k, [])))]:
                    self._book(member, k)
                    placed[member] = k
                    waiting.discard(member)
            k += 1
        return placed


def _joining(member: Member, fit: PackageFit) -> list[SystemFit]:
    return [
        s
        for category in fit.categories
        for row in category.members
        if row.member == member.id
        for s in row.systems
        if s.status != "blocked"
    ]


def _why_waiting(systems: list[SystemFit], day: date) -> list[Reason]:
    """The blockers that hold these systems back to `day` (the latest of them), each once."""
    found = {
        (b.key, tuple(sorted(b.params.items()))): b
        for s in systems
        if s.earliest == day and s.held_by is not None
        for b in s.blockers
        if b.key == s.held_by
    }
    return list(found.values())


def _renewals(systems: list[SystemFit], cutover: date, as_of: date) -> list[Reason]:
    """Contracts that run out between --as-of and the cutover: renewed, or extended until it (the latest)."""
    ends = sorted({d for s in systems if (d := s.contract_end) is not None and as_of <= d < cutover})
    return [Reason(key="renew_before", params={"date": day.isoformat()}) for day in ends[-1:]]


def _refresh_notes(member: Member, systems: list[str], cutover: date) -> list[Reason]:
    """Servers of these systems due for refresh before the cutover: bought again, or kept on extended maintenance
    until it (one note: how many, and the first due)."""
    due = [
        day
        for sid in systems
        for server_id in member.index.systems[sid].servers
        if (day := member.index.servers[server_id].refresh_due) is not None and member.assessment.as_of <= day < cutover
    ]
    if not due:
        return []
    return [Reason(key="refresh_before", params={"servers": str(len(due)), "date": min(due).isoformat()})]


def joint_plan(members: list[Member], fit: PackageFit, calendar: GroupCalendar, settings: Settings) -> GroupPlan:
    slots = _Slots(calendar)
    emr_class = set(settings.cost.refresh.emr_class_categories)
    joining = {m.id: _joining(m, fit) for m in members}
    main_systems: dict[str, list[SystemFit]] = {}
    main_day: dict[str, date] = {}
    for member in members:
        systems = joining[member.id]
        category = {s.system: member.index.systems[s.system].category for s in systems}
        core = [s for s in systems if category[s.system] in emr_class] or systems
        if core:
            main_systems[member.id] = core
            main_day[member.id] = max(s.earliest for s in core if s.earliest is not None)

    cutovers: dict[str, list[MemberCutover]] = {m.id: [] for m in members}
    by_id = {m.id: m for m in members}

    # Earliest deadline first: of the members free to move in a period, one whose contract or server refresh then
    # comes soonest goes first (later, it would renew the contract or buy the hardware again), then the smaller.
    deadlines = {
        mid: [s.contract_end for s in systems if s.contract_end is not None]
        + [
            due
            for s in systems
            for server in by_id[mid].index.systems[s.system].servers
            if (due := by_id[mid].index.servers[server].refresh_due) is not None
        ]
        for mid, systems in main_systems.items()
    }

    def rank(mid: str, day: date) -> tuple[date, int, str]:
        return (min((d for d in deadlines[mid] if d >= day), default=date.max), by_id[mid].beds, mid)

    placed = slots.schedule(main_day, rank)
    order = sorted(main_day, key=lambda mid: (placed[mid], main_day[mid], by_id[mid].beds, mid))
    for mid in order:
        k = placed[mid]
        notes = slots.why_later(main_day[mid], k)
        day = calendar.slot(k)
        moving = [s for s in joining[mid] if s.earliest is not None and s.earliest <= day]
        ids = tuple(s.system for s in moving)
        why = _why_waiting(main_systems[mid], main_day[mid]) if main_day[mid] > calendar.ready else []
        cutovers[mid].append(
            MemberCutover(
                member=mid,
                cutover=day,
                systems=ids,
                main=True,
                notes=tuple(
                    why
                    + notes
                    + _renewals(moving, day, by_id[mid].assessment.as_of)
                    + _refresh_notes(by_id[mid], list(ids), day)
                ),
            )
        )
    # the systems whose contract runs past their member's main cutover, each when it can
    later = [
        (s.earliest, by_id[mid].beds, mid, s)
        for mid in order
        for s in joining[mid]
        if s.earliest is not None and s.system not in {x for c in cutovers[mid] for x in c.systems}
    ]
    follow: dict[tuple[str, int], list[SystemFit]] = {}
    follow_notes: dict[tuple[str, int], list[Reason]] = {}
    for earliest, _beds, mid, system in sorted(later, key=lambda x: (x[0], x[1], x[2], x[3].system)):
        k, notes = slots.place(mid, earliest)
        follow.setdefault((mid, k), []).append(system)
        follow_notes.setdefault((mid, k), []).extend(n for n in notes if n not in follow_notes.get((mid, k), []))
    for (mid, k), systems in sorted(follow.items(), key=lambda item: (item[0][1], item[0][0])):
        day = calendar.slot(k)
        ids = tuple(s.system for s in systems)
        notes = _why_waiting(systems, max(s.earliest for s in systems if s.earliest)) + follow_notes[(mid, k)]
        notes += _renewals(systems, day, by_id[mid].assessment.as_of) + _refresh_notes(by_id[mid], list(ids), day)
        cutovers[mid].append(MemberCutover(member=mid, cutover=day, systems=ids, main=False, notes=tuple(notes)))

    timelines = []
    for member in members:
        on_package = {x for c in cutovers[member.id] for x in c.systems}
        staying = tuple(s.system for c in fit.categories for r in c.members if r.member == member.id for s in r.systems)
        staying = tuple(x for x in staying if x not in on_package)
        timelines.append(
            MemberTimeline(
                member=member.id,
                earliest=main_day.get(member.id),
                cutovers=tuple(sorted(cutovers[member.id], key=lambda c: c.cutover)),
                own_waves=_own_waves(member, on_package, calendar),
                staying=staying,
            )
        )
    booked = sorted(k for k, taken in slots.booked.items() if taken)
    waves = tuple(
        JointWave(index=n, cutover=calendar.slot(k), members=tuple(slots.booked[k])) for n, k in enumerate(booked, 1)
    )
    return GroupPlan(
        build_start=calendar.build_start,
        environment_ready=calendar.ready,
        period_months=calendar.period_months,
        cutovers_per_period=calendar.cap,
        window_end=calendar.window_end,
        blackouts=calendar.blackouts,
        waves=waves,
        members=tuple(timelines),
        states=_states(members, timelines, waves),
    )


def _own_waves(member: Member, on_package: set[str], calendar: GroupCalendar) -> tuple[OwnWave, ...]:
    """The member's own waves without the systems that move onto the package. None goes before the environment is
    ready: the waves keep their spacing, shifted so that the first is on the ready day at the earliest; a cutover in
    a fee-revision blackout moves to the first month after it."""
    waves = [(w, tuple(s for s in w.systems if s not in on_package)) for w in member.own_plan.waves]
    waves = [(w, systems) for w, systems in waves if systems]
    if not waves:
        return ()
    shift = max(0, months_between(waves[0][0].cutover, calendar.ready))
    out = []
    for wave, systems in waves:
        day = add_months(wave.cutover, shift)
        while calendar.blocked(day):
            day = add_months(day, 1)
        out.append(OwnWave(cutover=day, planned=wave.cutover, systems=systems))
    return tuple(out)


def group_in_cloud(member: Member, timeline: MemberTimeline, day: date) -> frozenset[str]:
    """The member's systems in the cloud on `day` under the group plan."""
    moved = set(member.own_plan.already_in_cloud)
    for cut in timeline.cutovers:
        if cut.cutover <= day:
            moved.update(cut.systems)
    for wave in timeline.own_waves:
        if wave.cutover <= day:
            moved.update(wave.systems)
    return frozenset(moved)


def _states(
    members: list[Member], timelines: list[MemberTimeline], waves: tuple[JointWave, ...]
) -> tuple[GroupState, ...]:
    as_of = members[0].assessment.as_of
    days = [("before", 0, as_of)] + [(f"wave {w.index}", w.index, w.cutover) for w in waves]
    last = max(
        [c.cutover for t in timelines for c in t.cutovers]
        + [w.cutover for t in timelines for w in t.own_waves]
        + [w.cutover for m in members for w in m.own_plan.waves]
        + [as_of]
    )
    if last > days[-1][2]:
        days.append(("complete", len(days), last))
    out = []
    for name, index, day in days:
        rows = []
        for member, timeline in zip(members, timelines, strict=True):
            rows.append(
                MemberState(
                    member=member.id,
                    in_cloud=tuple(sorted(group_in_cloud(member, timeline, day))),
                    alone_in_cloud=tuple(sorted(member.alone_in_cloud(day))),
                    joined=any(c.main and c.cutover <= day for c in timeline.cutovers),
                )
            )
        out.append(GroupState(name=name, index=index, day=day, members=tuple(rows)))
    return tuple(out)


__all__ = ["group_in_cloud", "joint_plan"]
