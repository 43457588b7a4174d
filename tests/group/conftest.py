"""Small member hospitals and group files written to a temporary folder, read back by the real loaders."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from hismigrate.group.assess import assess_group
from hismigrate.group.members import Member
from hismigrate.load.group_source import group_inputs, load_group, load_members
from hismigrate.model.group_result import GroupAssessment

AS_OF = date(2026, 12, 1)


def member_data(
    ident: str,
    beds: int,
    *,
    type: str = "acute",
    contract_end: date | None = date(2027, 3, 31),
    customisation: str = "low",
    standards: tuple[str, ...] = ("hl7v2", "fhir"),
    vendor: str = "共通メディカル株式会社",
    device: tuple[str, str, str] = ("Fortinet", "FortiGate 60F", "7.4.7"),
    emr_users: int | None = 100,
    nutrition_contract: date | None = date(2027, 3, 31),
    equipment: list[str] | None = None,
) -> dict[str, Any]:
    """A hospital with an EMR (criticality 1, on two servers) and a nutrition system (criticality 3), one vendor line
    and one closed-network eligibility line."""
    server = {
        "segment": "lan",
        "os_name": "Windows Server",
        "os_version": "2019",
        "vcpu": 4,
        "memory_gb": 16,
        "cpu_util_pct": 30,
        "purchase_date": date(2021, 4, 1),
        "purchase_price_jpy": 2_000_000,
        "protection": "edr",
        "last_patched": date(2026, 10, 1),
    }
    return {
        "hospital": {
            "id": ident,
            "name": f"{ident} 病院",
            "beds": beds,
            "type": type,
            "prefecture": "chiba",
            "founder": "public",
        },
        "segments": [
            {"id": "lan", "name": "電子カルテ系LAN", "zone": "clinical"},
            {"id": "vendor-seg", "name": "保守", "zone": "vendor", "routes": [{"to": "lan", "ports": ["3389"]}]},
        ],
        "servers": [
            {"id": f"{ident}-emr1", "hostname": f"{ident}-emr1", **server},
            {"id": f"{ident}-emr2", "hostname": f"{ident}-emr2", **server},
            {"id": f"{ident}-nut1", "hostname": f"{ident}-nut1", **server},
        ],
        "systems": [
            {
                "id": "emr",
                "name": "電子カルテ",
                "category": "emr",
                "vendor": vendor,
                "servers": [f"{ident}-emr1", f"{ident}-emr2"],
                "criticality": 1,
                "users": emr_users,
                "customisation": customisation,
                "standards": list(standards),
                "vendor_cloud": "cloud",
                "maintenance_jpy_per_year": 12_000_000,
                "contract_end": contract_end,
                "equipment": equipment or [],
            },
            {
                "id": "nutrition",
                "name": "栄養",
                "category": "nutrition",
                "vendor": "給食システム株式会社",
                "servers": [f"{ident}-nut1"],
                "criticality": 3,
                "customisation": "none",
                "standards": ["hl7v2"],
                "vendor_cloud": "saas",
                "maintenance_jpy_per_year": 1_000_000,
                "contract_end": nutrition_contract,
            },
        ],
        "connections": [
            {
                "id": "rm-vendor",
                "kind": "remote_maintenance",
                "operator": vendor,
                "device_vendor": device[0],
                "device_product": device[1],
                "device_version": device[2],
                "lands_in": "vendor-seg",
                "serves": ["emr"],
                "mfa": True,
                "source_ip_restricted": True,
                "logs_kept": True,
            },
            {
                "id": "oq",
                "kind": "online_eligibility",
                "operator": "通信会社",
                "lands_in": "lan",
                "serves": [],
                "closed_network": True,
                "source_ip_restricted": True,
            },
        ],
        "flows": [{"from": "emr", "to": "nutrition", "protocol": "hl7v2", "gb_per_day": 0.1}],
    }


def write_yaml(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def write_group(
    folder: Path, members: list[dict[str, Any]], shared: dict[str, Any] | None = None, **entries: Any
) -> Path:
    """Each member in its own folder beside a group.yaml sharing the EMR and nutrition."""
    refs = []
    for data in members:
        ident = data["hospital"]["id"]
        write_yaml(folder / ident / "inventory.yaml", data)
        refs.append({"path": ident, **entries.get(ident, {})})
    arrangement = {
        "categories": ["emr", "nutrition"],
        "allocation": "beds",
        "cutovers_per_period": 2,
        "period_months": 6,
        "environment": {"build_jpy": 10_000_000, "operations_fte": 1, "security_monitoring_jpy_per_year": 1_200_000},
        **(shared or {}),
    }
    group = {"group": {"id": "test-group", "name": "テストグループ"}, "members": refs, "shared": arrangement}
    return write_yaml(folder / "group.yaml", group)


def run_group(path: Path, prices: Path | None = None) -> tuple[GroupAssessment, list[Member]]:
    source = load_group(path)
    inventories = load_members(source)
    inputs = replace(group_inputs(source, AS_OF, None, prices, None), jobs=1)
    return assess_group(source, inventories, inputs)


@pytest.fixture
def two_members(tmp_path: Path) -> Path:
    return write_group(tmp_path, [member_data("alpha", 100), member_data("beta", 300)])
