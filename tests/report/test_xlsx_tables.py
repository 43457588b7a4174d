import csv
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from hismigrate.report.tables import Column, ColumnKind, Table
from hismigrate.report.xlsx_tables import sheet_names, workbook_bytes, write_workbook
from hismigrate.xlsx_package import FIXED_TIME, is_formula_like
from tests.libreoffice import find_libreoffice, libreoffice_convert

from .xlsx_reference import reference_workbook_bytes

DANGEROUS = [
    '=HYPERLINK("x")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "  =1+1",
    "\t=1+1",
    "\r=1+1",
    "\n-1",
    "=cmd|' /C calc'!A0",
]
HARMLESS = ["電子カルテ", "a=b", "1-2", "<script>alert(1)</script>", ""]

COLUMNS = [
    Column("名前"),
    Column("台数", ColumnKind.int),
    Column("費用", ColumnKind.jpy),
    Column("稼働率", ColumnKind.pct),
    Column("契約終了", ColumnKind.date),
]


def _table(names: list[str]) -> Table:
    return Table("システム", COLUMNS, [[n, 3, 1_500_000, 0.25, date(2027, 3, 31)] for n in names], note="出典: 台帳")


def _load(tmp_path: Path, table: Table, lang: str = "ja"):
    target = tmp_path / "report.xlsx"
    write_workbook(target, [table], lang)
    return openpyxl.load_workbook(target).worksheets[0]


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_like_text_stays_text(tmp_path, text):
    assert is_formula_like(text)
    cell = _load(tmp_path, _table([text]))["A3"]
    assert cell.data_type == "s"
    assert cell.value == text.replace("\r", "\n")  # XML carries CR as LF
    assert cell.quotePrefix


@pytest.mark.parametrize("text", HARMLESS)
def test_ordinary_text_is_untouched(tmp_path, text):
    assert not is_formula_like(text)
    cell = _load(tmp_path, _table([text or "x"]))["A3"]
    assert cell.data_type == "s" and not cell.quotePrefix


def test_numbers_stay_numbers_with_formats(tmp_path):
    sheet = _load(tmp_path, _table(["a"]))
    assert sheet["A1"].value == "システム" and sheet["A1"].font.b
    assert [c.value for c in sheet[2]] == [c.title for c in COLUMNS]
    assert all(c.font.b for c in sheet[2])
    assert sheet["B3"].value == 3 and sheet["B3"].number_format == "#,##0"
    assert sheet["C3"].value == 1_500_000 and "円" in sheet["C3"].number_format
    assert sheet["D3"].value == 0.25 and sheet["D3"].number_format == "0.0%"
    assert sheet["E3"].value == datetime(2027, 3, 31) and "年" in sheet["E3"].number_format
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:E3"
    assert sheet["A5"].value == "出典: 台帳"
    assert all(8 <= sheet.column_dimensions[c].width <= 60 for c in "ABCDE")


def test_english_formats(tmp_path):
    sheet = _load(tmp_path, _table(["a"]), "en")
    assert "¥" in sheet["C3"].number_format and sheet["E3"].number_format == "d mmm yyyy"


def test_missing_values_are_empty_cells(tmp_path):
    sheet = _load(tmp_path, Table("t", COLUMNS, [["a", None, None, None, None]]))
    assert [sheet.cell(3, c).value for c in range(2, 6)] == [None] * 4


def test_control_characters_do_not_break_the_file(tmp_path):
    assert _load(tmp_path, _table(["a\x00b\x1fc"]))["A3"].value == "a\ufffdb\ufffdc"


def test_same_tables_same_bytes_with_fixed_timestamps(tmp_path):
    tables = [_table(DANGEROUS), _table(HARMLESS)]
    first = workbook_bytes(tables, "ja")
    assert first == workbook_bytes(tables, "ja")
    path = tmp_path / "a.xlsx"
    path.write_bytes(first)
    book = openpyxl.load_workbook(path)
    assert book.properties.created == FIXED_TIME and book.properties.modified == FIXED_TIME


def test_sheet_names_are_valid_and_unique():
    tables = [
        Table("費用/年度 [概算]", COLUMNS),
        Table("費用/年度 [概算]", COLUMNS),
        Table("x" * 40, COLUMNS, sheet="s"),
    ]
    names = sheet_names([*tables, Table("", COLUMNS)])
    assert names == ["費用_年度 _概算_", "費用_年度 _概算_ (2)", "s", "Sheet4"]
    assert sheet_names([Table("y" * 40, COLUMNS), Table("y" * 40, COLUMNS)])[1] == "y" * 27 + " (2)"


@pytest.mark.skipif(find_libreoffice() is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_it_and_runs_no_formula(tmp_path):
    source = tmp_path / "report.xlsx"
    write_workbook(source, [_table(DANGEROUS)], "en")
    result = libreoffice_convert(source, tmp_path, "csv:Text - txt - csv (StarCalc):44,34,76,1")
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader((tmp_path / "report.csv").read_text(encoding="utf-8").splitlines(keepends=True)))
    names = [row[0] for row in rows[2 : 2 + len(DANGEROUS)]]
    assert names == [text.replace("\r", "\n") for text in DANGEROUS]
    assert rows[2][1:] == ["3", "¥1,500,000", "25.0%", "31 Mar 2027"]


_KINDS = list(ColumnKind)
_values = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.sampled_from(["", " ", "  padded ", "=SUM(A1)", " -1", "@x", "a & b < c > d", "\x00\x0b", "行\n改行", "x" * 70]),
    st.integers(min_value=-(10**18), max_value=10**18),
    st.floats(),
    st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-(10**12), max_value=10**12),
    st.booleans(),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 12, 31)),
    st.sampled_from(list(ColumnKind)),  # an enum: written as its value
)


@st.composite
def _tables(draw: st.DrawFn) -> Table:
    kinds = draw(st.lists(st.sampled_from(_KINDS), max_size=5))
    rows = draw(st.lists(st.tuples(*(_values for _ in kinds)), max_size=6))
    note = draw(st.sampled_from(["", "source: x", "=1+1", " "]))
    title = draw(st.sampled_from(["T", "表", "=evil", ""]))
    return Table(title, [Column(f"c{i}", k) for i, k in enumerate(kinds)], rows, note=note)


@settings(max_examples=60, deadline=None)  # 1,500 passed once; 60 keep the suite fast
@given(tables=st.lists(_tables(), max_size=4), lang=st.sampled_from(["ja", "en"]))
@example(tables=[], lang="ja")
@example(tables=[Table("empty", [], [()], note="n")], lang="ja")
@example(tables=[Table("t", [Column("n", ColumnKind.int)], [(float("nan"),), (None,), (float("inf"),)])], lang="en")
def test_fast_rows_give_openpyxls_bytes(tables: list[Table], lang: str) -> None:
    """The rows written as text, spliced into openpyxl's sheets, give exactly what openpyxl alone writes."""
    assert workbook_bytes(tables, lang) == reference_workbook_bytes(tables, lang)
