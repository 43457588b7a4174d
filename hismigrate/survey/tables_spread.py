"""Distribution tables by bed-size class: quartiles of the exposure index and of the cost change, and hospitals per
band. The rows are every group (quartiles) or every band of the schema (bands), whatever the data holds."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from hismigrate.i18n import t
from hismigrate.survey.suppress import hidden_groups, protected
from hismigrate.survey.table import SUPPRESSED, Cell, ChartSpec, SurveyTable, count_cell, shown
from hismigrate.survey.tables_rates import Labelled

Quartiles = Mapping[str, tuple[int, tuple[float, ...]]]
"""Group ("" for all hospitals) -> (hospitals with a value, Q1, median, Q3)."""


def quartile_table(
    by_measure: Mapping[str, Quartiles],
    sizes: Mapping[str, int],
    *,
    name: str,
    groups: Labelled,
    lang: str,
    min_cell: int,
    axis: tuple[float, float] = (0.0, 100.0),
) -> SurveyTable:
    """Per group and in total: hospitals with a value, then Q1, median and Q3 of each measure."""
    measures = list(by_measure)
    header: list[str] = [t("survey.col.group", lang)]
    for measure in measures:
        header.append(t(f"survey.col.{measure}_n", lang))
        header += [t(f"survey.col.q{q}", lang, measure=t(f"survey.measure.{measure}", lang)) for q in (25, 50, 75)]
    with_values = {m: {g: by_measure[m].get(g, (0, ()))[0] for g, _ in groups} for m in measures}
    hidden = {m: measure_hidden(sizes, with_values[m], min_cell) for m in measures}
    rows: list[tuple[Cell, ...]] = []
    for g, label in [*groups, ("", t("survey.col.total", lang))]:
        row: list[Cell] = [label]
        for measure in measures:
            n, values = by_measure[measure].get(g, (0, (0.0, 0.0, 0.0)))
            if g in hidden[measure]:
                row += [SUPPRESSED] * 4
                continue
            row.append(count_cell(n, min_cell))
            row += [shown(v, n, min_cell) for v in values]
        rows.append(tuple(row))
    # Each measure takes 4 columns (n, Q1, median, Q3) after the label column: chart the quartile triples.
    columns = tuple(c for m in range(len(measures)) for c in (2 + 4 * m, 3 + 4 * m, 4 + 4 * m))
    chart = ChartSpec("box", columns, tuple(range(len(rows))), low=axis[0], high=axis[1])
    return SurveyTable(name, t(f"survey.table.{name}", lang), tuple(header), tuple(rows), chart)


def measure_hidden(sizes: Mapping[str, int], with_values: Mapping[str, int], min_cell: int) -> set[str]:
    """The groups whose figures of a measure are hidden: those hidden in every table of the grouping (by their
    number of hospitals), then the measure's own small counts of hospitals with a value, and their complements."""
    everywhere = hidden_groups({g: int(sizes.get(g, 0)) for g in with_values}, min_cell)
    return protected(dict(with_values), [list(with_values)], min_cell, everywhere)


def band_table(
    counts: Mapping[tuple[int, str], int],
    sizes: Mapping[str, int],
    *,
    name: str,
    bands: Sequence[tuple[int, str]],
    band_header: str,
    groups: Labelled,
    lang: str,
    min_cell: int,
) -> SurveyTable:
    """Hospitals per band (rows: every band given, ascending) and group (columns), with each band's total; each
    count hidden below `min_cell`, and others with it wherever a sum published elsewhere would give it away."""
    width = len(groups)
    grid = {
        (r, j): int(counts.get((band, g), 0)) for r, (band, _) in enumerate(bands) for j, (g, _) in enumerate(groups)
    }
    grid.update({(r, width): sum(grid[r, j] for j in range(width)) for r in range(len(bands))})
    # Known sums: each band's groups (its total); each group's bands (its hospitals with a value, in the quartile
    # table of the measure) or, for the groups hidden there, their bands together (the total minus the groups
    # shown); the totals (all hospitals with a value).
    with_values = {g: sum(grid[r, j] for r in range(len(bands))) for j, (g, _) in enumerate(groups)}
    hidden_there = measure_hidden(sizes, with_values, min_cell)
    together = [j for j, (g, _) in enumerate(groups) if g in hidden_there]
    lines = [[(r, j) for j in range(width + 1)] for r in range(len(bands))]
    lines += [[(r, j) for r in range(len(bands))] for j in range(width + 1) if j not in together]
    if together:
        lines.append([(r, j) for j in together for r in range(len(bands))])
    hidden = protected(grid, lines, min_cell)
    rows: list[tuple[Cell, ...]] = []
    for r, (_, label) in enumerate(bands):
        row: list[Cell] = [label]
        row += [SUPPRESSED if (r, j) in hidden else count_cell(grid[r, j], min_cell) for j in range(width + 1)]
        rows.append(tuple(row))
    header = (band_header, *(label for _, label in groups), t("survey.col.total", lang))
    return SurveyTable(name, t(f"survey.table.{name}", lang), header, tuple(rows))
