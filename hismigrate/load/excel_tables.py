"""Find the header of a sheet and read its rows, as people really lay them out.

A title row above the header, a two-row header with merged cells, columns in any order, blank rows and extra
columns are all taken. Rows are kept with their Excel row numbers so that every problem points at a cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hismigrate.errors import Location, Problem
from hismigrate.load.excel_cells import cell_value
from hismigrate.load.excel_layout import field_label, fields_of, match_header, record_headers
from hismigrate.load.excel_read import CellError, NoSavedResult, Sheet
from hismigrate.model.text import fold

_HEADER_SCAN = 20  # rows searched for the header (titles and notes above it are common)


@dataclass
class Table:
    """A sheet read as a table: where each field's column is and every non-blank row."""

    part: str
    sheet: str
    header_row: int  # Excel row number of the (last) header row
    columns: dict[str, tuple[int, str]]  # field -> (0-based column, header as written)
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (Excel row, field -> value)
    error_cells: list[Problem] = field(default_factory=list)  # cells showing an Excel error (#N/A): left blank


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _matches(part: str, row: dict[int, Any]) -> dict[int, str]:
    return {c: name for c, v in row.items() if (name := match_header(part, v)) is not None}


def _header(part: str, sheet: Sheet) -> tuple[list[int], dict[int, tuple[str, str]]] | None:
    """(0-based indexes of the header rows, column -> (field, header text)), or None when no header is found."""
    scan = [sheet.row(r) for r in range(_HEADER_SCAN)]
    scores = [len(_matches(part, row)) for row in scan]
    if not scores or max(scores) == 0:
        return None
    best = scores.index(max(scores))
    columns = {c: (name, str(sheet.row(best)[c]).strip()) for c, name in _matches(part, sheet.row(best)).items()}
    used = [best]
    # A two-row header: cells merged over two rows hold their text in the upper row, and a group title
    # ("性能") above a few columns pushes their own headers one row down.
    for other in (best - 1, best + 1):
        if 0 <= other < len(scan):
            extra = {c: n for c, n in _matches(part, sheet.row(other)).items() if c not in columns}
            if extra and len(extra) < max(scores):
                columns.update({c: (n, str(sheet.row(other)[c]).strip()) for c, n in extra.items()})
                used.append(other)
    return sorted(used), columns


def read_table(part: str, sheet: Sheet, file: str) -> tuple[Table | None, list[Problem], list[Problem]]:
    """The table of a sheet, the problems that stop it being read, and warnings (extra columns)."""
    found = _header(part, sheet)
    if found is None:
        return None, [Problem(Location(file, sheet=sheet.title, row=1), "excel_no_header")], []
    used, columns = found
    last = used[-1]
    problems: list[Problem] = []
    warnings: list[Problem] = []
    by_field: dict[str, tuple[int, str]] = {}
    for c in sorted(columns):
        name, text = columns[c]
        if name in by_field:
            loc = Location(file, sheet=sheet.title, row=last + 1, column=text)
            problems.append(Problem(loc, "excel_duplicate_column", {"first": by_field[name][1]}))
        else:
            by_field[name] = (c, text)
    for r in used:  # a text cell over no known column is an extra column (a group title is over known ones)
        for c, value in sorted(sheet.row(r).items()):
            text = _text(value)
            if text and c not in columns:
                loc = Location(file, sheet=sheet.title, row=r + 1, column=text)
                warnings.append(Problem(loc, "excel_extra_column"))
    table = Table(part, sheet.title, last + 1, by_field)
    infos = fields_of(part)
    for index, row in sheet.rows_from(last + 1):
        item: dict[str, Any] = {}
        errors = False
        for name, (c, text) in by_field.items():
            value = row.get(c)
            if value.__class__ in _MARKED:
                table.error_cells.append(_error_cell(file, sheet.title, index + 1, text, value))
                errors = True
                continue
            value = cell_value(value, infos[name]) if value is not None else None
            if value is not None:
                item[name] = value
        if item or errors:  # a blank row (or one with text only in extra columns) is no item
            table.rows.append((index + 1, item))
    return table, problems, warnings


@dataclass
class Record:
    """A sheet of item | value rows (hospital, practices): the row of each field and its value."""

    part: str
    sheet: str
    value_header: str
    rows: dict[str, int] = field(default_factory=dict)  # field -> Excel row
    values: dict[str, Any] = field(default_factory=dict)
    error_cells: list[Problem] = field(default_factory=list)  # cells showing an Excel error (#N/A): left blank


def read_record(part: str, sheet: Sheet, file: str, lang: str) -> tuple[Record, list[Problem]]:
    """Read an item | value sheet: the item column is the one naming the most fields; its value is to its right
    (under a `値`/`value` header when there is one)."""
    counts: dict[int, int] = {}
    for _, row in sheet.rows_from(0):
        for c, v in row.items():
            if match_header(part, v):
                counts[c] = counts.get(c, 0) + 1
    best_col, best_count = 0, 0
    for c in sorted(counts):  # the leftmost column of those naming the most fields
        if counts[c] > best_count:
            best_col, best_count = c, counts[c]
    value_col, value_header = best_col + 1, ""
    for r in range(_HEADER_SCAN):
        cells = sheet.row(r)
        roles = {c: record_headers().get(fold(v)) for c, v in sorted(cells.items()) if _text(v)}
        values = [c for c, role in roles.items() if role == "value"]
        if values and any(role == "item" for role in roles.values()):
            value_col, value_header = values[0], str(cells[values[0]]).strip()
            break
    record = Record(part, sheet.title, value_header)
    problems: list[Problem] = []
    infos = fields_of(part)
    for index, row in sheet.rows_from(0):
        name = match_header(part, row[best_col]) if best_col in row else None
        if name is None:
            continue
        if name in record.rows:
            loc = Location(file, sheet=sheet.title, row=index + 1, column=str(row[best_col]).strip())
            problems.append(Problem(loc, "excel_duplicate_item", {"first": record.rows[name]}))
            continue
        record.rows[name] = index + 1
        value = row.get(value_col)
        if value.__class__ in _MARKED:
            column = value_header or field_label(part, name, lang)  # as the loader's locator names the cell
            record.error_cells.append(_error_cell(file, sheet.title, index + 1, column, value))
            continue
        value = cell_value(value, infos[name]) if value is not None else None
        if value is not None:
            record.values[name] = value
    return record, problems


_MARKED = (CellError, NoSavedResult)  # cells whose value is unknown: reported at their cell, left blank


def _error_cell(file: str, sheet: str, row: int, column: str, error: CellError | NoSavedResult) -> Problem:
    where = Location(file, sheet=sheet, row=row, column=column)
    if isinstance(error, NoSavedResult):
        return Problem(where, "workbook_uncached_formula", {})
    return Problem(where, "excel_error_cell", {"code": error.code})
