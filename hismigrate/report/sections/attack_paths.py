"""Attack paths: one line per critical system (its most likely path from an entry point, as a chain of names), then
the most likely few hop by hop, each hop with its likelihood and the findings that make it likely, with the system's
next distinct paths in a line each; then the choke points most paths share. Every path's hops (the next paths'
too) are in the workbook and, hop by hop, in the appendix."""

from __future__ import annotations

from hismigrate import i18n
from hismigrate.model.exposure import AttackPath, Hop
from hismigrate.report.formats import format_pct
from hismigrate.report.sections.context import ReportContext
from hismigrate.report.sections.findings import subject_name
from hismigrate.report.sections.model import (
    AttackPaths,
    AttackPathView,
    Heading,
    Paragraph,
    Part,
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
    """Each critical system's most likely path (rank 1), most likely first; a tie goes to the more critical system,
    then the id, so the order is stable."""
    best = [p for p in ctx.assessment.attack_paths if p.rank == 1]
    return sorted(best, key=lambda p: (-p.likelihood, p.criticality, p.system))


def _alternative(ctx: ReportContext, path: AttackPath) -> str:
    """A next path in one line: its entry, the system, its likelihood and the lateral steps it takes."""
    lateral = [h for h in path.hops[1:] if h.kind not in ("lands_in", "hosts")]
    via = " → ".join(f"{_hop_kind(ctx, h.kind)}（{_node(ctx, h.target)}）" for h in lateral[:3]) or "—"
    return ctx.t(
        "report.alt_path",
        rank=path.rank,
        entry=ctx.node_name(path.entry),
        system=ctx.system_name(path.system),
        pct=format_pct(path.likelihood, 0),
        via=via,
    )


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
        others = [_alternative(ctx, p) for p in ctx.assessment.attack_paths if p.system == path.system and p.rank > 1]
        views.append(AttackPathView(path_title(ctx, path), path.likelihood, steps, others))
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
    """Every path's hops, the systems' next distinct paths (ranks 2 and 3) after their most likely one."""
    ranked = [
        q for p in paths for q in sorted(ctx.assessment.attack_paths, key=lambda x: x.rank) if q.system == p.system
    ]
    rows: list[list[object]] = []
    for number, path in enumerate(ranked, start=1):
        for step, hop in enumerate(path.hops, start=1):
            rows.append(
                [
                    number,
                    ctx.system_name(path.system),
                    path.rank,
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
            Column(ctx.t("report.col_rank"), ColumnKind.int),
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
    parts: list[Part] = [
        Paragraph(ctx.t(C + "intro")),
        TablePart(_paths_table(ctx, paths)),
        Heading(ctx.t(C + "detailed", count=min(DETAILED, len(paths)))),
    ]
    if len(paths) > DETAILED:
        parts.append(Paragraph(ctx.t(C + "rest_in_appendix", count=len(paths) - DETAILED)))
    parts.append(AttackPaths(path_views(ctx, paths[:DETAILED])))
    if ctx.assessment.choke_points:
        parts += [Heading(ctx.t("report.choke.title")), Paragraph(ctx.t("report.choke.intro")), TablePart(_chokes(ctx))]
    return Section("attack-paths", ctx.t(C + "title"), parts, sheets_only=(_hops_table(ctx, paths),))


def _chokes(ctx: ReportContext) -> Table:
    k = "report.choke."
    rows = []
    for point in ctx.assessment.choke_points:
        if point.kind == "hop":
            source, _, target = point.ref.partition("->")
            ref = f"{_node(ctx, source)} → {_node(ctx, target)}"
        else:
            check, _, subject = point.ref.partition("@")
            ref = ctx.t(C + "because_item", check=check, title=ctx.check_title(check), subject=_node(ctx, subject))
        rows.append([ctx.t(k + point.kind), ref, point.paths, point.share])
    return Table(
        ctx.t(k + "table"),
        [
            Column(ctx.t(k + "col_kind")),
            Column(ctx.t(k + "col_ref")),
            Column(ctx.t(k + "col_paths"), ColumnKind.int),
            Column(ctx.t(k + "col_share"), ColumnKind.pct),
        ],
        rows,
        sheet=ctx.t("report.sheet.choke_points"),
    )
