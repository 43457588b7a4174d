"""AWS Migration Hub import template (CSV) -> servers.

Each row needs one identifying value (ExternalId, HostName, VMware.VMName, IPAddress, MACAddress, VMware.MoRefId or
SMBiosId); the server is named by the first of HostName, VMware.VMName, ExternalId, IPAddress. Utilisation is taken
from the `.Max` columns (the model holds peaks); memory utilisation is RAM.UsedSizeInMB.Max over RAM.TotalSizeInMB.
"""

from __future__ import annotations

from pathlib import Path

from hismigrate.errors import InventoryError, Problem
from hismigrate.i18n import t
from hismigrate.load.importers.columns import Column, Columns, match_columns, mib_to_gib, number, text, whole
from hismigrate.load.importers.drafts import Draft, build_servers, server_id
from hismigrate.load.importers.os_names import parse_os
from hismigrate.load.importers.result import Hints, ImportResult
from hismigrate.load.importers.segments import Segments
from hismigrate.load.importers.table import Row, read_csv

KIND = "aws_migration_hub"
SOURCE = "AWS Migration Hub"

EXTERNAL_ID = Column("ExternalId")
SMBIOS_ID = Column("SMBiosId")
IP_ADDRESS = Column("IPAddress")
MAC_ADDRESS = Column("MACAddress")
HOST_NAME = Column("HostName")
MOREF_ID = Column("VMware.MoRefId")
VCENTER_ID = Column("VMware.VCenterId")
VM_NAME = Column("VMware.VMName")
PROCESSORS = Column("CPU.NumberOfProcessors")
CORES = Column("CPU.NumberOfCores")
LOGICAL_CORES = Column("CPU.NumberOfLogicalCores")
OS_NAME = Column("OS.Name")
OS_VERSION = Column("OS.Version")
RAM_TOTAL = Column("RAM.TotalSizeInMB")
CPU_AVG = Column("CPU.UsagePct.Avg")
CPU_MAX = Column("CPU.UsagePct.Max")
RAM_USED_AVG = Column("RAM.UsedSizeInMB.Avg")
RAM_USED_MAX = Column("RAM.UsedSizeInMB.Max")
APPLICATIONS = Column("Applications")
APPLICATION_WAVE = Column("ApplicationWave")
TAGS = Column("Tags")
IDENTIFYING = (EXTERNAL_ID, HOST_NAME, VM_NAME, IP_ADDRESS, MAC_ADDRESS, MOREF_ID, SMBIOS_ID)
NAMING = (HOST_NAME, VM_NAME, EXTERNAL_ID, IP_ADDRESS)
COLUMNS = (
    EXTERNAL_ID,
    SMBIOS_ID,
    IP_ADDRESS,
    MAC_ADDRESS,
    HOST_NAME,
    MOREF_ID,
    VCENTER_ID,
    VM_NAME,
    PROCESSORS,
    CORES,
    LOGICAL_CORES,
    OS_NAME,
    OS_VERSION,
    RAM_TOTAL,
    CPU_AVG,
    CPU_MAX,
    RAM_USED_AVG,
    RAM_USED_MAX,
    APPLICATIONS,
    APPLICATION_WAVE,
    TAGS,
)


def import_aws_migration_hub(path: Path, segment: str | None = None, lang: str = "ja") -> ImportResult:
    """Read an AWS Migration Hub import CSV; raise InventoryError (line and column) when it cannot be used. Without
    `segment`, each server sits in the segment of its IP subnet."""
    table = read_csv(path)
    columns = match_columns(table, COLUMNS, SOURCE)
    if not any(columns.has(c.name) for c in IDENTIFYING):
        raise InventoryError.single(
            table.location(row=table.header_number),
            "aws_no_identifying_column",
            columns=", ".join(c.name for c in IDENTIFYING),
        )
    problems: list[Problem] = []
    drafts: list[Draft] = []
    segments = Segments(segment)
    hints: dict[str, Hints] = {}
    for row in table.rows:
        if not any(text(row, columns, c.name) for c in IDENTIFYING):
            problems.append(
                Problem(
                    table.location(row.number),
                    "aws_no_identifier",
                    {"columns": ", ".join(c.name for c in IDENTIFYING if columns.has(c.name))},
                )
            )
            continue
        draft = _draft(row, columns, segments, lang, problems)
        hints[draft.values["id"]] = Hints(application=text(row, columns, APPLICATIONS.name))
        drafts.append(draft)
    servers = build_servers(drafts, columns, problems)
    return ImportResult(KIND, table.file, len(table.rows), tuple(servers), segments=segments.all(), hints=hints)


def _draft(row: Row, columns: Columns, segments: Segments, lang: str, problems: list[Problem]) -> Draft:
    naming = next((c for c in NAMING if text(row, columns, c.name)), None)
    if naming is None:  # only MAC, MoRef or SMBIOS ids: use the first one given
        naming = next(c for c in IDENTIFYING if text(row, columns, c.name))
    name = text(row, columns, naming.name) or ""
    draft = Draft(row, name)
    draft.put("id", server_id(name), naming.name)
    draft.put("hostname", name, naming.name)
    ip = text(row, columns, IP_ADDRESS.name)
    draft.put("segment", segments.for_server([], ip))
    draft.put("ip_address", ip, IP_ADDRESS.name)
    for column in (CORES, LOGICAL_CORES, PROCESSORS):
        cores = whole(number(row, columns, column.name, problems))
        if cores is not None:
            draft.put("vcpu", cores, column.name)
            break
    total = number(row, columns, RAM_TOTAL.name, problems)
    draft.put("memory_gb", mib_to_gib(total), RAM_TOTAL.name)
    # The name's own release (`Windows Server 2016 Standard`) decides the support date; OS.Version is often the
    # kernel's build (`10.0.14393`), used only when the name has no release.
    os = parse_os(text(row, columns, OS_NAME.name))
    given = text(row, columns, OS_VERSION.name)
    draft.put("os_name", os.name, OS_NAME.name)
    if os.version is not None:
        draft.put("os_version", os.version, OS_NAME.name)
    else:
        draft.put("os_version", given, OS_VERSION.name)
    draft.put("cpu_util_pct", number(row, columns, CPU_MAX.name, problems), CPU_MAX.name)
    used = number(row, columns, RAM_USED_MAX.name, problems)
    if used is not None and total:
        draft.put("memory_util_pct", round(used / total * 100, 2), RAM_USED_MAX.name)
    draft.put("notes", _note(row, columns, lang))
    return draft


def _note(row: Row, columns: Columns, lang: str) -> str | None:
    parts = [
        t(f"imports.note.{key}", lang, value=value)
        for column, key in ((APPLICATIONS, "applications"), (APPLICATION_WAVE, "wave"), (TAGS, "tags"))
        if (value := text(row, columns, column.name))
    ]
    return t("imports.note.aws", lang, parts=t("imports.note.separator", lang).join(parts)) if parts else None
