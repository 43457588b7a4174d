"""`hismigrate export azure-migrate|aws-migration-hub`: an inventory's servers -> the cloud tools' import CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hismigrate.cli.common import console, guarded, message_language
from hismigrate.cli.help import CliTyper
from hismigrate.i18n import t
from hismigrate.parallel import large_heap

app = CliTyper(no_args_is_help=True)

InventoryArg = Annotated[list[Path], typer.Argument()]
OutputOpt = Annotated[Path, typer.Option("-o", "--output")]
LangOpt = Annotated[str | None, typer.Option("--lang")]


@app.command("azure-migrate")
@guarded
def azure_migrate(paths: InventoryArg, output: OutputOpt, lang: LangOpt = None) -> None:
    """Write the servers as an Azure Migrate import CSV (servers without cores, memory or OS are listed)."""
    _export("azure-migrate", paths, output, message_language(lang))


@app.command("aws-migration-hub")
@guarded
def aws_migration_hub(paths: InventoryArg, output: OutputOpt, lang: LangOpt = None) -> None:
    """Write the servers as an AWS Migration Hub import CSV."""
    _export("aws-migration-hub", paths, output, message_language(lang))


@large_heap()
def _export(name: str, paths: list[Path], output: Path, lang: str) -> None:
    from hismigrate.atomic import write_text
    from hismigrate.load import load_inventory
    from hismigrate.write.discovery_csv import FORMATS, discovery_csv, incomplete

    target = FORMATS[name]
    servers = load_inventory(paths).servers
    write_text(output, discovery_csv(servers, target))
    _say(
        t("imports.export.written", lang, path=str(output), servers=len(servers), target=target.label),
    )
    lacking = incomplete(servers, target)
    if lacking:
        names = ", ".join(s.id for s in lacking[:10]) + (", ..." if len(lacking) > 10 else "")
        fields = ", ".join(target.required)
        _say(
            t("imports.export.incomplete", lang, count=len(lacking), target=target.label, fields=fields, names=names),
        )


def _say(text: str) -> None:
    console.print(text, markup=False, soft_wrap=True)
