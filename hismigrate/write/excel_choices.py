"""Drop-down lists (data validation) of the workbook: enumerations from a hidden sheet, references from the
id column of the sheet they point to."""

from __future__ import annotations

from enum import Enum
from typing import Any

from hismigrate.i18n import label, t
from hismigrate.load.excel_layout import ROUTE_FROM, ROUTES, FieldInfo, sheet_name

SPARE_ROWS = 1000
"""Rows below the last item that still get drop-downs, for the user to add items."""

REFERENCES: dict[tuple[str, str], str] = {
    ("servers", "segment"): "segments",
    ("connections", "lands_in"): "segments",
    ("connections", "serves"): "systems",
    (ROUTES, ROUTE_FROM): "segments",
    (ROUTES, "to"): "segments",
    ("systems", "servers"): "servers",
    ("systems", "depends_on"): "systems",
    ("flows", "from"): "systems",
    ("flows", "to"): "systems",
}
"""Columns whose values are ids of another part's items."""

_FLAG = "flag"


def _quoted(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


class Choices:
    """The hidden sheet of choice lists, filled on demand, and the validations that point at it."""

    def __init__(self, workbook: Any, lang: str, counts: dict[str, int]) -> None:
        self.lang = lang
        self.counts = counts
        self.sheet = workbook.create_sheet(sheet_name("lists", lang))
        self.sheet.sheet_state = "hidden"
        self.columns: dict[str, str] = {}  # list name -> its range formula

    def _list(self, name: str, values: list[str]) -> str:
        if name not in self.columns:
            from openpyxl.utils import get_column_letter

            col = len(self.columns) + 1
            letter = get_column_letter(col)
            self.sheet.cell(row=1, column=col, value=name)
            for r, value in enumerate(values, start=2):
                self.sheet.cell(row=r, column=col, value=value)
            self.columns[name] = f"{_quoted(self.sheet.title)}!${letter}$2:${letter}${len(values) + 1}"
        return self.columns[name]

    def enum_values(self, enum: type[Enum]) -> list[str]:
        return [label(member, self.lang) for member in enum]

    def source(self, part: str, info: FieldInfo) -> tuple[str, bool] | None:
        """(list formula, strict) for a column, or None when it has no drop-down. Lists of ids or standards
        offer choices without refusing several comma-separated values."""
        target = REFERENCES.get((part, info.name))
        if target is not None:
            last = self.counts.get(target, 0) + SPARE_ROWS + 1
            return f"{_quoted(sheet_name(target, self.lang))}!$A$2:$A${last}", info.kind != "list"
        if info.enum is not None:
            return self._list(info.enum.__name__, self.enum_values(info.enum)), True
        if info.kind == "flag":
            return self._list(_FLAG, [t("excel.flag.yes", self.lang), t("excel.flag.no", self.lang)]), True
        if part == "systems" and info.name == "standards":
            from hismigrate.model.enums import Standard

            return self._list(Standard.__name__, self.enum_values(Standard)), False
        return None

    def validate(self, worksheet: Any, part: str, info: FieldInfo, cells: str) -> None:
        """Attach the drop-down of `info` to the cell range `cells` of `worksheet`."""
        from openpyxl.worksheet.datavalidation import DataValidation

        found = self.source(part, info)
        if found is None:
            return
        formula, strict = found
        # A warning, not a stop: the loader also takes aliases (DB, 電カル, 〇) that are not in the list.
        validation = DataValidation(
            type="list", formula1=formula, allow_blank=True, showErrorMessage=strict, errorStyle="warning"
        )
        validation.add(cells)
        worksheet.add_data_validation(validation)
