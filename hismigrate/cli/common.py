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

from hismigrate.cli.hints import fixing_hint
from hismigrate.errors import ConfigError, HismigrateError, InventoryError, OutputError
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
        from hismigrate.load.problem_groups import group_problems

        for group in group_problems(exc.problems):  # many problems of one kind: one line with the count
            err_console.print(f"[red]✗[/red] {escape(group.render(lang))}", soft_wrap=True)
        # A kind of input error may close with its own advice (the survey's files are not an inventory to validate).
        err_console.print(t(getattr(exc, "closing_key", "cli.problem_count"), lang, count=len(exc.problems)))
    elif isinstance(exc, OutputError):
        err_console.print(f"[red]✗[/red] {escape(exc.render(lang))}", soft_wrap=True)
    elif isinstance(exc, ConfigError):
        for line in exc.render(lang).split("\n"):
            err_console.print(f"[red]✗[/red] {escape(line)}", soft_wrap=True)
    else:
        err_console.print(f"[red]✗[/red] {escape(exc.message)}", soft_wrap=True)
    hint = exc.hint or fixing_hint(exc, lang)
    if hint:
        err_console.print(escape(hint), soft_wrap=True)


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
    from hismigrate.model.fields import FIRST_DAY, LAST_DAY

    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ConfigError(t("cli.bad_as_of", lang, value=value)) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ConfigError(t("cli.as_of_out_of_range", lang, value=value, first=FIRST_DAY, last=LAST_DAY))
    return day
