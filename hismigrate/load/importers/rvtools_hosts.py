"""RVTools vHost -> hypervisor hosts: servers of role `hypervisor`, physical, with the hardware facts RVTools gives
(cores, memory, ESXi version, vendor and model) and their cluster as redundancy group. Prices, maintenance and
purchase dates are not in the export and are not invented: the TODO list asks for them.

A host that VMs name in vInfo but that vHost does not list (an export of part of vCenter) still becomes a host, marked
as a draft with unknown hardware, so that its VMs keep their place.
"""

from __future__ import annotations

from dataclasses import dataclass

from hismigrate.errors import InventoryError, Problem
from hismigrate.i18n import t
from hismigrate.load.importers.columns import Column, Columns, match_columns, mib_to_gib, number, text, whole
from hismigrate.load.importers.drafts import Draft, build_servers, server_id
from hismigrate.load.importers.os_names import parse_os
from hismigrate.load.importers.table import Row, Workbook
from hismigrate.model.enums import ServerRole
from hismigrate.model.inventory import Server
from hismigrate.model.text import fold

SOURCE = "RVTools"
ESXI = "VMware ESXi"  # what every host in a vCenter export runs, when vHost does not give its version

HOST = Column("Host", required=True)
DATACENTER = Column("Datacenter")
CLUSTER = Column("Cluster")
CPU_MODEL = Column("CPU Model")
SOCKETS = Column("# CPU")
CORES = Column("# Cores")
MEMORY = Column("# Memory")  # MiB
VERSION = Column("ESX Version", ("ESXi Version", "Version"))
VENDOR = Column("Vendor")
MODEL = Column("Model")
VMS = Column("# VMs", ("# VMs total",))
COLUMNS = (HOST, DATACENTER, CLUSTER, CPU_MODEL, SOCKETS, CORES, MEMORY, VERSION, VENDOR, MODEL, VMS)


@dataclass(frozen=True)
class HostRef:
    """A host as the VMs of vInfo name it, with the cluster they name beside it."""

    name: str
    cluster: str | None


def host_ids(book_hosts: dict[str, Draft], named: dict[str, HostRef], vm_ids: set[str]) -> dict[str, str]:
    """Folded host name -> server id: the host's name made an id, `-host` added where a VM has that id."""
    out: dict[str, str] = {}
    for key, name in [*((k, d.name) for k, d in book_hosts.items()), *((k, r.name) for k, r in named.items())]:
        if key not in out:
            ident = server_id(name)
            out[key] = f"{ident}-host" if ident.casefold() in vm_ids else ident
    return out


def read_vhost(book: Workbook, segment: str, lang: str) -> tuple[dict[str, Draft], Columns | None]:
    """The vHost rows as server drafts (folded host name -> draft) and the sheet's columns; empty without vHost."""
    sheet = book.find_sheet("vHost")
    table = book.table(sheet) if sheet else None
    if table is None:
        return {}, None
    columns = match_columns(table, COLUMNS, SOURCE)
    problems: list[Problem] = []
    drafts: dict[str, Draft] = {}
    for row in table.rows:
        name = text(row, columns, HOST.name)
        if name is None:
            problems.append(Problem(table.location(row.number, columns.at(HOST.name)), "missing_name", {}))
            continue
        drafts.setdefault(fold(name), _draft(row, columns, name, segment, lang, problems))
    if problems:
        raise InventoryError(problems)
    return drafts, columns


def _draft(row: Row, columns: Columns, name: str, segment: str, lang: str, problems: list[Problem]) -> Draft:
    draft = Draft(row, name)
    draft.put("hostname", name, HOST.name)
    draft.put("segment", segment)
    draft.put("role", ServerRole.hypervisor.value)
    draft.put("physical", True)
    draft.put("vcpu", whole(number(row, columns, CORES.name, problems)), CORES.name)
    draft.put("memory_gb", mib_to_gib(number(row, columns, MEMORY.name, problems)), MEMORY.name)
    os = parse_os(text(row, columns, VERSION.name))
    draft.put("os_name", os.name or ESXI, VERSION.name)
    draft.put("os_version", os.version, VERSION.name)
    draft.put("redundancy_group", text(row, columns, CLUSTER.name), CLUSTER.name)
    parts = []
    model = " ".join(v for v in (text(row, columns, VENDOR.name), text(row, columns, MODEL.name)) if v)
    if model:
        parts.append(model)
    cpu = text(row, columns, CPU_MODEL.name)
    sockets = whole(number(row, columns, SOCKETS.name, problems))
    if cpu:
        parts.append(f"{sockets} x {cpu}" if sockets else cpu)
    for column, key in ((DATACENTER, "datacenter"), (CLUSTER, "cluster")):
        value = text(row, columns, column.name)
        if value:
            parts.append(t(f"imports.note.{key}", lang, value=value))
    vms = whole(number(row, columns, VMS.name, problems))
    if vms is not None:
        parts.append(t("imports.note.vms", lang, value=vms))
    if parts:
        draft.put("notes", t("imports.note.rvtools", lang, parts=t("imports.note.separator", lang).join(parts)))
    return draft


def host_servers(
    book_hosts: dict[str, Draft],
    columns: Columns | None,
    named: dict[str, HostRef],
    ids: dict[str, str],
    segment: str,
    lang: str,
) -> tuple[list[Server], list[str]]:
    """The hosts of vHost, and a draft host for each one only the VMs name; with the names of the latter."""
    drafts = []
    for key, draft in book_hosts.items():
        draft.put("id", ids[key], HOST.name)
        if "redundancy_group" not in draft.values and key in named:  # vHost without a Cluster column
            draft.put("redundancy_group", named[key].cluster)
        drafts.append(draft)
    servers = build_servers(drafts, columns) if drafts and columns is not None else []
    missing = sorted((r for k, r in named.items() if k not in book_hosts), key=lambda r: fold(r.name))
    for ref in missing:
        servers.append(
            Server(
                id=ids[fold(ref.name)],
                hostname=ref.name,
                segment=segment,
                role=ServerRole.hypervisor,
                physical=True,
                os_name=ESXI,
                redundancy_group=ref.cluster,
                draft=t("imports.draft.host_not_in_vhost", lang),
            )
        )
    return sorted(servers, key=lambda s: s.id), [r.name for r in missing]
