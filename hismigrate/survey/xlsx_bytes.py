"""Survey cells in workbooks and CSV: formula-safe text (the suppression dash kept as it is).

Saving goes through hismigrate/xlsx_package.py like every workbook; the report's typed tables
(report/xlsx_tables.py) do not fit survey cells, which mix decimals, flags and the suppression dash in one column.
"""

from __future__ import annotations

from hismigrate.xlsx_package import is_formula_like


def safe_text(value: str) -> str:
    """Text that a spreadsheet will not run as a formula: a leading = + - @ (also after blanks) gets an apostrophe.

    A lone dash (the suppression mark) is kept: it cannot form a formula.
    """
    if value != "-" and is_formula_like(value):
        return "'" + value
    return value
