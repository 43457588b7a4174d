"""Turn one Excel cell into the plain value the model's forgiving validators expect.

What is specific to Excel lives here (every number is a float, dates may be serial numbers, a TRUE cell in a
yes/no/unknown column); what people type (full-width digits, era dates, 〇/×) is handled by model.text for
every input format alike.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from hismigrate.load.excel_layout import FieldInfo
from hismigrate.model.text import parse_text

_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1900-01-01, counting Lotus's phantom 1900-02-29
_MAX_SERIAL = 2_958_465  # 9999-12-31


def cell_value(value: Any, info: FieldInfo) -> Any:
    """The cell's value for the field `info`, or None when the cell is blank."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer() and info.kind != "date":
        value = int(value)  # calamine reads every number as a float; 16.0 in an id or count column means 16
    if info.kind == "date":
        return _date(value)
    if info.kind == "list":
        return parse_text(value) if isinstance(value, int | float) and not isinstance(value, bool) else value
    if info.kind == "answer" and isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime) and info.kind == "text":
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date) and info.kind == "text":
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return value


def _date(value: Any) -> Any:
    """A date from an Excel date cell or a serial number in a cell without date format; text passes through."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and 1 <= value <= _MAX_SERIAL:
        return _EXCEL_EPOCH + timedelta(days=int(value))
    return value
