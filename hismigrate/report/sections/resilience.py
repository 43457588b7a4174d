"""Resilience in each state: the scenarios (line down, external cut, ransomware, cloud down), the single points
of failure and the recommendations; the workbook gets one table of each across all states."""

from __future__ import annotations

from hismigrate.model.assessment import StateOut
from hismigrate.report.sections.context import ReportContext
from hismigrate.report.sections.estate import state_name
from hismigrate.report.sections.model import Bullets, Heading, Paragraph, Part, Section, TablePart
from hismigrate.report.tables import Column, ColumnKind, Table


def _stopped(ctx: ReportContext, unavailable: tuple[str, ...]) -> str:
    """The systems that stop; when most do, the few that keep working are the shorter and clearer list."""
    sep = "、" if ctx.lang == "ja" else ", "
    if not unavailable:
        return ctx.t("report.none_found")
    total = len(ctx.inventory.systems)
    if len(unavailable) == total:
        return ctx.t("report.resilience.all_stop", count=total)
    if len(unavailable) > total / 2:
        down = set(unavailable)
        kept = [s.name for s in ctx.inventory.systems if s.id not in down]
        return ctx.t("report.resilience.all_but_stop", count=len(unavailable), kept=sep.join(kept))
    return sep.join(ctx.system_name(s) for s in unavailable)


def _scenario_rows(ctx: ReportContext, state: StateOut) -> list[list[object]]:
    return [
        [
            ctx.t(f"plan.scenario.{o.scenario}"),
            o.critical1_available_pct / 100,
            o.critical2_available_pct / 100,
            _stopped(ctx, o.unavailable),
        ]
        for o in state.resilience.scenarios
    ]


def _point_rows(ctx: ReportContext, state: StateOut) -> list[list[object]]:
    """Segments, lines and the cloud one a row; single servers one row per system they serve (what an IT officer
    fixes system by system), in inventory order."""
    sep = "、" if ctx.lang == "ja" else ", "
    rows: list[list[object]] = []
    by_system: dict[tuple[tuple[str, ...], tuple[str, ...]], list[str]] = {}
    for p in state.resilience.single_points:
        if p.node_type == "server":
            by_system.setdefault((p.systems, p.cuts), []).append(ctx.node_name(f"server:{p.node}"))
            continue
        kind = ctx.t(f"report.node.{p.node_type}") if p.node_type in ("segment", "connection", "cloud") else p.node_type
        name = ctx.node_name(f"{p.node_type}:{p.node}") if p.node_type != "cloud" else ctx.t("report.node.cloud")
        rows.append([None, kind, name, sep.join(ctx.system_name(s) for s in p.cuts)])
    order = {s.id: i for i, s in enumerate(ctx.inventory.systems)}
    for (systems, cuts), servers in sorted(by_system.items(), key=lambda kv: [order.get(s, -1) for s in kv[0][0]]):
        owner = sep.join(ctx.system_name(s) for s in systems) or None
        rows.append(
            [owner, ctx.t("report.node.server"), sep.join(sorted(servers)), sep.join(ctx.system_name(s) for s in cuts)]
        )
    return rows


def build(ctx: ReportContext) -> Section:
    c = "report.resilience."
    scenario_cols = [
        Column(ctx.t(c + "col_scenario")),
        Column(ctx.t(c + "col_crit1"), ColumnKind.pct),
        Column(ctx.t(c + "col_crit2"), ColumnKind.pct),
        Column(ctx.t(c + "col_unavailable")),
    ]
    point_cols = [
        Column(ctx.t(c + "col_system")),
        Column(ctx.t(c + "col_node_type")),
        Column(ctx.t(c + "col_node")),
        Column(ctx.t(c + "col_cuts")),
    ]
    state_col = Column(ctx.t(c + "col_state"))
    parts: list[Part] = [Paragraph(ctx.t(c + "intro")), Paragraph(ctx.t(c + "redundancy_rule"))]
    all_scenarios: list[list[object]] = []
    all_points: list[list[object]] = []
    all_recommendations: list[list[object]] = []
    for state in ctx.assessment.states:
        name = state_name(ctx, state)
        scenarios, points = _scenario_rows(ctx, state), _point_rows(ctx, state)
        recommendations = [ctx.reason(r) for r in state.resilience.recommendations]
        all_scenarios += [[name, *r] for r in scenarios]
        all_points += [[name, *r] for r in points]
        all_recommendations += [[name, r] for r in recommendations]
        parts.append(Heading(name))
        if state.resilience.planned_line_assumed:
            parts.append(Paragraph(ctx.t(c + "planned_line")))
        parts.append(TablePart(Table(ctx.t(c + "scenarios", state=name), scenario_cols, scenarios), sheet=False))
        if points:
            parts.append(TablePart(Table(ctx.t(c + "single_points", state=name), point_cols, points), sheet=False))
        else:
            parts.append(Paragraph(ctx.t(c + "no_single_points")))
        if recommendations:
            parts += [Paragraph(ctx.t(c + "recommendations")), Bullets(recommendations)]
    sheets = (
        Table(ctx.t(c + "all_scenarios"), [state_col, *scenario_cols], all_scenarios),
        Table(ctx.t(c + "all_single_points"), [state_col, *point_cols], all_points),
        Table(
            ctx.t(c + "all_recommendations"), [state_col, Column(ctx.t(c + "col_recommendation"))], all_recommendations
        ),
    )
    return Section("resilience", ctx.t(c + "title"), parts, sheets_only=sheets)
