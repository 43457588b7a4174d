"""Checks on backups: an offline or immutable copy, a tested restore, and a backup server out of reach."""

from __future__ import annotations

from collections.abc import Iterator

from hismigrate.exposure.check import Check, Context, Hit, subject
from hismigrate.model.enums import ServerRole
from hismigrate.model.exposure import Scalar, Severity
from hismigrate.model.inventory import Server

GL_BACKUP = "GL6.0 system operation: backup (generations, one write-protected, one offline)"
ITEM = "MHLW-R6 3-(2)"


def holds_data(ctx: Context, server: Server) -> bool:
    """Whether a server holds data of its own to back up: not a terminal, an interface or a remote-access appliance
    (the online-eligibility terminal, an HL7 gateway, an RDS host keep nothing the systems' other servers do not)."""
    return server.role.value not in ctx.thresholds.no_own_data_roles


def _data_servers(ctx: Context, servers: dict[str, Server], ids: list[str]) -> list[Server]:
    return [servers[i] for i in ids if i in servers and holds_data(ctx, servers[i])]


def no_offline_copy(ctx: Context) -> Iterator[Hit]:
    servers = {s.id: s for s in ctx.servers}
    for system in ctx.on_prem_systems:
        if system.criticality != 1:
            continue
        hosts = _data_servers(ctx, servers, system.servers)
        if not hosts and any(i in servers for i in system.servers):
            continue  # only terminals and interfaces: nothing of its own to back up
        flags = [s.backup_offline for s in hosts]
        if any(f is True for f in flags):
            continue
        evidence: dict[str, Scalar] = {
            "criticality": 1,
            "servers": ", ".join(system.servers) or None,
            "backup_offline": False,
        }
        if any(f is False for f in flags):
            yield Hit(subject("system", system.id), evidence)
        else:
            yield Hit(subject("system", system.id), {**evidence, "backup_offline": None}, unknown=True)


def restore_not_tested(ctx: Context) -> Iterator[Hit]:
    limit = ctx.thresholds.restore_test_max_days
    for server in ctx.servers:
        if not (server.backup_online or server.backup_offline) or ctx.criticality_of(server) is None:
            continue
        if not holds_data(ctx, server):
            continue
        tested = server.backup_restore_tested
        if tested is None:
            yield Hit(subject("server", server.id), {"backup_restore_tested": None, "limit_days": limit})
        elif (ctx.as_of - tested).days > limit:
            yield Hit(
                subject("server", server.id),
                {
                    "backup_restore_tested": tested.isoformat(),
                    "age_days": (ctx.as_of - tested).days,
                    "limit_days": limit,
                },
            )


def backup_with_production(ctx: Context) -> Iterator[Hit]:
    """A backup server in a production server's segment and Windows domain is encrypted with it (Osaka 2022)."""
    backups = [s for s in ctx.servers if s.role == ServerRole.backup and s.domain is not None]
    # Only the places (segment, domain) holding a backup server matter: the criticality of the servers elsewhere,
    # the costly part in an estate of 60,000, is not looked up.
    places = {(b.segment, b.domain) for b in backups}
    production: dict[tuple[str, str | None], list[str]] = {}
    for s in ctx.servers if places else ():
        place = (s.segment, s.domain)
        if place in places and s.role != ServerRole.backup and (ctx.criticality_of(s) or 9) <= 2:
            production.setdefault(place, []).append(s.id)
    for backup in backups:
        beside = sorted(production.get((backup.segment, backup.domain), ()))
        if beside:
            yield Hit(
                subject("server", backup.id),
                {
                    "segment": backup.segment,
                    "domain": backup.domain,
                    "production_servers": ", ".join(beside[:10]),
                    "count": len(beside),
                },
            )


def no_backup(ctx: Context) -> Iterator[Hit]:
    servers = {s.id: s for s in ctx.servers}
    for system in ctx.on_prem_systems:
        if system.criticality > 2:
            continue
        hosts = _data_servers(ctx, servers, system.servers)
        if hosts and all(s.backup_online is False and s.backup_offline is False for s in hosts):
            yield Hit(
                subject("system", system.id),
                {"criticality": system.criticality, "backup_online": False, "backup_offline": False},
            )


def _c(ident: str, severity: Severity, kind: str, run: object, scope: str) -> Check:
    return Check(ident, severity, "backups", kind, (ITEM, GL_BACKUP), run, scope)  # type: ignore[arg-type]


CHECKS: tuple[Check, ...] = (
    _c("HIS-BAK-001", Severity.critical, "system", no_offline_copy, "on_prem_system"),
    _c("HIS-BAK-002", Severity.high, "server", restore_not_tested, "hosted_server"),
    _c("HIS-BAK-003", Severity.critical, "server", backup_with_production, "state"),
    _c("HIS-BAK-004", Severity.high, "system", no_backup, "on_prem_system"),
)
