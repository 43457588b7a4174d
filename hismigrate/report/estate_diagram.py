"""The inventory in one migration state as the network diagram's input: segments with the systems still on
premises, the cloud with the systems moved, and the external connection points (flagged when they have findings)."""

from __future__ import annotations

from collections.abc import Iterable, Set

from hismigrate.i18n import label
from hismigrate.model.enums import ConnectionKind
from hismigrate.model.inventory import Inventory
from hismigrate.report.charts.network import (
    DiagramConnection,
    DiagramSegment,
    DiagramSystem,
    EstateDiagram,
)
from hismigrate.report.formats import format_mbps


def estate_diagram(
    inventory: Inventory, in_cloud: Set[str], flagged_subjects: Iterable[str], lang: str, link_label: str = ""
) -> EstateDiagram:
    """`in_cloud`: system ids in the cloud; `flagged_subjects`: finding subjects (`connection:<id>` ones mark a
    connection red); `link_label` is formatted with `mbps` (the cloud lines' total bandwidth) when systems moved.
    A system on premises is drawn in the segment of its first server (servers list order), or in none."""
    index = inventory.by_id()
    flagged = {s.partition(":")[2] for s in flagged_subjects if s.startswith("connection:")}
    placed: dict[str, list[DiagramSystem]] = {}
    cloud: list[DiagramSystem] = []
    for system in inventory.systems:
        drawn = DiagramSystem(system.id, system.name, critical=system.criticality == 1)
        if system.id in in_cloud:
            cloud.append(drawn)
            continue
        segment = next((index.servers[s].segment for s in system.servers if s in index.servers), None)
        if segment is not None:
            placed.setdefault(segment, []).append(drawn)
    segments = [
        DiagramSegment(s.id, s.name, label(s.zone, lang), tuple(placed.get(s.id, ()))) for s in inventory.segments
    ]
    connections = [
        DiagramConnection(
            c.id,
            c.id,
            c.lands_in,
            c.id in flagged,
            " / ".join(p for p in (" ".join(q for q in (c.device_vendor, c.device_product) if q), c.operator) if p),
        )
        for c in inventory.connections
        if c.lands_in in index.segments
    ]
    link = ""
    if in_cloud and link_label:
        mbps = sum(c.bandwidth_mbps or 0 for c in inventory.connections if c.kind == ConnectionKind.cloud_link)
        link = link_label.format(mbps=format_mbps(mbps)) if mbps else ""
    return EstateDiagram(segments, tuple(cloud), connections, link)
