"""What of the plan's cost rests on estimates a board should see replaced: catalog items marked manual (no public
price: closed-network lines, unverified tiers), the shipped table of typical hardware prices, and the shipped one-time
work per strategy while the user has not replaced it with quotes (`--settings`). Every plan line whose basis names one
counts whole, in cash, over the horizon."""

from __future__ import annotations

import numpy as np

from hismigrate.cost.context import Context, settings_paths
from hismigrate.model.cost import CostLines, Estimates
from hismigrate.model.settings import default_cost_settings

QUOTED = "cost.one_time.by_strategy."  # the one-time work per strategy: shipped estimates, to be replaced by quotes


def _shipped_one_time(ctx: Context) -> set[str]:
    """The one-time settings still at their shipped values, as basis references."""
    mine, shipped = settings_paths(ctx.settings), settings_paths(default_cost_settings())
    return {f"setting:{p}" for p, v in mine.items() if p.startswith(QUOTED) and shipped.get(p) == v}


def estimates(ctx: Context, lines: CostLines, plan_total: int) -> Estimates:
    """The estimates the plan's lines rest on, and the plan's cash over the horizon in those lines."""
    manual = {f"catalog:{it.id}" for it in ctx.catalog.items if it.manual}
    quoted = _shipped_one_time(ctx)
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
