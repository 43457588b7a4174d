"""Attack paths: one line per critical system (its most likely path from an entry point, as a chain of names), then
the most likely few hop by hop, each hop with its likelihood and the findings that make it likely. Every path's
hops are in the workbook and, hop by hop, in the appendix."""

from __future__ import annotations

from hismigrate import i18n
from hismigrate.model.exposure import AttackPath, Hop
from hismigrate.report.sections.context import ReportContext
from hismigrate.report.sections.findings import subject_name
from hismigrate.report.sections.model import (
    AttackPaths,
    AttackPathView,
    Heading,
    Paragraph,
    PathStep,
    Section,
    TablePart,
)
from hismigrate.report.tables import Column, ColumnKind, Table

C = "report.paths."
DETAILED = 3  # the most likely paths shown hop by hop in the printed report


def _hop_kind(ctx: ReportContext, kind: str) -> str:
    key = f"report.hop.{kind}"
    if i18n.has(key, ctx.lang):
        return ctx.t(key)
    if i18n.has(f"enum.ConnectionKind.{kind}", ctx.lang):  # an entry hop is named by the connection's kind
        return ctx.t(f"enum.ConnectionKind.{kind}")
    return kind


def _because(ctx: ReportContext, hop: Hop) -> list[str]:
    out = []
    for ref in hop.findings:
        check, _, subject = ref.partition("@")
        out.append(ctx.t(C + "because_item", check=check, title=ctx.check_title(check), subject=_node(ctx, subject)))
    return out


def _node(ctx: ReportContext, node: str) -> str:
    return subject_name(ctx, node)


def ordered_paths(ctx: ReportContext) -> list[AttackPath]:
    """Most likely first; a tie goes to the more critical system, then the id, so the order is stable."""
    return sorted(ctx.assessment.attack_paths, key=lambda p: (-p.likelihood, p.criticality, p.system))


def path_title(ctx: ReportContext, path: AttackPath) -> str:
    return ctx.t(
        C + "path_title",
        system=ctx.system_name(path.system),
        criticality=path.criticality,
        entry=ctx.node_name(path.entry),
    )


def path_views(ctx: ReportContext, paths: list[AttackPath]) -> list[AttackPathView]:
    views = []
    for path in paths:
        steps = [
            PathStep(
                _node(ctx, hop.source),
                _node(ctx, hop.target),
                _hop_kind(ctx, hop.kind),
                hop.likelihood,
                _because(ctx, hop),
            )
            for hop in path.hops
        ]
        views.append(AttackPathView(path_title(ctx, path), path.likelihood, steps))
    return views


def _chain(ctx: ReportContext, path: AttackPath) -> str:
    nodes = [_node(ctx, path.hops[0].source)] if path.hops else []
    nodes += [_node(ctx, hop.target) for hop in path.hops]
    return " → ".join(nodes)


def _paths_table(ctx: ReportContext, paths: list[AttackPath]) -> Table:
    return Table(
        ctx.t(C + "list"),
        [
            Column(ctx.t(C + "col_system")),
            Column(ctx.t(C + "col_criticality"), ColumnKind.int),
            Column(ctx.t(C + "col_entry")),
            Column(ctx.t(C + "col_likelihood"), ColumnKind.pct),
            Column(ctx.t(C + "col_chain")),
        ],
        [
            [ctx.system_name(p.system), p.criticality, ctx.node_name(p.entry), p.likelihood, _chain(ctx, p)]
            for p in paths
        ],
        sheet=ctx.t("report.sheet.paths"),
    )


def _hops_table(ctx: ReportContext, paths: list[AttackPath]) -> Table:
    rows: list[list[object]] = []
    for number, path in enumerate(paths, start=1):
        for step, hop in enumerate(path.hops, start=1):
            rows.append(
                [
                    number,
                    ctx.system_name(path.system),
                    step,
                    _node(ctx, hop.source),
                    _node(ctx, hop.target),
                    _hop_kind(ctx, hop.kind),
                    hop.likelihood,
                    ctx.t("phrase.fact_separator").join(_because(ctx, hop)),
                ]
            )
    return Table(
        ctx.t(C + "table"),
        [
            Column(ctx.t(C + "col_path"), ColumnKind.int),
            Column(ctx.t(C + "col_system")),
            Column(ctx.t(C + "col_step"), ColumnKind.int),
            Column(ctx.t(C + "col_from")),
            Column(ctx.t(C + "col_to")),
            Column(ctx.t(C + "col_kind")),
            Column(ctx.t(C + "col_likelihood"), ColumnKind.pct),
            Column(ctx.t(C + "col_findings")),
        ],
        rows,
        sheet=ctx.t("report.sheet.hops"),
    )


def build(ctx: ReportContext) -> Section:
    paths = ordered_paths(ctx)
    if not paths:
        return Section("attack-paths", ctx.t(C + "title"), [Paragraph(ctx.t(C + "none"))])
    parts = [
        Paragraph(ctx.t(C + "intro")),
        TablePart(_paths_table(ctx, paths)),
        Heading(ctx.t(C + "detailed", count=min(DETAILED, len(paths)))),
    ]
    if len(paths) > DETAILED:
        parts.append(Paragraph(ctx.t(C + "rest_in_appendix", count=len(paths) - DETAILED)))
    parts.append(AttackPaths(path_views(ctx, paths[:DETAILED])))
    return Section("attack-paths", ctx.t(C + "title"), parts, sheets_only=(_hops_table(ctx, paths),))
