"""Draft systems: servers grouped by application, vApp, folder, annotation word or name prefix, never one system per
server; a category guessed from the words with the word named; zones of segments from their networks' names."""

from __future__ import annotations

import pytest

from hismigrate.load.importers.draft_inventory import draft_segments
from hismigrate.load.importers.grouping import group_systems
from hismigrate.load.importers.guesses import guess_category, guess_zone, tokens
from hismigrate.load.importers.result import Hints, SegmentSeen
from hismigrate.model.enums import ServerRole, SystemCategory, Zone
from hismigrate.model.inventory import Server


def _servers(*names: str) -> tuple[Server, ...]:
    return tuple(Server(id=n, hostname=n, segment="lan") for n in names)


def _groups(servers: tuple[Server, ...], hints: dict[str, Hints] | None = None) -> dict[str, tuple[str, list[str]]]:
    return {s.id: (s.basis, sorted(s.servers)) for s in group_systems(servers, hints or {})}


def test_name_prefixes_group_and_lone_servers_go_to_one_unsorted_system() -> None:
    groups = _groups(_servers("emr-ap01", "emr-ap02", "emr-db01", "pacs01", "pacs02", "mail01", "web7", "x"))
    assert groups == {
        "emr": ("prefix", ["emr-ap01", "emr-ap02", "emr-db01"]),
        "pacs": ("prefix", ["pacs01", "pacs02"]),
        "mail": ("prefix", ["mail01"]),  # alone, but its prefix names a category (groupware)
        "unsorted": ("unsorted", ["web7", "x"]),
    }


def test_a_lone_server_keeps_its_own_system_when_its_prefix_names_a_category() -> None:
    groups = _groups(_servers("lis01", "a1", "b2"))
    assert groups == {"lis": ("prefix", ["lis01"]), "unsorted": ("unsorted", ["a1", "b2"])}


def test_never_one_system_per_server() -> None:
    names = [f"host{chr(97 + i)}{chr(97 + j)}" for i in range(5) for j in range(5)]
    groups = _groups(_servers(*(f"{n}-{k}" for k, n in enumerate(names))))
    assert len(groups) < len(names)


def test_a_site_code_most_servers_share_is_skipped() -> None:
    groups = _groups(_servers("sakura-emr-ap01", "sakura-emr-db01", "sakura-pacs-01", "sakura-pacs-02", "file01"))
    assert groups["emr"] == ("prefix", ["sakura-emr-ap01", "sakura-emr-db01"])
    assert groups["pacs"] == ("prefix", ["sakura-pacs-01", "sakura-pacs-02"])


def test_a_common_system_word_is_not_taken_for_a_site_code() -> None:
    groups = _groups(_servers("emr-ap01", "emr-ap02", "emr-db01", "emr-db02", "pacs01"))
    assert groups["emr"] == ("prefix", ["emr-ap01", "emr-ap02", "emr-db01", "emr-db02"])


def test_application_vapp_folder_and_annotation_come_before_the_name() -> None:
    servers = _servers("srv01", "srv02", "srv03", "srv04", "srv05", "srv06")
    hints = {
        "srv01": Hints(application="部門検査"),
        "srv02": Hints(vapp="RIS vApp"),
        "srv03": Hints(folder="/DC/vm/医事会計"),
        "srv04": Hints(folder="/DC/vm/医事会計/"),
        "srv05": Hints(annotation="電子カルテ 参照用DB"),
        "srv06": Hints(folder="vm", annotation="Windows update server"),  # neither names a system
    }
    systems = {s.id: s for s in group_systems(servers, hints)}
    assert {i: (s.basis, s.servers) for i, s in systems.items()} == {
        "部門検査": ("application", ("srv01",)),
        "ris-vapp": ("vapp", ("srv02",)),
        "医事会計": ("folder", ("srv03", "srv04")),
        "電子カルテ": ("annotation", ("srv05",)),
        "unsorted": ("unsorted", ("srv06",)),
    }
    assert systems["部門検査"].category.value == SystemCategory.lis and systems["部門検査"].category.word == "検査"
    assert systems["ris-vapp"].category.value == SystemCategory.ris
    assert (systems["医事会計"].category.value, systems["医事会計"].criticality) == (SystemCategory.billing, 2)
    assert (systems["電子カルテ"].category.value, systems["電子カルテ"].criticality) == (SystemCategory.emr, 1)


def test_hypervisor_hosts_are_in_no_system() -> None:
    host = Server(id="esx01", hostname="esx01", segment="mgmt", role=ServerRole.hypervisor, physical=True)
    systems = group_systems((host, *_servers("emr01", "emr02")), {})
    assert [(s.id, s.servers) for s in systems] == [("emr", ("emr01", "emr02"))]


@pytest.mark.parametrize(
    ("names", "category", "word"),
    [
        (["電子カルテAP01"], SystemCategory.emr, "電子カルテ"),
        (["EGMAIN-GX DB"], SystemCategory.emr, "egmain"),
        (["レセコン"], SystemCategory.billing, "レセ"),
        (["薬剤部門サーバ"], SystemCategory.pharmacy, "薬剤"),
        (["PACS-viewer"], SystemCategory.pacs, "pacs"),
        (["栄養管理"], SystemCategory.nutrition, "栄養"),
        (["dc01"], SystemCategory.identity, "dc"),
        (["label-printer"], SystemCategory.other, None),  # `lab` is no whole word of `label`
        (["zz01", "放射線RIS"], SystemCategory.ris, "ris"),
    ],
)
def test_category_words(names: list[str], category: SystemCategory, word: str | None) -> None:
    guess = guess_category(names)
    assert (guess.value, guess.word) == (category, word)


def test_tokens_split_scripts_and_digits() -> None:
    assert tokens("電カルAP01") == ["電カル", "ap"] and tokens("ＰＡＣＳ－０１") == ["pacs"]


@pytest.mark.parametrize(
    ("network", "zone", "word"),
    [
        ("Management Network", Zone.management, "management"),
        ("vMotion", Zone.management, "vmotion"),
        ("DMZ-web", Zone.dmz, "dmz"),
        ("モダリティLAN", Zone.medical_device, "モダリティ"),
        ("保守回線", Zone.vendor, "保守"),
        ("情報系VLAN20", Zone.office, "情報系"),
        ("電カル系", Zone.clinical, "電カル"),
        ("VM Network", Zone.clinical, None),
    ],
)
def test_zone_words(network: str, zone: Zone, word: str | None) -> None:
    guess = guess_zone(network)
    assert (guess.value, guess.word) == (zone, word)


def test_every_segment_says_why_its_zone_was_chosen() -> None:
    seen = (
        SegmentSeen("mgmt", "mgmt-lan", "network", "10"),
        SegmentSeen("VM-Network", "VM Network", "network"),
        SegmentSeen("hypervisor-management", "hypervisor-management", "hosts"),
        SegmentSeen("subnet-10.1.1.0-24", "10.1.1.0/24", "subnet"),
    )
    segments = {s.id: s for s in draft_segments(seen, "en")}
    assert (segments["mgmt"].name, segments["mgmt"].zone) == ("mgmt-lan (VLAN 10)", Zone.management)
    assert "'mgmt'" in (segments["mgmt"].draft or "")
    assert "by default" in (segments["VM-Network"].draft or "")
    assert "10.1.1.0/24" in (segments["subnet-10.1.1.0-24"].draft or "")
    assert all(s.draft for s in segments.values())
