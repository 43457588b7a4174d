"""RVTools workbook (vInfo, vDisk, vHost) -> servers; hosts and clusters go into each server's notes.

Every powered-on, non-template VM becomes a server; the others are returned as skipped with their reason.
Storage is the VM's virtual disk capacity: vInfo's "Total disk capacity MiB", else the sum of its vDisk rows,
else vInfo's "Provisioned MiB" (which also counts swap and snapshots, so it is only the last resort).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hismigrate.errors import InventoryError, Location, Problem
from hismigrate.i18n import t
from hismigrate.load.importers.columns import Column, Columns, flag, match_columns, mib_to_gib, number, text, whole
from hismigrate.load.importers.drafts import Draft, ImportResult, Skipped, build_servers, server_id, split_os
from hismigrate.load.importers.table import Row, Workbook
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
)
DISK_VM = Column("VM", ("VM Name",), required=True)
DISK_CAPACITY = Column("Capacity MiB", ("Capacity MB",), required=True)
VHOST_HOST = Column("Host", required=True)
VHOST_VENDOR = Column("Vendor")
VHOST_MODEL = Column("Model")
LEGACY_UNIT_COLUMNS = (MEMORY, TOTAL_DISK, PROVISIONED, IN_USE)

_POWER = {"poweredon": "on", "poweredoff": "powered_off", "suspended": "suspended"}


@dataclass(frozen=True)
class RvtoolsOptions:
    segment: str
    include_powered_off: bool = False
    include_templates: bool = False
    lang: str = "ja"


def import_rvtools(path: Path, options: RvtoolsOptions) -> ImportResult:
    """Read an RVTools export; raise InventoryError (sheet, row, column) when it cannot be used."""
    book = Workbook(path)
    sheet = book.find_sheet("vInfo")
    if sheet is None:
        raise InventoryError.single(Location(book.file), "rvtools_no_vinfo", sheets=", ".join(book.sheet_names) or "-")
    table = book.table(sheet)
    if table is None:
        raise InventoryError.single(Location(book.file, sheet=sheet), "rvtools_empty_vinfo")
    columns = match_columns(table, VINFO, SOURCE)
    disks = _disk_sizes(book)
    hosts = _host_models(book)
    problems: list[Problem] = []
    drafts: list[Draft] = []
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
        drafts.append(_draft(row, columns, name, options, disks, hosts, problems))
    servers = build_servers(drafts, columns, problems)
    remarks = []
    legacy = sorted(columns.found[c.name] for c in LEGACY_UNIT_COLUMNS if columns.found.get(c.name, "").endswith(" MB"))
    if legacy:
        remarks.append(("legacy_mb", {"columns": ", ".join(legacy)}))
    return ImportResult(KIND, book.file, len(table.rows), tuple(servers), tuple(skipped), tuple(remarks))


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
    disks: dict[str, float],
    hosts: dict[str, str],
    problems: list[Problem],
) -> Draft:
    draft = Draft(row, name)
    draft.put("id", server_id(name), VM.name)
    draft.put("hostname", text(row, columns, DNS.name) or name, DNS.name if columns.has(DNS.name) else VM.name)
    draft.put("segment", options.segment)
    os_text, os_column = text(row, columns, OS_TOOLS.name), OS_TOOLS.name
    if os_text is None:
        os_text, os_column = text(row, columns, OS_CONFIG.name), OS_CONFIG.name
    os_name, os_version = split_os(os_text)
    draft.put("os_name", os_name, os_column)
    draft.put("os_version", os_version, os_column)
    draft.put("vcpu", whole(number(row, columns, CPUS.name, problems)), CPUS.name)
    draft.put("memory_gb", mib_to_gib(number(row, columns, MEMORY.name, problems)), MEMORY.name)
    total = number(row, columns, TOTAL_DISK.name, problems)
    provisioned = number(row, columns, PROVISIONED.name, problems)
    if total is not None:
        draft.put("storage_gb", mib_to_gib(total), TOTAL_DISK.name)
    elif fold(name) in disks:
        draft.put("storage_gb", mib_to_gib(disks[fold(name)]))
    else:
        draft.put("storage_gb", mib_to_gib(provisioned), PROVISIONED.name)
    draft.put("ip_address", text(row, columns, IP.name), IP.name)
    in_use = mib_to_gib(number(row, columns, IN_USE.name, problems))
    draft.put("notes", _note(row, columns, hosts, in_use, options.lang))
    return draft


def _note(row: Row, columns: Columns, hosts: dict[str, str], in_use_gib: float | None, lang: str) -> str | None:
    """`RVTools: datacenter DC, cluster C, host H (HPE ProLiant DL380 Gen10), in use 94.7 GiB` in the user's language."""
    parts = []
    for column, key in ((DATACENTER, "datacenter"), (CLUSTER, "cluster"), (HOST, "host")):
        value = text(row, columns, column.name)
        if value:
            if key == "host" and fold(value) in hosts:
                value = f"{value} ({hosts[fold(value)]})"
            parts.append(t(f"imports.note.{key}", lang, value=value))
    if in_use_gib is not None:
        parts.append(t("imports.note.in_use", lang, value=f"{in_use_gib:.1f}"))
    vm_id = text(row, columns, VM_ID.name)
    if vm_id:
        parts.append(t("imports.note.vm_id", lang, value=vm_id))
    return t("imports.note.rvtools", lang, parts=t("imports.note.separator", lang).join(parts)) if parts else None


def _disk_sizes(book: Workbook) -> dict[str, float]:
    """Sum of vDisk capacities per VM name (folded); empty when the sheet is absent or unreadable as disks."""
    sheet = book.find_sheet("vDisk")
    table = book.table(sheet) if sheet else None
    if table is None:
        return {}
    columns = match_columns(table, (DISK_VM, DISK_CAPACITY), SOURCE)
    problems: list[Problem] = []
    sizes: dict[str, float] = {}
    for row in table.rows:
        vm = text(row, columns, DISK_VM.name)
        size = number(row, columns, DISK_CAPACITY.name, problems)
        if vm and size is not None:
            sizes[fold(vm)] = sizes.get(fold(vm), 0.0) + size
    if problems:
        raise InventoryError(problems)
    return sizes


def _host_models(book: Workbook) -> dict[str, str]:
    """Physical host (folded name) -> "vendor model" from vHost, for the notes."""
    sheet = book.find_sheet("vHost")
    table = book.table(sheet) if sheet else None
    if table is None:
        return {}
    columns = match_columns(table, (VHOST_HOST, VHOST_VENDOR, VHOST_MODEL), SOURCE)
    models: dict[str, str] = {}
    for row in table.rows:
        host = text(row, columns, VHOST_HOST.name)
        model = " ".join(v for v in (text(row, columns, VHOST_VENDOR.name), text(row, columns, VHOST_MODEL.name)) if v)
        if host and model:
            models[fold(host)] = model
    return models
