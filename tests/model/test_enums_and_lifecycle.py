"""Enumerations accept Japanese and English labels; the OS lifecycle table fills missing end-of-support dates."""

from __future__ import annotations

from datetime import date

import pytest

from hismigrate.model.enums import AliasedEnum, Answer, Prefecture, Protection, SystemCategory, Zone
from hismigrate.model.inventory import Server
from hismigrate.model.lifecycle import end_of_support, lookup


@pytest.mark.parametrize(
    ("enum", "text", "expected"),
    [
        (SystemCategory, "電子カルテ", SystemCategory.emr),
        (SystemCategory, "レセコン", SystemCategory.billing),
        (SystemCategory, "放射線", SystemCategory.ris),
        (SystemCategory, "Laboratory (LIS)", SystemCategory.lis),
        (Zone, "Medical Device", Zone.medical_device),
        (Zone, "診療系", Zone.clinical),
        (Prefecture, "大阪", Prefecture.osaka),
        (Prefecture, "北海道", Prefecture.hokkaido),
        (Prefecture, "13", Prefecture.tokyo),
        (Prefecture, 1, Prefecture.hokkaido),
        (Answer, True, Answer.yes),
        (Answer, "〇", Answer.yes),
        (Protection, "無", Protection.none),
    ],
)
def test_aliases(enum: type[AliasedEnum], text: object, expected: AliasedEnum) -> None:
    assert enum(text) is expected


def test_unknown_alias_is_rejected() -> None:
    with pytest.raises(ValueError):
        SystemCategory("宇宙")


@pytest.mark.parametrize(
    ("name", "version", "end"),
    [
        ("Windows Server", "2012 R2", date(2023, 10, 10)),
        ("Microsoft Windows Server 2016 (64-bit)", "", date(2027, 1, 12)),
        ("CentOS", "7.9", date(2024, 6, 30)),
        ("Red Hat Enterprise Linux", "8.6", date(2029, 5, 31)),
        ("Windows", "10", date(2025, 10, 14)),
        ("Windows Server", "10.0.17763", None),
        ("Solaris", "10", None),
    ],
)
def test_lifecycle_lookup(name: str, version: str, end: date | None) -> None:
    assert lookup(name, version).date == end


def test_inventory_date_wins_over_the_table() -> None:
    own = Server(
        id="a",
        hostname="a",
        segment="s",
        os_name="Windows Server",
        os_version="2012 R2",
        end_of_support=date(2026, 10, 13),
    )
    assert end_of_support(own).date == date(2026, 10, 13) and end_of_support(own).source == "inventory"
    looked = Server(id="b", hostname="b", segment="s", os_name="Windows Server", os_version="2012 R2")
    assert end_of_support(looked).date == date(2023, 10, 10)


def test_every_lifecycle_entry_is_dated_and_sourced() -> None:
    from hismigrate.data import load_data

    table = load_data("os_lifecycle.yaml")
    assert isinstance(table["as_of"], date) and table["id"].startswith("os-lifecycle-")
    sources = table["sources"]
    undated = [e["match"] for e in table["entries"] if not isinstance(e["end"], date)]
    unsourced = [e["match"] for e in table["entries"] if e.get("source") not in sources]
    assert undated == [] and unsourced == []


@pytest.mark.parametrize(
    ("name", "version", "end"),
    [  # the releases most often found in hospital estates
        ("SUSE Linux Enterprise", "11", date(2019, 3, 31)),
        ("SUSE Linux Enterprise Server", "12 SP5", date(2024, 10, 31)),
        ("SUSE Linux Enterprise Server", "15 SP4", date(2031, 7, 31)),
        ("CentOS", "6", date(2020, 11, 30)),
        ("CentOS Linux", "8.5.2111", date(2021, 12, 31)),
        ("Red Hat Enterprise Linux", "6", date(2020, 11, 30)),
        ("RHEL", "9.2", date(2032, 5, 31)),
        ("Microsoft Windows", "XP", date(2014, 4, 8)),
        ("Microsoft Windows", "7 SP1", date(2020, 1, 14)),
        ("Microsoft Windows", "10 LTSC 2019", date(2029, 1, 9)),
        ("Windows 10 Enterprise LTSC 2021", "", date(2027, 1, 12)),
        ("Windows 10 IoT Enterprise LTSC 2021", "", date(2032, 1, 13)),  # the IoT edition has ten years
        ("Microsoft Windows Server", "2003", date(2015, 7, 14)),
        ("Microsoft Windows Server", "2008 R2 SP1", date(2020, 1, 14)),
        ("Microsoft Windows Server", "2022", date(2031, 10, 14)),
        ("VMware ESXi", "6.7.0", date(2022, 10, 15)),
    ],
)
def test_lifecycle_covers_hospital_releases(name: str, version: str, end: date) -> None:
    assert lookup(name, version).date == end
