"""assessment.json is written by pydantic's serializer but stays byte for byte what Python's json module writes."""

from __future__ import annotations

import json

from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from hismigrate.report.json_writer import _python_float_parts, _python_floats, model_json


class Values(BaseModel):
    numbers: list[float]
    texts: list[str]
    table: dict[str, float]
    nested: list[list[float | str | None]]


def _reference(model: BaseModel) -> bytes:
    return (json.dumps(model.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


finite = st.floats(allow_nan=False, allow_infinity=False)
small = st.floats(min_value=-1e-3, max_value=1e-3, allow_nan=False)
texts = st.text(st.characters(exclude_categories=("Cs",)))


@settings(max_examples=150, deadline=None)  # 5,000 passed once; 150 keep the suite fast
@given(
    numbers=st.lists(finite | small),
    texts=st.lists(texts | st.sampled_from(["1e-07", "x 0.00001", 'a": 1e-7', "e-5\n,"])),
    table=st.dictionaries(texts, finite | small),
    nested=st.lists(st.lists(finite | small | texts | st.none())),
)
@example(numbers=[1e-5, -1e-7, 5e-324, 1e-4, 9.9e-5, 1e16, 1e22, -0.0, 0.1], texts=[], table={}, nested=[])
@example(numbers=[], texts=["1e-7", "0.00001"], table={"k 1e-7": 1e-7, "0.00001": 2e-5}, nested=[[1e-6], [3e-9, "x"]])
def test_model_json_is_pythons_json(numbers: list, texts: list, table: dict, nested: list) -> None:  # type: ignore[type-arg]
    model = Values(numbers=numbers, texts=texts, table=table, nested=nested)
    assert model_json(model) == _reference(model)


def test_small_floats_are_rewritten_and_strings_are_not() -> None:
    text = b'{\n  "a": 1e-7,\n  "b": [\n    0.00001,\n    -0.000015\n  ],\n  "c": "1e-7",\n  "d": 0.1\n}'
    assert _python_floats(text) == (
        b'{\n  "a": 1e-07,\n  "b": [\n    1e-05,\n    -1.5e-05\n  ],\n  "c": "1e-7",\n  "d": 0.1\n}\n'
    )


def test_parts_are_views_between_the_rewritten_numbers() -> None:
    text = b'{\n  "a": 1e-7,\n  "b": 0.5\n}'
    parts = _python_float_parts(text)
    assert [bytes(p) for p in parts] == [b'{\n  "a": ', b"1e-07", b',\n  "b": 0.5\n}', b"\n"]
    assert isinstance(parts[0], memoryview) and parts[0].obj is text  # not copied
    assert [bytes(p) for p in _python_float_parts(b"[]")] == [b"[]", b"\n"]
