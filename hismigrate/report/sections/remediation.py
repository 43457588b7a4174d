"""What the summary, findings and plan sections say about the exposure band, the remediation plan, hardening beside
moving and the residual on-prem exposure: sentences, compact tables for reading and detail tables for the
workbook. Built from the Assessment only."""

from __future__ import annotations

from hismigrate.model.exposure import Band
from hismigrate.model.remediation import RemediationStep
from hismigrate.report.formats import format_date, format_jpy, format_number, format_pct, format_signed_jpy
from hismigrate.report.sections.context import ReportContext
from hismigrate.report.sections.model import KeyFigure
from hismigrate.report.tables import Column, ColumnKind, Table

R = "report.remediation."
SUBJECTS_NAMED = 2


def band_word(ctx: ReportContext, band: Band | None) -> str:
    return ctx.t(f"report.band.{band.value if band is not None else 'none'}")


def exposure_figure(ctx: ReportContext) -> KeyFigure:
    """The index now with its band in words beside the number; under it, the index after the plan with its band and
    the data coverage."""
    s = ctx.assessment.summary
    name = ctx.t("report.summary.exposure")
    coverage = ctx.t("report.coverage_note", pct=format_pct(s.coverage, 0))
    separator = ctx.t("phrase.fact_separator")
    if s.exposure_band_now is None:
        return KeyFigure(
            name, ctx.t("report.incomplete.value"), separator.join([ctx.t("report.incomplete.note"), coverage])
        )
    value = ctx.t(
        "report.exposure_value", index=format_number(s.exposure_index_now, 1), band=band_word(ctx, s.exposure_band_now)
    )
    after = ctx.t(
        "report.exposure_after",
        index=format_number(s.exposure_index_after, 1),
        band=band_word(ctx, s.exposure_band_after),
    )
    return KeyFigure(name, value, separator.join([after, coverage]))


def coverage_line(ctx: ReportContext) -> str:
    """What the exposure figures rest on: the share of the facts stated, and the facts most often missing."""
    cov = ctx.assessment.coverage
    top = sorted(cov.missing.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    missing = ctx.t("phrase.list_separator").join(
        ctx.t("report.coverage_missing_item", fact=_fact_name(ctx, fact), count=n) for fact, n in top
    )
    key = "report.coverage_line" if top else "report.coverage_line_full"
    return ctx.t(key, pct=format_pct(cov.share, 0), known=cov.known, total=cov.total, missing=missing)


def _fact_name(ctx: ReportContext, fact: str) -> str:
    """`servers.protection` as the inventory's field label (`fields.<part>.<field>`), else as written."""
    from hismigrate import i18n

    part, _, field = fact.partition(".")
    key = f"field.{part}.{'os_version' if field == 'os' else field}"  # the OS counts as known with its version
    return ctx.t(key) if i18n.has(key, ctx.lang) else fact


def plan_steps(ctx: ReportContext, count: int) -> list[tuple[str, str]]:
    """The remediation plan's first risk steps as the summary lists them: the fix, then what it covers, what it
    does to the index and its rough first-year cost."""
    plan = ctx.assessment.remediation
    before = plan.exposure_index_before
    out = []
    for step in [s for s in plan.steps if s.purpose == "risk"][:count]:
        text = ctx.t(
            "report.summary.plan_step_text",
            subjects=subjects_text(ctx, step.subjects),
            before=format_number(before, 1),
            after=format_number(step.exposure_index_after, 1),
            band=band_word(ctx, step.exposure_band_after),
            cost=format_jpy(step.cost_jpy, ctx.lang),
        )
        out.append((ctx.t("report.summary.plan_step_title", title=measure(ctx, step)), text))
        before = step.exposure_index_after
    return out


def subjects_text(ctx: ReportContext, subjects: tuple[str, ...]) -> str:
    named = [ctx.node_name(x) for x in subjects[:SUBJECTS_NAMED]]
    if len(subjects) > SUBJECTS_NAMED:
        named.append(ctx.t("report.summary.plan_step_more", count=len(subjects) - SUBJECTS_NAMED))
    return ctx.t("phrase.list_separator").join(named)


def options_sentence(ctx: ReportContext) -> str | None:
    """Hardening beside moving, in one sentence; None when the assessment could not compare them."""
    alt = ctx.assessment.alternatives
    if alt is None:
        return None

    def against(saving: int) -> str:
        """Against doing nothing, as the cost sentences say it: more or less by how much, and the signed saving."""
        verdict = "less" if saving > 0 else "more" if saving < 0 else "same"
        return ctx.t(
            f"report.summary.options_{verdict}",
            amount=format_jpy(abs(saving), ctx.lang),
            saving=format_signed_jpy(saving, ctx.lang),
        )

    return ctx.t(
        "report.summary.options",
        steps=alt.hardened.steps,
        hardened=format_number(alt.hardened.exposure_index, 1),
        hardened_band=band_word(ctx, alt.hardened.exposure_band),
        years=alt.horizon_years,
        hardened_cost=against(alt.hardened.saving_jpy),
        migrated=format_number(alt.migrated.exposure_index, 1),
        migrated_band=band_word(ctx, alt.migrated.exposure_band),
        migrated_cost=against(alt.migrated.saving_jpy),
    )


def measure(ctx: ReportContext, step: RemediationStep) -> str:
    """The step as an action (`report.fix.<check>`)."""
    return ctx.t(f"report.fix.{step.check}")


def plan_intro(ctx: ReportContext) -> str:
    plan = ctx.assessment.remediation
    if not plan.steps:
        return ctx.t(R + "none")
    return ctx.t(R + "intro", catalog=plan.catalog, as_of=format_date(plan.catalog_as_of, ctx.lang))


def plan_table(ctx: ReportContext) -> Table:
    """One row a step: the fix, how much it covers, the index and band after it, the first-year and yearly cost."""
    rows = []
    for step in ctx.assessment.remediation.steps:
        critical = (
            f"{ctx.system_name(step.critical_system_after)} {format_pct(step.critical_likelihood_after, 0)}"
            if step.critical_system_after
            else None
        )
        rows.append(
            [
                step.rank,
                measure(ctx, step) + ("" if step.purpose == "risk" else f" ({ctx.t(R + 'purpose_damage')})"),
                len(step.subjects),
                step.exposure_index_after,
                band_word(ctx, step.exposure_band_after),
                critical,
                step.cost_jpy,
                step.yearly_jpy,
            ]
        )
    return Table(
        ctx.t(R + "table"),
        [
            Column(ctx.t(R + "col_rank"), ColumnKind.int),
            Column(ctx.t(R + "col_measure")),
            Column(ctx.t(R + "col_subjects"), ColumnKind.int),
            Column(ctx.t(R + "col_after"), ColumnKind.decimal),
            Column(ctx.t(R + "col_band")),
            Column(ctx.t(R + "col_critical")),
            Column(ctx.t(R + "col_cost"), ColumnKind.money),
            Column(ctx.t(R + "col_yearly"), ColumnKind.money),
        ],
        rows,
        sheet=ctx.t("report.sheet.remediation"),
    )


def plan_detail(ctx: ReportContext) -> Table:
    """For the workbook: every subject of every step, with the step's cost basis and checklist items."""
    rows = []
    for step in ctx.assessment.remediation.steps:
        cost = step.cost
        for subject in step.subjects:
            rows.append(
                [
                    step.rank,
                    step.check,
                    measure(ctx, step),
                    ctx.subject(subject),
                    ctx.t(R + ("purpose_risk" if step.purpose == "risk" else "purpose_damage")),
                    step.risk_removed,
                    ", ".join(step.checklist_items),
                    ctx.t(f"report.cost_item.{cost.item}"),
                    cost.units,
                    ctx.t(R + "manual") if cost.manual else None,
                    cost.basis,
                ]
            )
    return Table(
        ctx.t(R + "detail"),
        [
            Column(ctx.t(R + "col_rank"), ColumnKind.int),
            Column(ctx.t(R + "col_check")),
            Column(ctx.t(R + "col_measure")),
            Column(ctx.t(R + "col_subject")),
            Column(ctx.t(R + "col_band")),
            Column(ctx.t(R + "col_removed"), ColumnKind.decimal),
            Column(ctx.t(R + "col_items")),
            Column(ctx.t("report.calibration.col_item")),
            Column(ctx.t(R + "col_units"), ColumnKind.int),
            Column(ctx.t(R + "col_manual")),
            Column(ctx.t(R + "col_basis")),
        ],
        rows,
        sheet=ctx.t("report.sheet.remediation_subjects"),
    )


def alternatives_table(ctx: ReportContext) -> Table | None:
    alt = ctx.assessment.alternatives
    if alt is None:
        return None
    a = "report.alternatives."
    state = alt.migrated.state
    state_name = ctx.t("report.state.wave", index=state.removeprefix("wave ")) if state.startswith("wave ") else state
    options = [
        (ctx.t(a + "before"), alt.before),
        (ctx.t(a + "hardened"), alt.hardened),
        (ctx.t(a + "migrated", state=state_name), alt.migrated),
    ]
    return Table(
        ctx.t(a + "table"),
        [
            Column(ctx.t(a + "col_option")),
            Column(ctx.t(a + "col_index"), ColumnKind.decimal),
            Column(ctx.t(a + "col_band")),
            Column(ctx.t(a + "col_cost"), ColumnKind.money),
            Column(ctx.t(a + "col_saving"), ColumnKind.money),
            Column(ctx.t(a + "col_steps"), ColumnKind.int),
        ],
        [
            [name, o.exposure_index, band_word(ctx, o.exposure_band), o.cost_jpy, o.saving_jpy, o.steps]
            for name, o in options
        ],
        sheet=ctx.t("report.sheet.hardening"),
    )


def alternatives_intro(ctx: ReportContext) -> list[str]:
    alt = ctx.assessment.alternatives
    if alt is None:
        return []
    out = [ctx.t("report.alternatives.intro", years=alt.horizon_years, first=alt.first_year)]
    if not alt.reaches_below_high:
        out.append(ctx.t("report.alternatives.not_below_high"))
    return out


def residual_table(ctx: ReportContext) -> Table:
    r = "report.residual."
    return Table(
        ctx.t(r + "table"),
        [
            Column(ctx.t(r + "col_system")),
            Column(ctx.t(r + "col_likelihood"), ColumnKind.pct),
            Column(ctx.t(r + "col_findings")),
        ],
        [
            [
                ctx.system_name(x.system),
                x.likelihood,
                ", ".join(f"{check} ×{n}" for check, n in x.findings.items()) or ctx.t("report.none_found"),
            ]
            for x in ctx.assessment.residual
        ],
        sheet=ctx.t("report.sheet.residual"),
    )
