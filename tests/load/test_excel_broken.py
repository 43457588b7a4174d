"""Broken workbooks, one kind of mistake each: every one exits 2 and names the sheet, the row and the column.

Each case starts from the example workbook (as `hismigrate template --example` writes it, in Japanese) and
breaks one thing with openpyxl, so that the broken files are small, readable and never stored as binaries.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from hismigrate.cli.main import app
from hismigrate.data import load_data
from hismigrate.errors import InventoryError, Location
from hismigrate.load import load_inventory
from hismigrate.load.validate import to_inventory
from hismigrate.write.excel_writer import inventory_workbook
from tests.libreoffice import find_libreoffice, libreoffice_convert


@pytest.fixture(scope="module")
def example_bytes() -> bytes:
    inventory = to_inventory(load_data("template_example.yaml"), lambda loc: Location("example"))
    return inventory_workbook(inventory, "ja")


def column_of(sheet: Any, header: str, row: int = 1) -> int:
    for cell in sheet[row]:
        if cell.value == header:
            return cell.column
    raise AssertionError(f"no header {header!r} in {sheet.title}")


def put(sheet_name: str, row: int, header: str, value: Any) -> Callable[[Workbook], None]:
    def mutate(wb: Workbook) -> None:
        sheet = wb[sheet_name]
        sheet.cell(row=row, column=column_of(sheet, header)).value = value  # cell(value=None) would not clear it

    return mutate


def put_record(sheet_name: str, row: int, value: Any) -> Callable[[Workbook], None]:
    def mutate(wb: Workbook) -> None:
        wb[sheet_name].cell(row=row, column=2).value = value

    return mutate


def delete_sheet(name: str) -> Callable[[Workbook], None]:
    def mutate(wb: Workbook) -> None:
        del wb[name]

    return mutate


def delete_column(sheet_name: str, header: str) -> Callable[[Workbook], None]:
    def mutate(wb: Workbook) -> None:
        sheet = wb[sheet_name]
        sheet.delete_cols(column_of(sheet, header))

    return mutate


def duplicate_column(sheet_name: str, header: str) -> Callable[[Workbook], None]:
    def mutate(wb: Workbook) -> None:
        sheet = wb[sheet_name]
        sheet.cell(row=1, column=sheet.max_column + 1, value=header)

    return mutate


def clear_header(sheet_name: str) -> Callable[[Workbook], None]:
    def mutate(wb: Workbook) -> None:
        for cell in wb[sheet_name][1]:
            cell.value = None

    return mutate


def second_sheet(title: str) -> Callable[[Workbook], None]:
    def mutate(wb: Workbook) -> None:
        wb.create_sheet(title)["A1"] = "Server ID"

    return mutate


@dataclass(frozen=True)
class Case:
    name: str
    mutate: Callable[[Workbook], None]
    key: str
    sheet: str | None
    row: int | None
    column: str | None


CASES = [
    Case("missing_sheet", delete_sheet("病院"), "excel_missing_sheet", None, None, None),
    Case(
        "missing_column", delete_column("サーバー", "セグメント"), "excel_missing_column", "サーバー", 1, "セグメント"
    ),
    Case(
        "duplicate_column",
        duplicate_column("サーバー", "セグメント"),
        "excel_duplicate_column",
        "サーバー",
        1,
        "セグメント",
    ),
    Case("no_header", clear_header("外部接続点"), "excel_no_header", "外部接続点", 1, None),
    Case("sheet_twice", second_sheet("Servers"), "excel_sheet_twice", "Servers", None, None),
    Case(
        "unknown_segment",
        put("サーバー", 2, "セグメント", "emr-lam"),
        "unknown_reference_suggest",
        "サーバー",
        2,
        "セグメント",
    ),
    Case("bad_enum", put("セグメント", 3, "ゾーン", "謎のゾーン"), "enum", "セグメント", 3, "ゾーン"),
    Case("not_number", put("サーバー", 3, "メモリ(GB)", "たくさん"), "not_number", "サーバー", 3, "メモリ(GB)"),
    Case("not_integer", put("サーバー", 4, "CPUコア数", "8.5"), "not_integer", "サーバー", 4, "CPUコア数"),
    Case(
        "not_date", put("サーバー", 2, "最終パッチ適用日", "2024/13/45"), "not_date", "サーバー", 2, "最終パッチ適用日"
    ),
    Case("era_not_date", put("サーバー", 2, "購入日", "令和6年2月30日"), "not_date", "サーバー", 2, "購入日"),
    Case("not_flag", put("サーバー", 5, "物理サーバー", "たぶん"), "not_flag", "サーバー", 5, "物理サーバー"),
    Case("duplicate_id", put("サーバー", 3, "サーバーID", "emr-ap01"), "duplicate_id", "サーバー", 3, "サーバーID"),
    Case("missing_value", put("システム", 2, "システム名", None), "missing", "システム", 2, "システム名"),
    Case("too_large", put("サーバー", 2, "CPU使用率(%)", 150), "too_large", "サーバー", 2, "CPU使用率(%)"),
    Case("too_small", put("システム", 3, "重要度", 0), "too_small", "システム", 3, "重要度"),
    Case("bad_id", put("外部接続点", 2, "接続点ID", "pacs remote"), "bad_id", "外部接続点", 2, "接続点ID"),
    Case(
        "unknown_list_item",
        put("システム", 2, "稼働サーバー", "emr-ap01, emr-db02"),
        "unknown_reference_suggest",
        "システム",
        2,
        "稼働サーバー",
    ),
    Case(
        "route_from", put("経路", 2, "送信元セグメント", "nowhere"), "unknown_reference", "経路", 2, "送信元セグメント"
    ),
    Case(
        "route_to",
        put("経路", 3, "宛先セグメント", "emr-lam"),
        "unknown_reference_suggest",
        "経路",
        3,
        "宛先セグメント",
    ),
    Case("route_flag", put("経路", 2, "通信制限", "場合による"), "not_flag", "経路", 2, "通信制限"),
    Case(
        "flow_target",
        put("データ連携", 2, "連携先システム", "billing2"),
        "unknown_reference_suggest",
        "データ連携",
        2,
        "連携先システム",
    ),
    Case("hospital_beds", put_record("病院", 4, "多い"), "not_integer", "病院", 4, "値"),
    Case("hospital_missing", put_record("病院", 3, None), "missing", "病院", 3, "値"),
    Case("hospital_id", put_record("病院", 2, "Midori Sample"), "bad_id", "病院", 2, "値"),
    Case("practice_answer", put_record("運用チェック", 2, "たぶん"), "enum", "運用チェック", 2, "値"),
    # A cell showing an Excel error (a VLOOKUP that found nothing): calamine reads it as blank. openpyxl stores
    # an error code given as a value as an error cell (t="e"), as Excel does.
    Case("error_required", put("システム", 2, "システム名", "#N/A"), "excel_error_cell", "システム", 2, "システム名"),
    Case("error_number", put("サーバー", 3, "メモリ(GB)", "#REF!"), "excel_error_cell", "サーバー", 3, "メモリ(GB)"),
    Case("error_date", put("サーバー", 2, "購入日", "#VALUE!"), "excel_error_cell", "サーバー", 2, "購入日"),
    Case("error_record", put_record("病院", 4, "#DIV/0!"), "excel_error_cell", "病院", 4, "値"),
]


def _break(tmp_path: Path, example_bytes: bytes, case: Case) -> Path:
    wb = load_workbook(io.BytesIO(example_bytes))
    case.mutate(wb)
    path = tmp_path / f"{case.name}.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_mistake_is_located(tmp_path: Path, example_bytes: bytes, case: Case) -> None:
    path = _break(tmp_path, example_bytes, case)
    with pytest.raises(InventoryError) as caught:
        load_inventory(path)
    places = [(p.key, p.location.sheet, p.location.row, p.location.column) for p in caught.value.problems]
    assert (case.key, case.sheet, case.row, case.column) in places
    assert all(p.location.file == str(path) for p in caught.value.problems)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_mistake_exits_2_without_traceback(tmp_path: Path, example_bytes: bytes, case: Case) -> None:
    path = _break(tmp_path, example_bytes, case)
    result = CliRunner().invoke(app, ["validate", str(path), "--lang", "ja"])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    shown = f"{path}" + (f" [{case.sheet}]" if case.sheet else "") + (f" row {case.row}" if case.row else "")
    shown += f", column {case.column}" if case.column else ""
    assert shown in result.stderr


def test_missing_column_is_one_error_not_one_per_row(tmp_path: Path, example_bytes: bytes) -> None:
    path = _break(tmp_path, example_bytes, CASES[1])
    with pytest.raises(InventoryError) as caught:
        load_inventory(path)
    assert [p.key for p in caught.value.problems] == ["excel_missing_column"]


def _zip_without_workbook() -> bytes:
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return raw.getvalue()


UNREADABLE = {
    "text_renamed": (b"id,name\nsrv1,EMR\n", "excel_not_workbook"),
    "encrypted_or_xls": (bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504), "excel_encrypted"),
    "zip_not_workbook": (_zip_without_workbook(), "excel_corrupt"),
}


@pytest.mark.parametrize("name", sorted(UNREADABLE))
def test_unreadable_files_are_one_clear_error(tmp_path: Path, name: str) -> None:
    content, key = UNREADABLE[name]
    path = tmp_path / f"{name}.xlsx"
    path.write_bytes(content)
    with pytest.raises(InventoryError) as caught:
        load_inventory(path)
    assert [(p.key, p.location.file) for p in caught.value.problems] == [(key, str(path))]
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 2 and "Traceback" not in result.stderr


def test_truncated_workbook_is_corrupt(tmp_path: Path, example_bytes: bytes) -> None:
    path = tmp_path / "truncated.xlsx"
    path.write_bytes(example_bytes[: len(example_bytes) // 2])
    with pytest.raises(InventoryError) as caught:
        load_inventory(path)
    assert [p.key for p in caught.value.problems] == ["excel_corrupt"]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InventoryError) as caught:
        load_inventory(tmp_path / "nowhere.xlsx")
    assert [p.key for p in caught.value.problems] == ["file_not_found"]


def test_an_error_cell_is_one_problem_naming_the_error(tmp_path: Path, example_bytes: bytes) -> None:
    # the required システム名 left blank by the error is reported as the error, not also as a missing value
    wb = load_workbook(io.BytesIO(example_bytes))
    put("システム", 2, "システム名", "#N/A")(wb)
    put("サーバー", 3, "メモリ(GB)", "#REF!")(wb)
    path = tmp_path / "errors.xlsx"
    wb.save(path)
    with pytest.raises(InventoryError) as caught:
        load_inventory(path)
    found = [(p.key, p.location.sheet, p.location.row, p.location.column) for p in caught.value.problems]
    assert sorted(found) == [
        ("excel_error_cell", "サーバー", 3, "メモリ(GB)"),
        ("excel_error_cell", "システム", 2, "システム名"),
    ]
    by_cell = {p.location.sheet: p for p in caught.value.problems}
    assert "#N/A" in by_cell["システム"].message("ja") and "#REF!" in by_cell["サーバー"].message("en")


@pytest.mark.skipif(find_libreoffice() is None, reason="LibreOffice computes the formulas")
def test_formulas_that_fail_in_a_real_spreadsheet_are_found(tmp_path: Path, example_bytes: bytes) -> None:
    # formulas as a person writes them, computed and saved by LibreOffice (openpyxl stores no results)
    wb = load_workbook(io.BytesIO(example_bytes))
    put("サーバー", 2, "CPUコア数", '=VLOOKUP("none",A1:A2,1,FALSE)')(wb)
    put("サーバー", 4, "メモリ(GB)", "=1/0")(wb)
    put("サーバー", 5, "メモリ(GB)", "=2*8")(wb)
    source = tmp_path / "src" / "formulas.xlsx"
    source.parent.mkdir()
    wb.save(source)
    out = tmp_path / "out"
    done = libreoffice_convert(source, out, "xlsx")
    assert done.returncode == 0, done.stderr
    with pytest.raises(InventoryError) as caught:
        load_inventory(out / "formulas.xlsx")
    found = [(p.key, p.location.row, p.location.column) for p in caught.value.problems]
    assert found == [("excel_error_cell", 2, "CPUコア数"), ("excel_error_cell", 4, "メモリ(GB)")]


def test_an_error_cell_in_a_record_without_a_value_header_is_one_problem(tmp_path: Path, example_bytes: bytes) -> None:
    # with no 値 header the cell is named by its field's label, as every other problem of the record sheet is, even
    # where the item is written otherwise (here in English, which a Japanese workbook accepts too)
    wb = load_workbook(io.BytesIO(example_bytes))
    wb["病院"].cell(row=1, column=2).value = None
    wb["病院"].cell(row=4, column=1).value = "Beds"
    put_record("病院", 4, "#N/A")(wb)
    path = tmp_path / "record.xlsx"
    wb.save(path)
    with pytest.raises(InventoryError) as caught:
        load_inventory(path)
    found = [(p.key, p.location.sheet, p.location.row, p.location.column) for p in caught.value.problems]
    assert found == [("excel_error_cell", "病院", 4, "許可病床数")]
