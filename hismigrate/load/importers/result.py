"""What an import hands back: the servers, the hypervisor hosts, the network segments they sit in, the rows it
skipped and why, remarks for the user, and per server the hints a draft inventory groups systems by."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from hismigrate.model.inventory import Server


@dataclass(frozen=True)
class Skipped:
    """A row that did not become a server, and why (`template`, `powered_off`, `suspended`, `srm_placeholder`)."""

    name: str
    reason: str
    row: int


class Remark(NamedTuple):
    """Something the user should know about the import: a catalog key under `imports.remark.` and its params."""

    key: str
    params: dict[str, Any]


@dataclass(frozen=True)
class Hints:
    """What an export says about a server beyond its facts: where it is filed, for grouping servers into draft
    systems (folder, vApp, annotation; AWS Migration Hub's Applications)."""

    folder: str | None = None
    vapp: str | None = None
    annotation: str | None = None
    application: str | None = None


@dataclass(frozen=True)
class SegmentSeen:
    """A segment the import placed servers in: its id, how the export names it, and what it was derived from
    (`network`: a port group or network, `subnet`: the servers' IP subnet, `hosts`: the hypervisors' own,
    `none`: nothing to go by, `given`: --segment)."""

    id: str
    name: str
    basis: str
    vlan: str | None = None


@dataclass(frozen=True)
class ImportResult:
    """What an import produced: servers (sorted by id), hosts, rows skipped with their reason, remarks."""

    source: str  # the format: rvtools, azure_migrate, aws_migration_hub
    file: str
    rows: int
    servers: tuple[Server, ...]
    skipped: tuple[Skipped, ...] = ()
    remarks: tuple[Remark, ...] = ()
    hosts: tuple[Server, ...] = ()  # hypervisor hosts (role hypervisor), sorted by id; VMs name them in `host`
    segments: tuple[SegmentSeen, ...] = ()  # every segment a server or host sits in, sorted by id
    hints: dict[str, Hints] = field(default_factory=dict)  # server id -> hints

    def skipped_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for s in self.skipped:
            counts[s.reason] = counts.get(s.reason, 0) + 1
        return dict(sorted(counts.items()))

    def all_servers(self) -> tuple[Server, ...]:
        """Hosts first, then the servers: a host is defined before the VMs that name it."""
        return self.hosts + self.servers
