"""The cloud tools' import CSVs neutralise text a spreadsheet would run as a formula, as every workbook does."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from hismigrate.model.inventory import Server
from hismigrate.write.discovery_csv import FORMATS, discovery_csv
from hismigrate.xlsx_package import formula_safe, formula_unsafe

CASES = [
    ("=1+2", "'=1+2"),
    ("+81-3", "'+81-3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    (" =cmd", "' =cmd"),
    ("\n-2", "'\n-2"),
    ("-", "-"),  # a lone dash cannot form a formula
    ("emr-ap01", "emr-ap01"),
    ("10.0.0.1", "10.0.0.1"),
    ("", ""),
]


@pytest.mark.parametrize(("text", "shown"), CASES)
def test_formula_safe(text: str, shown: str) -> None:
    assert formula_safe(text) == shown
    assert formula_unsafe(shown) == text  # read back as it was


@pytest.mark.parametrize("text", ["'quoted", "'", "'-", "it's", "'10.0.0.1"])
def test_an_apostrophe_before_harmless_text_is_kept(text: str) -> None:
    assert formula_unsafe(text) == text


@pytest.mark.parametrize("target", sorted(FORMATS))
def test_every_text_cell_is_inert(target: str) -> None:
    server = Server(
        id="=1+2",
        hostname="@SUM(1)",
        segment="lan",
        os_name='=HYPERLINK("http://x")',
        os_version="-2+3",
        ip_address="+1",
        vcpu=4,
        memory_gb=8,
    )
    rows = list(csv.reader(io.StringIO(discovery_csv([server], FORMATS[target]))))
    cells = [cell for row in rows[1:] for cell in row if cell]
    assert cells and all(cell[0] not in "=+-@" for cell in cells), cells
    assert "'@SUM(1)" in cells and "4" in cells  # text quoted, numbers as they are


def test_export_from_the_command_line(tmp_path: Path, small_copy: Path) -> None:
    for name in ("network.yaml", "servers.yaml"):  # the server and every reference to it
        path = small_copy / name
        path.write_text(path.read_text(encoding="utf-8").replace("emr-ap01", '"=1+2"'), encoding="utf-8")
    out = tmp_path / "aws.csv"
    result = subprocess.run(
        [sys.executable, "-m", "hismigrate", "export", "aws-migration-hub", str(small_copy), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "HISMIGRATE_LANG": "en"},
    )
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").splitlines()[1].startswith("'=1+2,")
