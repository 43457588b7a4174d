"""Costs: the sentence, yearly baseline against plan, the cumulative difference, the tornado, stranded book value,
the catalog and its date, and what could not be costed."""

from __future__ import annotations

from hismigrate import i18n
from hismigrate.report.charts.bars_by_year import BarSeries, bars_by_year
from hismigrate.report.charts.cumulative import cumulative_line
from hismigrate.report.charts.svg import ChartText
from hismigrate.report.charts.tornado import TornadoBar, tornado
from hismigrate.report.formats import format_date, format_fiscal_year, format_jpy, format_pct, format_signed_jpy
from hismigrate.report.sections.context import MILLION, ReportContext
from hismigrate.report.sections.model import Figure, Paragraph, Section, TablePart
from hismigrate.report.sections.saving import cost_sentence, driver_name, driver_value
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
    # The cumulative saving (baseline minus plan), shaded below zero where the plan costs more.
    cumulative_text = ChartText(ctx.t(c + "cumulative"), ctx.t(c + "cumulative_caption"), unit, axis)
    marker = next((i for i, y in enumerate(cost.years) if y.year == cost.break_even_year), None)
    cumulative = cumulative_line(
        years,
        [_millions(y.cumulative_saving_jpy) for y in cost.years],
        cumulative_text,
        marker=marker,
        marker_label=ctx.t("report.chart.break_even"),
        saving_positive=True,
    )
    figures = [Figure(bars, bars_text), Figure(cumulative, cumulative_text)]
    if cost.tornado:
        tornado_text = ChartText(ctx.t(c + "tornado"), ctx.t(c + "tornado_caption"), unit)
        chart = tornado(
            [
                TornadoBar(
                    driver_name(ctx, b.driver),
                    _millions(b.npv_saving_low_jpy),
                    _millions(b.npv_saving_high_jpy),
                    driver_value(ctx, b, b.low),
                    driver_value(ctx, b, b.high),
                )
                for b in cost.tornado
            ],
            _millions(cost.npv_saving_jpy),
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
            Column(ctx.t(c + "col_delta"), jpy, key="saving", formula="{baseline}-{plan}", total=True),
            Column(ctx.t(c + "col_cumulative"), jpy, key="cumulative", formula="{cumulative@prev}+{saving}"),
            Column(ctx.t(c + "col_write_off"), jpy, total=True),
        ],
        [
            [
                format_fiscal_year(y.year, ctx.lang),
                y.baseline_jpy,
                y.plan_jpy,
                y.saving_jpy,
                y.cumulative_saving_jpy,
                y.write_off_jpy,
            ]
            for y in cost.years
        ],
        sheet=ctx.t("report.sheet.cost_years"),
        total_label=ctx.t("report.total"),
    )
    totals = cost.lines.totals_by_category(cash_only=True)  # as the year rows: the saving is cash
    written = sum(y.write_off_jpy for y in cost.years)
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
        note=ctx.t(c + "by_category_note", write_off=format_jpy(written, ctx.lang)) if written else "",
        total_label=ctx.t("report.total"),
    )
    # the plan as it is, in the option columns' own terms (every yen, as they show it)
    plan_now = (
        format_jpy(sum(w.write_off_jpy for w in cost.waves), ctx.lang, exact=True),
        format_signed_jpy(cost.npv_saving_jpy, ctx.lang, exact=True),
    )
    waves = Table(
        ctx.t(c + "waves"),
        [
            Column(ctx.t(c + "col_wave"), ColumnKind.int),
            Column(ctx.t(c + "col_cutover"), ColumnKind.date),
            Column(ctx.t(c + "col_systems"), ColumnKind.int, total=True),
            Column(ctx.t(c + "col_one_time"), jpy, total=True),
            Column(ctx.t(c + "col_wave_write_off"), jpy, total=True),
            Column(ctx.t(c + "col_refresh_cutover"), ColumnKind.date),
            Column(ctx.t(c + "col_refresh_write_off"), jpy),
            Column(ctx.t(c + "col_refresh_npv"), jpy),
        ],
        [
            [
                w.index,
                w.cutover,
                len(w.systems),
                w.one_time_jpy,
                w.write_off_jpy,
                w.refresh_cutover,
                w.plan_write_off_at_refresh_jpy,
                w.plan_npv_saving_at_refresh_jpy,
            ]
            for w in cost.waves
        ],
        sheet=ctx.t("report.sheet.cost_waves"),
        note=ctx.t(c + "waves_note", write_off=plan_now[0], npv=plan_now[1]),
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
                driver_name(ctx, b.driver),
                driver_value(ctx, b, b.low),
                driver_value(ctx, b, b.high),
                b.npv_saving_low_jpy,
                b.npv_saving_high_jpy,
                b.swing,
            ]
            for b in sorted(cost.tornado, key=lambda b: (-b.swing, b.driver))
        ],
        sheet=ctx.t("report.sheet.sensitivity"),
        note=no_effect(ctx),
    )
    gaps = Table(
        ctx.t(c + "gaps"),
        [
            Column(ctx.t(c + "col_subject")),
            Column(ctx.t(c + "col_gap")),
            Column(ctx.t(c + "col_assumed"), ColumnKind.code),
            Column(ctx.t(c + "col_rests_baseline"), jpy, total=True),
            Column(ctx.t(c + "col_rests_plan"), jpy, total=True),
        ],
        [
            [
                _subject(ctx, g.subject),
                _text_or_key(ctx, f"cost.gap.{g.key}", g.key),
                g.assumed,
                g.baseline_jpy if g.reference else None,
                g.plan_jpy if g.reference else None,
            ]
            for g in cost.gaps.each()
        ],
        sheet=ctx.t("report.sheet.cost_gaps"),
        total_label=ctx.t("report.total") if cost.gaps else "",
    )
    return [years, by_category, waves, sensitivity, gaps]


def no_effect(ctx: ReportContext) -> str:
    """The one line naming the drivers left out of the tornado (none: empty)."""
    cost = ctx.assessment.cost
    if not cost.no_effect:
        return ""
    names = ctx.t("phrase.list_separator").join(driver_name(ctx, d) for d in cost.no_effect)
    return ctx.t("report.cost.no_effect", drivers=names)


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
    assumed = [g for g in cost.gaps.each() if g.reference]
    gaps_text = (
        ctx.t(
            c + "gaps_count",
            count=len(gaps.rows),
            baseline=format_jpy(sum(g.baseline_jpy for g in assumed), ctx.lang),
            plan=format_jpy(sum(g.plan_jpy for g in assumed), ctx.lang),
        )
        if gaps.rows
        else ctx.t(c + "no_gaps")
    )
    return Section(
        "cost",
        ctx.t(c + "title"),
        [
            Paragraph(cost_sentence(ctx)),
            Paragraph(ctx.t("report.saving.sign")),
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
