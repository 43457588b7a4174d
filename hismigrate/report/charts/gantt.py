"""The group's Gantt chart: one row per member (and one for the shared environment's build), each with its spans
(preparation, build) and its milestones (cutovers onto the package, its own waves), on a time axis of quarters with
the fee-revision blackouts shaded and the environment's ready day marked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup

from hismigrate.report.charts.scale import draw_legend
from hismigrate.report.charts.svg import GRID, INK, MUTED, PALETTE, Canvas, ChartText, num, text_width, truncate
from hismigrate.report.charts.timeline import _month_index, _next_quarter, _quarters
from hismigrate.report.formats import format_month

WIDTH = 720.0
ROW = 26.0
COLOURS = {"build": PALETTE[3], "prep": "#C7D2FE", "package": PALETTE[0], "own": PALETTE[2]}
BLACKOUT = "#FDE7D6"


@dataclass(frozen=True)
class GanttSpan:
    start: date
    end: date
    kind: str  # build or prep
    tooltip: str = ""


@dataclass(frozen=True)
class GanttMilestone:
    when: date
    kind: str  # package (a cutover onto the package) or own (a wave of the member's own plan)
    tooltip: str = ""


@dataclass(frozen=True)
class GanttRow:
    label: str
    spans: Sequence[GanttSpan] = field(default_factory=tuple)
    milestones: Sequence[GanttMilestone] = field(default_factory=tuple)


def _diamond(canvas: Canvas, cx: float, cy: float, colour: str, tooltip: str) -> None:
    points = f"{num(cx)},{num(cy - 7)} {num(cx + 7)},{num(cy)} {num(cx)},{num(cy + 7)} {num(cx - 7)},{num(cy)}"
    title = f"<title>{tooltip}</title>" if tooltip else ""
    canvas.add(f'<polygon points="{points}" fill="{colour}" stroke="white" stroke-width="1">{title}</polygon>')


def member_gantt(
    rows: Sequence[GanttRow],
    text: ChartText,
    *,
    lang: str,
    legend: dict[str, str],
    blackouts: Sequence[tuple[date, date]] = (),
    ready: date | None = None,
    ready_label: str = "",
    standalone: bool = False,
) -> Markup:
    """Rows on a quarter axis from the first to the last day shown; `legend` names each kind in the report's
    language (build, prep, package, own)."""
    from xml.sax.saxutils import escape

    label_width = min(max((text_width(r.label) for r in rows), default=0) + 12, 210)
    canvas = Canvas(WIDTH, 0)
    left, right = label_width + 8, WIDTH - 16
    legend_height = draw_legend(
        canvas, [(legend[k], COLOURS[k]) for k in COLOURS if k in legend], left, 8, right - left
    )
    top = 8 + legend_height + 22
    bottom = top + ROW * max(len(rows), 1)
    canvas.height = bottom + 48
    days = [d for r in rows for s in r.spans for d in (s.start, s.end)] + [m.when for r in rows for m in r.milestones]
    first, last = min(days, default=date(2000, 1, 1)), max(days, default=date(2000, 1, 1))
    ticks = _quarters(first, last)
    span_start = _month_index(ticks[0])
    span_end = _month_index(_next_quarter(_quarters(last, last)[0]))

    def x_of(day: date) -> float:
        return left + (_month_index(day) - span_start) / (span_end - span_start) * (right - left)

    for start, end in blackouts:
        if end < ticks[0] or start > last:
            continue
        x0, x1 = max(x_of(start), left), min(x_of(end), right)
        canvas.rect(x0, top, x1 - x0, bottom - top, BLACKOUT)
    label_every = 1
    widest = max((text_width(format_month(t, lang), 11) for t in ticks), default=0) + 8
    while (right - left) / max(len(ticks), 1) * label_every < widest:
        label_every += 1
    for i, tick in enumerate(ticks):
        x = x_of(tick)
        canvas.line(x, top, x, bottom, stroke=MUTED if tick.month == 4 else GRID)
        if i % label_every == 0:
            canvas.text(x, bottom + 15, format_month(tick, lang), size=11, anchor="middle", fill=MUTED)
    if text.axis:
        canvas.text((left + right) / 2, bottom + 34, text.axis, anchor="middle", fill=MUTED)
    for i, row in enumerate(rows):
        y = top + ROW * i + 5
        canvas.text(left - 8, y + 12, truncate(row.label, label_width - 12), anchor="end", tooltip=row.label)
        for span in row.spans:
            x0, x1 = x_of(span.start), x_of(span.end)
            canvas.rect(x0, y + 2, max(x1 - x0, 2), ROW - 14, COLOURS[span.kind], tooltip=span.tooltip or None, rx=3)
        # the member's own waves first, as small rings, so that a cutover onto the package on the same day stays seen
        for milestone in sorted(row.milestones, key=lambda m: (m.kind != "own", m.when)):
            tip = escape(milestone.tooltip)
            if milestone.kind == "own":
                colour = COLOURS["own"]
                title = f"<title>{tip}</title>" if tip else ""
                canvas.add(
                    f'<circle cx="{num(x_of(milestone.when))}" cy="{num(y + 8)}" r="4.5" fill="white" stroke="{colour}"'
                    f' stroke-width="2">{title}</circle>'
                )
            else:
                _diamond(canvas, x_of(milestone.when), y + 8, COLOURS[milestone.kind], tip)
    if ready is not None:
        x = x_of(ready)
        canvas.line(x, top - 6, x, bottom, stroke=PALETTE[3], stroke_width=1.5, stroke_dasharray="5 3")
        if ready_label:
            canvas.text(x + 3, top - 9, ready_label, size=11, fill=PALETTE[3])
    canvas.line(left, bottom, right, bottom, stroke=INK)
    return canvas.render(text, standalone)


__all__ = ["GanttMilestone", "GanttRow", "GanttSpan", "member_gantt"]
