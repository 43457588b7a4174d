"""The members side by side: size, estate, exposure before and after their own plans, and when each moves onto the
package (their costs side by side are in the cost section)."""

from __future__ import annotations

from hismigrate.report.group.context import GroupReportContext
from hismigrate.report.sections.model import Paragraph, Section, TablePart
from hismigrate.report.tables import Column, ColumnKind, Table


def build(ctx: GroupReportContext) -> Section:
    c = "group.report.members."
    timelines = {t.member: t for t in ctx.result.plan.members}
    rows = []
    for m in ctx.result.members:
        timeline = timelines.get(m.id)
        cutovers = timeline.cutovers if timeline else ()
        staying = timeline.staying if timeline else ()
        rows.append(
            [
                m.name,
                ctx.label(m.type),
                m.beds,
                m.systems,
                m.servers,
                f"{m.exposure_index_now:.1f} → {m.exposure_index_after:.1f}",
                ctx.join(ctx.month(cut.cutover) for cut in cutovers) or None,
                ctx.join(ctx.system(m.id, s) for s in staying) or None,
            ]
        )
    table = Table(
        ctx.t(c + "facts"),
        [
            Column(ctx.t(c + "col_member")),
            Column(ctx.t(c + "col_type")),
            Column(ctx.t(c + "col_beds"), ColumnKind.int),
            Column(ctx.t(c + "col_systems"), ColumnKind.int),
            Column(ctx.t(c + "col_servers"), ColumnKind.int),
            Column(ctx.t(c + "col_exposure")),
            Column(ctx.t(c + "col_cutovers")),
            Column(ctx.t(c + "col_staying")),
        ],
        rows,
        sheet=ctx.t("group.sheet.members"),
    )
    return Section("members", ctx.t(c + "title"), [Paragraph(ctx.t(c + "intro")), TablePart(table)])


__all__ = ["build"]
