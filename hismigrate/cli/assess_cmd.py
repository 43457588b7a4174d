"""`hismigrate assess`: from an inventory to the reports, with progress on a terminal and a summary table."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from hismigrate.cli.common import (
    EXIT_FINDINGS,
    console,
    err_console,
    guarded,
    message_language,
    parse_as_of,
)
from hismigrate.errors import ConfigError
from hismigrate.i18n import t
from hismigrate.parallel import large_heap

SEVERITIES = ("critical", "high", "medium", "low", "info")


@guarded
@large_heap()
def assess(
    paths: Annotated[list[Path], typer.Argument()],
    output: Annotated[Path | None, typer.Option("-o", "--output")] = None,
    formats: Annotated[str, typer.Option("--format")] = "html,md,xlsx,json",
    lang: Annotated[str | None, typer.Option("--lang")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of")] = None,
    prices: Annotated[Path | None, typer.Option("--prices")] = None,
    settings: Annotated[Path | None, typer.Option("--settings")] = None,
    kev: Annotated[Path | None, typer.Option("--kev")] = None,
    fail_on: Annotated[str | None, typer.Option("--fail-on")] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            min=1,
        ),
    ] = None,
) -> None:
    """Assess an inventory: exposure, migration plan, cost and resilience; write the reports."""
    from hismigrate.report.writers import WRITERS

    language = message_language(lang) if lang else "ja"
    message_lang = message_language(lang)
    wanted = [f.strip().lower() for f in formats.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in WRITERS]
    if unknown or not wanted:
        raise ConfigError(
            t("cli.bad_format", message_lang, value=", ".join(unknown) or formats, choices=", ".join(WRITERS))
        )
    if fail_on is not None and fail_on not in SEVERITIES:
        raise ConfigError(t("cli.bad_fail_on", message_lang, value=fail_on, choices=", ".join(SEVERITIES)))
    today = parse_as_of(as_of, message_lang)

    _assess_and_write(paths, output, wanted, language, message_lang, today, settings, prices, kev, fail_on, jobs)


def _assess_and_write(
    paths: list[Path],
    output: Path | None,
    wanted: list[str],
    language: str,
    message_lang: str,
    today: date,
    settings: Path | None,
    prices: Path | None,
    kev: Path | None,
    fail_on: str | None,
    jobs: int | None,
) -> None:
    from dataclasses import replace

    from hismigrate.atomic import write_files
    from hismigrate.load import load_inventory
    from hismigrate.load.inputs import load_inputs
    from hismigrate.report.writers import render

    inventory = load_inventory(paths, jobs, apart=True)  # workers are forked afterwards
    inputs = replace(load_inputs(today, settings, prices, kev), jobs=jobs)

    target = output if output is not None else Path("reports") / inventory.hospital.id
    if target.exists() and not target.is_dir():
        raise ConfigError(t("cli.not_a_directory", message_lang, path=str(target)))
    result = _run_with_progress(inventory, inputs, message_lang)
    # render everything first: nothing is written unless every format rendered
    rendered = [(target / name, data) for name, data in render(result, inventory, language, wanted)]
    # The JSON is made as it is written (see report.writers.Output): all or none of the files are replaced, so that
    # nothing is written unless it, too, could be made (and a full disk at the last file keeps the previous set).
    write_files(sorted(rendered, key=lambda item: isinstance(item[1], bytes)))
    _summary(result, [p for p, _ in rendered], message_lang)
    if fail_on is not None:
        worst = SEVERITIES.index(fail_on)
        if any(SEVERITIES.index(f.severity.value) <= worst for f in result.findings):
            raise typer.Exit(EXIT_FINDINGS)


def _run_with_progress(inventory, inputs, lang):  # type: ignore[no-untyped-def]
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from hismigrate.pipeline import Step
    from hismigrate.pipeline import assess as run_assessment

    if not err_console.is_terminal:
        return run_assessment(inventory, inputs)
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err_console, transient=True
    ) as bar:
        task = bar.add_task(t("cli.stage.start", lang), total=None)

        def step(event: Step) -> None:  # may be called from the thread that hears a worker (rich's bar is safe)
            bar.update(task, description=t(f"cli.stage.{event.stage}", lang, state=event.state or ""))

        return run_assessment(inventory, inputs, progress=step)


def _exposure(s, lang: str) -> str:  # type: ignore[no-untyped-def]
    """The index now and after with their bands; "cannot be judged" for an incomplete inventory, never 0."""
    if s.exposure_band_now is None:
        return t("report.band.none", lang)
    from hismigrate.report.formats import format_number

    now = t(f"report.band.{s.exposure_band_now.value}", lang)
    after = t(f"report.band.{s.exposure_band_after.value}", lang)
    return f"{format_number(s.exposure_index_now, 1)} ({now}) → {format_number(s.exposure_index_after, 1)} ({after})"


def _summary(result, written: list[Path], lang: str) -> None:  # type: ignore[no-untyped-def]
    """The headline figures in the message language, with the files written."""
    from rich.table import Table

    from hismigrate.model.completeness import findings_known, has_cost_case
    from hismigrate.report.formats import format_fiscal_year, format_pct, format_signed_jpy

    s = result.summary
    table = Table(title=t("cli.summary.title", lang, hospital=result.hospital.name), show_header=False)
    table.add_column()
    table.add_column(justify="right")
    table.add_row(t("cli.summary.exposure", lang), _exposure(s, lang))
    table.add_row(t("cli.summary.coverage", lang), format_pct(s.coverage, 0))
    by = s.findings_by_severity
    table.add_row(  # nothing was there to check: not "no findings"
        t("cli.summary.findings", lang),
        " / ".join(f"{t(f'report.severity.{sev}', lang)} {by.get(sev, 0)}" for sev in SEVERITIES)
        if findings_known(s.notes, by)
        else "—",
    )
    if not has_cost_case(s.notes):  # no plan, no cost case: not 0, not "the same"
        for key in ("waves", "npv", "break_even"):
            table.add_row(t(f"cli.summary.{key}", lang), "—")
    else:
        table.add_row(t("cli.summary.waves", lang), str(s.waves))
        table.add_row(t("cli.summary.npv", lang), format_signed_jpy(s.npv_saving_jpy, lang))
        table.add_row(
            t("cli.summary.break_even", lang),
            format_fiscal_year(s.break_even_year, lang) if s.break_even_year else t("cli.summary.no_break_even", lang),
        )
    for path in written:
        table.add_row(t("cli.summary.written", lang), str(path))
    console.print(table)
    from rich.markup import escape

    from hismigrate.report.notes import note_text

    for note in s.notes:  # what the figures could not rest on (a draft inventory, no systems)
        console.print(f"[yellow]![/yellow] {escape(note_text(note, lang))}", soft_wrap=True)
