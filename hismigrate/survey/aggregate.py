"""The national aggregation of one survey year: SQL over the store (hismigrate/survey/queries.py) -> the survey's
tables, small cells suppressed, rows and columns from fixed lists.

The same code serves a store on disk (`survey aggregate --db`) and files read into a store in memory
(`survey aggregate FILES...`): there is one implementation of the tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hismigrate.i18n import label, t
from hismigrate.model.enums import HospitalType, SystemCategory
from hismigrate.model.submission import CHANGE_BAND_RANGE_PCT, CHANGE_BAND_WIDTH_PCT, BedClass, Region
from hismigrate.model.submission_codes import vocabulary
from hismigrate.survey import queries
from hismigrate.survey.rows import ADOPTION_ITEMS
from hismigrate.survey.table import SurveyTable, count_cell
from hismigrate.survey.tables_plans import TIMELINE_YEARS, PlanFigures, findings_table, timeline_table
from hismigrate.survey.tables_rates import labelled, rate_table
from hismigrate.survey.tables_spread import band_table, quartile_table
from hismigrate.survey.tables_years import (
    EXPOSURE_BAND_SQL,
    adoption_by_year,
    exposure_bands_by_year,
    planned_moves_by_year,
)

if TYPE_CHECKING:
    import duckdb

YEARS_BACK = 4
"""By default the year-over-year tables reach back at most this many survey years."""


@dataclass(frozen=True)
class SurveyResult:
    tables: tuple[SurveyTable, ...]
    min_cell: int
    year: int
    hospitals: int
    """Hospitals aggregated: said in the banner only when at least min_cell."""
    years: tuple[int, ...]
    """The survey years of the year-over-year tables (empty: none made)."""


def _item_label(item: str, lang: str) -> str:
    if item.startswith("dept_"):
        return label(SystemCategory(item.removeprefix("dept_")), lang)
    return t(f"survey.item.{item}", lang)


def cost_bands(lang: str) -> list[tuple[int, str]]:
    """Every cost change band of the schema, ascending, with its label (a minus sign, never a hyphen, before a
    negative edge: a label must not read as a formula in a spreadsheet)."""
    low, high = CHANGE_BAND_RANGE_PCT
    out = []
    for edge in range(low, high + 1, CHANGE_BAND_WIDTH_PCT):
        key = "survey.band.cost_change_top" if edge == high else "survey.band.cost_change"
        out.append((edge, t(key, lang, low=signed(edge), high=signed(edge + CHANGE_BAND_WIDTH_PCT))))
    return out


def signed(value: int) -> str:
    return f"\u2212{-value}" if value < 0 else str(value)


def default_since(years: Mapping[int, int], year: int, min_cell: int) -> int:
    """The first survey year of the year-over-year tables when none is asked for: the earliest of the last
    YEARS_BACK years before `year` that holds at least `min_cell` hospitals (a smaller year decides nothing), else
    `year` itself (no year-over-year tables)."""
    held = [y for y, n in years.items() if year - YEARS_BACK <= y < year and n >= min_cell]
    return min(held) if held else year


def aggregate(
    conn: duckdb.DuckDBPyConnection, *, year: int, lang: str, min_cell: int = 5, since: int | None = None
) -> SurveyResult:
    """Every table of survey year `year`; with `since` < `year` (or a store holding earlier years), the
    year-over-year tables from `since` to `year` too."""
    from hismigrate.survey.store import survey_years

    if since is None:
        since = default_since(survey_years(conn), year, min_cell)
    classes = labelled([c.value for c in BedClass], lambda v: t(f"survey.bed_class.{v}", lang))
    types = labelled([h.value for h in HospitalType], lambda v: label(HospitalType(v), lang))
    regions = labelled([r.value for r in Region], lambda v: t(f"survey.region.{v}", lang))
    adoption = [(item, _item_label(item, lang)) for item in ADOPTION_ITEMS]
    checklist = [(i, i) for i in vocabulary()["checklist_items"]]
    common = {"lang": lang, "min_cell": min_cell}
    sizes = {g: queries.group_sizes(conn, year, g) for g in queries.GROUPINGS}
    hospitals = queries.hospitals(conn, year)

    def rates(
        name: str, group: str, groups: list[tuple[str, str]], items: list[tuple[str, str]], **extra: int
    ) -> SurveyTable:
        counts = (queries.checklist_counts if name.startswith("checklist") else queries.adoption_counts)(
            conn, year, group
        )
        return rate_table(counts, sizes[group], name=name, groups=groups, items=items, **common, **extra)

    def spread(name: str, measures: tuple[str, ...], axis: tuple[float, float]) -> SurveyTable:
        by_measure = {
            m: {**queries.quartiles(conn, year, "bed_class", m), **queries.quartiles(conn, year, None, m)}
            for m in measures
        }
        return quartile_table(by_measure, sizes["bed_class"], name=name, groups=classes, axis=axis, **common)

    fiscal_years = list(range(year, year + TIMELINE_YEARS + 1))
    tables = [
        summary_table(year, hospitals, **common),
        rates("adoption_by_class", "bed_class", classes, adoption, chart_rows=8),
        rates("adoption_by_type", "hospital_type", types, adoption),
        rates("adoption_by_region", "region", regions, adoption),
        rates("checklist_by_class", "bed_class", classes, checklist),
        rates("checklist_by_region", "region", regions, checklist),
        spread("exposure_by_class", ("exposure_now", "exposure_after"), (0.0, 100.0)),
        findings_table(queries.findings_counts(conn, year), hospitals, checks=_checks(), **common),
        timeline_table(_plans(conn, year, fiscal_years), fiscal_years, **common),
        spread("cost_change_by_class", ("cost_change",), (-100.0, 200.0)),
        band_table(
            queries.band_counts(conn, year, "bed_class", "cost_change_band"),
            sizes["bed_class"],
            name="cost_change_bands",
            bands=cost_bands(lang),
            band_header=t("survey.col.cost_change_band", lang),
            groups=classes,
            **common,
        ),
    ]
    years = list(range(since, year + 1))
    if len(years) > 1:
        tables += _year_over_year(conn, years, fiscal_years, adoption, lang=lang, min_cell=min_cell)
    return SurveyResult(tuple(tables), min_cell, year, hospitals, tuple(years) if len(years) > 1 else ())


def _checks() -> list[tuple[str, str]]:
    from hismigrate.exposure.registry import check_by_id

    registry = check_by_id()
    return [(c, registry[c].severity.value) for c in vocabulary()["checks"]]


def _plans(conn: duckdb.DuckDBPyConnection, year: int, fiscal_years: list[int]) -> PlanFigures:
    n, systems, in_cloud = queries.plan_totals(conn, year)
    moves = queries.planned_moves(conn, year, max(year, fiscal_years[0]), fiscal_years[-1])
    return PlanFigures(n, systems, in_cloud, moves)


def _year_over_year(
    conn: duckdb.DuckDBPyConnection,
    years: list[int],
    fiscal_years: list[int],
    adoption: list[tuple[str, str]],
    *,
    lang: str,
    min_cell: int,
) -> list[SurveyTable]:
    totals = {}
    for y in years:
        counts = queries.adoption_counts(conn, y, "bed_class")
        n = sum(queries.group_sizes(conn, y, "bed_class").values())
        totals[y] = (n, {item: sum(yes for (i, _), (_, yes) in counts.items() if i == item) for item, _ in adoption})
    bands: dict[int, dict[int, int]] = {}
    for y in years:  # a year's bands are the sum of its classes' bands
        summed: dict[int, int] = {}
        for (b, _), n in queries.band_counts(conn, y, "bed_class", EXPOSURE_BAND_SQL).items():
            summed[b] = summed.get(b, 0) + n
        bands[y] = summed
    moves_from = list(range(years[0], fiscal_years[-1] + 1))
    plans = {y: _plans(conn, y, [y, fiscal_years[-1]]) for y in years}
    return [
        adoption_by_year(totals, years, items=adoption, lang=lang, min_cell=min_cell),
        exposure_bands_by_year(bands, years, lang=lang, min_cell=min_cell),
        planned_moves_by_year(plans, years, moves_from, lang=lang, min_cell=min_cell),
    ]


def summary_table(year: int, hospitals: int, *, lang: str, min_cell: int) -> SurveyTable:
    """The survey year, the hospitals aggregated (a dash when fewer than min_cell) and the smallest cell shown."""
    rows = (
        (t("survey.summary.year", lang), t("survey.survey_year", lang, year=year)),
        (t("survey.summary.hospitals", lang), count_cell(hospitals, min_cell)),
        (t("survey.summary.min_cell", lang), min_cell),
    )
    header = (t("survey.col.item", lang), t("survey.col.value", lang))
    return SurveyTable("summary", t("survey.table.summary", lang), header, rows)
