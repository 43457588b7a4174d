"""assess(inventory, ...) -> Assessment: the one place where the analyses meet.

Plan first (strategies and waves), then for every migration state (before, after each wave) the exposure, the
resilience and the running cost, then the cost case of the whole plan with its sensitivity. Time is `as_of`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import partial

from hismigrate import __version__
from hismigrate.cost.case import cost_case
from hismigrate.cost.context import make_context
from hismigrate.exposure.bands import band_of, band_rank, calibration
from hismigrate.exposure.registry import check_by_id
from hismigrate.exposure.remediation.plan import remediation_plan
from hismigrate.exposure.states import Kept, StatesExposure, assess_states
from hismigrate.load.inputs import Inputs
from hismigrate.model.assessment import (
    Assessment,
    CheckText,
    Counts,
    FindingOut,
    HospitalFacts,
    Sources,
    StateOut,
    Summary,
    Texts,
    WaveOut,
    bed_class,
)
from hismigrate.model.calendar import fiscal_year
from hismigrate.model.completeness import inventory_notes, missing_parts
from hismigrate.model.cost import CostResult
from hismigrate.model.exposure import Band, ExposureResult, Finding, Severity
from hismigrate.model.fee_revision import table_id as fee_revision_table
from hismigrate.model.inventory import Inventory
from hismigrate.model.kev import KevCatalog
from hismigrate.model.lifecycle import table_id
from hismigrate.model.plan import Wave
from hismigrate.model.remediation import Alternatives, RemediationPlan, alternatives
from hismigrate.model.resilience import Resilience
from hismigrate.model.settings import Settings
from hismigrate.parallel import Background, jobs_for
from hismigrate.plan.planner import make_plan
from hismigrate.plan.resilience import assess_resilience
from hismigrate.plan.strategy import MOVING
from hismigrate.plan.traffic import cloud_line_mbps, cross_boundary_mbps


class Stage(StrEnum):
    plan = "plan"
    cost = "cost"
    exposure = "exposure"  # of one migration state
    resilience = "resilience"  # of one migration state
    remediation = "remediation"  # the remediation plan of today's estate


@dataclass(frozen=True)
class Step:
    """What an assessment is doing now: its stage, and the migration state (`before`, `wave <k>`) for the stages
    done per state."""

    stage: Stage
    state: str | None = None


Progress = Callable[[Step], None]
"""Told of each step as it starts; the steps of the states' analyses may come from another thread (see `assess`)."""


def _check_text(check_id: str) -> CheckText:
    """A check's title, remediation (both languages) and references: stored once for all its findings."""
    check = check_by_id()[check_id]
    return CheckText(
        title=Texts(ja=check.title("ja"), en=check.title("en")),
        remediation=Texts(ja=check.text("remediation", "ja"), en=check.text("remediation", "en")),
        references=tuple(dict.fromkeys(check.references)),
    )


def _findings_out(findings: tuple[Finding, ...], checks: dict[str, CheckText]) -> tuple[FindingOut, ...]:
    """The findings as the assessment keeps them: each with the references beyond its check's (the CVE ids a hit
    matched). Built without re-validation: every part comes from a validated finding (a 60,000-server estate has
    about 200,000 findings)."""
    of_check = {check_id: frozenset(text.references) for check_id, text in checks.items()}
    return tuple(
        FindingOut.trusted(
            check_id=f.check_id,
            severity=f.severity,
            subject=f.subject,
            evidence=dict(f.evidence),
            references=tuple(r for r in f.references if r not in of_check[f.check_id]),
        )
        for f in findings
    )


def _by_severity(result: ExposureResult) -> dict[str, int]:
    counts = {s.value: 0 for s in Severity}
    for f in result.findings:
        counts[f.severity.value] += 1
    return counts


def _state_analyses(
    inventory: Inventory,
    as_of: date,
    states: list[tuple[str, frozenset[str]]],
    kev: KevCatalog | None,
    settings: Settings,
    fork: bool,
    step: Progress,
) -> tuple[StatesExposure, list[Resilience], list[float], RemediationPlan]:
    """Every state's exposure (the full result of the first; index and counts of the others, and what stays
    exposed on premises in the last), resilience and traffic across the line to the cloud; and the remediation
    plan of today's estate (exposure only, so it runs beside the cost case too). The plan starts as soon as the
    first state is made: with `fork`, in a worker of its own while this one makes the other states."""
    remediation: list[Background[RemediationPlan]] = []

    def first_done(today: ExposureResult, kept: Kept) -> None:
        # today's estate is the plan's first state: its findings and edges are taken, not made again
        task = partial(remediation_plan, inventory, as_of, kev, today=today, memo=kept.memo, built=kept.built)
        remediation.append(Background(task, fork=fork))

    exposure = assess_states(
        inventory,
        as_of,
        states,
        kev,
        progress=lambda name: step(Step(Stage.exposure, name)),
        full_last=False,
        first_done=first_done,
    )
    resilience = []
    for name, in_cloud in states:
        step(Step(Stage.resilience, name))
        resilience.append(assess_resilience(inventory, in_cloud))
    crossing = [cross_boundary_mbps(inventory, in_cloud, settings.plan) for _, in_cloud in states]
    step(Step(Stage.remediation))
    return exposure, resilience, crossing, remediation[0].result()


def _subjects(inventory: Inventory) -> int:
    """The size that decides whether the states' analyses get a worker of their own (parallel.jobs_for)."""
    return len(inventory.servers) + len(inventory.systems) + len(inventory.connections)


def _alternatives(
    cost: CostResult, before: ExposureResult, plan: RemediationPlan, states: list[StateOut]
) -> Alternatives:
    """Hardening beside moving: the plan's risk steps up to the first that brings the estate below `high` (all of
    them when none does), against the migration's last state."""
    risk = [s for s in plan.steps if s.purpose == "risk"]
    below = next(
        (k for k, s in enumerate(risk, start=1) if band_rank(s.exposure_band_after) < band_rank(Band.high)), None
    )
    taken = below if below is not None else len(risk)
    hardened = (
        (risk[taken - 1].exposure_index_after, risk[taken - 1].exposure_band_after)
        if taken
        else (before.index, before.band)
    )
    last = states[-1]
    return alternatives(
        cost,
        before=(before.index, before.band),
        hardened=(*hardened, taken),
        migrated=(last.name, last.exposure_index, last.exposure_band or band_of(last.exposure_index), len(states) - 1),
        plan=plan,
        reaches_below_high=below is not None or band_rank(before.band) < band_rank(Band.high),
    )


def _fiscal_year_after(day: date) -> int:
    """The first fiscal year (April-March) that starts on or after `day`."""
    return fiscal_year(day) if (day.month, day.day) == (4, 1) else fiscal_year(day) + 1


def assess(inventory: Inventory, inputs: Inputs, progress: Progress | None = None) -> Assessment:
    """Run every analysis on an inventory and gather the results. The states' exposure and resilience do not
    depend on the cost case: on a large estate they run in a worker meanwhile (parallel.jobs_for), whose steps
    `progress` hears on another thread as they happen."""
    step: Progress = progress or (lambda _: None)
    as_of, settings = inputs.as_of, inputs.settings

    step(Step(Stage.plan))
    plan = make_plan(inventory, as_of, settings.plan)
    states = plan.states()
    capacity = cloud_line_mbps(inventory, settings.plan)

    fork = jobs_for("states", _subjects(inventory), inputs.jobs) > 1
    analyses = Background.telling(
        partial(_state_analyses, inventory, as_of, states, inputs.kev, settings, fork), step, fork=fork
    )

    step(Step(Stage.cost))
    # One context for the cost case and every state's running cost: a state books only what differs from the
    # subjects' totals the cost case has already kept.
    ctx = make_context(inventory, settings.cost, inputs.catalog, as_of)
    waves: list[Wave | None] = [None, *plan.waves]
    # the first full fiscal year in each state: after as_of before the plan, else after the wave's cutover
    years = [fiscal_year(as_of) + 1 if wave is None else _fiscal_year_after(wave.cutover) for wave in waves]
    cost, running = cost_case(ctx, plan, True, list(enumerate(years)))
    del ctx  # its tables are not needed past the cost case: freed before this process waits for the states
    exposure, resilience, crossing, remediation = analyses.result()
    counts = Counts(
        segments=len(inventory.segments),
        servers=len(inventory.servers),
        systems=len(inventory.systems),
        connections=len(inventory.connections),
        flows=len(inventory.flows),
    )
    notes = inventory_notes(inventory)
    complete = not missing_parts(notes)  # no band, plan or cost case is given that the inventory cannot support
    out_states: list[StateOut] = []
    for k, ((name, in_cloud), state_exposure, wave) in enumerate(zip(states, exposure.states, waves, strict=True)):
        year, annual = years[k], running[k]
        out_states.append(
            StateOut(
                name=name,
                wave=k,
                cutover=wave.cutover if wave else None,
                systems_in_cloud=tuple(sorted(in_cloud)),
                exposure_index=state_exposure.index,
                exposure_band=band_of(state_exposure.index) if complete else None,
                findings_by_severity=state_exposure.findings_by_severity,
                cross_boundary_mbps=crossing[k],
                annual_cost_jpy=annual,
                annual_cost_year=year if annual is not None else None,
                resilience=resilience[k],
            )
        )

    out_waves = tuple(
        WaveOut(
            index=w.index,
            cutover=w.cutover,
            systems=w.systems,
            groups=w.groups,
            notes=w.notes,
            cross_boundary_mbps=out_states[w.index].cross_boundary_mbps,
            line_capacity_mbps=capacity,
        )
        for w in plan.waves
    )
    before, after = exposure.first, exposure.states[-1]
    checks = {c: _check_text(c) for c in sorted({f.check_id for f in (*before.findings, *before.gaps)})}
    moving = sum(1 for s in plan.strategies if s.strategy in MOVING and s.system not in plan.already_in_cloud)
    hospital = inventory.hospital

    return Assessment(
        tool_version=__version__,
        as_of=as_of,
        hospital=HospitalFacts(
            id=hospital.id,
            name=hospital.name,
            beds=hospital.beds,
            bed_class=bed_class(hospital.beds),
            type=hospital.type,
            prefecture=hospital.prefecture,
            founder=hospital.founder,
        ),
        counts=counts,
        summary=Summary(
            notes=notes,
            exposure_index_now=before.index,
            exposure_index_after=after.index,
            exposure_band_now=before.band if complete else None,
            exposure_band_after=band_of(after.index) if complete else None,
            coverage=before.coverage.share,
            findings_by_severity=_by_severity(before),
            waves=len(plan.waves),
            systems_moving=moving,
            systems_staying=len(inventory.systems) - moving - len(plan.already_in_cloud),
            systems_already_in_cloud=len(plan.already_in_cloud),
            npv_saving_jpy=cost.npv_saving_jpy,
            break_even_year=cost.break_even_year,
            verdict=cost.verdict,
        ),
        findings=_findings_out(before.findings, checks),
        gaps=_findings_out(before.gaps, checks),
        checks=checks,
        checklist=before.checklist,
        attack_paths=before.paths,
        choke_points=before.choke_points,
        coverage=before.coverage,
        system_exposure=before.systems,
        strategies=plan.strategies,
        waves=out_waves,
        revision_blackouts=plan.blackouts,
        states=tuple(out_states),
        remediation=remediation,
        alternatives=_alternatives(cost, before, remediation, out_states) if complete else None,
        residual=exposure.residual,
        cost=cost,
        calibration=calibration(),
        sources=Sources(
            kev=before.kev_source,
            likelihoods=before.likelihoods_source,
            os_lifecycle=table_id(),
            fee_revisions=fee_revision_table(),
            price_catalog=cost.catalog.id,
            price_catalog_as_of=cost.catalog.as_of,
            settings_file=inputs.settings_file.name if inputs.settings_file else None,
            prices_file=inputs.prices_file.name if inputs.prices_file else None,
        ),
    )
