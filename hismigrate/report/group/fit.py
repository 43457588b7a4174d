"""Package fit: who can join the shared package in the window, category by category, what blocks the others, the
vendors each category already has, and a package suggested for each kind of hospital."""

from __future__ import annotations

from hismigrate.model.group_plan import MemberCategoryFit
from hismigrate.report.group.context import GroupReportContext
from hismigrate.report.sections.model import Bullets, Heading, Paragraph, Part, Section, TablePart
from hismigrate.report.tables import Column, ColumnKind, Table


def _cell(ctx: GroupReportContext, row: MemberCategoryFit) -> str:
    status = ctx.t(f"group.status.{row.status}")
    if row.status in ("fits", "later") and row.earliest is not None:
        return f"{status} ({ctx.month(row.earliest)})"
    return status


def _matrix(ctx: GroupReportContext) -> Table:
    fit = ctx.result.fit
    c = "group.report.fit."
    columns = [Column(ctx.t(c + "col_member"))] + [Column(ctx.label(cat.category)) for cat in fit.categories]
    rows = []
    for member in ctx.result.members:
        cells = []
        for cat in fit.categories:
            row = next(r for r in cat.members if r.member == member.id)
            cells.append(_cell(ctx, row))
        rows.append([member.name, *cells])
    return Table(ctx.t(c + "matrix"), columns, rows, note=ctx.t(c + "matrix_note"), sheet=ctx.t("group.sheet.fit"))


def _detail(ctx: GroupReportContext) -> Table:
    c = "group.report.fit."
    rows = []
    for cat in ctx.result.fit.categories:
        for row in cat.members:
            for s in row.systems:
                rows.append(
                    [
                        ctx.name(row.member),
                        ctx.label(cat.category),
                        s.name,
                        s.vendor,
                        ctx.label(s.customisation),
                        ", ".join(ctx.label(x) for x in s.standards) or None,
                        s.contract_end,
                        ctx.t(f"plan.readiness.{s.readiness.value}"),
                        ctx.t(f"group.status.{s.status}"),
                        s.earliest,
                        " / ".join(ctx.reason(b) for b in s.blockers) or None,
                    ]
                )
    return Table(
        ctx.t(c + "systems"),
        [
            Column(ctx.t(c + "col_member")),
            Column(ctx.t(c + "col_category")),
            Column(ctx.t(c + "col_system")),
            Column(ctx.t(c + "col_vendor")),
            Column(ctx.t(c + "col_customisation")),
            Column(ctx.t(c + "col_standards")),
            Column(ctx.t(c + "col_contract"), ColumnKind.date),
            Column(ctx.t(c + "col_readiness")),
            Column(ctx.t(c + "col_status")),
            Column(ctx.t(c + "col_earliest"), ColumnKind.date),
            Column(ctx.t(c + "col_blockers")),
        ],
        rows,
        sheet=ctx.t("group.sheet.systems"),
    )


def _vendors(ctx: GroupReportContext) -> Table:
    c = "group.report.fit."
    rows = [
        [
            ctx.label(cat.category),
            ctx.join(f"{v.vendor} ({len(v.members)})" for v in cat.vendors) or None,
        ]
        for cat in ctx.result.fit.categories
    ]
    return Table(
        ctx.t(c + "vendors"),
        [Column(ctx.t(c + "col_category")), Column(ctx.t(c + "col_vendors"))],
        rows,
        sheet=ctx.t("group.sheet.vendors"),
    )


def _suggestions(ctx: GroupReportContext) -> tuple[list[Part], list[Table]]:
    c = "group.report.fit."
    parts: list[Part] = []
    sheets: list[Table] = []
    for suggestion in ctx.result.fit.suggestions:
        members = ctx.join(ctx.name(m) for m in suggestion.members)
        family = ctx.t(f"group.family.{suggestion.family}")
        parts.append(Heading(ctx.t(c + "package", family=family, members=members)))
        included = [p for p in suggestion.categories if p.included]
        left_out = [p for p in suggestion.categories if not p.included]
        content = ctx.join(f"{ctx.label(p.category)}" + (f" ({p.vendor})" if p.vendor else "") for p in included)
        parts.append(Paragraph(ctx.t(c + "package_content", categories=content or ctx.t("group.report.none"))))
        reasons = [ctx.reason(r) for r in suggestion.reasons]
        if left_out:
            reasons.append(
                ctx.t(
                    c + "left_out",
                    categories=ctx.join(
                        f"{ctx.label(p.category)} ({ctx.reason(p.reasons[1]) if len(p.reasons) > 1 else ctx.reason(p.reasons[0])})"
                        for p in left_out
                    ),
                )
            )
        parts.append(Bullets(reasons))
        sheets.append(
            Table(
                ctx.t(c + "package_table", family=family),
                [
                    Column(ctx.t(c + "col_category")),
                    Column(ctx.t(c + "col_running"), ColumnKind.int),
                    Column(ctx.t(c + "col_included")),
                    Column(ctx.t(c + "col_vendor")),
                    Column(ctx.t(c + "col_reasons")),
                ],
                [
                    [
                        ctx.label(p.category),
                        p.running,
                        ctx.t("group.report.yes") if p.included else ctx.t("group.report.no"),
                        p.vendor,
                        " / ".join(ctx.reason(r) for r in p.reasons),
                    ]
                    for p in suggestion.categories
                ],
                sheet=ctx.t(f"group.sheet.package_{suggestion.family}"),
            )
        )
    return parts, sheets


def _blockers(ctx: GroupReportContext) -> list[str]:
    """One line per member: what keeps its systems off the package, what holds them past the day the environment is
    ready (the one blocker that sets the day), and contract ends not known."""
    ready = ctx.result.fit.window_start
    lines = []
    for member in ctx.result.members:
        by_reason: dict[str, list[str]] = {}
        for cat in ctx.result.fit.categories:
            for row in cat.members:
                if row.member != member.id:
                    continue
                for s in row.systems:
                    for b in s.blockers:
                        binding = b.key == s.held_by and s.earliest is not None and s.earliest > ready
                        if (s.status == "blocked" and b.key == "equipment") or binding or b.key == "contract_unknown":
                            by_reason.setdefault(ctx.reason(b), []).append(s.name)
        if by_reason:
            said = "; ".join(f"{ctx.join(dict.fromkeys(names))}: {why}" for why, names in by_reason.items())
            lines.append(f"{member.name} — {said}")
    return lines


def build(ctx: GroupReportContext) -> Section:
    c = "group.report.fit."
    fit = ctx.result.fit
    joining = sum(
        1
        for m in ctx.result.members
        if any(r.member == m.id and r.status == "fits" for cat in fit.categories for r in cat.members)
    )
    intro = ctx.t(
        c + "intro",
        start=ctx.month(fit.window_start),
        end=ctx.month(fit.window_end),
        joining=joining,
        members=len(ctx.result.members),
    )
    suggestion_parts, suggestion_sheets = _suggestions(ctx)
    blockers = _blockers(ctx)
    return Section(
        "fit",
        ctx.t(c + "title"),
        [
            Paragraph(intro),
            TablePart(_matrix(ctx)),
            Heading(ctx.t(c + "blockers")),
            Bullets(blockers) if blockers else Paragraph(ctx.t(c + "no_blockers")),
            TablePart(_vendors(ctx)),
            Heading(ctx.t(c + "suggestions")),
            Paragraph(ctx.t(c + "suggestions_intro")),
            *suggestion_parts,
        ],
        sheets_only=(_detail(ctx), *suggestion_sheets),
    )


__all__ = ["build"]
