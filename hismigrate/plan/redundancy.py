"""Which of its servers a system cannot do without: the redundancy model that resilience applies.

- A system's servers that carry the same `redundancy_group` label stand in for one another (an active/standby pair,
  an application-server farm, a cluster of hypervisor hosts the system runs on): the system needs one of them. A
  standby stands in only for the systems that list it among their servers.
- A server in no group is needed on its own: an unknown redundancy counts as none.
- A virtual machine also needs its hypervisor `host`; when the host carries a label shared with other servers (a
  cluster, as discovery tools export it) any of them will do, since the cluster restarts the machine on another
  host.
"""

from __future__ import annotations

from collections.abc import Mapping

from hismigrate.model.inventory import Inventory, Server, System

Unit = tuple[str, ...]  # server ids one of which is enough


def units(system: System, servers: Mapping[str, Server]) -> tuple[Unit, ...]:
    """The system's servers as units: one per redundancy group (in the order the system lists them), one per
    server in no group."""
    grouped: dict[str, list[str]] = {}
    out: list[list[str]] = []
    for sid in system.servers:
        label = servers[sid].redundancy_group
        if label is None:
            out.append([sid])
        elif label in grouped:
            grouped[label].append(sid)
        else:
            grouped[label] = [sid]
            out.append(grouped[label])
    return tuple(tuple(unit) for unit in out)


def host_needs(inventory: Inventory) -> dict[str, frozenset[str]]:
    """For each virtual machine with a host: the host when it alone stops the machine (a host in no cluster, or
    alone in its cluster); empty when the host's cluster has another member to restart it on. A host's own host is
    not followed: hypervisor hosts are physical."""
    servers = {s.id: s for s in inventory.servers}
    clusters: dict[str, int] = {}
    for s in inventory.servers:
        if s.redundancy_group is not None:
            clusters[s.redundancy_group] = clusters.get(s.redundancy_group, 0) + 1
    out: dict[str, frozenset[str]] = {}
    for s in inventory.servers:
        if s.host is None or s.host not in servers:
            continue
        label = servers[s.host].redundancy_group
        out[s.id] = frozenset() if label is not None and clusters[label] > 1 else frozenset({s.host})
    return out
