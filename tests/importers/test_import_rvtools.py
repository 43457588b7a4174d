"""RVTools workbooks -> servers: real exports, units, skipped rows, and every kind of bad input."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hismigrate.errors import InventoryError
from hismigrate.load import load_inventory
from hismigrate.load.importers.rvtools import RvtoolsOptions, import_rvtools
from hismigrate.write.yaml_writer import servers_fragment_yaml
from tests.importers.importer_rows import HEADER, vm


def options(**kw: Any) -> RvtoolsOptions:
    return RvtoolsOptions(segment="server-lan", lang="en", **kw)


def _expected(path: Path) -> list[dict[str, Any]]:
    """Powered-on, non-template VMs of a workbook read independently with openpyxl (the importer uses calamine)."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    rows = iter(book["vInfo"].iter_rows(values_only=True))
    header = [str(h).strip() if h is not None else "" for h in next(rows)]
    out = []
    for raw in rows:
        if all(v is None for v in raw):
            break  # the real exports pad vInfo with empty rows to row 1,048,576
        row = dict(zip(header, raw, strict=False))
        if row["Powerstate"] != "poweredOn" or str(row.get("Template", "False")) == "True":
            continue
        out.append(row)
    return out


def test_real_exports_import_every_powered_on_vm(rvtools_dir: Path, hospital_dir: Path) -> None:
    for path in sorted(rvtools_dir.glob("*.xlsx")):
        result = import_rvtools(path, options())
        expected = _expected(path)
        by_name = {s.hostname: s for s in result.servers}
        assert sorted(by_name) == sorted(r["VM"] for r in expected), path.name
        for row in expected:
            server = by_name[row["VM"]]
            assert server.vcpu == row["CPUs"]
            assert server.memory_gb == (None if row["Memory"] is None else row["Memory"] / 1024)
            disk = row.get("Total disk capacity MiB")
            if disk is not None:
                assert server.storage_gb == disk / 1024
            elif row.get("Provisioned MiB") is not None:
                # without vInfo's disk total the vDisk rows are summed; the small export's equal its Provisioned MiB
                assert server.storage_gb == row["Provisioned MiB"] / 1024
        assert len(result.servers) + len(result.skipped) == result.rows
        # the fragment validates beside the hospital's other files
        (hospital_dir / "servers.yaml").unlink(missing_ok=True)
        (hospital_dir / "imported.yaml").write_text(servers_fragment_yaml(list(result.all_servers())), encoding="utf-8")
        inventory = load_inventory([hospital_dir])
        assert len(inventory.servers) == len(result.servers) + len(result.hosts)


def test_real_export_counts_powered_off(rvtools_dir: Path) -> None:
    path = rvtools_dir / "migration-planner-example1.xlsx"
    if not path.exists():
        pytest.skip("example1 absent")
    result = import_rvtools(path, options())
    assert result.skipped_counts() == {"powered_off": 6}
    everything = import_rvtools(path, options(include_powered_off=True))
    assert len(everything.servers) == 9 and not everything.skipped


def test_units_mib_to_gib_and_notes(workbook: Callable[..., Path]) -> None:
    path = workbook({"vInfo": [HEADER, vm("emr-ap01", cpus=4, memory=16384, provisioned=204800, in_use=102400)]})
    (server,) = import_rvtools(path, options()).servers
    assert (server.vcpu, server.memory_gb, server.storage_gb) == (4, 16.0, 200.0)
    assert (server.os_name, server.os_version) == ("Microsoft Windows Server", "2019")  # VMware Tools wins
    assert server.segment == "server-lan" and server.ip_address == "10.0.0.1"
    assert (
        server.notes is not None and "CL1" in server.notes and "esx01" in server.notes and "100.0 GiB" in server.notes
    )


def test_legacy_mb_headers_are_mib(workbook: Callable[..., Path]) -> None:
    legacy = [h.replace("MiB", "MB") for h in HEADER]
    new = import_rvtools(workbook({"vInfo": [HEADER, vm("a", memory=6144, provisioned=40960)]}, "new.xlsx"), options())
    old = import_rvtools(workbook({"vInfo": [legacy, vm("a", memory=6144, provisioned=40960)]}, "old.xlsx"), options())
    assert old.servers == new.servers
    assert (old.servers[0].memory_gb, old.servers[0].storage_gb) == (6.0, 40.0)
    assert "legacy_mb" in [key for key, _ in old.remarks] and "legacy_mb" not in [key for key, _ in new.remarks]


def test_trailing_spaces_and_case_in_headers(workbook: Callable[..., Path]) -> None:
    header = [f"{h} " for h in HEADER]
    header[0] = " vm "
    path = workbook({"vInfo ": [header, vm("a")]})
    (server,) = import_rvtools(path, options()).servers
    assert server.vcpu == 2 and server.memory_gb == 8.0


def test_total_disk_capacity_and_vdisk_preferred_to_provisioned(workbook: Callable[..., Path]) -> None:
    header = [*HEADER, "Total disk capacity MiB"]
    path = workbook(
        {
            "vInfo": [header, [*vm("a", provisioned=110000), 102400], vm("b", provisioned=70000)],
            "vDisk": [["VM", "Disk", "Capacity MiB"], ["b", "Hard disk 1", 40960], ["b", "Hard disk 2", 20480]],
        }
    )
    servers = {s.id: s for s in import_rvtools(path, options()).servers}
    assert servers["a"].storage_gb == 100.0  # vInfo's disk total, not Provisioned (which counts swap)
    assert servers["b"].storage_gb == 60.0  # the vDisk rows summed


@pytest.mark.parametrize(
    ("opts", "ids", "skipped"),
    [
        ({}, ["on"], {"powered_off": 1, "suspended": 1, "template": 1}),
        ({"include_powered_off": True}, ["off", "on", "susp"], {"template": 1}),
        ({"include_templates": True}, ["on"], {"powered_off": 2, "suspended": 1}),
        ({"include_templates": True, "include_powered_off": True}, ["off", "on", "susp", "tpl"], {}),
    ],
)
def test_skipped_rows_are_counted(
    workbook: Callable[..., Path], opts: dict[str, bool], ids: list[str], skipped: dict[str, int]
) -> None:
    rows = [vm("on"), vm("off", power="poweredOff"), vm("susp", power="suspended"), vm("tpl", "poweredOff", True)]
    result = import_rvtools(workbook({"vInfo": [HEADER, *rows, [None] * len(HEADER)]}), options(**opts))
    assert [s.id for s in result.servers] == ids
    assert result.skipped_counts() == skipped
    assert result.rows == 4  # the blank row is not a VM


def test_vm_names_become_valid_ids(workbook: Callable[..., Path]) -> None:
    (server,) = import_rvtools(workbook({"vInfo": [HEADER, vm("PACS Server: 01")]}), options()).servers
    assert server.id == "PACS-Server-01" and server.hostname == "PACS Server: 01"


def _problems(path: Path, **kw: Any) -> list[Any]:
    with pytest.raises(InventoryError) as info:
        import_rvtools(path, options(**kw))
    return info.value.problems


def test_missing_mandatory_column(workbook: Callable[..., Path]) -> None:
    header = [h for h in HEADER if h != "CPUs"]
    row = vm("a")
    del row[HEADER.index("CPUs")]
    (problem,) = _problems(workbook({"vInfo": [header, row]}))
    assert problem.key == "missing_column" and problem.params["column"] == "CPUs"
    assert problem.location.sheet == "vInfo" and problem.location.row == 1


def test_non_numeric_size_names_row_and_column(workbook: Callable[..., Path]) -> None:
    (problem,) = _problems(workbook({"vInfo": [HEADER, vm("a"), vm("b", memory="8 GB?")]}))
    assert problem.key == "not_number"
    assert (problem.location.sheet, problem.location.row, problem.location.column) == ("vInfo", 3, "E (Memory)")
    assert "vInfo" in problem.render() and "row 3" in problem.render()


def test_negative_cpus_is_reported_at_its_cell(workbook: Callable[..., Path]) -> None:
    (problem,) = _problems(workbook({"vInfo": [HEADER, vm("a", cpus=-1)]}))
    assert problem.key == "too_small" and problem.location.column == "D (CPUs)" and problem.location.row == 2


def test_duplicate_vm_names(workbook: Callable[..., Path]) -> None:
    (problem,) = _problems(workbook({"vInfo": [HEADER, vm("emr01"), vm("x"), vm("EMR01")]}))
    assert problem.key == "duplicate_name" and problem.location.row == 4 and problem.params["first"] == 2


def test_bad_powerstate_and_blank_name(workbook: Callable[..., Path]) -> None:
    problems = _problems(workbook({"vInfo": [HEADER, vm("a", power="on?"), vm("")]}))
    assert sorted(p.key for p in problems) == ["bad_powerstate", "missing_name"]


def test_workbook_without_vinfo(workbook: Callable[..., Path]) -> None:
    (problem,) = _problems(workbook({"Servers": [["Name"], ["a"]]}))
    assert problem.key == "rvtools_no_vinfo" and "Servers" in problem.params["sheets"]


@pytest.mark.parametrize(
    ("content", "key"),
    [
        (b"VM,Powerstate\na,poweredOn\n", "not_a_workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "workbook_is_legacy_xls"),
        (b"PK\x03\x04 broken zip", "excel_corrupt"),
    ],
)
def test_wrong_kind_of_file(tmp_path: Path, content: bytes, key: str) -> None:
    path = tmp_path / "export.xlsx"
    path.write_bytes(content)
    (problem,) = _problems(path)
    assert problem.key == key and problem.location.file == str(path)


def test_a_stray_cell_far_below_is_read_as_cells_not_as_a_million_row_grid(tmp_path: Path) -> None:
    """An export touched by hand with one stray cell at the last row: the guard marks the sheet sparse and only
    its cells are read (a grid would be a million rows; issue 21), with the same VMs as without the cell."""
    from openpyxl import Workbook as OpenpyxlWorkbook

    from hismigrate.load.importers.table import Workbook

    book = OpenpyxlWorkbook()
    sheet = book.active
    sheet.title = "vInfo"
    for row in (HEADER, vm("emr-ap01"), vm("emr-db01")):
        sheet.append(row)
    sheet.cell(row=1_048_576, column=1, value=" ")
    path = tmp_path / "touched.xlsx"
    book.save(path)
    assert "vInfo" in Workbook(path)._sparse
    result = import_rvtools(path, options())
    assert [s.id for s in result.servers] == ["emr-ap01", "emr-db01"]


def test_a_workbook_bomb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (300 * 1024 * 1024))
    (problem,) = _problems(path)
    assert problem.location.file == str(path) and problem.key.startswith("workbook_")
