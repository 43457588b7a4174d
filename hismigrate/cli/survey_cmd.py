"""`hismigrate survey`: the ministry side (aggregate submissions into national tables)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hismigrate.cli.common import LANG_HELP, console, err_console, guarded, message_language
from hismigrate.errors import ConfigError
from hismigrate.i18n import t

app = typer.Typer(
    name="survey",
    help="The ministry survey: aggregate de-identified submissions into national tables.",
    no_args_is_help=True,
)


@app.command()
@guarded
def aggregate(
    inputs: Annotated[list[Path], typer.Argument(help="Submission files (.json, .xlsx) and directories of them.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder for survey.xlsx, survey.html and the CSVs.")],
    min_cell: Annotated[
        int, typer.Option("--min-cell", help="Show a dash for any figure describing fewer hospitals than this.")
    ] = 5,
    lang: Annotated[str | None, typer.Option("--lang", help=LANG_HELP)] = None,
) -> None:
    """Aggregate submissions by bed-size class, hospital type and region; invalid files are listed and skipped."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from hismigrate.survey.aggregate import aggregate as aggregate_survey
    from hismigrate.survey.collect import collect, submission_files
    from hismigrate.survey.outputs import write_outputs

    language = message_language(lang)
    if min_cell < 1:
        raise ConfigError(t("survey.cli.bad_min_cell", language, value=min_cell))
    files = submission_files(inputs)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err_console, transient=True, disable=len(files) < 50) as progress:
        task = progress.add_task(t("survey.cli.reading", language), total=len(files))
        collected = collect(files, lambda _: progress.advance(task))
    if collected.rejected:
        err_console.print(t("survey.cli.rejected", language, count=len(collected.rejected)))
        for rejected in collected.rejected:
            for problem in rejected.problems:
                err_console.print(f"[red]✗[/red] {problem.render(language)}", soft_wrap=True)
    result = aggregate_survey(collected, lang=language, min_cell=min_cell)
    written = write_outputs(result, output, lang=language)
    console.print(t("survey.cli.wrote", language, count=len(written), folder=output))
