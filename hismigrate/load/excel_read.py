"""Read the cells of a workbook: python-calamine for a sheet's grid (about 13x faster than openpyxl read-only on
60,000 rows), the XML cell by cell where a grid would be mostly empty (load.workbook_cells).

Only this module knows the reading engine. Every workbook passes the guard first (load.workbook_guard: zip bombs,
used ranges); unreadable files (not Excel, corrupt, password-protected) become one clear InventoryError.

python-calamine reads a cell that shows an Excel error (#N/A from a failed VLOOKUP, #REF!, #DIV/0!) or holds a
formula without a saved result as blank, which would let a broken formula pass for a value left out. Such cells are
found in the sheets' XML (only when the guard saw one) and given as CellError or NoSavedResult, for the readers of
tables to report at their cell.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError as ElementTreeError

from hismigrate.errors import InventoryError, Location
from hismigrate.load.workbook_cells import Book, CellError, NoSavedResult, Rows, read_book, read_cells
from hismigrate.load.workbook_guard import DAMAGED, SheetFacts, WorkbookFacts, check_workbook

_NO_CELLS: dict[int, Any] = {}


@dataclass(frozen=True)
class Sheet:
    """One worksheet's non-blank cells by 0-based row and column (Excel row 1 is row 0, column A is column 0);
    cells showing an Excel error are CellError, formulas without a saved result NoSavedResult."""

    title: str
    cells: Rows = field(default_factory=dict)

    def row(self, index: int) -> dict[int, Any]:
        """The cells of a row by column (empty for a blank row)."""
        return self.cells.get(index, _NO_CELLS)

    def rows_from(self, start: int) -> Iterator[tuple[int, dict[int, Any]]]:
        """(index, cells) of every non-blank row from `start` on, in order."""
        for index in sorted(self.cells):
            if index >= start:
                yield index, self.cells[index]


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return value if value.strip() else None
    return value


def read_sheets(path: Path, wanted: Callable[[str], bool] | None = None) -> list[Sheet]:
    """Every worksheet of the workbook, in order; the cells only of those `wanted` (by title) says to read."""
    facts = check_workbook(path)
    sheets = []
    with zipfile.ZipFile(path) as archive:
        book: Book | None = None
        calamine: Any = None
        for sheet in facts.sheets:
            if wanted is not None and not wanted(sheet.title):
                sheets.append(Sheet(sheet.title))
                continue
            if (sheet.sparse or sheet.marked) and book is None:
                book = _book(archive, facts)
            if sheet.sparse:
                cells = _cells(archive, sheet, book, values=True, path=path)
            else:
                if calamine is None:
                    calamine = _open(path)
                cells = _grid(calamine, sheet, path)
                if sheet.marked:
                    for r, marked in _cells(archive, sheet, book, values=False, path=path).items():
                        cells.setdefault(r, {}).update(marked)
            sheets.append(Sheet(sheet.title, cells))
    return sheets


def _book(archive: zipfile.ZipFile, facts: WorkbookFacts) -> Book:
    try:
        return read_book(archive, facts.shared_strings, facts.styles, facts.date1904)
    except (ElementTreeError, *DAMAGED) as exc:
        raise InventoryError.single(Location(str(facts.path)), "excel_corrupt", detail=str(exc)) from None


def _cells(archive: zipfile.ZipFile, sheet: SheetFacts, book: Book | None, values: bool, path: Path) -> Rows:
    try:
        return read_cells(archive, sheet.part, book or Book(), values)
    except (ElementTreeError, *DAMAGED) as exc:
        detail = f"{sheet.part}: {exc}"
        raise InventoryError.single(Location(str(path), sheet=sheet.title), "excel_corrupt", detail=detail) from None


def _open(path: Path) -> Any:
    from python_calamine import CalamineWorkbook

    return _calamine(path, lambda: CalamineWorkbook.from_path(str(path)))


def _grid(workbook: Any, sheet: SheetFacts, path: Path) -> Rows:
    rows = _calamine(path, lambda: workbook.get_sheet_by_name(sheet.title).to_python(skip_empty_area=False))
    cells: Rows = {}
    for r, row in enumerate(rows):
        # a blank cell is "" (or blanks only): left out, as _cell would (inlined: a call per cell costs a third)
        found = {c: v for c, v in enumerate(row) if v is not None and (v.__class__ is not str or v.strip())}
        if found:
            cells[r] = found
    return cells


def _calamine(path: Path, call: Callable[[], Any]) -> Any:
    from python_calamine import CalamineError, PasswordError

    try:
        return call()
    except PasswordError:
        raise InventoryError.single(Location(str(path)), "excel_encrypted") from None
    except (CalamineError, ValueError, OSError) as exc:
        raise InventoryError.single(Location(str(path)), "excel_corrupt", detail=str(exc)) from None
    except BaseException as exc:  # a panic in the Rust reader is a BaseException: the file is what is broken
        if type(exc).__name__ != "PanicException":
            raise
        raise InventoryError.single(Location(str(path)), "excel_corrupt", detail=str(exc)) from None


__all__ = ["CellError", "NoSavedResult", "Sheet", "read_sheets"]
