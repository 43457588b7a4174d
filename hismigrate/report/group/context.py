"""What every group section builder reads: the GroupAssessment, the members' inventories (for names), the
language, and the words for ids, reasons, dates and amounts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hismigrate import i18n
from hismigrate.model.group_result import GroupAssessment, MemberFacts
from hismigrate.model.inventory import Inventory
from hismigrate.model.plan import Reason
from hismigrate.report.formats import format_date, format_fiscal_year, format_jpy, format_month

MILLION = 1_000_000


@dataclass(frozen=True)
class GroupReportContext:
    result: GroupAssessment
    inventories: dict[str, Inventory]
    lang: str
    members: dict[str, MemberFacts] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "members", {m.id: m for m in self.result.members})

    def t(self, key: str, **params: Any) -> str:
        return i18n.t(key, self.lang, **params)

    def label(self, value: Any) -> str:
        return i18n.label(value, self.lang)

    def reason(self, reason: Reason) -> str:
        """A group reason (`group.reason.<key>`), dates in the report's style; an unknown key shows as itself."""
        key = f"group.reason.{reason.key}"
        if not i18n.has(key, self.lang):
            return reason.key
        params = {k: self.day(date.fromisoformat(v)) if k == "date" else v for k, v in reason.params.items()}
        return i18n.t(key, self.lang, **params)

    def effect(self, reason: Reason) -> str:
        return i18n.t(f"group.effect.{reason.key}", self.lang, **reason.params)

    def name(self, member: str) -> str:
        found = self.members.get(member)
        return found.name if found else member

    def system(self, member: str, system: str) -> str:
        inventory = self.inventories.get(member)
        if inventory is None:
            return system
        found = next((s for s in inventory.systems if s.id == system), None)
        return found.name if found else system

    def join(self, items: Iterable[str]) -> str:
        return ("、" if self.lang == "ja" else ", ").join(items)

    def some(self, items: Iterable[str], shown: int = 5) -> str:
        """The first `shown` items joined, and how many more (a sentence stays a sentence with 20 members)."""
        listed = list(items)
        text = self.join(listed[:shown])
        if len(listed) > shown:
            text += self.t("group.report.and_more", count=len(listed) - shown)
        return text

    def jpy(self, value: int | float | None, exact: bool = False) -> str:
        return format_jpy(value, self.lang, exact=exact)

    def day(self, value: date | None) -> str:
        return format_date(value, self.lang)

    def month(self, value: date | None) -> str:
        return format_month(value, self.lang)

    def fy(self, year: int | None) -> str:
        return format_fiscal_year(year, self.lang)


__all__ = ["MILLION", "GroupReportContext"]
