"""Distribution tables by bed-size class: exposure index quartiles, cost change quartiles and bands."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from hismigrate.i18n import t
from hismigrate.model.submission import CHANGE_BAND_RANGE_PCT, CHANGE_BAND_WIDTH_PCT
from hismigrate.survey.suppress import hidden_groups, protected
from hismigrate.survey.table import SUPPRESSED, Cell, ChartSpec, SurveyTable, count_cell, materialise, shown

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
    with_values = {
        measure: {g: int(counts.at[g, measure]) if g in counts.index else 0 for g, _ in groups} for measure in measures
    }
    hidden = {measure: _hidden(frame, group, with_values[measure], min_cell) for measure in measures}
    rows: list[tuple[Cell, ...]] = []
    for g, label in [*groups, ("", t("survey.col.total", lang))]:
        row: list[Cell] = [label]
        for measure in measures:
            if g:
                n = with_values[measure][g]
                values = [float(by_q[q].at[g, measure]) if n else 0.0 for q in QUARTILES]
            else:
                n = int(total_counts[measure])
                values = [float(total_q[q][measure]) if n else 0.0 for q in QUARTILES]
            if g in hidden[measure]:
                row += [SUPPRESSED] * (1 + len(QUARTILES))
                continue
            row.append(count_cell(n, min_cell))
            row += [shown(v, n, min_cell) for v in values]
        rows.append(tuple(row))
    # Each measure takes 4 columns (n, Q1, median, Q3) after the label column: chart the quartile triples.
    columns = tuple(c for m in range(len(measures)) for c in (2 + 4 * m, 3 + 4 * m, 4 + 4 * m))
    chart = ChartSpec("box", columns, tuple(range(len(rows))), low=axis[0], high=axis[1])
    return SurveyTable(name, t(f"survey.table.{name}", lang), tuple(header), tuple(rows), chart)


def _hidden(frame: pd.DataFrame, group: str, with_values: dict[str, int], min_cell: int) -> set[str]:
    """The groups whose figures of a measure are hidden: those hidden in every table of the grouping (by their
    number of hospitals), then the measure's own small counts of hospitals with a value, and their complements."""
    sizes = materialise(frame.groupby(group).size())
    everywhere = hidden_groups({g: int(sizes.get(g, 0)) for g in with_values}, min_cell)
    return protected(with_values, [list(with_values)], min_cell, everywhere)


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
    # The grid of counts, each band's total in the last column. Known sums: each band's groups (its total); each
    # group's bands (its hospitals with a value, in the quartile table of the measure) or, for the groups hidden
    # there, their bands together (the total minus the groups shown); the totals (all hospitals with a value).
    width = len(groups)
    grid = {(r, j): int(counts.get((band, g), 0)) for r, band in enumerate(bands) for j, (g, _) in enumerate(groups)}
    grid.update({(r, width): int(totals.get(band, 0)) for r, band in enumerate(bands)})
    with_values = {g: sum(grid[r, j] for r in range(len(bands))) for j, (g, _) in enumerate(groups)}
    hidden_groups_here = _hidden(frame, group, with_values, min_cell)
    together = [j for j, (g, _) in enumerate(groups) if g in hidden_groups_here]
    lines = [[(r, j) for j in range(width + 1)] for r in range(len(bands))]
    lines += [[(r, j) for r in range(len(bands))] for j in range(width + 1) if j not in together]
    if together:
        lines.append([(r, j) for j in together for r in range(len(bands))])
    hidden = protected(grid, lines, min_cell)
    rows: list[tuple[Cell, ...]] = []
    for r, band in enumerate(bands):
        top = band >= CHANGE_BAND_RANGE_PCT[1]
        key = f"survey.band.{measure}_top" if top else f"survey.band.{measure}"
        row: list[Cell] = [t(key, lang, low=int(band), high=int(band) + CHANGE_BAND_WIDTH_PCT)]
        row += [SUPPRESSED if (r, j) in hidden else count_cell(grid[r, j], min_cell) for j in range(width + 1)]
        rows.append(tuple(row))
    header = (t(f"survey.col.{measure}_band", lang), *(label for _, label in groups), t("survey.col.total", lang))
    return SurveyTable(name, t(f"survey.table.{name}", lang), header, tuple(rows))
