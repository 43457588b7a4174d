"""What people type: full-width forms, Japanese yes/no marks, era dates, numbers with units."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from hismigrate.model.text import clean, fold, parse_day, parse_flag, parse_list, parse_number, parse_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-04-01", date(2024, 4, 1)),
        ("2024/4/1", date(2024, 4, 1)),
        ("２０２４／４／１", date(2024, 4, 1)),
        ("2024年4月1日", date(2024, 4, 1)),
        ("令和6年4月1日", date(2024, 4, 1)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("平成31年4月1日", date(2019, 4, 1)),
        ("R6.4.1", date(2024, 4, 1)),
        ("H30.12.31", date(2018, 12, 31)),
        ("S64.1.7", date(1989, 1, 7)),
        ("2024-04-01T00:00:00", date(2024, 4, 1)),
        (datetime(2024, 4, 1), date(2024, 4, 1)),
        ("", None),
    ],
)
def test_dates(text: object, expected: date | None) -> None:
    assert parse_day(text) == expected


@pytest.mark.parametrize("text", ["2024-13-01", "令和6年2月30日", "someday"])
def test_impossible_dates_pass_through_for_validation_to_report(text: str) -> None:
    assert parse_day(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("〇", True),
        ("○", True),
        ("はい", True),
        ("有", True),
        ("YES", True),
        ("×", False),
        ("無", False),
        ("いいえ", False),
        ("0", False),
        ("maybe", "maybe"),
    ],
)
def test_flags(text: str, expected: object) -> None:
    assert parse_flag(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("１６", "16"), ("1,024", "1024"), ("１，２００ＧＢ", "1200"), (" 4,000,000円 ", "4000000"), ("", None), (12, 12)],
)
def test_numbers(text: object, expected: object) -> None:
    assert parse_number(text) == expected


def test_lists_and_fold() -> None:
    assert parse_list("srv1, srv2、srv3") == ["srv1", "srv2", "srv3"]
    assert fold("Ｍｅｄｉｃａｌ－Device") == "medicaldevice"


@given(st.text())
@example(" ａｂｃ ")
@example("\u3000x\u3000")
@example(" \t")
def test_parse_text_is_the_cleaned_text_or_nothing(value: str) -> None:
    assert parse_text(value) == (clean(value) or None)
