"""Strategies and waves: each system's strategy and readiness with reasons, the waves, and the timeline with the
fee-schedule revisions and the windows around them that the planner kept cutovers out of (drawn from the plan)."""

from __future__ import annotations

from hismigrate.report.charts.svg import ChartText
from hismigrate.report.charts.timeline import TimelineBar, TimelineMarker, TimelineSpan, wave_timeline
from hismigrate.report.formats import format_date, format_month
from hismigrate.report.sections.context import ReportContext
from hismigrate.report.sections.model import Figure, Heading, Paragraph, Part, Section, TablePart
from hismigrate.report.sections.remediation import alternatives_intro, alternatives_table, residual_table
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
        bars.append(TimelineBar(ctx.t("report.wave_name", index=wave.index), start, wave.cutover, names))
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


def build(ctx: ReportContext) -> Section:
    a = ctx.assessment
    c = "report.plan."
    wave_of = {s: w.index for w in a.waves for s in w.systems}
    strategies = Table(
        ctx.t(c + "strategies"),
        [
            Column(ctx.t(c + "col_system")),
            Column(ctx.t(c + "col_id")),
            Column(ctx.t(c + "col_category")),
            Column(ctx.t(c + "col_criticality"), ColumnKind.int),
            Column(ctx.t(c + "col_strategy")),
            Column(ctx.t(c + "col_readiness")),
            Column(ctx.t(c + "col_wave"), ColumnKind.int),
            Column(ctx.t(c + "col_reasons")),
            Column(ctx.t(c + "col_readiness_reasons")),
        ],
        [
            [
                ctx.system_name(s.system),
                s.system,
                ctx.label(ctx.index.systems[s.system].category) if s.system in ctx.index.systems else None,
                ctx.index.systems[s.system].criticality if s.system in ctx.index.systems else None,
                ctx.label(s.strategy),
                ctx.t(f"plan.readiness.{s.readiness.value}"),
                wave_of.get(s.system),
                " / ".join(ctx.reason(r) for r in s.reasons),
                " / ".join(ctx.reason(r) for r in s.readiness_reasons),
            ]
            for s in a.strategies
        ],
    )
    waves = Table(
        ctx.t(c + "waves"),
        [
            Column(ctx.t(c + "col_wave"), ColumnKind.int),
            Column(ctx.t(c + "col_cutover"), ColumnKind.date),
            Column(ctx.t(c + "col_count"), ColumnKind.int),
            Column(ctx.t(c + "col_systems")),
            Column(ctx.t(c + "col_mbps"), ColumnKind.decimal),
            Column(ctx.t(c + "col_capacity"), ColumnKind.decimal),
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
                " / ".join(ctx.reason(r) for r in w.notes),
            ]
            for w in a.waves
        ],
    )
    s = a.summary
    intro = ctx.t(c + "intro", moving=s.systems_moving, staying=s.systems_staying, waves=s.waves)
    in_cloud = [ctx.system_name(x.system) for x in a.strategies if x.already_in_cloud]
    if in_cloud:
        intro += ("" if ctx.lang == "ja" else " ") + ctx.t(c + "already_in_cloud", systems=_join(ctx, in_cloud))
    return Section(
        "plan",
        ctx.t(c + "title"),
        [Paragraph(intro), _timeline(ctx), TablePart(waves), *_security(ctx), TablePart(strategies)],
    )


def _security(ctx: ReportContext) -> list[Part]:
    """Hardening beside moving, and what stays exposed on premises once the plan is done."""
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
