"""Resilience: how much of the critical care keeps working in each scenario (line down, external cut, ransomware,
cloud down) across every state at a glance; then, before the plan and after it, what stops, the single points of
failure (servers grouped by the system they serve) and the recommendations. The workbook holds every state in full."""

from __future__ import annotations

from hismigrate.model.assessment import StateOut
from hismigrate.report.sections.context import ReportContext
from hismigrate.report.sections.estate import state_name
from hismigrate.report.sections.model import Bullets, Heading, Paragraph, Part, Section, TablePart
from hismigrate.report.tables import Column, ColumnKind, Table

C = "report.resilience."


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


def _scenario_short(ctx: ReportContext, scenario: str) -> str:
    from hismigrate import i18n

    key = C + f"scenario_short.{scenario}"
    return ctx.t(key) if i18n.has(key, ctx.lang) else ctx.t(f"plan.scenario.{scenario}")


def _matrix(ctx: ReportContext) -> Table:
    """Criticality-1 availability: a row per stage, a column per scenario (the stages can be many)."""
    states = ctx.assessment.states
    scenarios = [o.scenario for o in states[0].resilience.scenarios] if states else []
    rows = []
    for state in states:
        by = {o.scenario: o.critical1_available_pct / 100 for o in state.resilience.scenarios}
        rows.append([state_name(ctx, state), *[by.get(s) for s in scenarios]])
    return Table(
        ctx.t(C + "matrix"),
        [Column(ctx.t(C + "col_state"))] + [Column(_scenario_short(ctx, s), ColumnKind.pct) for s in scenarios],
        rows,
        sheet=ctx.t("report.sheet.resilience_matrix"),
    )


def _state_parts(
    ctx: ReportContext, state: StateOut, scenario_cols: list[Column], point_cols: list[Column]
) -> list[Part]:
    name = state_name(ctx, state)
    parts: list[Part] = [Heading(name)]
    if state.resilience.planned_line_assumed:
        parts.append(Paragraph(ctx.t(C + "planned_line")))
    parts.append(TablePart(Table(ctx.t(C + "scenarios", state=name), scenario_cols, _scenario_rows(ctx, state)), False))
    points = _point_rows(ctx, state)
    if points:
        parts.append(TablePart(Table(ctx.t(C + "single_points", state=name), point_cols, points), sheet=False))
    else:
        parts.append(Paragraph(ctx.t(C + "no_single_points")))
    recommendations = [ctx.reason(r) for r in state.resilience.recommendations]
    if recommendations:
        parts += [Paragraph(ctx.t(C + "recommendations")), Bullets(recommendations)]
    return parts


def build(ctx: ReportContext) -> Section:
    scenario_cols = [
        Column(ctx.t(C + "col_scenario")),
        Column(ctx.t(C + "col_crit1"), ColumnKind.pct),
        Column(ctx.t(C + "col_crit2"), ColumnKind.pct),
        Column(ctx.t(C + "col_unavailable")),
    ]
    point_cols = [
        Column(ctx.t(C + "col_system")),
        Column(ctx.t(C + "col_node_type")),
        Column(ctx.t(C + "col_node")),
        Column(ctx.t(C + "col_cuts")),
    ]
    state_col = Column(ctx.t(C + "col_state"))
    states = ctx.assessment.states
    parts: list[Part] = [Paragraph(ctx.t(C + "intro")), Paragraph(ctx.t(C + "redundancy_rule"))]
    if states:
        parts.append(TablePart(_matrix(ctx)))
    for state in [states[0], states[-1]] if len(states) > 1 else list(states):
        parts += _state_parts(ctx, state, scenario_cols, point_cols)
    if len(states) > 2:
        parts.append(Paragraph(ctx.t(C + "other_states", count=len(states) - 2)))
    all_scenarios = [[state_name(ctx, s), *r] for s in states for r in _scenario_rows(ctx, s)]
    all_points = [[state_name(ctx, s), *r] for s in states for r in _point_rows(ctx, s)]
    all_recommendations = [[state_name(ctx, s), ctx.reason(r)] for s in states for r in s.resilience.recommendations]
    sheets = (
        Table(
            ctx.t(C + "all_scenarios"),
            [state_col, *scenario_cols],
            all_scenarios,
            sheet=ctx.t("report.sheet.resilience_scenarios"),
        ),
        Table(
            ctx.t(C + "all_single_points"),
            [state_col, *point_cols],
            all_points,
            sheet=ctx.t("report.sheet.single_points"),
        ),
        Table(
            ctx.t(C + "all_recommendations"),
            [state_col, Column(ctx.t(C + "col_recommendation"))],
            all_recommendations,
            sheet=ctx.t("report.sheet.recommendations"),
        ),
    )
    return Section("resilience", ctx.t(C + "title"), parts, sheets_only=sheets)
