"""assess_states gives every state exactly what a full assess_exposure run on that state gives: the samples, a
synthetic estate, every check's failing case, the real KEV catalog, and random sequences of states."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from random import Random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.synthetic import generate
from hismigrate.exposure.assess import assess_exposure
from hismigrate.exposure.registry import all_checks
from hismigrate.exposure.states import SCOPES, assess_states, by_severity
from hismigrate.load import load_inventory
from hismigrate.load.kev import load_kev_catalog
from hismigrate.model.inventory import Inventory
from hismigrate.model.kev import KevCatalog
from hismigrate.model.settings import PlanSettings
from hismigrate.plan.planner import make_plan
from tests.conftest import SAMPLES as HOSPITAL_SAMPLES
from tests.exposure.conftest import inventory_with
from tests.exposure.test_check_cases import _case

REPO = Path(__file__).resolve().parents[2]
SAMPLES = [p.name for p in HOSPITAL_SAMPLES]  # the sample hospitals (not the sample group)
KEV_FILE = REPO / ".." / "shared" / "data" / "kev" / "known_exploited_vulnerabilities.json"
AS_OF = date(2026, 4, 1)


def _assert_same(inventory: Inventory, states: list[tuple[str, frozenset[str]]], kev: KevCatalog | None = None) -> None:
    new = assess_states(inventory, AS_OF, states, kev)
    assert [s.name for s in new.states] == [name for name, _ in states]
    # without the last state's full result (as an assessment asks): the same states, the same first result
    lean = assess_states(inventory, AS_OF, states, kev, full_last=False)
    assert lean.states == new.states and lean.first == new.first
    assert lean.last is None or len(states) == 1
    for (name, in_cloud), got in zip(states, new.states, strict=True):
        old = assess_exposure(inventory, as_of=AS_OF, in_cloud=in_cloud, kev=kev)
        assert (got.index, got.findings_by_severity) == (old.index, by_severity(old.findings)), name
        if name == states[0][0]:
            assert new.first == old
        if name == states[-1][0]:
            assert new.last == old


def _plan_states(inventory: Inventory) -> list[tuple[str, frozenset[str]]]:
    return make_plan(inventory, AS_OF, PlanSettings()).states()


@pytest.mark.parametrize("sample", SAMPLES)
def test_every_state_of_a_sample_plan_matches_a_full_run(sample: str) -> None:
    inventory = load_inventory(REPO / "inventories" / sample)
    _assert_same(inventory, _plan_states(inventory))


@pytest.mark.parametrize("seed", [1, 7])
def test_every_state_of_a_synthetic_plan_matches_a_full_run(seed: int) -> None:
    inventory = generate(servers=400, seed=seed)
    states = _plan_states(inventory)
    assert len(states) > 3
    _assert_same(inventory, states)


def test_states_with_the_real_kev_catalog_match() -> None:
    if not KEV_FILE.is_file():
        pytest.skip("the CISA KEV catalog copy (../shared/data/kev) is absent")
    inventory = load_inventory(REPO / "inventories" / SAMPLES[0])
    _assert_same(inventory, _plan_states(inventory), load_kev_catalog(KEV_FILE))


@pytest.mark.parametrize("check_id", [c.id for c in all_checks()])
def test_each_check_failing_case_matches_as_its_systems_move_one_by_one(check_id: str) -> None:
    """A wrong `scope` on a check shows here: its case makes it fire, and the moves change what it looks at."""
    inventory = inventory_with(_case(check_id)["fail"])
    moved: set[str] = set()
    states = [("before", frozenset())]
    for system in inventory.systems:
        moved.add(system.id)
        states.append((f"after {system.id}", frozenset(moved)))
    _assert_same(inventory, states)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 50), picks=st.lists(st.lists(st.integers(0, 10_000), max_size=12), min_size=1, max_size=5))
def test_any_sequence_of_states_matches(seed: int, picks: list[list[int]]) -> None:
    """States need not grow one from the other: a system may come back, the same set may recur."""
    inventory = generate(servers=120, seed=seed)
    ids = [s.id for s in inventory.systems]
    states = [(f"s{k}", frozenset(ids[i % len(ids)] for i in pick)) for k, pick in enumerate(picks)]
    _assert_same(inventory, states)


def test_every_check_has_a_known_scope() -> None:
    assert {c.scope for c in all_checks()} <= set(SCOPES)


def test_progress_hears_every_state_in_order() -> None:
    inventory = generate(servers=120, seed=2)
    states = _plan_states(inventory)
    heard: list[str] = []
    assess_states(inventory, AS_OF, states, progress=heard.append)
    assert heard == [name for name, _ in states]


def test_no_state_is_refused() -> None:
    with pytest.raises(ValueError):
        assess_states(generate(servers=50, seed=1), AS_OF, [])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 50), shuffle=st.randoms(use_true_random=False))
def test_the_attack_graph_does_not_depend_on_the_order_of_the_findings(seed: int, shuffle: Random) -> None:
    """The states between the first and last hand their findings over unsorted: the edges must come out the same."""
    from hismigrate.exposure.assess import run_checks
    from hismigrate.exposure.attack_graph import build_attack_graph
    from hismigrate.exposure.check import Context
    from hismigrate.exposure.kev import kev_knowledge
    from hismigrate.exposure.likelihoods import load_likelihoods
    from hismigrate.exposure.registry import all_checks
    from hismigrate.state import migration_state

    inventory = generate(servers=120, seed=seed)
    lk = load_likelihoods()
    moved = frozenset(s.id for s in inventory.systems[::3])
    ctx = Context(inventory, migration_state(inventory, moved), AS_OF, kev_knowledge(None), lk.thresholds)
    findings, _ = run_checks(ctx, all_checks())
    mixed = list(findings)
    shuffle.shuffle(mixed)
    assert dict(build_attack_graph(ctx, mixed, lk).edges) == dict(build_attack_graph(ctx, findings, lk).edges)
