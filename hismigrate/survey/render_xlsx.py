"""survey.xlsx: one sheet per table, title in row 1, header in row 2; numbers as numbers, byte-for-byte repeatable."""

from __future__ import annotations

from hismigrate.survey.table import SUPPRESSED, SurveyTable
from hismigrate.survey.xlsx_bytes import safe_text
from hismigrate.xlsx_package import workbook_bytes


def survey_xlsx(tables: list[SurveyTable], note: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    right = Alignment(horizontal="right")
    for table in tables:
        sheet = workbook.create_sheet(table.name[:31])
        sheet.append([safe_text(table.title)])
        sheet["A1"].font = bold
        sheet.append([safe_text(c) for c in table.columns])
        for cell in sheet[2]:
            cell.font = bold
        for row in table.rows:
            sheet.append([safe_text(c) if isinstance(c, str) else c for c in row])
        for line in sheet.iter_rows(min_row=3):
            for cell in line:
                if cell.value == SUPPRESSED:
                    cell.alignment = right
        sheet.append([])
        sheet.append([safe_text(note)])
        sheet.column_dimensions["A"].width = 40
        sheet.freeze_panes = "B3"
    return workbook_bytes(workbook)
