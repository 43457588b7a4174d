"""The shared field types: constraints checked after the text is cleaned, reported by kind, shown in the schema."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from hismigrate.model.fields import Id, Slug, Text
from hismigrate.model.inventory import Inventory


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        (Id, " ｓｒｖ０１ ", "srv01"),  # cleaned first (width, outer spaces), then checked
        (Id, 12, "12"),
        (Slug, "sakura-general", "sakura-general"),
        (Text, "  名前 ", "名前"),
    ],
)
def test_text_is_cleaned_before_it_is_checked(field: object, value: object, expected: str) -> None:
    assert TypeAdapter(field).validate_python(value) == expected


@pytest.mark.parametrize(
    ("field", "value", "kind"),
    [
        (Id, "x" * 129, "string_too_long"),
        (Id, "a b", "string_pattern_mismatch"),
        (Id, "a:b", "string_pattern_mismatch"),
        (Slug, "Upper", "string_pattern_mismatch"),
        (Slug, "x" * 65, "string_too_long"),
        (Text, "x" * 2001, "string_too_long"),
        (Text, "   ", "string_type"),  # blank text is no text
    ],
)
def test_each_broken_constraint_is_reported_by_its_kind(field: object, value: object, kind: str) -> None:
    with pytest.raises(ValidationError) as info:
        TypeAdapter(field).validate_python(value)
    assert [e["type"] for e in info.value.errors()] == [kind]


def test_the_schema_shows_the_id_pattern_and_lengths() -> None:
    server = Inventory.model_json_schema()["$defs"]["Server"]["properties"]["id"]
    assert server["pattern"] == r"^[^\s:,、]+$"
    assert (server["minLength"], server["maxLength"]) == (1, 128)
