"""Findings by severity: grouped by check with remediation and checklist references, then every finding, then the
checks the inventory could not decide."""

from __future__ import annotations

from collections import defaultdict

from hismigrate.model.assessment import FindingOut
from hismigrate.report.sections.context import ReportContext
from hismigrate.report.sections.model import Heading, Paragraph, Part, Section, TablePart
from hismigrate.report.sections.remediation import plan_detail, plan_intro, plan_table
from hismigrate.report.tables import Column, ColumnKind, Table

CHECKLIST_PREFIX = "MHLW-"
SUBJECTS_SHOWN = 5


def _split_references(references: tuple[str, ...]) -> tuple[str, str]:
    checklist = [r for r in references if r.startswith(CHECKLIST_PREFIX)]
    other = [r for r in references if not r.startswith(CHECKLIST_PREFIX)]
    return "; ".join(checklist), "; ".join(other)


def evidence_text(finding: FindingOut) -> str:
    return "; ".join(f"{k}={'—' if v is None else v}" for k, v in sorted(finding.evidence.items()))


def _by_check(ctx: ReportContext, findings: tuple[FindingOut, ...]) -> list[list[object]]:
    groups: dict[str, list[FindingOut]] = defaultdict(list)
    for f in findings:
        groups[f.check_id].append(f)
    rows = []
    ordered = sorted(groups.values(), key=lambda g: (g[0].severity.rank, -len(g), g[0].check_id))
    for group in ordered:
        first = group[0]
        refs = tuple(dict.fromkeys(r for f in group for r in f.references))
        checklist, other = _split_references(refs)
        subjects = [ctx.subject(f.subject) for f in group[:SUBJECTS_SHOWN]]
        if len(group) > SUBJECTS_SHOWN:
            subjects.append(ctx.t("report.findings.more", count=len(group) - SUBJECTS_SHOWN))
        rows.append(
            [
                ctx.t(f"report.severity.{first.severity.value}"),
                first.check_id,
                getattr(first.title, ctx.lang),
                len(group),
                " / ".join(subjects),
                getattr(first.remediation, ctx.lang),
                checklist,
                other,
            ]
        )
    return rows


def _all_rows(ctx: ReportContext, findings: tuple[FindingOut, ...]) -> list[list[object]]:
    return [
        [
            ctx.t(f"report.severity.{f.severity.value}"),
            f.check_id,
            ctx.subject(f.subject),
            getattr(f.title, ctx.lang),
            evidence_text(f),
            "; ".join(f.references),
        ]
        for f in findings
    ]


def build(ctx: ReportContext) -> Section:
    a = ctx.assessment
    c = "report.findings."
    by_check = Table(
        ctx.t(c + "by_check"),
        [
            Column(ctx.t(c + "col_severity")),
            Column(ctx.t(c + "col_check")),
            Column(ctx.t(c + "col_title")),
            Column(ctx.t(c + "col_count"), ColumnKind.int),
            Column(ctx.t(c + "col_subjects")),
            Column(ctx.t(c + "col_remediation")),
            Column(ctx.t(c + "col_checklist")),
            Column(ctx.t(c + "col_references")),
        ],
        _by_check(ctx, a.findings),
    )
    detail_columns = [
        Column(ctx.t(c + "col_severity")),
        Column(ctx.t(c + "col_check")),
        Column(ctx.t(c + "col_subject")),
        Column(ctx.t(c + "col_title")),
        Column(ctx.t(c + "col_evidence")),
        Column(ctx.t(c + "col_references")),
    ]
    every = Table(ctx.t(c + "all"), detail_columns, _all_rows(ctx, a.findings))
    gaps = Table(ctx.t(c + "gaps"), detail_columns, _all_rows(ctx, a.gaps))
    checks = len({f.check_id for f in a.findings})
    plan: list[Part] = [Heading(ctx.t("report.remediation.title")), Paragraph(plan_intro(ctx))]
    if a.remediation.steps:
        plan.append(TablePart(plan_table(ctx)))
    return Section(
        "findings",
        ctx.t(c + "title"),
        [
            Paragraph(ctx.t(c + "intro", total=len(a.findings), checks=checks)),
            *plan,
            TablePart(by_check),
            TablePart(every),
            Paragraph(ctx.t(c + "gaps_intro", count=len(a.gaps))),
            TablePart(gaps),
        ],
        sheets_only=(plan_detail(ctx),),
    )
