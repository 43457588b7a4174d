"""A network diagram of one estate state: the hospital's segments as boxes holding their systems, the external
connection points as pills at the top of the segment they land in, the cloud as a band of its own below the hospital,
and a legend of the marks.

Every label fits its box: a name wraps onto a second line, and one longer than that is shortened with an ellipsis,
its full name in the label's tooltip (`<title>`). Each label and its box are one `<g class="label-box">`, so a test
can measure the drawn text against the box in a browser. The layout is plain and deterministic: segments in id order
are dealt into columns, so that a segment sits in the same place in every state."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from hismigrate.report.charts.svg import (
    INK,
    MUTED,
    SEVERITY_COLOURS,
    Canvas,
    ChartText,
    esc,
    num,
    text_width,
    truncate,
    words_of,
)

WIDTH = 760.0
PAD = 10.0
GAP = 8.0
HEADER = 22.0
CHIP_SIZE = 10.5  # font size of a system or connection label
LINE = 13.0  # line height of a label
CHIP_PAD_X, CHIP_PAD_Y = 5.0, 4.0
CHIP_GAP = 4.0
MAX_LINES = 2
TALL = 220.0  # a segment box taller than this in half the width takes the whole width instead
CLOUD = "cloud"  # `lands_in` of a connection that ends in the cloud
SEGMENT_FILL, CLOUD_FILL, SYSTEM_FILL = "#F3F4F6", "#E8F1FA", "#FFFFFF"
PORT_COLOUR, FLAGGED_COLOUR = MUTED, SEVERITY_COLOURS["critical"]


@dataclass(frozen=True)
class DiagramSystem:
    id: str
    name: str
    critical: bool = False  # care stops without it: drawn with a heavy border


@dataclass(frozen=True)
class DiagramSegment:
    id: str
    name: str
    zone: str  # the zone's label in the report's language
    systems: Sequence[DiagramSystem] = ()


@dataclass(frozen=True)
class DiagramConnection:
    id: str
    name: str  # the pill's label (short: the connection's id)
    lands_in: str  # a segment id, or CLOUD
    flagged: bool = False  # has a finding: drawn in red
    detail: str = ""  # what the tooltip adds to the name (the device, the operator)


@dataclass(frozen=True)
class EstateDiagram:
    """One state of the estate: what stays in the hospital, what is in the cloud, and the lines in."""

    segments: Sequence[DiagramSegment]
    cloud: Sequence[DiagramSystem] = ()
    connections: Sequence[DiagramConnection] = ()
    cloud_link: str = ""  # label of the line between the hospital and the cloud (e.g. 閉域網 1 Gbps)


@dataclass(frozen=True)
class Legend:
    """The words of the legend, in the report's language."""

    critical: str  # a system care stops without (heavy border)
    system: str
    flagged: str  # a connection point with findings (red)
    connection: str


@dataclass(frozen=True)
class _Chip:
    lines: tuple[str, ...]
    width: float
    height: float
    tooltip: str  # the full name when a line was shortened, else empty


def fit_label(text: str, width: float, size: float = CHIP_SIZE, max_lines: int = MAX_LINES) -> tuple[list[str], bool]:
    """`text` in at most `max_lines` lines of at most `width` (broken between words, or between any two Japanese
    characters); True when it had to be shortened (the last line then ends with an ellipsis)."""
    words = words_of(text)
    lines: list[str] = []
    line, used = "", 0
    for used, word in enumerate(words, start=1):  # `used`: how many words the lines took
        candidate = line + word
        if line.strip() and text_width(candidate.rstrip(), size) > width:
            if len(lines) == max_lines - 1:
                used -= 1
                break
            lines.append(line.rstrip())
            line = word.lstrip()
        else:
            line = candidate
    rest = "".join(words[used:])
    last = (line + rest).strip()
    lines.append(last)
    fitted = [truncate(one, width, size) for one in lines]
    return fitted, fitted != lines


def _chip(text: str, max_width: float, tooltip: str = "") -> _Chip:
    lines, cut = fit_label(text, max_width - 2 * CHIP_PAD_X)
    width = min(max(text_width(line, CHIP_SIZE) for line in lines) + 2 * CHIP_PAD_X, max_width)
    full = tooltip or text
    return _Chip(tuple(lines), width, len(lines) * LINE + 2 * CHIP_PAD_Y, full if (cut or tooltip) else "")


def _flow(chips: Sequence[_Chip], width: float) -> tuple[list[tuple[float, float]], float]:
    """Positions of chips laid out left to right in rows of `width`, and the height they take."""
    places: list[tuple[float, float]] = []
    x = y = row = 0.0
    for chip in chips:
        if x > 0 and x + chip.width > width:
            x, y, row = 0.0, y + row + CHIP_GAP, 0.0
        places.append((x, y))
        x += chip.width + CHIP_GAP
        row = max(row, chip.height)
    return places, (y + row if chips else 0.0)


def _draw_chip(
    canvas: Canvas,
    chip: _Chip,
    x: float,
    y: float,
    *,
    stroke: str,
    stroke_width: float,
    rx: float,
    fill: str,
    colour: str = INK,
) -> None:
    title = f"<title>{esc(chip.tooltip)}</title>" if chip.tooltip else ""
    texts = "".join(
        f'<text x="{num(x + CHIP_PAD_X)}" y="{num(y + CHIP_PAD_Y + LINE * i + 10)}" font-size="{num(CHIP_SIZE)}"'
        f' fill="{colour}">{esc(line)}</text>'
        for i, line in enumerate(chip.lines)
    )
    canvas.add(
        f'<g class="label-box">{title}<rect x="{num(x)}" y="{num(y)}" width="{num(chip.width)}"'
        f' height="{num(chip.height)}" fill="{fill}" stroke="{stroke}" stroke-width="{num(stroke_width)}"'
        f' rx="{num(rx)}"/>{texts}</g>'
    )


def _ordered(systems: Sequence[DiagramSystem]) -> list[DiagramSystem]:
    """Critical systems first, then by name: the eye finds what care depends on."""
    return sorted(systems, key=lambda s: (not s.critical, s.name, s.id))


@dataclass(frozen=True)
class _Box:
    """A titled box laid out at a width: its pills and chips with their places, and its height."""

    width: float
    title: str
    subtitle: str
    pills: list[tuple[DiagramConnection, _Chip, tuple[float, float]]]
    chips: list[tuple[DiagramSystem, _Chip, tuple[float, float]]]
    pills_height: float
    height: float


def _lay_out_box(
    width: float, title: str, subtitle: str, systems: Sequence[DiagramSystem], conns: Sequence[DiagramConnection]
) -> _Box:
    inner = width - 2 * PAD
    ordered = _ordered(systems)
    pills = [_chip(c.name, inner, f"{c.name} ({c.detail})" if c.detail else "") for c in conns]
    chips = [_chip(s.name, inner) for s in ordered]
    pill_places, pills_height = _flow(pills, inner)
    chip_places, chips_height = _flow(chips, inner)
    body = pills_height + (CHIP_GAP * 1.5 if pills and chips else 0) + (chips_height if chips else LINE)
    return _Box(
        width,
        title,
        subtitle,
        list(zip(conns, pills, pill_places, strict=True)),
        list(zip(ordered, chips, chip_places, strict=True)),
        pills_height,
        HEADER + body + PAD,
    )


def _draw_box(canvas: Canvas, box: _Box, x: float, y: float, fill: str) -> None:
    """The box at (x, y): its title and zone, its connection pills, then its systems."""
    inner = box.width - 2 * PAD
    canvas.rect(x, y, box.width, box.height, fill, stroke=INK, stroke_width=1, rx=4)
    subtitle_width = text_width(box.subtitle, 10) + 8 if box.subtitle else 0
    title_lines, cut = fit_label(box.title, inner - subtitle_width, 12, 1)
    canvas.add(
        f'<g class="label-box">{f"<title>{esc(box.title)}</title>" if cut else ""}'
        f'<rect x="{num(x + PAD)}" y="{num(y + 1)}" width="{num(inner - subtitle_width)}" height="{num(HEADER - 2)}"'
        f' fill="none"/><text x="{num(x + PAD)}" y="{num(y + 16)}" font-size="12" font-weight="bold"'
        f' fill="{INK}">{esc(title_lines[0])}</text></g>'
    )
    if box.subtitle:
        canvas.text(x + box.width - PAD, y + 16, box.subtitle, size=10, anchor="end", fill=MUTED)
    top = y + HEADER
    for conn, pill, (px, py) in box.pills:
        colour = FLAGGED_COLOUR if conn.flagged else PORT_COLOUR
        _draw_chip(
            canvas, pill, x + PAD + px, top + py, stroke=colour, stroke_width=1.5, rx=8, fill="#FFFFFF", colour=colour
        )
    offset = top + box.pills_height + (CHIP_GAP * 1.5 if box.pills else 0)
    if not box.chips:
        canvas.text(x + PAD, offset + 10, "—", fill=MUTED)
    for system, chip, (cx, cy) in box.chips:
        stroke_width = 2 if system.critical else 0.5
        _draw_chip(
            canvas, chip, x + PAD + cx, offset + cy, stroke=INK, stroke_width=stroke_width, rx=2, fill=SYSTEM_FILL
        )


def _legend(canvas: Canvas, legend: Legend, x: float, y: float, width: float) -> float:
    """The marks, one row (wrapping when needed); returns the height used."""
    entries = [
        (legend.critical, INK, 2.0, 2.0, SYSTEM_FILL),
        (legend.system, INK, 0.5, 2.0, SYSTEM_FILL),
        (legend.flagged, FLAGGED_COLOUR, 1.5, 6.0, "#FFFFFF"),
        (legend.connection, PORT_COLOUR, 1.5, 6.0, "#FFFFFF"),
    ]
    cx, cy = x, y
    for name, stroke, stroke_width, rx, fill in entries:
        item = 26 + text_width(name, 10) + 14
        if cx > x and cx + item > x + width:
            cx, cy = x, cy + 18
        canvas.rect(cx, cy, 20, 12, fill, stroke=stroke, stroke_width=stroke_width, rx=rx)
        canvas.text(cx + 26, cy + 10, name, size=10, fill=INK)
        cx += item
    return cy - y + 16


def network_diagram(
    estate: EstateDiagram,
    text: ChartText,
    *,
    hospital_label: str,
    cloud_label: str,
    legend: Legend | None = None,
    standalone: bool = False,
) -> Markup:
    """The estate as boxes: the hospital's segments in columns, the cloud as a band below it, pills for lines."""
    segment_ids = {s.id for s in estate.segments}
    for conn in estate.connections:
        if conn.lands_in != CLOUD and conn.lands_in not in segment_ids:
            raise ValueError(f"connection {conn.id!r} lands in unknown segment {conn.lands_in!r}")
    by_segment: dict[str, list[DiagramConnection]] = {}
    for conn in sorted(estate.connections, key=lambda c: c.id):
        by_segment.setdefault(conn.lands_in, []).append(conn)

    segments = sorted(estate.segments, key=lambda s: s.id)
    inner_left, inner_width = PAD * 2, WIDTH - PAD * 4
    columns = 2 if len(segments) > 2 else max(len(segments), 1)
    column_width = (inner_width - GAP * (columns - 1)) / columns
    canvas = Canvas(WIDTH, 0)  # height known only after layout
    body = Canvas(WIDTH, 0)
    top = 34.0
    heights = [top] * columns
    for segment in segments:
        conns = by_segment.get(segment.id, [])
        box = _lay_out_box(column_width, segment.name, segment.zone, segment.systems, conns)
        if columns > 1 and box.height > TALL:  # a segment of many systems takes the whole width
            box = _lay_out_box(inner_width, segment.name, segment.zone, segment.systems, conns)
            y = max(heights)
            _draw_box(body, box, inner_left, y, SEGMENT_FILL)
            heights = [y + box.height + GAP] * columns
            continue
        column = heights.index(min(heights))  # the shorter column: the boxes pack into the page
        _draw_box(body, box, inner_left + column * (column_width + GAP), heights[column], SEGMENT_FILL)
        heights[column] += box.height + GAP
    hospital_bottom = max(max(heights), top + 40.0)
    link_top = hospital_bottom + 6
    cloud_top = link_top + 30
    cloud = _lay_out_box(WIDTH - 2 * PAD, cloud_label, "", estate.cloud, by_segment.get(CLOUD, []))
    _draw_box(body, cloud, PAD, cloud_top, CLOUD_FILL)
    cloud_height = cloud.height
    bottom = cloud_top + cloud_height + PAD
    if legend is not None:
        bottom += _legend(body, legend, PAD, bottom, WIDTH - 2 * PAD) + 4
    canvas.height = bottom
    canvas.rect(PAD, 8, WIDTH - 2 * PAD, hospital_bottom - 8 + 2, "none", stroke=INK, stroke_width=1.5, rx=6)
    canvas.text(PAD + 8, 24, hospital_label, font_weight="bold")
    middle = WIDTH / 2
    canvas.line(middle, hospital_bottom + 2, middle, cloud_top, stroke=INK, stroke_width=2.5)
    if estate.cloud_link:
        canvas.text(middle + 8, link_top + 18, estate.cloud_link, size=10, fill=MUTED)
    canvas.parts.extend(body.parts)
    return canvas.render(text, standalone)
