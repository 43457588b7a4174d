"""Attack paths hop by hop: from the entry point to each critical system, each hop with its likelihood and the
findings that make it likely (a hop list for reading, a table of hops for the workbook)."""

from __future__ import annotations

from hismigrate import i18n
from hismigrate.model.exposure import AttackPath, Hop
from hismigrate.report.formats import format_pct
from hismigrate.report.sections.context import ReportContext
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
    paths = ctx.assessment.attack_paths
    for number, path in enumerate(paths, start=1):
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
                    "; ".join(_because(ctx, hop, titles)),
                ]
            )
        if path.rank != 1:
            continue
        title = ctx.t(
            c + "path_title",
            system=ctx.system_name(path.system),
            criticality=path.criticality,
            entry=ctx.node_name(path.entry),
        )
        steps = [
            PathStep(
                _node(ctx, hop.source),
                _node(ctx, hop.target),
                _hop_kind(ctx, hop.kind),
                hop.likelihood,
                _because(ctx, hop, titles),
            )
            for hop in path.hops
        ]
        others = [_alternative(ctx, p) for p in paths if p.system == path.system and p.rank > 1]
        views.append(AttackPathView(title, path.likelihood, steps, others))
    table = Table(
        ctx.t(c + "table"),
        [
            Column(ctx.t(c + "col_path"), ColumnKind.int),
            Column(ctx.t(c + "col_system")),
            Column(ctx.t("report.col_rank"), ColumnKind.int),
            Column(ctx.t(c + "col_step"), ColumnKind.int),
            Column(ctx.t(c + "col_from")),
            Column(ctx.t(c + "col_to")),
            Column(ctx.t(c + "col_kind")),
            Column(ctx.t(c + "col_likelihood"), ColumnKind.pct),
            Column(ctx.t(c + "col_findings")),
        ],
        rows,
    )
    parts: list[Part] = [Paragraph(ctx.t(c + "intro")), AttackPaths(views)] if views else [Paragraph(ctx.t(c + "none"))]
    if ctx.assessment.choke_points:
        parts += [Heading(ctx.t("report.choke.title")), Paragraph(ctx.t("report.choke.intro")), TablePart(_chokes(ctx))]
    return Section("attack-paths", ctx.t(c + "title"), parts, sheets_only=(table,))


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


def _chokes(ctx: ReportContext) -> Table:
    k = "report.choke."
    rows = []
    for point in ctx.assessment.choke_points:
        if point.kind == "hop":
            source, _, target = point.ref.partition("->")
            ref = f"{_node(ctx, source)} → {_node(ctx, target)}"
        else:
            check, _, subject = point.ref.partition("@")
            ref = f"{check} {ctx.t(f'exposure.check.{check}.title')} ({ctx.subject(subject)})"
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
    )
