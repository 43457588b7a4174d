"""Guesses from names: the zone of a network segment, the category of a group of servers, and the criticality a
category usually has. Each guess names the word it rests on, so that a draft can say why.

Words are matched on a name's tokens (`emr-db01` -> `emr`, `db`; `電カルAP01` -> `電カル`, `ap`): a Latin word must
be a whole token (`lab` is not found in `label`), a Japanese word anywhere in a token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hismigrate.model.enums import SystemCategory, Zone
from hismigrate.model.text import clean

_TOKEN = re.compile(r"[a-z]+|[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]+")
_LATIN = re.compile(r"^[a-z]+$")

ZONE_WORDS: tuple[tuple[Zone, tuple[str, ...]], ...] = (
    (
        Zone.management,
        ("mgmt", "management", "manage", "vmotion", "vmk", "esxi", "ilo", "idrac", "bmc", "管理", "運用"),
    ),
    (Zone.dmz, ("dmz", "public", "公開")),
    (Zone.medical_device, ("modality", "dicom", "device", "モダリティ", "医療機器", "装置")),
    (Zone.vendor, ("vendor", "maint", "maintenance", "remote", "保守", "ベンダ")),
    (Zone.internet, ("internet", "inet", "wan", "guest", "インターネット", "ゲスト")),
    (Zone.office, ("office", "oa", "intra", "groupware", "情報系", "事務", "業務", "グループウェア")),
    (Zone.clinical, ("emr", "ehr", "his", "clinical", "カルテ", "電カル", "診療", "医療情報")),
)
"""Zone of a segment from words in its network's name, first match wins; without one, `clinical` (DEFAULT_ZONE)."""
DEFAULT_ZONE = Zone.clinical
"""A hospital's server networks carry clinical systems unless their name says otherwise."""

CATEGORY_WORDS: tuple[tuple[SystemCategory, tuple[str, ...]], ...] = (
    (SystemCategory.emr, ("emr", "ehr", "karte", "egmain", "megaoak", "newtons", "電子カルテ", "電カル", "カルテ")),
    (SystemCategory.billing, ("billing", "receipt", "rece", "iji", "医事", "会計", "レセ")),
    (SystemCategory.ordering, ("order", "ordering", "オーダ")),
    (SystemCategory.pacs, ("pacs", "dicom", "image", "viewer", "画像", "読影")),
    (SystemCategory.lis, ("lis", "lab", "kensa", "検査", "検体")),
    (SystemCategory.ris, ("ris", "radiology", "放射線")),
    (SystemCategory.pharmacy, ("pharmacy", "pharm", "drug", "yakuzai", "薬剤", "調剤", "薬局")),
    (SystemCategory.nutrition, ("nutrition", "meal", "eiyo", "栄養", "給食")),
    (SystemCategory.surgery, ("surgery", "ope", "anesthesia", "手術", "麻酔")),
    (SystemCategory.dialysis, ("dialysis", "touseki", "透析")),
    (SystemCategory.nursing, ("nursing", "nurse", "kango", "看護")),
    (SystemCategory.logistics, ("spd", "logistics", "物流", "物品")),
    (SystemCategory.checkup, ("checkup", "kenshin", "dock", "健診", "ドック")),
    (SystemCategory.rehabilitation, ("rehab", "rehabilitation", "リハ")),
    (SystemCategory.documents, ("document", "documents", "doc", "scan", "文書", "スキャン")),
    (SystemCategory.groupware, ("groupware", "mail", "portal", "グループウェア", "メール")),
    (SystemCategory.identity, ("ad", "dc", "ldap", "identity", "認証")),
)
"""Category of a system from words in the names of its group and servers, first match wins; else `other`."""

CRITICALITY = {
    SystemCategory.emr: 1,
    SystemCategory.ordering: 1,
    SystemCategory.identity: 1,
    SystemCategory.billing: 2,
    SystemCategory.pacs: 2,
    SystemCategory.lis: 2,
    SystemCategory.ris: 2,
    SystemCategory.pharmacy: 2,
    SystemCategory.surgery: 2,
    SystemCategory.dialysis: 2,
    SystemCategory.nursing: 2,
}
"""Criticality a category usually has (1: care stops without it); 3 for every other category."""
OTHER_CRITICALITY = 3


@dataclass(frozen=True)
class Guess:
    """A guessed value and the word it rests on (None: the default, nothing matched)."""

    value: object
    word: str | None


def tokens(name: str) -> list[str]:
    """Lower-case Latin and Japanese runs of a name; digits and separators split it."""
    return _TOKEN.findall(clean(name).casefold())


def _find(texts: list[str], table: tuple[tuple[object, tuple[str, ...]], ...]) -> Guess | None:
    words = [w for text in texts for w in tokens(text)]
    for value, keys in table:
        for key in keys:
            if any((w == key) if _LATIN.match(key) else (key in w) for w in words):
                return Guess(value, key)
    return None


def guess_zone(name: str) -> Guess:
    return _find([name], ZONE_WORDS) or Guess(DEFAULT_ZONE, None)  # type: ignore[arg-type]


def guess_category(texts: list[str]) -> Guess:
    """The category of the first text that names one (the group's own name first, then its servers')."""
    for text in texts:
        found = _find([text], CATEGORY_WORDS)  # type: ignore[arg-type]
        if found:
            return found
    return Guess(SystemCategory.other, None)


def criticality(category: SystemCategory) -> int:
    return CRITICALITY.get(category, OTHER_CRITICALITY)
