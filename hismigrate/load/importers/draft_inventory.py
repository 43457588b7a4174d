"""A draft inventory from an import: a hospital stub, segments from the export's networks, the servers and hosts,
and draft systems. What was guessed carries a `draft` mark saying what and why (model/completeness.py), so that
`validate` lists it and the report says it rests on a draft; what the export cannot tell goes to the TODO list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from pydantic import ValidationError

from hismigrate.errors import ConfigError
from hismigrate.i18n import t
from hismigrate.load.importers.grouping import UNSORTED, DraftSystem, group_systems
from hismigrate.load.importers.guesses import guess_zone
from hismigrate.load.importers.result import ImportResult, SegmentSeen
from hismigrate.load.validate import check_inventory
from hismigrate.model.enums import Zone
from hismigrate.model.inventory import Hospital, Inventory, Segment, System

PLACEHOLDERS = {"beds": 0, "type": "acute", "prefecture": "tokyo", "founder": "other"}
"""Values standing in for the hospital facts an export cannot tell (the name is a text asking for it)."""


@dataclass(frozen=True)
class HospitalGiven:
    """Hospital facts given on the command line; the others are placeholders marked to fill in."""

    id: str | None = None
    name: str | None = None
    beds: int | None = None
    type: str | None = None
    prefecture: str | None = None
    founder: str | None = None


@dataclass(frozen=True)
class DraftInventory:
    inventory: Inventory
    systems: tuple[DraftSystem, ...]
    placeholders: tuple[str, ...]  # hospital fields still holding a placeholder


def draft_inventory(result: ImportResult, given: HospitalGiven, folder_name: str, lang: str) -> DraftInventory:
    """The whole draft; ConfigError when a given hospital fact is not valid."""
    hospital, placeholders = _hospital(given, folder_name, lang)
    systems = tuple(group_systems(result.servers, result.hints))
    inventory = Inventory(
        hospital=hospital,
        segments=draft_segments(result.segments, lang),
        servers=list(result.all_servers()),
        systems=[_system(s, lang) for s in systems],
    )
    check_inventory(inventory, result.file)
    return DraftInventory(inventory, systems, placeholders)


def draft_segments(seen: tuple[SegmentSeen, ...], lang: str) -> list[Segment]:
    """A segment for each one the import placed servers in, its zone guessed from its name."""
    out = []
    for segment in seen:
        if segment.basis == "hosts":
            zone, why = Zone.management, t("imports.draft.segment_hosts", lang)
        elif segment.basis == "network":
            guess = guess_zone(segment.name)
            zone = guess.value  # type: ignore[assignment]
            why = (
                t("imports.draft.zone_word", lang, zone=zone.value, word=guess.word, name=segment.name)
                if guess.word
                else t("imports.draft.zone_default", lang, zone=zone.value, name=segment.name)
            )
        elif segment.basis == "subnet":
            zone, why = Zone.clinical, t("imports.draft.segment_subnet", lang, subnet=segment.name, zone="clinical")
        else:
            zone, why = Zone.clinical, t("imports.draft.segment_none", lang, zone="clinical")
        name = (
            t(f"imports.draft.segment_name.{segment.basis}", lang)
            if segment.basis in ("hosts", "none")
            else segment.name
        )
        name += f" (VLAN {segment.vlan})" if segment.vlan else ""
        out.append(Segment(id=segment.id, name=name, zone=zone, draft=why))
    return out


def _hospital(given: HospitalGiven, folder_name: str, lang: str) -> tuple[Hospital, tuple[str, ...]]:
    values: dict[str, object] = {"id": given.id or _slug(folder_name) or "hospital"}
    placeholders = []
    for f in fields(HospitalGiven)[1:]:
        value = getattr(given, f.name)
        if value is None:
            placeholders.append(f.name)
            value = t("imports.draft.hospital_name", lang) if f.name == "name" else PLACEHOLDERS[f.name]
        values[f.name] = value
    if placeholders:
        values["draft"] = t("imports.draft.hospital", lang, fields=", ".join(placeholders))
    try:
        return Hospital.model_validate(values), tuple(placeholders)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        option = "--hospital-id" if error["loc"][0] == "id" else f"--{error['loc'][0]}"
        raise ConfigError(
            t("imports.init.bad_hospital", lang, option=option, value=error.get("input"), detail=error["msg"])
        ) from None


def _system(system: DraftSystem, lang: str) -> System:
    if system.basis == UNSORTED:
        grouped = t("imports.draft.by.unsorted", lang, count=len(system.servers))
    else:
        grouped = t(f"imports.draft.by.{system.basis}", lang, name=system.key, count=len(system.servers))
    category = system.category
    why = [
        grouped,
        t("imports.draft.category_word", lang, category=category.value, word=category.word)
        if category.word
        else t("imports.draft.category_none", lang),
        t("imports.draft.criticality", lang, value=system.criticality),
    ]
    return System(
        id=system.id,
        name=t("imports.draft.unsorted_name", lang) if system.basis == UNSORTED else system.name,
        category=category.value,
        servers=list(system.servers),
        criticality=system.criticality,
        draft=t("imports.note.separator", lang).join(why),
    )


def _slug(text: str) -> str:
    """A hospital id from the folder's name: `Sakura General` -> `sakura-general`."""
    return re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-_")[:64]
