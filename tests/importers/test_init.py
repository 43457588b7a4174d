"""`hismigrate init`: from a discovery export to a draft inventory that validates with warnings and assesses, with
the real RVTools exports (counted) and small files of each format; and its mistakes (exit 2, nothing written)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from hismigrate.cli.main import app
from hismigrate.load import load_inventory
from hismigrate.model.cost import CostGaps
from tests.importers.importer_rows import AWS_HEADER, AZURE_HEADER, HEADER, aws_row, azure_row, vm

runner = CliRunner()
AS_OF = "2026-12-01"


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--lang", "en"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def _init_validate_assess(export: Path, folder: Path, option: str = "--from-rvtools") -> dict:
    code, output = _run("init", str(folder), option, str(export))
    assert code == 0, output
    assert "TODO" in output and (folder / "TODO.md").exists()
    code, output = _run("validate", str(folder))
    assert code == 0, output  # valid, with warnings only
    assert "warning(s)" in output and "draft" in output
    report = folder.parent / f"{folder.name}-report"
    code, output = _run("assess", str(folder), "-o", str(report), "--as-of", AS_OF, "--format", "json,html")
    assert code == 0, output
    assert "draft inventory" in output  # the CLI says what the figures rest on
    return json.loads((report / "assessment.json").read_text(encoding="utf-8"))


def _cost_subjects(assessment: dict) -> set[str]:
    return set(assessment["cost"]["lines"]["subjects"])  # every subject some cost line names, once


def test_real_export_example1_init_validate_assess(rvtools_dir: Path, tmp_path: Path) -> None:
    export = rvtools_dir / "migration-planner-example1.xlsx"
    if not export.exists():
        pytest.skip("example1 absent")
    assessment = _init_validate_assess(export, tmp_path / "example1")
    inventory = load_inventory(tmp_path / "example1")
    hosts = [s for s in inventory.servers if s.role.value == "hypervisor"]
    vms = [s for s in inventory.servers if s.role.value != "hypervisor"]
    # 9 VMs, 3 powered on (6 skipped, named in servers.yaml); 7 hosts in vHost and 2 only the VMs name
    assert sorted(s.id for s in vms) == ["vm-3", "vm-8", "vm-9"]
    assert len(hosts) == 9 and sum(1 for h in hosts if h.draft) == 2
    full = [h for h in hosts if not h.draft]
    assert {(h.vcpu, h.memory_gb, h.physical, h.redundancy_group) for h in full} == {
        (32, 261797 / 1024, True, "Cluster")
    }
    assert all(h.purchase_price_jpy is None and h.maintenance_jpy_per_year is None for h in hosts)  # none invented
    assert {s.id: s.host for s in vms} == {"vm-3": "10.5.126.198", "vm-8": "10.41.187.30", "vm-9": None}
    vm9 = next(s for s in vms if s.id == "vm-9")
    assert vm9.vcpu is None and vm9.draft and "row 10" in vm9.draft  # powered on, no size or OS: named
    assert [(s.id, sorted(s.servers)) for s in inventory.systems] == [("vm", ["vm-3", "vm-8", "vm-9"])]
    assert {s.id: s.zone.value for s in inventory.segments} == {
        "Management-Network": "management",
        "VM-Network": "clinical",
        "hypervisor-management": "management",
        "unassigned": "clinical",
    }
    # the report: systems, waves, a cost case, the hosts' hardware as cost subjects (its price a gap, not a guess)
    assert assessment["counts"] == {"segments": 4, "servers": 12, "systems": 1, "connections": 0, "flows": 0}
    assert assessment["summary"]["waves"] >= 1 and assessment["waves"]
    assert assessment["cost"]["lines"]["scenario"] and {h.id for h in hosts} <= _cost_subjects(assessment)
    # hosts without a price are priced from the table of typical hardware prices by size: a gap names each
    gaps = CostGaps.model_validate(assessment["cost"]["gaps"])
    estimated = {g.subject: g for g in gaps.each() if g.key == "server_price_estimated"}
    assert {h.id for h in full} <= set(estimated)
    assert all((estimated[h.id].assumed or "").startswith("host.") and estimated[h.id].plan_jpy for h in full)
    notes = {n["key"]: n["params"] for n in assessment["summary"]["notes"]}
    assert notes["draft_inventory"] == {"hospital": 1, "segments": 4, "servers": 3, "systems": 1, "connections": 0}
    assert "no_connections" in notes and "no_systems" not in notes


def test_real_export_small_complete_init_validate_assess(rvtools_dir: Path, tmp_path: Path) -> None:
    export = rvtools_dir / "rvtools-small-complete.xlsx"
    if not export.exists():
        pytest.skip("small export absent")
    assessment = _init_validate_assess(export, tmp_path / "small")
    inventory = load_inventory(tmp_path / "small")
    servers = {s.id: s for s in inventory.servers}
    assert sorted(servers) == ["sample-db-01", "sample-host-01", "sample-host-02", "sample-web-01"]
    host = servers["sample-host-01"]
    # vHost has only cores; the cluster comes from the VMs' rows
    assert (host.role.value, host.vcpu, host.memory_gb, host.redundancy_group) == (
        "hypervisor",
        16,
        None,
        "sample-cluster-a",
    )
    assert servers["sample-db-01"].host == "sample-host-02" and servers["sample-db-01"].segment == "sample-db-net"
    assert servers["sample-db-01"].storage_gb == 320.0  # its two virtual disks, 100 + 220 GiB
    assert {s.id: s.name for s in inventory.segments} == {
        "hypervisor-management": "Hypervisor management",
        "sample-app-net": "sample-app-net (VLAN 101)",
        "sample-db-net": "sample-db-net (VLAN 102)",
    }
    assert [(s.id, sorted(s.servers)) for s in inventory.systems] == [("sample", ["sample-db-01", "sample-web-01"])]
    todo = (tmp_path / "small" / "TODO.md").read_text(encoding="utf-8")
    assert "sample-db-01 (sample-db-net, sample-backup-net)" in todo  # on two networks: to check
    assert assessment["summary"]["waves"] >= 1 and assessment["cost"]["lines"]["scenario"]


def test_init_from_each_csv_format(csv_file: Callable[..., Path], tmp_path: Path) -> None:
    azure = csv_file([AZURE_HEADER, azure_row("pacs-ap01"), azure_row("pacs-db01"), azure_row("misc")], "az.csv")
    assessment = _init_validate_assess(azure, tmp_path / "az", "--from-azure-migrate")
    inventory = load_inventory(tmp_path / "az")
    assert [s.id for s in inventory.segments] == ["subnet-10.1.1.0-24"]
    assert {s.id: (s.category.value, sorted(s.servers)) for s in inventory.systems} == {
        "pacs": ("pacs", ["pacs-ap01", "pacs-db01"]),
        "unsorted": ("other", ["misc"]),
    }
    assert assessment["counts"]["systems"] == 2
    aws = csv_file([AWS_HEADER, aws_row("lis-ap01", "e1"), aws_row("x-db", "e2")], "aws.csv")
    _init_validate_assess(aws, tmp_path / "aws", "--from-aws-migration-hub")
    (system,) = load_inventory(tmp_path / "aws").systems
    assert (system.id, system.category.value, system.draft is not None) == ("lis", "lis", True)
    assert "application 'LIS'" in (system.draft or "")


def test_given_hospital_facts_are_not_placeholders(workbook: Callable[..., Path], tmp_path: Path) -> None:
    xlsx = workbook({"vInfo": [HEADER, vm("emr-ap01")]})
    args = ["--name", "さくら総合病院", "--beds", "320", "--type", "急性期", "--prefecture", "東京都"]
    code, output = _run("init", str(tmp_path / "Sakura General"), "--from-rvtools", str(xlsx), *args)
    assert code == 0, output
    hospital = yaml.safe_load((tmp_path / "Sakura General" / "hospital.yaml").read_text(encoding="utf-8"))["hospital"]
    assert (hospital["id"], hospital["beds"], hospital["prefecture"]) == ("sakura-general", 320, "tokyo")
    assert hospital["draft"] == "placeholders to fill in: founder"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "exactly one of"),
        (["--from-rvtools", "X", "--from-azure-migrate", "X"], "exactly one of"),
        (["--from-rvtools", "X", "--prefecture", "Atlantis"], "--prefecture Atlantis"),
        (["--from-rvtools", "X", "--beds", "-3"], "--beds -3"),
    ],
)
def test_usage_mistakes_exit_2_and_write_nothing(
    workbook: Callable[..., Path], tmp_path: Path, args: list[str], message: str
) -> None:
    xlsx = str(workbook({"vInfo": [HEADER, vm("a")]}))
    code, output = _run("init", str(tmp_path / "new"), *[xlsx if a == "X" else a for a in args])
    assert code == 2 and message in output and "Traceback" not in output
    assert not (tmp_path / "new").exists()


def test_an_existing_folder_with_files_is_left_alone(workbook: Callable[..., Path], tmp_path: Path) -> None:
    folder = tmp_path / "hospital"
    folder.mkdir()
    (folder / "hospital.yaml").write_text("mine", encoding="utf-8")
    code, output = _run("init", str(folder), "--from-rvtools", str(workbook({"vInfo": [HEADER, vm("a")]})))
    assert code == 2 and "not an empty folder" in output
    assert [p.name for p in folder.iterdir()] == ["hospital.yaml"]
    empty = tmp_path / "empty"
    empty.mkdir()
    code, output = _run("init", str(empty), "--from-rvtools", str(workbook({"vInfo": [HEADER, vm("a")]})))
    assert code == 0, output
    assert sorted(p.name for p in empty.iterdir()) == [
        "TODO.md",
        "hospital.yaml",
        "segments.yaml",
        "servers.yaml",
        "systems.yaml",
    ]


def test_a_bad_export_exits_2_naming_the_cell(workbook: Callable[..., Path], tmp_path: Path) -> None:
    xlsx = workbook({"vInfo": [HEADER, vm("a", cpus="four")]})
    code, output = _run("init", str(tmp_path / "new"), "--from-rvtools", str(xlsx))
    assert code == 2 and "row 2, column D (CPUs)" in output and not (tmp_path / "new").exists()
