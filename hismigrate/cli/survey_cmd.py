"""`hismigrate survey`: the hospital side (export a de-identified submission) and the ministry side (ingest
submissions into the survey store, aggregate them into national tables: hismigrate/cli/survey_store_cmd.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hismigrate.cli import survey_store_cmd
from hismigrate.cli.common import console, err_console, guarded, message_language, parse_as_of
from hismigrate.cli.help import CliTyper
from hismigrate.errors import ConfigError
from hismigrate.i18n import t
from hismigrate.parallel import large_heap

app = CliTyper(name="survey", no_args_is_help=True)
app.command()(survey_store_cmd.ingest)
app.command()(survey_store_cmd.aggregate)
app.command()(survey_store_cmd.status)


@app.command()
@guarded
@large_heap()
def export(
    paths: Annotated[list[Path], typer.Argument()],
    output: Annotated[Path, typer.Option("-o", "--output")],
    facility_code: Annotated[
        str | None,
        typer.Option(
            "--facility-code",
        ),
    ] = None,
    as_of: Annotated[str | None, typer.Option("--as-of")] = None,
    salt_file: Annotated[Path | None, typer.Option("--salt-file")] = None,
    settings: Annotated[Path | None, typer.Option("--settings")] = None,
    prices: Annotated[Path | None, typer.Option("--prices")] = None,
    kev: Annotated[Path | None, typer.Option("--kev")] = None,
    lang: Annotated[str | None, typer.Option("--lang")] = None,
) -> None:
    """Assess the inventory and write the hospital's de-identified survey submission.

    Only classes, flags, counts, statuses, shares and cost bands: no names, addresses, versions, free text or exact
    beds."""
    from hismigrate.load import load_inventory
    from hismigrate.load.inputs import load_inputs
    from hismigrate.model.completeness import draft_items
    from hismigrate.model.submission_codes import prefecture_of_code
    from hismigrate.pipeline import assess
    from hismigrate.survey.export import build_submission
    from hismigrate.survey.facility import valid_code
    from hismigrate.survey.read import XLSX_SUFFIXES
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
    drafts = draft_items(inventory)
    if drafts:  # placeholders (beds 0, a guessed prefecture) must never reach the ministry's tables
        parts = ", ".join(sorted({d.part for d in drafts}))
        raise ConfigError(t("survey.cli.draft_inventory", language, count=len(drafts), parts=parts))
    if code is not None and prefecture_of_code(code) not in (None, inventory.hospital.prefecture):
        raise ConfigError(
            t("survey.cli.code_prefecture", language, code=code, prefecture=inventory.hospital.prefecture.value)
        )
    inputs = load_inputs(today, settings, prices, kev)
    salt = None if code is not None else _salt(salt_file, paths, language)
    submission = build_submission(assess(inventory, inputs), inventory, facility_code=code, salt=salt)
    write_submission(submission, output)
    console.print(t("survey.cli.exported", language, path=str(output)), soft_wrap=True)


def _salt(salt_file: Path | None, paths: list[Path], language: str) -> bytes:
    """The salt: --salt-file, else HISMIGRATE_SALT_FILE or the config folder's, else (read only) one an earlier
    version left in the inventory folder; created in the config folder (or where asked) when there is none."""
    from hismigrate.survey.salt import create_salt, default_salt_path, legacy_salt_path, read_salt

    path = salt_file if salt_file is not None else default_salt_path()
    if path.exists():
        return read_salt(path, language)
    legacy = legacy_salt_path(paths)
    if salt_file is None and legacy.is_file():
        err_console.print(t("survey.cli.salt_legacy", language, path=str(legacy), target=str(path)), soft_wrap=True)
        return read_salt(legacy, language)
    try:
        salt = create_salt(path)
    except OSError as exc:
        detail = exc.strerror or str(exc)
        raise ConfigError(t("survey.cli.salt_unwritable", language, path=str(path), detail=detail)) from None
    err_console.print(t("survey.cli.salt_created", language, path=str(path)), soft_wrap=True)
    return salt


@app.command()
@guarded
def schema(
    output: Annotated[Path | None, typer.Option("-o", "--output")] = None,
) -> None:
    """Print the JSON Schema of a survey submission: every field described, with its bounds and closed lists."""
    import json

    from hismigrate.atomic import write_text
    from hismigrate.survey.schema import submission_schema

    text = json.dumps(submission_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_text(output, text)
