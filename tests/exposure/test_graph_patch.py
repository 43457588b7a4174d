"""The attack graph patched from state to state is, edge for edge and in the same order, the graph a full build
of each state gives; and the findings grouped by subject as the states go are those of a full run."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.synthetic import generate
from hismigrate.exposure.assess import run_checks
from hismigrate.exposure.attack_graph import AttackGraph, build_attack_graph, group_findings
from hismigrate.exposure.check import Context
from hismigrate.exposure.kev import kev_knowledge
from hismigrate.exposure.likelihoods import load_likelihoods
from hismigrate.exposure.registry import all_checks
from hismigrate.exposure.states import _Run
from hismigrate.load import load_inventory
from hismigrate.model.enums import Protection
from hismigrate.model.inventory import Inventory
from hismigrate.model.settings import PlanSettings
from hismigrate.plan.planner import make_plan
from hismigrate.state import migration_state
from tests.conftest import SAMPLES as HOSPITAL_SAMPLES

AS_OF = date(2026, 4, 1)
REPO = Path(__file__).resolve().parents[2]
SAMPLES = HOSPITAL_SAMPLES  # the sample hospitals (not the sample group)
_LOADED: dict[Path, Inventory] = {}


def _edges(ag: AttackGraph) -> dict[str, list[object]]:
    return {source: list(edges) for source, edges in ag.edges.items() if edges}


def _follow(inventory: Inventory, states: list[frozenset[str]]) -> None:
    lk = load_likelihoods()
    run = _Run(inventory, AS_OF, kev_knowledge(None))
    for k, in_cloud in enumerate(states):
        run.state(f"s{k}", in_cloud, whole=False)
        ctx = Context(inventory, migration_state(inventory, in_cloud), AS_OF, kev_knowledge(None), lk.thresholds)
        findings, _ = run_checks(ctx, all_checks())
        assert run.by_subject == group_findings(findings), k
        assert _edges(run.patcher.ag) == _edges(build_attack_graph(ctx, findings, lk)), k


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 50),
    picks=st.lists(st.lists(st.integers(0, 10_000), max_size=15), min_size=2, max_size=6),
)
def test_a_patched_graph_is_the_full_build_of_its_state(seed: int, picks: list[list[int]]) -> None:
    """Any sequence: systems move out and back, the same set recurs, the implied cloud link comes and goes."""
    inventory = generate(servers=120, seed=seed)
    ids = [s.id for s in inventory.systems]
    _follow(inventory, [frozenset(ids[i % len(ids)] for i in pick) for pick in picks])


def test_the_graphs_of_a_plan_are_the_full_builds() -> None:
    inventory = generate(servers=400, seed=3)
    states = [in_cloud for _, in_cloud in make_plan(inventory, AS_OF, PlanSettings()).states()]
    assert len(states) > 3
    _follow(inventory, states)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sample=st.sampled_from(SAMPLES),
    picks=st.lists(st.lists(st.integers(0, 10_000), max_size=10), min_size=2, max_size=5),
)
def test_a_patched_graph_of_a_sample_is_the_full_build(sample: Path, picks: list[list[int]]) -> None:
    """The samples have what the synthetic estates lack: lines serving several systems, servers shared by
    systems, findings on password groups and practices."""
    inventory = _LOADED.get(sample) or _LOADED.setdefault(sample, load_inventory(sample))
    ids = [s.id for s in inventory.systems]
    _follow(inventory, [frozenset(ids[i % len(ids)] for i in pick) for pick in picks])


def _shared(inventory: Inventory, pairs: list[tuple[int, int]]) -> Inventory:
    """The inventory with some systems also running on another's servers, unprotected: a move then changes what
    a server that stays hosts, so its criticality, its findings and its segment's edge to it."""
    systems = list(inventory.systems)
    servers = {s.id: s for s in inventory.servers}
    for a, b in pairs:
        first, second = systems[a % len(systems)], systems[b % len(systems)]
        if first.id == second.id:
            continue
        joined = list(dict.fromkeys([*second.servers, *first.servers]))
        systems[b % len(systems)] = second.model_copy(update={"servers": joined})
        for server_id in first.servers:
            if server_id in servers:
                servers[server_id] = servers[server_id].model_copy(update={"protection": Protection.none})
    return inventory.model_copy(update={"systems": systems, "servers": [servers[s.id] for s in inventory.servers]})


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sample=st.sampled_from(SAMPLES),
    pairs=st.lists(st.tuples(st.integers(0, 500), st.integers(0, 500)), min_size=1, max_size=8),
    picks=st.lists(st.lists(st.integers(0, 10_000), max_size=10), min_size=2, max_size=5),
)
def test_a_patched_graph_with_shared_servers_is_the_full_build(
    sample: Path, pairs: list[tuple[int, int]], picks: list[list[int]]
) -> None:
    base = _LOADED.get(sample) or _LOADED.setdefault(sample, load_inventory(sample))
    inventory = _shared(base, pairs)
    ids = [s.id for s in inventory.systems]
    _follow(inventory, [frozenset(ids[i % len(ids)] for i in pick) for pick in picks])
