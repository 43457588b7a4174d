"""Generate the minato-university sample (an 800-bed national university hospital) into minato-university/.

Deterministic: a fixed seed and no clock, so the committed output is reproducible and checked by
tests/test_samples.py. Run `python inventories/generate_university.py` after changing this script.
"""

from __future__ import annotations

import random
import re
from datetime import date
from pathlib import Path
from typing import Any

from hismigrate.atomic import write_text
from hismigrate.load.validate import check_inventory
from hismigrate.model.inventory import (
    Connection,
    Flow,
    Hospital,
    Inventory,
    Practices,
    Route,
    Segment,
    Server,
    System,
)
from hismigrate.write.yaml_writer import dump_yaml

SEED = 20261201
OUT = Path(__file__).resolve().parent / "minato-university"
DOMAIN = "minato-hosp.local"

# fmt: off
# Fictional vendors: (id used in ids, name, how well it keeps its servers patched: good / fair / stale / bad)
VENDORS = {
    "kaimei": ("海鳴メディカルシステムズ株式会社", "good"),
    "akatsuki": ("あかつき画像システム株式会社", "stale"),
    "minamo": ("みなも検査システム株式会社", "fair"),
    "hinode": ("株式会社ひので病理ソリューション", "stale"),
    "hokuto": ("北斗メディカルエレクトロニクス株式会社", "stale"),
    "kusunoki": ("くすのき薬業システム株式会社", "fair"),
    "hanamizuki": ("株式会社はなみずきフードシステム", "stale"),
    "opeline": ("株式会社オペラインシステムズ", "fair"),
    "seseragi": ("株式会社せせらぎ透析システム", "bad"),
    "nursecare": ("ナースケア情報株式会社", "good"),
    "aoba": ("青葉光学メディカル株式会社", "stale"),
    "asahi": ("あさひリハケア株式会社", "good"),
    "kenshin": ("けんしんネット株式会社", "fair"),
    "logimedi": ("株式会社ロジメディ", "bad"),
    "tsunagu": ("株式会社つなぐヘルスネット", "good"),
    "shinonome": ("東雲ラジオロジー株式会社", "fair"),
    "wakaba": ("わかば医療ソフト株式会社", "bad"),
    "kirameki": ("株式会社きらめきデータ", "fair"),
    "umihotaru": ("うみほたる情報システム株式会社", "stale"),
    "keiyo": ("京葉インテグレーション株式会社", "good"),
}

# Server roles of infrastructure systems, in turn (others cycle application, database, web, ...)
ROLES = {
    "identity": ["domain_controller"],
    "vdi": ["hypervisor", "terminal_server", "terminal_server", "terminal_server"],
    "ops": ["hypervisor", "hypervisor", "backup", "monitoring", "application", "remote_access", "storage", "backup"],
}

# Servers that stand in for one another, by (system, role): "all" in one group (a farm, a DC set, a hypervisor
# cluster), "pairs" in active/standby pairs in the order generated. Every other server is single.
REDUNDANCY = {
    ("identity", "domain_controller"): "all",
    ("emr", "application"): "all",
    ("emr", "web"): "all",
    ("emr", "database"): "pairs",
    ("emr", "interface"): "pairs",
    ("billing", "application"): "all",
    ("vdi", "hypervisor"): "all",
    ("vdi", "terminal_server"): "all",
    ("ops", "hypervisor"): "all",
}

# Named systems: id, name, category, vendor, criticality, servers, standards, vendor cloud, equipment, depends on
CORE_SYSTEMS: list[tuple[str, str, str, str, int, int, str, str, str, str]] = [
    ("identity", "統合認証基盤(Active Directory・シングルサインオン)", "identity", "kaimei", 1, 4, "", "none", "", ""),
    ("emr", "電子カルテシステム", "emr", "kaimei", 1, 36, "hl7v2 fhir ssmix2", "cloud", "", "identity"),
    ("ordering", "オーダエントリ・部門連携システム", "ordering", "kaimei", 1, 4, "hl7v2", "cloud", "", "emr"),
    ("billing", "医事会計システム", "billing", "kaimei", 1, 6, "", "cloud", "", "identity"),
    ("vdi", "仮想デスクトップ基盤(電子カルテ端末)", "other", "kaimei", 2, 48, "", "cloud", "", "identity"),
    ("dpc", "DPC・原価計算システム", "other", "kirameki", 3, 2, "", "saas", "", "billing"),
    ("documents", "文書管理・スキャンシステム", "documents", "kaimei", 3, 4, "", "cloud", "", "emr"),
    ("dwh", "診療データウェアハウス(DWH)", "other", "kirameki", 3, 4, "ssmix2", "none", "", "emr"),
    ("pacs", "医用画像管理システム(PACS)", "pacs", "akatsuki", 1, 16, "dicom hl7v2", "cloud", "CT MRI 血管撮影装置", "identity"),
    ("ris", "放射線情報システム(RIS)", "ris", "akatsuki", 2, 3, "hl7v2 dicom", "none", "CT MRI 一般撮影装置", "ordering"),
    ("modality", "画像診断装置群(CT・MRI・PET-CT・血管撮影・CR)", "other", "shinonome", 2, 0, "dicom", "none", "CT 4台 MRI 3台 PET-CT 血管撮影装置 3台 CR読取装置 6台", ""),
    ("rt", "放射線治療部門システム", "ris", "shinonome", 2, 4, "dicom hl7v2", "none", "リニアック 2台 治療計画装置", "ordering"),
    ("nm", "核医学部門システム", "ris", "shinonome", 3, 2, "dicom", "none", "SPECT装置 PET-CT", "ris"),
    ("report", "画像診断レポートシステム", "ris", "akatsuki", 2, 3, "hl7v2", "cloud", "", "pacs"),
    ("lis", "臨床検査システム(検体検査)", "lis", "minamo", 1, 5, "hl7v2", "none", "生化学自動分析装置 4台 免疫分析装置 3台 検体搬送システム", "ordering"),
    ("bacteria", "細菌検査システム", "lis", "minamo", 2, 2, "hl7v2", "none", "同定感受性分析装置 血液培養装置", "lis"),
    ("transfusion", "輸血管理システム", "lis", "minamo", 1, 2, "hl7v2", "none", "全自動輸血検査装置", "ordering"),
    ("pathology", "病理検査システム", "lis", "hinode", 2, 4, "hl7v2 dicom", "cloud", "バーチャルスライドスキャナ 2台", "ordering"),
    ("physio", "生理検査システム(心電図・超音波)", "lis", "hokuto", 2, 3, "hl7v2 dicom", "none", "心電計 30台 超音波診断装置", "ordering"),
    ("genome", "がんゲノム医療支援システム", "other", "kirameki", 3, 3, "fhir", "saas", "次世代シーケンサ", "emr"),
    ("pharmacy", "薬剤部門システム(調剤支援)", "pharmacy", "kusunoki", 1, 3, "hl7v2", "none", "散薬監査システム 錠剤分包機 4台", "ordering"),
    ("injection", "注射薬払出システム", "pharmacy", "kusunoki", 2, 2, "hl7v2", "none", "アンプルピッカー 2台", "pharmacy"),
    ("chemo", "抗がん剤調製・レジメン管理システム", "pharmacy", "kusunoki", 2, 2, "hl7v2", "none", "安全キャビネット調製支援装置", "pharmacy"),
    ("trial", "治験管理システム", "other", "kirameki", 3, 2, "", "saas", "", "emr"),
    ("nutrition", "栄養給食管理システム", "nutrition", "hanamizuki", 3, 2, "hl7v2", "saas", "", "ordering"),
    ("surgery", "手術部門システム", "surgery", "opeline", 2, 3, "hl7v2", "none", "", "emr"),
    ("anesthesia", "麻酔記録システム", "surgery", "hokuto", 2, 2, "hl7v2", "none", "麻酔器 22台 生体情報モニタ 22台", "surgery"),
    ("icu", "重症系部門システム(ICU・CCU・HCU)", "nursing", "hokuto", 1, 4, "hl7v2", "none", "生体情報モニタ 60床分 人工呼吸器", "emr"),
    ("nicu", "周産期・NICU部門システム", "nursing", "hokuto", 1, 2, "hl7v2", "none", "分娩監視装置 保育器モニタ", "emr"),
    ("er", "救命救急部門システム", "other", "hokuto", 2, 2, "hl7v2", "none", "", "emr"),
    ("dialysis", "透析管理システム", "dialysis", "seseragi", 2, 1, "", "none", "透析用監視装置 30台", "emr"),
    ("nursing", "看護支援システム", "nursing", "nursecare", 2, 2, "hl7v2", "saas", "", "emr"),
    ("shift", "看護勤務管理システム", "nursing", "nursecare", 3, 1, "", "saas", "", "identity"),
    ("endoscopy", "内視鏡部門システム", "other", "aoba", 2, 3, "dicom hl7v2", "none", "内視鏡ビデオシステム 12式", "ordering"),
    ("rehab", "リハビリテーション部門システム", "rehabilitation", "asahi", 3, 1, "", "saas", "", "ordering"),
    ("checkup", "健診・人間ドックシステム", "checkup", "kenshin", 3, 2, "", "saas", "", "lis"),
    ("logistics", "物流管理システム(SPD)", "logistics", "logimedi", 3, 2, "", "saas", "", ""),
    ("sterile", "滅菌物管理システム", "logistics", "logimedi", 3, 1, "", "none", "洗浄滅菌装置", ""),
    ("bed", "病床管理システム", "other", "kaimei", 2, 1, "", "cloud", "", "emr"),
    ("infection", "感染管理システム", "other", "wakaba", 3, 1, "", "saas", "", "bacteria"),
    ("incident", "インシデント報告システム", "other", "wakaba", 4, 1, "", "saas", "", "identity"),
    ("cancer-registry", "院内がん登録システム", "other", "wakaba", 4, 1, "", "none", "", ""),
    ("regional", "地域医療連携システム", "other", "tsunagu", 3, 2, "ssmix2 fhir hl7v2", "cloud", "", "emr"),
    ("oq", "オンライン資格確認・電子処方箋連携", "other", "kaimei", 2, 3, "fhir", "none", "", "billing"),
    ("groupware", "グループウェア・メール(SaaS)", "groupware", "keiyo", 4, 0, "", "saas", "", ""),
    ("file", "事務系ファイルサーバー", "documents", "keiyo", 4, 3, "", "none", "", "identity"),
    ("research", "臨床研究データ基盤", "other", "kirameki", 4, 6, "", "none", "", "dwh"),
    ("ops", "運用管理基盤(バックアップ・監視・パッチ配信・踏み台)", "other", "keiyo", 2, 24, "", "none", "", "identity"),
]
DEPARTMENTS = [
    "眼科", "皮膚科", "耳鼻咽喉科", "形成外科", "整形外科", "歯科口腔外科", "産婦人科", "泌尿器科", "脳神経外科", "循環器内科",
    "消化器内科", "呼吸器内科", "腎臓内科", "脳神経内科", "小児科", "精神科", "心臓血管外科", "呼吸器外科", "乳腺外科", "血液内科",
    "糖尿病内分泌内科", "リウマチ膠原病内科", "放射線診断科", "救急科", "総合診療科", "腫瘍内科", "麻酔科", "病理診断科", "臨床遺伝科", "感染症内科",
]
DEPT_VENDORS = ["umihotaru", "wakaba", "aoba", "shinonome", "hokuto"]
PART_HEADERS = {
    "hospital": "病院の基本情報: みなと大学医学部附属病院(800床、特定機能病院、国立大学法人)",
    "segments": "ネットワークセグメントとファイアウォールで許可された経路",
    "servers": "サーバー台帳: OS、性能、購入・更新、保護、バックアップ(generate_university.py で生成、手で編集しない)",
    "systems": "部門システム台帳: 重要度、ベンダー、費用、契約、標準規格、依存関係(generate_university.py で生成)",
    "connections": "外部接続点: オンライン資格確認、地連、保守ベンダー回線、クラウド接続(generate_university.py で生成)",
    "flows": "システム間連携: HL7 v2オーダ・結果、DICOM画像、医事とのDB連携(generate_university.py で生成)",
    "practices": "厚生労働省サイバーセキュリティ対策チェックリストへの回答(令和6年度版・令和7年度案)",
}
# fmt: on


def segments() -> list[Segment]:
    def r(to: str, *ports: str) -> Route:
        return Route(to=to, filtered=bool(ports), ports=list(ports))

    return [
        Segment(
            id="core-srv",
            name="電子カルテ系サーバーセグメント",
            zone="clinical",
            routes=[r("dept-lan", "2575", "1433", "443"), r("mgmt-lan", "514", "8530")],
        ),
        Segment(
            id="emr-client",
            name="電子カルテ端末LAN",
            zone="clinical",
            routes=[r("core-srv", "443", "3389", "445", "88", "389"), r("dept-lan", "443", "104")],
            notes="端末約2,400台",
        ),
        Segment(
            id="dept-lan",
            name="部門システムLAN(中央診療棟)",
            zone="clinical",
            routes=[r("core-srv", "2575", "443", "1521"), r("modality-lan", "104", "2575")],
        ),
        Segment(
            id="ward-dept-lan",
            name="部門システムLAN(病棟・診療科)",
            zone="clinical",
            # 診療科ごとに導入した機器が増え続け、2016年から全許可のまま
            routes=[r("core-srv"), r("dept-lan")],
            notes="診療科ファイリング等。VLAN分割なし",
        ),
        Segment(id="modality-lan", name="医療機器LAN", zone="medical_device", routes=[r("dept-lan", "104", "2575")]),
        Segment(
            id="research-lan",
            name="研究用LAN(医学部)",
            zone="office",
            routes=[r("internet", "80", "443"), r("core-srv", "1521")],
            notes="DWHからの匿名化データ抽出",
        ),
        Segment(
            id="office-lan",
            name="情報系LAN",
            zone="office",
            routes=[r("internet", "80", "443"), r("dmz", "25", "53", "8080")],
        ),
        Segment(
            id="mgmt-lan",
            name="運用管理セグメント",
            zone="management",
            routes=[r("core-srv"), r("dept-lan"), r("ward-dept-lan")],
        ),
        Segment(id="dmz", name="DMZ", zone="dmz", routes=[r("internet", "25", "53", "443"), r("core-srv", "443")]),
        Segment(
            id="oq-seg", name="オンライン資格確認・電子処方箋セグメント", zone="dmz", routes=[r("core-srv", "443")]
        ),
        Segment(
            id="vendor-seg",
            name="保守回線収容セグメント",
            zone="vendor",
            routes=[r("core-srv", "3389", "22"), r("dept-lan", "3389", "22", "5900"), r("ward-dept-lan")],
        ),
        Segment(id="internet", name="インターネット", zone="internet"),
    ]


def os_for(year: int, rng: random.Random, linux: bool) -> tuple[str, str]:
    """An OS that a server bought in `year` plausibly still runs (vendors rarely upgrade in place)."""
    ws, rhel, centos = "Windows Server", "RHEL", "CentOS"
    table = (
        {
            2015: [(centos, "6")],
            2017: [(centos, "6"), (centos, "7")],
            2019: [(centos, "7"), (rhel, "7")],
            2021: [(rhel, "7"), (rhel, "8")],
            2023: [(rhel, "8"), (rhel, "9")],
            2026: [(rhel, "9")],
        }
        if linux
        else {
            2015: [(ws, "2008 R2"), (ws, "2012 R2")],
            2017: [(ws, "2012 R2"), (ws, "2016")],
            2019: [(ws, "2016")],
            2021: [(ws, "2016"), (ws, "2019")],
            2023: [(ws, "2019"), (ws, "2022")],
            2026: [(ws, "2022")],
        }
    )
    return rng.choice(table[next(y for y in sorted(table) if year <= y)])


def make_servers(
    rng: random.Random, sys_id: str, count: int, vendor: str, segment: str, critical: bool, first_year: int
) -> list[Server]:
    care = VENDORS[vendor][1]
    out = []
    roles = ROLES.get(sys_id, ["application", "database", "web", "interface", "storage", "application"])
    seen: dict[str, int] = {}  # servers of each role so far
    for i in range(count):
        year = min(2025, first_year + (i % 3 == 2) * rng.choice([0, 2, 4]))
        purchase = date(year, rng.choice([1, 3, 4, 7, 10, 12]), 1)
        physical = segment != "core-srv" and rng.random() < 0.55
        role = roles[i % len(roles)] if count > 1 else "application"
        nth = seen[role] = seen.get(role, -1) + 1
        grouping = REDUNDANCY.get((sys_id, role))
        group = (
            None
            if grouping is None
            else f"{sys_id}-{role.replace('_', '-')}" + (f"-{nth // 2 + 1}" if grouping == "pairs" else "")
        )
        windows_only = role in ("domain_controller", "terminal_server")
        os_name, os_version = os_for(year, rng, linux=role == "storage" or (not windows_only and rng.random() < 0.18))
        if role == "hypervisor":
            os_name, os_version, physical = "VMware ESXi", "7.0 U3" if year >= 2020 else "6.7", True
        patched = {
            "good": date(2026, 10, rng.randint(1, 28)),
            "fair": date(2025, rng.randint(1, 12), 15),
            "stale": date(rng.randint(2021, 2023), rng.randint(1, 12), 10),
            "bad": date(rng.randint(2017, 2020), rng.randint(1, 12), 10),
        }[care]
        protection = {"good": "edr", "fair": "antivirus", "stale": "antivirus", "bad": "none"}[care]
        if care == "stale" and rng.random() < 0.15:
            protection = "disabled"
        price = rng.randrange(8, 60) * 100_000 if physical else None
        vcpu = rng.choice([2, 4, 4, 8, 8, 16, 32 if critical else 8])
        windows = os_name.startswith("Windows")
        online = critical or rng.random() < 0.6
        offline = critical and sys_id in ("emr", "billing", "pacs", "lis", "identity")
        out.append(
            Server(
                id=f"mnt-{sys_id}-{i + 1:02d}",
                hostname=f"MNT-{sys_id.upper().replace('-', '')}{i + 1:02d}",
                segment=segment,
                role=role,
                os_name=os_name,
                os_version=os_version,
                vcpu=vcpu,
                memory_gb=vcpu * rng.choice([4, 8]),
                storage_gb=rng.choice([200, 500, 1000, 2000]) * (20 if role == "storage" else 1),
                cpu_util_pct=rng.randint(5, 75),
                memory_util_pct=rng.randint(25, 92),
                util_basis=rng.choice(["peak", "peak", "p95"]),
                physical=physical,
                domain=DOMAIN if windows and segment == "core-srv" else None,
                purchase_date=purchase,
                purchase_price_jpy=price,
                refresh_due=date(year + rng.choice([5, 6, 7]), purchase.month, 1),
                maintenance_jpy_per_year=round(price * rng.choice([0.10, 0.11, 0.12, 0.13]), -4) if price else None,
                power_watts=rng.randint(150, 650) if physical else None,
                protection=protection,
                last_patched=patched,
                local_admin_group=f"{vendor}-local" if care in ("stale", "bad") else None,
                remote_desktop=windows and segment != "core-srv",
                backup_online=online,
                backup_offline=offline,
                backup_restore_tested=date(2025, rng.randint(1, 12), 1) if offline else None,
                redundancy_group=group,
            )
        )
    return out


def build() -> Inventory:
    rng = random.Random(SEED)
    servers: list[Server] = []
    systems: list[System] = []
    for sid, name, cat, vendor, crit, count, stds, cloud, equipment, deps in CORE_SYSTEMS:
        segment = "core-srv" if vendor == "kaimei" or cat in ("identity",) else "dept-lan"
        segment = "mgmt-lan" if sid == "ops" else "research-lan" if sid == "research" else segment
        segment = (
            "oq-seg" if sid == "oq" else "dmz" if sid == "regional" else "office-lan" if sid == "file" else segment
        )
        first_year = 2021 if vendor == "kaimei" else rng.randint(2015, 2023)
        own = make_servers(rng, sid, count, vendor, segment, crit <= 2, first_year)
        servers += own
        systems.append(_system(rng, sid, name, cat, vendor, crit, own, stds, cloud, equipment, deps))
    for n, dept in enumerate(DEPARTMENTS):
        vendor = DEPT_VENDORS[n % len(DEPT_VENDORS)]
        for kind, label, crit, cat in (
            ("img", "画像ファイリング", 3, "other"),
            ("db", "診療科データベース", 4, "other"),
        ):
            sid = f"dept{n + 1:02d}-{kind}"
            own = make_servers(
                rng, sid, rng.choice([1, 2, 2, 3, 4]), vendor, "ward-dept-lan", False, rng.randint(2015, 2024)
            )
            servers += own
            systems.append(
                _system(
                    rng,
                    sid,
                    f"{dept}{label}",
                    cat,
                    vendor,
                    crit,
                    own,
                    "dicom" if kind == "img" else "",
                    "none",
                    "",
                    "identity emr",
                )
            )
    inventory = Inventory(
        hospital=Hospital(
            id="minato-university",
            name="国立大学法人みなと大学医学部附属病院",
            beds=800,
            type="university",
            prefecture="東京都",
            founder="national",
            medical_area="区中央部",
        ),
        segments=segments(),
        servers=servers,
        systems=systems,
        connections=connections(rng, systems),
        flows=flows(systems),
        practices=practices(),
    )
    return check_inventory(inventory, "generate_university.py")


# Systems every member of staff logs on to
WIDE_USERS = {"identity": 3200, "emr": 2600, "ordering": 2600, "vdi": 2400, "groupware": 3000, "nursing": 1100}


def _system(
    rng: random.Random,
    sid: str,
    name: str,
    cat: str,
    vendor: str,
    crit: int,
    own: list[Server],
    stds: str,
    cloud: str,
    equipment: str,
    deps: str,
) -> System:
    size = max(len(own), 1)
    maintenance = {"emr": 95_000_000, "billing": 18_000_000}.get(sid, size * rng.randrange(4, 16) * 100_000)
    note = "2021年1月稼働。導入費8億円(1床あたり約100万円)。保守は導入費の約12%" if sid == "emr" else None
    if sid == "groupware":
        note = "2024年にオンプレミスからSaaSへ移行済み(閉域接続)"
    return System(
        id=sid,
        name=name,
        category=cat,
        vendor=VENDORS[vendor][0],
        servers=[s.id for s in own],
        criticality=crit,
        rto_hours={1: 4, 2: 12, 3: 48, 4: 168}[crit],
        users=WIDE_USERS.get(sid, rng.randint(5, 60) * size),
        data_volume_gb=rng.randint(20, 4000) * size,
        customisation=rng.choice(["low", "low", "medium", "high"]),
        fee_revision=cat in ("emr", "billing", "ordering", "pharmacy", "nutrition", "rehabilitation", "dialysis"),
        standards=stds.split(),
        vendor_cloud=cloud,
        equipment=equipment.split(),
        depends_on=deps.split(),
        licence_jpy_per_year=rng.randrange(0, 30) * 100_000 or None,
        maintenance_jpy_per_year=maintenance,
        contract_end=date(rng.randint(2025, 2030), *rng.choice([(3, 31), (9, 30), (12, 31)]))
        if rng.random() < 0.9
        else None,
        strategy="repurchase" if sid == "groupware" else None,
        notes=note,
    )


# fmt: off
# Remote-access devices of the vendor lines, some at versions in CISA KEV (e.g. FortiOS 6.0.4: CVE-2018-13379)
DEVICES = [
    ("Fortinet", "FortiGate 60E", "6.0.4"),
    ("Fortinet", "FortiGate 60F", "7.2.11"),
    ("ヤマハ", "RTX1210", "Rev.14.01.42"),
    ("SonicWall", "SMA 210", "10.2.0.8-37sv"),
    ("Fortinet", "FortiGate 40F", "5.6.7"),
    ("Citrix", "NetScaler ADC", "13.0-47.22"),
    ("Fortinet", "FortiGate 100F", "7.4.8"),
    ("", "ISDNターミナルアダプタ", ""),
    ("ヤマハ", "RTX1220", "Rev.15.04.06"),
    ("Ivanti", "Connect Secure", "22.7R2.4"),
    ("Pulse Secure", "Pulse Connect Secure", "9.0R3.1"),
    ("Fortinet", "FortiGate 60E", "5.4.11"),
    ("NEC", "UNIVERGE IX2215", "10.8.21"),
    ("Citrix", "NetScaler ADC", "14.1-29.72"),
]
_OLD = re.compile(r"^(6\.0\.[0-4]|5\.[46]\.|13\.0-|9\.0R|10\.2\.0)")
# fmt: on


# fmt: off
# The hospital's own lines; one cloud link already (groupware moved to a SaaS in 2024)
FIXED_CONNECTIONS: list[dict[str, Any]] = [
    {"id": "oq-line", "kind": "online_eligibility", "operator": "港湾テレコム株式会社(IP-VPN)", "device_vendor": "ヤマハ",
     "device_product": "RTX1220", "device_version": "Rev.15.04.06", "lands_in": "oq-seg", "serves": ["oq", "billing"],
     "source_ip_restricted": True, "firmware_updated": date(2025, 8, 1), "logs_kept": True, "closed_network": True,
     "bandwidth_mbps": 200, "redundant": True, "cost_jpy_per_year": 480000},
    {"id": "e-rx", "kind": "e_prescription", "operator": "港湾テレコム株式会社(IP-VPN)", "lands_in": "oq-seg",
     "serves": ["oq", "pharmacy"], "source_ip_restricted": True, "logs_kept": True, "closed_network": True},
    {"id": "chiren", "kind": "regional_network", "operator": "みなと医療連携ネット協議会", "device_vendor": "Cisco",
     "device_product": "ISR 1100", "device_version": "IOS XE 17.9.5", "lands_in": "dmz", "serves": ["regional"],
     "mfa": True, "source_ip_restricted": True, "firmware_updated": date(2025, 11, 20), "logs_kept": True,
     "logs_reviewed": True, "bandwidth_mbps": 100, "cost_jpy_per_year": 900000},
    {"id": "inet", "kind": "internet_gateway", "operator": "港湾テレコム株式会社", "device_vendor": "Palo Alto Networks",
     "device_product": "PA-3220", "device_version": "PAN-OS 11.1.4-h7", "lands_in": "dmz", "serves": ["file"],
     "firmware_updated": date(2025, 9, 2), "logs_kept": True, "logs_reviewed": True, "bandwidth_mbps": 10000,
     "redundant": True, "cost_jpy_per_year": 3600000},
    {"id": "research-inet", "kind": "internet_gateway", "operator": "学術情報ネットワーク(医学部経由)",
     "lands_in": "research-lan", "serves": ["research"], "logs_kept": True, "bandwidth_mbps": 10000},
    {"id": "cloud-gw", "kind": "cloud_link", "operator": "港湾テレコム株式会社(閉域クラウド接続)", "lands_in": "office-lan",
     "serves": ["groupware"], "mfa": True, "source_ip_restricted": True, "logs_kept": True, "logs_reviewed": True,
     "closed_network": True, "bandwidth_mbps": 1000, "cost_jpy_per_year": 2400000,
     "notes": "グループウェアSaaSへの閉域接続(2024年開通)"},
    {"id": "staff-vpn", "kind": "ssl_vpn", "operator": "医療情報部", "device_vendor": "Fortinet",
     "device_product": "FortiGate 600F", "device_version": "7.4.8", "lands_in": "office-lan", "serves": ["file"],
     "mfa": True, "firmware_updated": date(2026, 6, 3), "logs_kept": True, "logs_reviewed": True},
]
# fmt: on


def connections(rng: random.Random, systems: list[System]) -> list[Connection]:
    by_vendor: dict[str, list[str]] = {}
    for s in systems:
        if s.servers:  # a SaaS is maintained in the vendor's cloud, not over a line into the hospital
            by_vendor.setdefault(s.vendor or "", []).append(s.id)
    kaimei = VENDORS["kaimei"][0]
    out = [Connection(**c) for c in FIXED_CONNECTIONS]
    out.append(
        Connection(
            id="rm-kaimei",
            kind="remote_maintenance",
            operator=kaimei,
            device_vendor="Cisco",
            device_product="ASA 5516-X",
            device_version="9.18.4",
            lands_in="vendor-seg",
            serves=sorted(by_vendor[kaimei]),
            always_on=False,
            mfa=True,
            source_ip_restricted=True,
            firmware_updated=date(2025, 5, 12),
            logs_kept=True,
            logs_reviewed=True,
            closed_network=True,
        )
    )
    lines = [v for v in VENDORS if v not in ("kaimei",)]
    for n, vendor in enumerate(lines):
        maker, product, version = DEVICES[n % len(DEVICES)]
        if VENDORS[vendor][1] == "good" and _OLD.match(version):
            maker, product, version = "Fortinet", "FortiGate 100F", "7.4.8"  # careful vendors keep devices current
        old = bool(_OLD.match(version)) or not version
        serves = sorted(by_vendor.get(VENDORS[vendor][0], []))
        if not serves:
            continue
        dialup = product.startswith("ISDN")
        out.append(
            Connection(
                id=f"rm-{vendor}",
                kind="dialup" if dialup else "remote_maintenance",
                operator=VENDORS[vendor][0],
                device_vendor=maker or None,
                device_product=product,
                device_version=version or None,
                lands_in="dept-lan" if dialup else "vendor-seg",
                serves=serves,
                always_on=not dialup,
                mfa=not old and rng.random() < 0.6,
                source_ip_restricted=not old or rng.random() < 0.3,
                shared_credentials=old and rng.random() < 0.7,
                firmware_updated=None
                if dialup
                else date(rng.randint(2017, 2020) if old else rng.randint(2024, 2026), rng.randint(1, 10), 1),
                logs_kept=not old,
                logs_reviewed=not old and rng.random() < 0.5,
                bandwidth_mbps=0.064 if dialup else None,
            )
        )
    return out


def flows(systems: list[System]) -> list[Flow]:
    def f(
        src: str, dst: str, protocol: str, mbps: float | None = None, gb: float | None = None, wait: bool = False
    ) -> Flow:
        return Flow(source=src, target=dst, protocol=protocol, mbps=mbps, gb_per_day=gb, latency_sensitive=wait)

    out = [
        f("emr", "billing", "db_link", 20, wait=True),
        f("billing", "emr", "db_link", 10, wait=True),
        f("emr", "ordering", "db_link", 30, wait=True),
        f("ordering", "emr", "hl7v2", 5, wait=True),
        f("modality", "pacs", "dicom", 1200, 900, True),
        f("ris", "modality", "dicom", 2, wait=True),
        # viewer launch and key images only: the images themselves go from PACS to the terminals on site
        f("pacs", "emr", "api", 8, wait=True),
        f("pacs", "report", "api", 200, wait=True),
        f("report", "emr", "hl7v2", gb=0.2),
        f("nm", "pacs", "dicom", gb=20),
        f("rt", "pacs", "dicom", gb=30),
        f("endoscopy", "pacs", "dicom", 80, 40),
        f("physio", "pacs", "dicom", gb=10),
        f("lis", "emr", "hl7v2", gb=2, wait=True),
        f("bacteria", "lis", "hl7v2", gb=0.05),
        f("lis", "checkup", "file_share", gb=0.1),
        f("pathology", "emr", "hl7v2", gb=0.1),
        f("physio", "emr", "api", 20, wait=True),
        f("ris", "emr", "hl7v2", gb=0.2),
        f("pharmacy", "injection", "file_share", gb=0.05),
        f("pharmacy", "chemo", "hl7v2", gb=0.02),
        f("anesthesia", "surgery", "db_link", gb=0.5),
        f("emr", "icu", "hl7v2", gb=0.5, wait=True),
        f("emr", "nicu", "hl7v2", gb=0.1, wait=True),
        f("emr", "er", "hl7v2", gb=0.2, wait=True),
        f("emr", "dialysis", "file_share", gb=0.02),
        f("emr", "surgery", "hl7v2", gb=0.2),
        f("emr", "nursing", "hl7v2", gb=1, wait=True),
        f("emr", "bed", "api", gb=0.05),
        f("emr", "dwh", "db_link", gb=40),
        f("dwh", "research", "file_share", gb=5),
        f("emr", "regional", "fhir", gb=6),
        f("pacs", "regional", "dicom", gb=20),
        f("oq", "billing", "file_share", gb=0.05, wait=True),
        f("billing", "dpc", "file_share", gb=2),
        f("documents", "emr", "api", gb=15),
        f("genome", "emr", "fhir", gb=0.05),
        f("logistics", "billing", "file_share", gb=0.1),
        f("bacteria", "infection", "file_share", gb=0.02),
        f("emr", "trial", "file_share", gb=0.1),
    ]
    for target in (
        "lis",
        "ris",
        "pharmacy",
        "nutrition",
        "transfusion",
        "pathology",
        "physio",
        "endoscopy",
        "rehab",
        "rt",
        "chemo",
    ):
        out.append(
            f(
                "ordering",
                target,
                "hl7v2",
                gb=0.5 if target in ("lis", "pharmacy") else 0.05,
                wait=target != "nutrition",
            )
        )
    for s in systems:
        if s.id.endswith("-img"):
            out.append(f(s.id, "emr", "api", 50, 2, True))
        elif s.id.endswith("-db"):
            out.append(f("emr", s.id, "file_share", gb=0.05))
    return out


def practices() -> Practices:
    yes, no, unknown = "yes", "no", "unknown"
    return Practices(
        security_manager=yes,
        asset_register=yes,
        remote_maintenance_confirmed=unknown,
        mds_sds=yes,
        role_based_access=yes,
        account_cleanup=no,
        access_logs=yes,
        patching=no,
        unneeded_services=unknown,
        source_restriction=no,
        incident_contacts=yes,
        backup_restore=yes,
        cyber_bcp=yes,
        no_password_reuse=no,
        media_control=unknown,
        two_factor=no,
    )


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _plain(value: Any) -> Any:
    """JSON-mode data made pleasant in YAML: whole floats as integers, ISO dates as YAML dates."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _DAY.match(value):
        return date.fromisoformat(value)
    return value


def render() -> dict[str, str]:
    """File name -> YAML text of the generated sample, one file per inventory part."""
    dumped = _plain(build().model_dump(mode="json", by_alias=True, exclude_defaults=True))
    return {f"{part}.yaml": dump_yaml({part: dumped[part]}, PART_HEADERS[part]) for part in PART_HEADERS}


def main() -> None:
    for name, text in render().items():
        write_text(OUT / name, text)


if __name__ == "__main__":
    main()
