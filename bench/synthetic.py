"""A deterministic, seeded synthetic hospital estate of any size, from a 50-bed clinic to 100 times a university
hospital (60,000 servers, 10,000 systems, 5,000 connection points, 100,000 flows), realistic in shape.

An estate larger than one hospital is a group of campuses (a prefectural network): each campus of up to 100 systems
has its own segments (server, client, department, modality, office, management, vendor, DMZ), an identity service,
an EMR, ordering and billing hubs, department systems on a few servers each in the segment their kind lives in,
vendor maintenance lines serving that vendor's systems, and interfaces from the department systems to the hubs and to
each other. Campus EMRs feed the first campus's EMR. Same sizes and seed, same estate, byte for byte.

`estate(sizes, seed) -> dict` (plain data), `write_estate(directory, sizes, seed)` (YAML files, C dumper),
`generate(servers, seed) -> Inventory` (kept for bench_exposure).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from hismigrate.model.inventory import Inventory


@dataclass(frozen=True)
class Sizes:
    servers: int
    systems: int
    connections: int
    flows: int

    def times(self, factor: float) -> Sizes:
        return Sizes(*(max(1, round(v * factor)) for v in (self.servers, self.systems, self.connections, self.flows)))


UNIVERSITY = Sizes(servers=600, systems=100, connections=50, flows=1000)
"""One university hospital as the issue counts it (x100: 60,000 servers, 10,000 systems, 5,000 lines, 100,000 flows)."""
PRESETS = {
    "clinic": Sizes(servers=8, systems=5, connections=3, flows=6),
    "university": UNIVERSITY,
    "x10": UNIVERSITY.times(10),
    "x100": UNIVERSITY.times(100),
}
CAMPUS_SYSTEMS = 100
AS_OF = date(2026, 4, 1)

SEGMENTS = [  # (suffix, name, zone)
    ("core-srv", "電子カルテ系サーバセグメント", "clinical"),
    ("emr-client", "電子カルテ端末LAN", "clinical"),
    ("dept-lan", "部門システムLAN", "clinical"),
    ("modality", "医療機器(モダリティ)LAN", "medical_device"),
    ("office", "事務系LAN", "office"),
    ("mgmt", "運用管理LAN", "management"),
    ("vendor", "保守ベンダー接続セグメント", "vendor"),
    ("dmz", "DMZ", "dmz"),
]
ROUTES = [  # (from, to, ports or None for any-to-any)
    ("emr-client", "core-srv", ["443", "3389", "445", "88", "389"]),
    ("dept-lan", "core-srv", ["2575", "1433", "443"]),
    ("core-srv", "dept-lan", ["2575", "1433", "443"]),
    ("modality", "dept-lan", ["104"]),
    ("office", "dmz", ["443"]),
    ("dmz", "core-srv", ["443"]),
    ("mgmt", "core-srv", ["3389", "22", "514"]),
    ("mgmt", "dept-lan", ["3389", "22"]),
    ("vendor", "dept-lan", ["3389", "22"]),
    ("vendor", "core-srv", ["3389"]),
]
HUBS = ["identity", "emr", "ordering", "billing"]
DEPARTMENTS = [
    ("pacs", "画像管理システム(PACS)", "modality"),
    ("lis", "検体検査システム", "dept-lan"),
    ("ris", "放射線情報システム", "dept-lan"),
    ("pharmacy", "薬剤部門システム", "dept-lan"),
    ("nutrition", "栄養管理システム", "dept-lan"),
    ("surgery", "手術部門システム", "dept-lan"),
    ("dialysis", "透析管理システム", "modality"),
    ("nursing", "看護支援システム", "dept-lan"),
    ("logistics", "物品管理(SPD)システム", "office"),
    ("checkup", "健診システム", "dept-lan"),
    ("rehabilitation", "リハビリ部門システム", "dept-lan"),
    ("documents", "文書管理システム", "office"),
    ("groupware", "グループウェア", "office"),
    ("other", "部門システム", "dept-lan"),
]
HUB_NAMES = {"identity": "統合認証基盤", "emr": "電子カルテシステム", "ordering": "オーダリング", "billing": "医事会計"}
HUB_SEGMENT = "core-srv"
EQUIPMENT = {"pacs": ["CT", "MRI"], "dialysis": ["透析装置"], "lis": ["自動分析装置"], "ris": ["一般撮影装置"]}
OS = [
    ("Windows Server", "2012 R2", 0.12),
    ("Windows Server", "2016", 0.25),
    ("Windows Server", "2019", 0.28),
    ("Windows Server", "2022", 0.2),
    ("RHEL", "7", 0.05),
    ("RHEL", "8", 0.06),
    ("RHEL", "9", 0.04),
]
DEVICES = [
    ("Fortinet", "FortiGate", ["6.0.4", "6.4.9", "7.0.12", "7.2.8", "7.4.4"]),
    ("Pulse Secure", "Pulse Connect Secure", ["9.0R3.3", "9.1R11.4", "9.1R18"]),
    ("Citrix", "NetScaler ADC", ["13.0-47.24", "13.1-49.15", "14.1-12.30"]),
    ("ヤマハ", "RTX1210", ["14.01.38", "14.01.42"]),
    ("SonicWall", "SMA 210", ["10.2.0.2", "10.2.1.9"]),
]
PROTECTION = (["edr", "antivirus", "disabled", "none", "unknown"], [0.3, 0.5, 0.08, 0.05, 0.07])
VENDORS = 300


def _day(rng: random.Random, start: date, days: int) -> date:
    return start + timedelta(days=rng.randrange(days))


def _allocate(total: int, weights: list[float]) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainder), exactly."""
    scale = total / sum(weights)
    raw = [w * scale for w in weights]
    counts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (counts[i] - raw[i], i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _segments(campuses: int) -> list[dict[str, Any]]:
    segments = []
    for c in range(campuses):
        for suffix, name, zone in SEGMENTS:
            routes: list[dict[str, Any]] = [
                {"to": f"c{c:03d}-{b}", "ports": list(ports)} for a, b, ports in ROUTES if a == suffix
            ]
            if suffix == "core-srv" and c > 0:  # regional data sharing with the first campus
                routes.append({"to": "c000-core-srv", "ports": ["443", "2575"]})
            if suffix == "vendor" and c % 3 == 1:  # a vendor segment left wide open, as audits still find
                routes.append({"to": f"c{c:03d}-modality", "filtered": False})
            segments.append({"id": f"c{c:03d}-{suffix}", "name": f"{name}(第{c + 1}キャンパス)", "zone": zone})
            if routes:
                segments[-1]["routes"] = routes
    segments.append(
        {
            "id": "internet",
            "name": "インターネット",
            "zone": "internet",
            "routes": [{"to": "c000-dmz", "ports": ["443"]}],
        }
    )
    return segments


def _server(rng: random.Random, ident: str, segment: str, role: str, domain: str, shared_pw: int) -> dict[str, Any]:
    os_name, os_version, _ = rng.choices(OS, weights=[w for *_, w in OS])[0]
    bought = _day(rng, date(2017, 4, 1), 8 * 365)
    vcpu = rng.choice([2, 4, 4, 8, 8, 16, 32])
    server: dict[str, Any] = {
        "id": ident,
        "hostname": ident.upper(),
        "segment": segment,
        "role": role,
        "os_name": os_name,
        "os_version": os_version,
        "vcpu": vcpu,
        "memory_gb": vcpu * rng.choice([2, 4, 8]),
        "storage_gb": rng.choice([100, 200, 500, 1000, 2000, 8000]),
        "cpu_util_pct": rng.randint(5, 90),
        "memory_util_pct": rng.randint(20, 95),
        "physical": rng.random() < 0.2,
        "purchase_date": bought,
        "purchase_price_jpy": rng.randrange(8, 60) * 100_000,
        "refresh_due": bought.replace(year=bought.year + rng.choice([5, 6]), day=1),
        "maintenance_jpy_per_year": rng.randrange(1, 8) * 50_000,
        "power_watts": rng.randrange(150, 700, 50),
        "protection": rng.choices(*PROTECTION)[0],
        "last_patched": AS_OF - timedelta(days=rng.randint(5, 900)),
        "remote_desktop": rng.random() < 0.4,
        "backup_online": rng.random() < 0.85,
        "backup_offline": rng.random() < 0.4,
    }
    if rng.random() < 0.3:
        server["util_basis"] = "p95"
    if os_name.startswith("Windows"):
        server["domain"] = domain
    if rng.random() < 0.3:
        server["local_admin_group"] = f"pw{shared_pw}"
    if rng.random() < 0.6:
        server["backup_restore_tested"] = AS_OF - timedelta(days=rng.randint(30, 800))
    return server


def _system(rng: random.Random, index: int, campus: int, kind: str, category: str, name: str) -> dict[str, Any]:
    system: dict[str, Any] = {
        "id": f"c{campus:03d}-{kind}",
        "name": f"{name}(第{campus + 1}キャンパス)",
        "category": category,
        "vendor": f"ベンダー{rng.randrange(VENDORS):03d}株式会社",
        "servers": [],
        "criticality": 1 if kind in ("identity", "emr") else rng.choices([1, 2, 3, 4], [0.05, 0.3, 0.4, 0.25])[0],
        "rto_hours": rng.choice([4, 24, 72, None]),
        "users": rng.randrange(10, 3000),
        "data_volume_gb": rng.randrange(10, 20_000),
        "customisation": rng.choice(["none", "low", "medium", "medium", "high"]),
        "vendor_cloud": rng.choices(["none", "cloud", "saas", "unknown"], [0.5, 0.15, 0.1, 0.25])[0],
        "licence_jpy_per_year": rng.randrange(1, 40) * 100_000,
        "maintenance_jpy_per_year": rng.randrange(1, 60) * 100_000,
        "contract_end": _day(rng, date(2025, 4, 1), 6 * 365),
        "standards": sorted(rng.sample(["hl7v2", "fhir", "dicom", "ssmix2"], rng.randint(0, 2))),
    }
    if category in ("emr", "billing", "ordering", "pharmacy"):
        system["fee_revision"] = True
    if category in EQUIPMENT and rng.random() < 0.7:
        system["equipment"] = EQUIPMENT[category]
    if system["rto_hours"] is None:
        del system["rto_hours"]
    return system


def estate(sizes: Sizes, seed: int = 1) -> dict[str, Any]:
    """The estate as plain data (the shape of an inventory document)."""
    rng = random.Random(seed)
    campuses = max(1, -(-sizes.systems // CAMPUS_SYSTEMS))
    segments = _segments(campuses)

    systems: list[dict[str, Any]] = []
    for i in range(sizes.systems):
        campus, k = divmod(i, CAMPUS_SYSTEMS)
        if k < len(HUBS):
            kind = HUBS[k]
            systems.append(_system(rng, i, campus, kind, kind, HUB_NAMES[kind]))
        else:
            category, name, _ = DEPARTMENTS[(k - len(HUBS)) % len(DEPARTMENTS)]
            systems.append(_system(rng, i, campus, f"{category}-{k:02d}", category, f"{name}{k}"))
    # A SaaS groupware per campus runs on no server of ours (reached through a cloud link below).
    first_groupware = {s["id"][:4]: s for s in reversed(systems) if s["category"] == "groupware"}
    saas = sorted(first_groupware.values(), key=lambda s: s["id"]) if sizes.systems > 10 else []
    for s in saas:
        s["vendor_cloud"] = "saas"
    on_prem = [s for s in systems if s not in saas]
    weights = [6.0 if s["category"] in ("emr", "pacs") else rng.uniform(0.3, 1.7) for s in on_prem]
    counts = _allocate(sizes.servers, weights)
    servers: list[dict[str, Any]] = []
    for system, count in zip(on_prem, counts, strict=True):
        campus = int(system["id"][1:4])
        home = (
            HUB_SEGMENT
            if system["category"] in HUBS
            else next(seg for cat, _, seg in DEPARTMENTS if cat == system["category"])
        )
        for n in range(count):
            role = "database" if n == 0 else ("application" if n % 3 else "web")
            if system["category"] == "identity":
                role = "domain_controller"
            segment = f"c{campus:03d}-{'mgmt' if role == 'backup' else home}"
            ident = f"{system['id']}-{n + 1:02d}"
            servers.append(
                _server(
                    rng, ident, segment, role, f"campus{campus}.local", rng.randrange(max(1, len(servers) // 20 + 1))
                )
            )
            system["servers"].append(ident)
        if campus and system["category"] != "identity" and rng.random() < 0.25:
            system["depends_on"] = [f"c{campus:03d}-identity"]

    connections = _connections(rng, sizes, campuses, systems, saas)
    flows = _flows(rng, sizes, systems)
    beds = min(5000, max(19, round(1000 * sizes.systems / CAMPUS_SYSTEMS)))
    return {
        "hospital": {
            "id": f"synthetic-{sizes.servers}-{seed}",
            "name": f"合成病院群 {sizes.servers}台",
            "beds": beds,
            "type": "university" if beds >= 600 else "clinic" if beds < 100 else "acute",
            "prefecture": "tokyo",
            "founder": "national",
        },
        "segments": segments,
        "servers": servers,
        "systems": systems,
        "connections": connections,
        "flows": flows,
        "practices": {"security_manager": "yes", "asset_register": "yes", "backup_restore": "unknown"},
    }


def _connections(
    rng: random.Random, sizes: Sizes, campuses: int, systems: list[dict[str, Any]], saas: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    fixed: list[dict[str, Any]] = [
        {
            "id": "internet",
            "kind": "internet_gateway",
            "operator": "通信事業者",
            "lands_in": "c000-dmz",
            "mfa": True,
            "source_ip_restricted": True,
            "logs_kept": True,
            "bandwidth_mbps": 1000,
            "cost_jpy_per_year": 1_200_000,
        }
    ]
    for c in range(campuses):
        hubs = [s["id"] for s in systems[c * CAMPUS_SYSTEMS : c * CAMPUS_SYSTEMS + len(HUBS)]]
        fixed.append(
            {
                "id": f"c{c:03d}-oq",
                "kind": "online_eligibility",
                "operator": "IP-VPN事業者",
                "lands_in": f"c{c:03d}-dmz",
                "serves": hubs[-1:],
                "source_ip_restricted": True,
                "logs_kept": True,
                "closed_network": True,
                "bandwidth_mbps": 100,
                "cost_jpy_per_year": 480_000,
            }
        )
    for s in saas:
        c = s["id"][:4]
        fixed.append(
            {
                "id": f"{c}-cloud",
                "kind": "cloud_link",
                "operator": "クラウド事業者",
                "lands_in": f"{c}-office",
                "serves": [s["id"]],
                "mfa": True,
                "logs_kept": True,
                "bandwidth_mbps": 500,
                "redundant": True,
                "cost_jpy_per_year": 2_400_000,
            }
        )
    by_vendor: dict[tuple[str, str], list[str]] = {}
    for s in systems:
        if s["servers"]:
            by_vendor.setdefault((s["id"][:4], s["vendor"]), []).append(s["id"])
    chunks: list[tuple[str, list[str]]] = []
    for (campus, _), ids in by_vendor.items():
        while ids:
            size = rng.randint(1, 2)
            chunks.append((campus, ids[:size]))
            ids = ids[size:]
    rng.shuffle(chunks)
    lines = []
    for n, (campus, served) in enumerate(chunks[: max(0, sizes.connections - len(fixed))]):
        vendor, product, versions = rng.choice(DEVICES)
        lines.append(
            {
                "id": f"{campus}-line{n:05d}",
                "kind": rng.choices(["remote_maintenance", "ssl_vpn", "ipsec_vpn"], [0.5, 0.3, 0.2])[0],
                "operator": systems[0]["vendor"] if rng.random() < 0.1 else None,
                "device_vendor": vendor,
                "device_product": product,
                "device_version": rng.choice(versions),
                "firmware_updated": AS_OF - timedelta(days=rng.randint(10, 1500)),
                "lands_in": f"{campus}-vendor",
                "serves": served,
                "always_on": rng.random() < 0.7,
                "mfa": rng.random() < 0.3,
                "source_ip_restricted": rng.random() < 0.5,
                "shared_credentials": rng.random() < 0.2,
                "logs_kept": rng.random() < 0.6,
                "closed_network": rng.random() < 0.5,
                "bandwidth_mbps": rng.choice([10, 50, 100]),
                "cost_jpy_per_year": rng.randrange(1, 10) * 60_000,
            }
        )
        if lines[-1]["operator"] is None:
            del lines[-1]["operator"]
    return (fixed + lines)[: max(1, sizes.connections)]


def _flows(rng: random.Random, sizes: Sizes, systems: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Department systems to and from the hubs of their campus first, then between departments, up to the count."""
    pairs: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()

    def add(a: str, b: str, protocol: str) -> None:
        if a != b and (a, b) not in seen and len(pairs) < sizes.flows:
            seen.add((a, b))
            pairs.append((a, b, protocol))

    campuses = [systems[i : i + CAMPUS_SYSTEMS] for i in range(0, len(systems), CAMPUS_SYSTEMS)]
    for members in campuses:
        hub = {s["category"]: s["id"] for s in members if s["category"] in HUBS}
        for s in members:
            if s["category"] in HUBS:
                continue
            if "ordering" in hub:
                add(hub["ordering"], s["id"], "hl7v2")
            if "emr" in hub:
                add(s["id"], hub["emr"], rng.choice(["hl7v2", "fhir", "api"]))
            if "billing" in hub and rng.random() < 0.5:
                add(s["id"], hub["billing"], "file_share")
    for members in campuses[1:]:
        add(members[min(1, len(members) - 1)]["id"], systems[min(1, len(systems) - 1)]["id"], "fhir")
    attempts = 0
    while len(pairs) < sizes.flows and attempts < sizes.flows * 20:
        attempts += 1
        members = rng.choice(campuses)
        a, b = rng.choice(members)["id"], rng.choice(members)["id"]
        add(a, b, rng.choice(["hl7v2", "file_share", "db_link", "api", "dicom"]))
    flows = []
    for a, b, protocol in pairs:
        flow: dict[str, Any] = {"from": a, "to": b, "protocol": protocol}
        if rng.random() < 0.5:
            flow["gb_per_day"] = round(rng.uniform(0.01, 20), 2)
        # Few flows bind two systems into one move group (>= 100 Mbps, or latency-sensitive): image traffic and
        # order entry, as in the university sample; with more, a whole campus would have to move in one wave.
        if protocol == "dicom" or rng.random() < 0.1:
            flow["mbps"] = rng.choices([1, 5, 20, 100], [0.4, 0.3, 0.27, 0.03])[0]
        if rng.random() < 0.02:
            flow["latency_sensitive"] = True
        flows.append(flow)
    return flows


def write_estate(directory: Path, sizes: Sizes, seed: int = 1) -> Path:
    """Write the estate as an inventory directory, one YAML file per part, with PyYAML's C dumper."""
    directory.mkdir(parents=True, exist_ok=True)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    for part, value in estate(sizes, seed).items():
        text = yaml.dump({part: value}, Dumper=dumper, allow_unicode=True, sort_keys=False, width=120)
        (directory / f"{part}.yaml").write_text(text, encoding="utf-8")
    return directory


def generate(servers: int = 1000, seed: int = 1) -> Inventory:
    """An Inventory of about `servers` servers, the other parts in university proportion."""
    return Inventory.model_validate(estate(UNIVERSITY.times(servers / UNIVERSITY.servers), seed))


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Write a synthetic inventory directory.")
    parser.add_argument("directory", type=Path)
    parser.add_argument("--size", default="university", help=f"{', '.join(PRESETS)} or a factor of a university")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sizes = PRESETS.get(args.size) or UNIVERSITY.times(float(args.size))
    write_estate(args.directory, sizes, args.seed)
    print(f"{args.directory}: {sizes}")


if __name__ == "__main__":
    main()
