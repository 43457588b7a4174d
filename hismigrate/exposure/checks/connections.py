"""Checks on external connection points (外部接続点): the vendor lines ransomware came in through."""

from __future__ import annotations

from collections.abc import Iterator

from hismigrate.exposure.check import Check, Context, Hit, is_vendor_line, subject
from hismigrate.model.enums import ConnectionKind, Zone
from hismigrate.model.exposure import Severity

GL_REMOTE = "GL6.0 system operation: remote maintenance"  # dedicated accounts, MFA, logs reviewed afterwards
GL_UPDATE = "GL6.0 system operation: vulnerability management"  # patches and firmware


def _device(conn: object) -> str:
    parts = [getattr(conn, "device_vendor", None), getattr(conn, "device_product", None)]
    return " ".join(p for p in parts if p) or "-"


def known_exploited(ctx: Context) -> Iterator[Hit]:
    for conn in ctx.connections:
        matches = ctx.kev_matches.get(conn.id, [])
        affected = [m for m in matches if m.status == "affected"]
        undecided = [m for m in matches if m.status != "affected"]
        base = {"device": _device(conn), "device_version": conn.device_version}
        if affected:
            cves = tuple(m.cve for m in affected)
            ransomware = any(m.ransomware for m in affected)
            yield Hit(
                subject("connection", conn.id),
                {**base, "cves": ", ".join(cves), "ransomware_use": ransomware, "facts": affected[0].source},
                references=cves,
            )
        if undecided:
            cves = tuple(m.cve for m in undecided)
            reason = "version_unknown" if conn.device_version is None else "no_version_facts"
            yield Hit(subject("connection", conn.id), {**base, "cves": ", ".join(cves), "reason": reason}, unknown=True)


def no_mfa(ctx: Context) -> Iterator[Hit]:
    for conn in ctx.connections:
        if is_vendor_line(conn) and not conn.mfa:
            yield Hit(subject("connection", conn.id), {"kind": conn.kind.value, "mfa": conn.mfa})


def always_on(ctx: Context) -> Iterator[Hit]:
    for conn in ctx.connections:
        if is_vendor_line(conn) and conn.always_on:
            yield Hit(
                subject("connection", conn.id), {"kind": conn.kind.value, "operator": conn.operator, "always_on": True}
            )


def shared_credentials(ctx: Context) -> Iterator[Hit]:
    for conn in ctx.connections:
        if conn.shared_credentials:
            yield Hit(subject("connection", conn.id), {"kind": conn.kind.value, "shared_credentials": True})


def no_source_restriction(ctx: Context) -> Iterator[Hit]:
    for conn in ctx.connections:
        if is_vendor_line(conn) and not conn.source_ip_restricted:
            yield Hit(
                subject("connection", conn.id),
                {"kind": conn.kind.value, "source_ip_restricted": False, "closed_network": conn.closed_network},
            )


def stale_firmware(ctx: Context) -> Iterator[Hit]:
    """Firmware not updated within the limit; not on a device running a known-exploited version, which
    HIS-CONN-001 already tells to update now (one finding per weakness)."""
    limit = ctx.thresholds.firmware_max_days
    for conn in ctx.connections:
        if not (is_vendor_line(conn) or conn.device_product or conn.kind == ConnectionKind.internet_gateway):
            continue
        if any(m.status == "affected" for m in ctx.kev_matches.get(conn.id, ())):
            continue
        if conn.firmware_updated is None:
            yield Hit(subject("connection", conn.id), {"device": _device(conn), "firmware_updated": None}, unknown=True)
            continue
        age = (ctx.as_of - conn.firmware_updated).days
        if age > limit:
            yield Hit(
                subject("connection", conn.id),
                {
                    "device": _device(conn),
                    "firmware_updated": conn.firmware_updated.isoformat(),
                    "age_days": age,
                    "limit_days": limit,
                },
            )


def unknown_operator(ctx: Context) -> Iterator[Hit]:
    for conn in ctx.connections:
        if not conn.operator:
            yield Hit(subject("connection", conn.id), {"kind": conn.kind.value, "operator": None})


def dialup(ctx: Context) -> Iterator[Hit]:
    for conn in ctx.connections:
        if conn.kind == ConnectionKind.dialup:
            yield Hit(subject("connection", conn.id), {"kind": conn.kind.value, "lands_in": conn.lands_in})


def rdp_from_vendor_line(ctx: Context) -> Iterator[Hit]:
    """A server with RDP on, in a segment a vendor line lands in or reaches through the firewall."""
    reach: dict[str, set[str]] = {}
    for segment_id, lines in sorted(ctx.vendor_landings.items()):
        for target in ctx.reachable_from(segment_id):
            reach.setdefault(target, set()).update(c.id for c in lines)
    named = {seg: (", ".join(sorted(ids)[:10]), len(ids)) for seg, ids in reach.items()}  # once per segment
    for server in ctx.servers:
        if server.remote_desktop and server.segment in named:
            names, count = named[server.segment]
            yield Hit(
                subject("server", server.id),
                {"remote_desktop": True, "segment": server.segment, "connections": names, "connection_count": count},
            )


def vendor_line_in_clinical_zone(ctx: Context) -> Iterator[Hit]:
    for conn in ctx.connections:
        segment = ctx.segments.get(conn.lands_in)
        if is_vendor_line(conn) and segment is not None and segment.zone in (Zone.clinical, Zone.medical_device):
            yield Hit(subject("connection", conn.id), {"lands_in": segment.id, "zone": segment.zone.value})


def logs_not_kept(ctx: Context) -> Iterator[Hit]:
    for conn in ctx.connections:
        if is_vendor_line(conn) and not conn.logs_kept:
            yield Hit(subject("connection", conn.id), {"logs_kept": False})


def logs_not_reviewed(ctx: Context) -> Iterator[Hit]:
    for conn in ctx.connections:
        if is_vendor_line(conn) and conn.logs_kept and not conn.logs_reviewed:
            yield Hit(subject("connection", conn.id), {"logs_kept": True, "logs_reviewed": False})


def purpose_unknown(ctx: Context) -> Iterator[Hit]:
    for conn in ctx.connections:
        if is_vendor_line(conn) and not conn.serves:
            yield Hit(subject("connection", conn.id), {"kind": conn.kind.value, "serves": None})


def _c(ident: str, severity: Severity, kind: str, refs: tuple[str, ...], run: object) -> Check:
    # Every connection check looks at the one line only, but the RDP one, which follows the routes of the state.
    scope = "connection" if kind == "connection" else "state"
    return Check(ident, severity, "connections", kind, refs, run, scope)  # type: ignore[arg-type]


CHECKS: tuple[Check, ...] = (
    _c("HIS-CONN-001", Severity.critical, "connection", ("MHLW-R6 2-(7)", GL_UPDATE, "CISA KEV"), known_exploited),
    _c("HIS-CONN-002", Severity.high, "connection", ("MHLW-R7 draft two-factor", GL_REMOTE), no_mfa),
    _c("HIS-CONN-003", Severity.medium, "connection", ("MHLW-R6 2-(9)", GL_REMOTE), always_on),
    _c("HIS-CONN-004", Severity.critical, "connection", ("MHLW-R6 2-(5)", GL_REMOTE), shared_credentials),
    _c("HIS-CONN-005", Severity.high, "connection", ("MHLW-R6 2-(9)", GL_REMOTE), no_source_restriction),
    _c("HIS-CONN-006", Severity.high, "connection", ("MHLW-R6 2-(7)", GL_UPDATE), stale_firmware),
    _c("HIS-CONN-007", Severity.medium, "connection", ("MHLW-R6 2-(2)",), unknown_operator),
    _c("HIS-CONN-008", Severity.medium, "connection", ("MHLW-R6 2-(2)", GL_REMOTE), dialup),
    _c("HIS-CONN-009", Severity.high, "server", ("MHLW-R6 2-(8)", GL_REMOTE), rdp_from_vendor_line),
    _c(
        "HIS-CONN-010",
        Severity.high,
        "connection",
        ("GL6.0 system operation: network security",),
        vendor_line_in_clinical_zone,
    ),
    _c("HIS-CONN-011", Severity.medium, "connection", ("MHLW-R6 2-(6)", GL_REMOTE), logs_not_kept),
    _c("HIS-CONN-012", Severity.low, "connection", ("MHLW-R6 2-(6)", GL_REMOTE), logs_not_reviewed),
    _c("HIS-CONN-013", Severity.medium, "connection", ("MHLW-R6 2-(2)",), purpose_unknown),
)
