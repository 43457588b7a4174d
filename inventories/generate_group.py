"""Generate the smaller members of the sample group inba-public/ (five public hospitals of Chiba's Inba area that
share one system): sakura-general is one of them (../sakura-general); the four others are generated here into
inba-public/members/<id>/.

Deterministic: a fixed seed and no clock. tests/group/test_sample_group.py fails when the committed files are stale:
change this script and run `python inventories/generate_group.py`, never edit the YAML.

The members differ where a group's decision turns: type (acute, chronic, mixed, psychiatric), size (96-199 beds),
EMR customisation and standards, contract ends (one runs to 2031), and vendors and remote-access appliances shared
with sakura-general (one EMR vendor's Cisco ASA, one imaging vendor's FortiGate 60E on FortiOS 6.0.4).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from hismigrate.atomic import write_text
from hismigrate.load.validate import check_inventory
from hismigrate.model.inventory import Connection, Flow, Hospital, Inventory, Practices, Route, Segment, Server, System
from hismigrate.write.yaml_writer import dump_yaml, plain

SEED = 20261202
OUT = Path(__file__).resolve().parent / "inba-public" / "members"

# fmt: off
# Fictional vendors (shared with the other samples where a member buys from the same company), the appliance of
# their maintenance line and how well they keep servers patched.
VENDORS: dict[str, tuple[str, tuple[str, str, str], str]] = {
    "fugaku": ("富岳メディカルソリューションズ株式会社", ("Cisco", "ASA 5506-X", "9.16.4"), "fair"),
    "wakaba": ("わかば医療ソフト株式会社", ("ヤマハ", "RTX1210", "Rev.14.01.42"), "stale"),
    "akatsuki": ("あかつき画像システム株式会社", ("Fortinet", "FortiGate 60E", "6.0.4"), "stale"),
    "minamo": ("みなも検査システム株式会社", ("Fortinet", "FortiGate 40F", "7.2.10"), "fair"),
    "kusunoki": ("くすのき薬業システム株式会社", ("ヤマハ", "RTX1210", "Rev.14.01.42"), "fair"),
    "hanamizuki": ("株式会社はなみずきフードシステム", ("", "", ""), "good"),
    "asahi": ("あさひリハケア株式会社", ("", "", ""), "good"),
    "seseragi": ("株式会社せせらぎ透析システム", ("", "ISDNターミナルアダプタ", ""), "bad"),
    "nursecare": ("ナースケア情報株式会社", ("", "", ""), "good"),
    "boso": ("房総システムインテグレーション株式会社", ("Fortinet", "FortiGate 60F", "7.4.7"), "good"),
    "kokoro": ("こころ医療情報株式会社", ("Fortinet", "FortiGate 50E", "5.6.7"), "stale"),
}

# System kinds: name, category, criticality (acute, chronic), servers, standards, equipment, depends on, users share
KINDS: dict[str, tuple[str, str, tuple[int, int], int, str, str, str, float]] = {
    "identity": ("統合認証基盤(Active Directory)", "identity", (1, 1), 2, "", "", "", 1.0),
    "emr": ("電子カルテシステム", "emr", (1, 1), 4, "", "", "identity", 0.95),
    "ordering": ("オーダリング・部門連携システム", "ordering", (1, 1), 1, "hl7v2", "", "emr", 0.95),
    "billing": ("医事会計システム", "billing", (1, 1), 2, "", "", "identity", 0.08),
    "documents": ("文書管理・スキャンシステム", "documents", (3, 3), 1, "", "", "emr", 0.6),
    "pacs": ("医用画像管理システム(PACS)", "pacs", (1, 2), 2, "dicom hl7v2", "CT 一般撮影装置", "identity", 0.5),
    "modality": ("画像診断装置(CT・一般撮影)", "other", (2, 2), 0, "dicom", "CT 1台 一般撮影装置 2台", "", 0.0),
    "lis": ("臨床検査システム", "lis", (1, 2), 1, "hl7v2", "生化学自動分析装置", "ordering", 0.05),
    "lab-import": ("外注検査結果取込システム", "lis", (2, 2), 1, "hl7v2", "", "emr", 0.05),
    "pharmacy": ("薬剤部門システム", "pharmacy", (1, 2), 1, "hl7v2", "", "emr", 0.04),
    "nutrition": ("栄養給食管理システム", "nutrition", (3, 3), 1, "hl7v2", "", "emr", 0.03),
    "rehab": ("リハビリテーション部門システム", "rehabilitation", (3, 3), 1, "", "", "emr", 0.05),
    "dialysis": ("透析管理システム", "dialysis", (2, 2), 1, "", "透析用監視装置 12台", "emr", 0.02),
    "nursing": ("看護支援システム", "nursing", (2, 3), 1, "hl7v2", "", "emr", 0.45),
    "behaviour": ("行動制限・隔離拘束管理システム", "other", (2, 2), 1, "", "", "emr", 0.3),
    "oq": ("オンライン資格確認・電子処方箋連携", "other", (2, 2), 1, "fhir", "", "billing", 0.03),
    "regional": ("地域医療連携システム", "other", (3, 3), 1, "ssmix2 hl7v2", "", "emr", 0.03),
    "groupware": ("グループウェア", "groupware", (4, 4), 1, "", "", "identity", 1.0),
}
# fmt: on


@dataclass(frozen=True)
class Member:
    id: str
    prefix: str  # of server ids
    name: str
    beds: int
    type: str
    staff: int
    chronic: bool
    kinds: tuple[str, ...]
    vendors: dict[str, str]  # kind -> vendor key (default: fugaku for the core, the kind's usual vendor otherwise)
    emr: dict[str, Any]  # customisation, standards, vendor_cloud, contract_end of the EMR-class systems
    contracts: dict[str, date]  # other contract ends by kind
    equipment: tuple[str, ...] = ()  # kinds tied to on-site equipment beyond the defaults
    notes: str = ""


USUAL = {"pacs": "akatsuki", "modality": "akatsuki", "lis": "minamo", "lab-import": "minamo", "pharmacy": "kusunoki"}
USUAL |= {"nutrition": "hanamizuki", "rehab": "asahi", "dialysis": "seseragi", "nursing": "nursecare"}
USUAL |= {"regional": "boso", "groupware": "boso", "behaviour": "kokoro"}

# fmt: off
MEMBERS = (
    Member(
        "hanami-city", "hnm", "市立はなみ川病院", 199, "acute", 320, False,
        ("identity", "emr", "ordering", "billing", "documents", "pacs", "modality", "lis", "pharmacy", "nutrition",
         "nursing", "dialysis", "oq", "regional", "groupware"),
        {}, {"customisation": "medium", "standards": "hl7v2 ssmix2 fhir", "vendor_cloud": "cloud",
             "contract_end": date(2028, 3, 31)},
        {"pacs": date(2027, 12, 31), "lis": date(2028, 3, 31), "pharmacy": date(2027, 9, 30)},
        notes="さくら総合病院と同じ電子カルテ(富岳)。画像はあかつき画像システム(FortiGate 60E 6.0.4)",
    ),
    Member(
        "tone-town", "tne", "町立とね中央病院", 96, "chronic", 110, True,
        ("identity", "emr", "billing", "documents", "pacs", "modality", "lab-import", "pharmacy", "nutrition", "rehab",
         "oq", "regional", "groupware"),
        {"emr": "wakaba", "billing": "wakaba", "documents": "wakaba", "identity": "wakaba"},
        {"customisation": "low", "standards": "", "vendor_cloud": "none", "contract_end": date(2027, 9, 30)},
        {"pacs": date(2028, 9, 30), "pharmacy": date(2027, 3, 31)},
        notes="療養病床中心。電子カルテは標準規格に未対応(FHIR・SS-MIX2なし)",
    ),
    Member(
        "midori-union", "mdr", "組合立みどり台病院", 150, "mixed", 230, True,
        ("identity", "emr", "ordering", "billing", "documents", "pacs", "modality", "lab-import", "pharmacy",
         "nutrition", "rehab", "nursing", "oq", "regional", "groupware"),
        {}, {"customisation": "low", "standards": "hl7v2 ssmix2 fhir", "vendor_cloud": "cloud",
             "contract_end": date(2031, 3, 31)},
        {"pacs": date(2029, 3, 31), "pharmacy": date(2032, 9, 30)},
        equipment=("pharmacy",),
        notes="2024年4月に電子カルテを更新したばかり(7年契約、2031年3月まで)",
    ),
    Member(
        "inba-psychiatric", "ipc", "県立いんば精神医療センター", 180, "psychiatric", 210, True,
        ("identity", "emr", "billing", "documents", "lab-import", "pharmacy", "nutrition", "behaviour", "oq",
         "regional", "groupware"),
        {"emr": "kokoro", "billing": "kokoro", "documents": "kokoro"},
        {"customisation": "high", "standards": "hl7v2", "vendor_cloud": "none", "contract_end": date(2027, 3, 31)},
        {"pharmacy": date(2028, 3, 31)},
        notes="精神科専用の電子カルテを大幅にカスタマイズ(行動制限・措置入院の帳票)",
    ),
)
# fmt: on
CORE = ("identity", "emr", "ordering", "billing", "documents")
PART_HEADERS = {
    "hospital": "病院の基本情報: {name}({beds}床、{type}、千葉県・印旛医療圏、公立)",
    "segments": "ネットワークセグメントとファイアウォールで許可された経路",
    "servers": "サーバ台帳: OS、性能、購入・更新、保護、バックアップ(generate_group.py で生成、手で編集しない)",
    "systems": "部門システム台帳: 重要度、ベンダー、費用、契約、標準規格、依存関係(generate_group.py で生成)",
    "connections": "外部接続点: オンライン資格確認、地連、保守ベンダー回線(generate_group.py で生成)",
    "flows": "システム間連携: オーダ・結果、画像、医事とのDB連携(generate_group.py で生成)",
    "practices": "厚生労働省サイバーセキュリティ対策チェックリストへの回答(令和6年度版・令和7年度案)",
}
TYPE_JA = {"acute": "急性期", "chronic": "療養", "mixed": "ケアミックス", "psychiatric": "精神科"}


def vendor_of(member: Member, kind: str) -> str:
    return member.vendors.get(kind) or ("fugaku" if kind in CORE else USUAL.get(kind, "boso"))


def segments() -> list[Segment]:
    def r(to: str, *ports: str) -> Route:
        return Route(to=to, filtered=bool(ports), ports=list(ports))

    return [
        Segment(id="emr-lan", name="電子カルテ系LAN", zone="clinical", routes=[r("device-lan", "104", "2575")]),
        Segment(id="device-lan", name="医療機器LAN", zone="medical_device", routes=[r("emr-lan", "104", "2575")]),
        Segment(
            id="office-lan", name="事務系LAN", zone="office", routes=[r("internet", "80", "443"), r("emr-lan", "445")]
        ),
        Segment(id="oq-seg", name="オンライン資格確認セグメント", zone="dmz", routes=[r("emr-lan", "443")]),
        # 導入時に保守会社の要望で全通信許可のまま
        Segment(id="vendor-seg", name="保守回線収容セグメント", zone="vendor", routes=[r("emr-lan")]),
        Segment(id="internet", name="インターネット", zone="internet"),
    ]


def _os(rng: random.Random, year: int) -> tuple[str, str]:
    if year <= 2016:
        return rng.choice([("Windows Server", "2008 R2"), ("Windows Server", "2012 R2"), ("CentOS", "6")])
    if year <= 2020:
        return rng.choice([("Windows Server", "2016"), ("Windows Server", "2012 R2"), ("CentOS", "7")])
    return rng.choice([("Windows Server", "2019"), ("Windows Server", "2022"), ("RHEL", "8")])


def servers_for(rng: random.Random, member: Member, kind: str, count: int, bought: int) -> list[Server]:
    care = VENDORS[vendor_of(member, kind)][2]
    out = []
    for i in range(count):
        year = bought if i < 2 else min(2025, bought + 2)
        os_name, os_version = _os(rng, year)
        physical = count == 1 and rng.random() < 0.6
        price = rng.randrange(6, 40) * 100_000
        patched = {
            "good": date(2026, 10, rng.randint(1, 28)),
            "fair": date(2025, rng.randint(1, 12), 15),
            "stale": date(rng.randint(2021, 2023), rng.randint(1, 12), 10),
            "bad": date(rng.randint(2018, 2020), rng.randint(1, 12), 10),
        }[care]
        role = "domain_controller" if kind == "identity" else ("application", "database", "web", "interface")[i % 4]
        critical = kind in ("emr", "billing", "identity")
        out.append(
            Server(
                id=f"{member.prefix}-{kind}{i + 1:02d}",
                hostname=f"{member.prefix}-{kind}{i + 1:02d}".upper(),
                segment="emr-lan" if kind != "groupware" else "office-lan",
                role=role,
                os_name=os_name,
                os_version=os_version,
                vcpu=rng.choice([2, 4, 4, 8]),
                memory_gb=rng.choice([8, 16, 32]),
                storage_gb=rng.choice([200, 500, 1000, 2000]),
                cpu_util_pct=rng.randint(5, 70),
                memory_util_pct=rng.randint(30, 90),
                physical=physical,
                domain=f"{member.prefix}.local" if os_name.startswith("Windows") else None,
                purchase_date=date(year, rng.choice([3, 4, 10]), 1),
                purchase_price_jpy=price,
                refresh_due=date(year + 5, 3, 31),
                maintenance_jpy_per_year=round(price * 0.1, -4),
                power_watts=rng.randint(180, 450) if physical else None,
                protection={"good": "edr", "fair": "antivirus", "stale": "antivirus", "bad": "none"}[care],
                last_patched=patched,
                local_admin_group=f"{member.prefix}-local" if care in ("stale", "bad") else None,
                remote_desktop=os_name.startswith("Windows"),
                backup_online=True,
                backup_offline=critical,
                backup_restore_tested=date(2025, rng.randint(1, 12), 1) if critical else None,
            )
        )
    return out


def build(member: Member) -> Inventory:
    rng = random.Random(f"{SEED}-{member.id}")
    servers: list[Server] = []
    systems: list[System] = []
    emr_year = member.emr["contract_end"].year - 7
    for kind in member.kinds:
        name, category, crit, count, stds, equipment, deps, users = KINDS[kind]
        vendor = vendor_of(member, kind)
        emr_class = kind in ("emr", "ordering", "billing", "documents")
        count = count + (1 if kind == "emr" and member.beds >= 150 else 0)
        own = servers_for(rng, member, kind, count, emr_year if kind in CORE else rng.randint(2016, 2022))
        servers += own
        if kind == "pharmacy" and kind in member.equipment:
            equipment = "散薬監査システム 錠剤分包機"
        customisation = member.emr["customisation"] if emr_class else rng.choice(["none", "low", "low", "medium"])
        standards = member.emr["standards"] if kind == "emr" else stds
        contract = member.emr["contract_end"] if kind in CORE else member.contracts.get(kind)
        if contract is None and kind not in ("modality", "groupware"):
            contract = date(rng.randint(2026, 2029), 3, 31)
        maintenance = {"emr": member.beds * 110_000, "billing": member.beds * 25_000}.get(
            kind, count * rng.randrange(3, 10) * 100_000
        )
        systems.append(
            System(
                id=kind,
                name=name,
                category=category,
                vendor=VENDORS[vendor][0] if kind != "modality" else "複数メーカー",
                servers=[s.id for s in own],
                criticality=crit[1] if member.chronic else crit[0],
                rto_hours=4 if crit[0] == 1 else 24,
                users=round(member.staff * users) or None,
                data_volume_gb=rng.randint(50, 400) * max(count, 1) * (8 if kind == "pacs" else 1),
                customisation="none" if kind == "modality" else customisation,
                fee_revision=category in ("emr", "billing", "ordering", "pharmacy", "nutrition", "rehabilitation"),
                standards=standards.split(),
                vendor_cloud=member.emr["vendor_cloud"] if emr_class else rng.choice(["none", "cloud", "saas"]),
                equipment=equipment.split(),
                depends_on=[d for d in deps.split() if d in member.kinds],
                maintenance_jpy_per_year=None if kind == "modality" else maintenance,
                contract_end=contract,
            )
        )
    inventory = Inventory(
        hospital=Hospital(
            id=member.id,
            name=member.name,
            beds=member.beds,
            type=member.type,
            prefecture="千葉県",
            founder="public",
            medical_area="印旛",
        ),
        segments=segments(),
        servers=servers,
        systems=systems,
        connections=connections(rng, member, systems),
        flows=flows(member),
        practices=practices(rng),
    )
    return check_inventory(inventory, "generate_group.py")


def connections(rng: random.Random, member: Member, systems: list[System]) -> list[Connection]:
    out = [
        Connection(
            id="oq-line",
            kind="online_eligibility",
            operator="房総テレコム株式会社(IP-VPN)",
            device_vendor="ヤマハ",
            device_product="RTX1220",
            device_version="Rev.15.04.06",
            lands_in="oq-seg",
            serves=["oq", "billing"],
            source_ip_restricted=True,
            logs_kept=True,
            closed_network=True,
        ),
        Connection(
            id="chiren",
            kind="regional_network",
            operator="いんば医療ネット協議会",
            device_vendor="Cisco",
            device_product="ISR 1100",
            device_version="IOS XE 17.9.4a",
            lands_in="oq-seg",
            serves=["regional"],
            mfa=True,
            source_ip_restricted=True,
            logs_kept=True,
        ),
        Connection(
            id="inet",
            kind="internet_gateway",
            operator="房総テレコム株式会社(光回線)",
            lands_in="office-lan",
            serves=["groupware"],
            logs_kept=True,
        ),
    ]
    served: dict[str, list[str]] = {}
    for system in systems:
        if system.servers:
            served.setdefault(vendor_of(member, system.id), []).append(system.id)
    for vendor, serves in sorted(served.items()):
        maker, product, version = VENDORS[vendor][1]
        if not product:
            continue
        old = bool(re.match(r"^(6\.0\.[0-4]|5\.[46]\.)", version)) or VENDORS[vendor][2] in ("stale", "bad")
        dialup = product.startswith("ISDN")
        out.append(
            Connection(
                id=f"rm-{vendor}",
                kind="dialup" if dialup else "remote_maintenance",
                operator=VENDORS[vendor][0],
                device_vendor=maker or None,
                device_product=product,
                device_version=version or None,
                lands_in="emr-lan" if dialup else "vendor-seg",
                serves=sorted(serves),
                always_on=not dialup,
                mfa=not old,
                source_ip_restricted=not old,
                shared_credentials=old and rng.random() < 0.6,
                firmware_updated=None if dialup else date(2019 if old else 2025, rng.randint(1, 12), 1),
                logs_kept=not old,
            )
        )
    return out


def flows(member: Member) -> list[Flow]:
    def f(src: str, dst: str, protocol: str, gb: float, wait: bool = False, mbps: float | None = None) -> Flow:
        return Flow(source=src, target=dst, protocol=protocol, gb_per_day=gb, mbps=mbps, latency_sensitive=wait)

    hub = "ordering" if "ordering" in member.kinds else "emr"
    out = [f("emr", "billing", "db_link", 2, True), f("billing", "emr", "db_link", 1, True)]
    if hub == "ordering":
        out.append(f("emr", "ordering", "db_link", 1, True))
    for target in ("lis", "lab-import", "pharmacy", "nutrition", "rehab", "dialysis"):
        if target in member.kinds:
            out.append(f(hub, target, "hl7v2", 0.2, target != "nutrition"))
    if "pacs" in member.kinds:
        out += [f("modality", "pacs", "dicom", 6, True, 60), f("pacs", "emr", "api", 0.5, True)]
    out += [f("emr", "regional", "hl7v2", 0.5), f("oq", "billing", "file_share", 0.05, True)]
    out.append(f("documents", "emr", "api", 2))
    return out


def practices(rng: random.Random) -> Practices:
    answers = ("yes", "no", "unknown")
    return Practices(**{name: rng.choice(answers) for name in Practices.model_fields})


def render() -> dict[str, str]:
    """`<member id>/<part>.yaml` -> YAML text of every generated member."""
    out = {}
    for member in MEMBERS:
        dumped = plain(build(member).model_dump(mode="json", by_alias=True, exclude_defaults=True))
        for part, header in PART_HEADERS.items():
            text = header.format(name=member.name, beds=member.beds, type=TYPE_JA[member.type])
            if part == "hospital" and member.notes:
                text += f"。{member.notes}"
            out[f"{member.id}/{part}.yaml"] = dump_yaml({part: dumped[part]}, text)
    return out


def main() -> None:
    for name, text in render().items():
        write_text(OUT / name, text)


if __name__ == "__main__":
    main()
