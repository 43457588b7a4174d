"""The summary: two printed pages a hospital director reads first. The headline figures, then in four parts what the
plan costs, how exposed the hospital is (in words beside the number: its band), what to do first (the remediation
plan's first steps, hardening beside moving), and what the figures rest on (with what is not known). A verdict the
inventory cannot support (no systems, servers or connections: the notes above say which) is left out, never 0."""

from __future__ import annotations

from collections import Counter

from hismigrate.model.completeness import findings_known, has_cost_case, missing_parts
from hismigrate.model.exposure import Severity
from hismigrate.report.formats import (
    MISSING,
    format_date,
    format_fiscal_year,
    format_jpy,
    format_number,
    format_pct,
    format_signed_jpy,
)
from hismigrate.report.notes import note_text
from hismigrate.report.sections.context import ReportContext
from hismigrate.report.sections.findings import check_groups
from hismigrate.report.sections.model import (
    Bullets,
    Heading,
    KeyFigure,
    KeyFigures,
    Notice,
    Paragraph,
    Section,
    Steps,
    TablePart,
)
from hismigrate.report.sections.remediation import (
    band_word,
    coverage_line,
    exposure_figure,
    options_sentence,
    plan_steps,
)
from hismigrate.report.sections.saving import cost_sentence, driver_name, period
from hismigrate.report.tables import Column, ColumnKind, Table, Typed

S = "report.summary."
SEVERITIES = tuple(s.value for s in Severity)
FIRST_STEPS = 3  # the checks to act on first, before the first wave
TOP_PATHS = 3


def _join(ctx: ReportContext, items: list[str]) -> str:
    return ctx.t("phrase.list_separator").join(items)


def key_figures(ctx: ReportContext) -> list[KeyFigure]:
    a, lang = ctx.assessment, ctx.lang
    s, cost = a.summary, a.cost
    by = s.findings_by_severity
    waves_detail = (
        ctx.t(
            S + "waves_detail",
            moving=s.systems_moving,
            first=format_date(a.waves[0].cutover, lang),
            last=format_date(a.waves[-1].cutover, lang),
        )
        if a.waves
        else ctx.t(S + "no_waves_short")
    )
    break_even = format_fiscal_year(s.break_even_year, lang) if s.break_even_year else ctx.t(S + "no_break_even")
    urgent = f"{by.get('critical', 0)} / {by.get('high', 0)}"
    waves, npv = str(s.waves), format_signed_jpy(s.npv_saving_jpy, lang)
    if not findings_known(s.notes, by):
        urgent = MISSING  # nothing was there to check: not "no findings"
    if not has_cost_case(s.notes):  # no plan and no cost case to give: not "0" and "the same cost"
        waves = npv = break_even = MISSING
    return [
        exposure_figure(ctx),
        KeyFigure(ctx.t(S + "urgent"), urgent, ctx.t(S + "urgent_detail", total=len(a.findings))),
        KeyFigure(ctx.t(S + "waves"), waves, waves_detail),
        KeyFigure(ctx.t(S + "npv"), npv, ctx.t(S + "npv_detail", period=period(ctx, cost))),
        KeyFigure(
            ctx.t(S + "break_even"),
            break_even,
            ctx.t(S + "break_even_detail", rate=format_pct(cost.discount_rate)),
            words=not s.break_even_year,
        ),
    ]


def _incomplete(ctx: ReportContext) -> bool:
    return bool(missing_parts(ctx.assessment.summary.notes))


def _cost_table(ctx: ReportContext) -> Table:
    cost, lang = ctx.assessment.cost, ctx.lang
    baseline = sum(y.baseline_jpy for y in cost.years)
    plan = sum(y.plan_jpy for y in cost.years)
    rows: list[list[object]] = [
        [ctx.t(S + "cost_baseline"), Typed(baseline, ColumnKind.money)],
        [ctx.t(S + "cost_plan"), Typed(plan, ColumnKind.money)],
        [ctx.t(S + "cost_one_time"), Typed(sum(w.one_time_jpy for w in cost.waves), ColumnKind.money)],
        [ctx.t(S + "cost_saving"), Typed(cost.total_saving_jpy, ColumnKind.money)],
        [ctx.t(S + "cost_write_off"), Typed(sum(w.write_off_jpy for w in cost.waves), ColumnKind.money)],
        [
            ctx.t(S + "cost_estimates"),
            ctx.t(
                S + "cost_estimates_value",
                amount=format_jpy(cost.estimates.plan_jpy, lang),
                share=format_pct(cost.estimates.share),
            ),
        ],
    ]
    if cost.tornado:
        top = max(cost.tornado, key=lambda b: (b.swing, b.driver))
        low, high = sorted((top.npv_saving_low_jpy, top.npv_saving_high_jpy))
        rows.append(
            [
                ctx.t(S + "cost_driver"),
                ctx.t(
                    S + "cost_driver_value",
                    driver=driver_name(ctx, top.driver),
                    low=format_signed_jpy(low, lang),
                    high=format_signed_jpy(high, lang),
                ),
            ]
        )
    return Table(
        ctx.t(S + "cost_table"),
        [Column(ctx.t(S + "item")), Column(ctx.t(S + "value"))],
        rows,
    )


def _has(key: str, lang: str) -> bool:
    from hismigrate import i18n

    return i18n.has(key, lang)


def risk_sentence(ctx: ReportContext) -> str:
    s = ctx.assessment.summary
    now, after = format_number(s.exposure_index_now, 1), format_number(s.exposure_index_after, 1)
    paths = [p for p in ctx.assessment.attack_paths if p.rank == 1]
    if not paths:
        return ctx.t(S + "no_risk", now=now, after=after)
    # The headline is the most critical system's path, then the most likely; a tie goes to the id, so it is stable.
    worst = min(paths, key=lambda p: (p.criticality, -p.likelihood, p.system))
    return ctx.t(
        S + "risk",
        entry=ctx.node_name(worst.entry),
        system=ctx.system_name(worst.system),
        pct=format_pct(worst.likelihood, 0),
        now=now,
        after=after,
    )


def _paths_table(ctx: ReportContext) -> Table | None:
    best = [p for p in ctx.assessment.attack_paths if p.rank == 1]  # one line a system: its most likely path
    paths = sorted(best, key=lambda p: (p.criticality, -p.likelihood, p.system))[:TOP_PATHS]
    if not paths:
        return None
    return Table(
        ctx.t(S + "paths_table"),
        [
            Column(ctx.t(S + "col_target")),
            Column(ctx.t(S + "col_entry")),
            Column(ctx.t(S + "col_likelihood"), ColumnKind.pct),
        ],
        [[ctx.system_name(p.system), ctx.node_name(p.entry), round(p.likelihood, 2)] for p in paths],
    )


def first_steps(ctx: ReportContext) -> list[tuple[str, str]]:
    """The first things to do: the remediation plan's first steps (the fixes that remove the most risk, step 1
    first), or the worst checks when the plan has none; then the first wave."""
    a = ctx.assessment
    steps = plan_steps(ctx, FIRST_STEPS) or [
        (
            ctx.t(S + "step_title", severity=ctx.t(f"report.severity.{g.severity}"), title=g.title, count=g.count),
            g.remediation,
        )
        for g in check_groups(ctx, a.findings)[:FIRST_STEPS]
    ]
    if a.waves:
        first = a.waves[0]
        steps.append(
            (
                ctx.t(S + "step_wave", date=format_date(first.cutover, ctx.lang)),
                ctx.t(S + "step_wave_text", systems=_join(ctx, [ctx.system_name(s) for s in first.systems])),
            )
        )
    else:
        steps.append((ctx.t(S + "no_waves_short"), ctx.t(S + "no_waves")))
    return steps


def rests_on(ctx: ReportContext) -> list[str]:
    """What the figures rest on, and what is not known (counted, never taken as safe)."""
    a, lang = ctx.assessment, ctx.lang
    cost, n = a.cost, a.counts
    out = [
        ctx.t(
            S + "basis_inventory",
            servers=n.servers,
            systems=n.systems,
            connections=n.connections,
            flows=n.flows,
            date=format_date(a.as_of, lang),
        )
    ]
    out.append(coverage_line(ctx))
    gap_checks = len({g.check_id for g in a.gaps})
    out.append(ctx.t(S + "basis_gaps", count=len(a.gaps), checks=gap_checks) if a.gaps else ctx.t(S + "basis_no_gaps"))
    if cost.gaps:
        out.append(_cost_gaps(ctx))
    out.append(_manual(ctx))
    out.append(
        ctx.t(
            S + "basis_prices",
            catalog=cost.catalog.id,
            date=format_date(cost.catalog.as_of, lang),
            rate=format_pct(cost.discount_rate),
            first=format_fiscal_year(cost.first_year, lang),
            last=format_fiscal_year(cost.first_year + cost.horizon_years - 1, lang),
        )
    )
    out.append(ctx.t(S + "basis_data", kev=a.sources.kev, likelihoods=a.sources.likelihoods, os=a.sources.os_lifecycle))
    return out


def _cost_gaps(ctx: ReportContext) -> str:
    """How many cost facts are missing, of which kinds, what rests on the values assumed in their place, and how
    many are not counted at all."""
    cost, lang = ctx.assessment.cost, ctx.lang
    by_key = Counter(g.key for g in cost.gaps.each())
    kinds = _join(
        ctx,
        [
            ctx.t(S + "basis_cost_gap", what=ctx.t(f"cost.gap.{k}") if _has(f"cost.gap.{k}", lang) else k, count=c)
            for k, c in sorted(by_key.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
    )
    text = ctx.t(S + "basis_cost_gaps", count=len(cost.gaps), kinds=kinds)
    assumed = [g for g in cost.gaps.each() if g.reference]
    if assumed:
        baseline, plan = sum(g.baseline_jpy for g in assumed), sum(g.plan_jpy for g in assumed)
        text += ctx.t(S + "basis_cost_assumed", baseline=format_jpy(baseline, lang), plan=format_jpy(plan, lang))
    uncounted = len(cost.gaps) - len(assumed)
    return text + (ctx.t(S + "basis_cost_uncounted", count=uncounted) if uncounted else "")


def _manual(ctx: ReportContext) -> str:
    """The estimates the plan's cost rests on, by name, and their share of it."""
    cost, lang = ctx.assessment.cost, ctx.lang
    estimates = cost.estimates
    kinds = {it.id: it.kind for it in cost.items_used}
    names = [ctx.t(S + "estimate_item", kind=ctx.t(f"cost.kind.{kinds[i]}"), id=i) for i in estimates.items]
    names += [ctx.t(S + "estimate_table", id=table) for table in estimates.tables]
    if estimates.settings:
        strategies = _join(ctx, [ctx.label_of("Strategy", s) for s in estimates.settings])
        names.append(ctx.t(S + "estimate_one_time", strategies=strategies, path="cost.one_time"))
    if not names:
        return ctx.t(S + "basis_no_manual")
    return ctx.t(
        S + "basis_manual",
        amount=format_jpy(estimates.plan_jpy, lang),
        share=format_pct(estimates.share),
        items=_join(ctx, names),
    )


def _figures_sheet(ctx: ReportContext, figures: list[KeyFigure]) -> Table:
    """The summary as a sheet: every figure a number with its format, then the sentences."""
    a = ctx.assessment
    s, cost = a.summary, a.cost
    num = ColumnKind.decimal
    rows: list[list[object]] = [
        *[[ctx.t("note.title"), note_text(n, ctx.lang)] for n in s.notes],
        [ctx.t(S + "sheet_exposure_now"), Typed(s.exposure_index_now, num)],
        [ctx.t(S + "sheet_exposure_after"), Typed(s.exposure_index_after, num)],
        [ctx.t(S + "sheet_band_now"), band_word(ctx, s.exposure_band_now)],
        [ctx.t(S + "sheet_band_after"), band_word(ctx, s.exposure_band_after)],
        [ctx.t(S + "sheet_coverage"), Typed(s.coverage, ColumnKind.pct)],
        *[
            [
                ctx.t(S + "sheet_findings", severity=ctx.t(f"report.severity.{sev}")),
                Typed(s.findings_by_severity.get(sev, 0), ColumnKind.int),
            ]
            for sev in SEVERITIES
        ],
        [ctx.t(S + "sheet_gaps"), Typed(len(a.gaps), ColumnKind.int)],
        [ctx.t(S + "waves"), Typed(s.waves, ColumnKind.int)],
        [ctx.t(S + "sheet_moving"), Typed(s.systems_moving, ColumnKind.int)],
        [ctx.t(S + "sheet_staying"), Typed(s.systems_staying, ColumnKind.int)],
        [ctx.t(S + "sheet_npv"), Typed(s.npv_saving_jpy, ColumnKind.money)],
        [
            ctx.t(S + "sheet_break_even"),
            Typed(s.break_even_year, ColumnKind.int) if s.break_even_year else ctx.t(S + "no_break_even"),
        ],
        [ctx.t(S + "sheet_discount_rate"), Typed(cost.discount_rate, ColumnKind.pct)],
        *[[row[0], row[1]] for row in _cost_table(ctx).rows],
        [ctx.t(S + "cost_heading"), cost_sentence(ctx)],
        [ctx.t(S + "exposure_heading"), risk_sentence(ctx)],
        *[[ctx.t(S + "exposure_heading"), x] for x in [options_sentence(ctx)] if x],
        *[[ctx.t(S + "steps_heading"), f"{title} {text}"] for title, text in first_steps(ctx)],
        *[[ctx.t(S + "basis_heading"), line] for line in rests_on(ctx)],
    ]
    return Table(
        ctx.t(S + "title"),
        [Column(ctx.t(S + "item")), Column(ctx.t(S + "value"))],
        rows,
        sheet=ctx.t("report.sheet.summary"),
    )


def build(ctx: ReportContext) -> Section:
    figures = key_figures(ctx)
    notes = [note_text(n, ctx.lang) for n in ctx.assessment.summary.notes]
    parts: list = [
        # What the figures could not rest on comes before them (model/completeness.py).
        *([Notice(ctx.t("note.title"), notes)] if notes else []),
        KeyFigures(figures),
    ]
    if has_cost_case(ctx.assessment.summary.notes):
        parts += [
            Heading(ctx.t(S + "cost_heading")),
            Paragraph(cost_sentence(ctx)),
            TablePart(_cost_table(ctx), sheet=False),
        ]
    if not _incomplete(ctx):  # no band, no path, no plan the notes above rule out
        parts += [Heading(ctx.t(S + "exposure_heading")), Paragraph(risk_sentence(ctx))]
        paths = _paths_table(ctx)
        if paths is not None:
            parts.append(TablePart(paths, sheet=False))
        options = options_sentence(ctx)
        if options:
            parts.append(Paragraph(options))
        parts += [Heading(ctx.t(S + "steps_heading")), Steps(first_steps(ctx))]
    parts += [Heading(ctx.t(S + "basis_heading")), Bullets(rests_on(ctx))]
    return Section("summary", ctx.t(S + "title"), parts, sheets_only=(_figures_sheet(ctx, figures),))
