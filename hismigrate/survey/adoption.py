"""Adoption flags of a hospital from its inventory: which kinds of system it runs, and which kinds of ordering.

An ordering kind is in use when orders flow out of an ordering system or the EMR into the department system that
carries them out (lab orders into the LIS, radiology orders into the RIS, ...): a flow, not a system name, says so.
"""

from __future__ import annotations

from hismigrate.model.enums import SystemCategory
from hismigrate.model.inventory import Inventory
from hismigrate.model.submission import Adoption, OrderingKind

ORDER_SOURCES = frozenset({SystemCategory.ordering, SystemCategory.emr})
"""Systems that place orders: a dedicated ordering system, or an EMR with order entry built in."""

# The ministry's ordering kinds by the category of the system that receives the orders. "Other" is the ministry's
# catch-all (surgery, dialysis, rehabilitation, check-ups, supplies); billing is not an order kind: every EMR sends
# its charges there.
ORDER_TARGETS: dict[SystemCategory, OrderingKind] = {
    SystemCategory.lis: OrderingKind.lab,
    SystemCategory.ris: OrderingKind.radiology,
    SystemCategory.pharmacy: OrderingKind.pharmacy,
    SystemCategory.nutrition: OrderingKind.nutrition,
    SystemCategory.surgery: OrderingKind.other,
    SystemCategory.dialysis: OrderingKind.other,
    SystemCategory.rehabilitation: OrderingKind.other,
    SystemCategory.checkup: OrderingKind.other,
    SystemCategory.logistics: OrderingKind.other,
}


def ordering_kinds(inventory: Inventory) -> set[OrderingKind]:
    """The kinds of ordering shown by flows from an ordering system or the EMR to a department system."""
    category = {s.id: s.category for s in inventory.systems}
    kinds: set[OrderingKind] = set()
    for flow in inventory.flows:
        if category.get(flow.source) in ORDER_SOURCES:
            kind = ORDER_TARGETS.get(category.get(flow.target))  # type: ignore[arg-type]
            if kind is not None:
                kinds.add(kind)
    return kinds


def adoption(inventory: Inventory) -> Adoption:
    """Flags for the EMR, ordering (any kind, and by kind), PACS and every system category in use."""
    categories = {s.category for s in inventory.systems}
    kinds = ordering_kinds(inventory)
    return Adoption(
        emr=SystemCategory.emr in categories,
        ordering=SystemCategory.ordering in categories or bool(kinds),
        ordering_kinds={k: k in kinds for k in OrderingKind},
        pacs=SystemCategory.pacs in categories,
        departments={c: c in categories for c in SystemCategory},
    )
