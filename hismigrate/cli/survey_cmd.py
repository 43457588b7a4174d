"""`hismigrate survey`: the hospital side (export a de-identified submission) and the ministry side (aggregate
submissions into national tables)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hismigrate.cli.common import LANG_HELP, console, err_console, guarded, message_language, parse_as_of
from hismigrate.cli.help import CliTyper
from hismigrate.errors import ConfigError
from hismigrate.i18n import t

app = CliTyper(name="survey", no_args_is_help=True)


@app.command()
@guarded
def aggregate(
    inputs: Annotated[list[Path], typer.Argument(help="Submission files (.json, .xlsx) and directories of them.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder for survey.xlsx, survey.html and the CSVs.")],
    min_cell: Annotated[
        int,
        typer.Option(
            "--min-cell",
            help="Show a dash for any figure describing fewer hospitals than this, and for the figures it could be"
            " worked out from with the totals.",
        ),
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


SALT_HELP = (
    "Secret file keying the hash that stands in for the facility code when --facility-code is not given. Default: "
    "survey-salt/<hospital id>.txt in your configuration folder (~/.config/hismigrate, or HISMIGRATE_CONFIG_DIR), "
    "created with random bytes on the first export, never in the inventory folder. Use it every year, so that your "
    "code stays the same; never send it: without it nobody can tell which hospital a hashed code belongs to."
)


@app.command()
@guarded
def export(
    paths: Annotated[
        list[Path], typer.Argument(help="Inventory: YAML files, a directory of them, or an Excel workbook.")
    ],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="The submission file: .json, or .xlsx for a spreadsheet.")
    ],
    facility_code: Annotated[
        str | None,
        typer.Option("--facility-code", help="Your facility code (医療機関コード); preferred over the hash."),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Today's date for every date computation (YYYY-MM-DD).")
    ] = None,
    salt_file: Annotated[Path | None, typer.Option("--salt-file", help=SALT_HELP)] = None,
    settings: Annotated[
        Path | None, typer.Option("--settings", help="Settings file (YAML), as given to assess.")
    ] = None,
    prices: Annotated[
        Path | None, typer.Option("--prices", help="Your own price catalog (YAML), as given to assess.")
    ] = None,
    kev: Annotated[Path | None, typer.Option("--kev", help="The CISA KEV catalog (JSON), as given to assess.")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help=LANG_HELP)] = None,
) -> None:
    """Assess the inventory and write the de-identified survey submission: classes, flags, counts, statuses,
    shares and cost bands; no names, addresses, versions, free text or exact beds."""
    from hismigrate.load import load_inventory
    from hismigrate.load.inputs import load_inputs
    from hismigrate.pipeline import assess
    from hismigrate.survey.export import build_submission
    from hismigrate.survey.facility import valid_code
    from hismigrate.survey.read import XLSX_SUFFIXES
    from hismigrate.survey.salt import create_salt, default_salt_path, read_salt
    from hismigrate.survey.write import write_submission

    language = message_language(lang)
    if output.suffix.lower() not in (".json", *XLSX_SUFFIXES):
        raise ConfigError(t("survey.cli.bad_output", language, path=str(output)))
    code = None
    if facility_code is not None:
        code = valid_code(facility_code)
        if code is None:
            raise ConfigError(t("problem.survey_bad_facility_code", language, value=facility_code))
    today = parse_as_of(as_of, language)
    inventory = load_inventory(paths)
    inputs = load_inputs(today, settings, prices, kev)
    salt = None
    if code is None:
        salt_path = salt_file if salt_file is not None else default_salt_path(inventory.hospital.id)
        if salt_path.exists():
            salt = read_salt(salt_path, language)
        else:
            salt = create_salt(salt_path)
            err_console.print(t("survey.cli.salt_created", language, path=str(salt_path)), soft_wrap=True)
    submission = build_submission(assess(inventory, inputs), inventory, facility_code=code, salt=salt)
    write_submission(submission, output)
    console.print(t("survey.cli.exported", language, path=str(output)), soft_wrap=True)
