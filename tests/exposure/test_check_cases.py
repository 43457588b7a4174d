"""Every registered check has a failing and a passing case (cases/<CHECK-ID>.yaml patching cases/_base.yaml)."""

from __future__ import annotations

import pytest
import yaml

from hismigrate.exposure.assess import assess_exposure
from hismigrate.exposure.registry import all_checks
from tests.exposure.conftest import AS_OF, CASES, inventory_with

CHECK_IDS = [c.id for c in all_checks()]


def _case(check_id: str) -> dict:
    return yaml.safe_load((CASES / f"{check_id}.yaml").read_text(encoding="utf-8"))


def test_base_inventory_is_clean():
    result = assess_exposure(inventory_with(), as_of=AS_OF)
    assert result.findings == ()
    assert result.gaps == ()
    assert all(item.status.value == "pass" for item in result.checklist)


def test_every_case_file_names_a_registered_check():
    files = {p.stem for p in CASES.glob("*.yaml") if not p.stem.startswith("_")}
    assert files == set(CHECK_IDS)


@pytest.mark.parametrize("check_id", CHECK_IDS)
def test_check_has_both_cases(check_id):
    case = _case(check_id)
    assert set(case) == {"fail", "pass"}


@pytest.mark.parametrize("check_id", CHECK_IDS)
def test_check_fails_on_its_failing_case(check_id):
    result = assess_exposure(inventory_with(_case(check_id)["fail"]), as_of=AS_OF)
    found = result.findings_of(check_id)
    assert found, f"{check_id} did not fire"
    assert all(f.evidence and f.references for f in found)


@pytest.mark.parametrize("check_id", CHECK_IDS)
def test_check_passes_on_its_passing_case(check_id):
    result = assess_exposure(inventory_with(_case(check_id)["pass"]), as_of=AS_OF)
    assert result.findings_of(check_id) == []
    assert [g for g in result.gaps if g.check_id == check_id] == []
