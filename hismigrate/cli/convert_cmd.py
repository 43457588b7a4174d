"""`hismigrate convert`: an inventory from YAML to an Excel workbook, or from a workbook to YAML."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hismigrate.cli.common import console, err_console, guarded, message_language
from hismigrate.errors import ConfigError
from hismigrate.i18n import t
from hismigrate.parallel import large_heap

_YAML = (".yaml", ".yml")


@guarded
@large_heap()
def convert(
    paths: Annotated[list[Path], typer.Argument()],
    output: Annotated[Path, typer.Option("-o", "--output")],
    lang: Annotated[str | None, typer.Option("--lang")] = None,
) -> None:
    """Convert an inventory between YAML and Excel; the result loads to an equal inventory."""
    from hismigrate.atomic import write_text
    from hismigrate.load import EXCEL_SUFFIXES, load_inventory
    from hismigrate.load.excel_source import read_excel
    from hismigrate.write.excel_writer import write_excel
    from hismigrate.write.yaml_writer import inventory_yaml

    language = message_language(lang)
    suffix = output.suffix.lower()
    if suffix not in (".xlsx", *_YAML):
        raise ConfigError(t("problem.excel_unsupported_output", language, suffix=output.suffix or "(none)"))
    if len(paths) == 1 and paths[0].suffix.lower() in EXCEL_SUFFIXES:
        loaded = read_excel(paths[0])
        for warning in loaded.warnings:
            err_console.print(t("cli.excel_warning", language, message=warning.render(language)), soft_wrap=True)
        inventory = loaded.inventory
    else:
        inventory = load_inventory(paths)
    if suffix == ".xlsx":
        write_excel(output, inventory, lang or "ja")
    else:
        write_text(output, inventory_yaml(inventory))
    source = ", ".join(str(p) for p in paths)
    console.print(
        t(
            "cli.converted",
            language,
            source=source,
            target=str(output),
            servers=len(inventory.servers),
            systems=len(inventory.systems),
        )
    )
