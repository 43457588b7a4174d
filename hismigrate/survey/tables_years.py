"""Year-over-year tables: adoption, exposure bands and planned moves for each survey year of a fixed range.

Each survey year is its own population (the hospitals that answered that year), suppressed as its own tables are;
no sum over years is published, so a year's figures give nothing away about another's. A year of fewer than
`--min-cell` hospitals is a column of dashes, exactly as a year with none.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from hismigrate.i18n import t
from hismigrate.survey.suppress import protected
from hismigrate.survey.table import SUPPRESSED, Cell, ChartSpec, SurveyTable, count_cell, half_up, percent, shown
from hismigrate.survey.tables_plans import PlanFigures, timeline_rows, year_label
from hismigrate.survey.tables_rates import Labelled

EXPOSURE_BAND_WIDTH = 10
EXPOSURE_BANDS = tuple(range(0, 100, EXPOSURE_BAND_WIDTH))
"""Lower edges of the exposure index bands: 0-10, ..., 90-100 (100 itself in the last)."""
EXPOSURE_BAND_SQL = f"LEAST(CAST(FLOOR(exposure_now / {EXPOSURE_BAND_WIDTH}) AS INTEGER) * {EXPOSURE_BAND_WIDTH}, 90)"
"""The band of a hospital's exposure index now, as SQL over `submissions`."""


def _year_header(first: str, years: Sequence[int], lang: str) -> list[str]:
    return [first, *(t("survey.survey_year", lang, year=y) for y in years)]


def adoption_by_year(
    figures: Mapping[int, tuple[int, Mapping[str, int]]],
    years: Sequence[int],
    *,
    items: Labelled,
    lang: str,
    min_cell: int,
) -> SurveyTable:
    """Percent of hospitals with each item in each survey year, and the change from the year before the last in
    percentage points. `figures[year]` is (hospitals, item -> hospitals with it)."""
    header = _year_header(t("survey.col.item", lang), years, lang)
    header.append(t("survey.col.change_points", lang, since=years[-2], to=years[-1]))
    sizes = {y: figures.get(y, (0, {}))[0] for y in years}
    head: list[Cell] = [t("survey.col.hospitals", lang), *(count_cell(sizes[y], min_cell) for y in years), ""]
    rows: list[tuple[Cell, ...]] = [tuple(head)]
    for item, label in items:
        rates = {y: percent(figures.get(y, (0, {}))[1].get(item, 0), sizes[y]) for y in years}
        row: list[Cell] = [label, *(shown(rates[y], sizes[y], min_cell) for y in years)]
        before, last = years[-2], years[-1]
        both = sizes[before] >= min_cell and sizes[last] >= min_cell
        row.append(half_up(rates[last] - rates[before]) if both else SUPPRESSED)
        rows.append(tuple(row))
    chart = ChartSpec("bars", tuple(range(1, len(years) + 1)), tuple(range(1, min(8, len(items)) + 1)))
    return SurveyTable("adoption_by_year", t("survey.table.adoption_by_year", lang), tuple(header), tuple(rows), chart)


def exposure_bands_by_year(
    counts: Mapping[int, Mapping[int, int]], years: Sequence[int], *, lang: str, min_cell: int
) -> SurveyTable:
    """Hospitals per band of the exposure index now (rows: every band) in each survey year (columns). A year's
    bands add up to its hospitals (published), so each year's column is protected as a line."""
    grid = {(b, y): int(counts.get(y, {}).get(b, 0)) for b in EXPOSURE_BANDS for y in years}
    lines = [[(b, y) for b in EXPOSURE_BANDS] for y in years]
    hidden = protected(grid, lines, min_cell)
    sizes = {y: sum(grid[b, y] for b in EXPOSURE_BANDS) for y in years}
    header = _year_header(t("survey.col.exposure_band", lang), years, lang)
    rows: list[tuple[Cell, ...]] = [(t("survey.col.hospitals", lang), *(count_cell(sizes[y], min_cell) for y in years))]
    for band in EXPOSURE_BANDS:
        top = band + EXPOSURE_BAND_WIDTH
        key = "survey.band.exposure_top" if top >= 100 else "survey.band.exposure"
        row: list[Cell] = [t(key, lang, low=band, high=top)]
        for y in years:
            # A year too small to show is dashes throughout, as a year without hospitals.
            shown_here = sizes[y] >= min_cell and (band, y) not in hidden
            row.append(count_cell(grid[band, y], min_cell) if shown_here else SUPPRESSED)
        rows.append(tuple(row))
    return SurveyTable(
        "exposure_bands_by_year", t("survey.table.exposure_bands_by_year", lang), tuple(header), tuple(rows)
    )


def planned_moves_by_year(
    plans: Mapping[int, PlanFigures], years: Sequence[int], fiscal_years: Sequence[int], *, lang: str, min_cell: int
) -> SurveyTable:
    """The share of all systems each survey year's plans move in each fiscal year: how the plans shift from one
    survey to the next. A survey year's plans start in that year (earlier moves are counted there), so the fiscal
    years before it are blank; its figures are hidden as in that year's own timeline."""
    last = fiscal_years[-1]
    columns: dict[int, dict[int, Cell]] = {}
    for y in years:
        own = [fy for fy in fiscal_years if fy >= y]
        figures = plans.get(y, PlanFigures(0, 0, 0, {}))
        body = timeline_rows(figures, own, min_cell) if own else []
        columns[y] = {
            fy: cells[2] if figures.hospitals >= min_cell else SUPPRESSED for fy, cells in zip(own, body, strict=True)
        }
    header = _year_header(t("survey.col.fiscal_year", lang), years, lang)
    rows = tuple((year_label(fy, last, lang), *(columns[y].get(fy, "") for y in years)) for fy in fiscal_years)
    return SurveyTable("planned_moves_by_year", t("survey.table.planned_moves_by_year", lang), tuple(header), rows)
