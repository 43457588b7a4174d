"""The result of a cost run (pydantic, JSON-able): year by year baseline and plan, NPV, break-even, per-wave
one-time costs and write-offs, the sensitivity tornado, and every catalog item and setting used."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import ConfigDict, Field

from hismigrate.model.frozen import Frozen
from hismigrate.model.prices import PriceItem


# A slotted dataclass rather than a model: a 60,000-server estate has over a million lines (a model each would take
# three times the memory); pydantic validates, serialises and describes it all the same.
@dataclass(frozen=True, slots=True, kw_only=True)
class CostLine:
    """One subject's cost of one category under one scenario, year by year over the horizon."""

    __pydantic_config__ = ConfigDict(extra="forbid")

    scenario: Literal["baseline", "plan"]
    category: Annotated[
        str, Field(description="hardware_refresh, maintenance, power, cloud_compute, connectivity, ...")
    ]
    subject: Annotated[str, Field(description="Server, system, connection, shared cost or catalog item it belongs to.")]
    cash: Annotated[bool, Field(description="False for the write-off of book value (not a cash outflow).")] = True
    amounts_jpy: Annotated[
        tuple[int, ...],
        Field(
            description="JPY per fiscal year, one per year of the horizon from first_year (each rounded to the yen)."
        ),
    ]
    basis: Annotated[tuple[str, ...], Field(description="Settings, catalog items and inventory fields it comes from.")]


_FIELDS = ("scenario", "category", "subject", "cash", "amounts_jpy", "basis")
_new_line = object.__new__
_set_scenario, _set_category, _set_subject, _set_cash, _set_amounts, _set_basis = (
    CostLine.__dict__[name].__set__ for name in _FIELDS
)


def cost_line(
    scenario: str, category: str, subject: str, cash: bool, amounts_jpy: tuple[int, ...], basis: tuple[str, ...]
) -> CostLine:
    """`CostLine(scenario=..., ...)`, the same object in well under half the time (a full run makes a million):
    its slots are set directly, as the generated `__init__` sets them (it checks nothing)."""
    line = _new_line(CostLine)
    _set_scenario(line, scenario)
    _set_category(line, category)
    _set_subject(line, subject)
    _set_cash(line, cash)
    _set_amounts(line, amounts_jpy)
    _set_basis(line, basis)
    return line


class YearLine(NamedTuple):
    """One year of a cost line (a convenience view, not serialised)."""

    year: int
    scenario: str
    category: str
    subject: str
    amount_jpy: int
    cash: bool
    basis: tuple[str, ...]


class YearCost(Frozen):
    year: int
    baseline_jpy: int = Field(description="Cash cost if everything stays on premises.")
    plan_jpy: int = Field(description="Cash cost under the plan (on premises, cloud, one-time, minus subsidies).")
    delta_jpy: int = Field(description="Baseline minus plan: positive when the plan saves money that year.")
    cumulative_delta_jpy: int
    write_off_jpy: int = Field(description="Book value written off that year (non-cash, not in the delta).")


class WaveCost(Frozen):
    index: int
    cutover: date
    systems: tuple[str, ...]
    one_time_jpy: int = Field(description="One-time cost of the wave's systems, before subsidies.")
    write_off_jpy: int = Field(description="Book value of the wave's assets written off at cutover.")
    refresh_cutover: date | None = Field(
        description="Refresh date of one of the wave's assets at which cutting over strands the least book value."
    )
    refresh_npv_delta_jpy: int | None = Field(description="NPV of the plan's delta if this wave cut over then.")
    refresh_write_off_jpy: int | None = Field(description="Total write-off of the plan if this wave cut over then.")


class TornadoBar(Frozen):
    driver: str = Field(description="What is varied (i18n key cost.driver.<driver>).")
    low: str = Field(description="Low value, as shown.")
    high: str = Field(description="High value, as shown.")
    npv_low_jpy: int
    npv_high_jpy: int

    @property
    def swing(self) -> int:
        return abs(self.npv_high_jpy - self.npv_low_jpy)


class CatalogRef(Frozen):
    id: str
    provider: str
    region: str
    as_of: date
    merged_from: tuple[str, ...] = ()


class Gap(Frozen):
    subject: str
    key: str = Field(description="i18n key cost.gap.<key>: a figure missing from the inventory.")


class CostResult(Frozen):
    as_of: date
    catalog: CatalogRef
    first_year: int
    horizon_years: int
    discount_rate: float
    years: tuple[YearCost, ...]
    lines: tuple[CostLine, ...]
    waves: tuple[WaveCost, ...]
    npv_delta_jpy: int = Field(description="NPV of the yearly deltas (first year undiscounted).")
    total_delta_jpy: int
    break_even_year: int | None = Field(description="First year from which the cumulative delta stays >= 0.")
    verdict: Literal["saves", "costs", "neutral"]
    tornado: tuple[TornadoBar, ...] = ()
    gaps: tuple[Gap, ...] = ()
    items_used: tuple[PriceItem, ...] = Field(description="Catalog items that some line is based on.")
    settings_used: dict[str, Any] = Field(description="Every cost setting, flattened (`cost.power.pue`: 1.8).")
    setting_sources: dict[str, str] = Field(description="Where each default comes from.")

    def per_year(self) -> Iterator[YearLine]:
        """Every line's non-zero yearly amounts, year by year."""
        for line in self.lines:
            for k, amount in enumerate(line.amounts_jpy):
                if amount:
                    yield YearLine(
                        self.first_year + k, line.scenario, line.category, line.subject, amount, line.cash, line.basis
                    )

    def sentence(self, lang: str = "ja") -> str:
        """A plain sentence saying whether the plan saves or costs money over the horizon."""
        from hismigrate.i18n import t

        amount = f"{abs(self.npv_delta_jpy) / 1_000_000:,.1f}"
        first, last = self.first_year, self.first_year + self.horizon_years - 1
        text = t(
            f"cost.verdict.{self.verdict}",
            lang,
            amount=amount,
            first=first,
            last=last,
            rate=f"{self.discount_rate:.1%}",
        )
        if self.verdict == "neutral":
            return text
        if self.break_even_year is not None:
            return text + t("cost.verdict.break_even", lang, year=self.break_even_year)
        return text + t("cost.verdict.no_break_even", lang)
