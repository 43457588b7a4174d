"""`hismigrate group`: several hospitals moving onto one shared system (共同利用): check a group file and its
members, and assess the group (members' own assessments, then package fit, joint waves, the shared cost case and
the regional blast radius) into one report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hismigrate.cli.common import console, err_console, guarded, message_language, parse_as_of
from hismigrate.cli.help import CliTyper
from hismigrate.errors import ConfigError
from hismigrate.i18n import t
from hismigrate.parallel import large_heap

# Help texts, option descriptions and examples: the catalogs' help.cmd.group.* (cli/help.py).
app = CliTyper(name="group", no_args_is_help=True)


@app.command()
@guarded
def validate(
    group: Annotated[Path, typer.Argument()],
    lang: Annotated[str | None, typer.Option("--lang")] = None,
) -> None:
    """Check a group file and every member's inventory; exit 0 when valid, 2 with every problem listed (the group
    file's line or cell, or the member's own file and line)."""
    from hismigrate.load.group_source import load_group, load_members

    language = message_language(lang)
    source = load_group(group)
    inventories = load_members(source)
    console.print(
        t(
            "group.cli.valid",
            language,
            group=source.spec.group.name,
            members=len(inventories),
            beds=sum(i.hospital.beds for i in inventories),
        )
    )
    for inventory in inventories:
        h = inventory.hospital
        console.print(
            t("group.cli.member", language, hospital=h.name, beds=h.beds, systems=len(inventory.systems)),
            soft_wrap=True,
        )


@app.command()
@guarded
def assess(
    group: Annotated[Path, typer.Argument()],
    output: Annotated[Path | None, typer.Option("-o", "--output")] = None,
    formats: Annotated[str, typer.Option("--format")] = "html,md,xlsx,json",
    lang: Annotated[str | None, typer.Option("--lang")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of")] = None,
    prices: Annotated[Path | None, typer.Option("--prices")] = None,
    settings: Annotated[Path | None, typer.Option("--settings")] = None,
    kev: Annotated[Path | None, typer.Option("--kev")] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", min=1)] = None,
) -> None:
    """Assess a group: each member as `assess` does, then package fit, joint waves, the shared cost case and the
    regional blast radius; write the group report."""
    from hismigrate.report.group.writers import GROUP_WRITERS

    language = message_language(lang) if lang else "ja"
    message_lang = message_language(lang)
    wanted = [f.strip().lower() for f in formats.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in GROUP_WRITERS]
    if unknown or not wanted:
        raise ConfigError(
            t("cli.bad_format", message_lang, value=", ".join(unknown) or formats, choices=", ".join(GROUP_WRITERS))
        )
    today = parse_as_of(as_of, message_lang)
    _assess_and_write(group, output, wanted, language, message_lang, today, settings, prices, kev, jobs)


@large_heap()
def _assess_and_write(  # type: ignore[no-untyped-def]
    group, output, wanted, language, message_lang, today, settings, prices, kev, jobs
) -> None:
    from dataclasses import replace

    from hismigrate.atomic import write_files
    from hismigrate.load.group_source import group_inputs, load_group, load_members
    from hismigrate.report.group.writers import render_group

    source = load_group(group)
    inventories = load_members(source)
    inputs = replace(group_inputs(source, today, settings, prices, kev), jobs=jobs)
    target = output if output is not None else Path("reports") / source.spec.group.id
    if target.exists() and not target.is_dir():
        raise ConfigError(t("cli.not_a_directory", message_lang, path=str(target)))
    result, members = _run_with_progress(source, inventories, inputs, message_lang)
    # every format rendered first; then all or none of the files are replaced (a full disk keeps the previous set)
    rendered = [
        (target / name, data) for name, data in render_group(result, [m.inventory for m in members], language, wanted)
    ]
    write_files(rendered)
    _summary(result, [path for path, _ in rendered], message_lang)


def _run_with_progress(source, inventories, inputs, lang):  # type: ignore[no-untyped-def]
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from hismigrate.group.assess import GroupStep, assess_group

    if not err_console.is_terminal:
        return assess_group(source, inventories, inputs)
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err_console, transient=True
    ) as bar:
        task = bar.add_task(t("cli.stage.start", lang), total=None)

        def step(event: GroupStep) -> None:
            bar.update(task, description=t(f"group.cli.stage.{event.stage}", lang, done=event.done, total=event.total))

        return assess_group(source, inventories, inputs, progress=step)


def _summary(result, written: list[Path], lang: str) -> None:  # type: ignore[no-untyped-def]
    from rich.table import Table

    from hismigrate.report.formats import format_date, format_signed_jpy

    cost, plan = result.cost, result.plan
    table = Table(title=t("group.cli.summary.title", lang, group=result.group.name), show_header=False)
    table.add_column()
    table.add_column(justify="right")
    table.add_row(t("group.cli.summary.members", lang), f"{result.group.members} / {result.group.beds}")
    table.add_row(t("group.cli.summary.ready", lang), format_date(plan.environment_ready, lang))
    table.add_row(t("group.cli.summary.waves", lang), str(len(plan.waves)))
    table.add_row(t("group.cli.summary.npv", lang), format_signed_jpy(cost.npv_saving_jpy, lang))
    names = {m.id: m.name for m in result.members}
    dearer = ", ".join(names[m] for m in cost.dearer) or t("group.cli.summary.none", lang)
    table.add_row(t("group.cli.summary.dearer", lang), dearer)
    for path in written:
        table.add_row(t("cli.summary.written", lang), str(path))
    console.print(table)
