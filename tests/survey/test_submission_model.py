"""The Submission model: JSON round trip, classes and bands, region consistency."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from bench.survey_generator import generate
from hismigrate.model.enums import Prefecture
from hismigrate.model.submission import (
    CHANGE_BAND_RANGE_PCT,
    COST_BAND_EDGES_JPY,
    BedClass,
    Region,
    Submission,
    change_band,
    cost_band,
    region_of,
    region_table,
)


def test_every_prefecture_has_one_region_and_every_region_prefectures() -> None:
    table = region_table()
    assert set(table) == set(Prefecture)
    assert set(table.values()) == set(Region)
    assert region_of(Prefecture.mie) == Region.kinki and region_of(Prefecture.okinawa) == Region.kyushu_okinawa


@pytest.mark.parametrize(
    ("beds", "expected"),
    [
        (0, BedClass.under_200),
        (199, BedClass.under_200),
        (200, BedClass.from_200_to_399),
        (399, BedClass.from_200_to_399),
        (400, BedClass.from_400),
        (1200, BedClass.from_400),
    ],
)
def test_bed_class_boundaries(beds: int, expected: BedClass) -> None:
    assert BedClass.of(beds) == expected


@given(st.floats(min_value=0, max_value=1e11, allow_nan=False))
def test_cost_band_holds_the_cost(yearly: float) -> None:
    band = cost_band(yearly)
    assert band in COST_BAND_EDGES_JPY and band <= yearly
    higher = [e for e in COST_BAND_EDGES_JPY if e > band]
    assert not higher or yearly < higher[0]


@given(st.floats(min_value=-1000, max_value=1000, allow_nan=False))
def test_change_band_is_a_clamped_multiple_of_ten(change: float) -> None:
    band = change_band(change)
    low, high = CHANGE_BAND_RANGE_PCT
    assert band % 10 == 0 and low <= band <= high
    if low + 10 <= change < high:
        assert band <= change < band + 10


def test_json_round_trip_is_exact() -> None:
    for submission in generate(20, seed=3):
        text = submission.model_dump_json(indent=2)
        again = Submission.model_validate_json(text)
        assert again == submission and again.model_dump_json(indent=2) == text


def test_region_must_hold_the_prefecture() -> None:
    data = next(generate(1)).model_dump(mode="json")
    data["prefecture"], data["region"] = "okinawa", "hokkaido"
    with pytest.raises(ValidationError) as info:
        Submission.model_validate(data)
    assert info.value.errors()[0]["loc"] == ("region",)


def test_no_exact_bed_count_field() -> None:
    assert "beds" not in Submission.model_fields and "bed_class" in Submission.model_fields
    assert all(f.description for f in Submission.model_fields.values())
