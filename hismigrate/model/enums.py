"""Enumerations of the inventory. Each accepts its value, its English and Japanese labels from the i18n
catalog (`enum.<Class>.<value>`, all in core.yaml), and the extra aliases below, compared width-, case- and
space-insensitively."""

from __future__ import annotations

from enum import StrEnum
from functools import cache

from hismigrate.model.text import fold


class AliasedEnum(StrEnum):
    """A StrEnum that also accepts Japanese and English aliases."""

    @classmethod
    def _missing_(cls, value: object) -> AliasedEnum | None:
        if isinstance(value, bool):  # YAML reads an unquoted yes/no as a boolean
            value = "yes" if value else "no"
        if not isinstance(value, str):
            return None
        return _alias_table(cls).get(fold(value))


@cache
def _alias_table(cls: type[AliasedEnum]) -> dict[str, AliasedEnum]:
    from hismigrate.i18n import LANGUAGES, area

    table: dict[str, AliasedEnum] = {}
    for member in cls:
        words = [member.value, *EXTRA_ALIASES.get(cls.__name__, {}).get(member.value, ())]
        for lang in LANGUAGES:
            text = area(lang, "core").get(f"enum.{cls.__name__}.{member.value}")
            if text:
                words.append(text)
        for word in words:
            table.setdefault(fold(word), member)
    return table


class HospitalType(AliasedEnum):
    university = "university"
    acute = "acute"
    chronic = "chronic"
    psychiatric = "psychiatric"
    clinic = "clinic"
    mixed = "mixed"


class Founder(AliasedEnum):
    """The ministry's founder classes (設置主体) used in its statistics."""

    national = "national"
    public = "public"
    social_insurance = "social_insurance"
    medical_corporation = "medical_corporation"
    individual = "individual"
    other = "other"


class Zone(AliasedEnum):
    clinical = "clinical"
    office = "office"
    internet = "internet"
    medical_device = "medical_device"
    dmz = "dmz"
    management = "management"
    vendor = "vendor"


class ServerRole(AliasedEnum):
    application = "application"
    database = "database"
    web = "web"
    file = "file"
    domain_controller = "domain_controller"
    backup = "backup"
    terminal_server = "terminal_server"
    interface = "interface"
    storage = "storage"
    monitoring = "monitoring"
    remote_access = "remote_access"
    hypervisor = "hypervisor"
    other = "other"


class Protection(AliasedEnum):
    """Antivirus or EDR state of a server."""

    edr = "edr"
    antivirus = "antivirus"
    disabled = "disabled"
    none = "none"
    unknown = "unknown"


class UtilisationBasis(AliasedEnum):
    peak = "peak"
    p95 = "p95"


class SystemCategory(AliasedEnum):
    emr = "emr"
    billing = "billing"
    ordering = "ordering"
    pacs = "pacs"
    lis = "lis"
    ris = "ris"
    pharmacy = "pharmacy"
    nutrition = "nutrition"
    surgery = "surgery"
    dialysis = "dialysis"
    nursing = "nursing"
    logistics = "logistics"
    checkup = "checkup"
    rehabilitation = "rehabilitation"
    documents = "documents"
    groupware = "groupware"
    identity = "identity"
    other = "other"


class Customisation(AliasedEnum):
    none = "none"
    low = "low"
    medium = "medium"
    high = "high"


class Standard(AliasedEnum):
    hl7v2 = "hl7v2"
    fhir = "fhir"
    dicom = "dicom"
    ssmix2 = "ssmix2"


class VendorCloud(AliasedEnum):
    """Whether the system's vendor offers a cloud-hosted edition or a SaaS."""

    none = "none"
    cloud = "cloud"
    saas = "saas"
    unknown = "unknown"


class Strategy(AliasedEnum):
    """The 6R migration strategies."""

    rehost = "rehost"
    replatform = "replatform"
    refactor = "refactor"
    repurchase = "repurchase"
    retain = "retain"
    retire = "retire"


class AllocationKey(AliasedEnum):
    """How a group's shared costs are split between its members."""

    beds = "beds"
    users = "users"
    equal = "equal"
    shares = "shares"


class ConnectionKind(AliasedEnum):
    remote_maintenance = "remote_maintenance"
    ssl_vpn = "ssl_vpn"
    ipsec_vpn = "ipsec_vpn"
    internet_gateway = "internet_gateway"
    online_eligibility = "online_eligibility"
    e_prescription = "e_prescription"
    regional_network = "regional_network"
    cloud_link = "cloud_link"
    email = "email"
    dialup = "dialup"


class Protocol(AliasedEnum):
    hl7v2 = "hl7v2"
    fhir = "fhir"
    dicom = "dicom"
    file_share = "file_share"
    db_link = "db_link"
    api = "api"
    other = "other"


class Answer(AliasedEnum):
    """An answer to a checklist question."""

    yes = "yes"
    no = "no"
    unknown = "unknown"


class Prefecture(AliasedEnum):
    hokkaido = "hokkaido"
    aomori = "aomori"
    iwate = "iwate"
    miyagi = "miyagi"
    akita = "akita"
    yamagata = "yamagata"
    fukushima = "fukushima"
    ibaraki = "ibaraki"
    tochigi = "tochigi"
    gunma = "gunma"
    saitama = "saitama"
    chiba = "chiba"
    tokyo = "tokyo"
    kanagawa = "kanagawa"
    niigata = "niigata"
    toyama = "toyama"
    ishikawa = "ishikawa"
    fukui = "fukui"
    yamanashi = "yamanashi"
    nagano = "nagano"
    gifu = "gifu"
    shizuoka = "shizuoka"
    aichi = "aichi"
    mie = "mie"
    shiga = "shiga"
    kyoto = "kyoto"
    osaka = "osaka"
    hyogo = "hyogo"
    nara = "nara"
    wakayama = "wakayama"
    tottori = "tottori"
    shimane = "shimane"
    okayama = "okayama"
    hiroshima = "hiroshima"
    yamaguchi = "yamaguchi"
    tokushima = "tokushima"
    kagawa = "kagawa"
    ehime = "ehime"
    kochi = "kochi"
    fukuoka = "fukuoka"
    saga = "saga"
    nagasaki = "nagasaki"
    kumamoto = "kumamoto"
    oita = "oita"
    miyazaki = "miyazaki"
    kagoshima = "kagoshima"
    okinawa = "okinawa"

    @classmethod
    def _missing_(cls, value: object) -> Prefecture | None:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        return _prefecture_table().get(fold(value)) if isinstance(value, str) else None


@cache
def _prefecture_table() -> dict[str, Prefecture]:
    """Labels and aliases, plus "東京" for "東京都" and the JIS X 0401 code ("13", "01") common in ledgers."""
    from hismigrate.i18n import catalog

    table: dict[str, Prefecture] = dict(_alias_table(Prefecture))  # type: ignore[arg-type]
    for code, member in enumerate(Prefecture, start=1):
        table.setdefault(fold(str(code)), member)
        table.setdefault(fold(f"{code:02d}"), member)
        ja = catalog("ja")[f"enum.Prefecture.{member.value}"]
        if ja != "北海道":
            table.setdefault(fold(ja[:-1]), member)
    return table


# Spellings found in real inventories beyond the catalog labels (which are accepted too).
EXTRA_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "HospitalType": {
        "university": ("大学", "特定機能病院", "大学附属病院"),
        "acute": ("急性期", "一般病院", "急性期病院", "general"),
        "chronic": ("慢性期", "療養", "療養病院", "慢性期病院"),
        "psychiatric": ("精神科", "精神"),
        "clinic": ("診療所", "クリニック"),
        "mixed": ("ケアミックス", "混合"),
    },
    "Founder": {
        "national": ("国", "国立"),
        "public": ("公立", "自治体", "公的医療機関", "公的"),
        "social_insurance": ("社会保険関係団体", "社会保険"),
        "medical_corporation": ("医療法人",),
        "individual": ("個人",),
        "other": ("その他", "学校法人", "社会福祉法人"),
    },
    "Zone": {
        "clinical": ("診療系", "臨床", "電子カルテ系", "医療情報系"),
        "office": ("情報系", "事務系", "業務系"),
        "internet": ("インターネット系",),
        "medical_device": ("医療機器系", "モダリティ", "医療機器ネットワーク"),
        "management": ("管理系", "運用管理", "管理"),
        "vendor": ("保守", "保守系", "ベンダ", "ベンダー"),
    },
    "ServerRole": {
        "application": ("AP", "APサーバ", "アプリ", "app"),
        "database": ("DB", "DBサーバ", "db"),
        "web": ("Webサーバ",),
        "file": ("ファイルサーバ",),
        "domain_controller": ("AD", "DC", "ドメインコントローラー", "Active Directory"),
        "terminal_server": ("RDS", "ターミナルサーバ", "ターミナル"),
        "interface": ("連携", "連携サーバ", "インターフェース", "IF"),
        "remote_access": ("踏み台", "踏み台サーバ", "jump"),
        "hypervisor": ("ESXi", "仮想化基盤", "Hyper-V"),
    },
    "Protection": {
        "edr": ("EDR", "XDR"),
        "antivirus": ("AV", "ウイルス対策", "アンチウイルス", "有", "あり", "yes"),
        "disabled": ("停止", "無効化"),
        "none": ("無", "なし", "no"),
        "unknown": ("不明", "?"),
    },
    "UtilisationBasis": {"peak": ("最大", "max"), "p95": ("95パーセンタイル", "95%")},
    "SystemCategory": {
        "emr": ("電子カルテ", "電カル", "カルテ"),
        "billing": ("医事会計", "レセコン", "医事", "レセプト"),
        "pacs": ("医用画像管理", "画像", "画像管理"),
        "lis": ("臨床検査", "検体検査", "検査システム"),
        "ris": ("放射線情報", "放射線部門"),
        "pharmacy": ("調剤", "薬剤部門", "薬局"),
        "nutrition": ("給食", "栄養・給食", "栄養管理"),
        "surgery": ("手術部門", "手術管理"),
        "nursing": ("看護支援", "看護部門"),
        "logistics": ("SPD", "物品管理"),
        "checkup": ("人間ドック", "健康診断"),
        "rehabilitation": ("リハビリ",),
        "documents": ("文書", "スキャン"),
        "identity": ("統合認証", "ID管理", "認証基盤", "AD"),
    },
    "Customisation": {"none": ("無", "なし"), "low": ("小", "低"), "medium": ("中",), "high": ("大", "高")},
    "Standard": {"hl7v2": ("HL7 v2", "HL7v2.5", "HL7"), "fhir": ("HL7 FHIR",), "ssmix2": ("SS-MIX2", "SSMIX")},
    "VendorCloud": {"none": ("無", "なし", "no"), "cloud": ("クラウド", "有"), "saas": ("SaaS版",)},
    "Strategy": {
        "retain": ("残置", "オンプレ維持"),
        "repurchase": ("買い替え", "SaaS化", "リプレース"),
        "retire": ("廃止",),
    },
    "ConnectionKind": {
        "remote_maintenance": ("リモート保守", "リモートメンテナンス", "保守回線"),
        "ssl_vpn": ("SSL-VPN", "SSLVPN"),
        "ipsec_vpn": ("IPsec", "IPsec-VPN", "IP-VPN"),
        "internet_gateway": ("インターネット接続", "インターネット", "internet"),
        "online_eligibility": ("オン資", "オンライン資格確認"),
        "e_prescription": ("電子処方箋",),
        "regional_network": ("地連", "地域医療連携", "地域医療情報連携ネットワーク"),
        "cloud_link": ("クラウド接続", "閉域接続", "専用線"),
        "email": ("メール", "電子メール"),
        "dialup": ("ダイヤルアップ", "電話回線", "ISDN", "モデム"),
    },
    "AllocationKey": {
        "beds": ("病床", "病床数割", "病床割"),
        "users": ("利用者", "利用者数割", "ユーザー数"),
        "equal": ("均等", "均等割", "頭割り"),
        "shares": ("指定", "負担割合", "按分指定"),
    },
    "Protocol": {"file_share": ("ファイル連携", "ファイル共有", "CSV"), "db_link": ("DB連携", "DBリンク")},
    "Answer": {
        "yes": ("はい", "有", "あり", "〇", "○", "済", "true", "y"),
        "no": ("いいえ", "無", "なし", "×", "未", "false", "n"),
        "unknown": ("不明", "わからない", "?", "-"),
    },
}
