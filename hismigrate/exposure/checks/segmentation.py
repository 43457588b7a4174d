"""Checks on segmentation: which zones the firewall lets reach the clinical and medical-device zones."""

from __future__ import annotations

from collections.abc import Iterator

from hismigrate.exposure.check import Check, Context, Hit, subject
from hismigrate.model.enums import Zone
from hismigrate.model.exposure import Scalar, Severity
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


def vendor_operated(ctx: Context, seg: Segment) -> bool:
    """A segment a vendor or contractor runs or comes in through: the vendor zone, a DMZ, or where one of their
    lines lands, whatever the hospital labelled it."""
    return seg.zone in (Zone.vendor, Zone.dmz) or seg.id in ctx.vendor_landings


def any_to_any_into_clinical(ctx: Context) -> Iterator[Hit]:
    for seg, route, target in _routes(ctx):
        if route.filtered or vendor_operated(ctx, seg):  # a vendor's segment is HIS-SEG-005's
            continue
        if seg.zone in (Zone.office, Zone.internet) and target.zone == Zone.clinical:
            yield _route_hit(seg, route, target)


def medical_devices_from_vendor_lines(ctx: Context) -> Iterator[Hit]:
    reached: dict[str, set[str]] = {}
    for segment_id, lines in ctx.vendor_landings.items():
        for target in ctx.reachable_from(segment_id):
            reached.setdefault(target, set()).update(c.id for c in lines)
    for seg in ctx.segments.values():
        if seg.zone == Zone.medical_device and seg.id in reached:
            names = sorted(reached[seg.id])
            yield Hit(
                subject("segment", seg.id),
                {"zone": seg.zone.value, "connections": ", ".join(names[:10]), "connection_count": len(names)},
            )


def _critical_segments(ctx: Context, most: int) -> dict[str, list[str]]:
    """Segment id -> its on-prem servers that serve a system of criticality <= `most`, in inventory order; made once
    per state for the checks that ask (flat network, routes from vendor segments)."""
    made = ctx.__dict__.setdefault("_critical_segments", {})
    if most not in made:
        out: dict[str, list[str]] = {}
        for server in ctx.servers:
            crit = ctx.criticality_of(server)
            if crit is not None and crit <= most:
                out.setdefault(server.segment, []).append(server.id)
        made[most] = out
    return made[most]  # type: ignore[no-any-return]


def flat_network(ctx: Context) -> Iterator[Hit]:
    """Clinical servers (of systems of criticality 1-2) that nothing separates from a way in: every server in one
    segment, a vendor line landing in their segment, or their segment being the office (or internet) zone, where
    staff terminals browse and read mail."""
    minimum = ctx.thresholds.flat_min_servers
    by_segment: dict[str, int] = {}
    for server in ctx.servers:
        by_segment[server.segment] = by_segment.get(server.segment, 0) + 1
    reasons: dict[str, list[str]] = {}
    if len(by_segment) == 1 and len(ctx.servers) >= minimum:
        reasons.setdefault(next(iter(by_segment)), []).append("single_segment")
    clinical = _critical_segments(ctx, 2)
    landings = ctx.vendor_landings
    for seg_id in clinical:
        seg = ctx.segments.get(seg_id)
        if seg_id in landings:
            reasons.setdefault(seg_id, []).append("vendor_landing")
        if seg is not None and seg.zone in (Zone.office, Zone.internet):
            reasons.setdefault(seg_id, []).append("office_zone")
    flags = {"single_segment": "all_in_one_segment", "vendor_landing": "vendor_line_lands_here"}
    for seg_id, why in reasons.items():
        lines = sorted(c.id for c in landings.get(seg_id, ()))
        evidence: dict[str, Scalar] = {flags.get(reason, reason): True for reason in why}
        evidence.update(
            servers=by_segment.get(seg_id, 0),
            clinical_servers=len(clinical.get(seg_id, ())),
            connections=", ".join(lines[:10]) or None,
        )
        yield Hit(subject("segment", seg_id), evidence)


def admin_ports_into_clinical(ctx: Context) -> Iterator[Hit]:
    admin = {fold(p) for p in ctx.thresholds.admin_ports}
    for seg, route, target in _routes(ctx):
        if route.filtered and target.zone in PROTECTED and seg.zone not in PROTECTED:
            open_ports = [p for p in route.ports if fold(p) in admin]
            if open_ports:
                yield Hit(
                    route_subject(seg.id, target.id),
                    {"from_zone": seg.zone.value, "to_zone": target.zone.value, "admin_ports": ", ".join(open_ports)},
                )


def vendor_zone_any_to_any(ctx: Context) -> Iterator[Hit]:
    """Any-to-any from a vendor- or contractor-operated segment into the clinical or medical-device zone, or into any
    segment holding a server of a criticality-1 system, whatever the zones are called (the 2022 case)."""
    critical = _critical_segments(ctx, 1)
    for seg, route, target in _routes(ctx):
        if route.filtered or route.to == seg.id or not vendor_operated(ctx, seg):
            continue
        if target.zone in PROTECTED or target.id in critical:
            hit = _route_hit(seg, route, target)
            lines = sorted(c.id for c in ctx.vendor_landings.get(seg.id, ()))
            yield Hit(
                hit.subject,
                {
                    **hit.evidence,
                    "connections": ", ".join(lines[:10]) or None,
                    "critical_servers": len(critical.get(target.id, ())),
                },
            )


def clinical_to_internet(ctx: Context) -> Iterator[Hit]:
    for seg, route, target in _routes(ctx):
        if not route.filtered and seg.zone == Zone.clinical and target.zone == Zone.internet:
            yield _route_hit(seg, route, target)


def _c(ident: str, severity: Severity, kind: str, refs: tuple[str, ...], run: object, scope: str = "state") -> Check:
    # Segments and routes stay as they are in every state; what lands in them and what they hold do not.
    return Check(ident, severity, "segmentation", kind, refs, run, scope)  # type: ignore[arg-type]


CHECKS: tuple[Check, ...] = (
    _c("HIS-SEG-001", Severity.critical, "route", (GL_NET,), any_to_any_into_clinical),
    _c("HIS-SEG-002", Severity.high, "segment", ("MHLW-R6 2-(9)", GL_NET), medical_devices_from_vendor_lines),
    _c("HIS-SEG-003", Severity.high, "segment", (GL_NET,), flat_network),
    _c("HIS-SEG-004", Severity.high, "route", ("MHLW-R6 2-(8)", GL_NET), admin_ports_into_clinical, "static"),
    _c("HIS-SEG-005", Severity.critical, "route", ("MHLW-R6 2-(9)", GL_NET), vendor_zone_any_to_any),
    _c("HIS-SEG-006", Severity.medium, "route", (GL_NET,), clinical_to_internet, "static"),
)
