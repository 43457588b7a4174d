"""What a migration state changes in the estate: the one definition that the graph, exposure, cost and resilience use.

A migration state is the set of systems in the cloud (before the plan, after wave 1, ...). From it follow:
- **servers**: a server leaves the premises when every system it hosts has left; a server that hosts no listed
  system stays (nobody said it could go);
- **lines**: a vendor's access line (remote maintenance, SSL-VPN, IPsec VPN, dial-up) goes when every system it
  serves has left: the vendor maintains the cloud edition instead. Every other line (regional network, online
  eligibility, e-prescription, internet, e-mail, cloud links) stays whatever it serves, since it also serves the
  users and terminals that stay on site;
- **the cloud link**: the inventory's own `cloud_link` connections; when it lists none and some system is in the
  cloud, an implied line is assumed (closed network, MFA, source-restricted, logged: what a cloud contract for a
  hospital requires), landing in the first clinical segment, else the first segment outside the perimeter
  (internet, vendor, DMZ), else the first segment.

Cost asks the same questions with dates (when a server or line leaves under a plan): `server_leaves` and
`line_leaves` apply the same rules to leaving dates.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from hismigrate.model.enums import ConnectionKind, Zone
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


def server_leaves(hosted: Iterable[str], leaves: Mapping[str, date]) -> date | None:
    """When a server leaves, given the systems it hosts and when each leaves: with the last of them (never, while
    one stays, or when it hosts none)."""
    days = [leaves.get(x) for x in hosted]
    if not days or any(day is None for day in days):
        return None
    return max(day for day in days if day is not None)


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
    left = {server for sys in inventory.systems if sys.id in moved for server in sys.servers}
    staying = {server for sys in inventory.systems if sys.id not in moved for server in sys.servers}
    servers = [s for s in inventory.servers if s.id not in left or s.id in staying]
    connections = [c for c in inventory.connections if not line_goes(c, moved)]
    implied = implied_cloud_link(inventory, moved)
    return MigrationState(moved, servers, connections + ([implied] if implied else []), implied)


__all__ = [
    "IMPLIED_CLOUD_LINK",
    "PERIMETER",
    "VENDOR_LINES",
    "MigrationState",
    "cloud_landing",
    "implied_cloud_link",
    "line_goes",
    "line_leaves",
    "migration_state",
    "server_leaves",
]
