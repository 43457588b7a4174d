"""The `hismigrate` application: registers each command; heavy libraries load only inside commands."""

from __future__ import annotations

from typing import Annotated

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
