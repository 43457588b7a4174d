"""What every section builder reads: the Assessment, the inventory, the language, and names for the ids in it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hismigrate import i18n
from hismigrate.model.assessment import Assessment
from hismigrate.model.inventory import Inventory, InventoryIndex
from hismigrate.model.plan import Reason

MILLION = 1_000_000
# Planner reason parameters that hold ids (one, or several joined by commas), written as names in the report.
_SYSTEM_PARAMS = frozenset({"system", "systems", "dependency", "group"})
_SERVER_PARAMS = frozenset({"server", "servers"})
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class ReportContext:
    assessment: Assessment
    inventory: Inventory
    lang: str
    index: InventoryIndex = field(init=False)
    checklist_titles: dict[str, str] = field(init=False)  # the MHLW checklist items' titles, by item (`2-(7)`)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", self.inventory.by_id())
        titles = {i.item: i.title.get(self.lang) or next(iter(i.title.values()), "") for i in self.assessment.checklist}
        object.__setattr__(self, "checklist_titles", titles)

    def t(self, key: str, **params: Any) -> str:
        return i18n.t(key, self.lang, **params)

    def label(self, value: Any) -> str:
        return i18n.label(value, self.lang)

    def label_of(self, enum: str, value: str) -> str:
        """The label of an enumeration value given by name (`Zone`, `clinical`); an unknown one as itself."""
        key = f"enum.{enum}.{value}"
        return i18n.t(key, self.lang) if i18n.has(key, self.lang) else value

    def check_title(self, check_id: str) -> str:
        key = f"exposure.check.{check_id}.title"
        return i18n.t(key, self.lang) if i18n.has(key, self.lang) else check_id

    def reason(self, reason: Reason) -> str:
        """A planner reason (`plan.reason.<key>`) in the report's language, its ids written as names (a system by
        its name, a server by its host name), its dates and bandwidths as everywhere else; an unknown key shows as
        itself."""
        key = f"plan.reason.{reason.key}"
        if not i18n.has(key, self.lang):
            return reason.key
        given = reason.params
        params = {
            # the planner gives the names beside the ids (`system` and `system_name`); ids of older results map here
            name: self._reason_param(name, str(value), given.get(f"{name}_name") or given.get(f"{name}_names"))
            for name, value in given.items()
        }
        return i18n.t(key, self.lang, **params)

    def _reason_param(self, name: str, value: str, names: str | None = None) -> str:
        from hismigrate.report.formats import format_date, format_mbps

        separator = "、" if self.lang == "ja" else ", "
        parts = [p.strip() for p in value.split(",") if p.strip()]
        if names is not None and name in _SYSTEM_PARAMS | _SERVER_PARAMS:
            return separator.join(n.strip() for n in names.split(", ") if n.strip())
        if name in _SYSTEM_PARAMS:
            return separator.join(self.system_name(p) for p in parts)
        if name in _SERVER_PARAMS:
            return separator.join(self.node_name(f"server:{p}") for p in parts)
        if name == "strategy":
            return self.label_of("Strategy", value)
        if _ISO_DATE.fullmatch(value):  # any date (`date`, `cutover`, `start`...) in the language's one style
            return format_date(date.fromisoformat(value), self.lang)
        if name in ("mbps", "capacity"):
            try:
                return format_mbps(float(value))
            except ValueError:
                return value
        return value

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

    def subject_kind(self, subject: str) -> str:
        """What a finding's subject is (`サーバー`, `接続点`, `経路`...)."""
        kind = subject.partition(":")[0]
        key = f"report.node.{kind}"
        return self.t(key) if i18n.has(key, self.lang) else kind

    def subject(self, subject: str) -> str:
        """A finding's subject for people: `種類: 名前` (routes and unknown kinds keep their id)."""
        kind, _, ident = subject.partition(":")
        key = f"report.node.{kind}"
        prefix = self.t(key) if i18n.has(key, self.lang) else kind
        return f"{prefix}: {self.node_name(subject)}" if ident else prefix
