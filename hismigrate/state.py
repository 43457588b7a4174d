"""What a migration state changes in the estate: the one definition that the graph, exposure, cost and resilience use.

A migration state is the set of systems in the cloud (before the plan, after wave 1, ...). From it follow:
- **servers**: a server leaves the premises when every system it hosts has left; a server that hosts no listed
  system stays (nobody said it could go), unless virtual machines draw on it: a hypervisor host (role hypervisor,
  or named as `host` by another server) leaves with the last of the virtual machines drawing on it, once all of
  them have left, and while one stays it stays. The machines drawing on a host are those naming it or another host
  of its cluster (hosts sharing a `redundancy_group`: machines move between them) and those naming no host and
  carrying no purchase price of their own (their host is unknown: they draw on every host's spare memory). A host
  nothing draws on stays; a machine hosting no system stays, and so do its hosts; a host that also hosts systems
  itself leaves with the last of its systems and machines. Who is a host, a machine on named hosts or one drawing on
  every host is `machine_kinds`, the same notion the cost model's hardware apportionment uses
  (hismigrate.cost.hardware);
- **lines**: a vendor's access line (remote maintenance, SSL-VPN, IPsec VPN, dial-up) goes when every system it
  serves has left: the vendor maintains the cloud edition instead. Every other line (regional network, online
  eligibility, e-prescription, internet, e-mail, cloud links) stays whatever it serves, since it also serves the
  users and terminals that stay on site;
- **the cloud link**: the inventory's own `cloud_link` connections; when it lists none and some system is in the
  cloud, an implied line is assumed (closed network, MFA, source-restricted, logged: what a cloud contract for a
  hospital requires), landing in the first clinical segment, else the first segment outside the perimeter
  (internet, vendor, DMZ), else the first segment.

Cost asks the same questions with dates (when a server or line leaves under a plan): `servers_leave` and
`line_leaves` apply the same rules to leaving dates (hismigrate.cost.timing applies them to arrays).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from hismigrate.model.enums import ConnectionKind, ServerRole, Zone
from hismigrate.model.inventory import Connection, Inventory, Segment, Server

# Lines that exist only to reach systems on site: they go when every system they serve has left.
VENDOR_LINES = frozenset(
    {ConnectionKind.remote_maintenance, ConnectionKind.ssl_vpn, ConnectionKind.ipsec_vpn, ConnectionKind.dialup}
)
PERIMETER = frozenset({Zone.internet, Zone.vendor, Zone.dmz})
IMPLIED_CLOUD_LINK = "cloud-link"


def line_goes(conn: Connection, moved: Collection[str]) -> bool:
    """Whether a line leaves the estate once the systems in `moved` have left."""
    return conn.kind in VENDOR_LINES and bool(conn.serves) and all(x in moved for x in conn.serves)


def line_leaves(conn: Connection, leaves: Mapping[str, date]) -> date | None:
    """When a line leaves, given when each system leaves (`line_goes` with dates): the last of its systems."""
    if not line_goes(conn, leaves):
        return None
    return max(leaves[x] for x in conn.serves)


def _last(days: Sequence[date | None]) -> date | None:
    """The last of the days; None (never) when there are none or one is None."""
    if not days or any(day is None for day in days):
        return None
    return max(day for day in days if day is not None)


def machine_kinds(
    hypervisor: np.ndarray, physical: np.ndarray, priced: np.ndarray, host: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per server (columns in inventory order: role hypervisor, physical, has a purchase price, the position of the
    server it names as `host`, -1 for none, itself or one not listed): whether it is a hypervisor host (role
    hypervisor, or named as host by another server), a virtual machine (neither physical nor a host), one on named
    hosts (naming one) and one drawing on every host's spare memory (naming none, no price of its own)."""
    is_host = hypervisor | (np.bincount(host[host >= 0], minlength=len(host)) > 0)
    vm = ~physical & ~is_host
    return is_host, vm, vm & (host >= 0), vm & (host < 0) & ~priced


def named_hosts(servers: Sequence[Server]) -> list[int]:
    """Per server: the position of the server it names as its `host` (-1: none, itself, or one not listed)."""
    named = {s.host for s in servers if s.host}
    at: dict[str, int] = {}
    for k, s in enumerate(servers):
        if s.id in named:
            at.setdefault(s.id, k)
    return [at.get(s.host, -1) if s.host and s.host != s.id else -1 for s in servers]


def clusters(servers: Sequence[Server]) -> list[str]:
    """Per server: its cluster's label, shared by the servers of one `redundancy_group` (machines move between
    them); a server alone in its group, or in none, is a cluster of its own (`\\0` and its position)."""
    groups = Counter(s.redundancy_group for s in servers)
    return [
        s.redundancy_group if s.redundancy_group and groups[s.redundancy_group] > 1 else f"\0{k}"
        for k, s in enumerate(servers)
    ]


def servers_leave(inventory: Inventory, leaves: Mapping[str, date]) -> list[date | None]:
    """When each server leaves (in inventory order; None: it stays), given when each system leaves (a system not in
    `leaves` stays): with the last of the systems it hosts and, for a hypervisor host, of the machines drawing on
    it (the module's rule)."""
    servers = inventory.servers
    staying = {x for system in inventory.systems if system.id not in leaves for x in system.servers}
    own: dict[str, date] = {}  # per server hosting only leaving systems: the last of them to leave
    for system in inventory.systems:
        day = leaves.get(system.id)
        if day is not None:
            for x in system.servers:
                if own.get(x, day) <= day:
                    own[x] = day
    alone = [None if s.id in staying else own.get(s.id) for s in servers]
    if all(s.host is None and s.role != ServerRole.hypervisor for s in servers):
        return alone  # no hypervisor host
    host = named_hosts(servers)
    is_host, _, named, spare = machine_kinds(
        np.array([s.role == ServerRole.hypervisor for s in servers], dtype=bool),
        np.array([bool(s.physical) for s in servers], dtype=bool),
        np.array([bool(s.purchase_price_jpy) for s in servers], dtype=bool),
        np.array(host, dtype=np.int64),
    )
    cluster = clusters(servers)
    drawing: dict[str, list[date | None]] = {}
    for k in np.flatnonzero(named).tolist():
        drawing.setdefault(cluster[host[k]], []).append(alone[k])
    everywhere = [alone[k] for k in np.flatnonzero(spare).tolist()]
    for k in np.flatnonzero(is_host).tolist():
        draws = drawing.get(cluster[k], []) + everywhere
        if draws:
            hosts_any = servers[k].id in own or servers[k].id in staying
            alone[k] = _last(([alone[k]] if hosts_any else []) + draws)
    return alone


def cloud_landing(segments: Iterable[Segment]) -> Segment | None:
    """The segment an implied cloud link lands in: the first clinical one, else the first outside the perimeter,
    else the first."""
    listed = list(segments)
    return (
        next((s for s in listed if s.zone == Zone.clinical), None)
        or next((s for s in listed if s.zone not in PERIMETER), None)
        or (listed[0] if listed else None)
    )


def implied_cloud_link(inventory: Inventory, in_cloud: Collection[str]) -> Connection | None:
    """The line to the cloud assumed in a state with systems in the cloud and no cloud link listed; None otherwise."""
    if not in_cloud or any(c.kind == ConnectionKind.cloud_link for c in inventory.connections):
        return None
    landing = cloud_landing(inventory.segments)
    if landing is None:
        return None
    taken = {c.id for c in inventory.connections}
    ident = IMPLIED_CLOUD_LINK if IMPLIED_CLOUD_LINK not in taken else f"{IMPLIED_CLOUD_LINK}-implied"
    return Connection(
        id=ident,
        kind=ConnectionKind.cloud_link,
        operator="cloud",
        lands_in=landing.id,
        serves=sorted(in_cloud),
        always_on=True,
        mfa=True,
        source_ip_restricted=True,
        closed_network=True,
        logs_kept=True,
        logs_reviewed=True,
        notes="implied by the migration state",
    )


@dataclass(frozen=True)
class MigrationState:
    """The estate in one migration state: what is still on premises and which lines it has."""

    in_cloud: frozenset[str]
    servers: list[Server]  # on premises, in inventory order
    connections: list[Connection]  # in inventory order, then the implied cloud link when one is assumed
    implied_link: Connection | None


def migration_state(inventory: Inventory, in_cloud: Iterable[str] = ()) -> MigrationState:
    """The estate with the systems `in_cloud` moved (none: the estate as it is)."""
    moved = frozenset(in_cloud)
    if not moved:
        return MigrationState(moved, list(inventory.servers), list(inventory.connections), None)
    # a state has no dates: every moved system leaves on one (any) day, and a server stays when it never leaves
    leaving = servers_leave(inventory, dict.fromkeys(moved, date.min))
    servers = [s for s, day in zip(inventory.servers, leaving, strict=True) if day is None]
    connections = [c for c in inventory.connections if not line_goes(c, moved)]
    implied = implied_cloud_link(inventory, moved)
    return MigrationState(moved, servers, connections + ([implied] if implied else []), implied)


__all__ = [
    "IMPLIED_CLOUD_LINK",
    "PERIMETER",
    "VENDOR_LINES",
    "MigrationState",
    "cloud_landing",
    "clusters",
    "implied_cloud_link",
    "line_goes",
    "line_leaves",
    "machine_kinds",
    "migration_state",
    "named_hosts",
    "servers_leave",
]
