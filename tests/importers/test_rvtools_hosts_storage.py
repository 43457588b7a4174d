"""RVTools beyond vInfo: hypervisor hosts and clusters (vHost), storage by rule (vDisk, vPartition, provisioned),
networks and VLANs, the OS of Tools or of the configuration, and VMs without size or OS."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from hismigrate.load.importers.rvtools import RvtoolsOptions, import_rvtools
from tests.importers.importer_rows import HEADER, vm

VHOST = ["Host", "Datacenter", "Cluster", "CPU Model", "# CPU", "# Cores", "# Memory", "ESX Version", "Vendor", "Model"]


def _host(name: str, cluster: str = "CL1", cores: Any = 32, memory: Any = 524288) -> list[Any]:
    return [
        name,
        "DC1",
        cluster,
        "Intel(R) Xeon(R) Gold 6338",
        2,
        cores,
        memory,
        "VMware ESXi 7.0.3 build-21930508",
        "HPE",
        "ProLiant DL380 Gen10",
    ]


def _import(path: Path, **kw: Any) -> Any:
    return import_rvtools(path, RvtoolsOptions(lang="en", **kw))


def _remarks(result: Any) -> dict[str, dict[str, Any]]:
    return {key: params for key, params in result.remarks}


def test_hosts_carry_the_hardware_and_clusters_are_redundancy_groups(workbook: Callable[..., Path]) -> None:
    rows = [vm("emr-ap01"), vm("emr-ap02")]
    rows[1][HEADER.index("Host")] = "esx02"
    path = workbook(
        {"vInfo": [HEADER, *rows], "vHost": [VHOST, _host("esx01"), _host("esx02"), _host("esx09", "CL2", 16, 131072)]}
    )
    result = _import(path)
    hosts = {h.id: h for h in result.hosts}
    assert sorted(hosts) == ["esx01", "esx02", "esx09"]  # a host without VMs is hardware too
    esx = hosts["esx01"]
    assert (esx.role.value, esx.physical, esx.vcpu, esx.memory_gb) == ("hypervisor", True, 32, 512.0)
    assert (esx.os_name, esx.os_version, esx.redundancy_group) == ("VMware ESXi", "7.0.3", "CL1")
    assert esx.notes is not None and "HPE ProLiant DL380 Gen10" in esx.notes and "2 x Intel" in esx.notes
    assert esx.purchase_price_jpy is None and esx.draft is None
    assert hosts["esx09"].redundancy_group == "CL2"
    assert {s.id: s.host for s in result.servers} == {"emr-ap01": "esx01", "emr-ap02": "esx02"}
    assert not any(s.redundancy_group for s in result.servers)  # VMs of a cluster do not stand in for one another
    assert "hosts_not_in_vhost" not in _remarks(result)


def test_a_host_only_the_vms_name_is_a_draft_and_named(workbook: Callable[..., Path]) -> None:
    result = _import(workbook({"vInfo": [HEADER, vm("a")]}))
    (host,) = result.hosts
    assert (host.id, host.role.value, host.vcpu, host.redundancy_group) == ("esx01", "hypervisor", None, "CL1")
    assert host.draft is not None and "vHost" in host.draft
    assert _remarks(result)["hosts_not_in_vhost"] == {"count": 1, "names": "esx01"}


def test_a_host_named_like_a_vm_gets_its_own_id(workbook: Callable[..., Path]) -> None:
    row = vm("esx01")
    result = _import(workbook({"vInfo": [HEADER, row]}))
    assert [h.id for h in result.hosts] == ["esx01-host"] and result.servers[0].host == "esx01-host"


def test_storage_rule_disks_then_partitions_then_provisioned(workbook: Callable[..., Path]) -> None:
    path = workbook(
        {
            "vInfo": [
                HEADER,
                vm("disks", provisioned=110000),
                vm("parts", provisioned=90000),
                vm("prov", provisioned=70000),
            ],
            "vDisk": [["VM", "Disk", "Capacity MiB"], ["disks", "Hard disk 1", 81920], ["disks", "Hard disk 2", 20480]],
            "vPartition": [
                ["VM", "Disk", "Capacity MiB", "Consumed MiB"],
                ["disks", "C:\\", 60000, 1],
                ["parts", "/", 40960, 1],
                ["parts", "/var", 20480, 1],
            ],
        }
    )
    result = _import(path)
    assert {s.id: s.storage_gb for s in result.servers} == {"disks": 100.0, "parts": 60.0, "prov": 70000 / 1024}
    assert _remarks(result)["storage"] == {"disks": 1, "partitions": 1, "provisioned": 1, "none": 0}


def test_a_powered_on_vm_without_size_or_os_is_a_named_draft(workbook: Callable[..., Path]) -> None:
    blank = vm("ghost", cpus=None, memory=None, provisioned=None, in_use=None)
    blank[HEADER.index("OS according to the configuration file")] = None
    blank[HEADER.index("OS according to the VMware Tools")] = None
    result = _import(workbook({"vInfo": [HEADER, vm("ok"), blank]}))
    servers = {s.id: s for s in result.servers}
    ghost = servers["ghost"]
    assert (ghost.vcpu, ghost.memory_gb, ghost.os_name, ghost.storage_gb) == (None, None, None, None)
    assert ghost.draft is not None and "row 3" in ghost.draft and servers["ok"].draft is None
    assert _remarks(result)["vm_incomplete"] == {"count": 1, "names": "ghost (CPUs, Memory, OS)"}
    assert _remarks(result)["storage"]["none"] == 1


def test_the_configuration_names_the_release_when_tools_do_not(workbook: Callable[..., Path]) -> None:
    row = vm("a")
    row[HEADER.index("OS according to the configuration file")] = "CentOS 7 (64-bit)"
    row[HEADER.index("OS according to the VMware Tools")] = "Other 3.x or later Linux (64-bit)"
    edition = vm("b")
    edition[HEADER.index("OS according to the VMware Tools")] = "Microsoft Windows Server 2012 R2 Datacenter"
    servers = {s.id: s for s in _import(workbook({"vInfo": [HEADER, row, edition]})).servers}
    assert (servers["a"].os_name, servers["a"].os_version) == ("CentOS", "7")
    assert (servers["b"].os_name, servers["b"].os_version) == ("Microsoft Windows Server", "2012 R2")
    assert "edition Datacenter" in (servers["b"].notes or "")


def test_networks_and_vlans_make_segments(workbook: Callable[..., Path]) -> None:
    header = [*HEADER, "Network #1", "Network #2"]
    path = workbook(
        {
            "vInfo": [header, [*vm("a"), "EMR LAN", None], [*vm("b"), "EMR LAN", "Backup LAN"], [*vm("c"), None, None]],
            "dvPort": [["VM", "Port Group", "VLAN"], ["a", "EMR LAN", 110]],
        }
    )
    result = _import(path)
    assert {s.id: s.segment for s in result.servers} == {"a": "EMR-LAN", "b": "EMR-LAN", "c": "subnet-10.0.0.0-24"}
    assert [(s.id, s.basis, s.vlan) for s in result.segments] == [
        ("EMR-LAN", "network", "110"),
        ("hypervisor-management", "hosts", None),
        ("subnet-10.0.0.0-24", "subnet", None),
    ]
    assert _remarks(result)["several_networks"] == {"count": 1, "names": "b (EMR LAN, Backup LAN)"}
    given = _import(path, segment="server-lan")
    assert {s.segment for s in given.all_servers()} == {"server-lan"} and "several_networks" not in _remarks(given)


def test_folder_vapp_and_annotation_are_hints(workbook: Callable[..., Path]) -> None:
    header = [*HEADER, "Folder", "vApp", "Annotation"]
    path = workbook(
        {"vInfo": [header, [*vm("a"), "/DC/vm/EMR", None, "電子カルテ AP"], [*vm("b"), None, "PACS", None]]}
    )
    hints = _import(path).hints
    assert (hints["a"].folder, hints["a"].annotation, hints["b"].vapp) == ("/DC/vm/EMR", "電子カルテ AP", "PACS")
