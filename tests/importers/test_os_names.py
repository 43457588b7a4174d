"""The OS-name table on strings found in real exports: RVTools (vCenter's guest types and what VMware Tools reports),
Azure Migrate and AWS Migration Hub CSVs, and the kernel strings of newer Tools; with the support date each gets."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from hismigrate.exposure.checks.ledger import server_record_incomplete
from hismigrate.load.importers.os_names import OsName, parse_os
from hismigrate.model.inventory import Server
from hismigrate.model.lifecycle import lookup

# text -> (name, version, edition), end of support from the shipped table (None: not in it)
REAL_WORLD: list[tuple[str, tuple[str | None, str | None, str | None], date | None]] = [
    # vCenter guest types (RVTools "OS according to the configuration file")
    (
        "Microsoft Windows Server 2003 Standard (32-bit)",
        ("Microsoft Windows Server", "2003", "Standard"),
        date(2015, 7, 14),
    ),
    ("Microsoft Windows Server 2003 (32-bit)", ("Microsoft Windows Server", "2003", None), date(2015, 7, 14)),
    ("Microsoft Windows Server 2008 (64-bit)", ("Microsoft Windows Server", "2008", None), date(2020, 1, 14)),
    ("Microsoft Windows Server 2008 R2 (64-bit)", ("Microsoft Windows Server", "2008 R2", None), date(2020, 1, 14)),
    ("Microsoft Windows Server 2012 (64-bit)", ("Microsoft Windows Server", "2012", None), date(2023, 10, 10)),
    ("Microsoft Windows Server 2016 (64-bit)", ("Microsoft Windows Server", "2016", None), date(2027, 1, 12)),
    (
        "Microsoft Windows Server 2016 or later (64-bit)",
        ("Microsoft Windows Server", "2016 or later", None),
        date(2027, 1, 12),
    ),
    ("Microsoft Windows Server 2019 (64-bit)", ("Microsoft Windows Server", "2019", None), date(2029, 1, 9)),
    ("Microsoft Windows Server 2022 (64-bit)", ("Microsoft Windows Server", "2022", None), date(2031, 10, 14)),
    ("Microsoft Windows 10 (64-bit)", ("Microsoft Windows", "10", None), date(2025, 10, 14)),
    ("Microsoft Windows 7 (32-bit)", ("Microsoft Windows", "7", None), date(2020, 1, 14)),
    ("Microsoft Windows XP Professional (32-bit)", ("Microsoft Windows", "XP", "Professional"), date(2014, 4, 8)),
    ("Microsoft Windows Vista (32-bit)", ("Microsoft Windows", "Vista", None), date(2017, 4, 11)),
    ("Microsoft Windows 2000 Professional", ("Microsoft Windows", "2000", "Professional"), date(2010, 7, 13)),
    ("Red Hat Enterprise Linux 5 (64-bit)", ("Red Hat Enterprise Linux", "5", None), date(2017, 3, 31)),
    ("Red Hat Enterprise Linux 6 (64-bit)", ("Red Hat Enterprise Linux", "6", None), date(2020, 11, 30)),
    ("Red Hat Enterprise Linux 7 (64-bit)", ("Red Hat Enterprise Linux", "7", None), date(2024, 6, 30)),
    ("Red Hat Enterprise Linux 9 (64-bit)", ("Red Hat Enterprise Linux", "9", None), date(2032, 5, 31)),
    ("CentOS 4/5 or later (64-bit)", ("CentOS", "4/5 or later", None), date(2017, 3, 31)),
    ("CentOS 4/5/6/7 (64-bit)", ("CentOS", "4/5/6/7", None), date(2017, 3, 31)),
    ("CentOS 6 (64-bit)", ("CentOS", "6", None), date(2020, 11, 30)),
    ("CentOS 7 (64-bit)", ("CentOS", "7", None), date(2024, 6, 30)),
    ("CentOS 8 (64-bit)", ("CentOS", "8", None), date(2021, 12, 31)),
    ("SUSE Linux Enterprise 11 (64-bit)", ("SUSE Linux Enterprise", "11", None), date(2019, 3, 31)),
    ("SUSE Linux Enterprise 12 (64-bit)", ("SUSE Linux Enterprise", "12", None), date(2024, 10, 31)),
    ("SUSE Linux Enterprise 15 (64-bit)", ("SUSE Linux Enterprise", "15", None), date(2031, 7, 31)),
    ("Oracle Linux 7 (64-bit)", ("Oracle Linux", "7", None), date(2024, 12, 31)),
    ("Oracle Linux 4/5/6 (64-bit)", ("Oracle Linux", "4/5/6", None), date(2021, 3, 1)),
    ("Debian GNU/Linux 9 (64-bit)", ("Debian GNU/Linux", "9", None), date(2022, 6, 30)),
    ("Amazon Linux 2 (64-bit)", ("Amazon Linux", "2", None), date(2026, 6, 30)),
    ("FreeBSD 13 or later versions (64-bit)", ("FreeBSD", "13 or later", None), None),
    # what VMware Tools reports from inside the guest
    (
        "Microsoft Windows Server 2012 R2 Datacenter",
        ("Microsoft Windows Server", "2012 R2", "Datacenter"),
        date(2023, 10, 10),
    ),
    (
        "Microsoft Windows Server 2008 R2 Enterprise Service Pack 1",
        ("Microsoft Windows Server", "2008 R2 SP1", "Enterprise"),
        date(2020, 1, 14),
    ),
    (
        "Microsoft Windows Server 2003, Enterprise Edition (64-bit)",
        ("Microsoft Windows Server", "2003", "Enterprise"),
        date(2015, 7, 14),
    ),
    ("Microsoft Windows Server 2019 Standard", ("Microsoft Windows Server", "2019", "Standard"), date(2029, 1, 9)),
    (
        "Microsoft Windows Server 2022 Datacenter Evaluation",
        ("Microsoft Windows Server", "2022", "Datacenter Evaluation"),
        date(2031, 10, 14),
    ),
    (
        "Microsoft Windows 10 Enterprise LTSC 2019",
        ("Microsoft Windows", "10 LTSC 2019", "Enterprise"),
        date(2029, 1, 9),
    ),
    (
        "Microsoft Windows 10 Enterprise 2016 LTSB",
        ("Microsoft Windows", "10 LTSB 2016", "Enterprise"),
        date(2026, 10, 13),
    ),
    (
        "Microsoft Windows 7 Professional Service Pack 1",
        ("Microsoft Windows", "7 SP1", "Professional"),
        date(2020, 1, 14),
    ),
    ("Red Hat Enterprise Linux 8.6 (Ootpa)", ("Red Hat Enterprise Linux", "8.6", None), date(2029, 5, 31)),
    (
        "Red Hat Enterprise Linux Server release 7.9 (Maipo)",
        ("Red Hat Enterprise Linux Server", "7.9", None),
        date(2024, 6, 30),
    ),
    ("Red Hat Enterprise Linux 8.10 (Ootpa)", ("Red Hat Enterprise Linux", "8.10", None), date(2029, 5, 31)),
    ("CentOS Linux 7 (Core)", ("CentOS Linux", "7", None), date(2024, 6, 30)),
    ("CentOS Linux release 7.9.2009 (Core)", ("CentOS Linux", "7.9.2009", None), date(2024, 6, 30)),
    ("CentOS release 6.10 (Final)", ("CentOS", "6.10", None), date(2020, 11, 30)),
    ("CentOS Stream 8", ("CentOS Stream", "8", None), date(2024, 5, 31)),
    ("SUSE Linux Enterprise Server 12 SP5", ("SUSE Linux Enterprise Server", "12 SP5", None), date(2024, 10, 31)),
    (
        "SUSE Linux Enterprise Server 11 SP4 (64-bit)",
        ("SUSE Linux Enterprise Server", "11 SP4", None),
        date(2019, 3, 31),
    ),
    ("Ubuntu 20.04 LTS (64-bit)", ("Ubuntu", "20.04 LTS", None), date(2025, 5, 31)),
    ("Ubuntu 22.04.3 LTS (Jammy Jellyfish)", ("Ubuntu", "22.04.3 LTS", None), date(2027, 6, 1)),
    ("Oracle Linux Server 8.7", ("Oracle Linux Server", "8.7", None), date(2029, 7, 1)),
    ("Debian GNU/Linux 10 (buster)", ("Debian GNU/Linux", "10", None), date(2024, 6, 30)),
    ("Rocky Linux 8.8 (Green Obsidian)", ("Rocky Linux", "8.8", None), date(2029, 5, 31)),
    (
        "Linux 4.18.0-477.27.2.el8_8.x86_64 AlmaLinux 8.8 (Sapphire Caracal) 8.8 AlmaLinux 8.8 (Sapphire Caracal)"
        " cpe:/o:almalinux:almalinux:8::baseos",
        ("AlmaLinux", "8.8", None),
        date(2029, 3, 1),
    ),
    # hypervisor hosts (RVTools vHost "ESX Version")
    ("VMware ESXi 6.5.0 build-16576891", ("VMware ESXi", "6.5.0", None), date(2022, 10, 15)),
    ("VMware ESXi 7.0.3 build-21930508", ("VMware ESXi", "7.0.3", None), date(2025, 10, 2)),
    ("VMware ESXi 6.0.0 build-3620759", ("VMware ESXi", "6.0.0", None), date(2020, 3, 12)),
    # Azure Migrate and AWS Migration Hub "OS name"
    ("Windows Server 2012 R2 Datacenter", ("Windows Server", "2012 R2", "Datacenter"), date(2023, 10, 10)),
    ("Windows Server 2016", ("Windows Server", "2016", None), date(2027, 1, 12)),
    (
        "Microsoft Windows Server 2016 Standard 10.0.14393",
        ("Microsoft Windows Server", "2016", "Standard"),
        date(2027, 1, 12),
    ),
    ("RHEL 8.8", ("RHEL", "8.8", None), date(2029, 5, 31)),
    # full-width, as typed into a Japanese ledger
    (
        "Ｗｉｎｄｏｗｓ　Ｓｅｒｖｅｒ　２０１９　Ｓｔａｎｄａｒｄ",
        ("Windows Server", "2019", "Standard"),
        date(2029, 1, 9),
    ),
]

# No release in the text: the record truly lacks its version.
NO_RELEASE = [
    ("Ubuntu Linux (64-bit)", "Ubuntu Linux"),
    ("Other 3.x or later Linux (64-bit)", "Other 3.x or later Linux"),
    ("Other 2.6.x Linux (32-bit)", "Other 2.6.x Linux"),
    ("Other Linux (64-bit)", "Other Linux"),
    ("VMware Photon OS (64-bit)", "VMware Photon OS"),
    ("Red Hat Fedora (32-bit)", "Red Hat Fedora"),
    ("SUSE openSUSE (64-bit)", "SUSE openSUSE"),
    ("FreeBSD Pre-11 versions (64-bit)", "FreeBSD Pre-11 versions"),
    ("Linux 6.1.11 Other Linux 6.x and later kernel", "Linux 6.1.11 Other Linux 6.x and later kernel"),
]


def test_the_table_has_at_least_thirty_real_world_strings() -> None:
    assert len(REAL_WORLD) >= 30 and len({text for text, _, _ in REAL_WORLD}) == len(REAL_WORLD)


@pytest.mark.parametrize(("text", "expected", "end"), REAL_WORLD, ids=[t[:48] for t, _, _ in REAL_WORLD])
def test_name_version_edition_and_support(text: str, expected: tuple[str | None, ...], end: date | None) -> None:
    parsed = parse_os(text)
    assert (parsed.name, parsed.version, parsed.edition) == expected
    assert lookup(parsed.name or "", parsed.version or "").date == end


def test_no_false_record_without_os_on_real_world_strings() -> None:
    servers = [
        Server(id=f"s{i}", hostname=f"s{i}", segment="lan", os_name=parsed.name, os_version=parsed.version)
        for i, parsed in enumerate(parse_os(text) for text, _, _ in REAL_WORLD)
    ]
    assert list(server_record_incomplete(SimpleNamespace(servers=servers))) == []  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "name"), NO_RELEASE)
def test_a_text_without_a_release_keeps_its_name_and_no_version(text: str, name: str) -> None:
    assert parse_os(text) == OsName(name)


@pytest.mark.parametrize("text", [None, "", "   ", "(64-bit)"])
def test_blank(text: str | None) -> None:
    assert parse_os(text) == OsName(None)
