"""The regional blast radius: per state of the group plan, what one event stops across the members (beds where care
stops) against the same members on their own; who is hit and what stops once every member is on the shared
environment; the supply-chain findings; the mitigations and what each costs."""

from __future__ import annotations

from hismigrate.model.group_blast import BlastState, Impact
from hismigrate.report.charts.bars_by_year import BarSeries, bars_by_year
from hismigrate.report.charts.svg import ChartText
from hismigrate.report.group.context import GroupReportContext
from hismigrate.report.sections.model import Figure, Paragraph, Section, TablePart
from hismigrate.report.tables import Column, ColumnKind, Table


def _state_name(ctx: GroupReportContext, state: BlastState) -> str:
    if state.state == "before":
        label = ctx.t("group.report.blast.before")
    elif state.state == "complete":
        label = ctx.t("group.report.blast.complete")
    else:
        label = ctx.t("report.wave_name", index=state.index)
    return f"{label} ({ctx.month(state.day)})"


def _subject(ctx: GroupReportContext, subject: str | None) -> str | None:
    if subject is None:
        return None
    return ctx.name(subject) if subject in ctx.members else subject


def _beds(ctx: GroupReportContext, impact: Impact) -> str:
    return ctx.t("group.report.blast.beds", beds=impact.beds)


def _states_table(ctx: GroupReportContext) -> Table:
    """States down, events across: beds where care stops in the group (and with every member on its own)."""
    c = "group.report.blast."
    scenarios = [s.scenario for s in ctx.result.blast.states[0].scenarios]
    for state in ctx.result.blast.states:  # a vendor breach appears once some vendor reaches several members
        scenarios += [s.scenario for s in state.scenarios if s.scenario not in scenarios]
    rows = []
    for state in ctx.result.blast.states:
        by = {s.scenario: s for s in state.scenarios}
        cells = [
            f"{_beds(ctx, by[name].group)} ({_beds(ctx, by[name].alone)})" if name in by else None for name in scenarios
        ]
        rows.append([_state_name(ctx, state), *cells])
    breached = {
        name: list(
            dict.fromkeys(
                _subject(ctx, s.subject) or ""
                for st in ctx.result.blast.states
                for s in st.scenarios
                if s.scenario == name
            )
        )
        for name in ("member_compromise", "vendor_breach")
    }
    who = ctx.join(
        f"{ctx.t(f'group.scenario.{name}')}: {ctx.join(subjects)}" for name, subjects in breached.items() if subjects
    )
    return Table(
        ctx.t(c + "states"),
        [Column(ctx.t(c + "col_state")), *[Column(ctx.t(f"group.scenario.{name}")) for name in scenarios]],
        rows,
        note=ctx.t(c + "states_note") + (ctx.t(c + "breached", who=who) if who else ""),
    )


def _states_sheet(ctx: GroupReportContext) -> Table:
    c = "group.report.blast."
    rows = [
        [
            _state_name(ctx, state),
            ctx.t(f"group.scenario.{s.scenario}"),
            _subject(ctx, s.subject),
            s.group.care_stops,
            s.group.beds,
            s.alone.care_stops,
            s.alone.beds,
        ]
        for state in ctx.result.blast.states
        for s in state.scenarios
    ]
    return Table(
        ctx.t(c + "states"),
        [
            Column(ctx.t(c + "col_state")),
            Column(ctx.t(c + "col_scenario")),
            Column(ctx.t(c + "col_subject")),
            Column(ctx.t(c + "col_group_members"), ColumnKind.int),
            Column(ctx.t(c + "col_group_beds"), ColumnKind.int),
            Column(ctx.t(c + "col_alone_members"), ColumnKind.int),
            Column(ctx.t(c + "col_alone_beds"), ColumnKind.int),
        ],
        rows,
        sheet=ctx.t("group.sheet.states"),
    )


def _chart(ctx: GroupReportContext) -> Figure:
    """The worst event each state other than a region outage (which hits members on their own alike)."""
    c = "group.report.blast."
    states = ctx.result.blast.states
    text = ChartText(ctx.t(c + "chart"), ctx.t(c + "chart_caption"), ctx.t(c + "beds_unit"))

    def worst(state: BlastState, alone: bool) -> float:
        found = [(x.alone if alone else x.group).beds for x in state.scenarios if x.scenario != "region_down"]
        return float(max(found, default=0))

    chart = bars_by_year(
        [_state_name(ctx, s) for s in states],
        [
            BarSeries(ctx.t(c + "group"), [worst(s, False) for s in states]),
            BarSeries(ctx.t(c + "alone"), [worst(s, True) for s in states]),
        ],
        text,
    )
    return Figure(chart, text)


def _outage(ctx: GroupReportContext) -> Table:
    """Once every member is on the environment: what stops where when it is out of reach."""
    c = "group.report.blast."
    state = ctx.result.blast.states[-1]
    outage = next(s for s in state.scenarios if s.scenario == "region_down")
    return Table(
        ctx.t(c + "last_impacts", day=ctx.month(state.day)),
        [
            Column(ctx.t(c + "col_member")),
            Column(ctx.t(c + "col_beds"), ColumnKind.int),
            Column(ctx.t(c + "col_critical")),
            Column(ctx.t(c + "col_stopped"), ColumnKind.int),
        ],
        [
            [ctx.name(m.member), m.beds, ctx.join(ctx.system(m.member, x) for x in m.critical1) or None, len(m.stopped)]
            for m in outage.group.members
        ],
    )


def _impacts(ctx: GroupReportContext) -> Table:
    c = "group.report.blast."
    rows = []
    for state in ctx.result.blast.states:
        for s in state.scenarios:
            for side, impact in (("group", s.group), ("alone", s.alone)):
                for m in impact.members:
                    rows.append(
                        [
                            _state_name(ctx, state),
                            ctx.t(f"group.scenario.{s.scenario}"),
                            ctx.t(c + side),
                            ctx.name(m.member),
                            m.beds,
                            ctx.join(ctx.system(m.member, x) for x in m.critical1) or None,
                            len(m.stopped),
                        ]
                    )
    return Table(
        ctx.t(c + "impacts"),
        [
            Column(ctx.t(c + "col_state")),
            Column(ctx.t(c + "col_scenario")),
            Column(ctx.t(c + "col_side")),
            Column(ctx.t(c + "col_member")),
            Column(ctx.t(c + "col_beds"), ColumnKind.int),
            Column(ctx.t(c + "col_critical")),
            Column(ctx.t(c + "col_stopped"), ColumnKind.int),
        ],
        rows,
        sheet=ctx.t("group.sheet.impacts"),
    )


SHOWN_FINDINGS = 10  # in the report; every finding is in the workbook
NAMED_MEMBERS = 6  # beyond this many, a finding shows how many members it reaches


def _supply(ctx: GroupReportContext, shown: int | None) -> Table:
    c = "group.report.blast."
    findings = ctx.result.blast.supply_chain
    return Table(
        ctx.t(c + "supply"),
        [
            Column(ctx.t(c + "col_kind")),
            Column(ctx.t(c + "col_name")),
            Column(ctx.t(c + "col_members")),
            Column(ctx.t(c + "col_lines"), ColumnKind.int),
            Column(ctx.t(c + "col_severity")),
            Column(ctx.t(c + "col_exploited")),
        ],
        [
            [
                ctx.t(f"group.supply.{f.kind}"),
                f.name,
                ctx.join(ctx.name(m) for m in f.members)
                if shown is None or len(f.members) <= NAMED_MEMBERS
                else ctx.t(c + "members_count", count=len(f.members)),
                len(f.lines),
                ctx.t(f"report.severity.{f.severity.value}") if f.severity else None,
                ctx.t("group.report.yes") if f.known_exploited else ctx.t("group.report.no"),
            ]
            for f in (findings if shown is None else findings[:shown])
        ],
        note=ctx.t(c + "supply_note", shown=min(len(findings), shown or len(findings)), total=len(findings)),
        sheet=ctx.t("group.sheet.supply"),
    )


def _mitigations(ctx: GroupReportContext) -> Table:
    c = "group.report.blast."
    return Table(
        ctx.t(c + "mitigations"),
        [
            Column(ctx.t(c + "col_mitigation")),
            Column(ctx.t(c + "col_addresses")),
            Column(ctx.t(c + "col_one_time"), ColumnKind.jpy),
            Column(ctx.t(c + "col_yearly"), ColumnKind.jpy),
            Column(ctx.t(c + "col_effect")),
        ],
        [
            [
                ctx.t(f"group.mitigation.{m.key}"),
                ctx.join(ctx.t(f"group.scenario.{s}") for s in m.scenarios),
                m.one_time_jpy,
                m.jpy_per_year,
                ctx.effect(m.effect),
            ]
            for m in ctx.result.blast.mitigations
        ],
        note=ctx.t(c + "mitigations_note"),
        sheet=ctx.t("group.sheet.mitigations"),
    )


def build(ctx: GroupReportContext) -> Section:
    c = "group.report.blast."
    blast = ctx.result.blast
    return Section(
        "blast",
        ctx.t(c + "title"),
        [
            Paragraph(ctx.t(c + "intro", region=blast.region)),
            _chart(ctx),
            TablePart(_states_table(ctx), sheet=False),
            TablePart(_outage(ctx), sheet=False),
            TablePart(_supply(ctx, SHOWN_FINDINGS), sheet=False),
            TablePart(_mitigations(ctx)),
        ],
        sheets_only=(_states_sheet(ctx), _impacts(ctx), _supply(ctx, None)),
    )


__all__ = ["build"]
