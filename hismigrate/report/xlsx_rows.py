"""The data rows of a report sheet as SpreadsheetML text, written here rather than by openpyxl: the same bytes
openpyxl writes for them, about five times faster (its per-cell element tree is most of a university report's time).

openpyxl still writes everything else of the sheet (title, header, note, views, filter, columns) and the styles:
a styled data cell is an openpyxl cell that never joins the sheet, styled and registered in the workbook in the
order openpyxl would meet it while saving, so every style id is the one openpyxl would give.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from openpyxl.cell.cell import Cell
from openpyxl.compat import safe_string
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel


@dataclass
class SheetRows:
    """What a sheet's data rows add to the sheet openpyxl writes: their XML and the cells' bounding range."""

    xml: str
    dimension: str
    before: str  # the text the rows go in front of: the note's row, or the end of the sheet data


def text_cell(column: str, row: int, text: str, style_id: int = 0) -> str:
    """An inline-string cell as openpyxl writes it (ElementTree escaping; `xml:space` when edges are blank)."""
    styled = f' s="{style_id}"' if style_id else ""
    if text == "":
        return f'<c r="{column}{row}"{styled} t="inlineStr" />'
    stripped = text.strip()
    space = ' xml:space="preserve"' if stripped and stripped != text else ""
    return f'<c r="{column}{row}"{styled} t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'


def value_cell(cell: Cell, column: str) -> str:
    """A number or date cell (openpyxl types `n` and `d`) as openpyxl writes it; dates as Excel serial numbers."""
    value = cell._value
    if cell.data_type == "d":
        value = to_excel(value, cell.parent.parent.epoch)
    styled = f' s="{cell.style_id}"' if cell.has_style else ""
    text = safe_string(value)
    body = f"<v>{escape(text)}</v>" if text else "<v />"
    return f'<c r="{column}{cell.row}"{styled} t="n">{body}</c>'


def formula_cell(cell: Cell, column: str, formula: str) -> str:
    """A formula with the value it gives (`cell`'s number): a reader that does not recalculate still sees the
    figure, and Excel and LibreOffice recalculate it to the same."""
    styled = f' s="{cell.style_id}"' if cell.has_style else ""
    value = safe_string(cell._value)
    return f'<c r="{column}{cell.row}"{styled}><f>{escape(formula)}</f><v>{escape(value)}</v></c>'


def styled_text_cell(cell: Cell, column: str) -> str:
    return text_cell(column, cell.row, cell._value, cell.style_id if cell.has_style else 0)


def dimension(columns: int, last_row: int) -> str:
    """openpyxl's bounding range of the sheet's cells: the title is A1, the header and rows span `columns`."""
    return f"A1:{get_column_letter(max(columns, 1))}{last_row}"


# `" />` from openpyxl's own XML writer, `"/>` when it uses lxml (installed alongside, openpyxl prefers it)
_DIMENSION = re.compile(rb'<dimension ref="[^"]*" ?/>')


def splice(sheet_xml: bytes, rows: SheetRows) -> bytes:
    """The sheet openpyxl wrote (without the data rows) with the rows put in and the range that includes them."""
    at = sheet_xml.index(rows.before.encode("utf-8"))
    out = sheet_xml[:at] + rows.xml.encode("utf-8") + sheet_xml[at:]
    out, found = _DIMENSION.subn(f'<dimension ref="{rows.dimension}" />'.encode(), out, count=1)
    if not found:  # openpyxl always writes one; without it the sheet's range would be wrong, so stop here
        raise ValueError("openpyxl wrote a worksheet without a <dimension>: cannot add the report's rows")
    return out


def row_xml(row: int, cells: list[str], height: float | None = None) -> str:
    """A row as openpyxl writes it; with a height, as openpyxl writes a row whose height was set."""
    size = f' ht="{safe_string(height)}" customHeight="1"' if height is not None else ""
    return f'<row r="{row}"{size}>{"".join(cells)}</row>'
