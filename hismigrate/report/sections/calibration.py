"""The appendix's account of the exposure index: its bands with what each means and how they were calibrated, the
control factors with their sources, and the basis of the remediation plan's costs."""

from __future__ import annotations

from hismigrate.report.formats import format_decimal
from hismigrate.report.sections.context import ReportContext
from hismigrate.report.sections.model import Heading, Paragraph, Part, TablePart
from hismigrate.report.tables import Column, ColumnKind, Table

K = "report.calibration."


def calibration_parts(ctx: ReportContext) -> list[Part]:
    cal = ctx.assessment.calibration
    bands = Table(
        ctx.t(K + "bands"),
        [
            Column(ctx.t(K + "col_band")),
            Column(ctx.t(K + "col_from"), ColumnKind.decimal),
            Column(ctx.t(K + "col_meaning")),
        ],
        [
            [ctx.t(f"report.band.{b.band.value}"), b.lowest, ctx.t(f"report.band_meaning.{b.band.value}")]
            for b in cal.bands
        ],
        note=cal.likelihoods,
        sheet=ctx.t("report.sheet.bands"),
    )
    controls = Table(
        ctx.t(K + "controls"),
        [Column(ctx.t(K + "col_control")), Column(ctx.t(K + "col_factor")), Column(ctx.t(K + "col_source"))],
        [[ctx.t(f"report.control.{c.control}"), format_decimal(c.factor, 2), c.source] for c in cal.controls],
        sheet=ctx.t("report.sheet.controls"),
    )
    parts: list[Part] = [
        Heading(ctx.t(K + "title")),
        Paragraph(ctx.t(K + "intro")),
        TablePart(bands),
        Paragraph(ctx.t(K + "controls_intro")),
        TablePart(controls),
    ]
    used = {s.cost.item: s.cost for s in ctx.assessment.remediation.steps}
    if used:
        costs = Table(
            ctx.t(K + "costs"),
            [
                Column(ctx.t(K + "col_item")),
                Column(ctx.t(K + "col_unit")),
                Column(ctx.t("report.remediation.col_manual")),
                Column(ctx.t(K + "col_source")),
            ],
            [
                [
                    ctx.t(f"report.cost_item.{item}"),
                    ctx.t(f"report.unit.{cost.unit}"),
                    ctx.t("report.remediation.manual") if cost.manual else None,
                    cost.basis,
                ]
                for item, cost in sorted(used.items())
            ],
            note=f"{ctx.assessment.remediation.catalog} ({ctx.assessment.remediation.catalog_as_of.isoformat()})",
            sheet=ctx.t("report.sheet.control_costs"),
        )
        parts.append(TablePart(costs))
    return parts
