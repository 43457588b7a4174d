"""RVTools workbook -> servers (vInfo, with vDisk, vPartition, vNetwork and the port sheets) and hypervisor hosts
(vHost, see rvtools_hosts).

Every powered-on, non-template VM becomes a server naming its host; the others are returned as skipped with their
reason. Storage is the VM's virtual disks' capacity (vInfo's "Total disk capacity MiB", else its vDisk rows), else
its partitions' capacity (vPartition), else vInfo's "Provisioned MiB", which also counts swap and snapshot files;
the import states how many VMs each rule sized. A VM without CPUs, memory or OS is imported as a draft, named in a
remark. Without --segment, a VM sits in the segment of its first network (see segments).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from hismigrate.errors import InventoryError, Location, Problem
from hismigrate.i18n import t
from hismigrate.load.importers.columns import Column, Columns, flag, match_columns, mib_to_gib, number, text, whole
from hismigrate.load.importers.drafts import Draft, build_servers, server_id
from hismigrate.load.importers.os_names import OsName, parse_os
from hismigrate.load.importers.result import Hints, ImportResult, Remark, Skipped
from hismigrate.load.importers.rvtools_hosts import HostRef, host_ids, host_servers, read_vhost
from hismigrate.load.importers.rvtools_sheets import SideSheets, read_side_sheets
from hismigrate.load.importers.segments import Segments
from hismigrate.load.importers.table import Row, Table, Workbook
from hismigrate.model.text import fold

KIND = "rvtools"
SOURCE = "RVTools"

VM = Column("VM", ("VM Name", "Name"), required=True)
POWERSTATE = Column("Powerstate", ("Power State", "Power state"), required=True)
TEMPLATE = Column("Template")
SRM_PLACEHOLDER = Column("SRM Placeholder")
CPUS = Column("CPUs", ("vCPU", "vCPUs", "Num CPU", "NumCPU"), required=True)
MEMORY = Column("Memory", ("Memory MiB", "Memory MB"), required=True)
TOTAL_DISK = Column("Total disk capacity MiB", ("Total disk capacity MB",))
PROVISIONED = Column("Provisioned MiB", ("Provisioned MB",))
IN_USE = Column("In Use MiB", ("In Use MB",))
IP = Column("Primary IP Address", ("IP Address",))
DNS = Column("DNS Name")
DATACENTER = Column("Datacenter")
CLUSTER = Column("Cluster")
HOST = Column("Host")
OS_CONFIG = Column("OS according to the configuration file", ("OS",))
OS_TOOLS = Column("OS according to the VMware Tools", ("OS according to VMware Tools", "Guest OS"))
VM_ID = Column("VM ID")
FOLDER = Column("Folder")
VAPP = Column("vApp")
ANNOTATION = Column("Annotation", ("Notes",))
NETWORKS = tuple(Column(f"Network #{n}") for n in range(1, 9))
VINFO = (
    VM,
    POWERSTATE,
    TEMPLATE,
    SRM_PLACEHOLDER,
    CPUS,
    MEMORY,
    TOTAL_DISK,
    PROVISIONED,
    IN_USE,
    IP,
    DNS,
    DATACENTER,
    CLUSTER,
    HOST,
    OS_CONFIG,
    OS_TOOLS,
    VM_ID,
    FOLDER,
    VAPP,
    ANNOTATION,
    *NETWORKS,
)
LEGACY_UNIT_COLUMNS = (MEMORY, TOTAL_DISK, PROVISIONED, IN_USE)
STORAGE_RULES = ("disks", "partitions", "provisioned", "none")
"""How a VM's storage was sized, in order of preference (`none`: the export gives no size)."""
LISTED = 10
"""VMs named in a remark; the others are counted."""

_POWER = {"poweredon": "on", "poweredoff": "powered_off", "suspended": "suspended"}


@dataclass(frozen=True)
class RvtoolsOptions:
    segment: str | None = None  # None: each VM in the segment of its first network
    include_powered_off: bool = False
    include_templates: bool = False
    lang: str = "ja"


@dataclass
class _Found:
    """What drafting the VMs found beside the servers' fields, for the remarks and the draft inventory."""

    storage: Counter[str]
    incomplete: list[str]
    several_networks: list[str]
    hints: dict[str, Hints]


def import_rvtools(path: Path, options: RvtoolsOptions) -> ImportResult:
    """Read an RVTools export; raise InventoryError (sheet, row, column) when it cannot be used."""
    book = Workbook(path)
    table, columns = _vinfo(book)
    side = read_side_sheets(book)
    segments = Segments(options.segment)
    problems: list[Problem] = []
    kept: list[tuple[Row, str]] = []
    skipped: list[Skipped] = []
    for row in table.rows:
        name = text(row, columns, VM.name)
        if name is None:
            problems.append(Problem(table.location(row.number, columns.at(VM.name)), "missing_name", {}))
            continue
        reason = _skip_reason(row, columns, options, problems)
        if reason:
            skipped.append(Skipped(name, reason, row.number))
            continue
        kept.append((row, name))
    named: dict[str, HostRef] = {}
    for row, _ in kept:
        host = text(row, columns, HOST.name)
        if host:
            named.setdefault(fold(host), HostRef(host, text(row, columns, CLUSTER.name)))
    book_hosts, host_columns = read_vhost(book, segments.host_segment(), options.lang)
    ids = host_ids(book_hosts, named, {server_id(name).casefold() for _, name in kept})
    found = _Found(Counter(), [], [], {})
    drafts = [_draft(row, columns, name, options, side, segments, ids, found, problems) for row, name in kept]
    servers = build_servers(drafts, columns, problems)
    hosts, not_in_vhost = host_servers(book_hosts, host_columns, named, ids, segments.host_segment(), options.lang)
    if hosts:
        segments.hosts_placed()
    return ImportResult(
        KIND,
        book.file,
        len(table.rows),
        tuple(servers),
        tuple(skipped),
        _remarks(columns, found, not_in_vhost),
        hosts=tuple(hosts),
        segments=segments.all(),
        hints=found.hints,
    )


def _vinfo(book: Workbook) -> tuple[Table, Columns]:
    sheet = book.find_sheet("vInfo")
    if sheet is None:
        raise InventoryError.single(Location(book.file), "rvtools_no_vinfo", sheets=", ".join(book.sheet_names) or "-")
    table = book.table(sheet)
    if table is None:
        raise InventoryError.single(Location(book.file, sheet=sheet), "rvtools_empty_vinfo")
    return table, match_columns(table, VINFO, SOURCE)


def _skip_reason(row: Row, columns: Columns, options: RvtoolsOptions, problems: list[Problem]) -> str | None:
    if flag(row, columns, SRM_PLACEHOLDER.name, problems):
        return "srm_placeholder"  # a recovery placeholder, not a running machine
    if flag(row, columns, TEMPLATE.name, problems) and not options.include_templates:
        return "template"
    at = columns.at(POWERSTATE.name)
    raw = row.get(at)
    state = _POWER.get(fold(str(raw))) if raw is not None else None
    if state is None:
        problems.append(
            Problem(
                columns.table.location(row.number, at),
                "bad_powerstate",
                {"value": "" if raw is None else str(raw)},
            )
        )
        return None
    if state != "on" and not options.include_powered_off:
        return state
    return None


def _draft(
    row: Row,
    columns: Columns,
    name: str,
    options: RvtoolsOptions,
    side: SideSheets,
    segments: Segments,
    host_ids: dict[str, str],
    found: _Found,
    problems: list[Problem],
) -> Draft:
    draft = Draft(row, name)
    ident = server_id(name)
    draft.put("id", ident, VM.name)
    draft.put("hostname", text(row, columns, DNS.name) or name, DNS.name if columns.has(DNS.name) else VM.name)
    ip = text(row, columns, IP.name)
    # vInfo's adapters first, then any other network vNetwork lists for the VM
    networks = list(
        dict.fromkeys([*(n for c in NETWORKS if (n := text(row, columns, c.name))), *side.networks.get(fold(name), [])])
    )
    draft.put("segment", segments.for_server(networks, ip, side.vlans))
    if options.segment is None and len(networks) > 1:
        found.several_networks.append(f"{name} ({', '.join(networks)})")
    os, os_column = _os(row, columns)
    draft.put("os_name", os.name, os_column)
    draft.put("os_version", os.version, os_column)
    draft.put("vcpu", whole(number(row, columns, CPUS.name, problems)), CPUS.name)
    draft.put("memory_gb", mib_to_gib(number(row, columns, MEMORY.name, problems)), MEMORY.name)
    storage, rule, column = _storage(row, columns, name, side, problems)
    draft.put("storage_gb", mib_to_gib(storage), column)
    found.storage[rule] += 1
    draft.put("ip_address", ip, IP.name)
    host = text(row, columns, HOST.name)
    if host:
        draft.put("host", host_ids[fold(host)], HOST.name)
    in_use = mib_to_gib(number(row, columns, IN_USE.name, problems))
    draft.put("notes", _note(row, columns, in_use, os.edition, options.lang))
    missing = [
        label
        for key, label in (("vcpu", "CPUs"), ("memory_gb", "Memory"), ("os_name", "OS"))
        if key not in draft.values
    ]
    if missing:
        draft.put("draft", t("imports.draft.vm_incomplete", options.lang, fields=", ".join(missing), row=row.number))
        found.incomplete.append(f"{name} ({', '.join(missing)})")
    found.hints[ident] = Hints(
        folder=text(row, columns, FOLDER.name) or side.folders.get(fold(name)),
        vapp=text(row, columns, VAPP.name),
        annotation=text(row, columns, ANNOTATION.name) or side.annotations.get(fold(name)),
    )
    return draft


def _os(row: Row, columns: Columns) -> tuple[OsName, str]:
    """What VMware Tools reports, unless only the configuration file names a release (`Other 3.x Linux` vs
    `CentOS 7`)."""
    tools = parse_os(text(row, columns, OS_TOOLS.name))
    config = parse_os(text(row, columns, OS_CONFIG.name))
    if tools.name is not None and (tools.version is not None or config.version is None):
        return tools, OS_TOOLS.name
    return (config, OS_CONFIG.name) if config.name is not None else (tools, OS_TOOLS.name)


def _storage(
    row: Row, columns: Columns, name: str, side: SideSheets, problems: list[Problem]
) -> tuple[float | None, str, str | None]:
    """(MiB, rule, column) by the first rule that has a figure (STORAGE_RULES)."""
    total = number(row, columns, TOTAL_DISK.name, problems)
    provisioned = number(row, columns, PROVISIONED.name, problems)
    if total is not None:
        return total, "disks", TOTAL_DISK.name
    if fold(name) in side.disks:
        return side.disks[fold(name)], "disks", None
    if fold(name) in side.partitions:
        return side.partitions[fold(name)], "partitions", None
    if provisioned is not None:
        return provisioned, "provisioned", PROVISIONED.name
    return None, "none", None


def _note(row: Row, columns: Columns, in_use_gib: float | None, edition: str | None, lang: str) -> str | None:
    """`RVTools: datacenter DC, cluster C, host H, in use 94.7 GiB, edition Datacenter` in the user's language."""
    parts = []
    for column, key in ((DATACENTER, "datacenter"), (CLUSTER, "cluster"), (HOST, "host")):
        value = text(row, columns, column.name)
        if value:
            parts.append(t(f"imports.note.{key}", lang, value=value))
    if in_use_gib is not None:
        parts.append(t("imports.note.in_use", lang, value=f"{in_use_gib:.1f}"))
    if edition:
        parts.append(t("imports.note.edition", lang, value=edition))
    vm_id = text(row, columns, VM_ID.name)
    if vm_id:
        parts.append(t("imports.note.vm_id", lang, value=vm_id))
    return t("imports.note.rvtools", lang, parts=t("imports.note.separator", lang).join(parts)) if parts else None


def _remarks(columns: Columns, found: _Found, not_in_vhost: list[str]) -> tuple[Remark, ...]:
    remarks = []
    legacy = sorted(columns.found[c.name] for c in LEGACY_UNIT_COLUMNS if columns.found.get(c.name, "").endswith(" MB"))
    if legacy:
        remarks.append(Remark("legacy_mb", {"columns": ", ".join(legacy)}))
    if found.storage:
        remarks.append(Remark("storage", {rule: found.storage.get(rule, 0) for rule in STORAGE_RULES}))
    for key, names in (
        ("vm_incomplete", found.incomplete),
        ("several_networks", found.several_networks),
        ("hosts_not_in_vhost", not_in_vhost),
    ):
        if names:
            remarks.append(Remark(key, {"count": len(names), "names": listed(names)}))
    return tuple(remarks)


def listed(names: list[str]) -> str:
    """The first LISTED names, then how many more."""
    shown = ", ".join(names[:LISTED])
    return shown + (f", … (+{len(names) - LISTED})" if len(names) > LISTED else "")
