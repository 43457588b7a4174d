"""Read a worksheet cell by cell from its XML, in time and memory proportional to the cells it really has.

For the sheets whose used range is mostly empty (a stray value at row 1,048,576: python-calamine would build the
whole grid), and to find, in any sheet, the cells that show an Excel error (#N/A) or hold a formula without a saved
result, which python-calamine reads as blank. Values come out as python-calamine gives them: text, floats,
booleans, datetimes for date-formatted numbers.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from xml.etree import ElementTree

from hismigrate.load.workbook_guard import MAIN, column_index, split_reference


@dataclass(frozen=True)
class CellError:
    """A cell showing an Excel error instead of a value, such as `#N/A`."""

    code: str


@dataclass(frozen=True)
class NoSavedResult:
    """A formula cell without the result Excel saves with it (the workbook was written by a program and never opened
    in Excel): its value is unknown, not blank."""


Rows = dict[int, dict[int, Any]]
"""0-based row -> {0-based column: value}, blank cells left out."""

_EPOCH = datetime(1899, 12, 30)
_EPOCH_1904 = datetime(1904, 1, 1)
_C, _ROW, _V, _F, _IS, _T, _RPH = (f"{MAIN}{name}" for name in ("c", "row", "v", "f", "is", "t", "rPh"))
_SHEET_DATA = f"{MAIN}sheetData"


@dataclass(frozen=True)
class Book:
    """What cells need from the rest of the workbook: shared strings, date styles and the date system."""

    shared: tuple[str, ...] = ()
    date_styles: frozenset[int] = frozenset()
    epoch: datetime = _EPOCH


def read_book(archive: zipfile.ZipFile, shared_part: str | None, styles_part: str | None, date1904: bool) -> Book:
    shared = _shared_strings(archive, shared_part) if shared_part in archive.NameToInfo else ()
    styles = _date_styles(archive, styles_part) if styles_part in archive.NameToInfo else frozenset()
    return Book(shared, styles, _EPOCH_1904 if date1904 else _EPOCH)


def _text(element: ElementTree.Element) -> str:
    """The text of a shared or inline string: its runs, without the phonetic guides (furigana) Japanese Excel adds."""
    parts = []
    for child in element:
        if child.tag == _T:
            parts.append(child.text or "")
        elif child.tag != _RPH:
            parts.extend(t.text or "" for t in child.iter(_T))
    return "".join(parts)


def _shared_strings(archive: zipfile.ZipFile, part: str | None) -> tuple[str, ...]:
    out: list[str] = []
    with archive.open(str(part)) as stream:
        for _, element in ElementTree.iterparse(stream):
            if element.tag == f"{MAIN}si":
                out.append(_text(element))
                element.clear()
    return tuple(out)


def _date_styles(archive: zipfile.ZipFile, part: str | None) -> frozenset[int]:
    """Indexes of the cell formats whose number format shows a date or a time."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

    root = ElementTree.fromstring(archive.read(str(part)))
    codes = {int(f.get("numFmtId", "-1")): f.get("formatCode", "") for f in root.iter(f"{MAIN}numFmt")}
    dated: set[int] = set()
    cell_formats = root.find(f"{MAIN}cellXfs")
    for k, xf in enumerate(cell_formats if cell_formats is not None else ()):
        number = int(xf.get("numFmtId", "0"))
        code = codes.get(number, BUILTIN_FORMATS.get(number, ""))
        if 14 <= number <= 22 or 27 <= number <= 36 or 45 <= number <= 47 or 50 <= number <= 58 or is_date_format(code):
            dated.add(k)
    return frozenset(dated)


def read_cells(archive: zipfile.ZipFile, part: str, book: Book, values: bool = True) -> Rows:
    """The sheet's non-blank cells; with `values` false only those showing an Excel error or holding a formula
    without a saved result (to mark them in a sheet read otherwise)."""
    rows: Rows = {}
    row, column = -1, -1
    data: ElementTree.Element | None = None
    with archive.open(part) as stream:
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == _ROW:
                    number = element.get("r")
                    row, column = (int(number) - 1 if number else row + 1), -1
                elif tag == _C:
                    place = split_reference(element.get("r", ""))
                    row, column = place if place is not None else (row, column + 1)
                elif tag == _SHEET_DATA:
                    data = element
                continue
            if tag == _C:
                value = _value(element, book, values)
                if value is not None:
                    rows.setdefault(row, {})[column] = value
                element.clear()
            elif tag == _ROW and data is not None:
                data.clear()  # the rows read so far: nothing of them is needed any more
    return rows


def _value(cell: ElementTree.Element, book: Book, values: bool) -> Any:
    kind = cell.get("t", "n")
    v = cell.find(_V)
    if (v is None or not v.text) and kind != "str" and cell.find(_F) is not None:
        return NoSavedResult()  # see workbook_guard._uncached
    if kind == "e":
        return CellError((v.text or "").strip() if v is not None else "")
    if not values:
        return None
    if kind == "inlineStr":
        inline = cell.find(_IS)
        text = _text(inline) if inline is not None else ""
        return text if text.strip() else None
    if v is None or v.text is None:
        return None
    raw = v.text
    try:
        if kind == "s":
            text = book.shared[int(raw)]
            return text if text.strip() else None
        if kind in ("str", "d"):
            return (datetime.fromisoformat(raw) if kind == "d" else raw) if raw.strip() else None
        if kind == "b":
            return raw.strip() in ("1", "true")
        number = float(raw)
    except (ValueError, IndexError):
        return raw  # as written: validation says what is wrong with it, at its cell
    if int(cell.get("s", "0") or 0) in book.date_styles and -693594 < number < 2958466:
        return book.epoch + timedelta(days=number)
    return number


__all__ = ["Book", "CellError", "NoSavedResult", "Rows", "column_index", "read_book", "read_cells"]
