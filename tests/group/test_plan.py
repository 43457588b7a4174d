"""The joint plan: the shared environment first, the cap on cutovers per period, no cutover around a fee revision,
each member held by its own constraints (a contract running years longer joins in a later wave, a customised system
waits for its fit-to-standard, a system tied to equipment stays), and package fit says why."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hismigrate.plan.waves import add_months

from .conftest import member_data, run_group, write_group

READY = date(2028, 4, 1)  # build from 2027-04-01 (the first April at least 3 months after 2026-12-01) for 12 months


def _main(result, member: str):  # type: ignore[no-untyped-def]
    timeline = next(t for t in result.plan.members if t.member == member)
    return next(c for c in timeline.cutovers if c.main)


def test_a_contract_ending_years_later_joins_in_a_later_wave(tmp_path: Path) -> None:
    # gamma's EMR contract runs to 2031-03-31: it moves at the last cutover day before it (2030-10-01), a later wave
    members = [
        member_data("alpha", 100),
        member_data("beta", 200),
        member_data("gamma", 150, contract_end=date(2031, 3, 31)),
    ]
    result, _ = run_group(write_group(tmp_path, members))
    plan = result.plan
    assert plan.build_start == date(2027, 4, 1) and plan.environment_ready == READY
    assert _main(result, "gamma").cutover == date(2030, 10, 1)
    waves = {m: w.index for w in plan.waves for m in w.members}
    assert waves["gamma"] > waves["alpha"] and waves["gamma"] > waves["beta"]
    assert [n.key for n in _main(result, "gamma").notes][:1] == ["contract"]
    gamma = next(r for c in result.fit.categories for r in c.members if r.member == "gamma" and c.category == "emr")
    assert gamma.status == "fits" and gamma.earliest == add_months(date(2031, 3, 31), -6).replace(day=29)


def test_the_environment_comes_first_and_no_cutover_falls_around_a_revision(tmp_path: Path) -> None:
    result, _ = run_group(write_group(tmp_path, [member_data("alpha", 100), member_data("beta", 300)]))
    plan = result.plan
    cutovers = [c.cutover for t in plan.members for c in t.cutovers] + [
        w.cutover for t in plan.members for w in t.own_waves
    ]
    assert cutovers and min(cutovers) >= plan.environment_ready
    # 2028-04-01, the ready day, is in the window around the June 2028 revision (from 1 April to 31 July)
    assert any(start <= READY <= end for start, end in plan.blackouts)
    assert all(not start <= day <= end for day in cutovers for start, end in plan.blackouts)
    assert {c.cutover for t in plan.members for c in t.cutovers} == {date(2028, 10, 1)}


def test_the_cap_holds_and_smaller_members_go_first(tmp_path: Path) -> None:
    sizes = {"a-large": 400, "b-small": 80, "c-mid": 200}
    members = [member_data(ident, beds) for ident, beds in sizes.items()]
    result, _ = run_group(write_group(tmp_path, members, {"cutovers_per_period": 1}))
    days = {t.member: _main(result, t.member).cutover for t in result.plan.members}
    assert days == {"b-small": date(2028, 10, 1), "c-mid": date(2029, 4, 1), "a-large": date(2029, 10, 1)}
    assert [len(w.members) for w in result.plan.waves] == [1, 1, 1]
    assert any(n.key == "cap" for n in _main(result, "a-large").notes)


def test_preparation_and_equipment_hold_members_back(tmp_path: Path) -> None:
    # delta: customised EMR (12 months of fit-to-standard from 2026-12 end before the ready day: no delay);
    # epsilon: no FHIR on its EMR; zeta: its EMR is tied to on-site equipment and cannot join at all
    members = [
        member_data("delta", 120, customisation="high"),
        member_data("epsilon", 120, standards=("hl7v2",)),
        member_data("zeta", 120, equipment=["検体搬送システム"]),
    ]
    result, _ = run_group(write_group(tmp_path, members, {"cutovers_per_period": 3}))
    fits = {(r.member, c.category.value): r for c in result.fit.categories for r in c.members}
    keys = {m: [b.key for s in fits[(m, "emr")].systems for b in s.blockers] for m in ("delta", "epsilon", "zeta")}
    assert keys["delta"] == ["customised"] and keys["epsilon"] == ["no_fhir"] and keys["zeta"][0] == "equipment"
    assert fits[("zeta", "emr")].status == "blocked" and fits[("zeta", "emr")].earliest is None
    zeta = next(t for t in result.plan.members if t.member == "zeta")
    assert "emr" in zeta.staying and all("emr" not in c.systems for c in zeta.cutovers)


def test_an_unknown_contract_end_is_a_blocker_to_confirm(tmp_path: Path) -> None:
    result, _ = run_group(
        write_group(tmp_path, [member_data("alpha", 100, contract_end=None), member_data("beta", 100)])
    )
    row = next(r for c in result.fit.categories for r in c.members if r.member == "alpha" and c.category == "emr")
    assert [b.key for b in row.systems[0].blockers] == ["contract_unknown"]


def test_a_package_is_suggested_per_kind_of_hospital(tmp_path: Path) -> None:
    members = [member_data("acute1", 300), member_data("acute2", 250), member_data("chronic1", 90, type="chronic")]
    result, _ = run_group(write_group(tmp_path, members))
    by_family = {s.family: s for s in result.fit.suggestions}
    assert set(by_family) == {"acute", "chronic"}
    assert by_family["acute"].members == ("acute1", "acute2")
    emr = next(p for p in by_family["acute"].categories if p.category.value == "emr")
    assert emr.included and emr.running == 2 and emr.vendor == "共通メディカル株式会社" and emr.vendor_members == 2
    assert by_family["chronic"].reasons[0].key == "package_chronic"
