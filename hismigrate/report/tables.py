"""A table as every report format sees it: a title, typed columns and rows of raw values.

One shape feeds the HTML table macro, the Markdown table and the Excel sheet, so a section is described once and
each writer formats the values for its medium (numbers stay numbers in Excel). A column may be derived from others
(`formula`) and a table may end with a totals row: the rows still carry every value, so HTML and Markdown show them
as they are, and the workbook writes the formula beside its value for a consultant to rework.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from hismigrate.report.formats import (
    MISSING,
    format_date,
    format_decimal,
    format_jpy,
    format_mbps,
    format_number,
    format_pct,
)


class ColumnKind(StrEnum):
    """How a column's values are stored and shown."""

    text = "text"
    code = "code"  # an identifier (check id, host name): never broken across lines
    int = "int"
    jpy = "jpy"  # an amount in yen, every yen shown
    money = "money"  # an amount in yen, shown as a reader says it (1.2億円, ¥120 million); exact in the workbook
    pct = "pct"  # a fraction, shown as a percentage (0.25 -> 25.0%)
    decimal = "decimal"  # a number with decimals kept (a unit price): up to four shown
    mbps = "mbps"  # a bandwidth, rounded for people (109.106 -> 109, 2.46 -> 2.5)
    date = "date"


NUMERIC_KINDS = frozenset(
    {ColumnKind.int, ColumnKind.jpy, ColumnKind.money, ColumnKind.pct, ColumnKind.decimal, ColumnKind.mbps}
)

# `{key}`: the value of column `key` in the same row; `{key@prev}`: in the row above (0 in the first row).
_REFERENCE = re.compile(r"\{([a-z_][a-z0-9_]*)(@prev)?\}")


@dataclass(frozen=True)
class Column:
    """One column: its heading (already in the report's language) and the kind of its values.

    `key` names the column for formulas; `formula` (e.g. `{baseline}-{plan}`, `{cumulative@prev}+{delta}`) says how
    its values follow from the row's other columns, and the workbook writes it as a formula; `total` adds the
    column's sum to the table's totals row."""

    title: str
    kind: ColumnKind = ColumnKind.text
    key: str = ""
    formula: str = ""
    total: bool = False

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS


@dataclass(frozen=True)
class Typed:
    """A value shown as its own kind in a column of mixed values (the summary's figures: yen, counts, indices)."""

    value: Any
    kind: ColumnKind


@dataclass(frozen=True)
class Table:
    """A titled table; `sheet` names its Excel sheet (the title is used when blank). With `total_label`, a totals
    row follows the rows (the sums of the columns marked `total`)."""

    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Any]] = field(default_factory=tuple)
    sheet: str = ""
    note: str = ""  # a source or caption line shown under the table
    total_label: str = ""

    def __post_init__(self) -> None:
        for number, row in enumerate(self.rows, start=1):
            if len(row) != len(self.columns):
                raise ValueError(
                    f"table {self.title!r}: row {number} has {len(row)} cells, expected {len(self.columns)}"
                )
        keys = {c.key for c in self.columns if c.key}
        for column in self.columns:
            unknown = {name for name, _ in _REFERENCE.findall(column.formula)} - keys
            if unknown:
                raise ValueError(f"table {self.title!r}: column {column.title!r} refers to unknown {sorted(unknown)}")

    def totals(self) -> list[Any] | None:
        """The totals row (label first, sums of the `total` columns, blanks elsewhere), or None without one."""
        if not self.total_label:
            return None
        out: list[Any] = [None] * len(self.columns)
        for index, column in enumerate(self.columns):
            if column.total:
                out[index] = sum(_plain(row[index]) or 0 for row in self.rows)
        out[0] = self.total_label
        return out


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Typed) else value


def formula_text(formula: str, letters: dict[str, str], row: int, first_row: int) -> str:
    """A column formula for one sheet row: `{plan}-{baseline}` -> `C5-B5`; a `@prev` reference in the first data
    row is 0 (a running total starts from nothing: `{sum@prev}+{delta}` -> `D3`)."""

    def cell(match: re.Match[str]) -> str:
        name, previous = match.group(1), match.group(2)
        if previous:
            return "0" if row == first_row else f"{letters[name]}{row - 1}"
        return f"{letters[name]}{row}"

    text = _REFERENCE.sub(cell, formula)
    return text.removeprefix("0+") if row == first_row else text


def cell_text(value: Any, kind: ColumnKind, lang: str) -> str:
    """A value as display text for its column kind (HTML and Markdown); `None` is a dash."""
    if isinstance(value, Typed):
        value, kind = value.value, value.kind
    if value is None:
        return MISSING
    if kind == ColumnKind.jpy:
        return format_jpy(value, lang, exact=True)
    if kind == ColumnKind.money:
        return format_jpy(value, lang)
    if kind == ColumnKind.int:
        return format_number(value)
    if kind == ColumnKind.pct:
        return format_pct(value)
    if kind == ColumnKind.decimal:
        return format_decimal(value)
    if kind == ColumnKind.mbps:
        return format_mbps(value)
    if kind == ColumnKind.date and isinstance(value, date):
        return format_date(value, lang)
    return str(value)
