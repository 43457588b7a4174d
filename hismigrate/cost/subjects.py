"""Cost runs by subject, for the many runs that need totals only.

Every server, system and connection (a "subject") is booked from its own slice of a plan's timing (when it leaves,
how its systems move) and its totals are kept per context, keyed by that slice. A run that differs from an earlier one
in a few subjects (a wave's refresh-date alternative, the running cost of each migration state) books only those;
a sensitivity variant books only the subjects whose bases name a setting or catalog item it changes. The costs that
no subject owns (shared costs, landing zone and lines, one-time costs and subsidies) are booked whole in each run.
Totals are sums of yen-rounded yearly figures, exactly as in the full run (subject lines and those costs never share
a category, so they never share a rounded figure).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from itertools import chain
from operator import add, attrgetter
from typing import Any

import numpy as np

from hismigrate.cost.cloud import cloud_subject_costs
from hismigrate.cost.cloud_servers import cloud_server_totals
from hismigrate.cost.context import IAAS, Context, Timing
from hismigrate.cost.flats import (
    CLOUD,
    CLOUD_PART,
    COMMON,
    NOT_RUNNING,
    ONPREM_PART,
    Flat,
    columns,
    ledger_totals,
    minus,
    plus,
)
from hismigrate.cost.ledger import BASELINE, PLAN, Ledger
from hismigrate.cost.one_time import server_write_off, system_write_off, write_offs
from hismigrate.cost.onprem import onprem_subject_costs, system_anchor, system_purchase
from hismigrate.cost.onprem_servers import onprem_server_totals, server_anchor
from hismigrate.model.cost import CostLine
from hismigrate.state import line_leaves

_LINE_KEY = attrgetter("scenario", "category", "subject", "cash")

# Per scenario (baseline, plan) and part (on premises, cloud): the subjects a sensitivity variant changes.
Affected = tuple[tuple[set[str], set[str]], tuple[set[str], set[str]]]


class Subjects:
    """The subjects of one context and their totals by slice (kept in the context's memo).

    Totals under a timing are those of a reference timing (the baseline, or the plan a full run costed) plus, for
    the subjects that the systems moved differently reach, their change: a run costs what it changes."""

    def __init__(self, ctx: Context, like: Subjects | None = None) -> None:
        """`like`: the subjects of another context of the same inventory, whose indexes are shared (read only)."""
        self.ctx = ctx
        inventory = ctx.inventory
        self.width = 3 * len(ctx.years)
        if like is not None and like.ctx.inventory is inventory:
            self.servers, self.systems, self.connections = like.servers, like.systems, like.connections
            self.ids, self.serving, self.senders = like.ids, like.serving, like.senders
        else:
            self.servers = {s.id: s for s in inventory.servers}
            self.systems = {s.id: s for s in inventory.systems}
            self.connections = {c.id: c for c in inventory.connections}
            self.ids = tuple(dict.fromkeys([*self.servers, *self.systems, *self.connections]))
            self.serving: dict[str, list[str]] = {}
            for conn in inventory.connections:
                for system_id in conn.serves:
                    self.serving.setdefault(system_id, []).append(conn.id)
            self.senders: dict[str, list[str]] = {}
            for flow in inventory.flows:
                self.senders.setdefault(flow.target, []).append(flow.source)
        # (subject, slice) -> (on-premises part, cloud part); a part is None when it is still to be booked.
        self.known: dict[tuple[str, Any], tuple[Flat | None, Flat | None]] = {}
        self.zero: Flat = (0,) * self.width  # one shared object for every empty part
        self.known_written: dict[tuple[Any, ...], int] = {}  # write-offs alone, for the refresh-date screen
        self._reference_written: tuple[Timing | None, tuple[str, ...], int] = (None, (), 0)
        self._last_reached: tuple[tuple[str, ...] | None, list[str]] = (None, [])
        self._base: Flat | None = None
        self._reference: tuple[Timing, Flat] | None = None
        self.empty = Timing()  # the baseline's timing (nothing leaves), with its slices kept
        # Adopted from another context: its totals, where `affected` does not say the part differs (see `adopt`).
        self._source: Subjects | None = None
        self._affected: Affected = ((set(), set()), (set(), set()))
        self._either: tuple[set[str], set[str]] = (set(), set())

    @staticmethod
    def of(ctx: Context) -> Subjects:
        found: Subjects | None = ctx.memo.get("subjects")
        if found is None:
            found = ctx.memo["subjects"] = Subjects(ctx)
        return found

    def slice(self, subject: str, timing: Timing) -> tuple[Any, ...]:
        """Everything in `timing` that the subject's lines depend on (kept in the timing)."""
        found = timing.slices.get(subject)
        if found is None:
            found = timing.slices[subject] = self._slice(subject, timing)
        return found

    def _slice(self, subject: str, timing: Timing) -> tuple[Any, ...]:
        parts: list[Any] = []
        if subject in self.servers:
            hosted = self.ctx.systems_of_server.get(subject, ())
            parts.append(
                (
                    timing.server_leaves.get(subject),
                    timing.server_cloud_start.get(subject),
                    tuple(timing.strategy.get(x) for x in hosted),
                )
            )
        if subject in self.systems:
            strategy = timing.strategy.get(subject)
            # Egress from a system in the cloud depends on when the systems it sends to leave.
            egress: tuple[date | None, ...] = ()
            if strategy in IAAS:
                egress = tuple(timing.system_leaves.get(f.target) for f in self.ctx.flows_from(subject))
            parts.append((timing.system_leaves.get(subject), strategy, egress))
        if subject in self.connections:
            parts.append(line_leaves(self.connections[subject], timing.system_leaves))
        return tuple(parts)

    def reached(self, systems: Iterable[str]) -> list[str]:
        """The subjects whose slice can change when these systems move differently: the systems, their servers, the
        lines serving them and the systems sending flows to them (egress)."""
        systems = tuple(systems)
        # A wave's refresh-date alternatives move the same systems: the last answer is kept.
        if self._last_reached[0] != systems:
            self._last_reached = (systems, self._reached(systems))
        return list(self._last_reached[1])

    def _reached(self, systems: tuple[str, ...]) -> list[str]:
        out: dict[str, None] = {}
        for system_id in systems:
            system = self.systems.get(system_id)
            if system is None:
                continue
            out[system_id] = None
            for server_id in system.servers:
                if server_id in self.servers:
                    out[server_id] = None
            for conn_id in self.serving.get(system_id, ()):
                out[conn_id] = None
            for sender in self.senders.get(system_id, ()):
                if sender in self.systems:
                    out[sender] = None
        return list(out)

    def totals(self, subjects: Iterable[str], timing: Timing) -> list[Flat]:
        """Each subject's totals under `timing`, booking together only the parts not seen before with their slice."""
        keys = [(s, self.slice(s, timing)) for s in subjects]
        need: dict[tuple[str, Any], tuple[bool, bool]] = {}
        for key in keys:
            parts = self.lookup(key)
            if parts is None:
                need[key] = (True, True)
            elif parts[0] is None or parts[1] is None:
                need[key] = (parts[0] is None, parts[1] is None)
        if need:
            self._book(need, timing)
        out = []
        for key in keys:
            onprem, cloud = self.known[key]  # booked or adopted above
            out.append(onprem if cloud is self.zero else tuple(map(add, onprem, cloud)))  # type: ignore[arg-type]
        return out

    def _book(self, need: dict[tuple[str, Any], tuple[bool, bool]], timing: Timing) -> None:
        ctx = self.ctx
        booked: list[dict[str, Flat]] = [{}, {}]
        for part in (ONPREM_PART, CLOUD_PART):
            chosen = [key[0] for key, wanted in need.items() if wanted[part]]
            if not chosen or (part == CLOUD_PART and not timing.system_leaves):
                continue
            ledger = Ledger(ctx.years, track_basis=False)
            servers = [self.servers[s] for s in chosen if s in self.servers]
            systems = [self.systems[s] for s in chosen if s in self.systems]
            if part == ONPREM_PART:
                connections = [self.connections[s] for s in chosen if s in self.connections]
                # Servers in whole matrices (the many); systems and lines through the ledger.
                onprem_subject_costs(ctx, timing, ledger, PLAN, (), systems, connections)
                if timing.system_leaves:
                    write_offs(ctx, timing, ledger, PLAN, servers, systems)
            else:
                cloud_subject_costs(ctx, timing, ledger, PLAN, (), systems)
            booked[part] = ledger_totals(ledger, PLAN)
            matrices = onprem_server_totals if part == ONPREM_PART else cloud_server_totals
            for subject, flat in matrices(ctx, timing, servers, ctx.years).items():
                found = booked[part].get(subject)
                booked[part][subject] = flat if found is None else plus(found, flat)
        for key, (onprem, cloud) in need.items():
            old = self.lookup(key) or (None, None)
            self.known[key] = (
                self._shared(booked[ONPREM_PART].get(key[0])) if onprem else old[0],
                self._shared(booked[CLOUD_PART].get(key[0])) if cloud else old[1],
            )

    def _shared(self, flat: Flat | None) -> Flat:
        return self.zero if flat is None or not any(flat) else flat

    def remember(
        self, lines: Sequence[CostLine], base_timing: Timing, plan_timing: Timing, amounts: np.ndarray | None = None
    ) -> None:
        """Keep every subject's totals from a full run's (rounded) lines: the baseline's sum, and the plan's as the
        reference later runs are told apart from. `amounts`: the lines' amounts as a matrix, when at hand."""
        n = len(self.ctx.years)
        # One group per scenario (0 baseline, 1 plan), part and subject; every line's amounts summed into its group's
        # cash, written and running columns at once, the lines told apart in whole arrays (over a million of them
        # on a large estate): a category says whether a line is common, its part and whether it counts as running.
        m = len(lines)
        scenarios, categories, subjects, cashes = zip(*map(_LINE_KEY, lines), strict=True) if m else ((), (), (), ())
        names = list(dict.fromkeys(categories))
        category = np.fromiter(map({c: k for k, c in enumerate(names)}.__getitem__, categories), np.int64, m)
        owned = np.array([c not in COMMON for c in names], dtype=bool)[category]
        part = np.array([CLOUD_PART if c in CLOUD else ONPREM_PART for c in names], dtype=np.int64)[category]
        not_running = np.array([c in NOT_RUNNING for c in names], dtype=bool)[category]
        planned = np.fromiter(map(BASELINE.__ne__, scenarios), bool, m)
        cash = np.fromiter(cashes, bool, m)
        index: dict[str, int] = {}
        subject = np.fromiter(map(lambda x: index.setdefault(x, len(index)), subjects), np.int64, m)
        chosen_lines = np.flatnonzero(owned)
        group = ((planned.astype(np.int64) * 2 + part) * max(len(index), 1) + subject)[chosen_lines]
        found_groups, where = np.unique(group, return_inverse=True)
        where = where.reshape(-1)
        kind = np.where(cash, np.where(not_running, 1, 0), 2)[chosen_lines]  # 0 cash and running, 1 cash, 2 written
        if amounts is None:
            figures = chain.from_iterable(lines[k].amounts_jpy for k in chosen_lines.tolist())
            kept = np.fromiter(figures, dtype=np.int64, count=len(chosen_lines) * n).reshape(len(chosen_lines), n)
        else:
            kept = amounts[chosen_lines]
        flat = np.zeros((len(found_groups), 3 * n), dtype=kept.dtype)
        for columns_at, chosen in ((0, kind <= 1), (n, kind == 2), (2 * n, kind == 0)):
            np.add.at(flat[:, columns_at : columns_at + n], where[chosen], kept[chosen])
        rows = flat.tolist()
        sums: list[list[dict[str, Flat]]] = [[{}, {}], [{}, {}]]
        named = list(index)
        for g, row in zip(found_groups.tolist(), rows, strict=True):
            rest, k = divmod(g, max(len(index), 1))
            sums[rest // 2][rest % 2][named[k]] = tuple(row)
        for timing, (onprem, cloud) in zip((base_timing, plan_timing), sums, strict=True):
            for subject in self.ids:
                parts = (self._shared(onprem.get(subject)), self._shared(cloud.get(subject)))
                self.known.setdefault((subject, self.slice(subject, timing)), parts)
            total = columns([*onprem.values(), *cloud.values()], self.width)
            if timing.system_leaves:
                self._reference = (timing, total)
            else:
                self._base = total

    def lookup(self, key: tuple[str, Any]) -> tuple[Flat | None, Flat | None] | None:
        """A subject's parts under a slice, as far as known: booked in this context, or adopted from the source."""
        found = self.known.get(key)
        if found is None and self._source is not None:
            parts = self._source.lookup(key)
            if parts is not None:
                found = self._keep(key, parts)
                if found is not None:
                    self.known[key] = found
        return found

    def _keep(
        self, key: tuple[str, Any], parts: tuple[Flat | None, Flat | None]
    ) -> tuple[Flat | None, Flat | None] | None:
        """Of the source's parts of a subject, those the differences between the contexts cannot change."""
        subject = key[0]
        # A baseline slice depends on what the baseline lines name; any other slice on what either names.
        sets = self._affected[0] if key[1] == self.slice(subject, self.empty) else self._either
        kept = tuple(None if subject in sets[part] else parts[part] for part in (ONPREM_PART, CLOUD_PART))
        return None if kept == (None, None) else kept  # type: ignore[return-value]

    def adopt(self, source: Subjects, affected: Affected) -> None:
        """Take over another context's totals (of the same inventory) except the parts whose bases name something
        that differs between the two contexts (`affected`: the subjects whose baseline and plan lines, on premises
        and in the cloud, do). The parts are taken as they are asked for; the baseline and reference sums are
        corrected here."""
        assert source.ctx.inventory is self.ctx.inventory
        self._source, self._affected, self.empty = source, affected, source.empty
        self._either = (affected[0][0] | affected[1][0], affected[0][1] | affected[1][1])
        base = affected[0][ONPREM_PART] | affected[0][CLOUD_PART]
        planned = affected[1][ONPREM_PART] | affected[1][CLOUD_PART]
        if source._base is not None:
            changed = [s for s in self.ids if s in base]
            before = columns(source.totals(changed, self.empty), self.width)
            self._base = plus(minus(source._base, before), columns(self.totals(changed, self.empty), self.width))
        if source._reference is not None:
            timing, total = source._reference
            changed = [s for s in self.ids if s in planned]
            before = columns(source.totals(changed, timing), self.width)
            self._reference = (timing, plus(minus(total, before), columns(self.totals(changed, timing), self.width)))

    def baseline(self) -> Flat:
        """Every subject's totals when nothing leaves, summed (once per context)."""
        if self._base is None:
            self._base = columns(self.totals(self.ids, self.empty), self.width)
        return self._base

    def _changed(self, reference: Timing, timing: Timing) -> list[str]:
        """The subjects reached by the systems that `timing` moves differently from `reference`."""
        moved = reference.system_leaves.keys() | timing.system_leaves.keys()
        return self.reached(
            sorted(
                x
                for x in moved
                if (timing.system_leaves.get(x), timing.strategy.get(x))
                != (reference.system_leaves.get(x), reference.strategy.get(x))
            )
        )

    def plan(self, timing: Timing) -> Flat:
        """Every subject's totals under `timing`: the reference's, plus the change of each subject reached by a
        system that moves differently from the reference."""
        reference, total = self._reference or (self.empty, self.baseline())
        changed = self._changed(reference, timing)
        if not changed:
            return total
        now = columns(self.totals(changed, timing), self.width)
        before = columns(self.totals(changed, reference), self.width)
        return plus(minus(total, before), now)

    def written(self, timing: Timing) -> int:
        """The total write-off under `timing`, booking only write-offs for the subjects that differ from the
        reference (a cheap screen: write-offs are a few figures per subject, running costs many)."""
        reference, total = self._reference or (self.empty, self.baseline())
        n = len(self.ctx.years)
        writable = self._writable()
        changed = tuple(s for s in self._changed(reference, timing) if s in writable)
        # The alternatives of one wave move the same subjects: their reference write-off is summed once.
        if self._reference_written[:2] != (reference, changed):
            self._reference_written = (reference, changed, sum(self._written(list(changed), reference)))
        return sum(total[n : 2 * n]) + sum(self._written(list(changed), timing)) - self._reference_written[2]

    def _writable(self) -> frozenset[str]:
        """The subjects that can strand a book value: servers with a price and a purchase to count from, systems
        whose software has a price and a contract to count from."""
        found: frozenset[str] | None = self.ctx.memo.get("writable")
        if found is None:
            ctx = self.ctx
            found = ctx.memo["writable"] = frozenset(
                [x.id for x in self.servers.values() if x.purchase_price_jpy and server_anchor(ctx, x) is not None]
                + [
                    x.id
                    for x in self.systems.values()
                    if system_purchase(ctx, x)[0] and system_anchor(ctx, x) is not None
                ]
            )
        return found

    def _written(self, subjects: list[str], timing: Timing) -> list[int]:
        """Each subject's write-off under `timing`, kept by what it depends on (when its server and its system
        leave, and how the system moves): rounded per year as a ledger rounds its rows, as the full run books it."""
        server_leaves, system_leaves, strategy = timing.server_leaves, timing.system_leaves, timing.strategy
        keys = [(s, server_leaves.get(s), system_leaves.get(s), strategy.get(s)) for s in subjects]
        known = self.known_written
        missing = [key for key in dict.fromkeys(keys) if key not in known]
        if missing:
            ctx, first, n = self.ctx, self.ctx.first_year, len(self.ctx.years)
            for key in missing:
                subject, leaves, system_leaves_on, moved = key
                server, system = self.servers.get(subject), self.systems.get(subject)
                if system is None:  # a server alone (the many): one figure, rounded
                    found = server_write_off(ctx, server, leaves) if server is not None else None
                    known[key] = round(found[1]) if found is not None and 0 <= found[0] - first < n else 0
                    continue
                # Summed per year before rounding, servers first, as a ledger would (a server and a system may
                # share an id).
                sums: dict[int, float] = {}
                for found in (
                    server_write_off(ctx, server, leaves) if server is not None else None,
                    system_write_off(ctx, system, system_leaves_on, moved) if system is not None else None,
                ):
                    if found is not None and 0 <= found[0] - first < n:
                        sums[found[0]] = sums.get(found[0], 0.0) + found[1]
                known[key] = sum(map(round, sums.values()))
        return [known[key] for key in keys]


__all__ = ["Affected", "Subjects"]
