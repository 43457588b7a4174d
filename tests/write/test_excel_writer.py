"""The workbook a hospital fills in: its sheets, notes, drop-downs, determinism, and LibreOffice opening it."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from hismigrate.data import load_data
from hismigrate.errors import Location
from hismigrate.i18n import t
from hismigrate.load import load_inventory
from hismigrate.load.excel_layout import SHEET_ORDER, fields_of, sheet_name
from hismigrate.load.validate import to_inventory
from hismigrate.model.inventory import Inventory
from hismigrate.write.excel_writer import cell_value, inventory_workbook
from hismigrate.xlsx_package import FIXED_TIME
from tests.libreoffice import find_libreoffice, libreoffice_convert


@pytest.fixture(scope="module")
def example() -> Inventory:
    return to_inventory(load_data("template_example.yaml"), lambda loc: Location("example"))


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hismigrate", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "HISMIGRATE_LANG": "en", "COLUMNS": "200"},
        check=False,
    )


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_template_layout(lang: str) -> None:
    wb = load_workbook(io.BytesIO(inventory_workbook(None, lang)))
    expected = [sheet_name(p, lang) for p in ("instructions", *SHEET_ORDER, "lists")]
    assert wb.sheetnames == expected
    assert wb[sheet_name("lists", lang)].sheet_state == "hidden"
    for part in ("segments", "routes", "servers", "systems", "connections", "flows"):
        sheet = wb[sheet_name(part, lang)]
        headers = [c.value for c in sheet[1]]
        assert headers == [t(f"field.{part}.{n}", lang) for n in fields_of(part)]
        assert sheet.freeze_panes == "B2"
        assert all(c.comment is not None and c.comment.text for c in sheet[1])
        assert all(
            (c.font.bold is True) == fields_of(part)[n].required for c, n in zip(sheet[1], fields_of(part), strict=True)
        )
        assert all(sheet.column_dimensions[c.column_letter].width >= 8 for c in sheet[1])
    hospital = wb[sheet_name("hospital", lang)]
    assert [hospital.cell(row=r, column=1).value for r in range(2, 2 + len(fields_of("hospital")))] == [
        t(f"field.hospital.{n}", lang) for n in fields_of("hospital")
    ]


def _validations(sheet: object) -> dict[str, str]:
    """First cell of each validated range -> its list formula."""
    out = {}
    for dv in sheet.data_validations.dataValidation:  # type: ignore[attr-defined]
        for cells in dv.sqref.ranges:
            out[cells.coord.split(":")[0]] = dv.formula1
    return out


def test_dropdowns_for_enumerations_and_references() -> None:
    wb = load_workbook(io.BytesIO(inventory_workbook(None, "ja")))
    servers = _validations(wb["サーバー"])
    headers = {c.value: c.column_letter for c in wb["サーバー"][1]}
    assert servers[f"{headers['セグメント']}2"].startswith("'セグメント'!$A$2:$A$")
    lists = wb["選択肢"]
    role_formula = servers[f"{headers['役割']}2"]
    column = role_formula.split("!$")[1].split("$")[0]
    roles = [c.value for c in lists[column][1:] if c.value]
    assert "データベース" in roles and "仮想化基盤" in roles
    assert f"{headers['物理サーバー']}2" in servers
    systems = _validations(wb["システム"])
    system_headers = {c.value: c.column_letter for c in wb["システム"][1]}
    assert systems[f"{system_headers['稼働サーバー']}2"].startswith("'サーバー'!$A$2")
    assert _validations(wb["病院"])["B5"]  # 病院種別
    assert _validations(wb["運用チェック"])["B2"]
    flows = _validations(wb["データ連携"])
    assert flows["A2"].startswith("'システム'!") and flows["B2"].startswith("'システム'!")


def test_same_inventory_same_bytes(example: Inventory) -> None:
    first = inventory_workbook(example, "ja")
    assert inventory_workbook(example, "ja") == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {FIXED_TIME.timetuple()[:6]}
        core = archive.read("docProps/core.xml").decode()
    assert FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ") in core
    assert inventory_workbook(example, "en") != first


@pytest.mark.parametrize(
    ("value", "lang", "cell"),
    [
        (True, "ja", "はい"),
        (False, "en", "no"),
        (["a", "b"], "ja", "a, b"),
        ([], "ja", None),
        (None, "ja", None),
        (date(2024, 4, 1), "ja", date(2024, 4, 1)),
        (date(1899, 12, 31), "ja", "1899-12-31"),
        ("=1+1", "ja", "=1+1"),
    ],
)
def test_cell_values(value: object, lang: str, cell: object) -> None:
    assert cell_value(value, lang) == cell


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parents[1] / "fixtures" / "excel" / "every_field"
    wb = load_workbook(io.BytesIO(inventory_workbook(load_inventory([source]), "en")))
    notes = [c for c in wb["Segments"]["D"] if c.value in ("=SUM(A1:A3)", "#N/A")]
    assert len(notes) == 2 and all(c.data_type == "s" for c in notes)


def test_cli_template_example_validates_and_converts(tmp_path: Path) -> None:
    made = run("template", "book.xlsx", "--example", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    checked = run("validate", "book.xlsx", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert "4 servers" in checked.stdout
    assert run("convert", "book.xlsx", "-o", "inv.yaml", cwd=tmp_path).returncode == 0
    assert run("convert", "inv.yaml", "-o", "again.xlsx", cwd=tmp_path).returncode == 0
    assert (tmp_path / "again.xlsx").read_bytes() == (tmp_path / "book.xlsx").read_bytes()
    wrong = run("convert", "inv.yaml", "-o", "inv.csv", cwd=tmp_path)
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr


@pytest.mark.skipif(find_libreoffice() is None, reason="LibreOffice (libreoffice-calc) is not installed")
def test_libreoffice_opens_the_template(tmp_path: Path, example: Inventory) -> None:
    book = tmp_path / "template.xlsx"
    book.write_bytes(inventory_workbook(example, "ja"))
    result = libreoffice_convert(book, tmp_path / "out", "csv")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "template.csv").stat().st_size > 0
