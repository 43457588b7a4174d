"""Column handling shared by the importers: finding columns by any of their spellings, reading cells, units.

Headers are compared after NFKC, case folding, collapsing spaces and dropping the asterisk that marks a mandatory
column in Azure Migrate's template, so `*Server name`, `Server Name ` and `ＶＭ` all match their column.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from hismigrate.errors import InventoryError, Problem
from hismigrate.load.importers.table import Row, Table
from hismigrate.model.text import clean, parse_flag, parse_number

MIB_PER_GIB = 1024
"""Memory and disk sizes in all three formats are binary: vSphere reports memoryMB and capacityInKB in binary units
and RVTools only relabelled its "MB" headers "MiB" (values unchanged). A decimal 10**6 reading would under-state an
8 GiB VM as 7.63 GiB."""

_SPACES = re.compile(r"\s+")


def header_key(text: str) -> str:
    """The comparable form of a header: `* Memory (In MB) ` -> `memory (in mb)`."""
    return _SPACES.sub(" ", clean(text).lstrip("*").strip()).casefold()


@dataclass(frozen=True)
class Column:
    """A column an importer reads: its usual header (used in messages) and the other spellings seen in files."""

    name: str
    aliases: tuple[str, ...] = ()
    required: bool = False

    def header_keys(self) -> tuple[str, ...]:
        return tuple(header_key(h) for h in (self.name, *self.aliases))


@dataclass(frozen=True)
class Columns:
    """Where each wanted column sits in a table, and which spelling of its header was found."""

    table: Table
    index: dict[str, int]  # Column.name -> position
    found: dict[str, str]  # Column.name -> header as written in the file

    def at(self, name: str) -> int | None:
        return self.index.get(name)

    def has(self, name: str) -> bool:
        return name in self.index


def match_columns(table: Table, wanted: tuple[Column, ...], source: str) -> Columns:
    """Locate the wanted columns; every missing mandatory column is reported at the header row."""
    positions: dict[str, int] = {}
    for i, header in enumerate(table.headers):
        positions.setdefault(header_key(header), i)
    index: dict[str, int] = {}
    found: dict[str, str] = {}
    problems: list[Problem] = []
    for column in wanted:
        at = next((positions[k] for k in column.header_keys() if k in positions), None)
        if at is None:
            if column.required:
                problems.append(
                    Problem(
                        table.location(row=table.header_number),
                        "missing_column",
                        {"column": column.name, "source": source},
                    )
                )
            continue
        index[column.name] = at
        found[column.name] = table.headers[at].strip()
    if problems:
        raise InventoryError(problems)
    return Columns(table, index, found)


def text(row: Row, columns: Columns, name: str) -> str | None:
    """The cell as text (numbers typed in a text column become text), or None when blank."""
    value = row.get(columns.at(name))
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    out = clean(str(value))
    return out or None


def number(row: Row, columns: Columns, name: str, problems: list[Problem]) -> float | None:
    """The cell as a number (full-width digits, thousands separators and a unit suffix allowed), else a problem."""
    at = columns.at(name)
    value = row.get(at)
    if value is None or isinstance(value, bool):
        return None if value is None else _not_number(row, columns, at, value, problems)
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else _not_number(row, columns, at, value, problems)
    parsed = parse_number(str(value))
    if parsed is None:
        return None
    try:
        result = float(str(parsed))
    except ValueError:
        return _not_number(row, columns, at, value, problems)
    return result if math.isfinite(result) else _not_number(row, columns, at, value, problems)


def _not_number(row: Row, columns: Columns, at: int | None, value: Any, problems: list[Problem]) -> None:
    problems.append(Problem(columns.table.location(row.number, at), "not_number", {"value": str(value)}))
    return None


def flag(row: Row, columns: Columns, name: str, problems: list[Problem]) -> bool | None:
    """The cell as yes/no (`True`, `False`, はい, 〇...), None when blank, else a problem."""
    at = columns.at(name)
    value = row.get(at)
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    parsed = parse_flag(str(value))
    if isinstance(parsed, bool):
        return parsed
    problems.append(Problem(columns.table.location(row.number, at), "not_flag", {"value": str(value)}))
    return None


def mib_to_gib(value: float | None) -> float | None:
    """MiB -> GiB, exact for whole MiB (a division by a power of two)."""
    return None if value is None else value / MIB_PER_GIB


def whole(value: float | None) -> int | None:
    """A count read as a float (cores) back to an int when it is whole; fractions are left for validation."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value  # type: ignore[return-value]
