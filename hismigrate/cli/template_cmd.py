"""`hismigrate template`: a blank inventory workbook (or one filled with the example hospital) to fill in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hismigrate.cli.common import console, guarded, message_language
from hismigrate.errors import ConfigError
from hismigrate.i18n import t


@guarded
def template(
    output: Annotated[Path, typer.Argument()],
    lang: Annotated[str, typer.Option("--lang")] = "ja",
    example: Annotated[bool, typer.Option("--example")] = False,
) -> None:
    """Write an inventory workbook: one sheet per part, notes on every header, drop-downs and instructions."""
    from hismigrate.data import load_data
    from hismigrate.errors import Location
    from hismigrate.load.validate import to_inventory
    from hismigrate.write.excel_writer import write_excel

    language = message_language(lang)
    if output.suffix.lower() != ".xlsx":
        raise ConfigError(t("problem.excel_unsupported_output", language, suffix=output.suffix or "(none)"))
    inventory = None
    if example:
        inventory = to_inventory(load_data("template_example.yaml"), lambda loc: Location("template_example.yaml"))
    write_excel(output, inventory, language)
    note = t("cli.template_example", language) if example else ""
    console.print(t("cli.template_written", language, path=str(output), language=language, example=note))
