"""remediation_plan: the fixes that remove the most exposure, in order, each scored by re-running the analysis.

Greedy on risk removed: at each step every fix still open is a candidate; the one that lowers the exposure index
most (computed by re-running the analysis on the estate with it applied: exposure.remediation.whatif) is taken;
ties go to the fix that lowers the most exposed criticality-1 system most, then the cheaper, then the check id.
Greedy is said plainly in the plan: it does not promise the cheapest set of fixes that reaches a band.

Bounded: the risk steps end once the estate is in the `low` band (what is left is in the findings, to fix in the
normal course), after `max_steps` steps (data/attack_likelihoods.yaml `remediation`), or when no fix removes
`min_gain` index points. Within a step, a candidate is re-run only when it could beat the best one found so far:
fixes only lower likelihoods, so after a fix every system's best path is at least as likely as its old best path
re-priced with the fix's hops (`_bound`); what a fix can remove is at most the weighted drop of those re-priced
paths. Candidates are re-run in the order of that bound until the next one's bound is below the best gain found,
which makes the choice the greedy one exactly (in 5-10 re-runs per plan on the samples and on the x10 estate), with
`trials_per_step` re-runs a step at most as a safety net. Steps that limit damage without changing any likelihood
(an offline backup, a backup server out of the production domain) follow, for the findings that call for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property

from hismigrate.exposure.attack_graph import EdgeMemo
from hismigrate.exposure.bands import band_of
from hismigrate.exposure.index import exposure_index_of, index_rows
from hismigrate.exposure.kev import kev_knowledge
from hismigrate.exposure.likelihoods import Likelihoods, load_likelihoods
from hismigrate.exposure.remediation.catalog import ControlCosts, control_costs
from hismigrate.exposure.remediation.fixes import FIXES, Edits, Fixing, fixing
from hismigrate.exposure.remediation.whatif import Trial, WhatIf
from hismigrate.exposure.states import Built
from hismigrate.model.exposure import Band, ExposureResult, Severity
from hismigrate.model.inventory import Inventory
from hismigrate.model.kev import KevCatalog
from hismigrate.model.remediation import RemediationPlan, RemediationStep, StepCost

EPSILON = 1e-9


@dataclass(frozen=True)
class Scored:
    """One candidate fix tried on the current estate."""

    check: str
    subjects: tuple[str, ...]
    edits: Edits  # the step's own
    trial: Trial
    gain: float  # index points removed (unrounded)
    critical_drop: float
    cost: StepCost
    first_year: int


@dataclass
class Scoring:
    """How an estate is scored: the index over every system, the most exposed criticality-1 system."""

    rows: list[tuple[str, int, str]]  # (attack-graph node, criticality, system id), in inventory order
    weights: dict[int, float]
    lk: Likelihoods

    @cached_property
    def criticality(self) -> dict[str, int]:
        return {node: c for node, c, _ in self.rows}

    @cached_property
    def total_weight(self) -> float:
        return sum(self.weights.get(c, 1.0) for _, c, _ in self.rows)

    def raw(self, trial: Trial) -> float:
        """The index unrounded (what the greedy compares)."""
        total = self.total_weight
        if not total:
            return 0.0
        return 100.0 * sum(self.weights.get(c, 1.0) * trial.likelihood(node) for node, c, _ in self.rows) / total

    def index(self, trial: Trial) -> float:
        """The index as a full run rounds it."""
        return exposure_index_of(self.rows, trial.dist, self.weights)

    def worst(self, trial: Trial) -> tuple[str | None, float]:
        """The most exposed criticality-1 system (the first in inventory order on a tie) and its likelihood."""
        found: tuple[str | None, float] = (None, 0.0)
        for node, criticality, ident in self.rows:
            if criticality == 1:
                p = round(trial.likelihood(node), 6)
                if p > found[1]:
                    found = (ident, p)
        return found


def remediation_plan(
    inventory: Inventory,
    as_of: date,
    kev: KevCatalog | None = None,
    lk: Likelihoods | None = None,
    today: ExposureResult | None = None,
    memo: EdgeMemo | None = None,
    built: Built | None = None,
) -> RemediationPlan:
    """The ranked plan for today's estate (before any migration). `today`: the estate's exposure when a run has
    made it already, `memo` and `built` that run's edges and graph of today's estate (exposure.states `keep`):
    its checks and graph are then not made again."""
    lk = lk or load_likelihoods()
    catalog = control_costs()
    knowledge = kev_knowledge(kev)
    known = (list(today.findings), list(today.gaps)) if today is not None else None
    whatif = WhatIf(inventory, as_of, knowledge, lk, known, memo, built)
    rules = fixing(as_of, knowledge, lk.thresholds)
    scoring = Scoring(index_rows(list(inventory.systems)), dict(lk.criticality_weights), lk)
    start = whatif.current
    first_system, first_likelihood = scoring.worst(start)
    index_before = scoring.index(start)
    steps: list[RemediationStep] = []
    done: set[str] = set()
    for _ in range(lk.max_steps):
        found = _best(whatif, rules, catalog, done, scoring)
        if found is None or found.gain < lk.min_gain:
            break
        # the step taken: every check re-run on what it changed, so that the next candidates see all it fixed
        whatif.accept(found.trial, found.edits)
        done.add(found.check)
        steps.append(_step(len(steps) + 1, found, "risk", scoring))
        if steps[-1].exposure_band_after == Band.low:
            break  # the plan's aim is reached: what is left is in the findings, to fix in the normal course
    damage = sorted((c for c, fix in FIXES.items() if fix.purpose == "damage"), key=lambda c: (_severity(c).rank, c))
    for check in damage:
        subjects = whatif.current.subjects_of(check)
        if subjects:
            found = _score(whatif, rules, catalog, check, subjects, scoring)
            whatif.accept(found.trial, found.edits)
            steps.append(_step(len(steps) + 1, found, "damage", scoring))
    return RemediationPlan(
        exposure_index_before=index_before,
        exposure_band_before=band_of(index_before, lk),
        critical_system_before=first_system,
        critical_likelihood_before=first_likelihood,
        steps=tuple(steps),
        max_steps=lk.max_steps,
        catalog=catalog.id,
        catalog_as_of=catalog.as_of,
    )


@cache
def _severity(check_id: str) -> Severity:
    from hismigrate.exposure.registry import check_by_id

    return check_by_id()[check_id].severity


def _best(whatif: WhatIf, rules: Fixing, catalog: ControlCosts, done: set[str], scoring: Scoring) -> Scored | None:
    """The candidate that removes the most risk from the current estate, trying them in the order of what they
    could remove at most and stopping when none left could beat the best found."""
    current = whatif.current
    candidates = [
        (check, subjects)
        for check, fix in sorted(FIXES.items())
        if fix.purpose == "risk" and check not in done and (subjects := current.subjects_of(check))
    ]
    if not candidates or not scoring.total_weight:
        return None
    bounds = _bounds(whatif, candidates, scoring)
    bounded = sorted(((bounds[check], check, subjects) for check, subjects in candidates), key=lambda b: (-b[0], b[1]))
    best: Scored | None = None
    for tried, (bound, check, subjects) in enumerate(bounded):
        if bound < scoring.lk.min_gain or (best is not None and bound < best.gain - EPSILON):
            break
        if tried == scoring.lk.trials_per_step:
            break
        scored = _score(whatif, rules, catalog, check, subjects, scoring)
        if best is None or _key(scored) > _key(best):
            best = scored
    return best


def _bounds(whatif: WhatIf, candidates: list[tuple[str, list[str]]], scoring: Scoring) -> dict[str, float]:
    """The most index points each fix could remove: every system's best path re-priced with the fix's hops at the
    likelihood the fix gives them at most (its controls in place, its raising findings gone, its cut hops at 0).
    The fix only lowers likelihoods, so each system's best path after it is at least as likely as its old best
    path re-priced: what it removes is at most the difference. One pass over the best paths for every fix."""
    paths, index = whatif.best_paths(scoring.rows)
    current = whatif.current
    lk = scoring.lk
    fixes_of: dict[str, list[str]] = {}  # subject -> the candidate fixes that change it
    for check, subjects in candidates:
        for subject in subjects:
            fixes_of.setdefault(subject, []).append(check)
    systems = sorted({system for subject in fixes_of for system in index.get(subject, ())})
    removed = dict.fromkeys((c for c, _ in candidates), 0.0)
    repriced: dict[tuple[object, ...], float] = {}  # many hops share their rule, controls and findings
    for system in systems:
        ratios: dict[str, float] = {}
        for edge, touched_by in paths[system]:
            checks = {c for key in touched_by for c in fixes_of.get(key, ())}
            for check in checks:
                fix = FIXES[check]
                if fix.cuts:
                    ratios[check] = 0.0
                    continue
                conn = current.ctx.connections_by_node.get(edge.target) if edge.kind == "entry" else None
                ids = tuple(i for f in edge.findings if (i := f.partition("@")[0]) not in fix.removes)
                key = (edge.kind, ids, edge.controls, fix.adds, conn.kind if conn is not None else None)
                after = repriced.get(key)
                if after is None:
                    rule = lk.entry if edge.kind == "entry" else lk.hops[edge.kind]
                    bases = dict(lk.entry_bases.get(conn.kind.value, ())) if conn is not None else None
                    after = repriced[key] = rule.likelihood(ids, (*edge.controls, *fix.adds), bases)
                ratios[check] = ratios.get(check, 1.0) * (after / edge.likelihood if edge.likelihood > 0 else 1.0)
        if ratios:
            weighted = scoring.weights.get(scoring.criticality[system], 1.0) * current.likelihood(system)
            for check, ratio in ratios.items():
                removed[check] += weighted * (1.0 - ratio)
    return {check: 100.0 * value / scoring.total_weight for check, value in removed.items()}


def _key(s: Scored) -> tuple[float, float, int, tuple[int, ...]]:
    """Most risk removed, then the most exposed criticality-1 system lowered most, then cheaper, then check id."""
    return (round(s.gain, 9), round(s.critical_drop, 9), -s.first_year, tuple(-ord(ch) for ch in s.check))


def _score(
    whatif: WhatIf, rules: Fixing, catalog: ControlCosts, check: str, subjects: list[str], scoring: Scoring
) -> Scored:
    """Apply the check's fix to the current estate and re-run the analysis."""
    fix = FIXES[check]
    current = whatif.current
    edits = whatif.edits_for(check, subjects, lambda: fix.apply(current.inventory, subjects, rules))
    trial = whatif.trial(edits, names=False)
    item = catalog.items[fix.item]
    units = fix.units(current.inventory, subjects)
    cost = StepCost(
        item=item.key,
        unit=item.unit,
        units=units,
        one_time_jpy=item.one_time_jpy * units,
        yearly_jpy=item.yearly_jpy * units,
        manual=item.manual,
        basis=item.basis,
    )
    return Scored(
        check=check,
        subjects=tuple(subjects),
        edits=edits,
        trial=trial,
        gain=scoring.raw(current) - scoring.raw(trial),
        critical_drop=scoring.worst(current)[1] - scoring.worst(trial)[1],
        cost=cost,
        first_year=cost.one_time_jpy + cost.yearly_jpy,
    )


def _step(rank: int, found: Scored, purpose: str, scoring: Scoring) -> RemediationStep:
    from hismigrate.exposure.checklist import load_checklist

    index = scoring.index(found.trial)
    system, likelihood = scoring.worst(found.trial)
    items = tuple(i.item for i in load_checklist() if found.check in i.checks)
    return RemediationStep(
        rank=rank,
        check=found.check,
        subjects=found.subjects,
        purpose=purpose,  # type: ignore[arg-type]
        exposure_index_after=index,
        exposure_band_after=band_of(index, scoring.lk),
        risk_removed=round(found.gain, 1),
        critical_system_after=system,
        critical_likelihood_after=likelihood,
        checklist_items=items,
        cost_jpy=found.first_year,
        yearly_jpy=found.cost.yearly_jpy,
        cost=found.cost,
    )
