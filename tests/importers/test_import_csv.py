"""Azure Migrate and AWS Migration Hub CSVs -> servers, and their bad inputs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hismigrate.errors import InventoryError
from hismigrate.load.importers.aws_migration_hub import import_aws_migration_hub
from hismigrate.load.importers.azure_migrate import import_azure_migrate
from tests.importers.importer_rows import AWS_HEADER, AZURE_HEADER, aws_row, azure_row


def test_azure_import(csv_file: Callable[..., Path]) -> None:
    path = csv_file([AZURE_HEADER, azure_row("emr-ap01"), azure_row("pacs01", disk2="")])
    result = import_azure_migrate(path, "server-lan")
    emr, pacs = result.servers
    assert (emr.id, emr.vcpu, emr.memory_gb, emr.storage_gb) == ("emr-ap01", 4, 16.0, 150.0)
    assert (emr.os_name, emr.os_version, emr.ip_address) == ("Windows Server", "2016", "10.1.1.5")
    assert (emr.cpu_util_pct, emr.memory_util_pct) == (35.0, 60.5)
    assert pacs.storage_gb == 100.0 and result.rows == 2


def test_azure_headers_without_asterisks_and_cp932(csv_file: Callable[..., Path]) -> None:
    header = [h.lstrip("*").upper() + " " for h in AZURE_HEADER]
    path = csv_file([header, azure_row("検査サーバ", os="Windows Server 2019")], encoding="cp932")
    (server,) = import_azure_migrate(path, "server-lan").servers
    assert server.hostname == "検査サーバ" and server.os_version == "2019"


@pytest.mark.parametrize(
    ("rows", "key", "line", "column"),
    [
        ([[h for h in AZURE_HEADER if h != "*Cores"], ["a"]], "missing_column", 1, None),
        ([AZURE_HEADER, azure_row("a", memory="16GB RAM")], "not_number", 2, "*Memory (In MB)"),
        ([AZURE_HEADER, azure_row("a"), azure_row("A")], "duplicate_name", 3, "*Server name"),
        ([AZURE_HEADER, azure_row("")], "missing_name", 2, "*Server name"),
    ],
)
def test_azure_bad_input(
    csv_file: Callable[..., Path], rows: list[list[Any]], key: str, line: int, column: str | None
) -> None:
    with pytest.raises(InventoryError) as info:
        import_azure_migrate(csv_file(rows), "server-lan")
    (problem,) = info.value.problems
    assert (problem.key, problem.location.line, problem.location.column) == (key, line, column)


def test_aws_import(csv_file: Callable[..., Path]) -> None:
    path = csv_file([AWS_HEADER, aws_row()])
    (server,) = import_aws_migration_hub(path, "server-lan", "en").servers
    assert (server.id, server.vcpu, server.memory_gb) == ("lis-ap01", 8, 32.0)
    assert (server.os_name, server.os_version) == ("Red Hat Enterprise Linux", "8.6")
    assert (server.cpu_util_pct, server.memory_util_pct) == (75.0, 50.0)  # the peaks, not the averages
    assert server.notes is not None and "LIS" in server.notes and "dept=lab" in server.notes


def test_aws_names_by_first_identifier(csv_file: Callable[..., Path]) -> None:
    header = ["ExternalId", "IPAddress", "RAM.TotalSizeInMB"]
    (server,) = import_aws_migration_hub(csv_file([header, ["asset-0042", "10.0.0.9", 4096]]), "x").servers
    assert (server.id, server.memory_gb, server.ip_address) == ("asset-0042", 4.0, "10.0.0.9")


def test_aws_rejects_a_file_of_another_kind(csv_file: Callable[..., Path]) -> None:
    with pytest.raises(InventoryError) as info:
        import_aws_migration_hub(csv_file([AZURE_HEADER, azure_row("a")]), "x")
    assert [p.key for p in info.value.problems] == ["aws_no_identifying_column"]


def test_aws_row_without_identifier(csv_file: Callable[..., Path]) -> None:
    row = aws_row(host="", external="")
    row[1] = row[3] = ""
    with pytest.raises(InventoryError) as info:
        import_aws_migration_hub(csv_file([AWS_HEADER, aws_row(), row]), "x")
    (problem,) = info.value.problems
    assert problem.key == "aws_no_identifier" and problem.location.line == 3


def test_workbook_given_as_csv(tmp_path: Path) -> None:
    path = tmp_path / "servers.csv"
    path.write_bytes(b"PK\x03\x04rest")
    with pytest.raises(InventoryError) as info:
        import_azure_migrate(path, "x")
    assert info.value.problems[0].key == "csv_is_workbook"
