"""Writes the golden figures of the sample hospitals (tests/cost/golden/<sample>.jsonl): every figure the cost case
gives, so that a change of the cost code that moves one is seen (tests/cost/test_golden.py).

    python tests/cost/golden/generate.py

Run it when figures change on purpose, and say why in the commit. Each file is JSON lines: the first holds the year
rows, NPV, total, break-even, the tornado (and the drivers left out), the estimates, the waves and each migration state's exposure and running cost; then one
line per cost line (scenario, category, subject, cash, amounts per year, basis), sorted.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[3]
GOLDEN = Path(__file__).resolve().parent
AS_OF = date(2026, 12, 1)
SAMPLES = ("aozora-chronic", "sakura-general", "minato-university")


def figures(assessment: Any) -> list[Any]:
    """The summary figures, then every cost line, of an Assessment."""
    cost = assessment.cost
    summary = {
        "years": [y.model_dump(mode="json") for y in cost.years],
        "npv": cost.npv_saving_jpy,
        "total": cost.total_saving_jpy,
        "break_even": cost.break_even_year,
        "verdict": cost.verdict,
        "tornado": [b.model_dump(mode="json") for b in cost.tornado],
        "no_effect": list(cost.no_effect),
        "estimates": cost.estimates.model_dump(mode="json"),
        "waves": [w.model_dump(mode="json") for w in cost.waves],
        "states": [
            {k: s[k] for k in ("name", "exposure_index", "findings_by_severity", "annual_cost_jpy", "annual_cost_year")}
            for s in (state.model_dump(mode="json") for state in assessment.states)
        ],
    }
    lines = sorted(
        [line.scenario, line.category, line.subject, line.cash, list(line.amounts_jpy), sorted(line.basis)]
        for line in cost.lines.each()
    )
    return [summary, *lines]


def sample_figures(name: str) -> list[Any]:
    from hismigrate.load import load_inventory
    from hismigrate.load.inputs import load_inputs
    from hismigrate.pipeline import assess

    inputs = load_inputs(AS_OF, None, None, None)
    return figures(assess(load_inventory(REPO / "inventories" / name), inputs))


def text(rows: list[Any]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n" for row in rows)


def main() -> None:
    sys.path.insert(0, str(REPO))
    for name in SAMPLES:
        (GOLDEN / f"{name}.jsonl").write_text(text(sample_figures(name)), encoding="utf-8")
        print(f"wrote {GOLDEN / name}.jsonl")


if __name__ == "__main__":
    main()
