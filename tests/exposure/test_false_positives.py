"""The false positives and wording of issue 16, each pinned: no backup finding where there is nothing to back up,
flat networks found where clinical servers meet a way in, any-to-any from a vendor's segment found whatever its
label, lines named by operator and purpose, one RDP weakness per hop, an unknown protection on a criticality-1
server counted, and the headline path that of the most critical system."""

from __future__ import annotations

from hismigrate.exposure.assess import assess_exposure
from hismigrate.model.exposure import Severity
from tests.exposure.conftest import AS_OF, inventory_with

OQ = {
    "segments": [{"id": "oq-seg", "name": "資格確認", "zone": "dmz"}],
    "servers": [
        {
            "id": "oq01",
            "hostname": "OQ01",
            "segment": "oq-seg",
            "role": "interface",
            "os_name": "Windows",
            "os_version": "10 IoT Enterprise LTSC 2021",
            "protection": "edr",
            "last_patched": "2026-05-10",
            "remote_desktop": False,
            "backup_online": False,
            "backup_offline": False,
        },
    ],
    "systems": [
        {
            "id": "oq",
            "name": "オンライン資格確認",
            "category": "other",
            "servers": ["oq01"],
            "criticality": 1,
            "rto_hours": 24,
        }
    ],
}


def test_a_terminal_with_nothing_of_its_own_to_back_up_has_no_backup_finding():
    result = assess_exposure(inventory_with(OQ), as_of=AS_OF)
    assert [f for f in result.findings if f.check_id.startswith("HIS-BAK")] == []
    assert [g for g in result.gaps if g.check_id.startswith("HIS-BAK")] == []
    # the same system on a database server does need a backup
    data_server = {**OQ, "servers": [{**OQ["servers"][0], "role": "database"}]}
    found = assess_exposure(inventory_with(data_server), as_of=AS_OF)
    assert found.findings_of("HIS-BAK-001") and found.findings_of("HIS-BAK-004")


def test_flat_when_a_vendor_line_lands_among_clinical_servers():
    landing = {"connections": [{"id": "vpn1", "lands_in": "clin-lan"}]}
    found = assess_exposure(inventory_with(landing), as_of=AS_OF).findings_of("HIS-SEG-003")
    assert [f.subject for f in found] == ["segment:clin-lan"]
    assert found[0].evidence["vendor_line_lands_here"] is True
    assert assess_exposure(inventory_with(), as_of=AS_OF).findings_of("HIS-SEG-003") == []


def test_flat_when_clinical_servers_sit_in_the_office_zone():
    office = {"servers": [{"id": "db01", "segment": "office-lan"}]}
    found = assess_exposure(inventory_with(office), as_of=AS_OF).findings_of("HIS-SEG-003")
    assert [f.subject for f in found] == ["segment:office-lan"]
    assert found[0].evidence["office_zone"] is True


def test_any_to_any_from_a_contractors_segment_is_found_whatever_its_label():
    """The 2022 case: the contractor's landing segment was the hospital's own (clinical) network."""
    patch = {
        "segments": [
            {
                "id": "catering",
                "name": "委託先接続",
                "zone": "clinical",
                "routes": [{"to": "clin-lan", "filtered": False}],
            }
        ],
        "connections": [
            {
                "id": "vpn2",
                "kind": "ipsec_vpn",
                "operator": "給食委託",
                "lands_in": "catering",
                "serves": ["groupware"],
                "mfa": True,
                "source_ip_restricted": True,
                "always_on": False,
                "shared_credentials": False,
                "logs_kept": True,
                "logs_reviewed": True,
            }
        ],
    }
    found = assess_exposure(inventory_with(patch), as_of=AS_OF).findings_of("HIS-SEG-005")
    assert [f.subject for f in found] == ["route:catering->clin-lan"]
    assert found[0].severity == Severity.critical
    # without the contractor's line the clinical-to-clinical route is the hospital's own
    alone = {"segments": patch["segments"]}
    assert assess_exposure(inventory_with(alone), as_of=AS_OF).findings_of("HIS-SEG-005") == []


def test_one_rdp_weakness_per_hop():
    rdp = {
        "servers": [{"id": "app01", "remote_desktop": True}],
        "connections": [{"id": "vpn1", "lands_in": "clin-lan"}],
    }
    result = assess_exposure(inventory_with(rdp), as_of=AS_OF)
    assert result.findings_of("HIS-CONN-009") and result.findings_of("HIS-SRV-006")
    hops = [h for p in result.paths for h in p.hops if h.target == "server:app01" and h.kind == "member"]
    assert hops
    for hop in hops:
        named = {f.split("@")[0] for f in hop.findings}
        assert "HIS-SRV-006" in named and "HIS-CONN-009" not in named


def test_unknown_protection_on_a_criticality_1_server_is_a_critical_finding():
    result = assess_exposure(inventory_with({"servers": [{"id": "db01", "protection": "unknown"}]}), as_of=AS_OF)
    found = result.findings_of("HIS-SRV-002")
    assert [f.subject for f in found] == ["server:db01"] and found[0].severity == Severity.critical
    assert found[0].evidence["counted_as"] == "none"
    # on a minor system's server it stays undecided (and is counted as no control in the likelihoods)
    minor = assess_exposure(inventory_with({"servers": [{"id": "office01", "protection": "unknown"}]}), as_of=AS_OF)
    assert minor.findings_of("HIS-SRV-003") == [] and [g for g in minor.gaps if g.check_id == "HIS-SRV-003"]


def test_a_known_exploited_device_gets_one_finding_not_two():
    old = {"connections": [{"id": "vpn1", "device_version": "6.0.4", "firmware_updated": "2019-01-01"}]}
    result = assess_exposure(inventory_with(old), as_of=AS_OF)
    assert result.findings_of("HIS-CONN-001") and result.findings_of("HIS-CONN-006") == []
