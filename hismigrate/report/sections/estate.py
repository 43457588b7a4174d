"""The estate before and after: network diagrams of the first and the last state, and a table of every state."""

from __future__ import annotations

from hismigrate.model.assessment import StateOut
from hismigrate.report.charts.network import Legend, network_diagram
from hismigrate.report.charts.svg import ChartText
from hismigrate.report.estate_diagram import estate_diagram
from hismigrate.report.formats import format_fiscal_year
from hismigrate.report.sections.context import ReportContext
from hismigrate.report.sections.model import Figure, Paragraph, Section, TablePart
from hismigrate.report.tables import Column, ColumnKind, Table


def state_name(ctx: ReportContext, state: StateOut) -> str:
    return ctx.t("report.state.before") if state.wave == 0 else ctx.t("report.state.wave", index=state.wave)


def _figure(ctx: ReportContext, state: StateOut, title: str, caption: str) -> Figure:
    a = ctx.assessment
    flagged = [f.subject for f in a.findings]
    diagram = estate_diagram(
        ctx.inventory, set(state.systems_in_cloud), flagged, ctx.lang, ctx.t("report.estate.link", mbps="{mbps}")
    )
    text = ChartText(title, caption)
    legend = Legend(
        critical=ctx.t("report.estate.legend_critical"),
        system=ctx.t("report.estate.legend_system"),
        flagged=ctx.t("report.estate.legend_flagged"),
        connection=ctx.t("report.estate.legend_connection"),
    )
    svg = network_diagram(
        diagram,
        text,
        hospital_label=ctx.t("report.chart.hospital"),
        cloud_label=ctx.t("report.chart.cloud"),
        legend=legend,
    )
    return Figure(svg, text)


def build(ctx: ReportContext) -> Section:
    a = ctx.assessment
    c = "report.estate."
    states = a.states
    parts: list = [Paragraph(ctx.t(c + "intro"))]
    if states:
        parts.append(_figure(ctx, states[0], ctx.t(c + "before"), ctx.t(c + "before_caption")))
    if len(states) > 1:
        last = states[-1]
        parts.append(_figure(ctx, last, ctx.t(c + "after", state=state_name(ctx, last)), ctx.t(c + "after_caption")))
    table = Table(
        ctx.t(c + "states"),
        [
            Column(ctx.t(c + "col_state")),
            Column(ctx.t(c + "col_cutover"), ColumnKind.date),
            Column(ctx.t(c + "col_in_cloud"), ColumnKind.int),
            Column(ctx.t(c + "col_exposure"), ColumnKind.decimal),
            Column(ctx.t(c + "col_critical"), ColumnKind.int),
            Column(ctx.t(c + "col_high"), ColumnKind.int),
            Column(ctx.t(c + "col_mbps"), ColumnKind.mbps),
            Column(ctx.t(c + "col_cost"), ColumnKind.jpy),
            Column(ctx.t(c + "col_cost_year")),
        ],
        [
            [
                state_name(ctx, s),
                s.cutover,
                len(s.systems_in_cloud),
                s.exposure_index,
                s.findings_by_severity.get("critical", 0),
                s.findings_by_severity.get("high", 0),
                s.cross_boundary_mbps,
                s.annual_cost_jpy,
                format_fiscal_year(s.annual_cost_year, ctx.lang) if s.annual_cost_year else None,
            ]
            for s in states
        ],
        sheet=ctx.t("report.sheet.states"),
    )
    parts.append(TablePart(table))
    return Section("estate", ctx.t(c + "title"), parts)
