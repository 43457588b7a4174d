"""A deterministic, seeded synthetic hospital estate of any size, realistic in shape: segments by zone, department
systems on a few servers each, vendor maintenance lines, interfaces to the EMR, shared admin passwords, domains.

`generate(servers=50_000, seed=1) -> Inventory`. Same arguments, same estate. Kept general: benchmarks of other
analyses (waves, cost, survey) reuse it.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from hismigrate.model.inventory import Inventory

ZONES = [("clinical", 0.5), ("office", 0.2), ("medical_device", 0.15), ("management", 0.1), ("vendor", 0.05)]
CATEGORIES = [
    "ordering",
    "pacs",
    "lis",
    "ris",
    "pharmacy",
    "nutrition",
    "surgery",
    "dialysis",
    "nursing",
    "logistics",
    "checkup",
    "rehabilitation",
    "documents",
    "groupware",
    "billing",
    "other",
]
OS = [
    ("Windows Server", "2012 R2"),
    ("Windows Server", "2016"),
    ("Windows Server", "2019"),
    ("Windows Server", "2022"),
    ("RHEL", "7"),
    ("RHEL", "8"),
    ("RHEL", "9"),
]
DEVICES = [
    ("Fortinet", "FortiGate", ["6.0.4", "6.4.9", "7.0.12", "7.2.8", "7.4.4"]),
    ("Pulse Secure", "Pulse Connect Secure", ["9.0R3.3", "9.1R11.4", "9.1R18"]),
    ("Citrix", "NetScaler ADC", ["13.0-47.24", "13.1-49.15", "14.1-12.30"]),
    ("Yamaha", "RTX1210", ["14.01.38"]),
    ("SonicWall", "SMA 210", ["10.2.0.2", "10.2.1.9"]),
]


def _pick(rng: random.Random, weighted: list[tuple[str, float]]) -> str:
    return rng.choices([w for w, _ in weighted], weights=[p for _, p in weighted])[0]


def generate(servers: int = 1000, seed: int = 1, as_of: date = date(2026, 4, 1)) -> Inventory:
    rng = random.Random(seed)
    n_segments = max(5, servers // 200)
    segments: list[dict[str, Any]] = []
    for i in range(n_segments):
        zone = ZONES[i][0] if i < len(ZONES) else _pick(rng, ZONES)
        segments.append({"id": f"seg{i:04d}", "name": f"{zone} {i}", "zone": zone, "routes": []})
    segments.append({"id": "inet", "name": "internet", "zone": "internet", "routes": []})
    by_zone: dict[str, list[str]] = {}
    for s in segments:
        by_zone.setdefault(s["zone"], []).append(s["id"])
    for s in segments:
        for _ in range(rng.randint(1, 3)):
            target = rng.choice(segments)["id"]
            if target != s["id"]:
                filtered = rng.random() < 0.8
                s["routes"].append(
                    {
                        "to": target,
                        "filtered": filtered,
                        "ports": rng.sample(["443", "3389", "445", "1433", "104"], 2) if filtered else [],
                    }
                )
    s_inet = segments[-1]
    s_inet["routes"] = [{"to": by_zone["office"][0], "filtered": True, "ports": ["443"]}]
    server_segments = [s["id"] for s in segments if s["zone"] in ("clinical", "medical_device", "office", "management")]
    domains = [f"dom{i}.local" for i in range(max(1, servers // 10_000) + 2)]
    server_list: list[dict[str, Any]] = []
    for i in range(servers):
        os_name, os_version = rng.choice(OS)
        server_list.append(
            {
                "id": f"srv{i:06d}",
                "hostname": f"SRV{i:06d}",
                "segment": rng.choice(server_segments),
                "role": rng.choice(["application", "database", "web", "file", "interface", "backup"]),
                "os_name": os_name,
                "os_version": os_version,
                "protection": _pick(
                    rng, [("edr", 0.3), ("antivirus", 0.5), ("disabled", 0.1), ("none", 0.05), ("unknown", 0.05)]
                ),
                "last_patched": as_of - timedelta(days=rng.randint(5, 900)),
                "local_admin_group": f"pw{rng.randint(0, servers // 20)}" if rng.random() < 0.3 else None,
                "remote_desktop": rng.random() < 0.4,
                "domain": rng.choice(domains) if os_name.startswith("Windows") else None,
                "backup_online": rng.random() < 0.8,
                "backup_offline": rng.random() < 0.4,
                "backup_restore_tested": as_of - timedelta(days=rng.randint(30, 800)) if rng.random() < 0.6 else None,
            }
        )
    systems: list[dict[str, Any]] = []
    cursor = 0
    index = 0
    while cursor < servers:
        size = rng.randint(1, 8)
        category = "emr" if index == 0 else CATEGORIES[index % len(CATEGORIES)]
        crit = 1 if index == 0 else int(_pick(rng, [("1", 0.05), ("2", 0.25), ("3", 0.4), ("4", 0.3)]))
        systems.append(
            {
                "id": f"sys{index:05d}",
                "name": f"{category} {index}",
                "category": category,
                "vendor": f"vendor{index % 300}",
                "servers": [server_list[j]["id"] for j in range(cursor, min(servers, cursor + size))],
                "criticality": crit,
                "rto_hours": rng.choice([None, 4, 24, 72]),
                "standards": rng.sample(["hl7v2", "fhir", "dicom", "ssmix2"], rng.randint(0, 2)),
            }
        )
        cursor += size
        index += 1
    connections: list[dict[str, Any]] = []
    landing = by_zone.get("vendor", []) + by_zone["clinical"][:3]
    for k in range(0, len(systems), 3):
        vendor, product, versions = rng.choice(DEVICES)
        connections.append(
            {
                "id": f"line{k:05d}",
                "kind": rng.choice(["remote_maintenance", "ssl_vpn", "ipsec_vpn"]),
                "operator": f"vendor{k % 300}" if rng.random() < 0.9 else None,
                "device_vendor": vendor,
                "device_product": product,
                "device_version": rng.choice(versions),
                "firmware_updated": as_of - timedelta(days=rng.randint(10, 1500)),
                "lands_in": rng.choice(landing),
                "serves": [systems[k]["id"]],
                "always_on": rng.random() < 0.7,
                "mfa": rng.random() < 0.3,
                "source_ip_restricted": rng.random() < 0.5,
                "shared_credentials": rng.random() < 0.2,
                "logs_kept": rng.random() < 0.6,
                "closed_network": rng.random() < 0.5,
            }
        )
    connections.append(
        {
            "id": "internet",
            "kind": "internet_gateway",
            "operator": "carrier",
            "lands_in": "inet",
            "mfa": True,
            "source_ip_restricted": True,
            "logs_kept": True,
        }
    )
    flows = [
        {"from": s["id"], "to": systems[0]["id"], "protocol": rng.choice(["hl7v2", "file_share", "db_link", "api"])}
        for s in systems[1:]
        if rng.random() < 0.6
    ]
    return Inventory.model_validate(
        {
            "hospital": {
                "id": f"synthetic-{servers}-{seed}",
                "name": f"Synthetic {servers}",
                "beds": 1000,
                "type": "university",
                "prefecture": "tokyo",
                "founder": "national",
            },
            "segments": segments,
            "servers": server_list,
            "systems": systems,
            "connections": connections,
            "flows": flows,
        }
    )
