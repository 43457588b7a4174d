"""Share-of-hospitals tables by group: adoption by bed-size class, type and region; checklist compliance.

Items down, groups across, the number of hospitals first, in the ministry's table form. Rows and columns are the
fixed lists given (every item of the catalog, every group of the grouping), whatever the data holds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from hismigrate.i18n import t
from hismigrate.survey.suppress import hidden_groups, protected
from hismigrate.survey.table import SUPPRESSED, Cell, ChartSpec, SurveyTable, count_cell, percent, shown

Labelled = Sequence[tuple[str, str]]
"""(value or column, label) pairs: the fixed rows or columns of a table."""


def rate_table(
    counts: Mapping[tuple[str, str], tuple[int, int]],
    sizes: Mapping[str, int],
    *,
    name: str,
    groups: Labelled,
    items: Labelled,
    lang: str,
    min_cell: int,
    chart_rows: int = 0,
) -> SurveyTable:
    """Percent of hospitals with each item, per group and in total. `counts[(item, group)]` is (hospitals that
    answered, hospitals with the item); `sizes` the hospitals of each group. An item a hospital did not report is
    left out of that item's figures, so each item's figure is hidden by its own number of hospitals too.
    `chart_rows` > 0 draws the first that many items in survey.html."""
    n_of = {g: int(sizes.get(g, 0)) for g, _ in groups}
    everywhere = hidden_groups(n_of, min_cell)
    head: list[Cell] = [t("survey.col.hospitals", lang)]
    head += [SUPPRESSED if g in everywhere else count_cell(n_of[g], min_cell) for g, _ in groups]
    head.append(count_cell(sum(n_of.values()), min_cell))
    rows: list[tuple[Cell, ...]] = [tuple(head)]
    for item, label in items:
        answered = {g: counts.get((item, g), (0, 0)) for g, _ in groups}
        hidden = protected({g: n for g, (n, _) in answered.items()}, [list(answered)], min_cell, everywhere)
        row: list[Cell] = [label]
        for g, _ in groups:
            n, yes = answered[g]
            row.append(SUPPRESSED if g in hidden else shown(percent(yes, n), n, min_cell))
        total_n, total_yes = sum(n for n, _ in answered.values()), sum(y for _, y in answered.values())
        row.append(shown(percent(total_yes, total_n), total_n, min_cell))
        rows.append(tuple(row))
    header = (t("survey.col.item", lang), *(label for _, label in groups), t("survey.col.total", lang))
    chart = None
    if chart_rows:  # the first items (the ministry's), one bar per group
        chart = ChartSpec("bars", tuple(range(1, len(groups) + 1)), tuple(range(1, min(chart_rows, len(items)) + 1)))
    return SurveyTable(name, t(f"survey.table.{name}", lang), header, tuple(rows), chart)


def labelled(values: Sequence[str], label: Callable[[str], str]) -> list[tuple[str, str]]:
    return [(v, label(v)) for v in values]
