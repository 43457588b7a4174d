"""From the values read off one row to a validated Server, with every problem placed at its cell.

Also what all importers share about servers: an id from a VM or host name, the OS split into name and version,
duplicate names, and the result an import hands back (servers plus what was skipped and why).
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
_BITS = re.compile(r"\s*\((?:32|64)-bit\)\s*$", re.IGNORECASE)
# A trailing version: "2016", "2012 R2", "7.9", "20.04 LTS", "2008 R2 SP1".
_VERSION = re.compile(r"^(?P<name>.*?\D)\s+(?P<version>\d+(?:\.\d+)*(?:\s+(?:R\d|SP\d+|LTS))*)$", re.IGNORECASE)


@dataclass(frozen=True)
class Skipped:
    """A row that did not become a server, and why (`template`, `powered_off`, `suspended`, `srm_placeholder`)."""

    name: str
    reason: str
    row: int


@dataclass(frozen=True)
class ImportResult:
    """What an import produced: servers (sorted by id), rows skipped with their reason, and remarks for the user."""

    source: str  # the format: rvtools, azure_migrate, aws_migration_hub
    file: str
    rows: int
    servers: tuple[Server, ...]
    skipped: tuple[Skipped, ...] = ()
    remarks: tuple[tuple[str, dict[str, Any]], ...] = ()  # (i18n key under imports.remark, params)

    def skipped_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for s in self.skipped:
            counts[s.reason] = counts.get(s.reason, 0) + 1
        return dict(sorted(counts.items()))


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


def split_os(text: str | None) -> tuple[str | None, str | None]:
    """`Microsoft Windows Server 2012 R2 (64-bit)` -> (`Microsoft Windows Server`, `2012 R2`); no version -> (text, None)."""
    if not text:
        return None, None
    bare = _BITS.sub("", clean(text)).strip()
    m = _VERSION.match(bare)
    if m:
        return m.group("name").strip(), m.group("version")
    return bare or None, None


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
