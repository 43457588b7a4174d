"""The TODO list of a draft inventory: what the export could not tell and someone at the hospital must, file by
file, in the order a plan needs it. Printed by `hismigrate init` and written beside the files as TODO.md."""

from __future__ import annotations

from collections import Counter

from hismigrate.i18n import t
from hismigrate.load.importers.draft_inventory import DraftInventory
from hismigrate.load.importers.grouping import UNSORTED
from hismigrate.load.importers.result import ImportResult
from hismigrate.model.enums import ServerRole


def todo_items(result: ImportResult, draft: DraftInventory, lang: str) -> list[str]:
    """The TODO items, one sentence or two each."""
    inventory = draft.inventory
    items: list[str] = []
    if draft.placeholders:
        items.append(t("imports.todo.hospital", lang, fields=", ".join(draft.placeholders)))
    zones = Counter(s.zone.value for s in inventory.segments)
    items.append(
        t(
            "imports.todo.segments",
            lang,
            count=len(inventory.segments),
            zones=", ".join(f"{zone} {n}" for zone, n in sorted(zones.items())),
        )
    )
    items.append(t("imports.todo.servers", lang, count=len(result.servers)))
    hosts = [s for s in result.hosts if s.role == ServerRole.hypervisor]
    if hosts:
        items.append(t("imports.todo.hosts", lang, count=len(hosts)))
    remarks = {r.key: r.params for r in result.remarks}
    for key in ("hosts_not_in_vhost", "vm_incomplete", "several_networks"):
        if key in remarks:
            items.append(t(f"imports.todo.{key}", lang, **remarks[key]))
    bases = Counter(s.basis for s in draft.systems if s.basis != UNSORTED)
    items.append(
        t(
            "imports.todo.systems",
            lang,
            count=len(draft.systems),
            bases=", ".join(t(f"imports.todo.basis.{b}", lang, count=n) for b, n in sorted(bases.items())) or "-",
        )
    )
    unsorted = next((s for s in draft.systems if s.basis == UNSORTED), None)
    if unsorted is not None:
        items.append(t("imports.todo.unsorted", lang, count=len(unsorted.servers), id=unsorted.id))
    items += [t(f"imports.todo.{key}", lang) for key in ("connections", "flows", "practices", "costs", "next")]
    return items


def todo_markdown(items: list[str], title: str) -> str:
    """TODO.md: a title and a numbered list, each item on its own line."""
    return f"# {title}\n\n" + "".join(f"{n}. {item}\n" for n, item in enumerate(items, start=1))
