"""The two ransomware cases: critical findings where they happened, the path from the vendor line to the EMR,
and fixing the entry point lowering the EMR's likelihood and the index."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hismigrate.exposure.assess import assess_exposure
from hismigrate.load import load_inventory
from hismigrate.model.exposure import Severity
from hismigrate.model.inventory import Inventory

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"
CASES = [
    # (directory, as of, the vendor line, the lateral-movement check ids of the case, the backup check ids)
    ("handa_2021", date(2021, 10, 1), "emr-vendor-vpn", {"HIS-SRV-002"}, {"HIS-BAK-001", "HIS-BAK-003"}),
    ("osaka_2022", date(2022, 10, 1), "catering-vpn", {"HIS-SRV-005", "HIS-SRV-002"}, {"HIS-BAK-003"}),
]


def _fix_entry(inventory: Inventory, connection_id: str) -> Inventory:
    """Patched firmware, MFA, on demand: what the hospital should have done first."""
    fixed = [
        c.model_copy(
            update={"device_version": "7.4.4", "firmware_updated": date(2021, 9, 1), "mfa": True, "always_on": False}
        )
        if c.id == connection_id
        else c
        for c in inventory.connections
    ]
    return inventory.model_copy(update={"connections": fixed})


@pytest.mark.parametrize(("folder", "as_of", "line", "lateral", "backups"), CASES)
def test_critical_findings_on_entry_lateral_movement_and_backups(folder, as_of, line, lateral, backups):
    result = assess_exposure(load_inventory(SCENARIOS / folder), as_of=as_of)
    critical = {(f.check_id, f.subject) for f in result.findings if f.severity == Severity.critical}
    assert ("HIS-CONN-001", f"connection:{line}") in critical
    assert lateral <= {cid for cid, _ in critical}
    assert backups <= {cid for cid, _ in critical}
    kev = result.findings_of("HIS-CONN-001")[0]
    assert "CVE-2018-13379" in kev.references


@pytest.mark.parametrize(("folder", "as_of", "line", "lateral", "backups"), CASES)
def test_path_from_the_vendor_line_to_the_emr_with_every_hop_named(folder, as_of, line, lateral, backups):
    result = assess_exposure(load_inventory(SCENARIOS / folder), as_of=as_of)
    path = result.path_to("emr")
    assert path is not None
    assert path.entry == f"connection:{line}"
    assert path.hops[0].source == "attacker" and path.hops[-1].target == "system:emr"
    for before, after in zip(path.hops, path.hops[1:], strict=False):
        assert before.target == after.source
    assert all(h.kind and 0 < h.likelihood <= 1 for h in path.hops)
    assert any(f.startswith("HIS-CONN-001@") for f in path.hops[0].findings)
    named = {f.split("@")[0] for h in path.hops for f in h.findings}
    assert named & lateral, f"no lateral-movement finding named on the path: {named}"
    product = 1.0
    for hop in path.hops:
        product *= hop.likelihood
    assert path.likelihood == pytest.approx(product, rel=1e-4)


@pytest.mark.parametrize(("folder", "as_of", "line", "lateral", "backups"), CASES)
def test_fixing_the_entry_point_lowers_the_emr_likelihood_and_the_index(folder, as_of, line, lateral, backups):
    inventory = load_inventory(SCENARIOS / folder)
    before = assess_exposure(inventory, as_of=as_of)
    after = assess_exposure(_fix_entry(inventory, line), as_of=as_of)
    assert after.findings_of("HIS-CONN-001") == []
    assert after.exposure_of("emr").likelihood < before.exposure_of("emr").likelihood
    assert after.index < before.index


@pytest.mark.parametrize(("folder", "as_of", "line", "lateral", "backups"), CASES)
def test_same_input_same_output(folder, as_of, line, lateral, backups):
    inventory = load_inventory(SCENARIOS / folder)
    first = assess_exposure(inventory, as_of=as_of).model_dump_json()
    assert assess_exposure(inventory, as_of=as_of).model_dump_json() == first


def test_moving_the_emr_to_the_cloud_drops_its_vendor_line_and_adds_a_cloud_link():
    inventory = load_inventory(SCENARIOS / "handa_2021")
    before = assess_exposure(inventory, as_of=date(2021, 10, 1))
    after = assess_exposure(inventory, as_of=date(2021, 10, 1), in_cloud={"emr"})
    assert after.in_cloud == ("emr",)
    assert not any(f.subject == "connection:emr-vendor-vpn" for f in after.findings)
    assert after.exposure_of("emr").in_cloud
    assert after.exposure_of("emr").likelihood < before.exposure_of("emr").likelihood
    assert after.index < before.index
    path = after.path_to("emr")
    assert path is not None and path.hops[-1].target == "system:emr"
