"""Rows of the discovery tools' files, shared by the importer tests ."""

from __future__ import annotations

from typing import Any

HEADER = [
    "VM",
    "Powerstate",
    "Template",
    "CPUs",
    "Memory",
    "Provisioned MiB",
    "In Use MiB",
    "Primary IP Address",
    "Datacenter",
    "Cluster",
    "Host",
    "OS according to the configuration file",
    "OS according to the VMware Tools",
]


def vm(
    name: str,
    power: str = "poweredOn",
    template: Any = "False",
    cpus: Any = 2,
    memory: Any = 8192,
    provisioned: Any = 102400,
    in_use: Any = 51200,
) -> list[Any]:
    return [
        name,
        power,
        template,
        cpus,
        memory,
        provisioned,
        in_use,
        "10.0.0.1",
        "DC1",
        "CL1",
        "esx01",
        "Microsoft Windows Server 2016 or later (64-bit)",
        "Microsoft Windows Server 2019 (64-bit)",
    ]


AZURE_HEADER = [
    "*Server name",
    "IP addresses",
    "*Cores",
    "*Memory (In MB)",
    "*OS name",
    "OS version",
    "CPU utilization percentage",
    "Memory utilization percentage",
    "Number of disks",
    "Disk 1 size (In GB)",
    "Disk 1 read throughput (MB per second)",
    "Disk 2 size (In GB)",
]
AWS_HEADER = [
    "ExternalId",
    "IPAddress",
    "HostName",
    "VMware.MoRefId",
    "VMware.VCenterId",
    "CPU.NumberOfProcessors",
    "CPU.NumberOfCores",
    "OS.Name",
    "OS.Version",
    "RAM.TotalSizeInMB",
    "CPU.UsagePct.Avg",
    "CPU.UsagePct.Max",
    "RAM.UsedSizeInMB.Avg",
    "RAM.UsedSizeInMB.Max",
    "Applications",
    "ApplicationWave",
    "Tags",
]


def azure_row(
    name: str, cores: Any = 4, memory: Any = 16384, os: Any = "Windows Server 2016", disk1: Any = 100, disk2: Any = 50
) -> list[Any]:
    return [name, "10.1.1.5, 10.1.2.5", cores, memory, os, "", 35, 60.5, 2, disk1, 12, disk2]


def aws_row(host: str = "lis-ap01", external: str = "ext-1", cores: Any = 8, ram: Any = 32768) -> list[Any]:
    return [
        external,
        "10.2.0.7",
        host,
        "vm-42",
        "vc-1",
        2,
        cores,
        "Red Hat Enterprise Linux",
        "8.6",
        ram,
        10,
        75,
        8192,
        16384,
        "LIS",
        "2",
        "dept=lab",
    ]
