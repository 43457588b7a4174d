"""Inventory (or nothing, for a blank template) -> an Excel workbook that the Excel loader reads back equal.

One sheet per part with headers in the chosen language, a note on each header, a frozen header row, sensible
widths and drop-downs; an instructions sheet first. Deterministic: same inventory, same bytes.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from hismigrate.atomic import write_bytes
from hismigrate.i18n import label, t
from hismigrate.load.excel_layout import (
    RECORD_PARTS,
    ROUTE_FROM,
    ROUTES,
    SHEET_ORDER,
    TABLE_PARTS,
    FieldInfo,
    field_label,
    fields_of,
    sheet_name,
)
from hismigrate.model.inventory import Inventory
from hismigrate.write.excel_choices import SPARE_ROWS, Choices
from hismigrate.xlsx_package import workbook_bytes

_HEADER_FILL = "DDEBF7"
_REQUIRED_FILL = "F8CBAD"
_MIN_WIDTH, _MAX_WIDTH = 8, 48
_WIDTH_SAMPLE = 200
_FIRST_EXCEL_DATE = date(1900, 3, 1)  # rows looked at to size a column


def _display_width(text: str) -> int:
    """Width in Excel character units: full-width (Japanese) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def cell_value(value: Any, lang: str) -> Any:
    """How a model value is written in a cell: enumerations and yes/no as labels, lists comma-separated."""
    if value is None:
        return None
    if isinstance(value, Enum):
        return label(value, lang)
    if isinstance(value, bool):
        return t("excel.flag.yes" if value else "excel.flag.no", lang)
    if isinstance(value, list):
        return ", ".join(str(cell_value(v, lang)) for v in value) or None
    if isinstance(value, date) and value < _FIRST_EXCEL_DATE:
        return value.isoformat()  # Excel has no date before 1900 (and a phantom 1900-02-29): write it as text
    return value


def _attribute_names(model: type[BaseModel]) -> dict[str, str]:
    """Data name (alias) -> attribute name, e.g. `from` -> `source`."""
    return {(f.alias or name): name for name, f in model.model_fields.items()}


class _Writer:
    def __init__(self, inventory: Inventory | None, lang: str) -> None:
        from openpyxl import Workbook

        self.lang = lang
        self.inventory = inventory
        self.workbook = Workbook()
        self.counts = {part: len(getattr(inventory, part)) if inventory else 0 for part in TABLE_PARTS}
        self.counts[ROUTES] = sum(len(s.routes) for s in inventory.segments) if inventory else 0

    def build(self) -> bytes:
        self._instructions(self.workbook.active)
        choices = Choices(self.workbook, self.lang, self.counts)
        for part in SHEET_ORDER:
            sheet = self.workbook.create_sheet(sheet_name(part, self.lang), index=len(self.workbook.sheetnames) - 1)
            if part in RECORD_PARTS:
                self._record(sheet, part, choices)
            else:
                self._table(sheet, part, choices)
        return workbook_bytes(self.workbook)

    def _instructions(self, sheet: Any) -> None:
        from openpyxl.styles import Alignment, Font

        sheet.title = sheet_name("instructions", self.lang)
        sheet["A1"] = t("excel.title", self.lang)
        sheet["A1"].font = Font(bold=True, size=14)
        for r, line in enumerate(t("excel.instructions", self.lang).splitlines(), start=3):
            cell = sheet.cell(row=r, column=1, value=line or None)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if line.startswith("■"):
                cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 130

    def _header(self, sheet: Any, row: int, col: int, text: str, help_text: str, required: bool) -> None:
        from openpyxl.comments import Comment
        from openpyxl.styles import Font, PatternFill

        cell = sheet.cell(row=row, column=col, value=text)
        cell.font = Font(bold=required)
        cell.fill = PatternFill("solid", fgColor=_REQUIRED_FILL if required else _HEADER_FILL)
        comment = Comment(help_text, "hismigrate")
        comment.width, comment.height = 320, 120
        cell.comment = comment

    def _put(self, sheet: Any, row: int, col: int, value: Any) -> None:
        cell = sheet.cell(row=row, column=col, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # text starting with = or # stays text, never a formula or an error
        elif isinstance(value, date):
            cell.number_format = "yyyy/mm/dd" if self.lang == "ja" else "yyyy-mm-dd"

    def _items(self, part: str) -> list[dict[str, Any]]:
        """Rows of a table part as data name -> cell value."""
        if self.inventory is None:
            return []
        if part == ROUTES:
            return [
                {ROUTE_FROM: seg.id, **self._row(route, fields_of(ROUTES))}
                for seg in self.inventory.segments
                for route in seg.routes
            ]
        return [self._row(item, fields_of(part)) for item in getattr(self.inventory, part)]

    def _row(self, item: BaseModel, infos: dict[str, FieldInfo]) -> dict[str, Any]:
        names = _attribute_names(type(item))
        return {n: cell_value(getattr(item, names[n]), self.lang) for n in infos if n in names}

    def _table(self, sheet: Any, part: str, choices: Choices) -> None:
        from openpyxl.utils import get_column_letter

        infos = fields_of(part)
        items = self._items(part)
        last = len(items) + 1 + SPARE_ROWS
        for c, (name, info) in enumerate(infos.items(), start=1):
            text = field_label(part, name, self.lang)
            self._header(sheet, 1, c, text, t(f"field_help.{part}.{name}", self.lang), info.required)
            letter = get_column_letter(c)
            choices.validate(sheet, part, info, f"{letter}2:{letter}{last}")
            width = _display_width(text)
            for r, item in enumerate(items, start=2):
                value = item.get(name)
                if value is not None:
                    self._put(sheet, r, c, value)
                    if r <= _WIDTH_SAMPLE:
                        width = max(width, _display_width(str(value)))
            sheet.column_dimensions[letter].width = min(max(width + 2, _MIN_WIDTH), _MAX_WIDTH)
        sheet.freeze_panes = "B2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(infos))}{max(len(items) + 1, 2)}"

    def _record(self, sheet: Any, part: str, choices: Choices) -> None:
        from openpyxl.styles import Alignment, Font

        infos = fields_of(part)
        item = getattr(self.inventory, part) if self.inventory else None
        values = self._row(item, infos) if item is not None else {}
        for c, role in enumerate(("item", "value", "help"), start=1):
            cell = sheet.cell(row=1, column=c, value=t(f"excel.column.{role}", self.lang))
            cell.font = Font(bold=True)
        widths = [0, 0]
        for r, (name, info) in enumerate(infos.items(), start=2):
            text = field_label(part, name, self.lang)
            help_text = t(f"field_help.{part}.{name}", self.lang)
            self._header(sheet, r, 1, text, help_text, info.required)
            if values.get(name) is not None:
                self._put(sheet, r, 2, values[name])
            sheet.cell(row=r, column=3, value=help_text).alignment = Alignment(wrap_text=False)
            choices.validate(sheet, part, info, f"B{r}")
            widths = [max(widths[0], _display_width(text)), max(widths[1], _display_width(str(values.get(name, ""))))]
        sheet.column_dimensions["A"].width = min(widths[0] + 2, 70)
        sheet.column_dimensions["B"].width = min(max(widths[1] + 2, 24), _MAX_WIDTH)
        sheet.column_dimensions["C"].width = 90
        sheet.freeze_panes = "A2"


def inventory_workbook(inventory: Inventory | None, lang: str = "ja") -> bytes:
    """The .xlsx bytes of an inventory, or of a blank template when `inventory` is None."""
    return _Writer(inventory, lang).build()


def write_excel(target: Path, inventory: Inventory | None, lang: str = "ja") -> None:
    """Write the workbook atomically (a temporary file renamed into place)."""
    write_bytes(target, inventory_workbook(inventory, lang))
