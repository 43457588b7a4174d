"""Checks on segmentation: which zones the firewall lets reach the clinical and medical-device zones."""

from __future__ import annotations

from collections.abc import Iterator

from hismigrate.exposure.check import Check, Context, Hit, subject
from hismigrate.model.enums import Zone
from hismigrate.model.exposure import Severity
from hismigrate.model.inventory import Route, Segment
from hismigrate.model.text import fold

GL_NET = "GL6.0 system operation: network security"
PROTECTED = (Zone.clinical, Zone.medical_device)


def route_subject(source: str, target: str) -> str:
    return subject("route", f"{source}->{target}")


def _routes(ctx: Context) -> Iterator[tuple[Segment, Route, Segment]]:
    for seg in ctx.segments.values():
        for route in seg.routes:
            target = ctx.segments.get(route.to)
            if target is not None:
                yield seg, route, target


def _route_hit(seg: Segment, route: Route, target: Segment) -> Hit:
    return Hit(
        route_subject(seg.id, target.id),
        {
            "from_zone": seg.zone.value,
            "to_zone": target.zone.value,
            "filtered": route.filtered,
            "ports": ", ".join(route.ports) or None,
        },
    )


def any_to_any_into_clinical(ctx: Context) -> Iterator[Hit]:
    for seg, route, target in _routes(ctx):
        if not route.filtered and seg.zone in (Zone.office, Zone.internet) and target.zone == Zone.clinical:
            yield _route_hit(seg, route, target)


def medical_devices_from_vendor_lines(ctx: Context) -> Iterator[Hit]:
    reached: dict[str, set[str]] = {}
    for segment_id, lines in ctx.vendor_landings.items():
        for target in ctx.reachable_from(segment_id):
            reached.setdefault(target, set()).update(c.id for c in lines)
    for seg in ctx.segments.values():
        if seg.zone == Zone.medical_device and seg.id in reached:
            lines = sorted(reached[seg.id])
            yield Hit(
                subject("segment", seg.id),
                {"zone": seg.zone.value, "connections": ", ".join(lines[:10]), "connection_count": len(lines)},
            )


def flat_network(ctx: Context) -> Iterator[Hit]:
    minimum = int(ctx.thresholds["flat_min_servers"])
    by_segment: dict[str, int] = {}
    for server in ctx.servers:
        by_segment[server.segment] = by_segment.get(server.segment, 0) + 1
    if len(by_segment) == 1 and len(ctx.servers) >= minimum:
        (only,) = by_segment
        yield Hit("estate", {"segments_with_servers": 1, "segment": only, "servers": len(ctx.servers)})


def admin_ports_into_clinical(ctx: Context) -> Iterator[Hit]:
    admin = {fold(str(p)) for p in ctx.thresholds["admin_ports"]}
    for seg, route, target in _routes(ctx):
        if route.filtered and target.zone in PROTECTED and seg.zone not in PROTECTED:
            open_ports = [p for p in route.ports if fold(p) in admin]
            if open_ports:
                yield Hit(
                    route_subject(seg.id, target.id),
                    {"from_zone": seg.zone.value, "to_zone": target.zone.value, "admin_ports": ", ".join(open_ports)},
                )


def vendor_zone_any_to_any(ctx: Context) -> Iterator[Hit]:
    for seg, route, target in _routes(ctx):
        if not route.filtered and seg.zone in (Zone.vendor, Zone.dmz) and target.zone in PROTECTED:
            yield _route_hit(seg, route, target)


def clinical_to_internet(ctx: Context) -> Iterator[Hit]:
    for seg, route, target in _routes(ctx):
        if not route.filtered and seg.zone == Zone.clinical and target.zone == Zone.internet:
            yield _route_hit(seg, route, target)


def _c(ident: str, severity: Severity, kind: str, refs: tuple[str, ...], run: object) -> Check:
    # Segments and routes stay as they are in every state; the checks over lines and servers do not.
    scope = "static" if kind == "route" else "state"
    return Check(ident, severity, "segmentation", kind, refs, run, scope)  # type: ignore[arg-type]


CHECKS: tuple[Check, ...] = (
    _c("HIS-SEG-001", Severity.critical, "route", (GL_NET,), any_to_any_into_clinical),
    _c("HIS-SEG-002", Severity.high, "segment", ("MHLW-R6 2-(9)", GL_NET), medical_devices_from_vendor_lines),
    _c("HIS-SEG-003", Severity.high, "estate", (GL_NET,), flat_network),
    _c("HIS-SEG-004", Severity.high, "route", ("MHLW-R6 2-(8)", GL_NET), admin_ports_into_clinical),
    _c("HIS-SEG-005", Severity.high, "route", ("MHLW-R6 2-(9)", GL_NET), vendor_zone_any_to_any),
    _c("HIS-SEG-006", Severity.medium, "route", (GL_NET,), clinical_to_internet),
)
