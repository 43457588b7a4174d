"""`hismigrate assess` end to end on the small hospital: files written, exit codes, determinism, bad options."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hismigrate", *args],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "HISMIGRATE_LANG": "en", "COLUMNS": "200"},
    )


def test_json_written_and_byte_identical(small_dir: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        result = run("assess", str(small_dir), "-o", str(out), "--format", "json", "--as-of", "2026-12-01")
        assert result.returncode == 0, result.stderr
    data = json.loads((a / "assessment.json").read_text(encoding="utf-8"))
    assert data["schema_version"] and data["as_of"] == "2026-12-01" and data["hospital"]["id"] == "test-small"
    for key in ("summary", "findings", "checklist", "attack_paths", "strategies", "waves", "states", "cost"):
        assert key in data
    assert (a / "assessment.json").read_bytes() == (b / "assessment.json").read_bytes()


def test_jobs_do_not_change_the_result(small_dir: Path, tmp_path: Path) -> None:
    written = []
    for jobs in ("1", "3"):
        out = tmp_path / jobs
        result = run(
            "assess", str(small_dir), "-o", str(out), "--format", "json", "--as-of", "2026-12-01", "--jobs", jobs
        )
        assert result.returncode == 0, result.stderr
        written.append((out / "assessment.json").read_bytes())
    assert written[0] == written[1]


def test_fail_on_gives_exit_1_when_a_finding_reaches_it(small_dir: Path, tmp_path: Path) -> None:
    result = run(
        "assess",
        str(small_dir),
        "-o",
        str(tmp_path),
        "--format",
        "json",
        "--as-of",
        "2026-12-01",
        "--fail-on",
        "critical",
    )
    assert result.returncode == 1
    assert (tmp_path / "assessment.json").exists()


def test_bad_options_are_usage_errors_and_write_nothing(small_dir: Path, tmp_path: Path) -> None:
    for args in (
        ["--format", "pdf"],
        ["--fail-on", "severe"],
        ["--as-of", "yesterday"],
        ["--settings", str(tmp_path / "missing.yaml")],
        ["--jobs", "0"],
    ):
        out = tmp_path / "out"
        result = run("assess", str(small_dir), "-o", str(out), *args)
        assert result.returncode == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr
        assert not out.exists() or list(out.iterdir()) == []


def test_result_schema_describes_the_json(small_dir: Path, tmp_path: Path) -> None:
    schema = json.loads(run("schema", "--result").stdout)
    assert schema["title"] == "hismigrate assessment"
    result = run("assess", str(small_dir), "-o", str(tmp_path), "--format", "json", "--as-of", "2026-12-01")
    assert result.returncode == 0
    data = json.loads((tmp_path / "assessment.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    broken = dict(data, summary={"waves": "many"})
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema, cls=jsonschema.Draft202012Validator)
