"""The group's summary: six figures, the sentences a board acts on (what sharing costs or saves, for whom it costs
more, when each member moves, what one event stops, the supply-chain finding, what protects care and what it
costs, what the figures rest on), and the members side by side."""

from __future__ import annotations

from hismigrate.model.group_plan import MemberCutover
from hismigrate.report.formats import format_signed_jpy
from hismigrate.report.group.context import GroupReportContext
from hismigrate.report.sections.model import KeyFigure, KeyFigures, Paragraph, Section, TablePart
from hismigrate.report.sections.saving import span, verdict_sentence
from hismigrate.report.tables import Column, ColumnKind, Table, Typed

OUTAGES = ("region_down", "hub_line_cut")


def _main(ctx: GroupReportContext, member: str) -> MemberCutover | None:
    timeline = next((t for t in ctx.result.plan.members if t.member == member), None)
    return next((c for c in timeline.cutovers if c.main), None) if timeline else None


def key_figures(ctx: GroupReportContext) -> list[KeyFigure]:
    r = ctx.result
    plan, cost = r.plan, r.cost
    first = plan.waves[0].cutover if plan.waves else None
    last = plan.waves[-1].cutover if plan.waves else None
    # the region is shared alone too: what the group adds is what one line, one member or one vendor stops at once
    concentrated = [s for s in r.blast.states[-1].scenarios if s.scenario != "region_down"]
    worst = max((s.group.beds for s in concentrated), default=0)
    alone = max((s.alone.beds for s in concentrated), default=0)
    members = ctx.t("group.report.summary.members_value", members=r.group.members, beds=r.group.beds)
    waves = ctx.t(
        "group.report.summary.waves_value", waves=len(plan.waves), first=ctx.month(first), last=ctx.month(last)
    )
    return [
        KeyFigure(ctx.t("group.report.summary.members"), members),
        KeyFigure(ctx.t("group.report.summary.waves"), waves, words=True),  # the dates wrap, not clipped
        KeyFigure(
            ctx.t("group.report.summary.npv"),
            format_signed_jpy(cost.npv_saving_jpy, ctx.lang),
            ctx.t("group.report.summary.npv_detail", period=span(ctx, cost.first_year, cost.horizon_years)),
        ),
        KeyFigure(ctx.t("group.report.summary.dearer"), f"{len(cost.dearer)} / {r.group.members}"),
        KeyFigure(
            ctx.t("group.report.summary.blast"), ctx.t("group.report.summary.blast_value", beds=worst, alone=alone)
        ),
    ]


def _cost_sentence(ctx: GroupReportContext) -> str:
    """As the hospital's: more or less than each member going alone, by how much in NPV, with the signed saving."""
    cost = ctx.result.cost
    horizon = span(ctx, cost.first_year, cost.horizon_years)
    return verdict_sentence(
        ctx,
        "group.report.summary.cost",
        cost.verdict,
        cost.npv_saving_jpy,
        cost.discount_rate,
        horizon,
        cost.break_even_year,
    )


def _with_saving(ctx: GroupReportContext, member: str, npv_saving: int) -> str:
    return ctx.t(
        "group.report.summary.member_saving", member=ctx.name(member), saving=format_signed_jpy(npv_saving, ctx.lang)
    )


def _renewed(ctx: GroupReportContext, member: str) -> bool:
    """Whether a contract of the member's package systems runs out before its cutover (renewed in the cost case)."""
    main = _main(ctx, member)
    return main is not None and any(n.key == "renew_before" for n in main.notes)


def _dearer_sentence(ctx: GroupReportContext) -> str:
    cost = ctx.result.cost
    if not cost.dearer:
        return ctx.t("group.report.summary.none_dearer")
    by = {m.member: m for m in cost.members}
    worst = sorted(cost.dearer, key=lambda m: (by[m].npv_saving_jpy, m))
    text = ctx.t(
        "group.report.summary.dearer_sentence",
        count=len(worst),
        members=ctx.some(_with_saving(ctx, m, by[m].npv_saving_jpy) for m in worst),
    )
    renewed = [m for m in worst if _renewed(ctx, m)]
    if renewed:
        text += ctx.t("group.report.summary.dearer_renew", count=len(renewed))
    if len(renewed) < len(worst):
        text += ctx.t("group.report.summary.dearer_share", count=len(worst) - len(renewed))
    saving = sorted((m for m in cost.members if m.verdict == "saves"), key=lambda m: (-m.npv_saving_jpy, m.member))
    if saving:
        text += ctx.t(
            "group.report.summary.saving_sentence",
            count=len(saving),
            members=ctx.some(_with_saving(ctx, m.member, m.npv_saving_jpy) for m in saving),
        )
    return text


def _plan_sentence(ctx: GroupReportContext) -> str:
    plan = ctx.result.plan
    if not plan.waves:
        return ctx.t("group.report.summary.no_waves")
    text = ctx.t(
        "group.report.summary.plan",
        start=ctx.month(plan.build_start),
        ready=ctx.month(plan.environment_ready),
        waves=len(plan.waves),
        first=ctx.month(plan.waves[0].cutover),
        last=ctx.month(plan.waves[-1].cutover),
        cap=plan.cutovers_per_period,
        months=plan.period_months,
    )
    late = []
    for timeline in plan.members:
        main = _main(ctx, timeline.member)
        if main is None:
            continue
        waiting = [n for n in main.notes if n.key in ("contract", "customised", "no_fhir")]
        if main.cutover > plan.waves[0].cutover and waiting:
            late.append(
                ctx.t(
                    "group.report.summary.late_one",
                    member=ctx.name(timeline.member),
                    date=ctx.month(main.cutover),
                    why=ctx.reason(waiting[0]),
                )
            )
    if late:
        text += ctx.t("group.report.summary.late", members=ctx.some(late, 3))
    staying: dict[str, list[str]] = {}
    for t in plan.members:
        for s in t.staying:
            staying.setdefault(ctx.system(t.member, s), []).append(ctx.name(t.member))
    if staying:
        text += ctx.t(
            "group.report.summary.staying",
            systems=ctx.some(f"{system} ({ctx.some(names, 2)})" for system, names in staying.items()),
        )
    return text


def _blast_sentence(ctx: GroupReportContext) -> str:
    last = ctx.result.blast.states[-1]
    outage = max((s for s in last.scenarios if s.scenario in OUTAGES), key=lambda s: (s.group.beds, s.scenario))
    hub = next(s for s in last.scenarios if s.scenario == "hub_line_cut")
    return ctx.t(
        "group.report.summary.blast_sentence",
        day=ctx.month(last.day),
        members=outage.group.care_stops,
        beds=outage.group.beds,
        alone_beds=hub.alone.beds,
    )


def _supply_sentence(ctx: GroupReportContext) -> str | None:
    findings = [f for f in ctx.result.blast.supply_chain if f.kind != "appliance" or f.known_exploited]
    if not findings:
        return None
    top = findings[0]
    key = "group.report.summary.supply_exploited" if top.known_exploited else "group.report.summary.supply"
    return ctx.t(key, name=top.name, kind=ctx.t(f"group.supply.{top.kind}"), members=len(top.members))


def _mitigation_sentence(ctx: GroupReportContext) -> str | None:
    found = [m for m in ctx.result.blast.mitigations if set(m.scenarios) & set(OUTAGES)]
    if not found:
        return None
    cheapest = min(found, key=lambda m: (m.jpy_per_year + m.one_time_jpy / 5, m.key))
    return ctx.t(
        "group.report.summary.mitigation",
        name=ctx.t(f"group.mitigation.{cheapest.key}"),
        yearly=ctx.jpy(cheapest.jpy_per_year),
        one_time=ctx.jpy(cheapest.one_time_jpy),
        effect=ctx.effect(cheapest.effect),
    )


def _rests_on(ctx: GroupReportContext) -> str:
    manual = [c for c in ctx.result.cost.components if c.manual]
    names = ctx.join(ctx.t(f"group.component.{c.id}") for c in manual)
    return ctx.t(
        "group.report.summary.rests_on",
        components=names or ctx.t("group.report.none"),
        catalog=ctx.result.sources.price_catalog,
    )


def sentences(ctx: GroupReportContext) -> list[str]:
    said = [_cost_sentence(ctx), _dearer_sentence(ctx), _plan_sentence(ctx), _blast_sentence(ctx)]
    said += [s for s in (_supply_sentence(ctx), _mitigation_sentence(ctx)) if s]
    return [*said, _rests_on(ctx)]


def members_table(ctx: GroupReportContext) -> Table:
    """The members side by side, as the board reads them: size, share, when, and whether sharing pays."""
    c = "group.report.members."
    by = {m.member: m for m in ctx.result.cost.members}
    rows = []
    for m in ctx.result.members:
        cost = by[m.id]
        main = _main(ctx, m.id)
        rows.append(
            [
                m.name,
                m.beds,
                m.share,
                main.cutover if main else None,
                cost.npv_saving_jpy,
                ctx.t(f"group.verdict.{cost.verdict}"),
            ]
        )
    return Table(
        ctx.t(c + "table"),
        [
            Column(ctx.t(c + "col_member")),
            Column(ctx.t(c + "col_beds"), ColumnKind.int),
            Column(ctx.t(c + "col_share"), ColumnKind.pct),
            Column(ctx.t(c + "col_cutover"), ColumnKind.date),
            Column(ctx.t("group.report.cost.col_sharing"), ColumnKind.jpy),
            Column(ctx.t(c + "col_verdict")),
        ],
        rows,
        note=ctx.t(c + "note"),
    )


def build(ctx: GroupReportContext) -> Section:
    figures = key_figures(ctx)
    said = sentences(ctx)
    # the workbook's figures are numbers, the saving every yen of it, as the hospital's summary sheet gives it
    npv = [ctx.t("group.report.summary.sheet_npv"), Typed(ctx.result.cost.npv_saving_jpy, ColumnKind.money)]
    rows = [npv if f.name == ctx.t("group.report.summary.npv") else [f.name, f.value] for f in figures]
    sheet = Table(
        ctx.t("group.report.summary.title"),
        [Column(ctx.t("group.report.summary.item")), Column(ctx.t("group.report.summary.value"))],
        [*rows, *[[ctx.t("group.report.summary.sentences"), s] for s in said]],
        sheet=ctx.t("group.sheet.summary"),
    )
    return Section(
        "summary",
        ctx.t("group.report.summary.title"),
        [KeyFigures(figures), *[Paragraph(s) for s in said], TablePart(members_table(ctx), sheet=False)],
        sheets_only=(sheet,),
    )


__all__ = ["build", "key_figures", "members_table", "sentences"]
