"""Load an inventory from an Excel workbook (the template's layout, or a hand-made one in Japanese or English).

The sheets become the same plain data a YAML file gives, and validation is the YAML loader's own
(`load.validate.to_inventory`); only the locate function differs: it maps a data path to sheet, row and column.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hismigrate.errors import InventoryError, Location, Problem
from hismigrate.load.excel_layout import (
    RECORD_PARTS,
    ROUTE_FROM,
    ROUTES,
    SHEET_ORDER,
    TABLE_PARTS,
    field_label,
    fields_of,
    match_sheet,
    sheet_name,
)
from hismigrate.load.excel_read import Sheet, read_sheets
from hismigrate.load.excel_tables import Record, Table, read_record, read_table
from hismigrate.load.validate import to_inventory
from hismigrate.model.integrity import Loc, suggestion
from hismigrate.model.inventory import Inventory
from hismigrate.model.text import parse_text

log = logging.getLogger(__name__)


@dataclass
class ExcelInventory:
    """A loaded workbook: the inventory and the warnings (ignored columns, sheets) found on the way."""

    inventory: Inventory
    warnings: list[Problem] = field(default_factory=list)
    lang: str = "ja"


@dataclass
class _Read:
    """What was read from the sheets, and where each value came from."""

    file: str
    lang: str
    tables: dict[str, Table] = field(default_factory=dict)
    records: dict[str, Record] = field(default_factory=dict)
    route_rows: dict[tuple[int, int], int] = field(default_factory=dict)  # (segment index, route index) -> row
    problems: list[Problem] = field(default_factory=list)  # structural: the sheets cannot be read as meant
    cell_problems: list[Problem] = field(default_factory=list)  # reported together with validation's
    warnings: list[Problem] = field(default_factory=list)


def _language(sheets: list[Sheet]) -> str:
    """The workbook's language, from its sheet names (for messages about it)."""
    ja = {sheet_name(p, "ja") for p in SHEET_ORDER}
    return "ja" if any(s.title in ja for s in sheets) else "en"


def _assign_sheets(sheets: list[Sheet], state: _Read) -> dict[str, Sheet]:
    found: dict[str, Sheet] = {}
    for sheet in sheets:
        part = match_sheet(sheet.title)
        if part in ("instructions", "lists"):
            continue
        if part is None:
            state.warnings.append(Problem(Location(state.file, sheet=sheet.title), "excel_extra_sheet"))
        elif part in found:
            loc = Location(state.file, sheet=sheet.title)
            state.problems.append(Problem(loc, "excel_sheet_twice", {"first": found[part].title}))
        else:
            found[part] = sheet
    for part in ("hospital",):
        if part not in found:
            names = " / ".join(dict.fromkeys(sheet_name(part, lang) for lang in ("ja", "en")))
            state.problems.append(Problem(Location(state.file), "excel_missing_sheet", {"sheet": names}))
    return found


def _missing_columns(table: Table, state: _Read) -> list[Problem]:
    """One problem per required column absent from a sheet that has rows (not one per row)."""
    if not table.rows:
        return []
    return [
        Problem(
            Location(
                state.file, sheet=table.sheet, row=table.header_row, column=field_label(table.part, n, state.lang)
            ),
            "excel_missing_column",
        )
        for n, info in fields_of(table.part).items()
        if info.required and n not in table.columns
    ]


_UNKNOWN_CELLS = ("excel_error_cell", "workbook_uncached_formula")  # problems of cells whose value is unknown


def _read(path: Path) -> tuple[_Read, dict[str, Any]]:
    # Only the sheets that hold a part are read: the instructions, the lists and sheets of the user's own are not.
    sheets = read_sheets(path, wanted=lambda title: match_sheet(title) not in (None, "instructions", "lists"))
    state = _Read(str(path), _language(sheets))
    found = _assign_sheets(sheets, state)
    data: dict[str, Any] = {}
    for part in RECORD_PARTS:
        if part in found:
            record, problems = read_record(part, found[part], state.file, state.lang)
            state.records[part] = record
            state.problems.extend(problems)
            state.cell_problems.extend(record.error_cells)
            data[part] = record.values
    for part in (*TABLE_PARTS, ROUTES):
        if part not in found:
            continue
        table, problems, warnings = read_table(part, found[part], state.file)
        state.problems.extend(problems)
        state.warnings.extend(warnings)
        if table is not None:
            state.tables[part] = table
            state.cell_problems.extend(table.error_cells)
            state.problems.extend(_missing_columns(table, state))
            if part != ROUTES:
                data[part] = [item for _, item in table.rows]
    if ROUTES in state.tables:
        _attach_routes(state.tables[ROUTES], data, state)
    return state, data


def _attach_routes(table: Table, data: dict[str, Any], state: _Read) -> None:
    """Give each segment the routes whose `from` names it, in sheet order."""
    index = {parse_text(seg.get("id")): i for i, seg in enumerate(data.get("segments", []))}
    for row, item in table.rows:
        route = dict(item)
        source = parse_text(route.pop(ROUTE_FROM, None))
        if source is None:
            continue  # the missing-column check or the cell itself reports it below
        if source not in index:
            near = suggestion(str(source), [str(k) for k in index])
            key = "unknown_reference_suggest" if near else "unknown_reference"
            column = table.columns[ROUTE_FROM][1]
            loc = Location(state.file, sheet=table.sheet, row=row, column=column)
            state.cell_problems.append(Problem(loc, key, {"kind": "segment", "value": source, "suggestion": near}))
            continue
        seg = data["segments"][index[source]]
        routes = seg.setdefault(ROUTES, [])
        state.route_rows[(index[source], len(routes))] = row
        routes.append(route)
    for row, item in table.rows:
        if ROUTE_FROM not in item and ROUTE_FROM in table.columns:
            loc = Location(state.file, sheet=table.sheet, row=row, column=table.columns[ROUTE_FROM][1])
            state.cell_problems.append(Problem(loc, "missing"))


def _locator(state: _Read) -> Any:
    def column(table: Table, name: str) -> str:
        return table.columns[name][1] if name in table.columns else field_label(table.part, name, state.lang)

    def locate(loc: Loc) -> Location:
        part = str(loc[0]) if loc else ""
        if part in state.records:
            record = state.records[part]
            if len(loc) >= 2:
                name = str(loc[1])
                row = record.rows.get(name)
                label = field_label(part, name, state.lang) if name in fields_of(part) else name
                # A record sheet's item label works as its header; the value column is named too when it has one.
                if record.value_header:
                    return Location(state.file, sheet=record.sheet, row=row, column=record.value_header, path=label)
                return Location(state.file, sheet=record.sheet, row=row, column=label)
            return Location(state.file, sheet=record.sheet)
        table = state.tables.get(part)
        if table is None:
            return Location(state.file, path=".".join(str(p) for p in loc))
        if len(loc) < 2 or not isinstance(loc[1], int) or loc[1] >= len(table.rows):
            return Location(state.file, sheet=table.sheet)
        row = table.rows[loc[1]][0]
        if len(loc) < 3:
            return Location(state.file, sheet=table.sheet, row=row)
        name = str(loc[2])
        if part == "segments" and name == ROUTES and ROUTES in state.tables:
            routes = state.tables[ROUTES]
            route_row = state.route_rows.get((loc[1], loc[3])) if len(loc) >= 4 and isinstance(loc[3], int) else None
            if route_row is not None:
                inner = str(loc[4]) if len(loc) >= 5 else ROUTE_FROM
                return Location(state.file, sheet=routes.sheet, row=route_row, column=column(routes, inner))
            return Location(state.file, sheet=routes.sheet)
        return Location(state.file, sheet=table.sheet, row=row, column=column(table, name))

    return locate


def read_excel(path: Path) -> ExcelInventory:
    """Load a workbook; raise InventoryError with every problem (sheet, row as Excel shows it, column header)."""
    state, data = _read(path)
    if state.problems:  # structural problems (missing sheet or column): one clear error each, not a flood
        raise InventoryError(state.problems)
    try:
        inventory = to_inventory(data, _locator(state))
    except InventoryError as exc:
        # a cell showing an Excel error was left blank: its own problem says so, not also "required value missing"
        errors = {_cell_of(p.location) for p in state.cell_problems if p.key in _UNKNOWN_CELLS}
        rest = [p for p in exc.problems if _cell_of(p.location) not in errors]
        raise InventoryError(state.cell_problems + rest) from None
    if state.cell_problems:
        raise InventoryError(state.cell_problems)
    return ExcelInventory(inventory, state.warnings, state.lang)


def _cell_of(location: Location) -> tuple[str | None, int | None, str | None]:
    return location.sheet, location.row, location.column


def load_excel(path: Path) -> Inventory:
    """Load a workbook as an Inventory; warnings (ignored columns or sheets) go to the `hismigrate` log."""
    result = read_excel(path)
    for warning in result.warnings:
        log.warning(warning.render(result.lang))
    return result.inventory
