"""The hint under an error: the command that fixes it (a path not found: the commands that make an inventory; a
mistake in the inventory: validate, to check the fix; a wrong option: the command's --help)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from hismigrate.errors import ConfigError, HismigrateError, InventoryError
from hismigrate.i18n import t

# Problems about where the inventory is rather than what it says.
PATH_PROBLEMS = frozenset({"file_not_found", "no_input", "empty_directory"})


def fixing_hint(exc: HismigrateError, lang: str) -> str:
    if isinstance(exc, InventoryError):
        if getattr(exc, "closing_key", None):  # not an inventory (survey files): their closing line advises
            return ""
        if exc.problems and all(p.key in PATH_PROBLEMS for p in exc.problems):
            return t("cli.hint.path", lang)
        return t("cli.hint.inventory", lang)
    if isinstance(exc, ConfigError) and exc.location is None:  # an option of the command line
        command = current_command()
        return t("cli.hint.usage", lang, command=command) if command else ""
    return ""


_RUNNING: ContextVar[str | None] = ContextVar("hismigrate_command", default=None)


@contextmanager
def running(command_path: str) -> Iterator[None]:
    """While a command runs (set by the command class of cli/help.py): its path, for the hints."""
    token = _RUNNING.set(command_path)
    try:
        yield
    finally:
        _RUNNING.reset(token)


def current_command() -> str | None:
    """The command being run (`hismigrate assess`), when one is."""
    return _RUNNING.get()
