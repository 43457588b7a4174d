"""The calibration written in hismigrate/exposure/bands.py: estates built from the 2021 and 2022 incident
descriptions (DOMAIN.md) sit in `critical`, a hospital following the MHLW checklist and guideline 6.0 in `low`;
the 2022 pattern shows the shared-password lateral step among the EMR's top paths; fixing the entry line at least
halves the EMR's likelihood and lowers the band."""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest

from hismigrate.exposure import bands
from hismigrate.exposure.assess import assess_exposure
from hismigrate.exposure.bands import band_of, band_rank
from hismigrate.exposure.kev import kev_knowledge
from hismigrate.load import load_inventory
from hismigrate.model.exposure import Band
from hismigrate.model.inventory import Inventory

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"
AS_OF = {"handa_2021": date(2021, 10, 1), "osaka_2022": date(2022, 10, 1), "well_run": date(2026, 12, 1)}
ENTRY = {"handa_2021": "emr-vendor-vpn", "osaka_2022": "catering-vpn"}


def scenario(name: str) -> Inventory:
    return load_inventory(SCENARIOS / name)


def fix_entry(inventory: Inventory, line: str, as_of: date) -> Inventory:
    """The entry line as the checklist wants it: current firmware (a release past every known-exploited one), MFA,
    on demand, listed source addresses, personal accounts."""
    conn = next(c for c in inventory.connections if c.id == line)
    fixed = conn.model_copy(
        update={
            "device_version": kev_knowledge().fixed_version(conn),
            "firmware_updated": as_of,
            "mfa": True,
            "always_on": False,
            "source_ip_restricted": True,
            "shared_credentials": False,
        }
    )
    return inventory.model_copy(update={"connections": [fixed if c.id == line else c for c in inventory.connections]})


@pytest.mark.parametrize("name", ["handa_2021", "osaka_2022"])
def test_the_incident_estates_are_critical(name):
    result = assess_exposure(scenario(name), as_of=AS_OF[name])
    assert result.band == Band.critical
    assert result.exposure_of("emr").likelihood > 0.6


def test_a_hospital_following_the_checklist_and_guideline_is_low():
    result = assess_exposure(scenario("well_run"), as_of=AS_OF["well_run"])
    assert result.band == Band.low
    assert result.findings_of("HIS-CONN-001") == [] and not [f for f in result.findings if f.severity.rank == 0]


def test_the_shared_password_step_is_among_the_emrs_top_paths_in_the_2022_pattern():
    result = assess_exposure(scenario("osaka_2022"), as_of=AS_OF["osaka_2022"])
    paths = result.paths_to("emr")
    assert [p.rank for p in paths] == [1, 2, 3]
    assert [p.likelihood for p in paths] == sorted((p.likelihood for p in paths), reverse=True)
    lateral = [p for p in paths if any(h.kind == "admin_password" for h in p.hops)]
    assert lateral, "no top path to the EMR moves on the shared local administrator password"
    assert any("HIS-SRV-005@admin_group:common-admin" in h.findings for h in lateral[0].hops)


@pytest.mark.parametrize("name", ["handa_2021", "osaka_2022"])
def test_fixing_the_entry_line_halves_the_emrs_likelihood_and_lowers_the_band(name):
    inventory = scenario(name)
    before = assess_exposure(inventory, as_of=AS_OF[name])
    after = assess_exposure(fix_entry(inventory, ENTRY[name], AS_OF[name]), as_of=AS_OF[name])
    assert after.findings_of("HIS-CONN-001") == []
    assert after.exposure_of("emr").likelihood <= before.exposure_of("emr").likelihood / 2
    assert band_rank(after.band) < band_rank(before.band)


def test_the_index_can_reach_the_top_of_its_scale():
    """Nothing caps a hop: an estate as open as the 2021 case scores in the top fifth of the scale."""
    assert assess_exposure(scenario("handa_2021"), as_of=AS_OF["handa_2021"]).index >= 80


def test_the_documented_calibration_is_the_computed_one():
    """bands.py states each calibration estate's index: a change of likelihoods that moves one must say so there."""
    doc = bands.__doc__ or ""
    for name, folder in (("handa_2021", "handa_2021"), ("osaka_2022", "osaka_2022"), ("well_run", "well_run")):
        stated = re.search(rf"scenarios/{folder}.*?index (\d+\.\d)", doc, re.S)
        assert stated, f"bands.py does not state the index of {name}"
        assert assess_exposure(scenario(folder), as_of=AS_OF[name]).index == float(stated.group(1))


def test_bands_are_read_from_the_data_and_cover_the_scale():
    cuts = bands.thresholds()
    assert [b for b, _ in cuts] == list(Band)
    assert cuts[0][1] == 0 and all(a < b for (_, a), (_, b) in pairwise(cuts))
    assert band_of(0.0) == Band.low and band_of(100.0) == Band.critical
    for band, lowest in cuts:
        assert band_of(lowest) == band
        if lowest:
            assert band_of(lowest - 0.1) != band


def test_a_shared_password_does_not_cancel_mfa():
    """The issue's two lines: MFA, listed sources and on demand but a shared password must be far less likely to fall
    than a line with none of those and personal accounts (the old additive rule had them at 0.525 and 0.574)."""
    from hismigrate.exposure.likelihoods import load_likelihoods
    from tests.exposure.conftest import AS_OF, inventory_with

    def entry(**line: object) -> float:
        inventory = inventory_with({"connections": [{"id": "vpn1", **line}]})
        result = assess_exposure(inventory, as_of=AS_OF)
        hop = next(h for p in result.paths for h in p.hops if h.target == "connection:vpn1")
        return hop.likelihood

    controlled = entry(mfa=True, source_ip_restricted=True, always_on=False, shared_credentials=True)
    bare = entry(mfa=False, source_ip_restricted=False, always_on=True, shared_credentials=False)
    assert controlled * 5 < bare
    assert load_likelihoods().controls["mfa"].factor <= 0.1
