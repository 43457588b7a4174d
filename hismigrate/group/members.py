"""A member as the group analyses see it: its inventory, its own assessment (run as for one hospital) and its
entry in the group file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from hismigrate.model.assessment import Assessment
from hismigrate.model.group import MemberRef
from hismigrate.model.inventory import Inventory, InventoryIndex
from hismigrate.model.plan import MigrationPlan, Wave


@dataclass(frozen=True)
class Member:
    inventory: Inventory
    assessment: Assessment
    ref: MemberRef

    @property
    def id(self) -> str:
        return self.inventory.hospital.id

    @property
    def beds(self) -> int:
        return self.inventory.hospital.beds

    @cached_property
    def index(self) -> InventoryIndex:
        return self.inventory.by_id()

    @cached_property
    def own_plan(self) -> MigrationPlan:
        """The member's own migration plan, as its assessment holds it."""
        a = self.assessment
        return MigrationPlan(
            strategies=a.strategies,
            waves=tuple(Wave(index=w.index, cutover=w.cutover, systems=w.systems, groups=w.groups) for w in a.waves),
            already_in_cloud=a.states[0].systems_in_cloud if a.states else (),
        )

    def alone_in_cloud(self, day: date) -> frozenset[str]:
        """Its systems in the cloud on `day` under its own plan."""
        plan = self.own_plan
        moved = set(plan.already_in_cloud)
        for wave in plan.waves:
            if wave.cutover <= day:
                moved.update(wave.systems)
        return frozenset(moved)


__all__ = ["Member"]
