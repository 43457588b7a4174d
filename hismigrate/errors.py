"""Errors a user can cause, each carrying where it happened and what to do about it.

The CLI maps them to exit codes: InventoryError and ConfigError -> 2. Nothing here imports the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
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


SHOWN_CHARS = 80
"""A value in a message is cut to this many characters: a cell or key may hold megabytes (or an alias bomb)."""


def shown_value(value: Any) -> str | int | float:
    """A value as a message shows it: text, a number, or nothing for a list or mapping; long text is cut with `…`."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, int):
        # a 5,000-digit integer cannot even be turned into text by default (and would flood the message)
        return value if abs(value) < 10**SHOWN_CHARS else f"{'-' if value < 0 else ''}{SHOWN_CHARS}+ digits"
    if isinstance(value, float):
        return value
    if isinstance(value, str):
        return value if len(value) <= SHOWN_CHARS else value[: SHOWN_CHARS - 1] + "…"
    if isinstance(value, date):
        return value.isoformat()
    return ""


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
    """Settings, price catalogs or command-line options that cannot be used. A file's mistakes are `problems`, each
    with its place, rendered in the user's language; other errors carry a message and at most one location."""

    def __init__(
        self,
        message: str,
        hint: str | None = None,
        location: Location | None = None,
        problems: tuple[Problem, ...] = (),
    ) -> None:
        super().__init__(message, hint)
        self.location = location
        self.problems = problems

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.message, self.hint, self.location, self.problems))

    @classmethod
    def from_problems(cls, problems: list[Problem] | tuple[Problem, ...]) -> ConfigError:
        ordered = tuple(sorted(problems, key=lambda p: (p.location.file, p.location.line or 0, p.location.path or "")))
        return cls(ordered[0].message("en"), location=ordered[0].location, problems=ordered)

    def render(self, lang: str = "en") -> str:
        """Every line of the error: one per problem."""
        if self.problems:
            return "\n".join(problem.render(lang) for problem in self.problems)
        where = f"{self.location.describe()}: " if self.location else ""
        return f"{where}{self.message}"


class OutputError(HismigrateError):
    """An output that cannot be written: its path and why, in the user's language. `reason` is the name of the
    operating system's error (ENOSPC, EACCES...) or `not_regular` (the target is a device, a pipe, a folder)."""

    def __init__(self, path: str, reason: str, detail: str = "") -> None:
        super().__init__(f"cannot write {path}: {detail or reason}")
        self.path, self.reason, self.detail = path, reason, detail

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.path, self.reason, self.detail))

    @classmethod
    def from_os(cls, path: Any, error: OSError) -> OutputError:
        import errno

        name = errno.errorcode.get(error.errno or 0, "")
        return cls(str(path), name or "other", error.strerror or str(error))

    def render(self, lang: str = "en") -> str:
        from hismigrate.i18n import has, t

        if self.reason == "not_regular":
            return t("cli.not_regular_output", lang, path=self.path)
        key = f"cli.write_reason.{self.reason}"
        reason = t(key, lang) if has(key, lang) else (self.detail or self.reason)
        return t("cli.write_failed", lang, path=self.path, reason=reason)
