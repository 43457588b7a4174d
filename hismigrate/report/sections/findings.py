"""Findings grouped by check: each check once, with its severity, what to do, what it maps to and every subject by
name; the checks that could not be decided likewise. The row-per-finding list (with each finding's evidence in
words) is data: a workbook sheet, and the report's appendix, which is not printed unless the reader unfolds it."""

from __future__ import annotations

from collections import defaultdict

from hismigrate.model.assessment import FindingOut
from hismigrate.report.sections.context import ReportContext
from hismigrate.report.sections.model import CheckGroup, CheckGroups, Heading, Paragraph, Section, TablePart
from hismigrate.report.sections.phrases import evidence_text, reference_text
from hismigrate.report.tables import Column, ColumnKind, Table

C = "report.findings."
CHECKLIST_PREFIX = "MHLW-"


def _grouped(findings: tuple[FindingOut, ...]) -> list[list[FindingOut]]:
    """Findings by check: worst severity first, then the most subjects, then the id (a stable order)."""
    groups: dict[str, list[FindingOut]] = defaultdict(list)
    for f in findings:
        groups[f.check_id].append(f)
    return sorted(groups.values(), key=lambda g: (g[0].severity.rank, -len(g), g[0].check_id))


def subject_name(ctx: ReportContext, subject: str) -> str:
    """A subject as the report names it: a server by its host name, a route as `from → to`, the estate in words."""
    return ctx.node_name(subject) if ":" in subject else ctx.subject(subject)


def _references(ctx: ReportContext, group: list[FindingOut]) -> tuple[str, ...]:
    # the checklist first, then the guideline and the rest; CVE ids (per finding) after the check's own
    refs = tuple(dict.fromkeys(r for f in group for r in ctx.assessment.references(f)))
    return tuple(r for r in refs if r.startswith(CHECKLIST_PREFIX)) + tuple(
        r for r in refs if not r.startswith(CHECKLIST_PREFIX)
    )


def check_groups(ctx: ReportContext, findings: tuple[FindingOut, ...]) -> list[CheckGroup]:
    out = []
    for group in _grouped(findings):
        first = group[0]
        texts = ctx.assessment.checks[first.check_id]
        out.append(
            CheckGroup(
                severity=first.severity.value,
                check_id=first.check_id,
                title=getattr(texts.title, ctx.lang),
                count=len(group),
                remediation=getattr(texts.remediation, ctx.lang),
                references=[reference_text(ctx, r) for r in _references(ctx, group)],
                subjects=list(dict.fromkeys(subject_name(ctx, f.subject) for f in group)),
            )
        )
    return out


def _by_check_table(ctx: ReportContext, groups: list[CheckGroup], title: str, sheet: str) -> Table:
    separator = ctx.t("phrase.list_separator")
    return Table(
        title,
        [
            Column(ctx.t(C + "col_severity")),
            Column(ctx.t(C + "col_check"), ColumnKind.code),
            Column(ctx.t(C + "col_title")),
            Column(ctx.t(C + "col_count"), ColumnKind.int, total=True),
            Column(ctx.t(C + "col_remediation")),
            Column(ctx.t(C + "col_references")),
            Column(ctx.t(C + "col_subjects")),
        ],
        [
            [
                ctx.t(f"report.severity.{g.severity}"),
                g.check_id,
                g.title,
                g.count,
                g.remediation,
                ctx.t("phrase.fact_separator").join(g.references),
                separator.join(g.subjects),
            ]
            for g in groups
        ],
        sheet=sheet,
        total_label=ctx.t("report.total"),
    )


def finding_rows_table(ctx: ReportContext, findings: tuple[FindingOut, ...], title: str, sheet: str) -> Table:
    """One row per finding (or per undecided check) with its facts in words (its check's references are in the
    rows by check)."""
    return Table(
        title,
        [
            Column(ctx.t(C + "col_severity")),
            Column(ctx.t(C + "col_check"), ColumnKind.code),
            Column(ctx.t(C + "col_kind")),
            Column(ctx.t(C + "col_subject")),
            Column(ctx.t(C + "col_title")),
            Column(ctx.t(C + "col_evidence")),
        ],
        [
            [
                ctx.t(f"report.severity.{f.severity.value}"),
                f.check_id,
                ctx.subject_kind(f.subject),
                subject_name(ctx, f.subject),
                getattr(ctx.assessment.checks[f.check_id].title, ctx.lang),
                evidence_text(ctx, dict(f.evidence)),
            ]
            for f in findings
        ],
        sheet=sheet,
    )


def all_findings_tables(ctx: ReportContext) -> tuple[Table, Table]:
    """The row-per-finding lists: every finding, and every check that could not be decided."""
    a = ctx.assessment
    return (
        finding_rows_table(ctx, a.findings, ctx.t(C + "all"), ctx.t("report.sheet.all_findings")),
        finding_rows_table(ctx, a.gaps, ctx.t(C + "gaps_all"), ctx.t("report.sheet.all_gaps")),
    )


def build(ctx: ReportContext) -> Section:
    from hismigrate.report.sections.remediation import plan_detail, plan_intro, plan_table

    a = ctx.assessment
    groups = check_groups(ctx, a.findings)
    gap_groups = check_groups(ctx, a.gaps)
    # the remediation plan first: what to fix, in the order that removes the most risk (report.sections.remediation)
    plan: list = [Heading(ctx.t("report.remediation.title")), Paragraph(plan_intro(ctx))]
    if a.remediation.steps:
        plan.append(TablePart(plan_table(ctx)))
    parts: list = [
        Paragraph(ctx.t(C + "intro", total=len(a.findings), checks=len(groups))),
        *plan,
        Heading(ctx.t(C + "by_check")),
        CheckGroups(groups),
        Paragraph(ctx.t(C + "gaps_intro", count=len(a.gaps), checks=len(gap_groups))),
    ]
    if gap_groups:
        parts.append(CheckGroups(gap_groups))
    sheets = (
        plan_detail(ctx),
        _by_check_table(ctx, groups, ctx.t(C + "by_check"), ctx.t("report.sheet.by_check")),
        *all_findings_tables(ctx),
        _by_check_table(ctx, gap_groups, ctx.t(C + "gaps"), ctx.t("report.sheet.gaps_by_check")),
    )
    return Section("findings", ctx.t(C + "title"), parts, sheets_only=sheets)
