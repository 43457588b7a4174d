"""Save an openpyxl workbook reproducibly: fixed document dates and zip entry times, so equal tables give equal bytes.

The shared report helper (hismigrate/report/xlsx_tables.py) writes typed report tables; survey cells mix numbers
with decimals, flags and the suppression dash in one column, which its column kinds cannot hold, so the survey keeps
this small writer and shares only the rule of what text a spreadsheet would run as a formula.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from typing import Any

from hismigrate.report.xlsx_tables import is_formula_like

FIXED_TIME = datetime(2024, 1, 1, 0, 0, 0)


def safe_text(value: str) -> str:
    """Text that a spreadsheet will not run as a formula: a leading = + - @ (also after blanks) gets an apostrophe.

    A lone dash (the suppression mark) is kept: it cannot form a formula.
    """
    if value != "-" and is_formula_like(value):
        return "'" + value
    return value


def workbook_bytes(workbook: Any) -> bytes:
    """The .xlsx bytes of `workbook`, identical for identical content."""
    from openpyxl.writer.excel import ExcelWriter

    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    workbook.properties.creator = "hismigrate"
    workbook.properties.lastModifiedBy = "hismigrate"
    raw = io.BytesIO()
    # ExcelWriter directly: openpyxl's save_workbook stamps `modified` with the clock.
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()
    out = io.BytesIO()
    # zipfile stamps each entry with the clock; copy the entries in order with a fixed time.
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()
