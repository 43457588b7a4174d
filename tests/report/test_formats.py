from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from hismigrate.report.formats import (
    MISSING,
    format_date,
    format_fiscal_year,
    format_jpy,
    format_month,
    format_number,
    format_pct,
)


@pytest.mark.parametrize(
    ("value", "ja", "en"),
    [
        (0, "0円", "¥0"),
        (9_999, "9,999円", "¥9,999"),
        (10_000, "1万円", "¥10,000"),
        (500_000, "50万円", "¥500,000"),
        (999_999, "100万円", "¥999,999"),
        (1_000_000, "100万円", "¥1 million"),
        (34_500_000, "3,450万円", "¥34.5 million"),
        (99_994_999, "9,999万円", "¥100 million"),
        (99_995_000, "1億円", "¥100 million"),
        (120_000_000, "1.2億円", "¥120 million"),
        (125_000_000, "1.3億円", "¥125 million"),
        (999_960_000, "10億円", "¥1 billion"),
        (12_345_678_901, "123億円", "¥12.3 billion"),
        (-120_000_000, "-1.2億円", "-¥120 million"),
        (-0.4, "0円", "¥0"),
        (Decimal("2.5"), "3円", "¥3"),
        (None, MISSING, MISSING),
    ],
)
def test_jpy_reads_naturally_in_each_language(value, ja, en):
    assert format_jpy(value, "ja") == ja
    assert format_jpy(value, "en") == en


@given(st.integers(min_value=-(10**13), max_value=10**13))
@example(10**8)
def test_exact_yen_keeps_every_digit(amount):
    text = format_jpy(amount, "ja", exact=True)
    assert text.endswith("円")
    assert int(text[:-1].replace(",", "")) == amount


@given(st.floats(min_value=1_000_000, max_value=1e13, allow_nan=False))
def test_short_yen_is_within_rounding_of_the_amount(amount):
    text = format_jpy(amount, "ja")
    if text.endswith("億円"):
        shown = Decimal(text[:-2].replace(",", "")) * 100_000_000
        tolerance = Decimal(5_000_000) if shown < Decimal(10) ** 10 else Decimal(50_000_000)
    else:
        shown = Decimal(text[:-2].replace(",", "")) * 10_000
        tolerance = Decimal(5_000)
    assert abs(shown - Decimal(str(amount))) <= tolerance


def test_numbers_round_half_up_and_never_show_minus_zero():
    assert format_number(2.5) == "3"
    assert format_number(1234567.85, 1) == "1,234,567.9"
    assert format_number(-0.2) == "0"
    assert format_number(None) == MISSING
    assert format_pct(0.1234) == "12.3%"
    assert format_pct(-0.0001) == "0.0%"
    assert format_pct(None) == MISSING
    assert Decimal("0.125").quantize(Decimal("0.01"), ROUND_HALF_UP) == Decimal("0.13")


@pytest.mark.parametrize(
    ("day", "ja", "en"),
    [(date(2026, 12, 1), "2026年12月1日", "1 Dec 2026"), (date(2027, 1, 31), "2027年1月31日", "31 Jan 2027")],
)
def test_dates_in_the_report_language(day, ja, en):
    assert format_date(day, "ja") == ja
    assert format_date(day, "en") == en


def test_months_and_fiscal_years():
    assert format_month(date(2026, 4, 9), "ja") == "2026年4月"
    assert format_month(date(2026, 4, 9), "en") == "Apr 2026"
    assert format_fiscal_year(2026, "ja") == "2026年度"
    assert format_fiscal_year(2026, "en") == "FY2026"
    assert format_date(None, "ja") == MISSING
