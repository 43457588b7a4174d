"""Share-of-hospitals tables by group: adoption by bed-size class, type and region; checklist compliance."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from hismigrate.i18n import t
from hismigrate.survey.suppress import hidden_groups
from hismigrate.survey.table import SUPPRESSED, Cell, ChartSpec, SurveyTable, count_cell, materialise, shown

if TYPE_CHECKING:
    import pandas as pd


def rate_table(
    frame: pd.DataFrame,
    *,
    name: str,
    group: str,
    groups: Sequence[tuple[str, str]],
    items: Sequence[tuple[str, str]],
    lang: str,
    min_cell: int,
    chart_rows: int = 0,
) -> SurveyTable:
    """Percent of hospitals with each boolean item, per group and in total, in the ministry's table form:
    items down, groups across, the number of hospitals first. `groups`/`items` are (column value or name, label);
    `chart_rows` > 0 draws the first that many items in survey.html."""
    columns = [c for c, _ in items]
    grouped = frame.groupby(group)
    sizes = materialise(grouped.size())
    rates = materialise(grouped[columns].mean())
    totals = materialise(frame[columns].mean())
    total_n = len(frame)
    n_of = {g: int(sizes.get(g, 0)) for g, _ in groups}
    hidden = hidden_groups(n_of, min_cell)

    head: list[Cell] = [t("survey.col.hospitals", lang)]
    head += [SUPPRESSED if g in hidden else count_cell(n_of[g], min_cell) for g, _ in groups]
    head.append(count_cell(total_n, min_cell))
    rows: list[tuple[Cell, ...]] = [tuple(head)]
    for column, label in items:
        row: list[Cell] = [label]
        for g, _ in groups:
            value = float(rates.at[g, column]) * 100 if n_of[g] else 0.0
            row.append(SUPPRESSED if g in hidden else shown(value, n_of[g], min_cell))
        row.append(shown(float(totals[column]) * 100, total_n, min_cell))
        rows.append(tuple(row))
    header = (t("survey.col.item", lang), *(label for _, label in groups), t("survey.col.total", lang))
    chart = None
    if chart_rows:  # the first items (the ministry's), one bar per group
        chart = ChartSpec("bars", tuple(range(1, len(groups) + 1)), tuple(range(1, min(chart_rows, len(items)) + 1)))
    return SurveyTable(name, t(f"survey.table.{name}", lang), header, tuple(rows), chart)


def labelled(values: Sequence[str], label: Callable[[str], str]) -> list[tuple[str, str]]:
    return [(v, label(v)) for v in values]
