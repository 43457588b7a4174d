"""A group file as a workbook: a key/value sheet (グループ / group) and a members sheet (参加病院 / members).

The key sheet has the item in column A (the English key, e.g. `allocation`, or its Japanese label, e.g. 負担の按分)
and its value in column B. The members sheet has a header row naming its columns (パス / path, 負担割合 / share,
利用者数 / users) and one member per row. Problems are located at their sheet, row and column.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from hismigrate.errors import InventoryError, Location, Problem
from hismigrate.i18n import LANGUAGES, t
from hismigrate.load.excel_read import CellError, NoSavedResult, Sheet, read_sheets
from hismigrate.load.importers.table import column_letter
from hismigrate.model.integrity import Loc, suggestion
from hismigrate.model.text import fold

# key -> where it goes in the group file
KEY_PATHS: dict[str, tuple[str, ...]] = {
    "id": ("group", "id"),
    "name": ("group", "name"),
    "prefecture": ("group", "prefecture"),
    "notes": ("group", "notes"),
    "categories": ("shared", "categories"),
    "package_vendor": ("shared", "package_vendor"),
    "allocation": ("shared", "allocation"),
    "cutovers_per_period": ("shared", "cutovers_per_period"),
    "period_months": ("shared", "period_months"),
    "start": ("shared", "start"),
    "window_years": ("shared", "window_years"),
    "prices": ("shared", "prices"),
    "region": ("shared", "environment", "region"),
    "build_months": ("shared", "environment", "build_months"),
    "build_jpy": ("shared", "environment", "build_jpy"),
    "operations_fte": ("shared", "environment", "operations_fte"),
    "security_monitoring_jpy_per_year": ("shared", "environment", "security_monitoring_jpy_per_year"),
    "hub_line_redundant": ("shared", "environment", "hub_line_redundant"),
}
MEMBER_COLUMNS = ("path", "share", "users")
GROUP_SHEETS = ("group", "グループ")
MEMBER_SHEETS = ("members", "参加病院")
HEADER_WORDS = frozenset(fold(w) for w in ("item", "key", "項目", "value", "値"))


def _names(prefix: str, keys: tuple[str, ...] | list[str]) -> dict[str, str]:
    """Folded spelling -> key: the key itself and its label in every language (`group.field.<key>`)."""
    out: dict[str, str] = {}
    for key in keys:
        out[fold(key)] = key
        for lang in LANGUAGES:
            out.setdefault(fold(t(f"{prefix}.{key}", lang)), key)
    return out


def _sheet(sheets: list[Sheet], titles: tuple[str, ...]) -> Sheet | None:
    wanted = {fold(x) for x in titles}
    return next((s for s in sheets if fold(s.title) in wanted), None)


def _value(cell: Any) -> Any:
    if isinstance(cell, datetime):
        return cell.date() if cell.time() == datetime.min.time() else cell
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    return cell


def _marked(file: str, sheet: str, row: int, column: str, cell: Any) -> Problem | None:
    """A cell whose value is not known (an Excel error, a formula without its result), as the inventory's tables
    report one."""
    where = Location(file, sheet=sheet, row=row, column=column)
    if isinstance(cell, NoSavedResult):
        return Problem(where, "workbook_uncached_formula", {})
    if isinstance(cell, CellError):
        return Problem(where, "excel_error_cell", {"code": cell.code})
    return None


def read_group_workbook(path: Path) -> tuple[dict[str, Any], Callable[[Loc], Location]]:
    """The group file's data from a workbook and the function that places a path inside it at its cell."""
    file = str(path)
    sheets = read_sheets(path)
    group, members = _sheet(sheets, GROUP_SHEETS), _sheet(sheets, MEMBER_SHEETS)
    problems = [
        Problem(Location(file, sheet=titles[-1]), "excel_missing_sheet", {"sheet": titles[-1]})
        for titles, found in ((GROUP_SHEETS, group), (MEMBER_SHEETS, members))
        if found is None
    ]
    if group is None or members is None:
        raise InventoryError(problems)

    data: dict[str, Any] = {}
    key_rows: dict[tuple[str, ...], int] = {}
    names = _names("group.field", list(KEY_PATHS))
    for index, cells in group.rows_from(0):
        r, label, value = index + 1, cells.get(0), cells.get(1)
        if label is None or (r == 1 and fold(str(label)) in HEADER_WORDS):
            continue
        key = names.get(fold(str(label)))
        if key is None:
            near = suggestion(str(label), list(KEY_PATHS))
            where = Location(file, sheet=group.title, row=r, column="A")
            params = {"name": str(label), **({"suggestion": near} if near else {})}
            problems.append(Problem(where, "unknown_key_suggest" if near else "unknown_key", params))
            continue
        marked = _marked(file, group.title, r, "B", value)
        if marked is not None:
            problems.append(marked)
            continue
        target = KEY_PATHS[key]
        key_rows[target] = r
        if value is None:
            continue
        node = data
        for part in target[:-1]:
            node = node.setdefault(part, {})
        node[target[-1]] = _value(value)

    columns: dict[str, int] = {}
    member_names = _names("group.member", list(MEMBER_COLUMNS))
    for c, cell in sorted(members.row(0).items()):
        key = member_names.get(fold(str(cell))) if cell is not None else None
        if key is not None:
            columns.setdefault(key, c)
    if "path" not in columns:
        problems.append(Problem(Location(file, sheet=members.title, row=1), "excel_missing_column", {}))
    member_rows: list[int] = []
    listed: list[dict[str, Any]] = []
    for index, cells in members.rows_from(1):
        r = index + 1
        item: dict[str, Any] = {}
        for key, c in columns.items():
            cell = cells.get(c)
            marked = _marked(file, members.title, r, column_letter(c), cell)
            if marked is not None:
                problems.append(marked)
            elif cell is not None:
                item[key] = _value(cell)
        listed.append(item)  # a row with no path is reported as such, at its row
        member_rows.append(r)
    data["members"] = listed
    if problems:
        raise InventoryError(problems)

    def locate(loc: Loc) -> Location:
        if loc and loc[0] == "members":
            if len(loc) >= 2 and isinstance(loc[1], int) and loc[1] < len(member_rows):
                field = loc[2] if len(loc) >= 3 else None
                column = column_letter(columns[field]) if field in columns else None
                return Location(file, sheet=members.title, row=member_rows[loc[1]], column=column)
            return Location(file, sheet=members.title)
        for target, r in key_rows.items():
            if tuple(loc[: len(target)]) == target:
                return Location(file, sheet=group.title, row=r, column="B")
        return Location(file, sheet=group.title)

    return data, locate


__all__ = ["GROUP_SHEETS", "KEY_PATHS", "MEMBER_SHEETS", "read_group_workbook"]
