"""What an inventory does not say yet: content guessed by `hismigrate init` (items with a `draft` mark) and parts
left empty. One definition for `validate`, which warns about each, and for the assessment, whose summary states the
notes before any figure ("this report rests on a draft inventory"; "no systems: no plan and no cost case").

A note is a catalog key under `note.` with its parameters, so that every report states it in its own language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pydantic import Field

from hismigrate.model.frozen import Frozen
from hismigrate.model.inventory import Inventory

DRAFT_PARTS = ("hospital", "segments", "servers", "systems", "connections")
"""The parts whose items can carry a draft mark, in the order they are reported."""


class Note(Frozen):
    """Something a reader must know before any figure: what the assessment could not rest on."""

    key: str = Field(
        description="Catalog key under `note.`: `draft_inventory`, `no_systems`, `no_servers`, `no_connections`."
    )
    params: dict[str, int] = Field(
        default_factory=dict, description="For `draft_inventory`: how many items of each part are drafts."
    )


@dataclass(frozen=True)
class DraftItem:
    """An item still marked as a draft: its part, its id (the hospital's id for the hospital) and the reason."""

    part: str
    id: str
    reason: str


def draft_items(inventory: Inventory) -> list[DraftItem]:
    """Every item with a draft mark, part by part in `DRAFT_PARTS` order, items in inventory order."""
    found: list[DraftItem] = []
    if inventory.hospital.draft:
        found.append(DraftItem("hospital", inventory.hospital.id, inventory.hospital.draft))
    for part in DRAFT_PARTS[1:]:
        found.extend(DraftItem(part, item.id, item.draft) for item in getattr(inventory, part) if item.draft)
    return found


def inventory_notes(inventory: Inventory) -> tuple[Note, ...]:
    """The notes an assessment of this inventory carries, most important first."""
    notes: list[Note] = []
    drafts = draft_items(inventory)
    if drafts:
        counts = {part: sum(1 for d in drafts if d.part == part) for part in DRAFT_PARTS}
        notes.append(Note(key="draft_inventory", params=counts))
    for part in ("systems", "servers", "connections"):
        if not getattr(inventory, part):
            notes.append(Note(key=f"no_{part}"))
    return tuple(notes)


INCOMPLETE_PARTS = ("systems", "servers", "connections")
"""The parts every verdict rests on: with one missing, the assessment names no exposure band (and, without systems or
servers, no plan or cost case) rather than a 0 it cannot stand behind."""


def missing_parts(notes: Iterable[Note]) -> tuple[str, ...]:
    """The parts an assessment's notes say the inventory lists none of, in `INCOMPLETE_PARTS` order."""
    keys = {n.key for n in notes}
    return tuple(part for part in INCOMPLETE_PARTS if f"no_{part}" in keys)


def has_cost_case(notes: Iterable[Note]) -> bool:
    """A plan and a cost case rest on the systems and the servers they run on: without either, their figures are
    not given (not 0 waves, not "the same cost")."""
    return not {"systems", "servers"} & set(missing_parts(notes))


def findings_known(notes: Iterable[Note], by_severity: Mapping[str, int]) -> bool:
    """Whether the findings' counts can be stated: an incomplete inventory in which nothing was found had nothing to
    check, which is not "no findings"."""
    return not missing_parts(notes) or any(by_severity.values())
