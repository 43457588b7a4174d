"""Distribution tables by bed-size class: exposure index quartiles, cost change quartiles and bands."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from hismigrate.i18n import t
from hismigrate.model.submission import CHANGE_BAND_RANGE_PCT, CHANGE_BAND_WIDTH_PCT
from hismigrate.survey.table import Cell, ChartSpec, SurveyTable, count_cell, materialise, shown

if TYPE_CHECKING:
    import pandas as pd

QUARTILES = (0.25, 0.5, 0.75)


def quartile_table(
    frame: pd.DataFrame,
    *,
    name: str,
    measures: Sequence[str],
    group: str,
    groups: Sequence[tuple[str, str]],
    lang: str,
    min_cell: int,
    axis: tuple[float, float] = (0.0, 100.0),
) -> SurveyTable:
    """Per group and in total: hospitals with a value, then Q1, median and Q3 of each measure (NaN = no value)."""
    counts = materialise(frame.groupby(group)[list(measures)].count())
    by_q = {q: materialise(frame.groupby(group)[list(measures)].quantile(q)) for q in QUARTILES}
    total_counts = materialise(frame[list(measures)].count())
    total_q = {q: materialise(frame[list(measures)].quantile(q)) for q in QUARTILES}

    header: list[str] = [t("survey.col.group", lang)]
    for measure in measures:
        header.append(t(f"survey.col.{measure}_n", lang))
        header += [
            t(f"survey.col.q{int(q * 100)}", lang, measure=t(f"survey.measure.{measure}", lang)) for q in QUARTILES
        ]
    rows: list[tuple[Cell, ...]] = []
    for g, label in [*groups, ("", t("survey.col.total", lang))]:
        row: list[Cell] = [label]
        for measure in measures:
            if g:
                n = int(counts.at[g, measure]) if g in counts.index else 0
                values = [float(by_q[q].at[g, measure]) if n else 0.0 for q in QUARTILES]
            else:
                n = int(total_counts[measure])
                values = [float(total_q[q][measure]) if n else 0.0 for q in QUARTILES]
            row.append(count_cell(n, min_cell))
            row += [shown(v, n, min_cell) for v in values]
        rows.append(tuple(row))
    # Each measure takes 4 columns (n, Q1, median, Q3) after the label column: chart the quartile triples.
    columns = tuple(c for m in range(len(measures)) for c in (2 + 4 * m, 3 + 4 * m, 4 + 4 * m))
    chart = ChartSpec("box", columns, tuple(range(len(rows))), low=axis[0], high=axis[1])
    return SurveyTable(name, t(f"survey.table.{name}", lang), tuple(header), tuple(rows), chart)


def band_table(
    frame: pd.DataFrame,
    *,
    name: str,
    measure: str,
    group: str,
    groups: Sequence[tuple[str, str]],
    lang: str,
    min_cell: int,
) -> SurveyTable:
    """Hospitals per value band (rows, ascending) and group (columns), each count suppressed below `min_cell`."""
    present = frame[frame[measure].notna()]
    counts = materialise(present.groupby([measure, group]).size())
    totals = materialise(present.groupby(measure).size())
    bands = sorted(float(b) for b in totals.index)
    rows: list[tuple[Cell, ...]] = []
    for band in bands:
        top = band >= CHANGE_BAND_RANGE_PCT[1]
        key = f"survey.band.{measure}_top" if top else f"survey.band.{measure}"
        row: list[Cell] = [t(key, lang, low=int(band), high=int(band) + CHANGE_BAND_WIDTH_PCT)]
        row += [count_cell(int(counts.get((band, g), 0)), min_cell) for g, _ in groups]
        row.append(count_cell(int(totals.get(band, 0)), min_cell))
        rows.append(tuple(row))
    header = (t(f"survey.col.{measure}_band", lang), *(label for _, label in groups), t("survey.col.total", lang))
    return SurveyTable(name, t(f"survey.table.{name}", lang), header, tuple(rows))
