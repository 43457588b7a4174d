"""survey.xlsx: one sheet per table, title in row 1, header in row 2; numbers as numbers, byte-for-byte repeatable."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hismigrate.survey.table import SUPPRESSED, SurveyTable
from hismigrate.survey.xlsx_bytes import set_cell
from hismigrate.xlsx_package import workbook_bytes


def _row(sheet: Any, number: int, values: Sequence[Any]) -> None:
    for column, value in enumerate(values, start=1):
        set_cell(sheet.cell(row=number, column=column), value)


def survey_xlsx(tables: list[SurveyTable], note: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    right = Alignment(horizontal="right")
    for table in tables:
        sheet = workbook.create_sheet(table.name[:31])
        _row(sheet, 1, [table.title])
        sheet["A1"].font = bold
        _row(sheet, 2, table.columns)
        for cell in sheet[2]:
            cell.font = bold
        for number, row in enumerate(table.rows, start=3):
            _row(sheet, number, row)
            for cell in sheet[number]:
                if cell.value == SUPPRESSED:
                    cell.alignment = right
        _row(sheet, len(table.rows) + 4, [note])
        sheet.column_dimensions["A"].width = 40
        sheet.freeze_panes = "B3"
    return workbook_bytes(workbook)
