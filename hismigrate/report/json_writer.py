"""assessment.json: the Assessment as compact, schema-versioned JSON (its JSON Schema: `hismigrate schema --result`).

pydantic-core writes the text (its form is stated in the Assessment's description). It is made field by field,
descending into the parts that hold an estate's long tables (the cost case and its lines), so that no text of the
whole estate is held at once: at 100 times a university the largest field (the cost lines' amounts) is about 45 MB
of about 190 MB, which pydantic would otherwise hold twice (its buffer and the bytes made from it).
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from hismigrate.model.assessment import Assessment
from hismigrate.model.cost import CostLines, CostResult

# Written field by field rather than whole. None has custom serializers or computed fields, so its JSON is exactly
# its fields' JSON in order.
_DESCEND: tuple[type[BaseModel], ...] = (Assessment, CostResult, CostLines)


def assessment_json(assessment: Assessment) -> bytes:
    """The whole text: `assessment.model_dump_json()` and a final line break, in UTF-8."""
    return b"".join(assessment_json_parts(assessment))


def assessment_json_parts(assessment: Assessment) -> Iterator[bytes]:
    """The bytes of `assessment_json`, made part by part as they are written."""
    yield from _parts(assessment)
    yield b"\n"


def _parts(model: BaseModel) -> Iterator[bytes]:
    serializer = type(model).__pydantic_serializer__
    opening = b"{"
    for name in type(model).__pydantic_fields__:
        key = opening + b'"' + name.encode("ascii") + b'":'
        opening = b","
        value = getattr(model, name)
        if isinstance(value, _DESCEND):
            yield key
            yield from _parts(value)
        else:
            # pydantic's text of the model with only this field is `{"name":<value>}`
            yield key + serializer.to_json(model, include={name})[len(name) + 4 : -1]
    yield b"}" if opening == b"," else b"{}"


def result_schema() -> dict:  # type: ignore[type-arg]
    schema = Assessment.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "hismigrate assessment"
    return schema
