"""Write one submission as JSON or as a key/value workbook (for hospitals that submit spreadsheets), atomically."""

from __future__ import annotations

from pathlib import Path

from hismigrate.atomic import write_bytes, write_text
from hismigrate.model.submission import Submission
from hismigrate.survey.flat import flatten
from hismigrate.survey.read import KEY_HEADER, SUBMISSION_SHEET, XLSX_SUFFIXES
from hismigrate.survey.xlsx_bytes import set_cell
from hismigrate.xlsx_package import workbook_bytes


def submission_json(submission: Submission) -> str:
    return submission.model_dump_json(indent=2) + "\n"


def submission_xlsx(submission: Submission) -> bytes:
    """Sheet `submission`: column A the dotted key, column B the value (numbers as numbers, flags as booleans)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SUBMISSION_SHEET
    sheet.append([KEY_HEADER, "value"])
    number = 1
    for key, value in flatten(submission.model_dump(mode="json")):
        if value is None:
            continue
        number += 1
        set_cell(sheet.cell(row=number, column=1), key)
        set_cell(sheet.cell(row=number, column=2), value)
    sheet.column_dimensions["A"].width = 44
    sheet.column_dimensions["B"].width = 16
    return workbook_bytes(workbook)


def write_submission(submission: Submission, target: Path) -> None:
    """JSON unless the target ends in .xlsx."""
    if target.suffix.lower() in XLSX_SUFFIXES:
        write_bytes(target, submission_xlsx(submission))
    else:
        write_text(target, submission_json(submission))
