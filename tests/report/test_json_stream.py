"""assessment.json made field by field and in runs of items is byte for byte the JSON of the whole model."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from hismigrate.model.assessment import Assessment
from hismigrate.parallel import can_fork
from hismigrate.report import json_stream, json_writer
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


@pytest.mark.skipif(not can_fork(), reason="workers are forked on Linux only")
@pytest.mark.parametrize("hospital", SAMPLES)
def test_parts_made_by_workers_are_the_same_text(
    hospital: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = SAMPLE_REPORTS / hospital / "assessment.json"
    if not path.exists():
        pytest.skip("sample report absent")
    committed = path.read_bytes()
    assessment = Assessment.model_validate_json(committed)
    monkeypatch.setattr(json_stream, "RUN", 3)
    monkeypatch.setattr(json_writer, "PARALLEL_FROM_RUNS", 2)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the workers' scratch files go
    parts = assessment_json_parts(assessment, jobs=2)
    first = next(parts)
    assert isinstance(first, memoryview)  # mapped from a worker's file, not made here
    text = bytes(first) + b"".join(bytes(p) for p in parts)
    assert text == committed
    assert list(tmp_path.iterdir()) == []  # the scratch files are gone


@pytest.mark.skipif(not can_fork(), reason="workers are forked on Linux only")
def test_stopping_the_workers_early_leaves_no_scratch_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = SAMPLE_REPORTS / "sakura-general" / "assessment.json"
    if not path.exists():
        pytest.skip("sample report absent")
    assessment = Assessment.model_validate_json(path.read_bytes())
    monkeypatch.setattr(json_stream, "RUN", 2)
    monkeypatch.setattr(json_writer, "PARALLEL_FROM_RUNS", 2)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    parts = assessment_json_parts(assessment, jobs=2)
    next(parts)
    assert len(list(tmp_path.iterdir())) == 1
    parts.close()  # as when writing the file fails
    assert list(tmp_path.iterdir()) == []
