"""Cost figures in words, with one sign everywhere: a saving is baseline minus plan, plus when the plan costs less and
minus when it costs more (hismigrate.model.cost.SIGN). The summary's card and sentence, the cost section's charts,
tables and tornado all say so with the same words (`report.saving.*`)."""

from __future__ import annotations

from typing import Any, Protocol

from hismigrate import i18n
from hismigrate.model.cost import CostResult, TornadoBar
from hismigrate.report.formats import (
    format_decimal,
    format_fiscal_year,
    format_jpy,
    format_number,
    format_pct,
    format_signed_jpy,
)
from hismigrate.report.sections.context import ReportContext

W = "report.saving."


class Speaks(Protocol):
    """What a sentence needs of a report's context (the hospital's or the group's): its language and catalog."""

    lang: str

    def t(self, key: str, **params: Any) -> str: ...


def span(ctx: Speaks, first_year: int, horizon_years: int) -> str:
    """The horizon's fiscal years: `2026年度〜2035年度`, `FY2026 to FY2035`."""
    last = first_year + horizon_years - 1
    return ctx.t(W + "period", first=format_fiscal_year(first_year, ctx.lang), last=format_fiscal_year(last, ctx.lang))


def period(ctx: ReportContext, cost: CostResult) -> str:
    return span(ctx, cost.first_year, cost.horizon_years)


def verdict_sentence(
    ctx: Speaks, key: str, verdict: str, npv_saving: int, rate: float, horizon: str, break_even_year: int | None
) -> str:
    """`<key>_<verdict>`: more or less than the baseline by how much in NPV (`amount`), with the signed saving
    (`saving`), the discount rate and the horizon (`period`); then when it pays back, unless it is neutral."""
    params = {
        "period": horizon,
        "amount": format_jpy(abs(npv_saving), ctx.lang),
        "saving": format_signed_jpy(npv_saving, ctx.lang),
        "rate": format_pct(rate),
    }
    text = ctx.t(f"{key}_{verdict}", **params)
    if verdict == "neutral":
        return text
    if break_even_year is not None:
        return text + ctx.t(W + "break_even", year=format_fiscal_year(break_even_year, ctx.lang))
    return text + ctx.t(W + "no_break_even")


def cost_sentence(ctx: ReportContext) -> str:
    """Whether the plan costs more or less than staying, by how much in NPV, with the signed saving."""
    cost = ctx.assessment.cost
    return verdict_sentence(
        ctx,
        W + "sentence",
        cost.verdict,
        cost.npv_saving_jpy,
        cost.discount_rate,
        period(ctx, cost),
        cost.break_even_year,
    )


def driver_name(ctx: ReportContext, driver: str) -> str:
    key = f"cost.driver.{driver}"
    return ctx.t(key) if i18n.has(key, ctx.lang) else driver


def driver_value(ctx: ReportContext, bar: TornadoBar, value: float) -> str:
    """A driver's low or high value in the report's language: 139円/ドル, -20%, 0.5倍, 5%, 5年."""
    if bar.unit == "change":
        change = round((value - 1) * 100)
        return f"{'+' if change > 0 else ''}{change}%"
    if bar.unit == "share":
        return format_pct(value, 0)
    number = format_number(value) if float(value).is_integer() else format_decimal(value)
    return ctx.t(W + f"unit_{bar.unit}", value=number)
