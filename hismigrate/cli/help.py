"""The command line in the user's language: every command's help, option descriptions, value lists and examples come
from the catalogs (`help.*`), in the language of `--lang`, else HISMIGRATE_LANG, else the locale; usage mistakes
(a missing option, an unknown one) are told in that language too, with the command whose help explains it.

One mechanism for every command: the commands are typer's, built by `CliTyper`, whose command and group classes
render the help themselves instead of typer's (which names Python types: `<bool>`, `<list[Path]>`).
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from hismigrate.i18n import LANGUAGES, has, t

LANG_META = "hismigrate.lang"
WIDTH = 100  # at most, on a wide terminal

# Parameters whose values come from a fixed list: shown in their help (`値: critical, high, ...`). Functions, so that
# a list is built (and its module imported) only when a help page shows it.


def _severities() -> Sequence[str]:
    from hismigrate.cli.assess_cmd import SEVERITIES

    return SEVERITIES


def _report_formats() -> Sequence[str]:
    from hismigrate.report.writers import WRITERS

    return list(WRITERS)


def _group_formats() -> Sequence[str]:
    from hismigrate.report.group.writers import GROUP_WRITERS

    return list(GROUP_WRITERS)


def _providers() -> Sequence[str]:
    from hismigrate.model.prices import shipped_catalogs

    return sorted({c.provider for c in shipped_catalogs()})


def _graph_formats() -> Sequence[str]:
    from hismigrate.graph.export import GRAPH_FORMATS

    return list(GRAPH_FORMATS)


VALUES: dict[str, Callable[[], Sequence[str]]] = {
    "lang": lambda: LANGUAGES,
    "assess.fail_on": _severities,
    "assess.formats": _report_formats,
    "group.assess.formats": _group_formats,
    "checks.output_format": lambda: ("table", "json"),
    "prices.provider": _providers,
    "graph.output": _graph_formats,
}


def command_key(ctx: Any) -> str:
    """The command's path below the program, as the catalogs key it: `assess`, `import.rvtools` (the program
    itself: `hismigrate`)."""
    names = []
    while ctx is not None and ctx.parent is not None:
        names.append(ctx.info_name)
        ctx = ctx.parent
    return ".".join(reversed(names)) or "hismigrate"


def help_language(ctx: Any) -> str:
    """--lang as typed on the command line, else HISMIGRATE_LANG, else the locale."""
    from hismigrate.cli.common import message_language

    chosen = ctx.meta.get(LANG_META) if ctx is not None else None
    return chosen if chosen in LANGUAGES else message_language(None)


def _sniff_lang(args: Sequence[str]) -> tuple[str | None, list[str]]:
    """The value of --lang among the arguments, read before they are parsed (help is written while parsing), and
    the arguments without it."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1], [*args[:index], *args[index + 2 :]]
        if arg.startswith("--lang="):
            return arg.partition("=")[2], [*args[:index], *args[index + 1 :]]
    return None, list(args)


def _text(key: str, lang: str, fallback: str = "", **params: Any) -> str:
    return t(key, lang, **params) if has(key, lang) else fallback


def param_text(command: str, name: str, lang: str, fallback: str = "") -> str:
    """A parameter's description: the command's own (`help.cmd.<command>.param.<name>`), else the shared one."""
    own = f"help.cmd.{command}.param.{name}"
    return _text(own, lang) or _text(f"help.param.{name}.text", lang, fallback)


def param_metavar(command: str, name: str, lang: str) -> str:
    own = f"help.cmd.{command}.metavar.{name}"
    return _text(own, lang) or _text(f"help.param.{name}.metavar", lang, name.upper())


def values_of(command: str, name: str) -> Sequence[str]:
    found = VALUES.get(f"{command}.{name}") or VALUES.get(name)
    return found() if found else ()


def _default_text(param: Any) -> str | None:
    default = getattr(param, "default", None)
    if default is None or callable(default) or getattr(param, "is_flag", False) or param.param_type_name != "option":
        return None
    return str(default)


def _option_names(param: Any, metavar: str) -> str:
    names = ", ".join(sorted(param.opts, key=len))
    return names if getattr(param, "is_flag", False) else f"{names} {metavar}"


def render_help(command: Any, ctx: Any) -> str:
    """The help page of `command` (a command or a group) in the user's language, as plain text."""
    from rich.console import Console
    from rich.table import Table

    lang = help_language(ctx)
    key = command_key(ctx)
    program = ctx.find_root().info_name or "hismigrate"
    path = " ".join(filter(None, [program, *key.split(".")])) if key != "hismigrate" else program
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False) and p.name != "help"]
    arguments = [p for p in params if p.param_type_name == "argument"]
    options = [p for p in params if p.param_type_name == "option"]
    subcommands = _subcommands(command, ctx)

    usage = [path, t("help.usage_options", lang)]
    for argument in arguments:
        metavar = param_metavar(key, argument.name, lang)
        metavar += "..." if argument.nargs != 1 and not metavar.endswith("...") else ""
        usage.append(metavar if argument.required else f"[{metavar}]")
    if subcommands:
        usage.append(t("help.usage_command", lang))
    out = io.StringIO()
    width = max(min(_terminal_width(), WIDTH), 60)
    console = Console(file=out, width=width, no_color=True, highlight=False, soft_wrap=False, emoji=False)
    console.print(f"{t('help.usage', lang)}: {' '.join(usage)}", markup=False)
    console.print()
    console.print(_text(f"help.cmd.{key}.about", lang, _docstring(command)), markup=False)

    def section(title: str, rows: list[tuple[str, str]]) -> None:
        if not rows:
            return
        console.print()
        console.print(f"{title}:", markup=False)
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for left, right in rows:
            grid.add_row(f"  {left}", right)
        console.print(grid, markup=False)

    section(t("help.arguments", lang), [_row(key, p, lang, param_metavar(key, p.name, lang)) for p in arguments])
    option_rows = [_row(key, p, lang, _option_names(p, param_metavar(key, p.name, lang))) for p in options]
    option_rows.append(("--help", t("help.help_option", lang)))
    section(t("help.options", lang), option_rows)
    section(
        t("help.commands", lang),
        [
            (name, _first_sentence(_text(f"help.cmd.{_join(key, name)}.about", lang, _docstring(sub)), lang))
            for name, sub in subcommands
        ],
    )
    examples = _text(f"help.cmd.{key}.examples", lang)
    if examples:
        console.print()
        console.print(f"{t('help.examples', lang)}:", markup=False)
        for line in examples.strip().splitlines():
            console.print(f"  {line}", markup=False, soft_wrap=True)
    return "\n".join(_kinsoku([line.rstrip() for line in out.getvalue().splitlines()])) + "\n"


CLOSING = "。、，．）」』】〕！？"  # Japanese punctuation that never starts a line (禁則)


def _kinsoku(lines: list[str]) -> list[str]:
    """Lines where a closing mark left at the start of a wrapped line goes back to the end of the line before."""
    out: list[str] = []
    for line in lines:
        body = line.lstrip()
        indent = line[: len(line) - len(body)]
        while out and body and body[0] in CLOSING and out[-1].strip():
            out[-1] += body[0]
            body = body[1:]
        out.append(indent + body if body else "")
    return out


def _row(command: str, param: Any, lang: str, left: str) -> tuple[str, str]:
    words = [param_text(command, param.name, lang, getattr(param, "help", "") or "")]
    values = values_of(command, param.name)
    if values:
        words.append(t("help.values", lang, values=", ".join(values)))
    default = _default_text(param)
    if default is not None:
        words.append(t("help.default", lang, value=default))
    if param.required:
        words.append(t("help.required", lang))
    return left, ("" if lang == "ja" else " ").join(w for w in words if w)


def _join(key: str, name: str) -> str:
    return name if key == "hismigrate" else f"{key}.{name}"


def _subcommands(command: Any, ctx: Any) -> list[tuple[str, Any]]:
    names = command.list_commands(ctx) if hasattr(command, "list_commands") else []
    found = [(name, command.get_command(ctx, name)) for name in names]
    return [(name, sub) for name, sub in found if sub is not None and not getattr(sub, "hidden", False)]


def _docstring(command: Any) -> str:
    return (getattr(command, "help", None) or "").strip()


def _first_sentence(text: str, lang: str) -> str:
    """What a command does, in its description's first sentence (the list of commands)."""
    text = text.strip().split("\n\n")[0].replace("\n", " ")
    end = text.find("。") + 1 if lang == "ja" else text.find(". ") + 1
    return text[:end] if end > 0 else text


def _terminal_width() -> int:
    import shutil

    try:
        return int(os.environ.get("COLUMNS", "")) or shutil.get_terminal_size().columns
    except ValueError:
        return shutil.get_terminal_size().columns


class _Localized:
    """What the command and group classes share: --lang read before parsing, help written by `render_help`."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        chosen, rest = _sniff_lang(args)
        if chosen in LANGUAGES:
            ctx.meta[LANG_META] = chosen
        if chosen is not None and not any(p.name == "lang" for p in self.params):
            # A group, or a command without --lang (`schema`): the language was for the help and the messages. A
            # group hands it on to its command, which may take it.
            args = rest
            if isinstance(self, TyperGroup):
                first = next((i for i, a in enumerate(rest) if not a.startswith("-")), None)
                if first is not None:
                    args = [*rest[: first + 1], "--lang", chosen, *rest[first + 1 :]]
        return super().parse_args(ctx, args)  # type: ignore[misc, no-any-return]

    def format_help(self, ctx: Any, formatter: Any) -> None:
        formatter.write(render_help(self, ctx))


class LocalizedCommand(_Localized, TyperCommand):
    def invoke(self, ctx: Any) -> Any:
        from hismigrate.cli.hints import running

        with running(ctx.command_path):  # for an error's hint: the command whose --help to read
            return super().invoke(ctx)


class LocalizedGroup(_Localized, TyperGroup):
    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        """Run the command; a usage mistake is told in the user's language with the help that explains it."""
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except Exception as exc:
            if not _is_usage_error(exc):
                raise
            show_usage_error(exc)
            sys.exit(2)
        sys.exit(code if isinstance(code, int) else 0)


def _is_usage_error(exc: BaseException) -> bool:
    return any(cls.__name__ == "UsageError" for cls in type(exc).__mro__)


def show_usage_error(exc: Any) -> None:
    """A usage mistake in words: what is wrong, then the command whose --help lists what it takes."""
    ctx = getattr(exc, "ctx", None)
    lang = help_language(ctx)
    kind = type(exc).__name__
    if kind == "NoArgsIsHelpError" and ctx is not None:
        typer.echo(ctx.get_help())
        return
    param = getattr(exc, "param", None)
    name = " / ".join(sorted(param.opts, key=len, reverse=True)) if param is not None else ""
    if param is not None and param.param_type_name == "argument":
        name = param_metavar(command_key(ctx), param.name, lang) if ctx is not None else param.name
    if kind == "MissingParameter":
        message = t("help.error.missing", lang, name=name)
    elif kind == "NoSuchOption":
        message = t("help.error.no_such_option", lang, name=getattr(exc, "option_name", ""))
        possibilities = getattr(exc, "possibilities", None)
        if possibilities:
            message += t("help.error.did_you_mean", lang, names=", ".join(sorted(possibilities)))
    elif kind == "BadOptionUsage":
        message = t("help.error.needs_value", lang, name=getattr(exc, "option_name", ""))
    elif kind == "BadParameter" and param is not None:
        message = t("help.error.bad_value", lang, name=name, detail=exc.message)
    else:
        message = exc.format_message()
    typer.echo(f"✗ {message}", err=True)
    path = ctx.command_path if ctx is not None else "hismigrate"
    typer.echo(t("help.error.see_help", lang, command=f"{path} --help"), err=True)


class CliTyper(typer.Typer):
    """A typer application whose commands and groups speak the user's language (see the module)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cls", LocalizedGroup)
        kwargs.setdefault("add_completion", False)
        kwargs.setdefault("pretty_exceptions_enable", False)
        super().__init__(**kwargs)

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", LocalizedCommand)
        return super().command(*args, **kwargs)
