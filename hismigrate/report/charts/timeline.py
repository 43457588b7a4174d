"""The wave timeline (Gantt-like): one bar per wave from its start to its cutover, with dated markers such as the
fee-schedule revision and shaded spans such as the windows around it in which nothing is cut over. Quarter grid
lines; fiscal years (April) drawn darker."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup

from hismigrate.report.charts.svg import (
    GRID,
    INK,
    MUTED,
    PALETTE,
    SEVERITY_COLOURS,
    Canvas,
    ChartText,
    num,
    text_width,
    truncate,
)
from hismigrate.report.formats import format_date as format_day
from hismigrate.report.formats import format_month

WIDTH = 720.0
ROW = 30.0
MARKER_COLOUR = SEVERITY_COLOURS["high"]


@dataclass(frozen=True)
class TimelineBar:
    """One wave: a label, its start and its cutover; `detail` (e.g. the systems) is written after the bar."""

    label: str
    start: date
    end: date
    detail: str = ""
    tooltip: str = ""  # added to the bar's tooltip (e.g. every system's name)


@dataclass(frozen=True)
class TimelineMarker:
    """A dated event drawn as a vertical line across the chart."""

    when: date
    label: str


@dataclass(frozen=True)
class TimelineSpan:
    """A dated period, first to last day inclusive, shaded behind the bars; `label` is its tooltip."""

    start: date
    end: date
    label: str = ""


def _month_index(day: date) -> float:
    return day.year * 12 + (day.month - 1) + (day.day - 1) / 31


def _quarters(first: date, last: date) -> list[date]:
    out = []
    year, month = first.year, (first.month - 1) // 3 * 3 + 1
    while date(year, month, 1) <= last:
        out.append(date(year, month, 1))
        month += 3
        if month > 12:
            year, month = year + 1, month - 12
    return out


def _next_quarter(day: date) -> date:
    month = day.month - 1 + 3
    return date(day.year + month // 12, month % 12 + 1, 1)


def wave_timeline(
    bars: Sequence[TimelineBar],
    text: ChartText,
    *,
    lang: str,
    markers: Sequence[TimelineMarker] = (),
    spans: Sequence[TimelineSpan] = (),
    standalone: bool = False,
) -> Markup:
    """Bars on a time axis from the first start (or marker, or span) to the last end, rounded out to whole
    quarters."""
    label_width = min(max((text_width(b.label) for b in bars), default=0) + 12, 200)
    rows = max(len(bars), 1)
    height = 24 + ROW * rows + 48
    canvas = Canvas(WIDTH, height)
    left, right, top = label_width + 8, WIDTH - 16, 24.0
    bottom = top + ROW * rows
    days = [d for b in bars for d in (b.start, b.end)] + [m.when for m in markers]
    days += [d for span in spans for d in (span.start, span.end)]
    first = min(days, default=date(2000, 1, 1))
    last = max(days, default=first)
    ticks = _quarters(first, last)
    span_start = _month_index(ticks[0])
    span_end = _month_index(_next_quarter(_quarters(last, last)[0]))

    def x_of(day: date) -> float:
        return left + (_month_index(day) - span_start) / (span_end - span_start) * (right - left)

    # Label only as many quarters as fit; fiscal-year starts (April) are preferred and drawn darker.
    label_every = 1
    widest = max((text_width(format_month(t, lang), 11) for t in ticks), default=0) + 8
    while (right - left) / max(len(ticks), 1) * label_every < widest:
        label_every += 1
    for span in sorted(spans, key=lambda p: (p.start, p.end)):  # behind the grid and the bars
        x0, x1 = x_of(span.start), x_of(span.end + timedelta(days=1))
        canvas.rect(x0, top, x1 - x0, bottom - top, MARKER_COLOUR, tooltip=span.label or None, fill_opacity=0.12)
    for i, tick in enumerate(ticks):
        x = x_of(tick)
        fiscal = tick.month == 4
        canvas.line(x, top, x, bottom, stroke=MUTED if fiscal else GRID)
        if i % label_every == 0:
            canvas.text(x, bottom + 15, format_month(tick, lang), size=11, anchor="middle", fill=MUTED)
    if text.axis:
        canvas.text((left + right) / 2, bottom + 34, text.axis, anchor="middle", fill=MUTED)

    for i, bar in enumerate(bars):
        y = top + ROW * i + 6
        colour = PALETTE[i % len(PALETTE)]
        canvas.text(left - 8, y + 13, truncate(bar.label, label_width - 12), anchor="end", tooltip=bar.label)
        x0, x1 = x_of(bar.start), x_of(bar.end)
        tip = f"{bar.label}: {format_day(bar.start, lang)} – {format_day(bar.end, lang)}"
        if bar.tooltip:
            tip += f" ({bar.tooltip})"
        if x1 - x0 < 4:  # a one-day wave is a milestone
            cx, cy = (x0 + x1) / 2, y + 9
            points = f"{num(cx)},{num(cy - 8)} {num(cx + 8)},{num(cy)} {num(cx)},{num(cy + 8)} {num(cx - 8)},{num(cy)}"
            canvas.add(f'<polygon points="{points}" fill="{colour}"/>')
            x1 = cx + 8
        else:
            canvas.rect(x0, y, x1 - x0, ROW - 12, colour, tooltip=tip, rx=3)
        if bar.detail:
            # over the grid lines: a white halo keeps the words readable where a line crosses them
            # after the bar, or before it when the bar ends too near the right edge for the words
            after, before = max(WIDTH - x1 - 10, 0), max(x0 - left - 8, 0)
            fits_after = text_width(bar.detail, 11) <= after or after >= before
            canvas.text(
                x1 + 6 if fits_after else x0 - 6,
                y + 13,
                truncate(bar.detail, after if fits_after else before, 11),
                size=11,
                anchor="start" if fits_after else "end",
                tooltip=bar.detail,
                stroke="#FFFFFF",
                stroke_width=3,
                paint_order="stroke",
            )
    for marker in sorted(markers, key=lambda m: (m.when, m.label)):
        x = x_of(marker.when)
        canvas.line(x, top - 6, x, bottom, stroke=MARKER_COLOUR, stroke_width=1.5, stroke_dasharray="5 3")
        canvas.text(
            x + 3,
            top - 10,
            marker.label,
            size=11,
            fill=MARKER_COLOUR,
            stroke="#FFFFFF",
            stroke_width=3,
            paint_order="stroke",
        )
    canvas.line(left, bottom, right, bottom, stroke=INK)
    return canvas.render(text, standalone)
