"""The exposure index (0-100) and per-system exposure, from each system's most-likely-path likelihood.

Index = 100 x sum(w_c x L_s) / sum(w_c) over all systems, w_c the weight of the system's criticality (data file):
a hospital whose EMR is one likely path away scores high even when minor systems are safe.
"""

from __future__ import annotations

import math

from hismigrate.exposure.result import SystemExposure
from hismigrate.model.inventory import System


def system_exposures(
    systems: list[System], likelihoods: dict[str, float], in_cloud: frozenset[str]
) -> list[SystemExposure]:
    out = [
        SystemExposure(
            system=s.id,
            criticality=s.criticality,
            in_cloud=s.id in in_cloud,
            likelihood=round(likelihoods.get(s.id, 0.0), 6),
            exposure=round(100.0 * likelihoods.get(s.id, 0.0), 1),
        )
        for s in systems
    ]
    return sorted(out, key=lambda e: (-e.likelihood, e.criticality, e.system))


def exposure_index(exposures: list[SystemExposure], weights: dict[int, float]) -> float:
    total = sum(weights.get(e.criticality, 1.0) for e in exposures)
    if total == 0:
        return 0.0
    weighted = sum(weights.get(e.criticality, 1.0) * e.likelihood for e in exposures)
    return round(100.0 * weighted / total, 1)


def index_rows(systems: list[System]) -> list[tuple[str, int, str]]:
    """(attack-graph node, criticality, id) of each system, for `exposure_index_of`: made once for many states."""
    return [(f"system:{s.id}", s.criticality, s.id) for s in systems]


def exposure_index_of(rows: list[tuple[str, int, str]], dist: dict[str, float], weights: dict[int, float]) -> float:
    """`exposure_index(system_exposures(...))` of a state from its path search (`rows`: `index_rows` of the
    inventory's systems), to the bit, without making the per-system models: the same rounded likelihoods, summed
    in the same order."""
    scored = []
    for node, criticality, ident in rows:
        d = dist.get(node)
        scored.append((-round(0.0 if d is None else math.exp(-d), 6), criticality, ident))
    scored.sort()
    total = sum(weights.get(c, 1.0) for _, c, _ in scored)
    if total == 0:
        return 0.0
    weighted = sum(weights.get(c, 1.0) * -neg for neg, c, _ in scored)
    return round(100.0 * weighted / total, 1)
