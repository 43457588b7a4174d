"""`hismigrate validate`: load an inventory and list every problem with its file and place."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hismigrate.cli.common import LANG_HELP, console, guarded, message_language
from hismigrate.i18n import t


@guarded
def validate(
    paths: Annotated[
        list[Path], typer.Argument(help="Inventory: YAML files, a directory of them, or an Excel workbook.")
    ],
    lang: Annotated[str | None, typer.Option("--lang", help=LANG_HELP)] = None,
) -> None:
    """Check an inventory; exit 0 when valid, 2 with every problem listed (file and line, or sheet, row, column)."""
    from hismigrate.load import load_inventory

    language = message_language(lang)
    inventory = load_inventory(paths)
    console.print(
        t(
            "cli.valid",
            language,
            hospital=inventory.hospital.name,
            segments=len(inventory.segments),
            servers=len(inventory.servers),
            systems=len(inventory.systems),
            connections=len(inventory.connections),
            flows=len(inventory.flows),
        )
    )
