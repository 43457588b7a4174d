"""The `hismigrate` application: registers each command; heavy libraries load only inside commands."""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Annotated, NoReturn

import typer

from hismigrate import __version__
from hismigrate.cli import (
    assess_cmd,
    checks_cmd,
    convert_cmd,
    export_cmd,
    graph_cmd,
    group_cmd,
    import_cmd,
    init_cmd,
    plan_cmd,
    prices_cmd,
    schema_cmd,
    survey_cmd,
    template_cmd,
    validate_cmd,
)
from hismigrate.cli.common import end_hard
from hismigrate.cli.help import CliTyper

app = CliTyper(name="hismigrate", no_args_is_help=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"hismigrate {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False,
) -> None:
    """Assess and plan the move of a hospital's information systems from on-premises servers to the cloud."""


app.command()(assess_cmd.assess)
app.command()(validate_cmd.validate)
app.command()(schema_cmd.schema)
app.command()(graph_cmd.graph)
app.command()(plan_cmd.plan)
app.command()(checks_cmd.checks)
app.command()(prices_cmd.prices)
app.command()(init_cmd.init)
app.add_typer(import_cmd.app, name="import")
app.add_typer(export_cmd.app, name="export")
app.add_typer(survey_cmd.app)
app.add_typer(group_cmd.app)
app.command()(template_cmd.template)
app.command()(convert_cmd.convert)


def run() -> None:
    """The console script. When the command is done, the process ends without tearing down its heap: after an
    `assess` of a large estate that is millions of objects, freed one by one for seconds (3 s at 60,000 servers) to
    no one's benefit. Output is flushed and worker processes are stopped first, as a normal exit would."""
    end_hard()
    try:
        app()
        code: object = 0
    except SystemExit as done:
        code = done.code
    _end(code)


def _end(code: object) -> NoReturn:
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    if "multiprocessing" in sys.modules:  # loaded only by a command that forked
        import multiprocessing

        for child in multiprocessing.active_children():
            child.terminate()
            child.join()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (`| head`), a stream the command closed
            stream.flush()
    os._exit(code)
