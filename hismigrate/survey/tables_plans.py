"""The findings of every check of the catalog, and the planned migration timeline over a fixed range of years."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from hismigrate.i18n import t
from hismigrate.survey.rows import PPM
from hismigrate.survey.table import SUPPRESSED, Cell, ChartSpec, SurveyTable, count_cell, percent, shown

TIMELINE_YEARS = 10
"""The timeline shows the survey year and the nine after it one by one, then the years after together."""


def findings_table(
    counts: Mapping[str, tuple[int, int]],
    hospitals: int,
    *,
    checks: Sequence[tuple[str, str]],
    lang: str,
    min_cell: int,
) -> SurveyTable:
    """Every check of the catalog, in its order (`checks`: id and severity): its title and severity (from the
    catalog), hospitals with a finding of it, their share and the findings in all."""
    header = tuple(
        t(f"survey.col.{c}", lang)
        for c in ("check", "check_title", "severity", "hospitals_with", "share_pct", "findings_total")
    )
    rows: list[tuple[Cell, ...]] = []
    for check, severity in checks:
        n, total = counts.get(check, (0, 0))
        rows.append(
            (
                check,
                t(f"exposure.check.{check}.title", lang),
                t(f"survey.severity.{severity}", lang),
                count_cell(n, min_cell),
                shown(percent(n, hospitals), n, min_cell),
                shown(total, n, min_cell),
            )
        )
    return SurveyTable("findings", t("survey.table.findings", lang), header, tuple(rows))


@dataclass(frozen=True)
class PlanFigures:
    """One survey year's plans: hospitals, their systems, systems in the cloud before the plans (millionths of a
    system), and per fiscal year (rows of the table) the hospitals moving systems and the systems moved."""

    hospitals: int
    systems: int
    in_cloud_ppm: int
    moves: Mapping[int, tuple[int, int]]


def timeline_rows(plans: PlanFigures, years: Sequence[int], min_cell: int) -> list[tuple[Cell, ...]]:
    """Per fiscal year: hospitals moving systems, their share of hospitals, the share of all systems moved that year
    and the share in the cloud by its end (weighted by each hospital's number of systems)."""
    systems = plans.systems * PPM
    in_cloud = Fraction(plans.in_cloud_ppm)
    rows: list[tuple[Cell, ...]] = []
    # A year's share moved is also the difference of two shares in the cloud: a small year's hidden share would be
    # the next year's in the cloud, minus its share moved, minus the year before's in the cloud. So the share moved
    # of the years after a small one is hidden too, up to one of at least min_cell hospitals: what can be worked out
    # is then the share moved by those years together.
    owed = False
    for year in years:
        moving, moved = plans.moves.get(year, (0, 0))
        in_cloud += moved
        moved_cell = shown(Fraction(moved * 100, systems) if systems else Fraction(0), moving, min_cell)
        if owed and moving:
            moved_cell, owed = SUPPRESSED, moving < min_cell
        elif 0 < moving < min_cell:
            owed = True
        rows.append(
            (
                count_cell(moving, min_cell),
                shown(percent(moving, plans.hospitals), moving, min_cell),
                moved_cell,
                shown(in_cloud * 100 / systems if systems else Fraction(0), min(moving, plans.hospitals), min_cell),
            )
        )
    return rows


def year_label(year: int, last: int, lang: str) -> str:
    """`FY2027`, or `FY2035 and later` for the last row."""
    return t("survey.fiscal_year_later" if year == last else "survey.fiscal_year", lang, year=year)


def timeline_table(plans: PlanFigures, years: Sequence[int], *, lang: str, min_cell: int) -> SurveyTable:
    header = tuple(
        t(f"survey.col.{c}", lang)
        for c in ("fiscal_year", "hospitals_moving", "share_pct", "systems_moved_pct", "systems_in_cloud_pct")
    )
    body = timeline_rows(plans, years, min_cell)
    rows = tuple((year_label(y, years[-1], lang), *cells) for y, cells in zip(years, body, strict=True))
    chart = ChartSpec("bars", (3, 4), tuple(range(len(rows))))
    return SurveyTable("timeline", t("survey.table.timeline", lang), header, rows, chart)
