"""Numbers, money, percentages and dates written the way a reader of the report's language expects them.

Rounding is decimal half-up so that a figure never depends on binary floating point, and `None` shows as a dash.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

MISSING = "—"  # shown for a value that is not known, in every language

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MAN = Decimal(10_000)
_OKU = Decimal(100_000_000)
_MILLION = Decimal(1_000_000)
_BILLION = Decimal(1_000_000_000)

Number = int | float | Decimal


def _decimal(value: Number) -> Decimal:
    # str() first: Decimal(0.1) would carry the binary error into the rounding.
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _rounded(value: Decimal, digits: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def format_number(value: Number | None, digits: int = 0) -> str:
    """`1234567.8` -> `1,234,568`; with `digits=1` -> `1,234,567.8`."""
    if value is None:
        return MISSING
    rounded = _rounded(_decimal(value), digits)
    if rounded == 0:
        rounded = abs(rounded)  # no "-0"
    return f"{rounded:,.{digits}f}"


def _trimmed(value: Decimal, digits: int) -> str:
    """Thousands separators, at most `digits` decimals, no trailing zeros (`1.0` -> `1`)."""
    text = format_number(value, digits)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_jpy(value: Number | None, lang: str, exact: bool = False) -> str:
    """An amount in yen as a reader says it: Japanese in 万円 and 億円 from 1万円 up (`50万円`, `3,450万円`, `1.2億円`),
    English in millions and billions from a million up (`¥500,000`, `¥34.5 million`, `¥1.2 billion`); with `exact`,
    every yen (`123,456,789円`, `¥123,456,789`)."""
    if value is None:
        return MISSING
    amount = _decimal(value)
    sign = "-" if _rounded(amount, 0) < 0 else ""
    amount = abs(amount)
    if lang != "ja":
        if exact or amount < 1_000_000:
            return f"{sign}¥{format_number(amount)}"
        millions = _rounded(amount / _MILLION, 1)
        if millions < 1_000:
            return f"{sign}¥{_trimmed(millions, 1)} million"
        return f"{sign}¥{_trimmed(_rounded(amount / _BILLION, 1), 1)} billion"
    if exact or amount < _MAN:
        return f"{sign}{format_number(amount)}円"
    man = _rounded(amount / _MAN, 0)
    if man < 10_000:
        return f"{sign}{format_number(man)}万円"
    oku = amount / _OKU
    digits = 1 if oku < 100 else 0
    return f"{sign}{_trimmed(_rounded(oku, digits), digits)}億円"


def format_signed_jpy(value: Number | None, lang: str, exact: bool = False) -> str:
    """An amount with its sign always shown, as a saving is: `+1.2億円`, `-3,450万円`, `0円`."""
    if value is None:
        return MISSING
    return ("+" if _rounded(_decimal(value), 0) > 0 else "") + format_jpy(value, lang, exact)


def format_decimal(value: Number | None, digits: int = 4) -> str:
    """A number with up to `digits` decimals and no trailing zeros: `0.1302` -> `0.1302`, `1000.0` -> `1,000`."""
    if value is None:
        return MISSING
    return _trimmed(_decimal(value), digits)


def format_mbps(value: Number | None) -> str:
    """A bandwidth as people read it: whole Mbps from 10 up (`109.106` -> `109`), one decimal below (`2.46` ->
    `2.5`), no trailing zero (`3.0` -> `3`)."""
    if value is None:
        return MISSING
    amount = _decimal(value)
    return _trimmed(amount, 0 if abs(amount) >= 10 else 1)


def format_pct(value: Number | None, digits: int = 1) -> str:
    """A fraction as a percentage: `0.1234` -> `12.3%`."""
    if value is None:
        return MISSING
    return f"{format_number(_decimal(value) * 100, digits)}%"


def format_date(value: date | None, lang: str) -> str:
    """`2026年12月1日` in Japanese, `1 Dec 2026` in English."""
    if value is None:
        return MISSING
    if lang == "ja":
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"


def format_month(value: date | None, lang: str) -> str:
    """`2026年12月` in Japanese, `Dec 2026` in English: for timeline axes."""
    if value is None:
        return MISSING
    if lang == "ja":
        return f"{value.year}年{value.month}月"
    return f"{_MONTHS_EN[value.month - 1]} {value.year}"


def format_fiscal_year(year: int | None, lang: str) -> str:
    """A Japanese fiscal year (April to March): `2026年度` / `FY2026`."""
    if year is None:
        return MISSING
    return f"{year}年度" if lang == "ja" else f"FY{year}"
