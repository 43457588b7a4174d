"""The report workbook as openpyxl alone writes it (every cell an openpyxl cell): the reference that the faster
writer of hismigrate/report/xlsx_tables.py and xlsx_rows.py must match byte for byte. Kept as it was before the
fast path, and used only by the tests."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from hismigrate.report.tables import Table, Typed
from hismigrate.report.xlsx_print import set_up_printing
from hismigrate.report.xlsx_tables import (
    _ILLEGAL,
    NUMBER_FORMATS,
    _display_width,
    _write_value,
    cell_alignment,
    column_widths,
    full_width,
    row_height,
    sheet_names,
    wrapped_columns,
)
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
    wrapped = wrapped_columns(table)
    texts: dict[int, list[tuple[int, float]]] = {}
    for r, row in enumerate(table.rows, start=3):
        for col, (value, column) in enumerate(zip(row, table.columns, strict=True), start=1):
            kind = value.kind if isinstance(value, Typed) else column.kind
            cell = sheet.cell(row=r, column=col)
            shown = _write_value(cell, value, kind)
            if kind in formats and cell.data_type in ("n", "d") and value is not None:
                cell.number_format = formats[kind]
            if any(wrapped) and value is not None:
                cell.alignment = cell_alignment(wrapped[col - 1] and cell.data_type == "s")
            if wrapped[col - 1] and shown:
                texts.setdefault(r, []).append((col - 1, full_width(shown)))
            widths[col - 1] = max(widths[col - 1], _display_width(shown))
    if table.note:
        _set_text(sheet.cell(row=len(table.rows) + 4, column=1), table.note)
    last = get_column_letter(max(len(table.columns), 1))
    sheet.freeze_panes = "A3"
    sheet.auto_filter.ref = f"A2:{last}{max(len(table.rows) + 2, 2)}"
    final = column_widths(widths, wrapped)
    for col, width in enumerate(final, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    for r, row_texts in texts.items():
        height = row_height(row_texts, final)
        if height is not None:
            sheet.row_dimensions[r].height = height
    set_up_printing(sheet, lang)


def _set_text(cell: Any, text: str) -> str:
    clean = _ILLEGAL.sub("\ufffd", text)
    cell.value = clean
    cell.data_type = "s"
    if is_formula_like(clean):
        cell.quotePrefix = True
    return clean
