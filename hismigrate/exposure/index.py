"""The exposure index (0-100) and per-system exposure, from each system's most-likely-path likelihood.

Index = 100 x sum(w_c x L_s) / sum(w_c) over all systems, w_c the weight of the system's criticality (data file):
a hospital whose EMR is one likely path away scores high even when minor systems are safe.
"""

from __future__ import annotations

from hismigrate.exposure.paths import likelihood
from hismigrate.model.exposure import SystemExposure
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
    return _index([(e.criticality, e.likelihood) for e in exposures], weights)


def index_rows(systems: list[System]) -> list[tuple[str, int, str]]:
    """(attack-graph node, criticality, id) of each system, for `exposure_index_of`: made once for many states."""
    return [(f"system:{s.id}", s.criticality, s.id) for s in systems]


def exposure_index_of(rows: list[tuple[str, int, str]], dist: dict[str, float], weights: dict[int, float]) -> float:
    """`exposure_index(system_exposures(...))` of a state from its path search (`rows`: `index_rows` of the
    inventory's systems), to the bit, without making the per-system models: the same rounded likelihoods, in the
    same order (the sum's order decides its last bits)."""
    scored = sorted((-round(likelihood(dist, node), 6), criticality, ident) for node, criticality, ident in rows)
    return _index([(criticality, -negative) for negative, criticality, _ in scored], weights)


def _index(scored: list[tuple[int, float]], weights: dict[int, float]) -> float:
    """100 x the criticality-weighted mean of the (criticality, likelihood) pairs, summed in their order."""
    total = sum(weights.get(c, 1.0) for c, _ in scored)
    if total == 0:
        return 0.0
    weighted = sum(weights.get(c, 1.0) * value for c, value in scored)
    return round(100.0 * weighted / total, 1)
