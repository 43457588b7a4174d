"""Joint waves: the shared environment's build, then each member's cutovers onto the package and its own waves, as
a Gantt per member, with the joint waves, each cutover's systems and why it falls when it does."""

from __future__ import annotations

from hismigrate.report.charts.gantt import GanttMilestone, GanttRow, GanttSpan, member_gantt
from hismigrate.report.charts.svg import ChartText
from hismigrate.report.group.context import GroupReportContext
from hismigrate.report.sections.model import Figure, Paragraph, Section, TablePart
from hismigrate.report.tables import Column, ColumnKind, Table

KINDS = ("build", "prep", "package", "own")


def _gantt(ctx: GroupReportContext) -> Figure:
    c = "group.report.waves."
    plan = ctx.result.plan
    rows = [
        GanttRow(
            ctx.t(c + "environment"),
            spans=[GanttSpan(plan.build_start, plan.environment_ready, "build", ctx.t(c + "build_tip"))],
        )
    ]
    for timeline in plan.members:
        spans = []
        main = next((cut for cut in timeline.cutovers if cut.main), None)
        if main is not None and main.cutover > plan.environment_ready:
            spans.append(GanttSpan(plan.environment_ready, main.cutover, "prep", ctx.t(c + "prep_tip")))
        milestones = [
            GanttMilestone(
                cut.cutover,
                "package",
                f"{ctx.day(cut.cutover)}: {ctx.join(ctx.system(timeline.member, s) for s in cut.systems)}",
            )
            for cut in timeline.cutovers
        ]
        milestones += [
            GanttMilestone(
                wave.cutover,
                "own",
                f"{ctx.day(wave.cutover)}: {ctx.join(ctx.system(timeline.member, s) for s in wave.systems)}",
            )
            for wave in timeline.own_waves
        ]
        rows.append(GanttRow(ctx.name(timeline.member), spans=spans, milestones=milestones))
    text = ChartText(ctx.t(c + "gantt"), ctx.t(c + "gantt_caption"), "", ctx.t("report.chart.period"))
    chart = member_gantt(
        rows,
        text,
        lang=ctx.lang,
        legend={k: ctx.t(f"{c}legend_{k}") for k in KINDS},
        blackouts=plan.blackouts,
        ready=plan.environment_ready,
        ready_label=ctx.t(c + "ready"),
    )
    return Figure(chart, text)


def build(ctx: GroupReportContext) -> Section:
    c = "group.report.waves."
    plan = ctx.result.plan
    intro = ctx.t(
        c + "intro",
        start=ctx.day(plan.build_start),
        ready=ctx.day(plan.environment_ready),
        cap=plan.cutovers_per_period,
        months=plan.period_months,
    )
    blackouts = ctx.join(
        f"{ctx.day(a)}–{ctx.day(b)}" for a, b in plan.blackouts if a <= max((w.cutover for w in plan.waves), default=a)
    )
    joint = Table(
        ctx.t(c + "joint"),
        [
            Column(ctx.t(c + "col_wave"), ColumnKind.int),
            Column(ctx.t(c + "col_cutover"), ColumnKind.date),
            Column(ctx.t(c + "col_members")),
        ],
        [[w.index, w.cutover, ctx.join(ctx.name(m) for m in w.members)] for w in plan.waves],
        sheet=ctx.t("group.sheet.joint"),
    )
    cutovers = Table(
        ctx.t(c + "cutovers"),
        [
            Column(ctx.t(c + "col_member")),
            Column(ctx.t(c + "col_cutover"), ColumnKind.date),
            Column(ctx.t(c + "col_kind")),
            Column(ctx.t(c + "col_systems")),
            Column(ctx.t(c + "col_notes")),
        ],
        [
            [
                ctx.name(t.member),
                cut.cutover,
                ctx.t(c + ("main" if cut.main else "follow_up")),
                ctx.join(ctx.system(t.member, s) for s in cut.systems),
                " / ".join(ctx.reason(n) for n in cut.notes) or None,
            ]
            for t in plan.members
            for cut in t.cutovers
        ],
        sheet=ctx.t("group.sheet.cutovers"),
    )
    own = Table(
        ctx.t(c + "own"),
        [
            Column(ctx.t(c + "col_member")),
            Column(ctx.t(c + "col_planned"), ColumnKind.date),
            Column(ctx.t(c + "col_cutover"), ColumnKind.date),
            Column(ctx.t(c + "col_systems")),
        ],
        [
            [ctx.name(t.member), w.planned, w.cutover, ctx.join(ctx.system(t.member, s) for s in w.systems)]
            for t in plan.members
            for w in t.own_waves
        ],
        sheet=ctx.t("group.sheet.own_waves"),
    )
    return Section(
        "waves",
        ctx.t(c + "title"),
        [
            Paragraph(intro),
            _gantt(ctx),
            Paragraph(ctx.t(c + "blackouts", periods=blackouts or ctx.t("group.report.none"))),
            TablePart(joint),
            TablePart(cutovers),
        ],
        sheets_only=(own,),
    )


__all__ = ["build"]
