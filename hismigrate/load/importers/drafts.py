"""From the values read off one row to a validated Server, with every problem placed at its cell.

Also what all importers share about servers: an id from a VM or host name, and duplicate names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from hismigrate.errors import InventoryError, Location, Problem
from hismigrate.load.importers.columns import Columns
from hismigrate.load.importers.table import Row
from hismigrate.load.validate import problem_from_pydantic
from hismigrate.model.integrity import Loc
from hismigrate.model.inventory import Server
from hismigrate.model.text import clean

_NOT_IN_ID = re.compile(r"[\s:,、]+")


@dataclass
class Draft:
    """The Server fields read from one row, and for each field the column it came from (to place problems)."""

    row: Row
    name: str
    values: dict[str, Any] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)  # Server field -> Column.name

    def put(self, server_field: str, value: Any, column: str | None = None) -> None:
        if value is None:
            return
        self.values[server_field] = value
        if column is not None:
            self.cells[server_field] = column


def server_id(name: str) -> str:
    """An inventory id from a VM or host name: spaces, colons and commas become `-` (ids may not hold them)."""
    return _NOT_IN_ID.sub("-", clean(name))[:128]


def build_servers(drafts: list[Draft], columns: Columns, found: list[Problem] | None = None) -> list[Server]:
    """Validate every draft; raise InventoryError with all problems (those the caller `found` while reading rows,
    duplicate names and invalid values), else the servers."""
    problems: list[Problem] = list(found or ())
    first: dict[str, Draft] = {}
    servers: list[Server] = []
    table = columns.table
    for draft in drafts:
        ident = draft.values.get("id", "")
        key = ident.casefold()
        if key in first:
            problems.append(
                Problem(
                    table.location(draft.row.number, columns.at(draft.cells.get("id", ""))),
                    "duplicate_name",
                    {"name": draft.name, "first": first[key].row.number},
                )
            )
            continue
        first[key] = draft

        def locate(loc: Loc, draft: Draft = draft) -> Location:
            column = draft.cells.get(str(loc[0])) if loc else None
            place = table.location(draft.row.number, columns.at(column) if column else None)
            return Location(
                place.file, place.line, place.sheet, place.row, place.column, path=str(loc[0]) if loc else None
            )

        try:
            servers.append(Server.model_validate(draft.values))
        except ValidationError as exc:
            problems.extend(problem_from_pydantic(err, locate) for err in exc.errors(include_url=False))
    if problems:
        raise InventoryError(problems)
    return sorted(servers, key=lambda s: s.id)
