"""What the group's figures rest on: the price catalog and the group's quotes, the group defaults with their
sources (estimates to replace with quotes), and where each member's own figures are."""

from __future__ import annotations

from hismigrate.model.group import group_defaults
from hismigrate.report.group.context import GroupReportContext
from hismigrate.report.sections.model import Paragraph, Section, TablePart
from hismigrate.report.tables import Column, ColumnKind, Table


def build(ctx: GroupReportContext) -> Section:
    c = "group.report.sources."
    s = ctx.result.sources
    defaults = group_defaults()
    rows = [[key, value] for key, value in sorted(defaults.sources.items())]
    members = Table(
        ctx.t(c + "members"),
        [
            Column(ctx.t(c + "col_member")),
            Column(ctx.t(c + "col_path")),
            Column(ctx.t(c + "col_systems"), ColumnKind.int),
            Column(ctx.t(c + "col_servers"), ColumnKind.int),
        ],
        [[m.name, m.path, m.systems, m.servers] for m in ctx.result.members],
        sheet=ctx.t("group.sheet.inventories"),
    )
    return Section(
        "sources",
        ctx.t(c + "title"),
        [
            Paragraph(
                ctx.t(
                    c + "catalog",
                    catalog=s.price_catalog,
                    date=ctx.day(s.price_catalog_as_of),
                    prices=s.prices_file or ctx.t("group.report.none"),
                    settings=s.settings_file or ctx.t("group.report.none"),
                )
            ),
            Paragraph(ctx.t(c + "defaults", date=ctx.day(s.group_defaults_as_of))),
            TablePart(
                Table(
                    ctx.t(c + "defaults_table"),
                    [Column(ctx.t(c + "col_key")), Column(ctx.t(c + "col_source"))],
                    rows,
                    sheet=ctx.t("group.sheet.defaults"),
                )
            ),
            Paragraph(ctx.t(c + "own_reports")),
            TablePart(members),
        ],
    )


__all__ = ["build"]
