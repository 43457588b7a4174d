"""The report workbook as openpyxl alone writes it (every cell an openpyxl cell): the reference that the faster
writer of hismigrate/report/xlsx_tables.py and xlsx_rows.py must match byte for byte. Kept as it was before the
fast path, and used only by the tests."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from hismigrate.report.tables import Table
from hismigrate.report.xlsx_tables import _ILLEGAL, NUMBER_FORMATS, _display_width, _write_value, sheet_names
from hismigrate.xlsx_package import is_formula_like, workbook_bytes


def reference_workbook_bytes(tables: Sequence[Table], lang: str) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table, name in zip(tables, sheet_names(tables), strict=True):
        _write_sheet(workbook.create_sheet(name), table, lang)
    if not tables:
        workbook.create_sheet("Sheet1")
    return workbook_bytes(workbook)


def _write_sheet(sheet: Any, table: Table, lang: str) -> None:
    formats = NUMBER_FORMATS.get(lang, NUMBER_FORMATS["en"])
    title = sheet.cell(row=1, column=1)
    _set_text(title, table.title)
    title.font = Font(bold=True, size=13)
    widths = [_display_width(c.title) for c in table.columns]
    for col, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=2, column=col)
        _set_text(cell, column.title)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for r, row in enumerate(table.rows, start=3):
        for col, (value, column) in enumerate(zip(row, table.columns, strict=True), start=1):
            cell = sheet.cell(row=r, column=col)
            shown = _write_value(cell, value, column.kind)
            if column.kind in formats and cell.data_type in ("n", "d") and value is not None:
                cell.number_format = formats[column.kind]
            widths[col - 1] = max(widths[col - 1], _display_width(shown))
    if table.note:
        _set_text(sheet.cell(row=len(table.rows) + 4, column=1), table.note)
    last = get_column_letter(max(len(table.columns), 1))
    sheet.freeze_panes = "A3"
    sheet.auto_filter.ref = f"A2:{last}{max(len(table.rows) + 2, 2)}"
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = min(max(width + 2, 8), 60)


def _set_text(cell: Any, text: str) -> str:
    clean = _ILLEGAL.sub("\ufffd", text)
    cell.value = clean
    cell.data_type = "s"
    if is_formula_like(clean):
        cell.quotePrefix = True
    return clean
