"""The shared cost case: each member alone (its own assessment's cost case) against the same member in the group.

In the group, a member's own costs come from the cost model run on its group plan (its shared-category systems
onto the package at its cutovers, its other systems on its own waves), with the landing zone taken out of its
catalog: the shared environment's components are priced once (group.environment) and split by the allocation key
between every member from the day the environment is ready; the package is priced once on the group's volume
(the members' own fees for it, less the catalog's volume discount at the volume on the package that year) and split
by the key between the members on it, in proportion to their months on it.

Every variant of the tornado changes only this arithmetic (the members' cost model runs stay as they are).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from hismigrate.cost.runs import break_even, npv
from hismigrate.model.calendar import onprem_share
from hismigrate.model.cost import CostResult, verdict_of
from hismigrate.model.enums import AllocationKey
from hismigrate.model.group_cost import (
    GroupCost,
    GroupYear,
    MemberCost,
    MemberTornado,
    MemberYear,
    SharedComponent,
)
from hismigrate.model.group_cost import GroupTornadoBar as TornadoBar
from hismigrate.model.group_plan import MemberTimeline
from hismigrate.model.prices import PriceItem, VolumeTier

ENVIRONMENT_DRIVERS = ("build", "operations", "security_monitoring", "hub_line", "landing_zone")
LOW_RATE, HIGH_RATE = 0.02, 0.07  # discount rates of the tornado (a social rate and a large vendor's WACC)


@dataclass(frozen=True)
class SharedCase:
    """Everything the allocation needs, members by years."""

    years: list[int]
    members: list[str]
    baseline: np.ndarray  # members x years: everything on premises
    alone: np.ndarray  # the member's own plan
    own: np.ndarray  # in the group, without its package fee
    fees: np.ndarray  # its package fee as if it paid alone (the cost model's)
    months: np.ndarray  # the share of each year it is on the package
    keys: dict[AllocationKey, np.ndarray]  # each key's weight per member
    volumes: np.ndarray  # per member: the package item's volume unit (beds, users, or 1)
    components: list[SharedComponent]
    item: PriceItem | None  # the package quote
    tiers: tuple[VolumeTier, ...]  # its volume tiers in the catalog
    rate: float
    build_per_member: float  # the part of the build that grows with the number of members (0 when given whole)
    participating: int  # members with a cutover onto the package: those the key splits between


@dataclass(frozen=True)
class Variant:
    key: AllocationKey
    factors: dict[str, float]  # component id -> multiplier
    members: int  # the number of members sharing (the others scaled as average members)
    discount_factor: float = 1.0
    rate: float | None = None


def discount_of(tiers: tuple[VolumeTier, ...], volume: float, factor: float) -> float:
    """The discount of the highest tier `volume` reaches, times `factor` (a sensitivity variant)."""
    reached = [tier.discount for tier in tiers if volume >= tier.min_quantity]
    return min(0.95, max(reached, default=0.0) * factor)


def allocate(case: SharedCase, variant: Variant) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(each member's cost in the group, its share of the shared components, the volume discount per year) as
    float matrices members x years (the discount: per year)."""
    n = case.participating
    weight = case.keys[variant.key].astype(float)
    scale = (variant.members - 1) / (n - 1) if n > 1 else 1.0  # the others' weight with more or fewer members
    env = np.zeros(len(case.years))
    for component in case.components:
        amounts = np.asarray(component.amounts_jpy, dtype=float) * variant.factors.get(component.id, 1.0)
        whole = amounts.sum()
        if component.id == "build" and case.build_per_member and whole:
            # the part of the build that is work per member grows or shrinks with the members
            amounts = amounts * (whole + case.build_per_member * (variant.members - n)) / whole
        env += amounts
    total = weight.sum()
    env_share = weight / (weight + (total - weight) * scale) if total else np.zeros(n)
    shared_env = np.outer(env_share, env)

    on = weight[:, None] * case.months
    on_total = on.sum(axis=0)
    fees_total = case.fees.sum(axis=0)
    volume = (case.volumes[:, None] * case.months).sum(axis=0) * (variant.members / n)
    discount = np.array([discount_of(case.tiers, v, variant.discount_factor) for v in volume])
    with np.errstate(invalid="ignore", divide="ignore"):
        pkg_share = np.where(on > 0, on / (on + (on_total - on) * scale), 0.0)
    others_fees = (fees_total - case.fees) * scale
    package = pkg_share * (case.fees + others_fees) * (1 - discount)
    shared = shared_env + package
    return case.own + shared, shared, discount


def _npvs(case: SharedCase, group: np.ndarray, rate: float) -> list[int]:
    savings = np.rint(case.alone - group).astype(np.int64)
    return [npv([int(x) for x in row], rate) for row in savings]


def _rows(years: list[int], baseline: Sequence[int], alone: Sequence[int], group: Sequence[int]) -> list[GroupYear]:
    rows, cumulative = [], 0
    for k, year in enumerate(years):
        saving = alone[k] - group[k]
        cumulative += saving
        rows.append(
            GroupYear(
                year=year,
                baseline_jpy=baseline[k],
                alone_jpy=alone[k],
                group_jpy=group[k],
                saving_jpy=saving,
                cumulative_saving_jpy=cumulative,
            )
        )
    return rows


def _break_even(rows: Sequence[Any]) -> int | None:
    return (
        break_even([r.year for r in rows], [r.cumulative_saving_jpy for r in rows])
        if any(r.saving_jpy for r in rows)
        else None
    )


def shared_cost(case: SharedCase, base: Variant, alone_results: list[CostResult]) -> GroupCost:
    group, shared, discount = allocate(case, base)
    group_int = np.rint(group).astype(np.int64)
    shared_int = np.rint(shared).astype(np.int64)
    alone_int = np.rint(case.alone).astype(np.int64)
    base_int = np.rint(case.baseline).astype(np.int64)
    total_share = case.keys[base.key] / case.keys[base.key].sum()
    undiscounted = allocate(case, replace(base, discount_factor=0.0))[0]
    members = []
    for m, mid in enumerate(case.members):
        rows = _rows(case.years, base_int[m].tolist(), alone_int[m].tolist(), group_int[m].tolist())
        value = npv([r.saving_jpy for r in rows], case.rate)
        members.append(
            MemberCost(
                member=mid,
                share=round(float(total_share[m]), 6),
                years=tuple(
                    MemberYear(
                        year=r.year,
                        baseline_jpy=r.baseline_jpy,
                        alone_jpy=r.alone_jpy,
                        group_jpy=r.group_jpy,
                        shared_jpy=int(shared_int[m][k]),
                        saving_jpy=r.saving_jpy,
                        cumulative_saving_jpy=r.cumulative_saving_jpy,
                    )
                    for k, r in enumerate(rows)
                ),
                npv_saving_jpy=value,
                break_even_year=_break_even(rows),
                verdict=verdict_of(value),
                own_npv_saving_jpy=alone_results[m].npv_saving_jpy,
                in_group_npv_saving_jpy=npv([int(x) for x in base_int[m] - group_int[m]], case.rate),
                volume_discount_jpy=round(float((undiscounted[m] - group[m]).sum())),
            )
        )
    rows = _rows(
        case.years,
        base_int.sum(axis=0).tolist(),
        alone_int.sum(axis=0).tolist(),
        group_int.sum(axis=0).tolist(),
    )
    value = sum(m.npv_saving_jpy for m in members)
    return GroupCost(
        first_year=case.years[0],
        horizon_years=len(case.years),
        discount_rate=case.rate,
        components=(*tuple(case.components), _package_component(case, base, discount)),
        volume_discounts=tuple(round(float(d), 6) for d in discount),
        years=tuple(rows),
        members=tuple(members),
        npv_saving_jpy=value,
        break_even_year=_break_even(rows),
        verdict=verdict_of(value),
        dearer=tuple(m.member for m in members if m.verdict == "costs"),
        tornado=tuple(_group_tornado(case, base)),
        member_tornados=tuple(_member_tornados(case, base)),
    )


def _package_component(case: SharedCase, base: Variant, discount: np.ndarray) -> SharedComponent:
    amounts = case.fees.sum(axis=0) * (1 - discount)
    # the members' fees as the cost model books them: the package quote where the catalog has one, else each
    # system's on-premises software cost times the SaaS factor
    basis = (f"catalog:{case.item.id}",) if case.item else ("setting:cost.cloud.saas_fee_vs_onprem",)
    return SharedComponent(
        id="package",
        amounts_jpy=tuple(round(float(a)) for a in amounts),
        split="joined",
        basis=basis,
        manual=bool(case.item and case.item.manual),
    )


def _variants(case: SharedCase, base: Variant) -> list[tuple[str, tuple[str, Variant], tuple[str, Variant]]]:
    n = case.participating
    step = max(1, math.ceil(n / 3))
    out: list[tuple[str, tuple[str, Variant], tuple[str, Variant]]] = [
        (
            "members",
            (str(max(2, n - step)), replace(base, members=max(2, n - step))),
            (str(n + step), replace(base, members=n + step)),
        ),
    ]
    for ident, (low, high) in (
        ("build", (0.5, 1.5)),
        ("operations", (0.5, 2.0)),
        ("security_monitoring", (0.5, 2.0)),
        ("hub_line", (0.5, 2.0)),
        ("landing_zone", (0.5, 2.0)),
    ):
        out.append(
            (
                ident,
                (f"×{low:g}", replace(base, factors={**base.factors, ident: low})),
                (f"×{high:g}", replace(base, factors={**base.factors, ident: high})),
            )
        )
    if case.tiers:
        out.append(
            ("volume_discount", ("0", replace(base, discount_factor=0.0)), ("×2", replace(base, discount_factor=2.0)))
        )
    out.append(
        (
            "discount_rate",
            (f"{LOW_RATE:.0%}", replace(base, rate=LOW_RATE)),
            (f"{HIGH_RATE:.0%}", replace(base, rate=HIGH_RATE)),
        )
    )
    return out


def _run(case: SharedCase, variant: Variant) -> list[int]:
    return _npvs(case, allocate(case, variant)[0], variant.rate if variant.rate is not None else case.rate)


def _group_tornado(case: SharedCase, base: Variant) -> list[TornadoBar]:
    bars = []
    for driver, (low, lv), (high, hv) in _variants(case, base):
        bar = TornadoBar(
            driver=driver,
            low=low,
            high=high,
            npv_saving_low_jpy=sum(_run(case, lv)),
            npv_saving_high_jpy=sum(_run(case, hv)),
        )
        if bar.swing:
            bars.append(bar)
    return sorted(bars, key=lambda b: (-b.swing, b.driver))


def _member_tornados(case: SharedCase, base: Variant) -> list[MemberTornado]:
    runs: list[tuple[str, str, str, list[int], list[int]]] = []
    for driver, (low, lv), (high, hv) in _variants(case, base):
        runs.append((driver, low, high, _run(case, lv), _run(case, hv)))
    keys = [k for k in case.keys]
    by_key = {k: _run(case, replace(base, key=k)) for k in keys}
    out = []
    for m, mid in enumerate(case.members):
        bars = []
        if len(keys) > 1:
            worst = min(keys, key=lambda k: (by_key[k][m], k.value))
            best = max(keys, key=lambda k: (by_key[k][m], k.value))
            bars.append(
                TornadoBar(
                    driver="allocation_key",
                    low=worst.value,
                    high=best.value,
                    npv_saving_low_jpy=by_key[worst][m],
                    npv_saving_high_jpy=by_key[best][m],
                )
            )
        for driver, low, high, lows, highs in runs:
            bars.append(
                TornadoBar(driver=driver, low=low, high=high, npv_saving_low_jpy=lows[m], npv_saving_high_jpy=highs[m])
            )
        kept = sorted((b for b in bars if b.swing), key=lambda b: (-b.swing, b.driver))
        out.append(MemberTornado(member=mid, bars=tuple(kept)))
    return out


def package_fees(result: CostResult, systems: set[str]) -> list[int]:
    """A member's fee per year for its systems on the package, as the cost model books it (their SaaS lines)."""
    out = [0] * result.horizon_years
    for line in result.lines.each():
        if line.scenario == "plan" and line.cash and line.category == "saas" and line.subject in systems:
            out = [a + b for a, b in zip(out, line.amounts_jpy, strict=True)]
    return out


def months_on_package(timeline: MemberTimeline, years: list[int]) -> list[float]:
    main = next((c.cutover for c in timeline.cutovers if c.main), None)
    return [1 - onprem_share(year, main) if main else 0.0 for year in years]


__all__ = ["SharedCase", "Variant", "allocate", "months_on_package", "package_fees", "shared_cost"]
