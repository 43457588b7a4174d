"""The JSON Schema of a survey submission, with its closed vocabularies spelled out (the model checks them in code)."""

from __future__ import annotations

from typing import Any

from hismigrate.model.submission import Submission
from hismigrate.model.submission_codes import SUBMISSION_SCHEMA_VERSION, vocabulary


def submission_schema() -> dict[str, Any]:
    """The schema of the current version: bounds of every number, every enumeration, and the only check ids and
    checklist items a submission may hold."""
    document = Submission.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = f"hismigrate survey submission, schema version {SUBMISSION_SCHEMA_VERSION}"
    words = vocabulary(SUBMISSION_SCHEMA_VERSION)
    properties = document["properties"]
    properties["findings"]["propertyNames"] = {"enum": list(words["checks"])}
    properties["checklist"]["propertyNames"] = {"enum": list(words["checklist_items"])}
    return document
