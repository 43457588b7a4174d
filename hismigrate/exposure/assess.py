"""assess_exposure: the checks, the checklist, the attack paths and the index for one migration state; and the
steps after the checks, shared with the run over every state of a plan (exposure.states)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from hismigrate.exposure.check import Check, Context, Hit
from hismigrate.exposure.kev import kev_knowledge
from hismigrate.model.exposure import ExposureResult, Finding, SystemExposure
from hismigrate.model.inventory import Inventory
from hismigrate.model.kev import KevCatalog

if TYPE_CHECKING:
    from hismigrate.exposure.attack_graph import AttackGraph, Edge, EdgeMemo
    from hismigrate.exposure.likelihoods import Likelihoods


def run_checks(ctx: Context, checks: Iterable[Check]) -> tuple[list[Finding], list[Finding]]:
    """(findings, gaps), each sorted worst first, then by check id and subject."""
    findings: list[Finding] = []
    gaps: list[Finding] = []
    for check in checks:
        for hit in check.run(ctx):
            (gaps if hit.unknown else findings).append(finding_of(check, hit))
    return sorted(findings, key=finding_order), sorted(gaps, key=finding_order)


def finding_of(check: Check, hit: Hit) -> Finding:
    refs = (
        _references(check.references)
        if not hit.references
        else tuple(dict.fromkeys((*check.references, *hit.references)))
    )
    return Finding(
        check_id=check.id, severity=check.severity, subject=hit.subject, evidence=hit.evidence, references=refs
    )


@cache
def _references(refs: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(refs))


def finding_order(f: Finding) -> tuple[int, str, str]:
    """Worst first, then by check id and subject (stable: a check's hits on one subject keep their order)."""
    return (f.severity.rank, f.check_id, f.subject)


def assess_exposure(
    inventory: Inventory,
    *,
    as_of: date,
    in_cloud: Iterable[str] = frozenset(),
    kev: KevCatalog | None = None,
) -> ExposureResult:
    """Score one migration state (`in_cloud`: the system ids in the cloud) of an inventory, as of a date."""
    return _assess(inventory, as_of, in_cloud, kev)


def _assess(inventory: Inventory, as_of: date, in_cloud: Iterable[str], kev: KevCatalog | None) -> ExposureResult:
    from hismigrate.exposure.likelihoods import load_likelihoods
    from hismigrate.exposure.registry import all_checks
    from hismigrate.state import migration_state

    lk = load_likelihoods()
    state = migration_state(inventory, in_cloud)  # the checks list what is in the estate; no graph walk needed
    knowledge = kev_knowledge(kev)
    ctx = Context(inventory=inventory, state=state, as_of=as_of, kev=knowledge, thresholds=lk.thresholds)
    findings, gaps = run_checks(ctx, all_checks())
    return full_result(ctx, lk, findings, gaps)


def likelihoods_of(
    ctx: Context, lk: Likelihoods, findings: list[Finding], memo: EdgeMemo | None = None
) -> tuple[dict[str, float], dict[str, tuple[str, Edge]]]:
    """The most likely path to every node of the state's attack graph: (-ln likelihood, previous hop) by node."""
    from hismigrate.exposure.attack_graph import build_attack_graph
    from hismigrate.exposure.paths import most_likely

    return most_likely(build_attack_graph(ctx, findings, lk, memo))


def system_likelihoods(ctx: Context, dist: dict[str, float]) -> list[SystemExposure]:
    """Every system's exposure in this state, worst first."""
    from hismigrate.exposure.index import system_exposures
    from hismigrate.exposure.paths import likelihood

    reach = {s.id: likelihood(dist, f"system:{s.id}") for s in ctx.inventory.systems}
    return system_exposures(list(ctx.inventory.systems), reach, ctx.in_cloud)


def full_result(
    ctx: Context,
    lk: Likelihoods,
    findings: list[Finding],
    gaps: list[Finding],
    memo: EdgeMemo | None = None,
    graph: AttackGraph | None = None,
    search: dict[str, object] | None = None,
) -> ExposureResult:
    """Everything about one state once its checks have run: checklist, attack paths, per-system exposure, index.
    `graph`: the state's attack graph when the caller has it already (built from these findings)."""
    from hismigrate.exposure.alternatives import attack_paths, reverse_edges
    from hismigrate.exposure.attack_graph import build_attack_graph
    from hismigrate.exposure.bands import band_of
    from hismigrate.exposure.checklist import evaluate_checklist
    from hismigrate.exposure.choke import choke_points
    from hismigrate.exposure.coverage import coverage
    from hismigrate.exposure.index import exposure_index
    from hismigrate.exposure.paths import most_likely
    from hismigrate.exposure.registry import check_by_id

    checklist = evaluate_checklist(ctx, check_by_id(), findings, gaps)
    if graph is None:
        graph = build_attack_graph(ctx, findings, lk, memo)
    dist, prev = most_likely(graph)
    if search is not None:  # the caller keeps the path search for a later run over the same estate
        search.update(dist=dist, prev=prev)
    exposures = system_likelihoods(ctx, dist)
    rev = reverse_edges(graph)
    paths = [
        p
        for s in ctx.inventory.systems
        if s.criticality <= lk.critical_max
        for p in attack_paths(s.id, s.criticality, dist, prev, rev, lk.paths_per_system, lk.path_floor)
    ]
    # worst first; a system's paths stay together in rank order after its best one
    best = {p.system: p.likelihood for p in paths if p.rank == 1}
    paths.sort(key=lambda p: (-best[p.system], p.criticality, p.system, p.rank))
    index = exposure_index(exposures, dict(lk.criticality_weights))
    return ExposureResult(
        as_of=ctx.as_of,
        in_cloud=tuple(sorted(ctx.in_cloud)),
        kev_source=ctx.kev.source,
        likelihoods_source=lk.id,
        index=index,
        band=band_of(index, lk),
        coverage=coverage(ctx),
        findings=tuple(findings),
        gaps=tuple(gaps),
        checklist=tuple(checklist),
        paths=tuple(paths),
        choke_points=tuple(choke_points(paths)),
        systems=tuple(exposures),
    )
