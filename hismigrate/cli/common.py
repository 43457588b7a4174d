"""What every command shares: the console, the message language, and turning user errors into exit code 2."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from hismigrate.cli.hints import fixing_hint
from hismigrate.collector import collector_paused
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


class _Ending:
    """How this process ends. The console script (`hismigrate.cli.main.run`) ends it without tearing down the heap;
    run in-process (tests), a command returns to its caller as any function does."""

    hard = False
    kept: tuple[object, ...] = ()


def end_hard() -> None:
    """Called by the console script: the process ends with the command."""
    _Ending.hard = True


@contextmanager
def large_heap() -> Iterator[None]:
    """Run a command that builds millions of long-lived objects (an estate, its analyses, its reports) and no
    cycles worth finding. The collector is paused throughout: otherwise its first pass after each step walks all of
    them (about 6 s at 60,000 servers). When the process ends with the command, the collector is left paused (to
    resume it is to walk every object once more, 2.7 s at 60,000 servers) and what was kept (`keep_until_exit`) is
    never freed; in-process, the collector resumes and what was kept is let go."""
    with collector_paused(resume=not _Ending.hard):
        try:
            yield
        finally:
            if not _Ending.hard:
                _Ending.kept = ()


def keep_until_exit(*objects: object) -> None:
    """Hold `objects` (the estate, the assessment) to the end of a `large_heap` command, so that they are not freed
    one object at a time when the command's functions return: seconds of work at 60,000 servers, for nothing when
    the process ends with the command."""
    _Ending.kept += objects


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
