"""The national aggregation: collected submissions -> the survey's tables, small cells suppressed.

Written against the pandas API only (groupby, size, mean, count, quantile, sum), so that a Dask DataFrame can be
passed through `tables_for` unchanged; `materialise` computes each small result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hismigrate.errors import InventoryError, Location
from hismigrate.i18n import label, t
from hismigrate.model.enums import HospitalType, SystemCategory
from hismigrate.model.submission import BedClass, Region
from hismigrate.survey.collect import Collected, Rejected
from hismigrate.survey.frame import ADOPTION_ITEMS, checklist_column, findings_frame, hospitals_frame
from hismigrate.survey.table import SurveyTable, count_cell
from hismigrate.survey.tables_plans import findings_table, timeline_table
from hismigrate.survey.tables_rates import labelled, rate_table
from hismigrate.survey.tables_spread import band_table, quartile_table

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class SurveyResult:
    tables: tuple[SurveyTable, ...]
    rejected: tuple[Rejected, ...]
    min_cell: int


def _item_label(item: str, lang: str) -> str:
    if item.startswith("dept_"):
        return label(SystemCategory(item.removeprefix("dept_")), lang)
    return t(f"survey.item.{item}", lang)


def _checklist_order(item: str) -> tuple[object, ...]:
    """1-(1) < 2-(1) < 2-(10): numbers compared as numbers."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", item))


def tables_for(frame: pd.DataFrame, findings: pd.DataFrame, *, lang: str, min_cell: int) -> list[SurveyTable]:
    """Every statistics table of the survey from the hospitals frame and the findings frame."""
    classes = labelled([c.value for c in BedClass], lambda v: t(f"survey.bed_class.{v}", lang))
    types = labelled([h.value for h in HospitalType], lambda v: label(HospitalType(v), lang))
    regions = labelled([r.value for r in Region], lambda v: t(f"survey.region.{v}", lang))
    adoption = [(item, _item_label(item, lang)) for item in ADOPTION_ITEMS]
    items = sorted((c.removeprefix("chk_") for c in frame.columns if c.startswith("chk_")), key=_checklist_order)
    checklist = [(checklist_column(i), i) for i in items]
    common = {"lang": lang, "min_cell": min_cell}
    return [
        rate_table(
            frame, name="adoption_by_class", group="bed_class", groups=classes, items=adoption, chart_rows=8, **common
        ),
        rate_table(frame, name="adoption_by_type", group="hospital_type", groups=types, items=adoption, **common),
        rate_table(frame, name="adoption_by_region", group="region", groups=regions, items=adoption, **common),
        rate_table(frame, name="checklist_by_class", group="bed_class", groups=classes, items=checklist, **common),
        rate_table(frame, name="checklist_by_region", group="region", groups=regions, items=checklist, **common),
        quartile_table(
            frame,
            name="exposure_by_class",
            measures=("exposure_now", "exposure_after"),
            group="bed_class",
            groups=classes,
            **common,
        ),
        findings_table(findings, len(frame), **common),
        timeline_table(frame, **common),
        quartile_table(
            frame,
            name="cost_change_by_class",
            measures=("cost_change",),
            group="bed_class",
            groups=classes,
            axis=(-100.0, 200.0),
            **common,
        ),
        band_table(frame, name="cost_change_bands", measure="cost_change", group="bed_class", groups=classes, **common),
    ]


def summary_table(collected: Collected, *, lang: str, min_cell: int) -> SurveyTable:
    """What was read: files, rejected, replaced by a later submission, hospitals aggregated."""
    rows = (
        (t("survey.summary.files", lang), collected.files),
        (t("survey.summary.rejected", lang), len(collected.rejected)),
        (t("survey.summary.replaced", lang), collected.replaced),
        (t("survey.summary.hospitals", lang), count_cell(len(collected.submissions), min_cell)),
        (t("survey.summary.min_cell", lang), min_cell),
    )
    header = (t("survey.col.item", lang), t("survey.col.value", lang))
    return SurveyTable("summary", t("survey.table.summary", lang), header, rows)


def rejected_table(rejected: list[Rejected], *, lang: str) -> SurveyTable:
    """Every file left out, with each of its problems (where and what)."""
    rows = tuple((r.file, p.render(lang)) for r in rejected for p in r.problems)
    header = (t("survey.col.file", lang), t("survey.col.reason", lang))
    return SurveyTable("rejected", t("survey.table.rejected", lang), header, rows)


def aggregate(collected: Collected, *, lang: str, min_cell: int = 5) -> SurveyResult:
    """The survey's tables; raises InventoryError when not one submission could be used."""
    if not collected.submissions:
        problems = [p for r in collected.rejected for p in r.problems]
        raise InventoryError(problems) if problems else InventoryError.single(Location("."), "survey_no_submissions")
    submissions = collected.submissions
    frame = hospitals_frame(submissions)
    tables = [
        summary_table(collected, lang=lang, min_cell=min_cell),
        *tables_for(frame, findings_frame(submissions), lang=lang, min_cell=min_cell),
        rejected_table(collected.rejected, lang=lang),
    ]
    return SurveyResult(tuple(tables), tuple(collected.rejected), min_cell)
