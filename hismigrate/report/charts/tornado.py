"""The sensitivity tornado: for each assumption, the result at its low and its high value around the base."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from hismigrate.report.charts.scale import Scale, draw_legend, draw_value_axis_x
from hismigrate.report.charts.svg import INK, PALETTE, Canvas, ChartText, text_width, tick_label, truncate

WIDTH = 720.0
ROW = 28.0
LOW_COLOUR, HIGH_COLOUR = PALETTE[0], PALETTE[1]


@dataclass(frozen=True)
class TornadoBar:
    """One assumption: the result (e.g. NPV of the delta) when it takes its low and its high value."""

    label: str
    low: float
    high: float
    low_note: str = ""  # the input value, e.g. "130円/USD"
    high_note: str = ""


def tornado(
    bars: Sequence[TornadoBar],
    base: float,
    text: ChartText,
    *,
    low_label: str,
    high_label: str,
    base_label: str,
    standalone: bool = False,
) -> Markup:
    """Horizontal bars from `base` to each result, the widest swing on top (ties by label: stable output)."""
    ordered = sorted(bars, key=lambda b: (-abs(b.high - b.low), b.label))
    label_width = min(max((text_width(b.label) for b in ordered), default=0) + 12, 220)
    height = 60 + ROW * max(len(ordered), 1) + 40
    canvas = Canvas(WIDTH, height)
    left, right, top = label_width + 8, WIDTH - 24, 44.0
    bottom = top + ROW * max(len(ordered), 1)
    draw_legend(canvas, [(low_label, LOW_COLOUR), (high_label, HIGH_COLOUR)], left, 8, right - left)
    values = [base] + [v for b in ordered for v in (b.low, b.high)]
    spread = max(abs(v - base) for v in values) or 1.0
    scale = Scale.covering([base - spread * 1.15, base + spread * 1.15], left, right)
    draw_value_axis_x(canvas, scale, top, bottom, text.unit)
    for i, bar in enumerate(ordered):
        y = top + ROW * i + 5
        canvas.text(left - 8, y + 13, truncate(bar.label, label_width - 12), anchor="end", tooltip=bar.label)
        ends = ((bar.low, bar.low_note, LOW_COLOUR), (bar.high, bar.high_note, HIGH_COLOUR))
        same_side = (bar.low - base) * (bar.high - base) > 0
        # The low end always in the low colour, the high end in the high one; when both lie on one side of the
        # base the longer is drawn first, so that the shorter stays visible on it, and its note goes inside.
        for value, note, colour in sorted(ends, key=lambda e: -abs(e[0] - base)):
            x0, x1 = sorted((scale(base), scale(value)))
            tip = f"{bar.label} {note}: {tick_label(value)} {text.unit}".strip()
            canvas.rect(x0, y, x1 - x0, ROW - 10, colour, tooltip=tip)
            if not note:
                continue
            outside = value >= base
            nearer = same_side and abs(value - base) < max(abs(bar.low - base), abs(bar.high - base))
            x, anchor = (x1 + 4, "start") if outside else (x0 - 4, "end")
            canvas.text(x, y + 13, note, size=10, anchor=anchor, fill="#FFFFFF" if nearer else INK)
    x = scale(base)
    canvas.line(x, top - 4, x, bottom, stroke=INK, stroke_width=1.5)
    canvas.text(x, bottom + 30, f"{base_label} {tick_label(base)}", anchor="middle", font_weight="bold")
    return canvas.render(text, standalone)
