"""Which segment an imported server sits in, when the user did not name one: the network (port group) of its first
network adapter, else its IP subnet (/24), else `unassigned`; hypervisor hosts sit in their own management segment.

One segment per network keeps the estate's own separation: one segment for everything would make the import, not
the hospital, look like a flat network.
"""

from __future__ import annotations

import ipaddress

from hismigrate.load.importers.drafts import server_id
from hismigrate.load.importers.result import SegmentSeen

HOSTS_SEGMENT = "hypervisor-management"
UNASSIGNED = "unassigned"
SUBNET_PREFIX = 24
"""The mask assumed for a server's address when the export names no network: the usual size of a hospital VLAN."""


class Segments:
    """Collects the segments an import places servers in; `given` (--segment) places every server there."""

    def __init__(self, given: str | None = None) -> None:
        self.given = given
        self.seen: dict[str, SegmentSeen] = {}

    def for_server(self, networks: list[str], ip: str | None, vlans: dict[str, str] | None = None) -> str:
        if self.given is not None:
            return self._see(SegmentSeen(self.given, self.given, "given"))
        if networks:
            name = networks[0]
            return self._see(SegmentSeen(server_id(name), name, "network", (vlans or {}).get(name)))
        subnet = subnet_of(ip)
        if subnet is not None:
            return self._see(SegmentSeen(server_id(f"subnet-{subnet}".replace("/", "-")), subnet, "subnet"))
        return self._see(SegmentSeen(UNASSIGNED, UNASSIGNED, "none"))

    def host_segment(self) -> str:
        """The segment hypervisor hosts sit in (registered by `hosts_placed` once there are hosts)."""
        return self.given if self.given is not None else HOSTS_SEGMENT

    def hosts_placed(self) -> None:
        basis = "given" if self.given is not None else "hosts"
        self._see(SegmentSeen(self.host_segment(), self.host_segment(), basis))

    def _see(self, segment: SegmentSeen) -> str:
        self.seen.setdefault(segment.id, segment)
        return segment.id

    def all(self) -> tuple[SegmentSeen, ...]:
        return tuple(sorted(self.seen.values(), key=lambda s: s.id))


def subnet_of(ip: str | None) -> str | None:
    """`10.10.1.37` -> `10.10.1.0/24`; None for a blank or unreadable address (IPv6 gets a /64)."""
    if not ip:
        return None
    try:
        address = ipaddress.ip_address(ip.split(",")[0].strip())
    except ValueError:
        return None
    prefix = SUBNET_PREFIX if address.version == 4 else 64
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))
