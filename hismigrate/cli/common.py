"""What every command shares: the console, the message language, and turning user errors into exit code 2."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from hismigrate.errors import ConfigError, HismigrateError, InventoryError
from hismigrate.i18n import LANGUAGES, t

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def message_language(explicit: str | None = None) -> str:
    """The language of messages: --lang, else HISMIGRATE_LANG, else Japanese when the locale is Japanese."""
    if explicit:
        if explicit not in LANGUAGES:
            raise ConfigError(t("cli.bad_lang", "en", value=explicit, choices=", ".join(LANGUAGES)))
        return explicit
    env = os.environ.get("HISMIGRATE_LANG")
    if env in LANGUAGES:
        return env
    locale = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    return "ja" if locale.lower().startswith("ja") else "en"


def report_error(exc: HismigrateError, lang: str) -> None:
    """Print a user's error without a traceback."""
    if isinstance(exc, InventoryError):
        for problem in exc.problems:
            err_console.print(f"[red]✗[/red] {escape(problem.render(lang))}", soft_wrap=True)
        err_console.print(t("cli.problem_count", lang, count=len(exc.problems)))
    elif isinstance(exc, ConfigError):
        err_console.print(f"[red]✗[/red] {escape(exc.render())}", soft_wrap=True)
    else:
        err_console.print(f"[red]✗[/red] {escape(exc.message)}", soft_wrap=True)
    if exc.hint:
        err_console.print(escape(exc.hint), soft_wrap=True)


def guarded(func: F) -> F:
    """Run a command; a HismigrateError becomes its message and exit code 2, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except HismigrateError as exc:
            lang = kwargs.get("lang")
            try:
                lang = message_language(lang if isinstance(lang, str) else None)
            except ConfigError:
                lang = "en"
            report_error(exc, lang)
            raise typer.Exit(exc.exit_code) from None

    return wrapper  # type: ignore[return-value]


LANG_HELP = "Language of messages: ja or en (default: HISMIGRATE_LANG, else the locale)."


def parse_as_of(value: str | None, lang: str) -> date:
    """--as-of as a date; without it, today's date (read here, in the CLI, never inside an analysis)."""
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(t("cli.bad_as_of", lang, value=value)) from None
