"""The most common findings and the planned migration timeline, over all hospitals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hismigrate.i18n import t
from hismigrate.model.exposure import Severity
from hismigrate.survey.frame import year_column
from hismigrate.survey.table import SUPPRESSED, Cell, ChartSpec, SurveyTable, count_cell, materialise, shown

if TYPE_CHECKING:
    import pandas as pd

TOP_FINDINGS = 20


def findings_table(findings: pd.DataFrame, hospitals: int, *, lang: str, min_cell: int) -> SurveyTable:
    """Checks found in the most hospitals: hospitals with a finding, their share, findings in all, worst severity."""
    header = tuple(
        t(f"survey.col.{c}", lang) for c in ("check", "severity", "hospitals_with", "share_pct", "findings_total")
    )
    if findings.empty:
        return SurveyTable("findings", t("survey.table.findings", lang), header, ())
    rank = {s.value: i for i, s in enumerate(Severity)}
    with_rank = findings.assign(rank=findings["severity"].map(rank))
    grouped = with_rank.groupby("check")
    summary = materialise(
        grouped.agg(hospitals=("facility_code", "nunique"), total=("count", "sum"), worst=("rank", "min"))
    )
    summary = summary.reset_index().sort_values(["hospitals", "check"], ascending=[False, True]).head(TOP_FINDINGS)
    severities = list(Severity)
    rows: list[tuple[Cell, ...]] = []
    for record in summary.itertuples(index=False):
        n = int(record.hospitals)
        worst = severities[int(record.worst)]
        rows.append(
            (
                str(record.check),
                t(f"survey.severity.{worst.value}", lang),
                count_cell(n, min_cell),
                shown(n / hospitals * 100 if hospitals else 0.0, n, min_cell),
                shown(int(record.total), n, min_cell),
            )
        )
    return SurveyTable("findings", t("survey.table.findings", lang), header, tuple(rows))


def timeline_table(frame: pd.DataFrame, *, lang: str, min_cell: int) -> SurveyTable:
    """Per fiscal year: hospitals cutting systems over, their share, the share of all systems moved that year and
    the share in the cloud by its end (weighted by each hospital's number of systems)."""
    header = tuple(
        t(f"survey.col.{c}", lang)
        for c in ("fiscal_year", "hospitals_moving", "share_pct", "systems_moved_pct", "systems_in_cloud_pct")
    )
    years = sorted(int(c.removeprefix("year_")) for c in frame.columns if c.startswith("year_"))
    hospitals = len(frame)
    systems = float(materialise(frame["systems"].sum()))
    in_cloud = float(materialise((frame["already_in_cloud"] * frame["systems"]).sum()))
    rows: list[tuple[Cell, ...]] = []
    # A year's share moved is also the difference of two shares in the cloud: a small year's hidden share would be
    # the next year's in the cloud, minus its share moved, minus the year before's in the cloud. So the share moved
    # of the years after a small one is hidden too, up to one of at least min_cell hospitals: what can be worked out
    # is then the share moved by those years together.
    owed = False
    for year in years:
        column = frame[year_column(year)]
        moving = int(materialise((column > 0).sum()))
        moved = float(materialise((column * frame["systems"]).sum()))
        in_cloud += moved
        moved_cell = shown(moved / systems * 100 if systems else 0.0, moving, min_cell)
        if owed and moving:
            moved_cell, owed = SUPPRESSED, moving < min_cell
        elif 0 < moving < min_cell:
            owed = True
        rows.append(
            (
                year,
                count_cell(moving, min_cell),
                shown(moving / hospitals * 100 if hospitals else 0.0, moving, min_cell),
                moved_cell,
                shown(in_cloud / systems * 100 if systems else 0.0, min(moving, hospitals), min_cell),
            )
        )
    chart = ChartSpec("bars", (3, 4), tuple(range(len(rows))))
    return SurveyTable("timeline", t("survey.table.timeline", lang), header, tuple(rows), chart)
