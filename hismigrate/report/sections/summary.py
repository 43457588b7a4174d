"""The executive summary: the five figures, the findings chart and three sentences a hospital director can act on."""

from __future__ import annotations

from hismigrate.model.completeness import missing_parts
from hismigrate.model.exposure import Severity
from hismigrate.report.charts.severity_bars import SeverityCount, severity_bars
from hismigrate.report.charts.svg import ChartText
from hismigrate.report.formats import (
    MISSING,
    format_date,
    format_fiscal_year,
    format_jpy,
    format_number,
    format_pct,
)
from hismigrate.report.notes import note_text
from hismigrate.report.sections.context import ReportContext
from hismigrate.report.sections.model import Figure, KeyFigure, KeyFigures, Notice, Paragraph, Part, Section
from hismigrate.report.sections.remediation import exposure_figure, first_step, options_sentence
from hismigrate.report.tables import Column, Table

SEVERITIES = tuple(s.value for s in Severity)


def key_figures(ctx: ReportContext) -> list[KeyFigure]:
    s, lang = ctx.assessment.summary, ctx.lang
    by_severity = " / ".join(str(s.findings_by_severity.get(sev, 0)) for sev in SEVERITIES)
    npv = format_jpy(s.npv_delta_jpy, lang)
    if s.npv_delta_jpy > 0:
        npv = "+" + npv
    break_even = (
        format_fiscal_year(s.break_even_year, lang) if s.break_even_year else ctx.t("report.summary.no_break_even")
    )
    waves = str(s.waves)
    if missing_parts(s.notes) and not any(s.findings_by_severity.values()):
        by_severity = MISSING  # nothing was there to check: not "no findings"
    if not _has_cost_case(ctx):  # no plan and no cost case to give: not "0" and "the same cost"
        waves = npv = break_even = MISSING
    return [
        exposure_figure(ctx),
        KeyFigure(ctx.t("report.summary.findings"), by_severity),
        KeyFigure(ctx.t("report.summary.waves"), waves),
        KeyFigure(ctx.t("report.summary.npv"), npv),
        KeyFigure(ctx.t("report.summary.break_even"), break_even),
    ]


def _has_cost_case(ctx: ReportContext) -> bool:
    """A plan and a cost case rest on the systems and the servers they run on."""
    return not {"systems", "servers"} & set(missing_parts(ctx.assessment.summary.notes))


def _risk_sentence(ctx: ReportContext) -> str:
    s = ctx.assessment.summary
    now, after = format_number(s.exposure_index_now, 1), format_number(s.exposure_index_after, 1)
    paths = [p for p in ctx.assessment.attack_paths if p.rank == 1]
    if not paths:
        return ctx.t("report.summary.no_risk", now=now, after=after)
    # The headline is the most critical system's path, then the most likely; a tie goes to the id, so it is stable.
    worst = min(paths, key=lambda p: (p.criticality, -p.likelihood, p.system))
    return ctx.t(
        "report.summary.risk",
        entry=ctx.node_name(worst.entry),
        system=ctx.system_name(worst.system),
        pct=format_pct(worst.likelihood, 0),
        now=now,
        after=after,
    )


def _first_step(ctx: ReportContext) -> str:
    a = ctx.assessment
    parts = [first_step(ctx)]
    if a.waves:
        first = a.waves[0]
        names = "、".join if ctx.lang == "ja" else ", ".join
        parts.append(
            ctx.t(
                "report.summary.first_wave",
                date=format_date(first.cutover, ctx.lang),
                systems=names(ctx.system_name(s) for s in first.systems),
            )
        )
    else:
        parts.append(ctx.t("report.summary.no_waves"))
    return " ".join(parts) if ctx.lang == "en" else "".join(parts)


def sentences(ctx: ReportContext) -> list[str]:
    """The cost, the biggest risk, the first step, and hardening beside moving. A verdict the inventory cannot
    support is left out (the notes before the figures say why), not given as 0 or "the same cost"."""
    if missing_parts(ctx.assessment.summary.notes):
        return [ctx.assessment.cost.sentence(ctx.lang)] if _has_cost_case(ctx) else []
    out = [ctx.assessment.cost.sentence(ctx.lang), _risk_sentence(ctx), _first_step(ctx)]
    options = options_sentence(ctx)
    return [*out, options] if options else out


def build(ctx: ReportContext) -> Section:
    a = ctx.assessment
    h = a.hospital
    facts = ctx.t(
        "report.hospital_facts",
        beds=h.beds,
        bed_class=h.bed_class,
        type=ctx.label(h.type),
        prefecture=ctx.label(h.prefecture),
        founder=ctx.label(h.founder),
    )
    figures = key_figures(ctx)
    said = sentences(ctx)
    notes = [note_text(n, ctx.lang) for n in a.summary.notes]
    # What the figures could not rest on comes before them (model/completeness.py).
    notice: list[Part] = [Notice(ctx.t("note.title"), notes)] if notes else []
    chart_text = ChartText(
        ctx.t("report.summary.severity_chart"),
        ctx.t("report.summary.severity_caption"),
        ctx.t("report.summary.severity_unit"),
    )
    chart = severity_bars(
        [
            SeverityCount(sev, ctx.t(f"report.severity.{sev}"), a.summary.findings_by_severity.get(sev, 0))
            for sev in SEVERITIES
        ],
        chart_text,
    )
    table = Table(
        ctx.t("report.summary.title"),
        [Column(ctx.t("report.summary.item")), Column(ctx.t("report.summary.value"))],
        [
            *[[ctx.t("note.title"), n] for n in notes],
            [ctx.t("report.summary.facts"), f"{h.name} ({facts})"],
            *[[f.name, f"{f.value} ({f.note})" if f.note else f.value] for f in figures],
            *[[ctx.t("report.summary.sentences"), s] for s in said],
        ],
        sheet=ctx.t("report.summary.title"),
    )
    return Section(
        "summary",
        ctx.t("report.summary.title"),
        [
            *notice,
            KeyFigures(figures),
            *[Paragraph(s) for s in said],
            # a chart of no findings where nothing could be checked would read as "nothing wrong"
            *([Figure(chart, chart_text)] if figures[1].value != MISSING else []),
        ],
        sheets_only=(table,),
    )
