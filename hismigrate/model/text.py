"""Normalising what people type: full-width forms, spaces, case, Japanese yes/no marks and era dates.

Used by the model's validators, so that YAML, Excel and importers accept the same spellings.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

_SEPARATORS = re.compile(r"[\s_\-・･/]+")


def fold(text: str) -> str:
    """Width-, case- and separator-insensitive form of a word (`Ｍｅｄｉｃａｌ－Device` -> `medicaldevice`)."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", text).casefold())


def clean(text: str) -> str:
    """NFKC-normalised text with stray spaces removed from both ends (full-width digits become ASCII)."""
    return unicodedata.normalize("NFKC", text).strip()


TRUE_WORDS = frozenset(
    fold(w)
    for w in (
        "true",
        "yes",
        "y",
        "1",
        "on",
        "はい",
        "有",
        "あり",
        "有り",
        "〇",
        "○",
        "◯",
        "●",
        "済",
        "実施",
        "している",
    )
)
FALSE_WORDS = frozenset(
    fold(w)
    for w in (
        "false",
        "no",
        "n",
        "0",
        "off",
        "いいえ",
        "無",
        "なし",
        "無し",
        "×",
        "✕",
        "✖",
        "x",
        "未",
        "未実施",
        "していない",
    )
)
UNKNOWN_WORDS = frozenset(fold(w) for w in ("unknown", "不明", "わからない", "分からない", "?", "？", "-", "―", "ー"))


def parse_flag(value: object) -> object:
    """True/False from the many ways a workbook says yes or no; other values pass through to pydantic."""
    if isinstance(value, str):
        word = fold(value)
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    return value


_ERAS = {  # era -> the Gregorian year of its first year (year 1 of the era)
    "令和": 2019,
    "r": 2019,
    "平成": 1989,
    "h": 1989,
    "昭和": 1926,
    "s": 1926,
}
_ERA_DATE = re.compile(r"^(令和|平成|昭和|[rhs])\s*(元|\d{1,2})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?$")
_ISO_LIKE = re.compile(r"^(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?$")


def parse_day(value: object) -> object:
    """A date from ISO text, 2024/4/1, 2024年4月1日, an era date (令和6年4月1日, R6.4.1, 平成31年4月1日)
    or a datetime at midnight. Anything else passes through so that pydantic reports it."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return value
    text = clean(value).casefold()
    if not text:
        return None
    text = text.split("t")[0] if re.match(r"^\d{4}-\d{2}-\d{2}t", text) else text
    text = text.split(" ")[0] if re.match(r"^\d{4}-\d{2}-\d{2} \d", text) else text
    m = _ISO_LIKE.match(text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        return _safe_date(y, mo, d, value)
    m = _ERA_DATE.match(text)
    if m:
        era, year, month, day = m.groups()
        n = 1 if year == "元" else int(year)
        return _safe_date(_ERAS[era] + n - 1, int(month), int(day), value)
    return value


def _safe_date(y: int, m: int, d: int, original: str) -> object:
    try:
        return date(y, m, d)
    except ValueError:
        return original  # pydantic then reports an invalid date with the user's own text


_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(\D|$))")
_UNIT_SUFFIX = re.compile(r"\s*(円|jpy|yen|gb|gib|mb|mib|tb|mbps|w|%|時間|h|人|台|床)\s*$", re.IGNORECASE)


def parse_number(value: object) -> object:
    """A number from text with full-width digits, thousands separators and a trailing unit (`１,２００ＧＢ`)."""
    if isinstance(value, str):
        text = _THOUSANDS.sub("", clean(value))
        text = _UNIT_SUFFIX.sub("", text).strip()
        if text == "":
            return None
        return text
    return value


_LIST_SPLIT = re.compile(r"[,、，;；\n]+")


def parse_list(value: object) -> object:
    """A list from one cell: `srv1, srv2`, `srv1、srv2` or one item per line; lists pass through."""
    if isinstance(value, str):
        return [part.strip() for part in _LIST_SPLIT.split(clean(value)) if part.strip()]
    return value


def parse_text(value: object) -> object:
    """Text with width normalised and outer spaces removed; numbers typed into a text column become text."""
    if isinstance(value, str):
        # ASCII text is its own NFKC form: skip the normalisation for it (most ids and names, 700,000 at x100)
        text = value.strip() if value.isascii() else clean(value)
        return text or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(int(value)) if float(value).is_integer() else str(value)
    return value
