"""Servers -> the import CSVs of Azure Migrate and AWS Migration Hub, so a hospital can hand its estate to them.

Column names come from the importers, so that export -> import gives back every field the format holds (text a
spreadsheet would run as a formula, `=1+2`, gets a leading apostrophe, as in every workbook hismigrate writes). Sizes
are binary (GiB in the model, MB = MiB in the files); storage goes into one disk, the only total the model keeps.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from hismigrate.load.importers import aws_migration_hub as aws
from hismigrate.load.importers import azure_migrate as azure
from hismigrate.load.importers.columns import MIB_PER_GIB
from hismigrate.model.inventory import Server
from hismigrate.xlsx_package import formula_safe


@dataclass(frozen=True)
class ExportFormat:
    """A target tool: its columns, how a server fills a row, and the fields the tool cannot do without."""

    name: str
    label: str
    headers: tuple[str, ...]
    row: Callable[[Server], dict[str, Any]]
    required: tuple[str, ...]  # Server fields


def _num(value: float | int | None) -> str:
    """A number as the shortest text that reads back to the same float (`8192`, `103.263671875`)."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _mib(gib: float | None) -> str:
    return "" if gib is None else _num(gib * MIB_PER_GIB)


def _os_text(server: Server) -> tuple[str, str]:
    return server.os_name or "", server.os_version or ""


AZURE_HEADERS = (
    f"*{azure.SERVER_NAME.name}",
    azure.IP_ADDRESSES.name,
    f"*{azure.CORES.name}",
    f"*{azure.MEMORY.name}",
    f"*{azure.OS_NAME.name}",
    azure.OS_VERSION.name,
    azure.OS_ARCHITECTURE.name,
    azure.CPU_UTIL.name,
    azure.MEMORY_UTIL.name,
    azure.NUMBER_OF_DISKS.name,
    azure.disk_size_header(1),
)


def _azure_row(server: Server) -> dict[str, Any]:
    os_name, os_version = _os_text(server)
    return {
        f"*{azure.SERVER_NAME.name}": server.hostname,
        azure.IP_ADDRESSES.name: server.ip_address or "",
        f"*{azure.CORES.name}": _num(server.vcpu),
        f"*{azure.MEMORY.name}": _mib(server.memory_gb),
        f"*{azure.OS_NAME.name}": os_name,
        azure.OS_VERSION.name: os_version,
        azure.CPU_UTIL.name: _num(server.cpu_util_pct),
        azure.MEMORY_UTIL.name: _num(server.memory_util_pct),
        azure.NUMBER_OF_DISKS.name: "1" if server.storage_gb is not None else "",
        azure.disk_size_header(1): _num(server.storage_gb),
    }


AWS_HEADERS = tuple(
    c.name
    for c in (
        aws.EXTERNAL_ID,
        aws.IP_ADDRESS,
        aws.HOST_NAME,
        aws.CORES,
        aws.OS_NAME,
        aws.OS_VERSION,
        aws.RAM_TOTAL,
        aws.CPU_MAX,
        aws.RAM_USED_MAX,
    )
)


def _aws_row(server: Server) -> dict[str, Any]:
    os_name, os_version = _os_text(server)
    used = (
        None
        if server.memory_util_pct is None or server.memory_gb is None
        else server.memory_gb * MIB_PER_GIB * server.memory_util_pct / 100
    )
    return {
        aws.EXTERNAL_ID.name: server.id,
        aws.IP_ADDRESS.name: server.ip_address or "",
        aws.HOST_NAME.name: server.hostname,
        aws.CORES.name: _num(server.vcpu),
        aws.OS_NAME.name: os_name,
        aws.OS_VERSION.name: os_version,
        aws.RAM_TOTAL.name: _mib(server.memory_gb),
        aws.CPU_MAX.name: _num(server.cpu_util_pct),
        aws.RAM_USED_MAX.name: _num(used),
    }


FORMATS = {
    "azure-migrate": ExportFormat(
        "azure-migrate", "Azure Migrate", AZURE_HEADERS, _azure_row, ("vcpu", "memory_gb", "os_name")
    ),
    "aws-migration-hub": ExportFormat("aws-migration-hub", "AWS Migration Hub", AWS_HEADERS, _aws_row, ()),
}


def discovery_csv(servers: Sequence[Server], target: ExportFormat) -> str:
    """The CSV text (UTF-8, CRLF as the tools' templates use), one row per server, sorted by id."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(target.headers), lineterminator="\r\n")
    writer.writeheader()
    for server in sorted(servers, key=lambda s: s.id):
        # text that Excel (where these files are edited) or the tool would run as a formula is written inert
        writer.writerow({k: formula_safe(v) if isinstance(v, str) else v for k, v in target.row(server).items()})
    return out.getvalue()


def incomplete(servers: Sequence[Server], target: ExportFormat) -> list[Server]:
    """Servers lacking a value the target tool requires (it would reject their rows)."""
    return [s for s in sorted(servers, key=lambda s: s.id) if any(getattr(s, f) is None for f in target.required)]
