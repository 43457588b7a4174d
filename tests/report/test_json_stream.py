"""assessment.json made field by field and in runs of items is byte for byte the JSON of the whole model."""

from __future__ import annotations

import pytest

from hismigrate.model.assessment import Assessment
from hismigrate.report import json_stream
from hismigrate.report.json_writer import assessment_json_parts, model_json
from tests.conftest import SAMPLE_REPORTS

SAMPLES = ["aozora-chronic", "sakura-general"]


@pytest.mark.parametrize("hospital", SAMPLES)
@pytest.mark.parametrize("run", [1, 2, 7, 5000])
def test_parts_join_to_the_whole_text(hospital: str, run: int, monkeypatch: pytest.MonkeyPatch) -> None:
    path = SAMPLE_REPORTS / hospital / "assessment.json"
    if not path.exists():
        pytest.skip("sample report absent")
    committed = path.read_bytes()
    assessment = Assessment.model_validate_json(committed)
    monkeypatch.setattr(json_stream, "RUN", run)
    parts = list(assessment_json_parts(assessment))
    assert b"".join(parts) == committed == model_json(assessment)
    if run == 1:  # the cost lines and findings came in runs, not in one piece
        assert max(len(p) for p in parts) < len(committed) // 10


def test_small_floats_in_every_part_are_pythons(monkeypatch: pytest.MonkeyPatch) -> None:
    path = SAMPLE_REPORTS / "aozora-chronic" / "assessment.json"
    if not path.exists():
        pytest.skip("sample report absent")
    assessment = Assessment.model_validate_json(path.read_bytes())
    cost = assessment.cost.model_copy(update={"discount_rate": 1e-05})
    tiny = assessment.model_copy(update={"cost": cost})
    monkeypatch.setattr(json_stream, "RUN", 1)
    text = b"".join(assessment_json_parts(tiny))
    assert b'"discount_rate": 1e-05,\n' in text
    assert text == model_json(tiny)
