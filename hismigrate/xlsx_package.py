"""Every workbook hismigrate writes (inventory, report, survey) is saved here: byte-for-byte reproducibly (fixed
document dates and zip entry times), and with one rule for text that a spreadsheet would run as a formula."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from datetime import datetime
from typing import Any

FIXED_TIME = datetime(2024, 1, 1, 0, 0, 0)
"""Stamped as the workbook's created/modified time and on every zip entry, so the same content gives the same bytes."""

FORMULA_START = re.compile(r"^[\s]*[=+\-@]")
"""Text a spreadsheet would run as a formula: = + - @ first, also after blanks, tabs or line breaks."""


def is_formula_like(text: str) -> bool:
    return bool(FORMULA_START.match(text))


def formula_safe(text: str) -> str:
    """Text a spreadsheet opening it (a workbook cell, a CSV file) shows as it is: a leading = + - @ (also after
    blanks) gets an apostrophe, as Excel's own quote prefix. A lone dash cannot form a formula and is kept."""
    return "'" + text if text.strip() != "-" and is_formula_like(text) else text


def formula_unsafe(text: str) -> str:
    """`formula_safe` undone, for text read back from a file that may have gone through it (a CSV a spreadsheet
    or hismigrate's export wrote): the apostrophe before text that would run as a formula goes."""
    rest = text[1:]
    return rest if text.startswith("'") and rest.strip() != "-" and is_formula_like(rest) else text


def workbook_bytes(workbook: Any, finish: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """The .xlsx bytes of `workbook`, identical for identical content; `finish(entry name, data)` may complete an
    entry openpyxl wrote before it is stored (the report splices in sheet rows it writes faster itself)."""
    from openpyxl.writer.excel import ExcelWriter

    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    workbook.properties.creator = "hismigrate"
    workbook.properties.lastModifiedBy = "hismigrate"
    raw = io.BytesIO()
    # ExcelWriter directly: openpyxl's save_workbook would stamp `modified` with the clock.
    with _FixedTimeZip(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        archive.finish = finish
        ExcelWriter(workbook, archive).save()
    return raw.getvalue()


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    return info


class _FixedTimeZip(zipfile.ZipFile):
    """A zip whose entries carry FIXED_TIME and one file mode: openpyxl stamps them with the clock (and its
    worksheets, written through temporary files, with their mode), which would change the bytes on every run."""

    finish: Callable[[str, bytes], bytes] | None = None

    def writestr(self, zinfo_or_arcname: Any, data: Any, compress_type: Any = None, compresslevel: Any = None) -> None:
        info = zinfo_or_arcname if isinstance(zinfo_or_arcname, zipfile.ZipInfo) else _entry(zinfo_or_arcname)
        if self.finish is not None:
            data = self.finish(info.filename, data.encode("utf-8") if isinstance(data, str) else data)
        super().writestr(info, data, compress_type, compresslevel)

    def write(self, filename: Any, arcname: Any = None, compress_type: Any = None, compresslevel: Any = None) -> None:
        with open(filename, "rb") as source:
            data = source.read()
        self.writestr(str(arcname if arcname is not None else filename), data, compress_type, compresslevel)
