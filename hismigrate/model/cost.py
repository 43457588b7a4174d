"""The result of a cost run (pydantic, JSON-able): year by year baseline and plan, NPV, break-even, per-wave
one-time costs and write-offs, the sensitivity tornado, and every catalog item and setting used."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Literal, NamedTuple

from pydantic import Field

from hismigrate.model.columns import IntColumn, IntRows
from hismigrate.model.frozen import Frozen
from hismigrate.model.prices import PriceItem


class CostLine(NamedTuple):
    """One subject's cost of one category under one scenario, year by year over the horizon (a view of one line
    of `CostLines`, not serialised)."""

    scenario: str
    category: str
    subject: str
    cash: bool
    amounts_jpy: tuple[int, ...]
    basis: tuple[str, ...]


SCENARIOS = ("baseline", "plan")
SettingValue = str | int | float | bool | None


class CostLines(Frozen):
    """Every cost line, column-wise: line k is scenario `scenario[k]`, category `categories[category[k]]`, subject
    `subjects[subject[k]]`, amounts `amounts_jpy[k]` and basis `bases[basis[k]]` (whose references are
    `references[...]`); it is a cash outflow when its category is (`category_cash[category[k]]`). Texts are stored
    once; the lines are sorted by scenario, category and subject."""

    categories: tuple[str, ...] = Field(
        description="Cost categories the lines name (hardware_refresh, maintenance, power, cloud_compute, ...)."
    )
    subjects: tuple[str, ...] = Field(
        description="Servers, systems, connections, shared costs, catalog items and one-time items the lines name."
    )
    references: tuple[str, ...] = Field(
        description="Every basis reference: `setting:<path>`, `catalog:<item id>` or `inventory:<part>.<id>.<field>`."
    )
    category_cash: tuple[bool, ...] = Field(
        description="Per category (as in categories): false for the write-off of book value (not a cash outflow)."
    )
    bases: tuple[tuple[int, ...], ...] = Field(
        description="Each distinct basis once: the indices of its references, in the references' text order."
    )
    scenario: IntColumn = Field(description="Per line: 0 baseline (everything stays on premises), 1 plan.")
    category: IntColumn = Field(description="Per line: index into categories.")
    subject: IntColumn = Field(description="Per line: index into subjects.")
    basis: IntColumn = Field(description="Per line: index into bases (what its amounts are computed from).")
    amounts_jpy: IntRows = Field(
        description="Per line: JPY per fiscal year, one per year of the horizon from first_year (each rounded to the yen)."
    )

    def __len__(self) -> int:
        return len(self.scenario)

    def line(self, k: int) -> CostLine:
        """Line k as one object."""
        return CostLine(
            SCENARIOS[int(self.scenario.at(k))],  # type: ignore[call-overload]
            self.categories[int(self.category.at(k))],  # type: ignore[call-overload]
            self.subjects[int(self.subject.at(k))],  # type: ignore[call-overload]
            self.category_cash[int(self.category.at(k))],  # type: ignore[call-overload]
            tuple(self.amounts_jpy.at(k)),  # type: ignore[arg-type]
            self.basis_refs(int(self.basis.at(k))),  # type: ignore[call-overload]
        )

    def each(self) -> Iterator[CostLine]:
        """Every line, in order."""
        return (self.line(k) for k in range(len(self)))

    def cash(self) -> list[bool]:
        """Per line: whether it is a cash outflow (its category's flag)."""
        return [self.category_cash[c] for c in self.category.tolist()]  # type: ignore[call-overload]

    def basis_refs(self, basis: int) -> tuple[str, ...]:
        """The references of basis number `basis`."""
        return tuple(self.references[r] for r in self.bases[basis])

    def totals_by_category(self, cash_only: bool = False) -> dict[str, dict[str, int]]:
        """Per category and scenario, the sum of the lines' amounts over the horizon (write-offs included unless
        `cash_only`)."""
        out: dict[str, dict[str, int]] = {}
        lines = zip(
            self.amounts_jpy.row_sums(), self.category.tolist(), self.scenario.tolist(), self.cash(), strict=True
        )
        for total, category, scenario, cash in lines:
            if cash_only and not cash:
                continue
            found = out.setdefault(self.categories[category], dict.fromkeys(SCENARIOS, 0))  # type: ignore[call-overload]
            found[SCENARIOS[scenario]] += total  # type: ignore[call-overload]
        return out


class YearLine(NamedTuple):
    """One year of a cost line (a convenience view, not serialised)."""

    year: int
    scenario: str
    category: str
    subject: str
    amount_jpy: int
    cash: bool
    basis: tuple[str, ...]


SIGN = "saving = baseline - plan: positive when the plan costs less, negative when it costs more"
"""The one sign convention of every cost difference (fields named `*saving*`), in every view."""

Verdict = Literal["saves", "costs", "neutral"]


def verdict_of(saving_jpy: int) -> Verdict:
    """What a saving says in a word: the option saves (positive), costs (negative) or is neutral (zero)."""
    return "saves" if saving_jpy > 0 else "costs" if saving_jpy < 0 else "neutral"


class YearCost(Frozen):
    year: int = Field(description="Fiscal year (April to March).")
    baseline_jpy: int = Field(description="Cash cost if everything stays on premises.")
    plan_jpy: int = Field(description="Cash cost under the plan (on premises, cloud, one-time, minus subsidies).")
    saving_jpy: int = Field(description=f"Baseline minus plan that year ({SIGN}).")
    cumulative_saving_jpy: int = Field(description="Sum of saving_jpy from the first year to this one.")
    write_off_jpy: int = Field(description="Book value written off that year (non-cash, not in the saving).")


class WaveCost(Frozen):
    index: int = Field(description="Wave number, from 1.")
    cutover: date = Field(description="Date the wave's systems leave the premises.")
    systems: tuple[str, ...] = Field(description="The wave's systems, by id.")
    one_time_jpy: int = Field(description="One-time cost of the wave's systems, before subsidies.")
    write_off_jpy: int = Field(description="Book value of the wave's own assets written off at its cutover.")
    refresh_cutover: date | None = Field(
        description="The alternative: a refresh date of one of the wave's assets at which cutting this wave over"
        " strands the least book value over the whole plan."
    )
    plan_npv_saving_at_refresh_jpy: int | None = Field(
        description=f"The whole plan's NPV saving if this wave cut over at refresh_cutover instead ({SIGN})."
    )
    plan_write_off_at_refresh_jpy: int | None = Field(
        description="The whole plan's write-off (every wave's) if this wave cut over at refresh_cutover instead."
    )


DriverUnit = Literal["jpy_per_usd", "change", "factor", "share", "years"]


class TornadoBar(Frozen):
    driver: str = Field(description="What is varied (i18n key cost.driver.<driver>).")
    unit: DriverUnit = Field(
        description="How the low and high values read: JPY per USD, a change of prices (0.8: -20%), a factor (x2), a"
        " share (0.05: 5%), years."
    )
    low: float = Field(description="The driver's low value.")
    high: float = Field(description="The driver's high value.")
    npv_saving_low_jpy: int = Field(description=f"NPV saving of the plan with the driver at its low value ({SIGN}).")
    npv_saving_high_jpy: int = Field(description="NPV saving of the plan with the driver at its high value.")

    @property
    def swing(self) -> int:
        return abs(self.npv_saving_high_jpy - self.npv_saving_low_jpy)


class Estimates(Frozen):
    """What of the plan's cost rests on estimates rather than on the inventory, a published price or the user's
    quotes: catalog items marked manual, the shipped table of typical hardware prices, and the shipped one-time work
    per strategy."""

    items: tuple[str, ...] = Field(description="Catalog items marked manual that some line of the plan uses.")
    tables: tuple[str, ...] = Field(description="Shipped tables of estimates some line of the plan uses.")
    settings: tuple[str, ...] = Field(
        default=(),
        description="Strategies whose one-time work (cost.one_time.by_strategy.<strategy>) some line of the plan uses"
        " at its shipped, estimated values (not replaced by the user's settings).",
    )
    plan_jpy: int = Field(
        description="The plan's cash cost over the horizon in lines resting on one of them (a line counts whole)."
    )
    share: float = Field(description="plan_jpy over the plan's whole cash cost over the horizon.")


class CatalogRef(Frozen):
    id: str = Field(description="The price catalog's id.")
    provider: str = Field(description="Cloud provider the catalog prices (aws, azure, gcp).")
    region: str = Field(description="Provider region of the prices.")
    as_of: date = Field(description="Date the prices were captured.")
    merged_from: tuple[str, ...] = Field(default=(), description="Catalogs merged into it (a user's file on top).")


class Gap(NamedTuple):
    """A fact the inventory does not give: either nothing is counted for it, or a value is assumed in its place (an
    inferred date, an estimate from a shipped table), and the gap says what rests on that value (one of `CostGaps`,
    not serialised)."""

    subject: str
    key: str
    assumed: str | None
    reference: str | None
    baseline_jpy: int
    plan_jpy: int


class CostGaps(Frozen):
    """Figures the inventory does not give, column-wise: gap k is of subject `subject[k]`, kind `keys[key[k]]`, with
    `assumed[k]` assumed in its place under basis reference `reference[k]`, and the sums over the horizon of the
    baseline's and plan's lines resting on that assumption."""

    keys: tuple[str, ...] = Field(default=(), description="i18n keys cost.gap.<key>: the kinds of missing figure.")
    subject: tuple[str, ...] = Field(default=(), description="Per gap: the server or system whose figure is missing.")
    key: IntColumn = Field(default=IntColumn(()), description="Per gap: index into keys.")
    assumed: tuple[str | None, ...] = Field(
        default=(),
        description="Per gap: what was assumed in its place (a date, a table entry's id); null when nothing was.",
    )
    reference: tuple[str | None, ...] = Field(
        default=(), description="Per gap: the basis reference of the assumed value (the lines naming it rest on it)."
    )
    baseline_jpy: IntColumn = Field(
        default=IntColumn(()), description="Per gap: sum over the horizon of the baseline's lines resting on it."
    )
    plan_jpy: IntColumn = Field(
        default=IntColumn(()), description="Per gap: sum over the horizon of the plan's lines resting on it."
    )

    @classmethod
    def of(cls, gaps: Iterable[Gap]) -> CostGaps:
        """Column-wise, from gaps one by one (their kinds in order of first appearance)."""
        rows = list(gaps)
        keys = tuple(dict.fromkeys(g.key for g in rows))
        return cls(
            keys=keys,
            subject=tuple(g.subject for g in rows),
            key=IntColumn(tuple(keys.index(g.key) for g in rows)),
            assumed=tuple(g.assumed for g in rows),
            reference=tuple(g.reference for g in rows),
            baseline_jpy=IntColumn(tuple(g.baseline_jpy for g in rows)),
            plan_jpy=IntColumn(tuple(g.plan_jpy for g in rows)),
        )

    def __len__(self) -> int:
        return len(self.subject)

    def each(self) -> Iterator[Gap]:
        """Every gap, in order."""
        columns = (self.key.tolist(), self.assumed, self.reference, self.baseline_jpy.tolist(), self.plan_jpy.tolist())
        for subject, key, assumed, reference, baseline, plan in zip(self.subject, *columns, strict=True):
            yield Gap(subject, self.keys[key], assumed, reference, baseline, plan)


class CostResult(Frozen):
    as_of: date = Field(description="Date of the assessment; the horizon starts in its fiscal year.")
    catalog: CatalogRef = Field(description="The price catalog the cloud costs come from.")
    first_year: int = Field(description="First fiscal year of the horizon.")
    horizon_years: int = Field(description="Number of fiscal years costed.")
    discount_rate: float = Field(description="Rate the NPV discounts each later year by.")
    years: tuple[YearCost, ...] = Field(description="Baseline, plan, saving and write-off per fiscal year.")
    lines: CostLines = Field(description="Every cost line (subject, category, scenario) with its basis, column-wise.")
    waves: tuple[WaveCost, ...] = Field(description="Per wave: one-time cost, write-off and the refresh-date option.")
    npv_saving_jpy: int = Field(description=f"NPV of the yearly savings, the first year undiscounted ({SIGN}).")
    total_saving_jpy: int = Field(description="Sum of the yearly savings (undiscounted).")
    break_even_year: int | None = Field(description="First year from which the cumulative saving stays >= 0.")
    verdict: Verdict = Field(description="Sign of the NPV: the plan saves or costs.")
    tornado: tuple[TornadoBar, ...] = Field(
        default=(), description="Sensitivity of the NPV saving, widest swing first (drivers with an effect)."
    )
    no_effect: tuple[str, ...] = Field(
        default=(), description="Drivers left out of the tornado: the NPV saving is the same at both ends."
    )
    estimates: Estimates = Field(description="What of the plan's cost rests on estimates.")
    gaps: CostGaps = Field(
        default=CostGaps(), description="Figures missing from the inventory that weaken the costs, column-wise."
    )
    items_used: tuple[PriceItem, ...] = Field(description="Catalog items that some line is based on.")
    settings_used: dict[str, SettingValue] = Field(description="Every cost setting, flattened (`cost.power.pue`: 1.8).")
    setting_sources: dict[str, str] = Field(description="Where each default comes from.")

    def per_year(self) -> Iterator[YearLine]:
        """Every line's non-zero yearly amounts, year by year."""
        for line in self.lines.each():
            for k, amount in enumerate(line.amounts_jpy):
                if amount:
                    yield YearLine(
                        self.first_year + k, line.scenario, line.category, line.subject, amount, line.cash, line.basis
                    )
