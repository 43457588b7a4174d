"""Errors a user can cause, each carrying where it happened and what to do about it.

The CLI maps them to exit codes: InventoryError and ConfigError -> 2. Nothing here imports the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, order=True)
class Location:
    """Where a problem sits: a file and either a line (YAML, CSV) or a sheet/row/column (Excel)."""

    file: str
    line: int | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    path: str | None = None  # the place inside the document, e.g. "servers[7].segment"

    def describe(self) -> str:
        parts = [self.file]
        if self.sheet is not None:
            parts.append(f"[{self.sheet}]")
        if self.row is not None:
            parts.append(f"row {self.row}" + (f", column {self.column}" if self.column else ""))
        elif self.column is not None:
            parts.append(f"column {self.column}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        return " ".join(parts)


@dataclass(frozen=True)
class Problem:
    """One mistake in the input. `key` names a message in the i18n catalogs; `params` fill it."""

    location: Location
    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "en") -> str:
        from hismigrate.i18n import has, t

        # A parameter naming a kind or part of the inventory is shown in the message's language.
        params = {
            name: t(f"{name}.{value}", lang) if name in ("kind", "part") and has(f"{name}.{value}", lang) else value
            for name, value in self.params.items()
        }
        return t(f"problem.{self.key}", lang, **params)

    def render(self, lang: str = "en") -> str:
        where = self.location.describe()
        path = f" {self.location.path}:" if self.location.path else ""
        return f"{where}:{path} {self.message(lang)}"


class HismigrateError(Exception):
    """Base of every error hismigrate reports to a user without a traceback."""

    exit_code = 2

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __reduce__(self) -> tuple[Any, ...]:
        # Sent back from a worker process as what it was made of (the default pickles `args`, the message alone).
        return (type(self), (self.message, self.hint))


class InventoryError(HismigrateError):
    """The inventory cannot be used: every problem found, each with its file and place."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(
            problems,
            key=lambda p: (
                p.location.file,
                p.location.sheet or "",
                p.location.row or 0,
                p.location.line or 0,
                p.location.path or "",
            ),
        )
        first = self.problems[0].render() if self.problems else "invalid inventory"
        super().__init__(f"{len(self.problems)} problem(s) in the inventory; first: {first}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.problems,))

    @classmethod
    def single(cls, location: Location, key: str, **params: Any) -> InventoryError:
        return cls([Problem(location, key, params)])


class ConfigError(HismigrateError):
    """Settings, price catalogs or command-line options that cannot be used."""

    def __init__(self, message: str, hint: str | None = None, location: Location | None = None) -> None:
        super().__init__(message, hint)
        self.location = location

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.message, self.hint, self.location))

    def render(self) -> str:
        where = f"{self.location.describe()}: " if self.location else ""
        return f"{where}{self.message}"
