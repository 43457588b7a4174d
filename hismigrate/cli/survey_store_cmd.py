"""`hismigrate survey ingest | aggregate | status`: the ministry side of the survey, over the survey store (an
embedded DuckDB file) or, for `aggregate FILES...`, over files read into a store in memory."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from hismigrate.cli.common import console, err_console, guarded, message_language
from hismigrate.errors import ConfigError, HismigrateError
from hismigrate.i18n import LANGUAGES, t

if TYPE_CHECKING:
    import duckdb

    from hismigrate.survey.outcome import IngestReport


def table_language(explicit: str | None) -> str:
    """The tables' language: --lang, else HISMIGRATE_LANG, else the locale's (messages follow the same rule), with
    Japanese, the survey's own language, where the locale names neither (C, POSIX, unset)."""
    if explicit or os.environ.get("HISMIGRATE_LANG") in LANGUAGES:
        return message_language(explicit)
    locale = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    return "en" if locale.lower().startswith("en") else "ja"


def _files(inputs: list[Path]) -> list[Path]:
    """The files to read (found before the store is opened: a missing input leaves no store behind)."""
    from hismigrate.errors import InventoryError
    from hismigrate.survey.files import submission_files

    try:
        return submission_files(inputs)
    except InventoryError as exc:
        exc.closing_key = "survey.cli.problem_count"  # type: ignore[attr-defined]
        raise


def _ingest(
    conn: duckdb.DuckDBPyConnection, files: list[Path], year: int | None, jobs: int | None, language: str
) -> IngestReport:
    """Read the files into the store with a progress bar; list every rejected file with its problems."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from hismigrate.survey.ingest import ingest_files

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err_console, transient=True, disable=len(files) < 50) as progress:
        task = progress.add_task(t("survey.cli.reading", language), total=len(files))
        report = ingest_files(conn, files, survey_year=year, jobs=jobs, progress=lambda n: progress.advance(task, n))
    if report.rejected:
        err_console.print(t("survey.cli.rejected", language, count=len(report.rejected)))
        for rejected in report.rejected:
            for problem in rejected.problems:
                err_console.print(f"[red]✗[/red] {escape(problem.render(language))}", soft_wrap=True)
    return report


def _none_usable(report: IngestReport, language: str) -> HismigrateError:
    return HismigrateError(
        t("survey.cli.none_usable", language, count=report.files), hint=t("survey.cli.none_usable_hint", language)
    )


@guarded
def ingest(
    inputs: Annotated[list[Path], typer.Argument()],
    db: Annotated[Path, typer.Option("--db")],
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
        ),
    ] = None,
    jobs: Annotated[int | None, typer.Option("--jobs")] = None,
    lang: Annotated[str | None, typer.Option("--lang")] = None,
) -> None:
    """Load submissions into the survey store (a DuckDB file), one per hospital and survey year.

    A later submission (later as_of date, or ingested later) replaces the earlier, which is kept in the store's
    history; every rejected file is listed here and recorded in the store with its reasons. All or nothing: an
    interrupted ingest changes nothing."""
    from hismigrate.survey.outcome import thousands
    from hismigrate.survey.store import open_store, survey_years

    language = message_language(lang)
    _check_year(year, language)
    files = _files(inputs)
    conn = open_store(db, create=True, lang=language)
    try:
        report = _ingest(conn, files, year, jobs, language)
        held = survey_years(conn)
    finally:
        conn.close()
    console.print(t("survey.cli.ingested", language, db=str(db), **thousands(report.figures())), soft_wrap=True)
    for y in report.years:
        console.print(t("survey.cli.year_held", language, year=y, hospitals=f"{held.get(y, 0):,}"), soft_wrap=True)
    if not report.years:
        raise _none_usable(report, language)


def _check_year(year: int | None, language: str) -> None:
    from hismigrate.model.submission import FIRST_YEAR, LAST_YEAR

    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        raise ConfigError(t("survey.cli.bad_year", language, value=year, first=FIRST_YEAR, last=LAST_YEAR))


@guarded
def aggregate(
    output: Annotated[Path, typer.Option("-o", "--output")],
    inputs: Annotated[
        list[Path] | None,
        typer.Argument(),
    ] = None,
    db: Annotated[Path | None, typer.Option("--db")] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
        ),
    ] = None,
    since: Annotated[
        int | None,
        typer.Option(
            "--since",
        ),
    ] = None,
    min_cell: Annotated[int, typer.Option("--min-cell")] = 5,
    jobs: Annotated[int | None, typer.Option("--jobs")] = None,
    lang: Annotated[str | None, typer.Option("--lang")] = None,
) -> None:
    """Make the national tables of one survey year, from the store or from files.

    Adoption by bed-size class, hospital type and region; checklist compliance; exposure; findings; plans; cost;
    and, when the store holds earlier years, year-over-year tables. Every row and column comes from a fixed list; a
    figure about fewer than --min-cell hospitals is a dash."""
    from hismigrate.survey.aggregate import aggregate as aggregate_survey
    from hismigrate.survey.outputs import write_outputs
    from hismigrate.survey.store import open_store

    language = table_language(lang)
    if min_cell < 1:
        raise ConfigError(t("survey.cli.bad_min_cell", language, value=min_cell))
    if bool(inputs) == (db is not None):
        raise ConfigError(t("survey.cli.files_or_db", language))
    _check_year(year, language)
    _check_year(since, language)
    files = _files(inputs) if inputs else []
    conn = open_store(db, create=False, lang=language)
    try:
        if files:
            year = _files_into_memory(conn, files, year, jobs, language)
        year = _year_held(conn, year, language)
        if since is not None and since > year:
            raise ConfigError(t("survey.cli.bad_since", language, since=since, year=year))
        result = aggregate_survey(conn, year=year, lang=language, min_cell=min_cell, since=since)
    finally:
        conn.close()
    written = write_outputs(result, output, lang=language)
    console.print(t("survey.cli.wrote", language, count=len(written), folder=output, year=year), soft_wrap=True)


def _files_into_memory(
    conn: duckdb.DuckDBPyConnection, files: list[Path], year: int | None, jobs: int | None, language: str
) -> int:
    """Files aggregated directly are one survey: read into the in-memory store as `year`, else as the fiscal year
    of the latest as_of date among them."""
    from hismigrate.survey.ingest import PENDING_YEAR, relabel_year

    report = _ingest(conn, files, year if year is not None else PENDING_YEAR, jobs, language)
    if not report.years:
        raise _none_usable(report, language)
    return year if year is not None else relabel_year(conn, PENDING_YEAR)


def _year_held(conn: duckdb.DuckDBPyConnection, year: int | None, language: str) -> int:
    from hismigrate.survey.store import survey_years

    held = survey_years(conn)
    if not held:
        raise ConfigError(t("survey.cli.empty_store", language))
    if year is None:
        return max(held)
    if year not in held:
        raise ConfigError(t("survey.cli.year_not_held", language, year=year, years=", ".join(map(str, held))))
    return year


@guarded
def status(
    db: Annotated[Path, typer.Option("--db")],
    lang: Annotated[str | None, typer.Option("--lang")] = None,
) -> None:
    """Show what the survey store holds: hospitals per year, history, ingests and rejected files.

    For the survey's operator only: it names files and counts below --min-cell."""
    from hismigrate.survey.status import store_status

    language = message_language(lang)
    for line in store_status(db, language):
        console.print(line, soft_wrap=True, markup=False)
