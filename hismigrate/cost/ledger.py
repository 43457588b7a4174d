"""Where every cost is booked: one year series per scenario, category, subject and cash flag, with the basis it was
computed from.

A basis reference is `setting:<path>`, `catalog:<item id>` or `inventory:<part>.<id>.<field>`, so that every
figure can be traced back to a setting, a catalog item or the hospital's own data. Amounts are kept per year and
rounded per year when the ledger is read, so totals are sums of yen-rounded figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

BASELINE, PLAN = "baseline", "plan"
Key = tuple[str, str, str, bool]  # scenario, category, subject, cash


@dataclass
class Ledger:
    years: list[int]
    track_basis: bool = True  # off for runs that only need totals (sensitivity, refresh alternatives, states)
    amounts: dict[Key, list[float]] = field(default_factory=dict)
    bases: dict[Key, tuple[str, ...] | set[str]] = field(default_factory=dict)  # see `_name`

    def __post_init__(self) -> None:
        self._position = {year: k for k, year in enumerate(self.years)}

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
        position = self._position.get(year)
        # A zero amount still names what it was computed from when bases are tracked: the sensitivity analysis
        # reads the bases to know which subjects a changed setting can move (from zero, too).
        if position is None or (amount == 0 and not self.track_basis):
            return
        key = (scenario, category, subject, cash)
        row = self.amounts.get(key)
        if row is None:
            row = self.amounts[key] = [0.0] * len(self.years)
        row[position] += amount
        if self.track_basis:
            self._name(key, basis)

    def add_row(
        self,
        scenario: str,
        category: str,
        subject: str,
        amounts: list[float],
        basis: Iterable[str],
        cash: bool = True,
    ) -> None:
        """Add one amount per year of the ledger (the same as `add` year by year, in one call); the ledger keeps
        `amounts` when it starts a row (callers pass a fresh list)."""
        if not self.track_basis and not any(amounts):
            return
        key = (scenario, category, subject, cash)
        row = self.amounts.get(key)
        if row is None:
            self.amounts[key] = amounts
        else:
            for k, amount in enumerate(amounts):
                row[k] += amount
        if self.track_basis:
            self._name(key, basis)

    def _name(self, key: Key, basis: Iterable[str]) -> None:
        # A row's first basis is kept as it comes (a tuple: many rows share one object, which the readers of the
        # bases work out once); a second one makes it a set of both.
        known = self.bases.get(key)
        if known is None:
            self.bases[key] = basis if type(basis) is tuple else tuple(basis)
        elif type(known) is set:
            known.update(basis)
        else:
            self.bases[key] = {*known, *basis}


# Basis references are made for every line of every year: cached, so that each is one shared string in memory
# (a 60,000-server estate books over a million lines).
@cache
def setting(path: str) -> str:
    return f"setting:cost.{path}"


@cache
def item_ref(item_id: str) -> str:
    return f"catalog:{item_id}"


@cache
def inv(part: str, ident: str, name: str) -> str:
    return f"inventory:{part}.{ident}.{name}"
