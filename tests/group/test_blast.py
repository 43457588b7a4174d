"""The regional blast radius, by hand: a shared region outage stops the criticality-1 systems of every member that
moved them and the beds add up; a second hub line takes the hub cut away; one vendor or one appliance model across
members is a supply-chain finding; on their own, one line cut stops one member."""

from __future__ import annotations

from pathlib import Path

from hismigrate.model.group_blast import BlastScenario

from .conftest import member_data, run_group, write_group


def _scenario(result, name: str, state: int = -1) -> BlastScenario:  # type: ignore[no-untyped-def]
    return next(s for s in result.blast.states[state].scenarios if s.scenario == name)


def _three(tmp_path: Path, **shared: object) -> Path:
    members = [
        member_data("alpha", 100),
        member_data("beta", 300),
        # gamma's EMR is tied to on-site equipment: only its nutrition system (criticality 3) moves
        member_data("gamma", 50, equipment=["検体搬送システム"], device=("Fortinet", "FortiGate 60F", "6.0.4")),
    ]
    return write_group(tmp_path, members, {"cutovers_per_period": 3, **shared})


def test_a_region_outage_stops_care_in_every_member_that_moved_its_critical_systems(tmp_path: Path) -> None:
    result, _ = run_group(_three(tmp_path))
    outage = _scenario(result, "region_down")
    by = {m.member: m for m in outage.group.members}
    assert by["alpha"].critical1 == ("emr",) and by["beta"].critical1 == ("emr",)
    assert by["gamma"].stopped == ("nutrition",) and by["gamma"].critical1 == () and by["gamma"].beds == 0
    assert (outage.group.care_stops, outage.group.beds) == (2, 100 + 300)
    before = _scenario(result, "region_down", 0)
    assert before.group.beds == 0 and before.group.members == ()


def test_a_hub_cut_stops_every_member_on_the_environment_and_one_alone(tmp_path: Path) -> None:
    result, _ = run_group(_three(tmp_path))
    hub = _scenario(result, "hub_line_cut")
    assert hub.group.beds == 400 and set(result.blast.states[-1].on_environment) == {"alpha", "beta", "gamma"}
    assert hub.alone.beds == 300 and [m.member for m in hub.alone.members] == ["beta"]


def test_a_second_hub_line_takes_the_hub_cut_away(tmp_path: Path) -> None:
    result, _ = run_group(_three(tmp_path, environment={"hub_line_redundant": True, "build_jpy": 10_000_000}))
    assert _scenario(result, "hub_line_cut").group.members == ()
    assert "second_hub_line" not in {m.key for m in result.blast.mitigations}


def test_a_members_compromise_reaches_every_member_on_the_environment(tmp_path: Path) -> None:
    result, members = run_group(_three(tmp_path))
    breach = _scenario(result, "member_compromise")
    entry = max(members, key=lambda m: (m.assessment.summary.exposure_index_now, m.beds, m.id)).id
    assert breach.subject == entry
    assert {m.member for m in breach.alone.members} == {entry}
    assert breach.group.beds == 400 + (50 if entry == "gamma" else 0)


def test_one_vendor_or_appliance_model_across_members_is_a_supply_chain_finding(tmp_path: Path) -> None:
    result, _ = run_group(_three(tmp_path))
    findings = {(f.kind, f.name): f for f in result.blast.supply_chain}
    vendor = findings[("vendor", "共通メディカル株式会社")]
    assert vendor.members == ("alpha", "beta", "gamma") and len(vendor.lines) == 3
    model = findings[("appliance", "Fortinet FortiGate 60F")]
    assert model.known_exploited  # gamma's 6.0.4 is in the known-exploited range of CVE-2018-13379
    assert result.blast.supply_chain[0].known_exploited  # the known-exploited come first
    # the vendor's lines serve the EMRs: before anything moves, its breach stops care in all three
    breach = _scenario(result, "vendor_breach", 0)
    assert breach.subject == "共通メディカル株式会社" and breach.group.beds == 450 and breach.alone.beds == 450


def test_every_mitigation_says_what_it_addresses_and_costs(tmp_path: Path) -> None:
    result, _ = run_group(_three(tmp_path))
    by = {m.key: m for m in result.blast.mitigations}
    assert set(by) == {"second_region", "second_hub_line", "member_lines", "local_copy", "isolation", "vendor_access"}
    assert by["local_copy"].one_time_jpy == 3 * 4_000_000 and by["local_copy"].jpy_per_year == 3 * 800_000
    assert (
        by["second_hub_line"].jpy_per_year
        == next(c for c in result.cost.components if c.id == "hub_line").amounts_jpy[-1]
    )
    assert by["second_region"].effect.params == {"beds": "400"}
