"""The remediation plan: each step's effect is a full re-run of the analysis on the estate with the fixes applied,
the index never rises from step to step, step 1 of the general sample is its known-exploited VPN, the bound that
spares re-runs never under-states what a fix removes, and every cost comes from the dated catalog."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hismigrate.exposure.assess import assess_exposure
from hismigrate.exposure.index import index_rows
from hismigrate.exposure.kev import kev_knowledge
from hismigrate.exposure.likelihoods import load_likelihoods
from hismigrate.exposure.registry import all_checks
from hismigrate.exposure.remediation.catalog import control_costs
from hismigrate.exposure.remediation.fixes import FIXES, fixing
from hismigrate.exposure.remediation.plan import Scoring, _bounds, _score, remediation_plan
from hismigrate.exposure.remediation.whatif import WhatIf, raising_checks
from hismigrate.load import load_inventory
from hismigrate.model.inventory import Inventory
from hismigrate.model.remediation import RemediationPlan

REPO = Path(__file__).resolve().parents[2]
SAMPLE_AS_OF = date(2026, 12, 1)
ESTATES = [
    ("inventories/sakura-general", SAMPLE_AS_OF),
    ("inventories/aozora-chronic", SAMPLE_AS_OF),
    ("tests/scenarios/handa_2021", date(2021, 10, 1)),
    ("tests/scenarios/osaka_2022", date(2022, 10, 1)),
]


def _load(folder: str) -> Inventory:
    return load_inventory(REPO / folder)


def applied(inventory: Inventory, plan: RemediationPlan, steps: int, as_of: date) -> Inventory:
    """The inventory with the plan's first `steps` fixes applied, one after the other, as a user would."""
    rules = fixing(as_of, kev_knowledge(), load_likelihoods().thresholds)
    for step in plan.steps[:steps]:
        edits = FIXES[step.check].apply(inventory, list(step.subjects), rules)
        inventory = edits.applied(inventory)
    return inventory


@pytest.mark.parametrize(("folder", "as_of"), ESTATES)
def test_every_step_is_a_full_rerun_and_the_index_never_rises(folder, as_of):
    inventory = _load(folder)
    plan = remediation_plan(inventory, as_of)
    assert plan.steps, "no step for an estate full of findings"
    assert plan.exposure_index_before == assess_exposure(inventory, as_of=as_of).index
    previous = plan.exposure_index_before
    for k, step in enumerate(plan.steps, start=1):
        assert step.rank == k
        assert step.exposure_index_after <= previous
        previous = step.exposure_index_after
        full = assess_exposure(applied(inventory, plan, k, as_of), as_of=as_of)
        assert full.index == step.exposure_index_after, f"step {k} ({step.check})"
        assert full.band == step.exposure_band_after
        critical = max((s.likelihood for s in full.systems if s.criticality == 1), default=0.0)
        assert critical == step.critical_likelihood_after
        assert full.findings_of(step.check) == [] or step.check == "HIS-BAK-001"
    risk = [s for s in plan.steps if s.purpose == "risk"]
    assert all(s.risk_removed >= load_likelihoods().min_gain for s in risk)
    assert len(risk) <= plan.max_steps
    assert [s.purpose for s in plan.steps] == sorted((s.purpose for s in plan.steps), key=lambda p: p != "risk")


def test_the_general_samples_first_step_is_its_known_exploited_vpn():
    plan = remediation_plan(_load("inventories/sakura-general"), SAMPLE_AS_OF)
    first = plan.steps[0]
    assert first.check == "HIS-CONN-001"
    assert "connection:rm-akatsuki" in first.subjects  # the FortiGate with five known-exploited CVEs
    assert first.cost.item == "firmware_update" and first.cost.units == len(first.subjects)
    assert "2-(7)" in first.checklist_items


def test_the_bound_never_understates_what_a_fix_removes():
    """The plan re-runs a candidate only when its bound could beat the best found: an under-stated bound would
    skip the real best step. Every candidate of the first step, on two estates."""
    lk = load_likelihoods()
    for folder, as_of in ESTATES[:2]:
        inventory = _load(folder)
        whatif = WhatIf(inventory, as_of, kev_knowledge(), lk)
        scoring = Scoring(index_rows(list(inventory.systems)), dict(lk.criticality_weights), lk)
        rules = fixing(as_of, kev_knowledge(), lk.thresholds)
        catalog = control_costs()
        candidates = [
            (check, subjects)
            for check, fix in sorted(FIXES.items())
            if fix.purpose == "risk" and (subjects := whatif.current.subjects_of(check))
        ]
        bounds = _bounds(whatif, candidates, scoring)
        for check, subjects in candidates:
            gain = _score(whatif, rules, catalog, check, subjects, scoring).gain
            assert gain <= bounds[check] + 1e-9, (folder, check, gain, bounds[check])
        assert len(candidates) >= 5


def test_only_item_checks_raise_a_likelihood():
    """A scoring re-run re-checks only the items a fix replaces: a check that looks at the whole state must not
    raise any likelihood, or a re-run would miss its change."""
    scopes = {c.id: c.scope for c in all_checks()}
    assert {scopes[c] for c in raising_checks(load_likelihoods())} <= {
        "connection",
        "server",
        "hosted_server",
        "static",
    }


def test_every_fix_names_a_registered_check_and_a_catalog_item():
    catalog = control_costs()
    ids = {c.id for c in all_checks()}
    for check, fix in FIXES.items():
        assert check in ids
        assert fix.item in catalog.items
        assert fix.purpose in ("risk", "damage")
        assert set(fix.adds) <= set(load_likelihoods().controls)
    for item in catalog.items.values():
        assert item.basis and item.source and item.unit
        assert item.one_time_jpy >= 0 and item.yearly_jpy >= 0
    assert catalog.as_of == date(2026, 12, 1)


def test_costs_are_units_times_the_catalog():
    plan = remediation_plan(_load("tests/scenarios/osaka_2022"), date(2022, 10, 1))
    items = control_costs().items
    for step in plan.steps:
        item = items[step.cost.item]
        assert step.cost.one_time_jpy == item.one_time_jpy * step.cost.units
        assert step.cost.yearly_jpy == item.yearly_jpy * step.cost.units
        assert step.cost_jpy == step.cost.one_time_jpy + step.cost.yearly_jpy
        assert step.cost.manual == item.manual and step.cost.basis == item.basis


def test_damage_steps_follow_and_change_no_likelihood():
    plan = remediation_plan(_load("tests/scenarios/handa_2021"), date(2021, 10, 1))
    damage = [s for s in plan.steps if s.purpose == "damage"]
    assert {s.check for s in damage} == {"HIS-BAK-001", "HIS-BAK-003"}
    last_risk = [s for s in plan.steps if s.purpose == "risk"][-1]
    assert all(s.exposure_index_after == last_risk.exposure_index_after and s.risk_removed == 0 for s in damage)


def test_a_well_run_hospital_needs_no_step():
    plan = remediation_plan(_load("tests/scenarios/well_run"), SAMPLE_AS_OF)
    assert [s for s in plan.steps if s.purpose == "risk"] == []


def test_a_retired_line_does_not_read_as_the_hospital_being_safe():
    """Moving the contractor's catering system retires its line and most of the index, but the EMR stays on site
    without antivirus and with the shared password: the residual exposure says so."""
    from hismigrate.exposure.states import assess_states

    inventory = _load("tests/scenarios/osaka_2022")
    states = [("before", frozenset()), ("wave 1", frozenset({"nutrition"}))]
    result = assess_states(inventory, date(2022, 10, 1), states)
    assert result.states[1].index < result.states[0].index / 2
    residual = {r.system: r for r in result.residual}
    assert set(residual) == {"emr"}
    assert residual["emr"].findings["HIS-SRV-002"] == 2
    assert residual["emr"].findings["HIS-SRV-005"] == 1


def test_every_fix_is_named_as_an_action_in_both_languages():
    from hismigrate.i18n import has

    assert [c for c in FIXES for lang in ("ja", "en") if not has(f"report.fix.{c}", lang)] == []


@pytest.mark.parametrize(("folder", "as_of"), [ESTATES[0], ESTATES[2], ESTATES[3]])
def test_every_candidate_trial_equals_a_full_rerun(folder, as_of):
    """Not only the steps taken: every fix tried on today's estate gives, re-run on what it changes, the index and
    most exposed criticality-1 system of a full run of the fixed inventory."""
    inventory = _load(folder)
    lk = load_likelihoods()
    whatif = WhatIf(inventory, as_of, kev_knowledge(), lk)
    scoring = Scoring(index_rows(list(inventory.systems)), dict(lk.criticality_weights), lk)
    rules = fixing(as_of, kev_knowledge(), lk.thresholds)
    tried = 0
    for check, fix in sorted(FIXES.items()):
        subjects = whatif.current.subjects_of(check)
        if not subjects:
            continue
        edits = fix.apply(inventory, subjects, rules)
        for names in (False, True):
            trial = whatif.trial(edits, names=names)
            full = assess_exposure(edits.applied(inventory), as_of=as_of)
            assert scoring.index(trial) == full.index, (check, names)
            worst = max((s.likelihood for s in full.systems if s.criticality == 1), default=0.0)
            assert scoring.worst(trial)[1] == worst, (check, names)
        tried += 1
    assert tried >= 8


def test_practices_fixes_rerun_the_hops_to_the_domain():
    """An estate whose critical servers are reached only through the Windows domain (a jump host where the vendor
    lands): the practices fixes change those hops, and their trials equal full runs."""
    from tests.exposure.conftest import AS_OF, inventory_with

    inventory = inventory_with(
        {
            "servers": [
                {
                    "id": "jump01",
                    "hostname": "JUMP01",
                    "segment": "vendor-dmz",
                    "role": "remote_access",
                    "os_name": "Windows Server",
                    "os_version": "2012 R2",
                    "protection": "none",
                    "domain": "hosp.local",
                },
            ],
            "segments": [{"id": "vendor-dmz", "name": "保守DMZ", "zone": "vendor", "routes": []}],
            "practices": {"two_factor": "no", "no_password_reuse": "unknown", "account_cleanup": "no"},
        }
    )
    lk = load_likelihoods()
    whatif = WhatIf(inventory, AS_OF, kev_knowledge(), lk)
    scoring = Scoring(index_rows(list(inventory.systems)), dict(lk.criticality_weights), lk)
    rules = fixing(AS_OF, kev_knowledge(), lk.thresholds)
    before = scoring.index(whatif.current)
    for check in ("HIS-PRC-016", "HIS-PRC-014", "HIS-PRC-006"):
        edits = FIXES[check].apply(inventory, whatif.current.subjects_of(check), rules)
        trial = whatif.trial(edits, names=False)
        full = assess_exposure(edits.applied(inventory), as_of=AS_OF)
        assert scoring.index(trial) == full.index < before, check


@pytest.mark.parametrize("folder", ["inventories/sakura-general", "inventories/minato-university"])
def test_the_plan_from_the_states_run_is_the_plan_made_alone(folder):
    """The assessment takes today's findings, graph and search from the run over the plan's states: the plan
    must be the same as one made from the inventory alone."""
    from hismigrate.exposure.states import assess_states

    inventory = _load(folder)
    moving = frozenset(s.id for s in inventory.systems[::3])
    kept: list = []
    states = assess_states(
        inventory, SAMPLE_AS_OF, [("before", frozenset()), ("wave 1", moving)], first_done=lambda _, k: kept.append(k)
    )
    shared = remediation_plan(inventory, SAMPLE_AS_OF, today=states.first, memo=kept[0].memo, built=kept[0].built)
    assert shared == remediation_plan(inventory, SAMPLE_AS_OF)
