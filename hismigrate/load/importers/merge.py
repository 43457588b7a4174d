"""Update an inventory's servers from an import, matching by host name (or id), keeping what the import cannot know.

Measured facts the import holds (cores, memory, storage, OS, address, utilisation) replace the inventory's values;
everything else (segment, role, protection, backups, dates...) stays. Notes are kept when the inventory has some.
"""

from __future__ import annotations

from dataclasses import dataclass

from hismigrate.errors import InventoryError, Location, Problem
from hismigrate.model.inventory import Inventory, Server
from hismigrate.model.text import fold

UPDATED_FIELDS = (
    "os_name",
    "os_version",
    "vcpu",
    "memory_gb",
    "storage_gb",
    "cpu_util_pct",
    "memory_util_pct",
    "ip_address",
)


@dataclass(frozen=True)
class Merged:
    servers: tuple[Server, ...]
    updated: int
    added: int
    kept: int


def _keys(server: Server) -> set[str]:
    """Names a server answers to: host name and id, with and without the DNS domain."""
    names = {fold(server.hostname), fold(server.id)}
    return names | {n.split(".")[0] for n in names if "." in n}


def merge_servers(inventory: Inventory, imported: tuple[Server, ...], segment: str | None, source: str) -> Merged:
    """The inventory's servers updated from `imported`, then the new ones (which need `segment`) sorted by id."""
    index: dict[str, list[int]] = {}
    for i, server in enumerate(inventory.servers):
        for key in _keys(server):
            index.setdefault(key, []).append(i)
    updates: dict[int, Server] = {}
    new: list[Server] = []
    problems: list[Problem] = []
    for server in imported:
        hits = sorted({i for key in _keys(server) for i in index.get(key, [])})
        if len(hits) > 1:
            ids = ", ".join(inventory.servers[i].id for i in hits)
            problems.append(
                Problem(Location(source), "merge_ambiguous", {"name": server.hostname, "count": len(hits), "ids": ids})
            )
        elif hits:
            updates[hits[0]] = _update(inventory.servers[hits[0]], server)
        else:
            new.append(server)
    if new and segment is None:
        names = ", ".join(s.hostname for s in new[:10]) + (", ..." if len(new) > 10 else "")
        problems.append(Problem(Location(source), "merge_no_segment", {"count": len(new), "names": names}))
    if problems:
        raise InventoryError(problems)
    servers = [updates.get(i, s) for i, s in enumerate(inventory.servers)]
    servers += sorted((s.model_copy(update={"segment": segment}) for s in new), key=lambda s: s.id)
    return Merged(tuple(servers), len(updates), len(new), len(inventory.servers) - len(updates))


def _update(current: Server, found: Server) -> Server:
    changes = {name: getattr(found, name) for name in UPDATED_FIELDS if getattr(found, name) is not None}
    if not current.notes and found.notes:
        changes["notes"] = found.notes
    return current.model_copy(update=changes)
