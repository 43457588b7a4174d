"""Costs: the sentence, yearly baseline against plan, the cumulative difference, the tornado, stranded book value,
the catalog and its date, and what could not be costed."""

from __future__ import annotations

from hismigrate import i18n
from hismigrate.report.charts.bars_by_year import BarSeries, bars_by_year
from hismigrate.report.charts.cumulative import cumulative_line
from hismigrate.report.charts.svg import ChartText
from hismigrate.report.charts.tornado import TornadoBar, tornado
from hismigrate.report.formats import format_date, format_fiscal_year, format_jpy, format_pct
from hismigrate.report.sections.context import MILLION, ReportContext
from hismigrate.report.sections.model import Figure, Paragraph, Section, TablePart
from hismigrate.report.tables import Column, ColumnKind, Table


def _millions(value: int) -> float:
    return round(value / MILLION, 1)


def _text_or_key(ctx: ReportContext, key: str, fallback: str) -> str:
    return ctx.t(key) if i18n.has(key, ctx.lang) else fallback


def _subject(ctx: ReportContext, subject: str) -> str:
    """A cost line's subject by its name: a server's host name, a system's or connection's name."""
    if ":" in subject:
        return ctx.node_name(subject)
    for kind in ("server", "system", "connection"):
        name = ctx.node_name(f"{kind}:{subject}")
        if name != subject:
            return name
    return subject


def _charts(ctx: ReportContext) -> list[Figure]:
    cost = ctx.assessment.cost
    c = "report.cost."
    unit, axis = ctx.t(c + "unit"), ctx.t("report.chart.year")
    years = [format_fiscal_year(y.year, ctx.lang) for y in cost.years]
    bars_text = ChartText(ctx.t(c + "bars"), ctx.t(c + "bars_caption"), unit, axis)
    bars = bars_by_year(
        years,
        [
            BarSeries(ctx.t(c + "baseline"), [_millions(y.baseline_jpy) for y in cost.years]),
            BarSeries(ctx.t(c + "plan"), [_millions(y.plan_jpy) for y in cost.years]),
        ],
        bars_text,
    )
    # The chart shades where its values are above zero as "the plan costs more": plan minus baseline.
    cumulative_text = ChartText(ctx.t(c + "cumulative"), ctx.t(c + "cumulative_caption"), unit, axis)
    marker = next((i for i, y in enumerate(cost.years) if y.year == cost.break_even_year), None)
    cumulative = cumulative_line(
        years,
        [_millions(-y.cumulative_delta_jpy) for y in cost.years],
        cumulative_text,
        marker=marker,
        marker_label=ctx.t("report.chart.break_even"),
    )
    figures = [Figure(bars, bars_text), Figure(cumulative, cumulative_text)]
    if cost.tornado:
        tornado_text = ChartText(ctx.t(c + "tornado"), ctx.t(c + "tornado_caption"), unit)
        chart = tornado(
            [
                TornadoBar(
                    _text_or_key(ctx, f"cost.driver.{b.driver}", b.driver),
                    _millions(b.npv_low_jpy),
                    _millions(b.npv_high_jpy),
                    b.low,
                    b.high,
                )
                for b in cost.tornado
            ],
            _millions(cost.npv_delta_jpy),
            tornado_text,
            low_label=ctx.t("report.chart.low"),
            high_label=ctx.t("report.chart.high"),
            base_label=ctx.t("report.chart.base"),
        )
        figures.append(Figure(chart, tornado_text))
    return figures


def _tables(ctx: ReportContext) -> list[Table]:
    cost = ctx.assessment.cost
    c = "report.cost."
    jpy = ColumnKind.jpy
    years = Table(
        ctx.t(c + "years"),
        [
            Column(ctx.t(c + "col_year")),
            Column(ctx.t(c + "col_baseline"), jpy, key="baseline", total=True),
            Column(ctx.t(c + "col_plan"), jpy, key="plan", total=True),
            Column(ctx.t(c + "col_delta"), jpy, key="delta", formula="{baseline}-{plan}", total=True),
            Column(ctx.t(c + "col_cumulative"), jpy, key="cumulative", formula="{cumulative@prev}+{delta}"),
            Column(ctx.t(c + "col_write_off"), jpy, total=True),
        ],
        [
            [
                format_fiscal_year(y.year, ctx.lang),
                y.baseline_jpy,
                y.plan_jpy,
                y.delta_jpy,
                y.cumulative_delta_jpy,
                y.write_off_jpy,
            ]
            for y in cost.years
        ],
        sheet=ctx.t("report.sheet.cost_years"),
        total_label=ctx.t("report.total"),
    )
    totals = cost.lines.totals_by_category()
    by_category = Table(
        ctx.t(c + "by_category"),
        [
            Column(ctx.t(c + "col_category")),
            Column(ctx.t(c + "col_baseline"), jpy, key="baseline", total=True),
            Column(ctx.t(c + "col_plan"), jpy, key="plan", total=True),
            Column(ctx.t(c + "col_delta"), jpy, formula="{baseline}-{plan}", total=True),
        ],
        [
            [_text_or_key(ctx, f"cost.category.{k}", k), v["baseline"], v["plan"], v["baseline"] - v["plan"]]
            for k, v in sorted(totals.items())
        ],
        sheet=ctx.t("report.sheet.cost_categories"),
        total_label=ctx.t("report.total"),
    )
    waves = Table(
        ctx.t(c + "waves"),
        [
            Column(ctx.t(c + "col_wave"), ColumnKind.int),
            Column(ctx.t(c + "col_cutover"), ColumnKind.date),
            Column(ctx.t(c + "col_systems"), ColumnKind.int, total=True),
            Column(ctx.t(c + "col_one_time"), jpy, total=True),
            Column(ctx.t(c + "col_write_off"), jpy, total=True),
            Column(ctx.t(c + "col_refresh_cutover"), ColumnKind.date),
            Column(ctx.t(c + "col_refresh_npv"), jpy),
            Column(ctx.t(c + "col_refresh_write_off"), jpy),
        ],
        [
            [
                w.index,
                w.cutover,
                len(w.systems),
                w.one_time_jpy,
                w.write_off_jpy,
                w.refresh_cutover,
                w.refresh_npv_delta_jpy,
                w.refresh_write_off_jpy,
            ]
            for w in cost.waves
        ],
        sheet=ctx.t("report.sheet.cost_waves"),
        total_label=ctx.t("report.total"),
    )
    sensitivity = Table(
        ctx.t(c + "sensitivity"),
        [
            Column(ctx.t(c + "col_driver")),
            Column(ctx.t(c + "col_low")),
            Column(ctx.t(c + "col_high")),
            Column(ctx.t(c + "col_npv_low"), jpy, key="npv_low"),
            Column(ctx.t(c + "col_npv_high"), jpy, key="npv_high"),
            Column(ctx.t(c + "col_swing"), jpy, formula="ABS({npv_high}-{npv_low})"),
        ],
        [
            [
                _text_or_key(ctx, f"cost.driver.{b.driver}", b.driver),
                b.low,
                b.high,
                b.npv_low_jpy,
                b.npv_high_jpy,
                b.swing,
            ]
            for b in sorted(cost.tornado, key=lambda b: (-b.swing, b.driver))
        ],
        sheet=ctx.t("report.sheet.sensitivity"),
    )
    gaps = Table(
        ctx.t(c + "gaps"),
        [Column(ctx.t(c + "col_subject")), Column(ctx.t(c + "col_gap"))],
        [[_subject(ctx, g.subject), _text_or_key(ctx, f"cost.gap.{g.key}", g.key)] for g in cost.gaps],
        sheet=ctx.t("report.sheet.cost_gaps"),
    )
    return [years, by_category, waves, sensitivity, gaps]


def build(ctx: ReportContext) -> Section:
    cost = ctx.assessment.cost
    c = "report.cost."
    stranded = sum(w.write_off_jpy for w in cost.waves)
    catalog = ctx.t(
        c + "catalog",
        id=cost.catalog.id,
        provider=cost.catalog.provider,
        region=cost.catalog.region,
        as_of=format_date(cost.catalog.as_of, ctx.lang),
        first=cost.first_year,
        last=cost.first_year + cost.horizon_years - 1,
        rate=format_pct(cost.discount_rate),
    )
    stranded_text = (
        ctx.t(c + "stranded", amount=format_jpy(stranded, ctx.lang)) if stranded else ctx.t(c + "no_stranded")
    )
    figures = _charts(ctx)
    tables = _tables(ctx)
    gaps = tables[-1]
    gaps_text = ctx.t(c + "gaps_count", count=len(gaps.rows)) if gaps.rows else ctx.t(c + "no_gaps")
    return Section(
        "cost",
        ctx.t(c + "title"),
        [
            Paragraph(cost.sentence(ctx.lang)),
            Paragraph(stranded_text),
            Paragraph(catalog),
            *figures[:2],
            TablePart(tables[0]),
            *figures[2:],
            *[TablePart(t) for t in tables[1:-1]],
            Paragraph(gaps_text),
        ],
        sheets_only=(gaps,),
    )
