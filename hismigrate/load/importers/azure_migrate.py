"""Azure Migrate import CSV -> servers.

Mandatory columns: Server name, Cores, Memory (In MB), OS name (the template marks them with a leading `*`).
Storage is the sum of the "Disk N size (In GB)" columns; MB and GB are binary here too (see columns.MIB_PER_GIB).
"""

from __future__ import annotations

import re
from pathlib import Path

from hismigrate.errors import Problem
from hismigrate.load.importers.columns import (
    Column,
    Columns,
    header_key,
    match_columns,
    mib_to_gib,
    number,
    text,
    whole,
)
from hismigrate.load.importers.drafts import Draft, build_servers, server_id
from hismigrate.load.importers.os_names import parse_os
from hismigrate.load.importers.result import ImportResult
from hismigrate.load.importers.segments import Segments
from hismigrate.load.importers.table import Row, read_csv
from hismigrate.model.text import parse_list

KIND = "azure_migrate"
SOURCE = "Azure Migrate"

SERVER_NAME = Column("Server name", required=True)
IP_ADDRESSES = Column("IP addresses", ("IP address",))
CORES = Column("Cores", required=True)
MEMORY = Column("Memory (In MB)", ("Memory (MB)",), required=True)
OS_NAME = Column("OS name", required=True)
OS_VERSION = Column("OS version")
OS_ARCHITECTURE = Column("OS architecture")
CPU_UTIL = Column("CPU utilization percentage", ("CPU utilisation percentage",))
MEMORY_UTIL = Column("Memory utilization percentage", ("Memory utilisation percentage",))
NUMBER_OF_DISKS = Column("Number of disks")
COLUMNS = (SERVER_NAME, IP_ADDRESSES, CORES, MEMORY, OS_NAME, OS_VERSION, CPU_UTIL, MEMORY_UTIL, NUMBER_OF_DISKS)

_DISK_SIZE = re.compile(r"^disk (\d+) size \(in gb\)$")


def disk_size_header(n: int) -> str:
    return f"Disk {n} size (In GB)"


def import_azure_migrate(path: Path, segment: str | None = None) -> ImportResult:
    """Read an Azure Migrate import CSV; raise InventoryError (line and column) when it cannot be used. Without
    `segment`, each server sits in the segment of its (first) IP address's subnet."""
    table = read_csv(path)
    disk_columns = tuple(
        Column(h.strip().lstrip("*").strip())
        for h in sorted(
            (h for h in table.headers if _DISK_SIZE.match(header_key(h))),
            key=lambda h: int(_DISK_SIZE.match(header_key(h)).group(1)),  # type: ignore[union-attr]
        )
    )
    columns = match_columns(table, COLUMNS + disk_columns, SOURCE)
    problems: list[Problem] = []
    drafts: list[Draft] = []
    segments = Segments(segment)
    for row in table.rows:
        name = text(row, columns, SERVER_NAME.name)
        if name is None:
            problems.append(Problem(table.location(row.number, columns.at(SERVER_NAME.name)), "missing_name", {}))
            continue
        drafts.append(_draft(row, columns, name, segments, disk_columns, problems))
    servers = build_servers(drafts, columns, problems)
    return ImportResult(KIND, table.file, len(table.rows), tuple(servers), segments=segments.all())


def _draft(
    row: Row, columns: Columns, name: str, segments: Segments, disks: tuple[Column, ...], problems: list[Problem]
) -> Draft:
    draft = Draft(row, name)
    draft.put("id", server_id(name), SERVER_NAME.name)
    draft.put("hostname", name, SERVER_NAME.name)
    addresses = parse_list(text(row, columns, IP_ADDRESSES.name) or "")
    ip = str(addresses[0]) if isinstance(addresses, list) and addresses else None
    draft.put("segment", segments.for_server([], ip))
    draft.put("ip_address", ip, IP_ADDRESSES.name)
    draft.put("vcpu", whole(number(row, columns, CORES.name, problems)), CORES.name)
    draft.put("memory_gb", mib_to_gib(number(row, columns, MEMORY.name, problems)), MEMORY.name)
    # A blank mandatory value is let through (the model allows it); Azure itself would refuse the row, and
    # `export` lists such servers, so that a hospital's own export still reads back. The OS version column wins
    # (`export` writes it), else the name's own release.
    os = parse_os(text(row, columns, OS_NAME.name))
    given = text(row, columns, OS_VERSION.name)
    draft.put("os_name", os.name, OS_NAME.name)
    draft.put("os_version", given or os.version, OS_VERSION.name if given else OS_NAME.name)
    sizes = [number(row, columns, d.name, problems) for d in disks]
    given = [s for s in sizes if s is not None]
    if given:
        # Sizes are GiB already; summing keeps the exact figures a round trip needs.
        draft.put("storage_gb", sum(given), disks[0].name)
    draft.put("cpu_util_pct", number(row, columns, CPU_UTIL.name, problems), CPU_UTIL.name)
    draft.put("memory_util_pct", number(row, columns, MEMORY_UTIL.name, problems), MEMORY_UTIL.name)
    return draft
