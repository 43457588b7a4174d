"""Strategies and waves: each system's strategy and readiness with reasons, the waves, and the timeline with the
fee-schedule revisions and the windows around them that the planner kept cutovers out of (drawn from the plan)."""

from __future__ import annotations

from hismigrate.report.charts.svg import ChartText
from hismigrate.report.charts.timeline import TimelineBar, TimelineMarker, TimelineSpan, wave_timeline
from hismigrate.report.formats import format_date, format_month
from hismigrate.report.sections.context import ReportContext
from hismigrate.report.sections.model import Figure, Heading, Paragraph, Part, Section, TablePart
from hismigrate.report.tables import Column, ColumnKind, Table

# Planning a wave takes months; a bar starts where the previous wave ended (or at the assessment date).


def _join(ctx: ReportContext, items: list[str]) -> str:
    return ("、" if ctx.lang == "ja" else ", ").join(items)


def _timeline(ctx: ReportContext) -> Figure:
    a = ctx.assessment
    bars = []
    start = a.as_of
    for wave in a.waves:
        names = _join(ctx, [ctx.system_name(s) for s in wave.systems])
        detail = ctx.t("report.plan.bar_detail", count=len(wave.systems), date=format_date(wave.cutover, ctx.lang))
        bars.append(TimelineBar(ctx.t("report.wave_name", index=wave.index), start, wave.cutover, detail, names))
        start = wave.cutover
    # The windows the planner kept every cutover out of, and the revisions they surround: the plan's own dates.
    markers, spans, windows = [], [], []
    for w in a.revision_blackouts:
        effective = format_date(w.revision.effective, ctx.lang)
        label = ctx.t("report.plan.fee_revision_projected" if w.revision.projected else "report.plan.fee_revision")
        window = ctx.t(
            "report.plan.blackout",
            start=format_month(w.start, ctx.lang),
            end=format_month(w.end, ctx.lang),
            revision=effective,
        )
        markers.append(TimelineMarker(w.revision.effective, label))
        spans.append(TimelineSpan(w.start, w.end, window))
        windows.append(window)
    caption = ctx.t("report.plan.timeline_caption")
    if windows:
        caption += ("" if ctx.lang == "ja" else " ") + ctx.t(
            "report.plan.timeline_blackouts", windows=_join(ctx, windows)
        )
    text = ChartText(ctx.t("report.plan.timeline"), caption, "", ctx.t("report.chart.period"))
    return Figure(wave_timeline(bars, text, lang=ctx.lang, markers=markers, spans=spans), text)


def strategy_tables(ctx: ReportContext) -> tuple[Table, Table]:
    """The strategy of every system: for print (by name, with why its strategy) and in full for the workbook and the
    appendix (with the system id, the inventory's key, its category and the reasons for its readiness)."""
    a = ctx.assessment
    c = "report.plan."
    wave_of = {s: w.index for w in a.waves for s in w.systems}
    separator = ctx.t("phrase.fact_separator")
    rows = []
    for s in a.strategies:
        system = ctx.index.systems.get(s.system)
        rows.append(
            (
                ctx.system_name(s.system),
                s.system,
                ctx.label(system.category) if system else None,
                system.criticality if system else None,
                ctx.label(s.strategy),
                ctx.t(f"plan.readiness.{s.readiness.value}"),
                wave_of.get(s.system),
                separator.join(ctx.reason(r) for r in s.reasons),
                separator.join(ctx.reason(r) for r in s.readiness_reasons),
            )
        )
    head = [
        Column(ctx.t(c + "col_system")),
        Column(ctx.t(c + "col_category")),
        Column(ctx.t(c + "col_criticality"), ColumnKind.int),
        Column(ctx.t(c + "col_strategy")),
        Column(ctx.t(c + "col_readiness")),
        Column(ctx.t(c + "col_wave"), ColumnKind.int),
    ]
    printed = Table(  # why each system moves as it does; the readiness details are in the sheet and appendix
        ctx.t(c + "strategies"),
        [head[0], *head[2:], Column(ctx.t(c + "col_reasons"))],
        [[r[0], *r[3:8]] for r in rows],
    )
    sheet = Table(
        ctx.t(c + "strategies"),
        [
            head[0],
            Column(ctx.t(c + "col_id"), ColumnKind.code),
            *head[1:],
            Column(ctx.t(c + "col_reasons")),
            Column(ctx.t(c + "col_readiness_reasons")),
        ],
        [list(r) for r in rows],
        sheet=ctx.t("report.sheet.strategies"),
    )
    return printed, sheet


def build(ctx: ReportContext) -> Section:
    a = ctx.assessment
    c = "report.plan."
    waves = Table(
        ctx.t(c + "waves"),
        [
            Column(ctx.t(c + "col_wave"), ColumnKind.int),
            Column(ctx.t(c + "col_cutover"), ColumnKind.date),
            Column(ctx.t(c + "col_count"), ColumnKind.int, total=True),
            Column(ctx.t(c + "col_systems")),
            Column(ctx.t(c + "col_mbps"), ColumnKind.mbps),
            Column(ctx.t(c + "col_capacity"), ColumnKind.mbps),
            Column(ctx.t(c + "col_notes")),
        ],
        [
            [
                w.index,
                w.cutover,
                len(w.systems),
                _join(ctx, [ctx.system_name(s) for s in w.systems]),
                w.cross_boundary_mbps,
                w.line_capacity_mbps,
                ctx.t("phrase.fact_separator").join(ctx.reason(r) for r in w.notes),
            ]
            for w in a.waves
        ],
        sheet=ctx.t("report.sheet.waves"),
        total_label=ctx.t("report.total"),
    )
    # printed without the count (the timeline says it) to fit the page; the sheet has it, with its total
    count = 2
    printed_waves = Table(
        waves.title,
        [column for i, column in enumerate(waves.columns) if i != count],
        [[v for i, v in enumerate(row) if i != count] for row in waves.rows],
    )
    printed, sheet = strategy_tables(ctx)
    s = a.summary
    intro = ctx.t(c + "intro", moving=s.systems_moving, staying=s.systems_staying, waves=s.waves)
    in_cloud = [ctx.system_name(x.system) for x in a.strategies if x.already_in_cloud]
    if in_cloud:
        intro += ("" if ctx.lang == "ja" else " ") + ctx.t(c + "already_in_cloud", systems=_join(ctx, in_cloud))
    return Section(
        "plan",
        ctx.t(c + "title"),
        [
            Paragraph(intro),
            _timeline(ctx),
            TablePart(printed_waves, sheet=False),
            *_security(ctx),
            TablePart(printed, sheet=False),
        ],
        sheets_only=(waves, sheet),
    )


def _security(ctx: ReportContext) -> list[Part]:
    """Hardening beside moving, and what stays exposed on premises once the plan is done."""
    from hismigrate.report.sections.remediation import alternatives_intro, alternatives_table, residual_table

    out: list[Part] = []
    table = alternatives_table(ctx)
    if table is not None:
        out += [Heading(ctx.t("report.alternatives.title"))]
        out += [Paragraph(text) for text in alternatives_intro(ctx)]
        out.append(TablePart(table))
    out.append(Heading(ctx.t("report.residual.title")))
    if ctx.assessment.residual:
        out += [Paragraph(ctx.t("report.residual.intro")), TablePart(residual_table(ctx))]
    else:
        out.append(Paragraph(ctx.t("report.residual.none")))
    return out
