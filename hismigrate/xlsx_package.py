"""Every workbook hismigrate writes (inventory, report, survey) is saved here: byte-for-byte reproducibly (fixed
document dates and zip entry times), and with one rule for text that a spreadsheet would run as a formula."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from typing import Any

FIXED_TIME = datetime(2024, 1, 1, 0, 0, 0)
"""Stamped as the workbook's created/modified time and on every zip entry, so the same content gives the same bytes."""

FORMULA_START = re.compile(r"^[\s]*[=+\-@]")
"""Text a spreadsheet would run as a formula: = + - @ first, also after blanks, tabs or line breaks."""


def is_formula_like(text: str) -> bool:
    return bool(FORMULA_START.match(text))


def workbook_bytes(workbook: Any) -> bytes:
    """The .xlsx bytes of `workbook`, identical for identical content."""
    from openpyxl.writer.excel import ExcelWriter

    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    workbook.properties.creator = "hismigrate"
    workbook.properties.lastModifiedBy = "hismigrate"
    raw = io.BytesIO()
    # ExcelWriter directly: openpyxl's save_workbook would stamp `modified` with the clock.
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()
    out = io.BytesIO()
    # openpyxl stamps each zip entry with the clock; rewrite the entries in the same order with a fixed time.
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()
