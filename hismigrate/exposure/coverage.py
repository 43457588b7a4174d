"""Data coverage: the share of the facts the exposure analysis uses that the inventory states.

Each missing fact is already counted pessimistically in the likelihoods (a control not known to be in place counts
as absent: exposure.controls); coverage says how much of the index rests on such defaults, so that it is shown
beside the index. A fact is "stated" when the inventory gives it (a field written, even `false`; a practices
answer other than `unknown`). The facts counted, per item of the state:
- every on-prem server: its OS (name and version, or an end-of-support date), `protection`, `last_patched`,
  `remote_desktop`; and `backup_offline` when it serves a criticality-1 system and holds data of its own;
- every line: `operator`, `device_version`, `firmware_updated`, `mfa`, `always_on`, `source_ip_restricted`,
  `shared_credentials`, `closed_network`, `logs_reviewed`;
- every on-prem system: its servers (a system with none cannot be placed on any path);
- the practices: each of the 16 answers.
"""

from __future__ import annotations

from collections import Counter

from hismigrate.exposure.check import Context
from hismigrate.model.enums import Protection
from hismigrate.model.exposure import Coverage
from hismigrate.model.inventory import Connection, Practices, Server

LINE_FACTS = (
    "operator",
    "device_version",
    "firmware_updated",
    "mfa",
    "always_on",
    "source_ip_restricted",
    "shared_credentials",
    "closed_network",
    "logs_reviewed",
)


def _line_known(conn: Connection, field: str) -> bool:
    return field in conn.model_fields_set and getattr(conn, field) is not None


def _server_facts(server: Server) -> tuple[tuple[str, bool], ...]:
    return (
        ("os", server.end_of_support is not None or bool(server.os_name and server.os_version)),
        ("protection", server.protection != Protection.unknown),
        ("last_patched", server.last_patched is not None),
        ("remote_desktop", server.remote_desktop is not None),
    )


def coverage(ctx: Context) -> Coverage:
    missing: Counter[str] = Counter()
    known = total = 0

    def count(part: str, field: str, stated: bool) -> None:
        nonlocal known, total
        total += 1
        if stated:
            known += 1
        else:
            missing[f"{part}.{field}"] += 1

    no_data = ctx.thresholds.no_own_data_roles
    for server in ctx.servers:
        for field, stated in _server_facts(server):
            count("servers", field, stated)
        if ctx.criticality_of(server) == 1 and server.role.value not in no_data:
            count("servers", "backup_offline", server.backup_offline is not None)
    for conn in ctx.connections:
        if conn is ctx.state.implied_link:
            continue  # assumed, not stated: the state says what it is
        for field in LINE_FACTS:
            count("connections", field, _line_known(conn, field))
    for system in ctx.on_prem_systems:
        count("systems", "servers", bool(system.servers))
    for field in Practices.model_fields:
        count("practices", field, getattr(ctx.inventory.practices, field).value != "unknown")
    return Coverage(
        known=known,
        total=total,
        share=round(known / total, 4) if total else 0.0,
        missing=dict(sorted(missing.items())),
    )
