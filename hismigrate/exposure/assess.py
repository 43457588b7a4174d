"""assess_exposure: the checks, the checklist, the attack paths and the index for one migration state."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from datetime import date

from hismigrate.exposure.check import Check, Context
from hismigrate.exposure.kev import KevCatalog, kev_knowledge
from hismigrate.exposure.result import ExposureResult, Finding
from hismigrate.model.inventory import Inventory


def run_checks(ctx: Context, checks: Iterable[Check]) -> tuple[list[Finding], list[Finding]]:
    """(findings, gaps), each sorted worst first, then by check id and subject."""
    findings: list[Finding] = []
    gaps: list[Finding] = []
    for check in checks:
        for hit in check.run(ctx):
            refs = tuple(dict.fromkeys((*check.references, *hit.references)))
            finding = Finding(
                check_id=check.id, severity=check.severity, subject=hit.subject, evidence=hit.evidence, references=refs
            )
            (gaps if hit.unknown else findings).append(finding)

    def key(f: Finding) -> tuple[int, str, str]:
        return (f.severity.rank, f.check_id, f.subject)

    return sorted(findings, key=key), sorted(gaps, key=key)


def assess_exposure(
    inventory: Inventory,
    *,
    as_of: date,
    in_cloud: Iterable[str] = frozenset(),
    kev: KevCatalog | None = None,
) -> ExposureResult:
    """Score one migration state (`in_cloud`: the system ids in the cloud) of an inventory, as of a date."""
    # Hundreds of thousands of small objects (findings, edges) are made and all kept: the cyclic collector would
    # rescan the whole heap again and again for nothing, tripling the time on a 50,000-server estate.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _assess(inventory, as_of, in_cloud, kev)
    finally:
        if was_enabled:
            gc.enable()


def _assess(inventory: Inventory, as_of: date, in_cloud: Iterable[str], kev: KevCatalog | None) -> ExposureResult:
    from hismigrate.exposure.attack_graph import build_attack_graph
    from hismigrate.exposure.checklist import evaluate_checklist
    from hismigrate.exposure.index import exposure_index, system_exposures
    from hismigrate.exposure.likelihoods import load_likelihoods
    from hismigrate.exposure.paths import attack_path, likelihood, most_likely
    from hismigrate.exposure.registry import all_checks, check_by_id
    from hismigrate.graph.build import state_members

    lk = load_likelihoods()
    state = state_members(inventory, in_cloud)  # the checks list what is in the estate; no graph walk needed
    knowledge = kev_knowledge(kev)
    ctx = Context(inventory=inventory, state=state, as_of=as_of, kev=knowledge, thresholds=dict(lk.thresholds))
    findings, gaps = run_checks(ctx, all_checks())
    checklist = evaluate_checklist(ctx, check_by_id(), findings, gaps)

    graph = build_attack_graph(ctx, findings, lk)
    dist, prev = most_likely(graph)
    reach = {s.id: likelihood(dist, f"system:{s.id}") for s in inventory.systems}
    exposures = system_exposures(list(inventory.systems), reach, state.in_cloud)
    paths = [
        p
        for s in inventory.systems
        if s.criticality <= lk.critical_max and (p := attack_path(s.id, s.criticality, dist, prev)) is not None
    ]
    paths.sort(key=lambda p: (-p.likelihood, p.criticality, p.system))
    return ExposureResult(
        as_of=as_of,
        in_cloud=tuple(sorted(state.in_cloud)),
        kev_source=knowledge.source,
        likelihoods_source=lk.id,
        index=exposure_index(exposures, dict(lk.criticality_weights)),
        findings=tuple(findings),
        gaps=tuple(gaps),
        checklist=tuple(checklist),
        paths=tuple(paths),
        systems=tuple(exposures),
    )
