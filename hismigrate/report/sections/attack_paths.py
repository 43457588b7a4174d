"""Attack paths hop by hop: from the entry point to each critical system, each hop with its likelihood and the
findings that make it likely (a hop list for reading, a table of hops for the workbook)."""

from __future__ import annotations

from hismigrate import i18n
from hismigrate.model.exposure import Hop
from hismigrate.report.sections.context import ReportContext
from hismigrate.report.sections.model import AttackPaths, AttackPathView, Paragraph, PathStep, Section
from hismigrate.report.tables import Column, ColumnKind, Table


def _hop_kind(ctx: ReportContext, kind: str) -> str:
    key = f"report.hop.{kind}"
    if i18n.has(key, ctx.lang):
        return ctx.t(key)
    if i18n.has(f"enum.ConnectionKind.{kind}", ctx.lang):  # an entry hop is named by the connection's kind
        return ctx.t(f"enum.ConnectionKind.{kind}")
    return kind


def _because(ctx: ReportContext, hop: Hop, titles: dict[str, str]) -> list[str]:
    out = []
    for ref in hop.findings:
        check, _, subject = ref.partition("@")
        title = titles.get(check, "")
        out.append(f"{check} {title} ({ctx.subject(subject)})" if title else f"{check} ({ctx.subject(subject)})")
    return out


def _node(ctx: ReportContext, node: str) -> str:
    return ctx.subject(node) if ":" in node else ctx.node_name(node)


def build(ctx: ReportContext) -> Section:
    c = "report.paths."
    views: list[AttackPathView] = []
    rows: list[list[object]] = []
    # once, not per hop: a large estate has thousands of findings and of hops
    titles = {f.check_id: getattr(f.title, ctx.lang) for f in ctx.assessment.findings}
    for number, path in enumerate(ctx.assessment.attack_paths, start=1):
        title = ctx.t(
            c + "path_title",
            system=ctx.system_name(path.system),
            criticality=path.criticality,
            entry=ctx.node_name(path.entry),
        )
        steps = []
        for step, hop in enumerate(path.hops, start=1):
            because = _because(ctx, hop, titles)
            steps.append(
                PathStep(
                    _node(ctx, hop.source), _node(ctx, hop.target), _hop_kind(ctx, hop.kind), hop.likelihood, because
                )
            )
            rows.append(
                [
                    number,
                    ctx.system_name(path.system),
                    step,
                    _node(ctx, hop.source),
                    _node(ctx, hop.target),
                    _hop_kind(ctx, hop.kind),
                    hop.likelihood,
                    "; ".join(because),
                ]
            )
        views.append(AttackPathView(title, path.likelihood, steps))
    table = Table(
        ctx.t(c + "table"),
        [
            Column(ctx.t(c + "col_path"), ColumnKind.int),
            Column(ctx.t(c + "col_system")),
            Column(ctx.t(c + "col_step"), ColumnKind.int),
            Column(ctx.t(c + "col_from")),
            Column(ctx.t(c + "col_to")),
            Column(ctx.t(c + "col_kind")),
            Column(ctx.t(c + "col_likelihood"), ColumnKind.pct),
            Column(ctx.t(c + "col_findings")),
        ],
        rows,
    )
    parts = [Paragraph(ctx.t(c + "intro")), AttackPaths(views)] if views else [Paragraph(ctx.t(c + "none"))]
    return Section("attack-paths", ctx.t(c + "title"), parts, sheets_only=(table,))
