"""The hint under an error: the command that fixes it (a path not found: the commands that make an inventory; a
mistake in the inventory: validate, to check the fix; a wrong option: the command's --help)."""

from __future__ import annotations

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


def current_command() -> str | None:
    """The command line's command being run (`hismigrate assess`), when one is."""
    try:
        from typer._click.globals import get_current_context  # typer 0.16+ carries its own click
    except ImportError:  # pragma: no cover - typer on click
        try:
            from click import get_current_context
        except ImportError:
            return None
    ctx = get_current_context(silent=True)
    return ctx.command_path if ctx is not None else None
