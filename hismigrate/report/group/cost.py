"""The shared cost case: each member alone against in the group (NPV and break-even of sharing), the group year by
year, the shared components priced once and how they are split, and what moves the result (the group's tornado and
that of the member that gains least, with the allocation key and the number of members)."""

from __future__ import annotations

from hismigrate.model.group_cost import GroupTornadoBar as TornadoBar
from hismigrate.report.charts.bars_by_year import BarSeries, bars_by_year
from hismigrate.report.charts.cumulative import cumulative_line
from hismigrate.report.charts.svg import ChartText
from hismigrate.report.charts.tornado import TornadoBar as ChartBar
from hismigrate.report.charts.tornado import tornado
from hismigrate.report.formats import format_pct
from hismigrate.report.group.context import MILLION, GroupReportContext
from hismigrate.report.sections.model import Figure, Paragraph, Part, Section, TablePart
from hismigrate.report.tables import Column, ColumnKind, Table

JPY = ColumnKind.jpy


def _m(value: int) -> float:
    return round(value / MILLION, 1)


def _value(ctx: GroupReportContext, driver: str, value: str) -> str:
    """A driver's low or high value in the report's language (a key's name, a number of members)."""
    if driver == "allocation_key":
        return ctx.t(f"enum.AllocationKey.{value}")
    if driver == "members":
        return ctx.t("group.report.cost.members_value", count=value)
    return value


def _tornado(ctx: GroupReportContext, bars: tuple[TornadoBar, ...], base: int, title: str, caption: str) -> Figure:
    c = "group.report.cost."
    text = ChartText(title, caption, ctx.t(c + "unit"))
    chart = tornado(
        [
            ChartBar(
                ctx.t(f"group.driver.{b.driver}"),
                _m(b.npv_saving_low_jpy),
                _m(b.npv_saving_high_jpy),
                _value(ctx, b.driver, b.low),
                _value(ctx, b.driver, b.high),
            )
            for b in bars
        ],
        _m(base),
        text,
        low_label=ctx.t("report.chart.low"),
        high_label=ctx.t("report.chart.high"),
        base_label=ctx.t("report.chart.base"),
    )
    return Figure(chart, text)


def _members_chart(ctx: GroupReportContext) -> Figure:
    c = "group.report.cost."
    cost = ctx.result.cost
    text = ChartText(ctx.t(c + "members_chart"), ctx.t(c + "members_caption"), ctx.t(c + "unit"))
    chart = bars_by_year(
        [ctx.name(m.member) for m in cost.members],
        [
            BarSeries(ctx.t(c + "alone"), [_m(m.own_npv_saving_jpy) for m in cost.members]),
            BarSeries(ctx.t(c + "in_group"), [_m(m.in_group_npv_saving_jpy) for m in cost.members]),
        ],
        text,
    )
    return Figure(chart, text)


def _members_table(ctx: GroupReportContext) -> Table:
    c = "group.report.cost."
    return Table(
        ctx.t(c + "members"),
        [
            Column(ctx.t(c + "col_member")),
            Column(ctx.t(c + "col_share"), ColumnKind.pct),
            Column(ctx.t(c + "col_alone"), JPY),
            Column(ctx.t(c + "col_group"), JPY),
            Column(ctx.t(c + "col_sharing"), JPY),
            Column(ctx.t(c + "col_break_even")),
            Column(ctx.t(c + "col_verdict")),
            Column(ctx.t(c + "col_discount"), JPY),
        ],
        [
            [
                ctx.name(m.member),
                m.share,
                m.own_npv_saving_jpy,
                m.in_group_npv_saving_jpy,
                m.npv_saving_jpy,
                ctx.fy(m.break_even_year) if m.break_even_year else ctx.t(c + "no_break_even"),
                ctx.t(f"group.verdict.{m.verdict}"),
                m.volume_discount_jpy,
            ]
            for m in ctx.result.cost.members
        ],
        note=ctx.t(c + "members_note"),
        sheet=ctx.t("group.sheet.cost_members"),
    )


def _years_table(ctx: GroupReportContext) -> Table:
    c = "group.report.cost."
    return Table(
        ctx.t(c + "years"),
        [
            Column(ctx.t("report.cost.col_year")),
            Column(ctx.t(c + "col_baseline"), JPY),
            Column(ctx.t(c + "col_alone_year"), JPY, key="alone"),
            Column(ctx.t(c + "col_group_year"), JPY, key="group"),
            Column(ctx.t(c + "col_saving"), JPY, key="saving", formula="{alone}-{group}"),
            Column(ctx.t("report.cost.col_cumulative"), JPY, key="cumulative", formula="{cumulative@prev}+{saving}"),
        ],
        [
            [ctx.fy(y.year), y.baseline_jpy, y.alone_jpy, y.group_jpy, y.saving_jpy, y.cumulative_saving_jpy]
            for y in ctx.result.cost.years
        ],
        sheet=ctx.t("group.sheet.cost_years"),
    )


def _components(ctx: GroupReportContext) -> Table:
    """The shared components at a glance: what each costs in total and in a year when it runs."""
    c = "group.report.cost."
    return Table(
        ctx.t(c + "components"),
        [
            Column(ctx.t(c + "col_component")),
            Column(ctx.t(c + "col_split")),
            Column(ctx.t(c + "col_total"), JPY),
            Column(ctx.t(c + "col_full_year"), JPY),
        ],
        [
            [
                ctx.t(f"group.component.{comp.id}") + (" *" if comp.manual else ""),
                ctx.t(f"group.split.{comp.split}"),
                sum(comp.amounts_jpy),
                None if comp.id == "build" else max(comp.amounts_jpy, default=0),
            ]
            for comp in ctx.result.cost.components
        ],
        note=ctx.t(c + "components_note"),
    )


def _components_by_year(ctx: GroupReportContext) -> Table:
    c = "group.report.cost."
    cost = ctx.result.cost
    years = [cost.first_year + k for k in range(cost.horizon_years)]
    return Table(
        ctx.t(c + "components_by_year"),
        [
            Column(ctx.t(c + "col_component")),
            Column(ctx.t(c + "col_split")),
            *[Column(ctx.fy(y), JPY) for y in years],
            Column(ctx.t(c + "col_total"), JPY),
            Column(ctx.t(c + "col_basis")),
        ],
        [
            [
                ctx.t(f"group.component.{comp.id}") + (" *" if comp.manual else ""),
                ctx.t(f"group.split.{comp.split}"),
                *comp.amounts_jpy,
                sum(comp.amounts_jpy),
                ", ".join(comp.basis),
            ]
            for comp in cost.components
        ],
        sheet=ctx.t("group.sheet.components"),
    )


def _member_years(ctx: GroupReportContext) -> Table:
    c = "group.report.cost."
    return Table(
        ctx.t(c + "member_years"),
        [
            Column(ctx.t(c + "col_member")),
            Column(ctx.t("report.cost.col_year")),
            Column(ctx.t(c + "col_baseline"), JPY),
            Column(ctx.t(c + "col_alone_year"), JPY, key="alone"),
            Column(ctx.t(c + "col_group_year"), JPY, key="group"),
            Column(ctx.t(c + "col_shared"), JPY),
            Column(ctx.t(c + "col_saving"), JPY, formula="{alone}-{group}"),
            Column(ctx.t("report.cost.col_cumulative"), JPY),
        ],
        [
            [
                ctx.name(m.member),
                ctx.fy(y.year),
                y.baseline_jpy,
                y.alone_jpy,
                y.group_jpy,
                y.shared_jpy,
                y.saving_jpy,
                y.cumulative_saving_jpy,
            ]
            for m in ctx.result.cost.members
            for y in m.years
        ],
        sheet=ctx.t("group.sheet.member_years"),
    )


def _tornado_table(ctx: GroupReportContext) -> Table:
    c = "group.report.cost."
    rows = [
        [
            ctx.t(c + "group_row"),
            ctx.t(f"group.driver.{b.driver}"),
            _value(ctx, b.driver, b.low),
            _value(ctx, b.driver, b.high),
            b.npv_saving_low_jpy,
            b.npv_saving_high_jpy,
        ]
        for b in ctx.result.cost.tornado
    ]
    rows += [
        [
            ctx.name(t.member),
            ctx.t(f"group.driver.{b.driver}"),
            _value(ctx, b.driver, b.low),
            _value(ctx, b.driver, b.high),
            b.npv_saving_low_jpy,
            b.npv_saving_high_jpy,
        ]
        for t in ctx.result.cost.member_tornados
        for b in t.bars
    ]
    return Table(
        ctx.t(c + "sensitivity"),
        [
            Column(ctx.t(c + "col_member")),
            *(Column(ctx.t(f"report.cost.{k}")) for k in ("col_driver", "col_low", "col_high")),
            Column(ctx.t("report.cost.col_npv_low"), JPY),
            Column(ctx.t("report.cost.col_npv_high"), JPY),
        ],
        rows,
        sheet=ctx.t("group.sheet.sensitivity"),
    )


def build(ctx: GroupReportContext) -> Section:
    c = "group.report.cost."
    cost = ctx.result.cost
    g = ctx.result.group
    intro = ctx.t(
        c + "intro",
        allocation=ctx.label(g.allocation),
        rate=format_pct(cost.discount_rate),
        first=ctx.fy(cost.first_year),
        last=ctx.fy(cost.first_year + cost.horizon_years - 1),
    )
    discount = max(cost.volume_discounts, default=0.0)
    volume = ctx.t(c + "volume", pct=format_pct(discount)) if discount else ctx.t(c + "no_volume")
    years = [ctx.fy(y.year) for y in cost.years]
    unit, axis = ctx.t(c + "unit"), ctx.t("report.chart.year")
    bars_text = ChartText(ctx.t(c + "years_chart"), ctx.t(c + "years_caption"), unit, axis)
    bars = bars_by_year(
        years,
        [
            BarSeries(ctx.t(c + "alone"), [_m(y.alone_jpy) for y in cost.years]),
            BarSeries(ctx.t(c + "in_group"), [_m(y.group_jpy) for y in cost.years]),
        ],
        bars_text,
    )
    cumulative_text = ChartText(ctx.t(c + "cumulative"), ctx.t(c + "cumulative_caption"), unit, axis)
    marker = next((i for i, y in enumerate(cost.years) if y.year == cost.break_even_year), None)
    # one sign everywhere: the saving of sharing (alone minus in the group), plus when sharing costs less
    cumulative = cumulative_line(
        years,
        [_m(y.cumulative_saving_jpy) for y in cost.years],
        cumulative_text,
        marker=marker,
        marker_label=ctx.t("report.chart.break_even"),
        saving_positive=True,
    )
    parts: list[Part] = [
        Paragraph(intro),
        Paragraph(volume),
        _members_chart(ctx),
        TablePart(_members_table(ctx)),
        Figure(bars, bars_text),
        Figure(cumulative, cumulative_text),
        TablePart(_years_table(ctx)),
        TablePart(_components(ctx), sheet=False),
    ]
    if cost.tornado:
        parts += [
            _tornado(ctx, cost.tornado, cost.npv_saving_jpy, ctx.t(c + "tornado"), ctx.t(c + "tornado_caption")),
            Paragraph(ctx.t(c + "key_note")),
        ]
    least = min(cost.members, key=lambda m: (m.npv_saving_jpy, m.member), default=None)
    tornado_of = next((t for t in cost.member_tornados if least and t.member == least.member), None)
    if least is not None and tornado_of is not None and tornado_of.bars:
        title = ctx.t(c + "member_tornado", member=ctx.name(least.member))
        caption = ctx.t(c + "member_tornado_caption", member=ctx.name(least.member))
        parts.append(_tornado(ctx, tornado_of.bars, least.npv_saving_jpy, title, caption))
    return Section(
        "cost",
        ctx.t(c + "title"),
        parts,
        sheets_only=(_components_by_year(ctx), _member_years(ctx), _tornado_table(ctx)),
    )


__all__ = ["build"]
