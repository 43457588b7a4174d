"""Chart geometry for survey.html: plain numbers the template draws as inline SVG (no library, no script)."""

from __future__ import annotations

from dataclasses import dataclass

from hismigrate.survey.table import SurveyTable

PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#9c755f")
LABEL_W, PLOT_W, BAR_H, GAP, TOP = 220.0, 420.0, 12.0, 10.0, 24.0


@dataclass(frozen=True)
class Mark:
    """A rectangle (bar or box) with an optional median tick, and its value text."""

    x: float
    y: float
    width: float
    height: float
    colour: str
    text: str
    tick: float | None = None


@dataclass(frozen=True)
class Chart:
    width: float
    height: float
    labels: tuple[tuple[float, str], ...]
    marks: tuple[Mark, ...]
    legend: tuple[tuple[str, str], ...]
    axis: tuple[tuple[float, str], ...]


def _x(value: float, low: float, high: float) -> float:
    clamped = min(max(value, low), high)
    return LABEL_W + (clamped - low) / (high - low) * PLOT_W


def chart_of(table: SurveyTable) -> Chart | None:
    """The chart of a table, if its spec asks for one and any of its figures is shown; hidden cells draw nothing."""
    spec = table.chart
    if spec is None or not spec.rows:
        return None
    per_row = len(spec.columns) if spec.kind == "bars" else len(spec.columns) // 3
    row_h = per_row * BAR_H + GAP
    labels, marks = [], []
    for i, r in enumerate(spec.rows):
        row = table.rows[r]
        top = TOP + i * row_h
        labels.append((top + per_row * BAR_H / 2, str(row[0])))
        if spec.kind == "bars":
            for j, c in enumerate(spec.columns):
                value = row[c]
                if isinstance(value, int | float):
                    width = _x(float(value), spec.low, spec.high) - LABEL_W
                    marks.append(Mark(LABEL_W, top + j * BAR_H, width, BAR_H - 2, PALETTE[j % 8], f"{value:g}"))
        else:
            for j in range(per_row):
                q1, median, q3 = (row[c] for c in spec.columns[3 * j : 3 * j + 3])
                if all(isinstance(v, int | float) for v in (q1, median, q3)):
                    x1, x3 = _x(float(q1), spec.low, spec.high), _x(float(q3), spec.low, spec.high)
                    tick = _x(float(median), spec.low, spec.high)
                    text = f"{median:g}"
                    marks.append(Mark(x1, top + j * BAR_H, max(x3 - x1, 1.0), BAR_H - 2, PALETTE[j % 8], text, tick))
    if not marks:  # every figure of the chart is hidden: no empty axes
        return None
    if spec.kind == "bars":
        names = [table.columns[c] for c in spec.columns]
    else:
        names = [table.columns[spec.columns[3 * j]].split(":")[0] for j in range(per_row)]
    legend = tuple((PALETTE[j % 8], n) for j, n in enumerate(names))
    ticks = tuple((_x(v, spec.low, spec.high), f"{v:g}") for v in _ticks(spec.low, spec.high))
    height = TOP + len(spec.rows) * row_h + 20
    return Chart(LABEL_W + PLOT_W + 60, height, tuple(labels), tuple(marks), legend, ticks)


def _ticks(low: float, high: float) -> list[float]:
    step = (high - low) / 4
    return [low + k * step for k in range(5)]
