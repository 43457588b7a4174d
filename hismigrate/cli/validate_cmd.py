"""`hismigrate validate`: load an inventory and list every problem with its file and place; then what it does not say
yet (draft content, empty parts) as warnings, which leave the exit code at 0."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from hismigrate.cli.common import console, guarded, message_language
from hismigrate.i18n import t
from hismigrate.parallel import large_heap

if TYPE_CHECKING:
    from hismigrate.model.inventory import Inventory

SHOWN_DRAFTS = 3
"""Draft items named per part; the others are counted."""


@guarded
@large_heap()
def validate(
    paths: Annotated[list[Path], typer.Argument()],
    lang: Annotated[str | None, typer.Option("--lang")] = None,
) -> None:
    """Check an inventory; exit 2 with every problem listed (file and line, or sheet, row, column), else 0 with
    warnings about what it does not say yet (draft items left by `hismigrate init`, no systems, no connections)."""
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
    found = warnings(inventory, language)
    if found:
        console.print(t("cli.warnings", language, count=len(found)))
    for line in found:
        console.print(f"[yellow]![/yellow] {escape(line)}", soft_wrap=True)


def warnings(inventory: Inventory, lang: str) -> list[str]:
    """One line per draft part (its first items with their reasons) and per empty part that a plan needs."""
    from hismigrate.model.completeness import DRAFT_PARTS, draft_items, inventory_notes
    from hismigrate.report.notes import note_text

    drafts = draft_items(inventory)
    lines: list[str] = []
    for part in DRAFT_PARTS:
        items = [d for d in drafts if d.part == part]
        if not items:
            continue
        if part == "hospital":
            lines.append(t("cli.warning_hospital", lang, id=items[0].id, reason=items[0].reason))
            continue
        named = "; ".join(f"{d.id} ({d.reason})" for d in items[:SHOWN_DRAFTS])
        if len(items) > SHOWN_DRAFTS:
            named += " " + t("cli.warning_more", lang, count=len(items) - SHOWN_DRAFTS)
        lines.append(
            t("cli.warning_drafts", lang, count=len(items), part=t(f"cli.draft_part.{part}", lang), items=named)
        )
    lines += [note_text(n, lang) for n in inventory_notes(inventory) if n.key != "draft_inventory"]
    return lines
