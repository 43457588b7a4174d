"""A table as every report format sees it: a title, typed columns and rows of raw values.

One shape feeds the HTML table macro, the Markdown table and the Excel sheet, so a section is described once and
each writer formats the values for its medium (numbers stay numbers in Excel).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from hismigrate.report.formats import MISSING, format_date, format_decimal, format_jpy, format_number, format_pct


class ColumnKind(StrEnum):
    """How a column's values are stored and shown."""

    text = "text"
    int = "int"
    jpy = "jpy"  # an amount in yen
    pct = "pct"  # a fraction, shown as a percentage (0.25 -> 25.0%)
    decimal = "decimal"  # a number with decimals kept (a unit price, Mbps): up to four shown
    date = "date"


NUMERIC_KINDS = frozenset({ColumnKind.int, ColumnKind.jpy, ColumnKind.pct, ColumnKind.decimal})


@dataclass(frozen=True)
class Column:
    """One column: its heading (already in the report's language) and the kind of its values."""

    title: str
    kind: ColumnKind = ColumnKind.text

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS


@dataclass(frozen=True)
class Table:
    """A titled table; `sheet` names its Excel sheet (the title is used when blank)."""

    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Any]] = field(default_factory=tuple)
    sheet: str = ""
    note: str = ""  # a source or caption line shown under the table

    def __post_init__(self) -> None:
        for number, row in enumerate(self.rows, start=1):
            if len(row) != len(self.columns):
                raise ValueError(
                    f"table {self.title!r}: row {number} has {len(row)} cells, expected {len(self.columns)}"
                )


def cell_text(value: Any, kind: ColumnKind, lang: str) -> str:
    """A value as display text for its column kind (HTML and Markdown); `None` is a dash."""
    if value is None:
        return MISSING
    if kind == ColumnKind.jpy:
        return format_jpy(value, lang, exact=True)
    if kind == ColumnKind.int:
        return format_number(value)
    if kind == ColumnKind.pct:
        return format_pct(value)
    if kind == ColumnKind.decimal:
        return format_decimal(value)
    if kind == ColumnKind.date and isinstance(value, date):
        return format_date(value, lang)
    return str(value)
