"""Formula neutralisation of survey text cells follows the shared report rule, and keeps the suppression dash."""

from __future__ import annotations

import pytest

from hismigrate.survey.xlsx_bytes import safe_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [("=1+1", "'=1+1"), (" =cmd|'/c calc'!A1", "' =cmd|'/c calc'!A1"), ("@SUM(A1)", "'@SUM(A1)"), ("-", "-")],
)
def test_formula_like_text_is_escaped(text: str, expected: str) -> None:
    assert safe_text(text) == expected


@pytest.mark.parametrize("text", ["Kanto", "2-(7)", "a=b", "100"])
def test_plain_text_is_kept(text: str) -> None:
    assert safe_text(text) == text
