"""Tables to Excel sheets: numbers stay numbers with formats, a bold frozen header with a filter, sensible column
widths, no formula from an inventory ever runs, and the same tables give the same bytes."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hismigrate.atomic import write_bytes
from hismigrate.report.tables import NUMERIC_KINDS, ColumnKind, Table, Typed
from hismigrate.xlsx_package import is_formula_like
from hismigrate.xlsx_package import workbook_bytes as package_bytes

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from hismigrate.report.xlsx_rows import SheetRows

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # control characters XML 1.0 cannot carry
_NUMERIC = NUMERIC_KINDS
_MAX_TEXT = 32_767  # characters in one cell, as Excel and openpyxl allow
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

NUMBER_FORMATS: dict[str, dict[ColumnKind, str]] = {
    "ja": {
        ColumnKind.int: "#,##0",
        ColumnKind.jpy: '#,##0"円";-#,##0"円"',
        ColumnKind.money: '#,##0"円";-#,##0"円"',
        ColumnKind.pct: "0.0%",
        ColumnKind.decimal: "#,##0.0###",
        ColumnKind.mbps: "#,##0.0",
        ColumnKind.date: 'yyyy"年"m"月"d"日"',
    },
    "en": {
        ColumnKind.int: "#,##0",
        ColumnKind.jpy: '"¥"#,##0;-"¥"#,##0',
        ColumnKind.money: '"¥"#,##0;-"¥"#,##0',
        ColumnKind.pct: "0.0%",
        ColumnKind.decimal: "#,##0.0###",
        ColumnKind.mbps: "#,##0.0",
        ColumnKind.date: "d mmm yyyy",
    },
}


_MAX_WIDTH = 60  # columns wider than this wrap instead: a width is never counted beyond it
_PRINT_WIDTH = 170  # character widths a landscape A4 page prints at a legible scale (fit to width)
_MIN_WRAPPED = 28  # a wrapped column keeps at least this width
LINE_HEIGHT = 16.0  # points per line of wrapped text (11-point type, Japanese fonts included)


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
    """Title, header and note as openpyxl cells; the data rows (and the totals row) as text for `splice` (see
    xlsx_rows); the print setup (see xlsx_print)."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from hismigrate.report.xlsx_print import set_up_printing
    from hismigrate.report.xlsx_rows import SheetRows, dimension, row_xml

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
    wrapped = wrapped_columns(table)
    pending = _data_rows(sheet, table, formats, widths, wrapped)
    final_widths = column_widths(widths, wrapped)
    xml = [row_xml(r, cells, row_height(texts, final_widths)) for r, cells, texts in pending]
    totals = table.totals() if table.rows else None
    if totals is not None:
        xml.append(_totals_row(sheet, table, totals, formats))
    last_row = 2 + len(table.rows) + (1 if totals is not None else 0) if kinds else 1
    note_row = len(table.rows) + 4 + (1 if totals is not None else 0)
    if table.note:
        note = sheet.cell(row=note_row, column=1)
        _set_text(note, table.note)
        if note.has_style:
            note.style_id  # noqa: B018
        last_row = note.row
    last = get_column_letter(max(len(table.columns), 1))
    sheet.freeze_panes = "A3"
    sheet.auto_filter.ref = f"A2:{last}{max(len(table.rows) + 2, 2)}"
    for col, width in enumerate(final_widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    set_up_printing(sheet, lang)
    before = f'<row r="{note_row}">' if table.note else "</sheetData>"
    return SheetRows("".join(xml), dimension(len(kinds), last_row), before)


def cell_alignment(wrap: bool) -> Any:
    """A data cell's alignment in a table with wrapped text: at the top, wrapped where its column wraps."""
    from openpyxl.styles import Alignment

    return Alignment(vertical="top", wrap_text=True) if wrap else Alignment(vertical="top")


def column_widths(widths: list[float], wrapped: list[bool]) -> list[float]:
    """Each column's width from its widest text, between 8 and 60 characters; when the sheet is wider than a
    landscape A4 page prints legibly, the wrapped (long text) columns give up width, down to a readable minimum."""
    out = [min(max(width + 2, 8), _MAX_WIDTH) for width in widths]
    excess = sum(out) - _PRINT_WIDTH
    flexible = [i for i, wrap in enumerate(wrapped) if wrap]
    if excess > 0 and flexible:
        cut = min(excess / len(flexible), _MAX_WIDTH - _MIN_WRAPPED)
        for i in flexible:
            out[i] = max(_MIN_WRAPPED, round(out[i] - cut))
    return out


def row_height(texts: list[tuple[int, float]], widths: list[float]) -> float | None:
    """The height (points) of a row whose wrapped cells hold text of these display widths, so that a spreadsheet
    that does not fit rows to their text on opening (LibreOffice) still shows and prints it whole; None: one line."""
    lines = max((math.ceil(width / max(widths[col] - 1, 1)) for col, width in texts), default=1)
    return LINE_HEIGHT * lines if lines > 1 else None


def full_width(text: str) -> float:
    return len(text) if text.isascii() else sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def wrapped_columns(table: Table) -> list[bool]:
    """The text columns whose longest value is wider than a column may be: their cells wrap (and the column
    takes the widest width), so that a printed page shows whole sentences instead of cutting them."""
    out = []
    for index, column in enumerate(table.columns):
        long = column.kind in (ColumnKind.text, ColumnKind.code) and any(
            isinstance(row[index], str) and len(row[index]) * 2 > _MAX_WIDTH and _display_width(row[index]) > _MAX_WIDTH
            for row in table.rows
        )
        out.append(long)
    return out


def _data_rows(
    sheet: Worksheet,
    table: Table,
    formats: dict[ColumnKind, str],
    widths: list[float],
    wrapped: list[bool],
) -> list[tuple[int, list[str], list[tuple[int, float]]]]:
    """Each data row's cells as XML (from row 3) with the widths of its wrapped texts, widening `widths` to fit; a styled cell goes through an openpyxl cell
    that never joins the sheet, so its number format and style id are openpyxl's own. A derived column is written
    as its formula beside the value it gives (the value is what a reader without recalculation sees)."""
    from openpyxl.cell.cell import Cell
    from openpyxl.utils import get_column_letter

    from hismigrate.report.tables import formula_text
    from hismigrate.report.xlsx_rows import formula_cell, styled_text_cell, text_cell, value_cell

    kinds = [column.kind for column in table.columns]
    letters = [get_column_letter(col) for col in range(1, len(kinds) + 1)]
    keyed = {c.key: letters[i] for i, c in enumerate(table.columns) if c.key}
    formulas = [c.formula for c in table.columns]
    # A table with wrapped text aligns every cell to the top, so a row reads across; one style id for each kind of
    # plain text cell, registered where openpyxl would meet it (the first such cell).
    top = any(wrapped)
    plain_style: dict[bool, int] = {}
    out: list[tuple[int, list[str], list[tuple[int, float]]]] = []
    for r, row in enumerate(table.rows, start=3):
        cells: list[str] = []
        texts: list[tuple[int, float]] = []
        for col, (value, kind) in enumerate(zip(row, kinds, strict=True)):
            if isinstance(value, Typed):
                value, kind = value.value, value.kind
            if value is None:
                continue
            text = _as_text(value, kind)
            if text is not None and not is_formula_like(text):  # most cells: plain text, no openpyxl cell at all
                shown = _clean(text)
                style = 0
                if top:
                    if wrapped[col] not in plain_style:
                        template = Cell(sheet, row=r, column=col + 1)
                        template.alignment = cell_alignment(wrapped[col])
                        plain_style[wrapped[col]] = template.style_id
                    style = plain_style[wrapped[col]]
                cells.append(text_cell(letters[col], r, shown[:_MAX_TEXT], style))
            else:
                cell = Cell(sheet, row=r, column=col + 1)
                shown = _write_value(cell, value, kind)
                if kind in formats and cell.data_type in ("n", "d"):
                    cell.number_format = formats[kind]
                if top:
                    cell.alignment = cell_alignment(wrapped[col] and cell.data_type == "s")
                if formulas[col] and text is None:
                    cells.append(formula_cell(cell, letters[col], formula_text(formulas[col], keyed, r, 3)))
                else:
                    write = value_cell if cell.data_type in ("n", "d") else styled_text_cell
                    cells.append(write(cell, letters[col]))
            if wrapped[col] and isinstance(shown, str) and shown:
                texts.append((col, full_width(shown)))
            if widths[col] < _MAX_WIDTH:
                widths[col] = max(widths[col], _display_width(shown))
        if kinds:  # openpyxl writes a row (even an empty one) wherever the table has cells
            out.append((r, cells, texts))
    return out


def _totals_row(sheet: Worksheet, table: Table, totals: list[Any], formats: dict[ColumnKind, str]) -> str:
    """The totals row under the data: its label, and a SUM over the rows above for each totalled column."""
    from openpyxl.cell.cell import Cell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from hismigrate.report.xlsx_rows import formula_cell, row_xml, styled_text_cell

    r = 3 + len(table.rows)
    cells = []
    for col, (value, column) in enumerate(zip(totals, table.columns, strict=True), start=1):
        if value is None:
            continue
        letter = get_column_letter(col)
        cell = Cell(sheet, row=r, column=col)
        cell.font = Font(bold=True)
        if col == 1 and not column.total:
            _set_text(cell, str(value))
            cells.append(styled_text_cell(cell, letter))
            continue
        cell.value = value
        if column.kind in formats:
            cell.number_format = formats[column.kind]
        cells.append(formula_cell(cell, letter, f"SUM({letter}3:{letter}{r - 1})"))
    return row_xml(r, cells)


def _as_text(value: Any, kind: ColumnKind) -> str | None:
    """The text a value is stored as, or None when it is stored as a number or a date (see _write_value)."""
    if isinstance(value, Typed):
        value, kind = value.value, value.kind
    if kind in _NUMERIC and isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return None
    if kind == ColumnKind.date and isinstance(value, date):
        return None
    return value if isinstance(value, str) else str(getattr(value, "value", value))


def _clean(text: str) -> str:
    return _ILLEGAL.sub("\ufffd", text) if _ILLEGAL.search(text) else text


def _write_value(cell: Any, value: Any, kind: ColumnKind) -> str:
    """Store one value as its kind wants it; returns the text whose width sizes the column."""
    if isinstance(value, Typed):
        value, kind = value.value, value.kind
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
