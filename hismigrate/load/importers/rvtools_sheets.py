"""What RVTools' other sheets add to vInfo, per VM: disk and partition capacity, networks, folder, annotation; and
the VLAN of each port group. Each sheet is optional (exports vary in which tabs they hold); a sheet that is there
but unreadable as what it is meant to be is reported at its cells, as vInfo is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hismigrate.errors import InventoryError, Problem
from hismigrate.load.importers.columns import Column, Columns, match_columns, number, text
from hismigrate.load.importers.table import Table, Workbook
from hismigrate.model.text import fold

SOURCE = "RVTools"

VM = Column("VM", ("VM Name",), required=True)
CAPACITY = Column("Capacity MiB", ("Capacity MB",), required=True)
NETWORK = Column("Network", required=True)
PORT_GROUP = Column("Port Group", ("Portgroup",), required=True)
VLAN = Column("VLAN", ("VLAN ID",))
FOLDER = Column("Folder")
ANNOTATION = Column("Annotation", ("Notes",))


@dataclass
class SideSheets:
    """Per VM (folded name): capacity of its virtual disks and of its partitions (MiB), its networks in adapter
    order, its folder and annotation as other sheets repeat them; and port group -> VLAN."""

    disks: dict[str, float] = field(default_factory=dict)
    partitions: dict[str, float] = field(default_factory=dict)
    networks: dict[str, list[str]] = field(default_factory=dict)
    folders: dict[str, str] = field(default_factory=dict)
    annotations: dict[str, str] = field(default_factory=dict)
    vlans: dict[str, str] = field(default_factory=dict)


_PORT_SHEETS = ("vPort", "dvPort", "vSwitch", "dvSwitch")
_VM_SHEETS = ("vDisk", "vPartition", "vNetwork", "vMemory", "vCPU")


def read_side_sheets(book: Workbook) -> SideSheets:
    """Every optional sheet read once; InventoryError with every unreadable capacity cell."""
    side = SideSheets()
    problems: list[Problem] = []
    for name in (*_VM_SHEETS, *_PORT_SHEETS):
        table = _table(book, name)
        if table is None:
            continue
        if name in ("vDisk", "vPartition"):
            _sum_capacity(table, side.disks if name == "vDisk" else side.partitions, problems)
        if name == "vNetwork" and _has(table, VM) and _has(table, NETWORK):
            columns = match_columns(table, (VM, NETWORK), SOURCE)
            for row in table.rows:
                vm, network = text(row, columns, VM.name), text(row, columns, NETWORK.name)
                if vm and network:
                    side.networks.setdefault(fold(vm), []).append(network)
        if name in _PORT_SHEETS and _has(table, PORT_GROUP):
            columns = match_columns(table, (PORT_GROUP, VLAN), SOURCE)
            for row in table.rows:
                group, vlan = text(row, columns, PORT_GROUP.name), text(row, columns, VLAN.name)
                if group and vlan:
                    side.vlans.setdefault(group, vlan)
        # vInfo holds Folder and Annotation in most versions; some exports have them only on other VM sheets.
        if name in _VM_SHEETS and _has(table, VM):
            columns = match_columns(table, (VM, FOLDER, ANNOTATION), SOURCE)
            for row in table.rows:
                vm = text(row, columns, VM.name)
                if vm:
                    _keep(side.folders, vm, text(row, columns, FOLDER.name))
                    _keep(side.annotations, vm, text(row, columns, ANNOTATION.name))
    if problems:
        raise InventoryError(problems)
    return side


def _table(book: Workbook, name: str) -> Table | None:
    sheet = book.find_sheet(name)
    return book.table(sheet) if sheet else None


def _has(table: Table, column: Column) -> bool:
    try:
        match_columns(table, (column,), SOURCE)
    except InventoryError:
        return False
    return True


def _sum_capacity(table: Table, sizes: dict[str, float], problems: list[Problem]) -> None:
    columns: Columns = match_columns(table, (VM, CAPACITY), SOURCE)
    for row in table.rows:
        vm = text(row, columns, VM.name)
        size = number(row, columns, CAPACITY.name, problems)
        if vm and size is not None:
            sizes[fold(vm)] = sizes.get(fold(vm), 0.0) + size


def _keep(values: dict[str, str], vm: str, value: str | None) -> None:
    if value:
        values.setdefault(fold(vm), value)
