"""What every section builder reads: the Assessment, the inventory, the language, and names for the ids in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hismigrate import i18n
from hismigrate.model.assessment import Assessment
from hismigrate.model.inventory import Inventory, InventoryIndex
from hismigrate.model.plan import Reason

MILLION = 1_000_000


@dataclass(frozen=True)
class ReportContext:
    assessment: Assessment
    inventory: Inventory
    lang: str
    index: InventoryIndex = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", self.inventory.by_id())

    def t(self, key: str, **params: Any) -> str:
        return i18n.t(key, self.lang, **params)

    def label(self, value: Any) -> str:
        return i18n.label(value, self.lang)

    def reason(self, reason: Reason) -> str:
        """A planner reason (`plan.reason.<key>`) in the report's language; an unknown key shows as itself."""
        key = f"plan.reason.{reason.key}"
        if not i18n.has(key, self.lang):
            return reason.key
        return i18n.t(key, self.lang, **reason.params)

    def system_name(self, system_id: str) -> str:
        system = self.index.systems.get(system_id)
        return system.name if system else system_id

    def node_name(self, node: str) -> str:
        """`system:emr` -> the system's name; servers, connections and segments likewise; others unchanged."""
        kind, _, ident = node.partition(":")
        if not ident:
            return self.t(f"report.node.{kind}") if i18n.has(f"report.node.{kind}", self.lang) else node
        idx = self.index
        if kind == "system" and ident in idx.systems:
            return idx.systems[ident].name
        if kind == "server" and ident in idx.servers:
            return idx.servers[ident].hostname
        if kind == "connection" and ident in idx.connections:
            return self.connection_name(idx.connections[ident])
        if kind == "segment" and ident in idx.segments:
            return idx.segments[ident].name
        if kind == "route" and "->" in ident:
            source, _, target = ident.partition("->")
            names = (idx.segments[x].name if x in idx.segments else x for x in (source, target))
            return " → ".join(names)
        return ident  # admin groups, domains: their label is their name

    def connection_name(self, connection: Any) -> str:
        """A line by its operator and purpose (`<operator>の<kind>`: 保守回線 only for remote maintenance), then the
        device at the hospital end; its id when nobody is named as operating it."""
        purpose = self.label(connection.kind)
        device = " ".join(p for p in (connection.device_vendor, connection.device_product) if p)
        who = (
            self.t("report.connection_title", operator=connection.operator, purpose=purpose)
            if connection.operator
            else f"{connection.id} ({purpose})"
        )
        return f"{who} ({device})" if device else who

    def subject(self, subject: str) -> str:
        """A finding's subject for people: `種類: 名前` (routes and unknown kinds keep their id)."""
        kind, _, ident = subject.partition(":")
        key = f"report.node.{kind}"
        prefix = self.t(key) if i18n.has(key, self.lang) else kind
        return f"{prefix}: {self.node_name(subject)}" if ident else prefix
