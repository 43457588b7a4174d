"""assessment.json (schema 2.2): compact, made field by field to exactly pydantic's text of the whole Assessment,
each check's texts once, numbers that read back to the same values, and every field of its schema described."""

from __future__ import annotations

import json
from datetime import date
from functools import cache

import pytest

from hismigrate.load import load_inventory
from hismigrate.load.inputs import load_inputs
from hismigrate.model.assessment import Assessment
from hismigrate.pipeline import assess
from hismigrate.report.json_writer import assessment_json, assessment_json_parts, result_schema
from tests.conftest import REPO


@cache
def _assessment(hospital: str) -> Assessment:
    inventory = load_inventory([REPO / "inventories" / hospital])
    return assess(inventory, load_inputs(date(2026, 4, 1), None, None, None))


@pytest.mark.parametrize("hospital", ["aozora-chronic", "sakura-general"])
def test_the_parts_are_pydantics_compact_text_of_the_whole(hospital: str) -> None:
    assessment = _assessment(hospital)
    parts = list(assessment_json_parts(assessment))
    text = b"".join(parts)
    assert text == assessment.model_dump_json().encode("utf-8") + b"\n" == assessment_json(assessment)
    assert text.count(b"\n") == 1 and b'": ' not in text  # no indentation, no spaces after the keys
    assert Assessment.model_validate_json(text) == assessment
    # made field by field, the cost lines column by column: no part near the size of the whole
    assert len(parts) > 40 and max(len(p) for p in parts) < len(text) // 3


def test_each_checks_texts_are_stored_once() -> None:
    assessment = _assessment("sakura-general")
    text = assessment_json(assessment).decode("utf-8")
    data = json.loads(text)
    used = {f["check_id"] for f in (*data["findings"], *data["gaps"])}
    assert set(data["checks"]) == used and list(data["checks"]) == sorted(used)
    for check in data["checks"].values():
        for words in (*check["title"].values(), *check["remediation"].values()):
            assert text.count(json.dumps(words, ensure_ascii=False)) == 1
    assert all(set(f) == {"check_id", "severity", "subject", "evidence", "references"} for f in data["findings"])
    # a finding's references are its check's and its own, the check's written once in `checks`
    for f in assessment.findings:
        assert not set(f.references) & set(assessment.checks[f.check_id].references)


def test_numbers_read_back_to_the_same_values() -> None:
    assessment = _assessment("aozora-chronic")
    cost = assessment.cost.model_copy(update={"discount_rate": 1e-05})
    tiny = assessment.model_copy(
        update={"cost": cost, "summary": assessment.summary.model_copy(update={"exposure_index_now": 1e-7})}
    )
    text = assessment_json(tiny)
    # pydantic-core's form (the Assessment's description): positional from 1e-5, an exponent below
    assert b'"discount_rate":0.00001,' in text and b'"exposure_index_now":1e-7,' in text
    back = json.loads(text)
    assert back["cost"]["discount_rate"] == 1e-05 and back["summary"]["exposure_index_now"] == 1e-7


def _undescribed(schema: dict) -> list[str]:  # type: ignore[type-arg]
    models = {"Assessment": schema, **schema["$defs"]}
    return [
        f"{name}.{field}"
        for name, model in models.items()
        for field, spec in model.get("properties", {}).items()
        if not spec.get("description", "").strip()
    ]


def test_every_field_of_the_result_schema_is_described() -> None:
    schema = result_schema()
    assert _undescribed(schema) == []
    assert "2.2" in schema["description"] and "checks" in schema["description"]
    # the walk sees every model the Assessment holds, however deep
    assert {"FindingOut", "CheckText", "CostLines", "Hop", "ScenarioOutcome"} <= set(schema["$defs"])
    broken = json.loads(json.dumps(schema))
    del broken["$defs"]["Hop"]["properties"]["target"]["description"]
    assert _undescribed(broken) == ["Hop.target"]
