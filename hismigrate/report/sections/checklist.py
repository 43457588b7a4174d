"""The MHLW cybersecurity checklist: each item's decision, how it was decided and on what evidence."""

from __future__ import annotations

from collections import Counter

from hismigrate.report.sections.context import ReportContext
from hismigrate.report.sections.model import Paragraph, Section, TablePart
from hismigrate.report.sections.phrases import checklist_outcome
from hismigrate.report.tables import Column, ColumnKind, Table


def build(ctx: ReportContext) -> Section:
    items = ctx.assessment.checklist
    c = "report.checklist."
    counts = Counter(i.status.value for i in items)
    table = Table(
        ctx.t(c + "table"),
        [
            Column(ctx.t(c + "col_item"), ColumnKind.code),
            Column(ctx.t(c + "col_title")),
            Column(ctx.t(c + "col_status")),
            Column(ctx.t(c + "col_source")),
            Column(ctx.t(c + "col_evidence")),
        ],
        [
            [
                i.item,
                i.title.get(ctx.lang) or next(iter(sorted(i.title.values())), ""),
                ctx.t(f"report.status.{i.status.value}"),
                ctx.t(f"report.checklist_source.{i.source}"),
                ctx.t("phrase.fact_separator").join(checklist_outcome(ctx, e) for e in i.evidence),
            ]
            for i in items
        ],
        sheet=ctx.t("report.sheet.checklist"),
    )
    intro = ctx.t(
        c + "intro",
        total=len(items),
        passed=counts.get("pass", 0),
        failed=counts.get("fail", 0),
        unknown=counts.get("unknown", 0),
    )
    return Section("checklist", ctx.t(c + "title"), [Paragraph(intro), TablePart(table)])
