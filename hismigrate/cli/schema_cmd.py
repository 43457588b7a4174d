"""`hismigrate schema`: the JSON Schema of the inventory, for editors' YAML completion (or of a group file, or of
assessment.json or group.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from hismigrate.cli.common import guarded


@guarded
def schema(
    output: Annotated[Path | None, typer.Option("-o", "--output")] = None,
    result: Annotated[bool, typer.Option("--result")] = False,
    group: Annotated[bool, typer.Option("--group")] = False,
) -> None:
    """Print the JSON Schema of the inventory format (use it in an editor for YAML completion), with --result
    the schema of assessment.json, with --group that of a group file, with both that of group.json."""
    from hismigrate.atomic import write_text

    if result and group:
        from hismigrate.report.group.writers import group_result_schema

        document = group_result_schema()
    elif result:
        from hismigrate.report.json_writer import result_schema

        document = result_schema()
    elif group:
        from hismigrate.model.group import GroupSpec

        document = GroupSpec.model_json_schema(by_alias=True)
        document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        document["title"] = "hismigrate group"
    else:
        from hismigrate.model.inventory import Inventory

        document = Inventory.model_json_schema(by_alias=True)
        document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        document["title"] = "hismigrate inventory"
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_text(output, text)
