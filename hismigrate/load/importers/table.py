"""Read a worksheet or a CSV file into a Table: headers, rows and where each cell sits (sheet/row or line).

Workbooks pass the same guard as inventories first (load.workbook_guard: zip bombs, used ranges); a sheet's grid is
read with python-calamine (RVTools workbooks often declare a used range of a million rows, which openpyxl walks cell
by cell: 4.3 s for a 9-VM export, calamine 0.05 s), and a mostly empty sheet cell by cell from its XML
(load.excel_read). CSV files are UTF-8 (with or without BOM) or, as Japanese Excel saves them, CP932.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hismigrate.errors import InventoryError, Location
from hismigrate.load.excel_read import read_sheets
from hismigrate.load.workbook_guard import check_workbook
from hismigrate.xlsx_package import formula_unsafe

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls


@dataclass(frozen=True)
class Row:
    """One data row: its number in the file (Excel row or CSV line) and its cells in header order."""

    number: int
    cells: tuple[Any, ...]

    def get(self, index: int | None) -> Any:
        if index is None or index >= len(self.cells):
            return None
        value = self.cells[index]
        return None if value == "" else value


@dataclass(frozen=True)
class Table:
    """A header row and the data rows below it, with enough to name the place of any cell."""

    file: str
    sheet: str | None
    headers: tuple[str, ...]
    rows: tuple[Row, ...]
    header_number: int = 1

    def location(self, row: int | None = None, column: int | None = None) -> Location:
        """The place of a cell: sheet, row and column (letter and header) in a workbook; line and column in a CSV."""
        name = None
        if column is not None:
            header = self.headers[column] if column < len(self.headers) else ""
            name = f"{column_letter(column)} ({header.strip()})" if self.sheet is not None else header.strip()
        if self.sheet is not None:
            return Location(self.file, sheet=self.sheet, row=row, column=name)
        return Location(self.file, line=row, column=name)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _blank(cells: tuple[Any, ...] | list[Any]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _table(file: str, sheet: str | None, raw: Iterator[tuple[int, list[Any]]]) -> Table | None:
    """The first non-blank row is the header; blank rows below it are dropped (RVTools pads sheets with them)."""
    header: tuple[str, ...] | None = None
    header_number = 1
    rows: list[Row] = []
    for number, cells in raw:
        if _blank(cells):
            continue
        if header is None:
            header = tuple("" if c is None else str(c) for c in cells)
            header_number = number
            continue
        rows.append(Row(number, tuple(cells)))
    if header is None:
        return None
    return Table(file, sheet, header, tuple(rows), header_number)


class Workbook:
    """An open xlsx workbook whose sheets are read on demand."""

    def __init__(self, path: Path) -> None:
        from python_calamine import CalamineError, CalamineWorkbook

        self.file = str(path)
        head = _head(path)
        if not head.startswith(_ZIP_MAGIC):
            key = "workbook_is_legacy_xls" if head.startswith(_OLE_MAGIC) else "not_a_workbook"
            raise InventoryError.single(Location(self.file), key)
        self.path = path
        self._facts = check_workbook(path)
        try:
            self._book = CalamineWorkbook.from_path(str(path))
        except (CalamineError, OSError, ValueError) as exc:
            raise InventoryError.single(Location(self.file), "unreadable_workbook", detail=str(exc)) from None
        self.sheet_names: tuple[str, ...] = tuple(self._book.sheet_names)
        self._sparse = {sheet.title for sheet in self._facts.sheets if sheet.sparse}

    def find_sheet(self, name: str) -> str | None:
        """The sheet's real name, compared case- and space-insensitively (`vinfo`, `vInfo `)."""
        wanted = name.strip().casefold()
        return next((s for s in self.sheet_names if s.strip().casefold() == wanted), None)

    def table(self, sheet: str) -> Table | None:
        """The sheet as a Table, or None when the sheet is empty."""
        if sheet in self._sparse:  # a grid would be mostly empty (a stray cell far below): only its cells
            found = next(s for s in read_sheets(self.path, lambda title: title == sheet) if s.title == sheet)
            width = 1 + max((c for cells in found.cells.values() for c in cells), default=0)
            rows = ((r + 1, [cells.get(c) for c in range(width)]) for r, cells in found.rows_from(0))
            return _table(self.file, sheet, rows)
        data = self._book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        return _table(self.file, sheet, ((i + 1, list(cells)) for i, cells in enumerate(data)))


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(8)
    except FileNotFoundError:
        raise InventoryError.single(Location(str(path)), "file_not_found") from None
    except OSError as exc:
        raise InventoryError.single(Location(str(path)), "unreadable", detail=exc.strerror or str(exc)) from None


def read_csv(path: Path) -> Table:
    """A CSV file as a Table (the delimiter is sniffed among comma, semicolon and tab)."""
    head = _head(path)
    if head.startswith(_ZIP_MAGIC) or head.startswith(_OLE_MAGIC):
        raise InventoryError.single(Location(str(path)), "csv_is_workbook")
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InventoryError.single(Location(str(path)), "csv_encoding")
    try:
        delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    # Only the delimiter is sniffed: quotes are double quotes, as the tools write them. The sniffer would take the
    # apostrophe that neutralises a formula-like cell ('=1+2) for a quote character and split the rows wrongly.
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter)
    table = _table(str(path), None, ((reader.line_num, [formula_unsafe(c) for c in row]) for row in reader))
    if table is None:
        raise InventoryError.single(Location(str(path)), "csv_empty")
    return table
