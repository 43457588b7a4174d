"""Where every cost line is booked: year, scenario, category, subject, amount and the basis it was computed from.

A basis reference is `setting:<path>`, `catalog:<item id>` or `inventory:<part>.<id>.<field>`, so that every
figure can be traced back to a setting, a catalog item or the hospital's own data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

BASELINE, PLAN = "baseline", "plan"


@dataclass
class Ledger:
    years: list[int]
    track_basis: bool = True  # off for runs that only need totals (sensitivity, refresh alternatives, states)
    amounts: dict[tuple[int, str, str, str, bool], float] = field(default_factory=dict)
    bases: dict[tuple[int, str, str, str, bool], set[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._years = frozenset(self.years)

    def add(
        self,
        year: int,
        scenario: str,
        category: str,
        subject: str,
        amount: float,
        basis: Iterable[str],
        cash: bool = True,
    ) -> None:
        if amount == 0 or year not in self._years:
            return
        key = (year, scenario, category, subject, cash)
        amounts = self.amounts
        amounts[key] = amounts.get(key, 0.0) + amount
        if self.track_basis:
            known = self.bases.get(key)
            if known is None:
                self.bases[key] = set(basis)
            else:
                known.update(basis)


def setting(path: str) -> str:
    return f"setting:cost.{path}"


def item_ref(item_id: str) -> str:
    return f"catalog:{item_id}"


def inv(part: str, ident: str, name: str) -> str:
    return f"inventory:{part}.{ident}.{name}"
