"""A small network diagram of one estate state: the hospital's segments as boxes with their systems inside, the
external connection points on the edge of the segment they land in, and the cloud as a box of its own.

The layout is plain and deterministic: segments in id order are dealt into two or three columns,
so that the same segment sits in the same place in every state."""

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
    text_width,
    truncate,
)

WIDTH = 760.0
CLOUD_WIDTH = 190.0
PAD = 12.0
HEADER = 22.0
SYSTEM_ROW = 22.0
PORT_ROW = 20.0
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
    name: str
    lands_in: str  # a segment id, or CLOUD
    flagged: bool = False  # has a finding: drawn in red


@dataclass(frozen=True)
class EstateDiagram:
    """One state of the estate: what stays in the hospital, what is in the cloud, and the lines in."""

    segments: Sequence[DiagramSegment]
    cloud: Sequence[DiagramSystem] = ()
    connections: Sequence[DiagramConnection] = ()
    cloud_link: str = ""  # label of the line between the hospital and the cloud (e.g. 閉域網 1 Gbps)


def _port_rows(names: Sequence[str], width: float) -> list[list[str]]:
    rows: list[list[str]] = [[]]
    used = 0.0
    for name in names:
        pill = min(text_width(name, 10) + 14, width)
        if rows[-1] and used + pill > width:
            rows.append([])
            used = 0.0
        rows[-1].append(name)
        used += pill + 4
    return rows if rows[0] else []


def _draw_ports(canvas: Canvas, conns: Sequence[DiagramConnection], x: float, box_top: float, width: float) -> None:
    """Pills straddling the box's top edge; further rows stack above it."""
    rows = _port_rows([c.name for c in conns], width - 2 * PAD)
    queue = list(conns)
    for r, row in enumerate(rows):
        cx = x + PAD
        cy = box_top - 9 - PORT_ROW * (len(rows) - 1 - r)
        for _ in row:
            conn = queue.pop(0)
            pill = min(text_width(conn.name, 10) + 14, width - 2 * PAD)
            colour = FLAGGED_COLOUR if conn.flagged else PORT_COLOUR
            canvas.rect(cx, cy, pill, 18, "#FFFFFF", stroke=colour, stroke_width=1.5, rx=9, tooltip=conn.name)
            canvas.text(cx + 7, cy + 13, truncate(conn.name, pill - 12, 10), size=10, fill=colour)
            cx += pill + 4


def _box(
    canvas: Canvas,
    x: float,
    y: float,
    width: float,
    title: str,
    subtitle: str,
    systems: Sequence[DiagramSystem],
    conns: Sequence[DiagramConnection],
    fill: str,
) -> float:
    """A titled box of systems with its connection ports; returns the height it takes including the ports."""
    ports = len(_port_rows([c.name for c in conns], width - 2 * PAD))
    top = y + PORT_ROW * ports
    offset = 9.0 if ports else 0.0  # the lower half of the port pills sits inside the box
    inner = max(len(systems), 1) * SYSTEM_ROW
    height = offset + HEADER + inner + PAD
    canvas.rect(x, top, width, height, fill, stroke=INK, stroke_width=1, rx=4)
    canvas.text(
        x + PAD,
        top + offset + 15,
        truncate(title, width - 2 * PAD - text_width(subtitle, 10) - 8),
        tooltip=title,
        font_weight="bold",
    )
    canvas.text(x + width - PAD, top + offset + 15, subtitle, size=10, anchor="end", fill=MUTED)
    if not systems:
        canvas.text(x + PAD, top + offset + HEADER + 13, "—", fill=MUTED)
    for i, system in enumerate(systems):
        sy = top + offset + HEADER + i * SYSTEM_ROW
        canvas.rect(
            x + PAD,
            sy,
            width - 2 * PAD,
            SYSTEM_ROW - 4,
            SYSTEM_FILL,
            stroke=INK,
            stroke_width=2 if system.critical else 0.5,
            rx=2,
            tooltip=system.name,
        )
        canvas.text(x + PAD + 6, sy + 13, truncate(system.name, width - 2 * PAD - 12, 11), size=11)
    _draw_ports(canvas, conns, x, top, width)
    return PORT_ROW * ports + height


def _ordered(systems: Sequence[DiagramSystem]) -> list[DiagramSystem]:
    """Critical systems first, then by name: the eye finds what care depends on."""
    return sorted(systems, key=lambda s: (not s.critical, s.name, s.id))


def network_diagram(
    estate: EstateDiagram, text: ChartText, *, hospital_label: str, cloud_label: str, standalone: bool = False
) -> Markup:
    """The estate as boxes: hospital segments on the left, the cloud on the right, ports on the box edges."""
    segment_ids = {s.id for s in estate.segments}
    for conn in estate.connections:
        if conn.lands_in != CLOUD and conn.lands_in not in segment_ids:
            raise ValueError(f"connection {conn.id!r} lands in unknown segment {conn.lands_in!r}")
    by_segment: dict[str, list[DiagramConnection]] = {}
    for conn in sorted(estate.connections, key=lambda c: c.id):
        by_segment.setdefault(conn.lands_in, []).append(conn)

    segments = sorted(estate.segments, key=lambda s: s.id)
    hospital_width = WIDTH - CLOUD_WIDTH - 3 * PAD
    columns = 3 if len(segments) > 4 else 2 if len(segments) > 1 else 1
    column_width = (hospital_width - PAD * (columns + 1)) / columns
    heights = [0.0] * columns
    drawing = Canvas(WIDTH, 0)  # height known only after layout: draw, then size the canvas
    top = 34.0
    for index, segment in enumerate(segments):
        column = index % columns  # by position, not by fill: a segment keeps its place from state to state
        x = PAD + PAD + column * (column_width + PAD)
        used = _box(
            drawing,
            x,
            top + heights[column],
            column_width,
            segment.name,
            segment.zone,
            _ordered(segment.systems),
            by_segment.get(segment.id, []),
            SEGMENT_FILL,
        )
        heights[column] += used + PAD
    hospital_height = max(max(heights, default=0) + top, 120)

    cloud_x = PAD + hospital_width + PAD
    cloud_height = _box(
        drawing,
        cloud_x,
        top,
        CLOUD_WIDTH,
        cloud_label,
        "",
        _ordered(estate.cloud),
        by_segment.get(CLOUD, []),
        CLOUD_FILL,
    )
    height = max(hospital_height, top + cloud_height + (24 if estate.cloud_link else 0)) + PAD

    canvas = Canvas(WIDTH, height)
    canvas.rect(PAD, 8, hospital_width, height - 16, "none", stroke=INK, stroke_width=1.5, rx=6)
    canvas.text(PAD + 8, 24, hospital_label, font_weight="bold")
    link_y = top + cloud_height / 2 + 10
    canvas.line(PAD + hospital_width, link_y, cloud_x, link_y, stroke=INK, stroke_width=2.5)
    if estate.cloud_link:
        canvas.text(
            cloud_x + CLOUD_WIDTH / 2, top + cloud_height + 16, estate.cloud_link, size=10, anchor="middle", fill=MUTED
        )
    canvas.parts.extend(drawing.parts)
    return canvas.render(text, standalone)
