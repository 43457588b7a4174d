"""The KEV facts table, the official CISA catalog, and how a device is matched to them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from hismigrate.errors import ConfigError
from hismigrate.exposure.kev import VersionRange, kev_knowledge, parse_version, shipped_facts
from hismigrate.load.kev import load_kev_catalog
from hismigrate.model.inventory import Connection

KEV_FILE = (
    Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "kev" / "known_exploited_vulnerabilities.json"
)


def _device(vendor: str | None, product: str | None, version: str | None) -> Connection:
    return Connection(
        id="vpn", kind="ssl_vpn", lands_in="dmz", device_vendor=vendor, device_product=product, device_version=version
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6.0.4", (6, 0, 4)),
        ("v6.0.4 build0231 (GA)", (6, 0, 4)),
        ("9.0R3.3", (9, 0, 3, 3)),
        ("13.0-47.24", (13, 0, 47, 24)),
        ("10.2.9-h1", (10, 2, 9, 1)),
        ("６．０．４", (6, 0, 4)),  # full width, as typed in Excel ledgers
        ("", None),
        (None, None),
    ],
)
def test_parse_version(text, expected):
    assert parse_version(text) == expected


@pytest.mark.parametrize(
    ("spec", "version", "inside"),
    [
        (">=6.0.0,<=6.0.4", "6.0.4", True),
        (">=6.0.0,<=6.0.4", "6.0.4 build0231", True),
        (">=6.0.0,<=6.0.4", "6.0.5", False),
        (">=13.0,<13.0.47.24", "13.0-47.24", False),
        (">=13.0,<13.0.47.24", "13.0-47.23", True),
        ("6.4.0", "6.4.0", True),
        ("6.4.0", "6.4.1", False),
    ],
)
def test_version_range(spec, version, inside):
    assert VersionRange.parse(spec).contains(parse_version(version)) is inside


@given(st.lists(st.integers(0, 99), min_size=1, max_size=4), st.lists(st.integers(0, 99), min_size=1, max_size=4))
@example([6, 0, 4], [6, 0, 4])
def test_a_version_is_in_exactly_one_of_below_and_at_or_above(bound, version):
    text = ".".join(map(str, bound))
    v = tuple(version)
    assert VersionRange.parse(f"<{text}").contains(v) != VersionRange.parse(f">={text}").contains(v)


def test_every_fact_has_a_family_ranges_and_a_source():
    families, facts, _ = shipped_facts()
    keys = {f.key for f in families}
    assert len(facts) >= 14
    for fact in facts:
        assert fact.family in keys and fact.affected and fact.source and fact.cve.startswith("CVE-")


@pytest.mark.parametrize(
    ("vendor", "product", "version", "cve", "affected"),
    [
        ("Fortinet", "FortiGate-60E", "6.0.4", "CVE-2018-13379", True),
        ("フォーティネット", "FortiOS", "6.0.5", "CVE-2018-13379", False),
        ("Pulse Secure", "Pulse Connect Secure", "9.0R3.3", "CVE-2019-11510", True),
        ("Pulse Secure", "Pulse Connect Secure", "9.0R3.4", "CVE-2019-11510", False),
        ("Citrix", "NetScaler ADC", "13.1-49.10", "CVE-2023-4966", True),
        ("SonicWall", "SMA 210", "10.2.0.2", "CVE-2021-20016", True),
        ("Palo Alto Networks", "PA-220 GlobalProtect", "10.2.9-h1", "CVE-2024-3400", False),
    ],
)
def test_shipped_facts_match_devices(vendor, product, version, cve, affected):
    matches = kev_knowledge().match(_device(vendor, product, version))
    assert (cve in {m.cve for m in matches if m.status == "affected"}) is affected


def test_unknown_device_matches_nothing_and_missing_version_is_undecided():
    knowledge = kev_knowledge()
    assert knowledge.match(_device("Yamaha", "RTX1210", "14.01.38")) == []
    assert {m.status for m in knowledge.match(_device("Fortinet", "FortiGate", None))} == {"version_unknown"}


@pytest.fixture(scope="module")
def official():
    if not KEV_FILE.is_file():
        pytest.skip("the CISA KEV catalog copy (../shared/data/kev) is absent")
    return load_kev_catalog(KEV_FILE)


def test_official_catalog_is_read(official):
    assert len(official.entries) > 1000
    entry = next(e for e in official.entries if e.cve == "CVE-2018-13379")
    assert entry.vendor_project == "Fortinet" and entry.ransomware is True
    assert entry.date_added.isoformat() == "2021-11-03"


def test_official_catalog_flags_an_affected_fortios(official):
    knowledge = kev_knowledge(official)
    matches = knowledge.match(_device("Fortinet", "FortiGate", "6.0.4"))
    affected = {m.cve: m for m in matches if m.status == "affected"}
    assert "CVE-2018-13379" in affected
    assert affected["CVE-2018-13379"].ransomware is True
    # catalog entries for FortiOS without shipped version facts cannot be decided: reported, not guessed
    assert any(m.status == "unversioned" for m in matches)
    assert "CISA KEV" in knowledge.source


def test_every_shipped_cve_is_in_the_official_catalog(official):
    _, facts, _ = shipped_facts()
    listed = {e.cve for e in official.entries}
    assert {f.cve for f in facts} <= listed


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("{not json", "JSON"),
        (json.dumps({"title": "x"}), "vulnerabilities"),
        (json.dumps({"vulnerabilities": [{"cveID": "x"}]}), "0"),
    ],
)
def test_a_bad_catalog_is_a_config_error_naming_the_file(tmp_path, content, fragment):
    path = tmp_path / "kev.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_kev_catalog(path)
    assert str(path) in info.value.render() and fragment in info.value.render()
