"""The sample hospitals in inventories/: they validate, the generated one is not stale, and each is realistic
for its ministry bed-size class (vendor lines, online eligibility, regional link, old OSes, a flat route)."""

from __future__ import annotations

import importlib.util
import re
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from hismigrate.load import load_inventory
from hismigrate.model.enums import Answer, ConnectionKind, SystemCategory
from hismigrate.model.inventory import Connection, Inventory
from hismigrate.model.lifecycle import end_of_support

INVENTORIES = Path(__file__).resolve().parents[1] / "inventories"
AS_OF = date(2026, 12, 1)  # the date the assessments of the samples are run with
# A folder with a group.yaml is a sample group of hospitals (tests/group/test_sample_group.py), not a hospital.
SAMPLES = sorted(
    p.name
    for p in INVENTORIES.iterdir()
    if p.is_dir() and not p.name.startswith(("_", ".")) and not (p / "group.yaml").exists()
)
# name -> (bed-size class bounds, hospital type, (min, max) systems, (min, max) servers)
EXPECTED = {
    "aozora-chronic": ((0, 199), "chronic", (8, 20), (15, 25)),
    "sakura-general": ((200, 399), "acute", (25, 40), (80, 150)),
    "minato-university": ((400, 5000), "university", (100, 200), (300, 900)),
}
VENDOR_LINE_KINDS = {ConnectionKind.remote_maintenance, ConnectionKind.dialup, ConnectionKind.ssl_vpn}


@pytest.fixture(scope="module")
def inventories() -> dict[str, Inventory]:
    return {name: load_inventory(INVENTORIES / name) for name in SAMPLES}


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_university", INVENTORIES / "generate_university.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_bed_size_class_has_a_sample() -> None:
    assert set(EXPECTED) <= set(SAMPLES)


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_validates(name: str) -> None:
    inventory = load_inventory(INVENTORIES / name)
    assert inventory.hospital.id == name


@pytest.mark.parametrize("name", SAMPLES)
def test_each_file_starts_with_a_japanese_comment(name: str) -> None:
    files = sorted((INVENTORIES / name).glob("*.yaml"))
    assert {f.stem for f in files} == {
        "hospital",
        "segments",
        "servers",
        "systems",
        "connections",
        "flows",
        "practices",
    }
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# ") and re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", first), path


def test_generated_university_is_not_stale() -> None:
    rendered = _generator().render()
    folder = INVENTORIES / "minato-university"
    assert sorted(rendered) == sorted(p.name for p in folder.glob("*.yaml"))
    for name, text in rendered.items():
        assert (folder / name).read_text(encoding="utf-8") == text, (
            f"{name} is stale: run `python inventories/generate_university.py`"
        )


def test_generator_is_deterministic() -> None:
    assert _generator().render() == _generator().render()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_size_and_class(name: str, inventories: dict[str, Inventory]) -> None:
    (low, high), kind, systems, servers = EXPECTED[name]
    inv = inventories[name]
    assert low <= inv.hospital.beds <= high
    assert inv.hospital.type.value == kind
    assert systems[0] <= len(inv.systems) <= systems[1]
    assert servers[0] <= len(inv.servers) <= servers[1]


def _vendor_lines(inv: Inventory) -> list[Connection]:
    return [c for c in inv.connections if c.kind in VENDOR_LINE_KINDS and c.operator and c.serves]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_features(name: str, inventories: dict[str, Inventory]) -> None:
    inv = inventories[name]
    kinds = [c.kind for c in inv.connections]
    assert len(_vendor_lines(inv)) >= 3
    eligibility = [c for c in inv.connections if c.kind == ConnectionKind.online_eligibility]
    assert eligibility and all(c.closed_network for c in eligibility)
    assert ConnectionKind.regional_network in kinds
    old = [s for s in inv.servers if (eos := end_of_support(s).date) is not None and eos < AS_OF]
    assert old, "an old OS still running"
    assert any(not r.filtered for seg in inv.segments for r in seg.routes), "a flat (any-to-any) route"
    patched = [s for s in inv.servers if s.last_patched and s.last_patched >= date(2026, 1, 1)]
    stale = [s for s in inv.servers if s.last_patched and s.last_patched < date(2024, 1, 1)]
    assert patched and stale, "a mix of patched and stale servers"
    offline = {s.backup_offline for s in inv.servers if s.backup_online}
    assert offline == {True, False}, "backups with and without an offline copy"


def test_only_the_university_has_moved_something_to_the_cloud(inventories: dict[str, Inventory]) -> None:
    for name in ("aozora-chronic", "sakura-general"):
        assert all(c.kind != ConnectionKind.cloud_link for c in inventories[name].connections)
    uni = inventories["minato-university"]
    (link,) = [c for c in uni.connections if c.kind == ConnectionKind.cloud_link]
    systems = uni.by_id().systems
    assert [systems[s].category for s in link.serves] == [SystemCategory.groupware]


def _fortios(version: str) -> tuple[int, ...]:
    return tuple(int(x) for x in version.split("."))


def _cve_2018_13379(version: str) -> bool:
    """FortiOS versions the KEV entry names: 6.0.0-6.0.4, 5.6.3-5.6.7, 5.4.6-5.4.12."""
    v = _fortios(version)
    return (6, 0, 0) <= v <= (6, 0, 4) or (5, 6, 3) <= v <= (5, 6, 7) or (5, 4, 6) <= v <= (5, 4, 12)


def test_general_hospital_has_the_documented_weaknesses(inventories: dict[str, Inventory]) -> None:
    inv = inventories["sakura-general"]
    forti = [c for c in inv.connections if c.device_vendor == "Fortinet" and c.device_version]
    assert any(_cve_2018_13379(c.device_version or "") for c in forti)
    assert any(not _cve_2018_13379(c.device_version or "") for c in forti)
    assert len(_vendor_lines(inv)) >= 10
    kinds = {c.kind for c in inv.connections}
    assert {ConnectionKind.e_prescription, ConnectionKind.internet_gateway} <= kinds
    catering = [c for c in inv.connections if "nutrition" in c.serves and "委託" in (c.operator or "")]
    assert catering, "a catering contractor line"
    groups: dict[str, int] = {}
    for s in inv.servers:
        if s.local_admin_group:
            groups[s.local_admin_group] = groups.get(s.local_admin_group, 0) + 1
    assert max(groups.values()) >= 5, "a local admin password shared by many servers"
    versions = {(s.os_name, s.os_version) for s in inv.servers}
    for old in (("Windows Server", "2008 R2"), ("Windows Server", "2012 R2"), ("CentOS", "6"), ("CentOS", "7")):
        assert old in versions
    answers = set(inv.practices.model_dump().values())
    assert answers == {Answer.yes, Answer.no, Answer.unknown}


# Criticality that makes sense: (categories, allowed criticalities); identity may be 1 or 2
CRITICALITY = [
    ({"emr", "billing", "ordering"}, {1}),
    ({"pacs", "lis", "pharmacy"}, {1, 2}),
    ({"nutrition", "logistics"}, {3}),
    ({"groupware"}, {4}),
    ({"identity"}, {1, 2}),
]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_criticality_standards_and_dependencies(name: str, inventories: dict[str, Inventory]) -> None:
    inv = inventories[name]
    for system in inv.systems:
        for categories, allowed in CRITICALITY:
            if system.category.value in categories:
                assert system.criticality in allowed, system.id
    systems = inv.by_id().systems
    emr = next(s for s in inv.systems if s.category == SystemCategory.emr)
    assert any(systems[d].category == SystemCategory.identity for d in emr.depends_on)
    # dependencies form no cycle: identity comes before what needs it
    state: dict[str, int] = {}

    def visit(sid: str) -> None:
        assert state.get(sid) != 1, f"dependency cycle through {sid}"
        if state.get(sid) == 2:
            return
        state[sid] = 1
        for dep in systems[sid].depends_on:
            visit(dep)
        state[sid] = 2

    for sid in systems:
        visit(sid)
    assert all(s.category != SystemCategory.pacs or "dicom" in s.standards for s in inv.systems)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_flows(name: str, inventories: dict[str, Inventory]) -> None:
    inv = inventories[name]
    cat = {s.id: s.category.value for s in inv.systems}
    pairs = {(cat[f.source], cat[f.target], f.protocol.value) for f in inv.flows}
    assert ("emr", "billing", "db_link") in pairs and ("billing", "emr", "db_link") in pairs
    for target in ("lis", "pharmacy", "nutrition"):
        assert any(p[1] == target and p[2] == "hl7v2" and p[0] in ("emr", "ordering") for p in pairs), target
    dicom = [f for f in inv.flows if f.protocol.value == "dicom" and cat[f.target] == "pacs"]
    assert any(f.latency_sensitive and ((f.mbps or 0) >= 40 or (f.gb_per_day or 0) >= 4) for f in dicom)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_dates_are_plausible(name: str, inventories: dict[str, Inventory]) -> None:
    inv = inventories[name]
    purchases = [s.purchase_date for s in inv.servers if s.purchase_date]
    assert purchases and all(date(2015, 1, 1) <= d <= AS_OF for d in purchases)
    patched = [s.last_patched for s in inv.servers if s.last_patched]
    assert all(d <= AS_OF for d in patched)
    ends = [s.contract_end for s in inv.systems if s.contract_end]
    assert ends and all(date(2015, 1, 1) <= d <= date(2032, 12, 31) for d in ends)
