"""`hismigrate init DIR --from-rvtools FILE`: a draft inventory folder from a discovery export, and its TODO list."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hismigrate.cli.common import console, guarded, message_language
from hismigrate.errors import ConfigError
from hismigrate.i18n import t

SOURCES = ("--from-rvtools", "--from-azure-migrate", "--from-aws-migration-hub")


@guarded
def init(
    folder: Annotated[Path, typer.Argument()],
    from_rvtools: Annotated[Path | None, typer.Option("--from-rvtools")] = None,
    from_azure_migrate: Annotated[Path | None, typer.Option("--from-azure-migrate")] = None,
    from_aws_migration_hub: Annotated[
        Path | None,
        typer.Option("--from-aws-migration-hub"),
    ] = None,
    include_powered_off: Annotated[bool, typer.Option("--include-powered-off")] = False,
    include_templates: Annotated[bool, typer.Option("--include-templates")] = False,
    hospital_id: Annotated[str | None, typer.Option("--hospital-id")] = None,
    name: Annotated[str | None, typer.Option("--name")] = None,
    beds: Annotated[int | None, typer.Option("--beds")] = None,
    hospital_type: Annotated[str | None, typer.Option("--type")] = None,
    prefecture: Annotated[str | None, typer.Option("--prefecture")] = None,
    founder: Annotated[str | None, typer.Option("--founder")] = None,
    lang: Annotated[str | None, typer.Option("--lang")] = None,
) -> None:
    """Write a draft inventory from a discovery export: a hospital stub, segments from the networks, the servers
    and hypervisor hosts (clusters as redundancy groups), draft systems grouped by folder, vApp, annotation or name
    prefix, and TODO.md listing what the export cannot tell. Guesses carry a `draft` line with their reason;
    `validate` lists them as warnings and the report says it rests on a draft. Hospital facts not given here are
    placeholders to fill in."""
    from hismigrate.atomic import write_directory
    from hismigrate.cli.import_cmd import say_skipped_and_remarks
    from hismigrate.load.importers.draft_inventory import HospitalGiven, draft_inventory
    from hismigrate.load.importers.todo import todo_items
    from hismigrate.write.draft_writer import draft_files

    language = message_language(lang)
    given = [
        (o, p) for o, p in zip(SOURCES, (from_rvtools, from_azure_migrate, from_aws_migration_hub), strict=True) if p
    ]
    if len(given) != 1:
        raise ConfigError(t("imports.init.one_source", language))
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ConfigError(t("imports.init.not_empty", language, path=str(folder)))
    option, path = given[0]
    result = _import(option, path, include_powered_off, include_templates, language)
    hospital = HospitalGiven(hospital_id, name, beds, hospital_type, prefecture, founder)
    draft = draft_inventory(result, hospital, folder.resolve().name, language)
    todo = todo_items(result, draft, language)
    files = draft_files(result, draft, todo, language)
    write_directory(folder, files)
    inventory = draft.inventory
    hosts = sum(1 for s in inventory.servers if s.role.value == "hypervisor")
    _say(
        t(
            "imports.init.written",
            language,
            path=str(folder),
            source=t(f"imports.source.{result.source}", language),
            file=result.file,
            segments=len(inventory.segments),
            hosts=hosts,
            servers=len(inventory.servers) - hosts,
            systems=len(inventory.systems),
        )
    )
    _say(t("imports.init.files", language, files=", ".join(files)))
    say_skipped_and_remarks(result, language)
    _say(t("imports.init.todo", language, path=str(folder / "TODO.md")))
    for number, item in enumerate(todo, start=1):
        _say(f"  {number}. {item}")


def _import(option: str, path: Path, powered_off: bool, templates: bool, lang: str):  # type: ignore[no-untyped-def]
    if option == "--from-rvtools":
        from hismigrate.load.importers.rvtools import RvtoolsOptions, import_rvtools

        return import_rvtools(path, RvtoolsOptions(None, powered_off, templates, lang))
    if option == "--from-azure-migrate":
        from hismigrate.load.importers.azure_migrate import import_azure_migrate

        return import_azure_migrate(path)
    from hismigrate.load.importers.aws_migration_hub import import_aws_migration_hub

    return import_aws_migration_hub(path, None, lang)


def _say(text: str) -> None:
    """Print a line as it is: file names may hold brackets that rich would take for markup."""
    console.print(text, markup=False, soft_wrap=True)
