"""Checks on servers: support, patches, antivirus/EDR, remote desktop, shared local administrator passwords."""

from __future__ import annotations

from collections.abc import Iterator

from hismigrate.exposure.check import Check, Context, Hit, subject
from hismigrate.model.enums import Protection
from hismigrate.model.exposure import Scalar, Severity
from hismigrate.model.inventory import Server
from hismigrate.model.lifecycle import end_of_support

GL_UPDATE = "GL6.0 system operation: vulnerability management"
GL_MALWARE = "GL6.0 system operation: malware protection"
GL_AUTH = "GL6.0 system operation: authentication"
UNPROTECTED = (Protection.none, Protection.disabled)


def _os(server: Server) -> str | None:
    return " ".join(p for p in (server.os_name, server.os_version) if p) or None


def past_end_of_support(ctx: Context) -> Iterator[Hit]:
    for server in ctx.servers:
        eos = end_of_support(server)
        if eos.date is None:
            yield Hit(subject("server", server.id), {"os": _os(server), "end_of_support": None}, unknown=True)
        elif eos.date < ctx.as_of:
            yield Hit(
                subject("server", server.id),
                {"os": _os(server), "end_of_support": eos.date.isoformat(), "source": eos.source},
            )


def _protection(ctx: Context, critical: bool) -> Iterator[Hit]:
    for server in ctx.servers:
        crit = ctx.criticality_of(server)
        if (crit == 1) != critical:
            continue
        evidence: dict[str, Scalar] = {"protection": server.protection.value, "criticality": crit}
        if server.protection in UNPROTECTED:
            yield Hit(subject("server", server.id), evidence)
        elif server.protection == Protection.unknown:
            # Unknown is never safe: on a server care depends on, not knowing is a finding, counted as none.
            yield Hit(subject("server", server.id), {**evidence, "counted_as": "none"}, unknown=not critical)


def unprotected_critical(ctx: Context) -> Iterator[Hit]:
    return _protection(ctx, critical=True)


def unprotected_other(ctx: Context) -> Iterator[Hit]:
    return _protection(ctx, critical=False)


def unpatched(ctx: Context) -> Iterator[Hit]:
    limit = ctx.thresholds.patch_max_days
    for server in ctx.servers:
        if server.last_patched is None:
            yield Hit(subject("server", server.id), {"last_patched": None}, unknown=True)
            continue
        age = (ctx.as_of - server.last_patched).days
        if age > limit:
            yield Hit(
                subject("server", server.id),
                {"last_patched": server.last_patched.isoformat(), "age_days": age, "limit_days": limit},
            )


def shared_admin_password(ctx: Context) -> Iterator[Hit]:
    groups: dict[str, list[str]] = {}
    for server in ctx.servers:
        if server.local_admin_group:
            groups.setdefault(server.local_admin_group, []).append(server.id)
    for label, members in sorted(groups.items()):
        if len(members) >= 2:
            yield Hit(subject("admin_group", label), {"servers": ", ".join(sorted(members)), "count": len(members)})


def remote_desktop_enabled(ctx: Context) -> Iterator[Hit]:
    for server in ctx.servers:
        if server.remote_desktop:
            yield Hit(subject("server", server.id), {"remote_desktop": True})


def support_ending_soon(ctx: Context) -> Iterator[Hit]:
    window = ctx.thresholds.eos_warning_days
    for server in ctx.servers:
        eos = end_of_support(server)
        if eos.date is not None and 0 <= (eos.date - ctx.as_of).days <= window:
            yield Hit(
                subject("server", server.id),
                {"os": _os(server), "end_of_support": eos.date.isoformat(), "days_left": (eos.date - ctx.as_of).days},
            )


def antivirus_without_edr(ctx: Context) -> Iterator[Hit]:
    for server in ctx.servers:
        if server.protection == Protection.antivirus and ctx.criticality_of(server) == 1:
            yield Hit(subject("server", server.id), {"protection": server.protection.value, "criticality": 1})


def _c(ident: str, severity: Severity, kind: str, refs: tuple[str, ...], run: object, scope: str) -> Check:
    return Check(ident, severity, "servers", kind, refs, run, scope)  # type: ignore[arg-type]


CHECKS: tuple[Check, ...] = (
    _c("HIS-SRV-001", Severity.high, "server", ("MHLW-R6 2-(7)", GL_UPDATE), past_end_of_support, "server"),
    _c("HIS-SRV-002", Severity.critical, "server", (GL_MALWARE,), unprotected_critical, "hosted_server"),
    _c("HIS-SRV-003", Severity.high, "server", (GL_MALWARE,), unprotected_other, "hosted_server"),
    _c("HIS-SRV-004", Severity.high, "server", ("MHLW-R6 2-(7)", GL_UPDATE), unpatched, "server"),
    _c(
        "HIS-SRV-005",
        Severity.critical,
        "admin_group",
        ("MHLW-R7 draft no password reuse", GL_AUTH),
        shared_admin_password,
        "state",
    ),
    _c("HIS-SRV-006", Severity.medium, "server", ("MHLW-R6 2-(8)",), remote_desktop_enabled, "server"),
    _c("HIS-SRV-007", Severity.low, "server", ("MHLW-R6 2-(7)", GL_UPDATE), support_ending_soon, "server"),
    _c("HIS-SRV-008", Severity.medium, "server", (GL_MALWARE,), antivirus_without_edr, "hosted_server"),
)
