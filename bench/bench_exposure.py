"""Time the exposure analysis and the remediation plan on a synthetic estate (target: seconds at 50,000 servers).

Run: .venv/bin/python bench/bench_exposure.py [servers] [seed]
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import generate
from hismigrate.exposure.assess import assess_exposure
from hismigrate.exposure.remediation.plan import remediation_plan


def main() -> None:
    servers = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    t0 = time.perf_counter()
    inventory = generate(servers=servers, seed=seed)
    t1 = time.perf_counter()
    result = assess_exposure(inventory, as_of=date(2026, 4, 1))
    t2 = time.perf_counter()
    moved = frozenset(s.id for s in inventory.systems[: len(inventory.systems) // 2])
    assess_exposure(inventory, as_of=date(2026, 4, 1), in_cloud=moved)
    t3 = time.perf_counter()
    plan = remediation_plan(inventory, date(2026, 4, 1), today=result)
    t4 = time.perf_counter()
    print(
        f"servers={servers} systems={len(inventory.systems)} connections={len(inventory.connections)} "
        f"generate={t1 - t0:.2f}s exposure={t2 - t1:.2f}s exposure(half moved)={t3 - t2:.2f}s "
        f"remediation={t4 - t3:.2f}s ({len(plan.steps)} steps) "
        f"findings={len(result.findings)} gaps={len(result.gaps)} paths={len(result.paths)} index={result.index}"
    )


if __name__ == "__main__":
    from hismigrate.parallel import large_heap

    with large_heap():  # as the commands run it
        main()
