"""The Submission model: JSON round trip, classes and bands, region consistency."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from bench.survey_generator import generate
from hismigrate.model.enums import Prefecture
from hismigrate.model.submission import (
    CHANGE_BAND_RANGE_PCT,
    COST_BAND_EDGES_JPY,
    MAX_CONNECTIONS,
    MAX_FINDINGS,
    MAX_SERVERS,
    MAX_SYSTEMS,
    MAX_WAVES,
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
    data = next(generate(1)).model_dump(mode="json") | {"facility_code": "h-" + "0" * 32}
    data["prefecture"], data["region"] = "okinawa", "hokkaido"
    with pytest.raises(ValidationError) as info:
        Submission.model_validate(data)
    assert info.value.errors()[0]["loc"] == ("region",)


def test_no_exact_bed_count_field() -> None:
    assert "beds" not in Submission.model_fields and "bed_class" in Submission.model_fields
    assert all(f.description for f in Submission.model_fields.values())


def _data() -> dict:  # type: ignore[type-arg]
    return next(generate(1, seed=4)).model_dump(mode="json")


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("exposure", "now"), float("nan")),
        (("exposure", "after_plan"), float("inf")),
        (("exposure", "now"), 100.1),
        (("counts", "servers"), MAX_SERVERS + 1),
        (("counts", "systems"), MAX_SYSTEMS + 1),
        (("counts", "servers"), -1),
        (("counts", "connections", "remote_maintenance"), MAX_CONNECTIONS + 1),
        (("plan", "waves"), MAX_WAVES + 1),
        (("plan", "already_in_cloud"), float("nan")),
        (("plan", "already_in_cloud"), 1.5),
        (("plan", "by_year"), {"1999": 0.1}),
        (("plan", "by_year"), {"2030": float("inf")}),
        (("findings",), {"HIS-CONN-001": {"high": MAX_FINDINGS + 1}}),
        (("cost", "horizon_years"), 31),
        (("as_of",), "1999-12-31"),
        (("as_of",), "2101-01-01"),
    ],
)
def test_every_number_is_finite_and_bounded(path: tuple[str, ...], value: object) -> None:
    data = _data()
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    with pytest.raises(ValidationError) as info:
        Submission.model_validate(data)
    assert len(info.value.errors()) == 1, info.value.errors()


def test_nan_in_a_json_file_is_refused() -> None:
    text = re.sub(r'"now":[0-9.]+', '"now":NaN', next(generate(1, seed=4)).model_dump_json())
    with pytest.raises(ValidationError) as info:
        Submission.model_validate_json(text)
    assert [e["type"] for e in info.value.errors()] == ["finite_number"]


def test_the_schema_states_every_bound() -> None:
    from hismigrate.survey.schema import submission_schema

    schema = submission_schema()
    defs = schema["$defs"]
    assert defs["Counts"]["properties"]["servers"]["maximum"] == MAX_SERVERS
    assert defs["Exposure"]["properties"]["now"]["maximum"] == 100
    assert defs["PlanSummary"]["properties"]["waves"]["maximum"] == MAX_WAVES
    assert "100,000" in defs["Counts"]["properties"]["servers"]["description"]
    assert schema["properties"]["findings"]["propertyNames"]["enum"][0] == "HIS-CONN-001"
    assert "2-(7)" in schema["properties"]["checklist"]["propertyNames"]["enum"]
    assert schema["properties"]["facility_code"]["pattern"] == "^([0-9]{10}|h-[0-9a-f]{32})$"


def test_the_vocabulary_is_the_shipped_catalogs() -> None:
    """The schema's frozen lists and the catalogs agree: an export is always readable, and a new check or item
    is a decision about the schema version, not a silent change of what is accepted."""
    from hismigrate.exposure.checklist import load_checklist
    from hismigrate.exposure.registry import all_checks
    from hismigrate.model.submission_codes import vocabulary

    words = vocabulary()
    assert words["checks"] == tuple(c.id for c in all_checks())
    assert words["checklist_items"] == tuple(i.item for i in load_checklist())
