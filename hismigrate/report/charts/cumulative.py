"""A cumulative difference year by year (the cost case's saving, baseline minus plan): where it crosses zero the plan
has paid back."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from hismigrate.report.charts.scale import Scale, draw_value_axis_y
from hismigrate.report.charts.svg import MUTED, PALETTE, Canvas, ChartText, num, tick_label, truncate

WIDTH, HEIGHT = 720.0, 320.0
ABOVE_ZERO = "#FDECEA"  # the plan still costs more than the baseline
LINE = PALETTE[0]


def cumulative_line(
    categories: Sequence[str],
    values: Sequence[float],
    text: ChartText,
    *,
    marker: int | None = None,
    marker_label: str = "",
    standalone: bool = False,
    saving_positive: bool = False,
) -> Markup:
    """A line of cumulative values per category, the side of zero where the change still costs more shaded (above
    zero; below it with `saving_positive`, when a positive value is a saving); `marker` is the index of a category
    to flag (the break-even year) with `marker_label`."""
    if len(values) != len(categories):
        raise ValueError(f"{len(values)} values for {len(categories)} categories")
    canvas = Canvas(WIDTH, HEIGHT)
    left, right, top, bottom = 64.0, WIDTH - 16, 24.0, HEIGHT - 40
    scale = Scale.covering(list(values), bottom, top)
    zero = scale(0)
    if saving_positive and scale.ticks[0] < 0:
        canvas.rect(left, zero, right - left, bottom - zero, ABOVE_ZERO)
    elif not saving_positive and scale.ticks[-1] > 0:
        canvas.rect(left, top, right - left, zero - top, ABOVE_ZERO)
    draw_value_axis_y(canvas, scale, left, right, text.unit)

    slot = (right - left) / max(len(categories), 1)
    points = [(left + slot * (i + 0.5), scale(v)) for i, v in enumerate(values)]
    if marker is not None and 0 <= marker < len(categories):
        x = points[marker][0]
        canvas.line(x, top, x, bottom, stroke=MUTED, stroke_dasharray="4 3")
        canvas.text(x + 4, top + 12, marker_label, fill=MUTED)
    if points:
        path = " ".join(f"{num(x)},{num(y)}" for x, y in points)
        canvas.add(f'<polyline points="{path}" fill="none" stroke="{LINE}" stroke-width="2.5"/>')
    for (x, y), category, value in zip(points, categories, values, strict=True):
        canvas.add(f'<circle cx="{num(x)}" cy="{num(y)}" r="4" fill="{LINE}"/>')
        below = (value < 0 and y + 16 <= bottom - 4) or y - 8 < top  # not over the year labels nor above the plot
        canvas.text(
            x,
            y + 16 if below else y - 8,
            tick_label(value),
            size=10,
            anchor="middle",
            tooltip=f"{category}: {tick_label(value)} {text.unit}".rstrip(),
        )
        canvas.text(x, bottom + 16, truncate(category, slot - 4), anchor="middle", tooltip=category)
    if text.axis:
        canvas.text((left + right) / 2, HEIGHT - 6, text.axis, anchor="middle", fill=MUTED)
    return canvas.render(text, standalone)
