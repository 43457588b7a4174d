"""assessment.json: the Assessment as schema-versioned JSON (its JSON Schema: `hismigrate schema --result`)."""

from __future__ import annotations

import json

from hismigrate.model.assessment import Assessment


def assessment_json(assessment: Assessment) -> bytes:
    """Deterministic JSON text: model field order, two-space indent, UTF-8 without escapes, final newline."""
    data = assessment.model_dump(mode="json")
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def result_schema() -> dict:  # type: ignore[type-arg]
    schema = Assessment.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "hismigrate assessment"
    return schema
