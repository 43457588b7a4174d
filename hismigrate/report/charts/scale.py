"""A linear value scale with round ticks, and the legend row the bar and line charts share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hismigrate.report.charts.svg import FONT_SIZE, GRID, INK, MUTED, Canvas, nice_ticks, text_width, tick_label


@dataclass(frozen=True)
class Scale:
    """Maps values in [ticks[0], ticks[-1]] to pixels in [start, stop] (stop < start for a vertical axis)."""

    ticks: tuple[float, ...]
    start: float
    stop: float

    @classmethod
    def covering(cls, values: Sequence[float], start: float, stop: float) -> Scale:
        low = min(values, default=0.0)
        high = max(values, default=0.0)
        return cls(tuple(nice_ticks(low, high)), start, stop)

    def __call__(self, value: float) -> float:
        low, high = self.ticks[0], self.ticks[-1]
        return self.start + (value - low) / (high - low) * (self.stop - self.start)


def draw_value_axis_y(canvas: Canvas, scale: Scale, left: float, right: float, unit: str) -> None:
    """Horizontal grid lines with tick labels on the left, the unit above them; a darker line at zero."""
    for tick in scale.ticks:
        y = scale(tick)
        canvas.line(left, y, right, y, stroke=INK if tick == 0 else GRID)
        canvas.text(left - 6, y + 4, tick_label(tick), anchor="end", fill=MUTED)
    if unit:
        canvas.text(4, scale.stop - 10, unit, fill=MUTED)  # from the left edge: a long unit is never clipped


def draw_value_axis_x(canvas: Canvas, scale: Scale, top: float, bottom: float, unit: str) -> None:
    """Vertical grid lines with tick labels below, the unit at the right end."""
    for tick in scale.ticks:
        x = scale(tick)
        canvas.line(x, top, x, bottom, stroke=INK if tick == 0 else GRID)
        canvas.text(x, bottom + 15, tick_label(tick), anchor="middle", fill=MUTED)
    if unit:
        canvas.text(scale.stop, bottom + 30, unit, anchor="end", fill=MUTED)


def draw_legend(canvas: Canvas, entries: Sequence[tuple[str, str]], left: float, top: float, width: float) -> float:
    """Colour squares and names in rows from (`left`, `top`); returns the height used."""
    x, y = left, top
    for name, colour in entries:
        item = 16 + text_width(name) + 18
        if x > left and x + item > left + width:
            x, y = left, y + 18
        canvas.rect(x, y, 10, 10, colour)
        canvas.text(x + 14, y + 9.5, name, size=FONT_SIZE - 1)
        x += item
    return y - top + 18 if entries else 0.0
