"""Bars by year: the baseline beside the plan, each optionally stacked from its parts (run, one-time...)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from hismigrate.report.charts.scale import Scale, draw_legend, draw_value_axis_y
from hismigrate.report.charts.svg import MUTED, PALETTE, Canvas, ChartText, tick_label, truncate

WIDTH, HEIGHT = 720.0, 360.0


@dataclass(frozen=True)
class BarSeries:
    """One series: a value per category (None for no bar). Series with the same `group` stack; groups stand side
    by side within a category (a group per series gives plain grouped bars)."""

    name: str
    values: Sequence[float | None]
    group: str = ""


def bars_by_year(
    categories: Sequence[str], series: Sequence[BarSeries], text: ChartText, *, standalone: bool = False
) -> Markup:
    """A grouped and/or stacked vertical bar chart with one slot per category (year)."""
    for s in series:
        if len(s.values) != len(categories):
            raise ValueError(f"series {s.name!r} has {len(s.values)} values for {len(categories)} categories")
    groups = list(dict.fromkeys(s.group or s.name for s in series))
    canvas = Canvas(WIDTH, HEIGHT)
    legend = [(s.name, PALETTE[i % len(PALETTE)]) for i, s in enumerate(series)]
    legend_height = draw_legend(canvas, legend, 64, 8, WIDTH - 80)
    left, right, top, bottom = 64.0, WIDTH - 16, 8 + legend_height + 18, HEIGHT - 40

    # Stack each group's positive parts upward and negative parts downward from zero.
    totals: list[float] = [0.0]
    for g in groups:
        members = [s for s in series if (s.group or s.name) == g]
        for i in range(len(categories)):
            values = [s.values[i] or 0.0 for s in members]
            totals += [sum(v for v in values if v > 0), sum(v for v in values if v < 0)]
    scale = Scale.covering(totals, bottom, top)
    draw_value_axis_y(canvas, scale, left, right, text.unit)

    slot = (right - left) / max(len(categories), 1)
    bar = min(slot * 0.8 / max(len(groups), 1), 48)
    for i, category in enumerate(categories):
        centre = left + slot * (i + 0.5)
        first = centre - bar * len(groups) / 2
        for g_index, g in enumerate(groups):
            x = first + g_index * bar
            up = down = 0.0
            for s_index, s in enumerate(series):
                value = s.values[i]
                if (s.group or s.name) != g or not value:
                    continue
                base = up if value > 0 else down
                y0, y1 = scale(base), scale(base + value)
                colour = PALETTE[s_index % len(PALETTE)]
                tooltip = f"{category} {s.name}: {tick_label(value)} {text.unit}".rstrip()
                canvas.rect(x + 1, min(y0, y1), bar - 2, abs(y1 - y0), colour, tooltip=tooltip)
                if value > 0:
                    up += value
                else:
                    down += value
        canvas.text(centre, bottom + 16, truncate(category, slot - 4), anchor="middle", tooltip=category)
    if text.axis:
        canvas.text((left + right) / 2, HEIGHT - 6, text.axis, anchor="middle", fill=MUTED)
    return canvas.render(text, standalone)
