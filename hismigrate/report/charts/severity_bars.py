"""Findings by severity as horizontal bars, in the order given (most severe first), coloured by severity."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from hismigrate.report.charts.scale import Scale, draw_value_axis_x
from hismigrate.report.charts.svg import MUTED, SEVERITY_COLOURS, Canvas, ChartText, text_width, truncate

WIDTH = 560.0
ROW = 30.0


@dataclass(frozen=True)
class SeverityCount:
    severity: str  # critical, high, medium, low, info: picks the colour
    label: str  # the severity's name in the report's language
    count: int


def severity_bars(counts: Sequence[SeverityCount], text: ChartText, *, standalone: bool = False) -> Markup:
    """One bar per severity with its count written at the end."""
    label_width = min(max((text_width(c.label) for c in counts), default=0) + 12, 160)
    height = 16 + ROW * max(len(counts), 1) + 40
    canvas = Canvas(WIDTH, height)
    left, right, top = label_width + 8, WIDTH - 40, 12.0
    bottom = top + ROW * max(len(counts), 1)
    scale = Scale.covering([float(c.count) for c in counts] + [1.0], left, right)
    # Counts are whole: drop fractional ticks a small maximum would produce.
    scale = Scale(tuple(t for t in scale.ticks if t == int(t)) or (0.0, 1.0), left, right)
    draw_value_axis_x(canvas, scale, top, bottom, text.unit)
    for i, item in enumerate(counts):
        y = top + ROW * i + 6
        colour = SEVERITY_COLOURS.get(str(item.severity), MUTED)
        canvas.text(left - 8, y + 13, truncate(item.label, label_width - 12), anchor="end", tooltip=item.label)
        width = scale(item.count) - left
        canvas.rect(left, y, width, ROW - 12, colour, tooltip=f"{item.label}: {item.count}")
        canvas.text(left + width + 4, y + 13, str(item.count), font_weight="bold")
    return canvas.render(text, standalone)
