"""Keep the checks, their texts, the checklist map and the likelihood defaults in step with each other."""

from __future__ import annotations

import re

import pytest

from hismigrate.exposure.checklist import load_checklist
from hismigrate.exposure.likelihoods import load_likelihoods
from hismigrate.exposure.registry import all_checks, check_by_id
from hismigrate.i18n import LANGUAGES, has

R6_ITEMS = ["1-(1)", *(f"2-({i})" for i in range(1, 10)), "3-(1)", "3-(2)", "3-(3)"]


def test_at_least_thirty_checks_with_stable_ids():
    checks = all_checks()
    assert len(checks) >= 30
    assert all(re.fullmatch(r"HIS-[A-Z]{3,4}-\d{3}", c.id) for c in checks)
    assert [c.id for c in checks] == list(dict.fromkeys(c.id for c in checks))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_check_has_its_texts(lang):
    for check in all_checks():
        for part in ("title", "description", "remediation"):
            assert has(f"exposure.check.{check.id}.{part}", lang), (check.id, part, lang)


def test_every_check_has_references():
    assert all(c.references for c in all_checks())


def test_checklist_lists_every_r6_item_with_existing_checks():
    items = load_checklist()
    assert [i.item for i in items] == R6_ITEMS
    known = check_by_id()
    for item in items:
        assert item.checks, item.item
        assert set(item.checks) <= set(known), item.item
        assert set(item.title) == set(LANGUAGES)


def test_likelihood_defaults_name_only_existing_checks_and_probabilities():
    lk = load_likelihoods()
    known = set(check_by_id())
    rules = [lk.entry, *lk.hops.values()]
    for rule in rules:
        for vector in rule.vectors:
            assert set(vector.raises) <= known
            assert all(0 <= v <= 1 for v in (*vector.raises.values(), *vector.controls.values(), vector.base))
    assert all(0 <= b <= 1 for bases in lk.entry_bases.values() for _, b in bases)
    assert all(0 <= c.factor <= 1 and c.source for c in lk.controls.values())


def test_every_control_in_the_defaults_is_one_the_inventory_can_put_in_place():
    from hismigrate.exposure.controls import PRACTICE_CONTROLS

    lk = load_likelihoods()
    made = {
        "mfa", "personal_accounts", "source_restricted", "on_demand", "patched_firmware", "closed_network",
        "logs_reviewed", "patched", "edr", "antivirus", "rdp_off", "filtered", *PRACTICE_CONTROLS,
    }  # fmt: skip
    named = {c for rule in (lk.entry, *lk.hops.values()) for c in rule.controls}
    assert named <= made
    assert set(lk.controls) == named
