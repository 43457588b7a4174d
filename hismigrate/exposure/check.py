"""What a check is: metadata plus a pure function over a `Context` (the inventory in one migration state).

A check yields a `Hit` for each subject that fails, or that it cannot decide for lack of data (`unknown=True`).
It keeps no state between runs; the registry lists every check explicitly.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from hismigrate.model.exposure import Scalar, Severity
from hismigrate.model.inventory import Connection, Inventory, Segment, Server, System

if TYPE_CHECKING:
    from hismigrate.exposure.kev import KevKnowledge, KevMatch
    from hismigrate.exposure.likelihoods import Thresholds
    from hismigrate.state import MigrationState


@dataclass(frozen=True)
class Hit:
    """One subject failing a check (or undecidable: `unknown`), with the facts that decided it."""

    subject: str
    evidence: dict[str, Scalar]
    unknown: bool = False
    references: tuple[str, ...] = ()  # extra references for this hit only, e.g. the CVE ids matched


@dataclass(frozen=True)
class Check:
    """A check's metadata and function. Title, description and remediation are in the i18n catalogs under
    `exposure.check.<id>.{title,description,remediation}`."""

    id: str
    severity: Severity
    domain: str  # connections, segmentation, servers, backups, systems, inventory, practices
    subject_kind: str  # what it examines: connection, segment, route, server, system, estate, practices
    references: tuple[str, ...]
    run: Callable[[Context], Iterator[Hit]]
    # What a hit depends on, so that a run over many migration states re-runs only what a state changes (see
    # exposure.states). "state" (re-run in every state) is always right; the others must hold for the function:
    # "static": nothing a state changes; "connection" / "server" / "on_prem_system": only the one item iterated;
    # "hosted_server": the server and the on-prem systems it hosts (criticality_of).
    scope: str = "state"

    def title(self, lang: str) -> str:
        from hismigrate.i18n import t

        return t(f"exposure.check.{self.id}.title", lang)

    def text(self, part: str, lang: str) -> str:
        from hismigrate.i18n import t

        return t(f"exposure.check.{self.id}.{part}", lang)


@dataclass
class Context:
    """The inventory in one migration state, with the lookups checks share. Built once per assessment."""

    inventory: Inventory
    state: MigrationState
    as_of: date
    kev: KevKnowledge
    thresholds: Thresholds

    @property
    def in_cloud(self) -> frozenset[str]:
        """The systems in the cloud in this state."""
        return self.state.in_cloud

    @cached_property
    def servers(self) -> list[Server]:
        """On-prem servers still in the estate in this state, in inventory order."""
        return self.state.servers

    @cached_property
    def connections(self) -> list[Connection]:
        """Connection points still in the estate in this state (including an implied cloud link)."""
        return self.state.connections

    @cached_property
    def systems(self) -> list[System]:
        return list(self.inventory.systems)

    @cached_property
    def inventory_systems(self) -> dict[str, System]:
        return {s.id: s for s in self.inventory.systems}

    @cached_property
    def on_prem_systems(self) -> list[System]:
        return [s for s in self.inventory.systems if s.id not in self.in_cloud]

    @cached_property
    def connections_by_node(self) -> dict[str, Connection]:
        """Attack-graph node `connection:<id>` -> the line (the implied cloud link included)."""
        return {f"connection:{c.id}": c for c in self.connections}

    @cached_property
    def segments(self) -> dict[str, Segment]:
        return {s.id: s for s in self.inventory.segments}

    @cached_property
    def systems_by_server(self) -> dict[str, list[System]]:
        """Server id -> the on-prem systems it hosts in this state."""
        out: dict[str, list[System]] = {}
        for system in self.on_prem_systems:
            for server_id in system.servers:
                out.setdefault(server_id, []).append(system)
        return out

    def criticality_of(self, server: Server) -> int | None:
        """The most critical (lowest) criticality of the systems a server hosts; None when it hosts none."""
        hosted = self.systems_by_server.get(server.id)
        if not hosted:
            return None
        # most servers host one system: no generator for them (called for every server by four checks)
        return hosted[0].criticality if len(hosted) == 1 else min(s.criticality for s in hosted)

    @cached_property
    def kev_matches(self) -> dict[str, list[KevMatch]]:
        """Connection id -> the KEV entries its device matches (see exposure.kev for how)."""
        return {c.id: self.kev.match(c) for c in self.connections}

    @cached_property
    def vendor_landings(self) -> dict[str, list[Connection]]:
        """Segment id -> vendor-operated lines landing in it (remote maintenance, VPN, dial-up)."""
        out: dict[str, list[Connection]] = {}
        for conn in self.connections:
            if is_vendor_line(conn):
                out.setdefault(conn.lands_in, []).append(conn)
        return out

    def narrowed(
        self,
        servers: list[Server] | None = None,
        connections: list[Connection] | None = None,
        on_prem_systems: list[System] | None = None,
    ) -> Context:
        """A copy whose iterated lists are cut down to the given items, for running item-scoped checks on only
        those. What the whole state decides (which systems a server hosts) stays that of the whole state."""
        self.systems_by_server  # noqa: B018 -- computed on the whole state before the lists are cut
        out = copy.copy(self)
        for name, items in (("servers", servers), ("connections", connections), ("on_prem_systems", on_prem_systems)):
            if items is not None:
                out.__dict__[name] = items
        for name in ("kev_matches", "vendor_landings"):  # per-connection lookups: recomputed on the cut list
            if connections is not None:
                out.__dict__.pop(name, None)
        if servers is not None:
            out.__dict__.pop("_critical_segments", None)  # per-server (checks.segmentation): made on the cut list
        return out

    def reachable_from(self, segment_id: str) -> set[str]:
        """Segments reachable from one segment along allowed routes (itself included)."""
        seen = {segment_id}
        todo = [segment_id]
        while todo:
            current = self.segments.get(todo.pop())
            for route in current.routes if current else ():
                if route.to not in seen:
                    seen.add(route.to)
                    todo.append(route.to)
        return seen


VENDOR_KINDS = frozenset({"remote_maintenance", "ssl_vpn", "ipsec_vpn", "dialup"})
"""Kinds of line a vendor or contractor uses to come in (national and carrier services are not among them)."""


def is_vendor_line(conn: Connection) -> bool:
    return conn.kind.value in VENDOR_KINDS


def subject(kind: str, ident: str) -> str:
    return f"{kind}:{ident}"
