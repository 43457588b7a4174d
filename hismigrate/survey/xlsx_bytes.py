"""Survey text in CSV and workbooks: never run as a formula, and in a workbook never shown with an apostrophe.

Saving goes through hismigrate/xlsx_package.py like every workbook; the report's typed tables
(report/xlsx_tables.py) do not fit survey cells, which mix decimals, flags and the suppression dash in one column.
"""

from __future__ import annotations

from typing import Any

from hismigrate.xlsx_package import is_formula_like


def safe_text(value: str) -> str:
    """CSV text that a spreadsheet will not run as a formula: a leading = + - @ (also after blanks) gets an
    apostrophe. A lone dash (the suppression mark) is kept: it cannot form a formula."""
    if value != "-" and is_formula_like(value):
        return "'" + value
    return value


def set_cell(cell: Any, value: Any) -> None:
    """A workbook cell: numbers as numbers; text always stored as text (never a formula), marked with Excel's
    invisible quote prefix when it looks like one, so that the label reads as written and re-editing keeps it text."""
    if not isinstance(value, str):
        cell.value = value
        return
    # Set directly: openpyxl's setter reads a leading "=" as a formula.
    cell._value = value
    cell.data_type = "s"
    if value != "-" and is_formula_like(value):
        cell.quotePrefix = True
