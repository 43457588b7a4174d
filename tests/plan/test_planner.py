"""Strategy rules, wave ordering and resilience on small hand-made estates."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from hismigrate.errors import Location
from hismigrate.load import load_inventory
from hismigrate.load.validate import to_inventory
from hismigrate.model.enums import Strategy
from hismigrate.model.inventory import Inventory
from hismigrate.model.plan import Readiness
from hismigrate.model.settings import PlanSettings
from hismigrate.plan.planner import make_plan
from hismigrate.plan.resilience import assess_resilience
from hismigrate.plan.waves import first_cutover
from tests.conftest import SAMPLES as HOSPITAL_SAMPLES

AS_OF = date(2026, 12, 1)


def _inv(extra: str) -> Inventory:
    base: dict[str, Any] = yaml.safe_load(
        """
hospital: {id: h, name: 病院, beds: 300, type: acute, prefecture: tokyo, founder: public}
segments:
  - {id: clin, name: 診療系, zone: clinical}
  - {id: office, name: 情報系, zone: office, routes: [{to: clin, filtered: true}]}
servers:
  - {id: ad, hostname: AD, segment: clin, os_name: Windows Server, os_version: "2022", vcpu: 2, memory_gb: 8, cpu_util_pct: 10}
  - {id: emr1, hostname: EMR1, segment: clin, os_name: Windows Server, os_version: "2019", vcpu: 8, memory_gb: 32, cpu_util_pct: 40}
  - {id: old, hostname: OLD, segment: clin, os_name: Windows Server, os_version: "2012 R2", vcpu: 2, memory_gb: 4, cpu_util_pct: 5}
  - {id: lab, hostname: LAB, segment: clin, os_name: Windows Server, os_version: "2019", vcpu: 4, memory_gb: 8, cpu_util_pct: 20}
  - {id: nut, hostname: NUT, segment: office, os_name: Windows Server, os_version: "2019", vcpu: 2, memory_gb: 4, cpu_util_pct: 20}
systems:
  - {id: identity, name: 認証, category: identity, servers: [ad], criticality: 1}
  - {id: emr, name: 電子カルテ, category: emr, servers: [emr1], criticality: 1, depends_on: [identity]}
  - {id: docs, name: 文書, category: documents, servers: [old], criticality: 3, depends_on: [emr]}
  - {id: lis, name: 検査, category: lis, servers: [lab], criticality: 2, equipment: [分析装置]}
  - {id: nutrition, name: 栄養, category: nutrition, servers: [nut], criticality: 3, vendor_cloud: saas}
"""
    )
    for key, value in (yaml.safe_load(extra) or {}).items():
        base[key] = base.get(key, []) + value if isinstance(value, list) else value
    return to_inventory(base, lambda loc: Location("<test>"))


def _strategy(inv: Inventory) -> dict[str, Strategy]:
    return {s.system: s.strategy for s in make_plan(inv, AS_OF).strategies}


def test_rules_pick_the_expected_strategy() -> None:
    got = _strategy(_inv(""))
    assert got == {
        "identity": Strategy.rehost,
        "emr": Strategy.rehost,
        "docs": Strategy.replatform,
        "lis": Strategy.retain,
        "nutrition": Strategy.repurchase,
    }


def test_override_wins() -> None:
    inv = _inv("")
    data = inv.model_dump(by_alias=True)
    data["systems"][3]["strategy"] = "rehost"
    assert _strategy(to_inventory(data, lambda loc: Location("<test>")))["lis"] == Strategy.rehost


def test_light_latency_sensitive_flow_to_a_retained_system_crosses_the_line() -> None:
    inv = _inv("flows: [{from: emr, to: lis, protocol: hl7v2, mbps: 1, latency_sensitive: true}]")
    assert _strategy(inv)["emr"] == Strategy.rehost


def test_heavy_latency_sensitive_flow_to_a_retained_system_keeps_the_partner_home() -> None:
    inv = _inv("flows: [{from: emr, to: lis, protocol: hl7v2, mbps: 300, latency_sensitive: true}]")
    plan = make_plan(inv, AS_OF)
    emr = next(s for s in plan.strategies if s.system == "emr")
    assert emr.strategy == Strategy.retain and emr.reasons[-1].key == "bound"
    # and what depended on emr is then bridged, never ahead of it
    assert plan.wave_of("emr") is None


def test_emr_core_alone_and_not_first() -> None:
    plan = make_plan(_inv(""), AS_OF)
    emr_wave = plan.wave_of("emr")
    assert emr_wave is not None and emr_wave.index > 1 and emr_wave.systems == ("emr",)
    assert plan.wave_of("identity").index < emr_wave.index
    assert plan.wave_of("docs").index > emr_wave.index  # docs depends on emr


def test_first_cutover_is_the_next_april_after_the_lead_time() -> None:
    assert first_cutover(date(2026, 12, 1), PlanSettings()) == date(2027, 4, 1)
    assert first_cutover(date(2027, 2, 1), PlanSettings()) == date(2028, 4, 1)
    assert first_cutover(date(2026, 12, 1), PlanSettings(start=date(2027, 7, 1))) == date(2027, 7, 1)


def test_readiness_reasons() -> None:
    plan = make_plan(_inv(""), AS_OF)
    by = {s.system: s for s in plan.strategies}
    assert by["lis"].readiness == Readiness.not_ready
    assert by["docs"].readiness == Readiness.conditional
    assert by["identity"].readiness == Readiness.ready


def test_single_unredundant_cloud_link_is_a_spof_for_every_cloud_critical_system() -> None:
    inv = _inv(
        "connections: [{id: line1, kind: cloud_link, lands_in: clin, bandwidth_mbps: 200, redundant: false, serves: []}]"
    )
    in_cloud = {"identity", "emr"}
    res = assess_resilience(inv, in_cloud)
    (line,) = [p for p in res.single_points if p.node_type == "connection"]
    assert line.node == "line1" and set(line.cuts) >= in_cloud
    down = next(o for o in res.scenarios if o.scenario == "cloud_link_down")
    assert {"identity", "emr", "docs"} <= set(down.unavailable)
    assert any(r.key == "second_line" for r in res.recommendations)
    # with a redundant line the link is no longer a single point of failure and survives the cut
    inv2 = _inv("connections: [{id: line1, kind: cloud_link, lands_in: clin, bandwidth_mbps: 200, redundant: true}]")
    res2 = assess_resilience(inv2, in_cloud)
    down2 = next(o for o in res2.scenarios if o.scenario == "cloud_link_down")
    assert "emr" not in down2.unavailable


def test_ransomware_on_prem_stops_cloud_systems_that_need_on_prem_identity() -> None:
    res = assess_resilience(_inv(""), {"emr"})
    hit = next(o for o in res.scenarios if o.scenario == "ransomware_onprem")
    assert "emr" in hit.unavailable  # identity is still on premises
    reachable = next(r for r in res.recommendations if r.key == "identity_reachable")
    assert reachable.params == {"systems": "emr", "system_names": "電子カルテ"}


@pytest.mark.parametrize(
    "sample",
    HOSPITAL_SAMPLES,  # the sample hospitals (not the sample group)
    ids=lambda p: p.name,
)
def test_samples_plan(sample: Path) -> None:
    inv = load_inventory([sample])
    plan = make_plan(inv, AS_OF)
    assert plan == make_plan(inv, AS_OF)
    if inv.hospital.beds >= 400:
        assert len(plan.waves) >= 3
        emr_waves = [
            w.index for w in plan.waves if any(s for s in w.systems if inv.by_id().systems[s].category.value == "emr")
        ]
        assert emr_waves and min(emr_waves) > 1


def _hospitals(n: int) -> Inventory:
    """n hospitals in one inventory, each with its own EMR core (its server, its identity) and a clinic system."""
    extra: dict[str, list[dict[str, Any]]] = {"servers": [], "systems": []}
    for k in range(n):
        for role in ("emr", "lab"):
            extra["servers"].append(
                {
                    "id": f"h{k}-{role}",
                    "hostname": f"H{k}-{role.upper()}",
                    "segment": "clin",
                    "os_name": "Windows Server",
                    "os_version": "2022",
                    "vcpu": 4,
                    "memory_gb": 16,
                    "cpu_util_pct": 30,
                }
            )
        extra["systems"].append(
            {"id": f"emr{k}", "name": f"電子カルテ{k}", "category": "emr", "servers": [f"h{k}-emr"], "criticality": 1}
        )
        extra["systems"].append(
            {"id": f"lab{k}", "name": f"検体{k}", "category": "lis", "servers": [f"h{k}-lab"], "criticality": 2}
        )
    return _inv(yaml.safe_dump(extra, allow_unicode=True))


def test_emr_cores_share_waves_only_when_one_per_wave_breaks_the_cap() -> None:
    inv = _hospitals(7)
    roomy = make_plan(inv, AS_OF, PlanSettings(max_waves=12))
    cores = {"emr", *(f"emr{k}" for k in range(7))}
    assert [len(cores & set(w.systems)) for w in roomy.waves if cores & set(w.systems)] == [1] * 8
    assert not any(n.key == "emr_cores_shared" for w in roomy.waves for n in w.notes)

    tight = make_plan(inv, AS_OF, PlanSettings(max_waves=4))
    assert len(tight.waves) <= 4
    assert sorted(s for w in tight.waves for s in w.systems) == sorted(s for w in roomy.waves for s in w.systems)
    shared = 0
    for wave in tight.waves:
        here = cores & set(wave.systems)
        if here:
            assert set(wave.systems) <= cores, "an EMR wave holds EMR cores only"
            assert wave.index > 1, "never in the first wave"
        notes = [n for n in wave.notes if n.key == "emr_cores_shared"]
        assert bool(notes) == (len(here) > 1)
        if notes:
            assert notes[0].params["count"] == str(len(here))
            shared += 1
    assert shared >= 1


@pytest.mark.parametrize("override", [None, "repurchase", "rehost"])
def test_a_system_already_in_the_cloud_says_so_whatever_its_strategy(override: str | None) -> None:
    saas = {"id": "groupware", "name": "グループウェア(SaaS)", "category": "groupware", "criticality": 4}
    if override:
        saas["strategy"] = override
    link = {"id": "gw-line", "kind": "cloud_link", "lands_in": "office", "serves": ["groupware"]}
    inv = _inv(yaml.safe_dump({"systems": [saas], "connections": [link]}, allow_unicode=True))
    plan = make_plan(inv, AS_OF)
    entry = next(s for s in plan.strategies if s.system == "groupware")
    assert entry.already_in_cloud and plan.already_in_cloud == ("groupware",)
    assert entry.reasons[-1].key == "already_in_cloud"
    assert entry.strategy == (Strategy(override) if override else Strategy.retain)
    assert entry.readiness == Readiness.ready and [r.key for r in entry.readiness_reasons] == ["already_in_cloud"]
    assert plan.wave_of("groupware") is None
    assert not any(s.already_in_cloud for s in plan.strategies if s.system != "groupware")


def test_reasons_name_the_systems_and_servers_beside_their_ids() -> None:
    inv = _inv("flows: [{from: emr, to: lis, protocol: hl7v2, mbps: 300, latency_sensitive: true}]")
    plan = make_plan(inv, AS_OF)
    by = {s.system: s for s in plan.strategies}
    bound = by["emr"].reasons[-1]
    assert bound.params["system"] == "lis" and bound.params["system_name"] == "検査"
    expired = next(r for r in by["docs"].reasons if r.key == "os_expired")
    assert expired.params["servers"] == "old" and expired.params["server_names"] == "OLD"
    sized = next(r for r in by["docs"].readiness_reasons if r.key == "ready_os_expired")
    assert sized.params["server"] == "old" and sized.params["server_name"] == "OLD"
    bridges = [n for w in plan.waves for n in w.notes if n.key == "bridge"]
    assert bridges and all(n.params["dependency"] == "emr" for n in bridges)
    assert {n.params["system_name"] for n in bridges} == {"文書"}
    assert all(n.params["dependency_name"] == "電子カルテ" for n in bridges)
