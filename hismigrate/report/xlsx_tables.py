"""Tables to Excel sheets: numbers stay numbers with formats, a bold frozen header with a filter, sensible column
widths, no formula from an inventory ever runs, and the same tables give the same bytes."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hismigrate.atomic import write_bytes
from hismigrate.report.tables import ColumnKind, Table
from hismigrate.xlsx_package import is_formula_like
from hismigrate.xlsx_package import workbook_bytes as package_bytes

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from hismigrate.report.xlsx_rows import SheetRows

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # control characters XML 1.0 cannot carry
_NUMERIC = frozenset({ColumnKind.int, ColumnKind.jpy, ColumnKind.pct, ColumnKind.decimal})
_MAX_TEXT = 32_767  # characters in one cell, as Excel and openpyxl allow
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

NUMBER_FORMATS: dict[str, dict[ColumnKind, str]] = {
    "ja": {
        ColumnKind.int: "#,##0",
        ColumnKind.jpy: '#,##0"円";-#,##0"円"',
        ColumnKind.pct: "0.0%",
        ColumnKind.decimal: "#,##0.0###",
        ColumnKind.date: 'yyyy"年"m"月"d"日"',
    },
    "en": {
        ColumnKind.int: "#,##0",
        ColumnKind.jpy: '"¥"#,##0;-"¥"#,##0',
        ColumnKind.pct: "0.0%",
        ColumnKind.decimal: "#,##0.0###",
        ColumnKind.date: "d mmm yyyy",
    },
}


_MAX_WIDTH = 60  # columns wider than this wrap instead: a width is never counted beyond it


def _display_width(text: str) -> float:
    if text.isascii():  # most cells: one column per character, without a Unicode lookup each
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text[: _MAX_WIDTH * 2])


def sheet_names(tables: Sequence[Table]) -> list[str]:
    """Valid, unique sheet names (31 characters, none of []:*?/\\), from each table's sheet or title."""
    names: list[str] = []
    for number, table in enumerate(tables, start=1):
        base = _SHEET_FORBIDDEN.sub("_", table.sheet or table.title).strip("' ")[:31] or f"Sheet{number}"
        name, suffix = base, 2
        while name.casefold() in (n.casefold() for n in names):
            tail = f" ({suffix})"
            name, suffix = base[: 31 - len(tail)] + tail, suffix + 1
        names.append(name)
    return names


def workbook_bytes(tables: Sequence[Table], lang: str) -> bytes:
    """An .xlsx with one sheet per table: title in row 1, header in row 2 (bold, frozen, filtered), data below."""
    from openpyxl import Workbook

    from hismigrate.report.xlsx_rows import splice

    workbook = Workbook()
    workbook.remove(workbook.active)
    rows: dict[str, SheetRows] = {}
    for number, (table, name) in enumerate(zip(tables, sheet_names(tables), strict=True), start=1):
        rows[f"xl/worksheets/sheet{number}.xml"] = _write_sheet(workbook.create_sheet(name), table, lang)
    if not tables:
        workbook.create_sheet("Sheet1")
    return package_bytes(workbook, lambda name, data: splice(data, rows[name]) if name in rows else data)


def write_workbook(target: Path, tables: Sequence[Table], lang: str) -> None:
    """Write the workbook atomically: the file is whole or absent."""
    write_bytes(target, workbook_bytes(tables, lang))


def _write_sheet(sheet: Worksheet, table: Table, lang: str) -> SheetRows:
    """Title, header and note as openpyxl cells; the data rows as text for `splice` (see xlsx_rows)."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from hismigrate.report.xlsx_rows import SheetRows, dimension

    formats = NUMBER_FORMATS.get(lang, NUMBER_FORMATS["en"])
    title = sheet.cell(row=1, column=1)
    _set_text(title, table.title)
    title.font = Font(bold=True, size=13)
    title.style_id  # noqa: B018  registers the style now: ids follow the order openpyxl meets the cells in
    widths = [_display_width(c.title) for c in table.columns]
    for col, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=2, column=col)
        _set_text(cell, column.title)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        cell.style_id  # noqa: B018
    kinds = [column.kind for column in table.columns]
    xml = _data_rows(sheet, table.rows, kinds, formats, widths)
    last_row = 2 + len(table.rows) if kinds else 1
    if table.note:
        note = sheet.cell(row=len(table.rows) + 4, column=1)
        _set_text(note, table.note)
        if note.has_style:
            note.style_id  # noqa: B018
        last_row = note.row
    last = get_column_letter(max(len(table.columns), 1))
    sheet.freeze_panes = "A3"
    sheet.auto_filter.ref = f"A2:{last}{max(len(table.rows) + 2, 2)}"
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = min(max(width + 2, 8), _MAX_WIDTH)
    before = f'<row r="{len(table.rows) + 4}">' if table.note else "</sheetData>"
    return SheetRows("".join(xml), dimension(len(kinds), last_row), before)


def _data_rows(
    sheet: Worksheet,
    rows: Sequence[Sequence[Any]],
    kinds: list[ColumnKind],
    formats: dict[ColumnKind, str],
    widths: list[float],
) -> list[str]:
    """Each data row as XML (from row 3), widening `widths` to fit; a styled cell goes through an openpyxl cell
    that never joins the sheet, so its number format and style id are openpyxl's own."""
    from openpyxl.cell.cell import Cell
    from openpyxl.utils import get_column_letter

    from hismigrate.report.xlsx_rows import row_xml, styled_text_cell, text_cell, value_cell

    letters = [get_column_letter(col) for col in range(1, len(kinds) + 1)]
    xml: list[str] = []
    for r, row in enumerate(rows, start=3):
        cells: list[str] = []
        for col, (value, kind) in enumerate(zip(row, kinds, strict=True)):
            if value is None:
                continue
            text = _as_text(value, kind)
            if text is not None and not is_formula_like(text):  # most cells: plain text, no openpyxl cell at all
                shown = _clean(text)
                cells.append(text_cell(letters[col], r, shown[:_MAX_TEXT]))
            else:
                cell = Cell(sheet, row=r, column=col + 1)
                shown = _write_value(cell, value, kind)
                if kind in formats and cell.data_type in ("n", "d"):
                    cell.number_format = formats[kind]
                write = value_cell if cell.data_type in ("n", "d") else styled_text_cell
                cells.append(write(cell, letters[col]))
            if widths[col] < _MAX_WIDTH:
                widths[col] = max(widths[col], _display_width(shown))
        if kinds:  # openpyxl writes a row (even an empty one) wherever the table has cells
            xml.append(row_xml(r, cells))
    return xml


def _as_text(value: Any, kind: ColumnKind) -> str | None:
    """The text a value is stored as, or None when it is stored as a number or a date (see _write_value)."""
    if kind in _NUMERIC and isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return None
    if kind == ColumnKind.date and isinstance(value, date):
        return None
    return value if isinstance(value, str) else str(getattr(value, "value", value))


def _clean(text: str) -> str:
    return _ILLEGAL.sub("\ufffd", text) if _ILLEGAL.search(text) else text


def _write_value(cell: Any, value: Any, kind: ColumnKind) -> str:
    """Store one value as its kind wants it; returns the text whose width sizes the column."""
    if value is None:
        return ""
    if kind in _NUMERIC and isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        cell.value = value
        return f"{value:,.0f}" if kind != ColumnKind.pct else "100.0%"
    if kind == ColumnKind.date and isinstance(value, date):
        cell.value = value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)
        return "0000年00月00日"
    return _set_text(cell, str(getattr(value, "value", value)) if not isinstance(value, str) else value)


def _set_text(cell: Any, text: str) -> str:
    """A text cell that stays text: never a formula, and marked with Excel's quote prefix when it looks like one
    (the invisible `'` a user types), so re-editing the cell does not turn it into a formula either."""
    clean = _clean(text)
    # The value and type are set directly: openpyxl's setter would read a leading "=" as a formula and check the
    # characters again (they are clean already); its 32,767-character limit is kept.
    cell._value = clean[:_MAX_TEXT]
    cell.data_type = "s"
    if is_formula_like(clean):
        cell.quotePrefix = True
    return clean
