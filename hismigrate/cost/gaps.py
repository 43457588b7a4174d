"""What the inventory does not give the cost model, and what of the plan's cost rests on estimates.

A gap either left something uncounted (a server with no date has no refresh) or had a value assumed for it (a date
inferred from others, a price from the shipped hardware table); an assumed value is a basis reference of the lines
computed from it, so the amounts resting on it are the sums of those lines, per scenario (write-offs included).

The estimates a board should see replaced: catalog items marked manual (no public price: closed-network lines,
unverified tiers), the shipped table of typical hardware prices, and the shipped one-time work per strategy while the
user has not replaced it with quotes (`--settings`). Every plan line whose basis names one counts whole, in cash,
over the horizon."""

from __future__ import annotations

from datetime import date

import numpy as np

from hismigrate.cost.bases import estimated, inferred
from hismigrate.cost.context import Context, settings_paths
from hismigrate.cost.hardware import HOST, OWN_KIND, SPARE
from hismigrate.model.cost import CostGaps, CostLines, Estimates, Gap
from hismigrate.model.settings import default_cost_settings

Found = tuple[str, str, str | None, str | None]  # subject, key, assumed value, its reference
QUOTED = "cost.one_time.by_strategy."  # the one-time work per strategy: shipped estimates, to be replaced by quotes


def _servers(ctx: Context) -> list[Found]:
    """Per server: a price from the table, a host inferred, hardware no listed host holds, a date unknown."""
    hw, out = ctx.hardware, list[Found]()
    hosts = bool((hw.kind == HOST).any())
    for k, x in enumerate(ctx.estate.servers):
        kind = int(hw.kind[k])
        if hw.item[k] is not None and kind in (OWN_KIND, HOST):
            out.append((x.id, "server_price_estimated", hw.item[k], estimated("servers", x.id, "purchase_price_jpy")))
        if kind == SPARE and hosts:
            out.append((x.id, "vm_host_inferred", None, inferred("servers", x.id, "host")))
        if hw.excess[k] > 0:
            out.append((x.id, "vm_hardware_estimated", ctx.table.vm_host, estimated("servers", x.id, "hardware")))
        if kind in (OWN_KIND, HOST) and hw.own_price[k] and not ctx.server_anchors[k]:
            out.append((x.id, "server_date", None, None))
    return out


def _systems(ctx: Context) -> list[Found]:
    software, out = ctx.software, list[Found]()
    for k, x in enumerate(ctx.estate.systems):
        if not software.price[k]:
            out.append((x.id, "system_maintenance", None, None))
        elif software.inferred[k]:
            day = date.fromordinal(int(software.anchor[k])).isoformat()
            out.append((x.id, "system_date_inferred", day, inferred("systems", x.id, "purchase_date")))
        elif not software.anchor[k]:
            out.append((x.id, "system_contract_end", None, None))
    return out


def resting_on(lines: CostLines, references: list[str]) -> dict[str, tuple[int, int]]:
    """Per reference: the sums over the horizon of the baseline's and the plan's lines whose basis names it."""
    at = {r: k for k, r in enumerate(lines.references)}
    if not len(lines) or not any(r in at for r in references):
        return dict.fromkeys(references, (0, 0))
    lengths = np.array([len(b) for b in lines.bases], dtype=np.int64)
    pair_basis = np.repeat(np.arange(len(lines.bases)), lengths)
    pair_ref = np.array([r for b in lines.bases for r in b], dtype=np.int64)
    by_basis = np.zeros((len(lines.bases), 2), dtype=object)
    totals = np.array(lines.amounts_jpy.row_sums(), dtype=object)
    np.add.at(by_basis, (np.asarray(lines.basis.tolist(), dtype=np.int64), np.asarray(lines.scenario.tolist())), totals)
    by_ref = np.zeros((len(lines.references), 2), dtype=object)
    np.add.at(by_ref, pair_ref, by_basis[pair_basis])
    return {r: (int(by_ref[at[r], 0]), int(by_ref[at[r], 1])) if r in at else (0, 0) for r in references}


def cost_gaps(ctx: Context, lines: CostLines) -> CostGaps:
    """Servers' gaps, then systems', in inventory order, each with what rests on its assumed value."""
    found = [*_servers(ctx), *_systems(ctx)]
    sums = resting_on(lines, [ref for *_, ref in found if ref])
    return CostGaps.of(
        Gap(subject, key, assumed, ref, *(sums[ref] if ref else (0, 0))) for subject, key, assumed, ref in found
    )


def estimates(ctx: Context, lines: CostLines, plan_total: int) -> Estimates:
    """The estimates the plan's lines rest on, and the plan's cash over the horizon in those lines."""
    manual = {f"catalog:{it.id}" for it in ctx.catalog.items if it.manual}
    mine, shipped = settings_paths(ctx.settings), settings_paths(default_cost_settings())
    quoted = {f"setting:{p}" for p, v in mine.items() if p.startswith(QUOTED) and shipped.get(p) == v}  # still shipped
    flagged = [r in manual or r in quoted or r.startswith("estimate:") for r in lines.references]
    named = np.array([False, *(any(flagged[r] for r in basis) for basis in lines.bases)], dtype=bool)
    basis = np.asarray(lines.basis.tolist(), dtype=np.int64) + 1  # position 0: no basis (an empty table)
    plan = (np.asarray(lines.scenario.tolist(), dtype=np.int64) == 1) & np.asarray(lines.cash(), dtype=bool)
    chosen = np.flatnonzero(named[basis] & plan).tolist()
    sums = lines.amounts_jpy.row_sums()
    names = {lines.references[r] for b in {int(basis[k]) - 1 for k in chosen} for r in lines.bases[b]}
    amount = sum(int(sums[k]) for k in chosen)
    return Estimates(
        items=tuple(sorted(r.removeprefix("catalog:") for r in names & manual)),
        tables=(ctx.table.id,) if any(r.startswith("estimate:") for r in names) else (),
        settings=tuple(sorted({r.removeprefix("setting:").split(".")[3] for r in names & quoted})),
        plan_jpy=amount,
        share=amount / plan_total if plan_total else 0.0,
    )
